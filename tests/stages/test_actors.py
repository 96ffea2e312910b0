"""The actors stage on parsed text: people with titles, states and metonyms, coded groups, places."""
from __future__ import annotations

from datetime import date

import pytest

from chronicler.sources.article import make_article
from chronicler.stages.actors import actor_for_tokens, locate


@pytest.fixture(scope="module")
def parse(analyzer):
    def run(text, published=None):
        return analyzer.parse(make_article(text, published=published))
    return run


def _by_name(doc):
    return {a.name: a for a in doc._.actors}


def _texts(doc, actor):
    text = doc._.article.text
    return [text[s:e] for s, e in actor.mentions]


def test_apposition_gives_title_country_and_sector(parse):
    doc = parse("Ayman Safadi, the foreign minister of Jordan, said the talks had failed.")
    safadi = _by_name(doc)["Ayman Safadi"]
    assert (safadi.kind, safadi.country, safadi.sector, safadi.title) == ("person", "JOR", "GOV", "Foreign minister")


def test_unknown_person_gets_country_from_title_and_joins_surname(parse):
    doc = parse("Ruritanian officials were absent. Peruvian Interior Minister Juan Quispe met reporters. "
                "Quispe said he would resign.")
    actor = next(a for a in doc._.actors if a.kind == "person")
    assert (actor.country, actor.sector) == ("PER", "GOV")
    assert _texts(doc, actor)[:2] == ["Juan Quispe", "Quispe"]


def test_knowledge_fixes_mislabelled_names(parse):
    doc = parse("Diaz-Canel met Macron in Paris on Monday. Macron said France would help.")
    names = _by_name(doc)
    assert names["Miguel Díaz-Canel"].country == "CUB"
    assert names["Emmanuel Macron"].sector == "GOV"
    assert len(names["Emmanuel Macron"].mentions) == 2


def test_capital_as_argument_is_the_government_but_in_capital_is_a_place(parse):
    doc = parse("Trump urged Havana to make a deal. Tourists in Havana were calm.")
    gov = [a for a in doc._.actors if a.code == "CUBGOV"]
    assert len(gov) == 1 and _texts(doc, gov[0]) == ["Havana"]
    assert any(p.location.name == "Havana" and p.location.lat for p in doc._.places)


def test_government_phrases_and_metonyms_share_one_actor(parse):
    doc = parse("The Kremlin warned on Tuesday. The Russian government said Moscow would respond.")
    gov = [a for a in doc._.actors if a.code == "RUSGOV"]
    assert len(gov) == 1
    assert set(_texts(doc, gov[0])) >= {"The Kremlin", "Russian government", "Moscow"}


@pytest.mark.parametrize("text,phrase,code", [
    ("A Jordanian official said the border was closed.", "Jordanian official", "JORGOV"),
    ("Iraqi troops entered the town on Sunday.", "Iraqi troops", "IRQMIL"),
    ("A Swiss court rejected the appeal.", "Swiss court", "CHEJUD"),
    ("The Croatian government denied the report.", "Croatian government", "HRVGOV"),
])
def test_coded_groups_are_actors_found_by_actor_for_tokens(parse, text, phrase, code):
    doc = parse(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    actor = actor_for_tokens(doc, span.start, span.end)
    assert actor is not None and actor.code == code and actor.kind in ("group", "organization")


def test_actor_for_tokens_prefers_the_group_over_its_country(parse):
    doc = parse("The US military raid ousted the leader.")
    span = doc[0:4]  # "The US military raid"
    assert actor_for_tokens(doc, span.start, span.end).code == "USAMIL"


def test_locate_uses_the_locative_place_then_the_dateline(parse):
    doc = parse("Security forces ousted the leader in Venezuela.\nOfficials met later.")
    verb = next(t for t in doc if t.lemma_ == "oust")
    assert locate(doc, verb).country == "VEN"
    dated = parse("HAVANA: Officials met on Monday.")
    loc = locate(dated, next(t for t in dated if t.lemma_ == "meet"))
    assert loc is not None and loc.name == "Havana" and loc.country == "CUB"


def test_seed_actors(seed_result, seed_text):
    actors = {a["name"]: a for a in seed_result["actors"]}
    expected = {
        "Miguel Díaz-Canel": ("CUB", "GOV"), "Donald Trump": ("USA", "GOV"), "Marco Rubio": ("USA", "GOV"),
        "Nicolás Maduro": ("VEN", "GOV"), "Barack Obama": ("USA", None), "Fidel Castro": ("CUB", None),
    }
    for name, (country, sector) in expected.items():
        assert name in actors, name
        assert actors[name]["country"] == country
        if sector:
            assert actors[name]["sector"] == sector
    mentions = lambda n: [seed_text[s:e] for s, e in actors[n]["mentions"]]  # noqa: E731
    assert mentions("Miguel Díaz-Canel").count("Diaz-Canel") == 2
    assert "Cuba’s leader" in mentions("Miguel Díaz-Canel")
    assert mentions("Donald Trump").count("Trump") >= 8
    assert mentions("Marco Rubio").count("Rubio") == 2
    assert "Maduro" in mentions("Nicolás Maduro")
    assert actors["Marco Rubio"]["title"] == "Secretary of State"
    codes = {a["code"] for a in seed_result["actors"]}
    assert {"CUBGOV", "USAMIL", "CUB", "USA", "VEN"} <= codes
    for a in seed_result["actors"]:
        for s, e in a["mentions"]:
            assert 0 <= s < e <= len(seed_text)


def test_names_the_text_gives_a_title_are_people(parse):
    doc = parse("Rodrigo Chaves, the president of Costa Rica, said Chaves was ready.")
    chaves = _by_name(doc)["Rodrigo Chaves"]
    assert (chaves.kind, chaves.code, chaves.title) == ("person", "CRIGOV", "President")
    assert _texts(doc, chaves) == ["Rodrigo Chaves", "Chaves"]


def test_the_island_is_the_island_state_mentioned_last(parse):
    doc = parse("Trump spoke about Cuba on Sunday. The island has been a US adversary since 1959.")
    cuba = next(a for a in doc._.actors if a.code == "CUB")
    assert "The island" in _texts(doc, cuba)


def test_dated_knowledge_uses_the_publication_date(parse):
    text = "Merkel met the press in Berlin."
    assert _by_name(parse(text, date(2017, 4, 1)))["Angela Merkel"].sector == "GOV"
    later = _by_name(parse(text, date(2023, 4, 1)))["Angela Merkel"]
    assert later.sector == "ELI" and later.title is None
