import pytest

from chronicler.sources.article import find_dateline, make_article


def test_headline_without_final_period_is_the_title():
    text = "Labour plans maternity pay rise\n\nMaternity pay for new mothers is to rise by £1,400."
    a = make_article(text)
    assert a.title == "Labour plans maternity pay rise"
    assert text[a.title_span[0]:a.title_span[1]] == a.title
    assert text[a.body_start:].lstrip().startswith("Maternity")


def test_first_sentence_with_period_is_not_a_title():
    text = "Darian Lonechild is new to advocacy work.\n She has met the minister."
    assert make_article(text).title is None


def test_headline_with_period_followed_by_dateline():
    text = "Leader denies talks, vowing to resist.\nHAVANA: The president denied it on Monday."
    a = make_article(text)
    assert a.title == "Leader denies talks, vowing to resist."
    assert a.dateline == "HAVANA"
    assert text[a.dateline_span[0]:a.dateline_span[1]] == "HAVANA"
    assert text[a.body_start:].startswith("The president")


def test_caller_title_is_kept_and_located():
    text = "Cuba denies talks\nThe president denied it."
    a = make_article(text, title="Cuba denies talks")
    assert a.title_span == (0, 17)


def test_datelines_in_agency_styles():
    cases = {
        "WASHINGTON (Reuters) - The U.S. said": "WASHINGTON",
        "NEW YORK, March 3 (Reuters) - Shares fell": "NEW YORK",
        "Havana, Cuba (AP) — The government said": "Havana, Cuba",
        "LONDON: Britain said": "LONDON",
        "PORT-AU-PRINCE -- Haiti's leader said": "PORT-AU-PRINCE",
    }
    for text, place in cases.items():
        found = find_dateline(text, 0)
        assert found is not None, text
        assert found[1] == place
        assert text[found[2]] != " "


def test_ordinary_sentences_are_not_datelines():
    for text in ["Trump said: we are talking.", "The US - and Cuba - disagree.", "He said it: no.",
                 "Havana, Cuba - a city", "NATO said nothing"]:
        assert find_dateline(text, 0) is None, text


def test_dateline_given_by_the_caller_wins():
    a = make_article("Shares rose.", dateline="NEW YORK")
    assert a.dateline == "NEW YORK" and a.dateline_span is None


@pytest.mark.parametrize("text, place, body", [
    ("LA HABANA, 5 ene (EFE).- «No vamos a ceder», afirmó.", "LA HABANA", "«No vamos"),
    ("Montevideo, 27 abr 2023 (AFP) - La central sindical convocó.", "Montevideo", "La central"),
    ("MADRID, 12 de marzo (EP) - El Gobierno aprobó.", "MADRID", "El Gobierno"),
    ("Temuco, Chile, 22 mar 2023 (AFP) - El Gobierno chileno anunció.", "Temuco, Chile", "El Gobierno"),
])
def test_spanish_wire_datelines(text, place, body):
    article = make_article(text)
    assert article.dateline == place and text[article.body_start:].startswith(body)


def test_a_name_with_a_number_and_initials_is_no_dateline():
    assert make_article("Smith, 5 votes (R) - the bill passed.").dateline is None
