"""Language identification: the supported language ranked first, kin of a supported language on a short text not a
clear win, other languages a notice and no records."""
import pytest

from chronicler.language import CLEAR_WIN, identify, normalise, unsupported_notice


@pytest.mark.parametrize("text, language", [
    ("Cuba's President Miguel Diaz-Canel has denied being in negotiations with the United States.", "en"),
    ("El presidente cubano, Miguel Díaz-Canel, negó el lunes que haya negociaciones con Estados Unidos.", "es"),
    ("INDIGENAS RADICALIZAN PARALIZACION EN LA ZONA RURAL", "es"),  # capitals are read lowered
    ("Congo government rejects demands from rebel group.", "en"),  # Nigerian Pidgin first, not a clear win
])
def test_supported_languages_are_told(text, language):
    guess = identify(text)
    assert guess is not None and guess.language == language and guess.supported


@pytest.mark.parametrize("text, language", [
    ("Le président cubain a nié lundi toute négociation avec les États-Unis, après les menaces de Donald Trump.", "fr"),
    ("O presidente cubano negou na segunda-feira que haja negociações com os Estados Unidos.", "pt"),
    ("Der kubanische Präsident hat am Montag Verhandlungen mit den Vereinigten Staaten bestritten.", "de"),
])
def test_other_languages_are_not_read_as_english_or_spanish(text, language):
    guess = identify(text)
    assert guess is not None and guess.language == language and not guess.supported
    assert guess.probability > CLEAR_WIN * 0.1


def test_no_letters_no_guess():
    assert identify("123 456 -- !!") is None


def test_normalise_user_codes():
    assert [normalise(x) for x in ("ES", "es-MX", "spa", "Spanish", "english", " ", None)] == \
        ["es", "es", "es", "es", "en", None, None]
    assert "'fr'" in unsupported_notice("fr") and "no actors" in unsupported_notice("fr")
