"""Spanish quotes: « », “ ”, the dash of dialogue, "que" clauses and "según" (hand-built sentences)."""
import pytest

pytestmark = pytest.mark.spanish


def quotes(parse_es, text):
    doc = parse_es(text)
    for q in doc._.quotes:
        assert doc._.article.text[q.start:q.end] == q.text
    return doc._.quotes


def test_guillemets_with_the_cue_after_and_its_subject(parse_es):
    (q,) = quotes(parse_es, "«No hay conversaciones con Estados Unidos», afirmó Díaz-Canel el lunes.")
    assert q.kind == "direct" and q.text == "No hay conversaciones con Estados Unidos"
    assert q.cue.text == "afirmó" and q.speaker.name == "Miguel Díaz-Canel"
    assert q.date_text == "el lunes" and q.date.isoformat() == "2026-01-05"


def test_curly_quotes_with_the_cue_before(parse_es):
    (q,) = quotes(parse_es, "Donald Trump dijo: “Estamos hablando con Cuba”.")
    assert q.text == "Estamos hablando con Cuba" and q.speaker.name == "Donald Trump" and q.cue.text == "dijo"


def test_a_left_out_subject_is_the_person_named_before(parse_es):
    qs = quotes(parse_es, "Donald Trump habló a bordo del avión. «Cuba está lista para caer», aseguró.")
    assert qs[-1].speaker is not None and qs[-1].speaker.name == "Donald Trump"


def test_dialogue_dash(parse_es):
    qs = quotes(parse_es, "Marco Rubio respondió a los periodistas.\n—Si viviera en La Habana, estaría preocupado "
                          "—dijo Rubio.")
    dash = [q for q in qs if q.text.startswith("Si viviera")]
    assert dash and dash[0].text == "Si viviera en La Habana, estaría preocupado"
    assert dash[0].speaker.name == "Marco Rubio"


def test_indirect_speech_and_segun(parse_es):
    qs = quotes(parse_es, "El canciller negó que su país negocie con Washington. Según el Gobierno cubano, "
                          "las sanciones son ilegales.")
    indirect = next(q for q in qs if q.cue and q.cue.text == "negó")
    assert indirect.kind == "indirect" and indirect.text == "su país negocie con Washington"
    segun = next(q for q in qs if q.cue and q.cue.text == "Según")
    assert segun.text == "las sanciones son ilegales" and segun.speaker.name == "Cuban government"


def test_a_short_title_in_quotes_is_no_quotation(parse_es):
    assert quotes(parse_es, "La película “Fresa y chocolate” se estrenó en 1993.") == []
