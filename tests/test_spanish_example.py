"""The seed's story told in Spanish (examples/cuba-conversaciones.txt, written for chronicler): the key records
come out as they do from the English seed, with the same canonical actors and codes."""
from datetime import date
from pathlib import Path

import pytest

from conftest import assert_valid

pytestmark = pytest.mark.spanish
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cuba-conversaciones.txt"


@pytest.fixture(scope="module")
def result(analyzer, spanish):
    from chronicler.sources.article import make_article

    text = EXAMPLE.read_text("utf-8")
    out = analyzer.analyze(make_article(text, published=date(2026, 1, 6))).to_dict()  # language identified
    assert_valid(text, out)
    return out


def test_the_document_is_told_spanish(result):
    assert result["document"]["language"] == "es" and "notice" not in result["document"]
    assert result["document"]["dateline"] == "LA HABANA"


def test_actors_are_the_english_ones(result):
    codes = {a["name"]: a["code"] for a in result["actors"]}
    assert codes["Miguel Díaz-Canel"] == "CUBGOV" and codes["Donald Trump"] == "USAGOV"
    assert codes["Marco Rubio"] == "USAGOV" and codes["Nicolás Maduro"] == "VENGOV"
    assert codes["United States"] == "USA" and codes["Cuban government"] == "CUBGOV"


def test_diaz_canel_denies_talks_with_the_us(result):
    denials = [e for e in result["events"] if e["type"] == "CONSULT" and e["polarity"] == "negated"
               and e["source"]["country"] == "CUB"]
    assert denials and {e["target"]["country"] for e in denials} == {"USA"}
    assert any(e["type"] == "REJECT" and e["source"]["name"] == "Miguel Díaz-Canel" for e in result["events"])


def test_trumps_claim_quotes_and_threat(result):
    talk = [e for e in result["events"] if e["type"] == "CONSULT" and e["polarity"] == "asserted"
            and e["source"]["name"] == "Donald Trump"]
    assert talk and any(e["target"] and e["target"]["country"] == "CUB" and e["date"] == "2026-01-04" for e in talk)
    quote = next(q for q in result["quotes"] if q["text"] == "Estamos hablando con Cuba")
    assert quote["speaker"]["name"] == "Donald Trump" and quote["cue"]["text"] == "dijo"
    assert any(e["type"] == "THREATEN" and e["source"]["code"] == "USAGOV" for e in result["events"])
    rubio = next(q for q in result["quotes"] if q["text"].startswith("Si yo viviera"))
    assert rubio["speaker"]["name"] == "Marco Rubio" and rubio["date"] == "2026-01-03"


def test_the_dispute(result):
    events = {e["id"]: e for e in result["events"]}
    (d,) = result["disputes"]
    claim, counter = events[d["claim"]], events[d["counter"]]
    assert claim["type"] == counter["type"] == "CONSULT"
    assert claim["source"]["country"] == "USA" and counter["source"]["country"] == "CUB"
    assert claim["polarity"] == "asserted" and counter["polarity"] == "negated"


def test_maduro_captured_by_the_us(result):
    assert any(e["type"] == "COERCE" and e["source"]["country"] == "USA" and e["target"]
               and e["target"]["name"] == "Nicolás Maduro" for e in result["events"])
