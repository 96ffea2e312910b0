"""Actors coded for their date and place: the document's home country, office holders at the article's date,
candidates, and the learned keep and sector decisions on whole articles."""
from __future__ import annotations

import os
from datetime import date

import pytest

from chronicler.sources.article import make_article
from chronicler.stages.actors.context import home_country
from chronicler.stages.actors.lexicon import lexicon, name_variants


@pytest.fixture(scope="module")
def parse(analyzer):
    def run(text, published=None):
        return analyzer.parse(make_article(text, published=published))
    return run


def _named(doc, name):
    return next(a for a in doc._.actors if a.name == name)


def test_home_country_needs_votes_and_a_lead():
    from collections import Counter

    assert home_country(Counter({"USA": 5, "GBR": 2})) == "USA"
    assert home_country(Counter({"USA": 3, "GBR": 3})) is None  # a story of two countries: none inferred
    assert home_country(Counter({"USA": 1})) is None  # one vote is not enough
    assert home_country(Counter()) is None


def test_national_institution_and_unknown_people_take_the_country_of_the_story(parse):
    doc = parse("WASHINGTON -- The Senate voted on Tuesday to block the bill. Senator Ted Cruz of Texas "
                "criticised the vote. Jane Doakes, a voter in Ohio, said she was angry.",
                published=date(2016, 3, 1))
    cruz = _named(doc, "Ted Cruz")
    assert (cruz.country, cruz.sector) == ("USA", "LEG")
    doakes = _named(doc, "Jane Doakes")
    assert doakes.country == "USA"


def test_no_home_country_when_the_story_is_of_two_countries(parse):
    doc = parse("France and Germany met. Paris and Berlin disagreed. Jane Doakes said little.")
    assert _named(doc, "Jane Doakes").country is None


def test_office_holders_code_people_at_the_article_date():
    lex = lexicon()
    kerry = lex.person("John Kerry")
    assert kerry.at(date(2010, 6, 1))[1] == "LEG"  # a senator
    assert kerry.at(date(2015, 6, 1))[1] == "GOV"  # secretary of state (office holders' data)
    assert kerry.at(date(2018, 6, 1))[1] == "ELI"  # out of office
    lynch = lex.person("Loretta Lynch")  # not in leaders.tsv: the office holders' data alone
    assert lynch.source == "holders" and lynch.at(date(2016, 1, 1)) [1] == "JUD"


def test_candidates_without_office_are_party_and_office_holders_keep_their_office():
    lex = lexicon()
    assert lex.person("Donald Trump").at(date(2016, 5, 1))[1] == "PTY"
    assert lex.person("Donald Trump").at(date(2018, 5, 1))[1] == "GOV"
    assert lex.person("Hillary Clinton").at(date(2016, 5, 1))[1] == "PTY"
    assert lex.person("Hillary Clinton").at(date(2018, 5, 1))[1] == "ELI"  # a past candidacy reads ELI
    assert lex.person("Bernie Sanders").at(date(2016, 5, 1))[1] == "LEG"  # running while a senator


def test_name_variants_drop_middle_initials_and_suffixes():
    assert "Rod Rosenstein" in name_variants("Rod J. Rosenstein")
    assert "Robert McCallum" in name_variants("Robert McCallum, Jr.")


def test_namesake_of_another_country_is_not_coded_from_the_knowledge_files(parse):
    # a television executive in an American story is not a British official who shares his name
    doc = parse("NEW YORK -- David Madden, the network's president, said Fox would keep the show. "
                "The network is based in Los Angeles, California.")
    madden = _named(doc, "David Madden")
    assert madden.country != "GBR"


ARTICLE = ("Senator Says Budget Deal Is Dead\n\nWASHINGTON -- Senator Ted Cruz said on Monday that the budget "
           "deal was dead. The Washington Post reported that House Republicans would meet on Tuesday. "
           "Jane Doakes, a reporter for The Washington Post, wrote that the talks had failed. "
           "Cruz accused the White House of lying. The president's spokesman rejected the charge. "
           "Voters in Ohio said they were tired of the fight.")


def test_a_newspaper_is_media_of_the_story_country(parse):
    doc = parse(ARTICLE, published=date(2016, 3, 1))
    actors = {a.name: a for a in doc._.actors}
    post = next(a for n, a in actors.items() if "Washington Post" in n)
    assert (post.country, post.sector) == ("USA", "MED")


def test_learned_decisions_can_be_switched_off(parse, analyzer, monkeypatch):
    on = {a.name: a.sector for a in parse(ARTICLE, published=date(2016, 3, 1))._.actors}
    monkeypatch.setenv("CHRONICLER_ACTOR_MODEL", "off")
    off = {a.name: a.sector for a in parse(ARTICLE, published=date(2016, 3, 1))._.actors}
    assert set(on) <= set(off)  # the keep decision only removes
    assert sum(s is not None for s in on.values()) >= sum(s is not None for n, s in off.items() if n in on)


def test_home_roles_take_the_country_of_the_story(parse):
    # "voters", "the government" name no country: in a story about one country they are that country's
    doc = parse("WASHINGTON -- The Senate voted on Tuesday to block the bill. Senator Ted Cruz of Texas "
                "criticised the vote. Voters in Ohio were angry, and the government said nothing.",
                published=date(2016, 3, 1))
    voters = next(a for a in doc._.actors if a.name.lower() == "voters")
    assert (voters.country, voters.sector) == ("USA", "CVL")
    govs = [a for a in doc._.actors if a.sector == "GOV" and a.kind == "organization"]
    assert [(a.name, a.country) for a in govs] == [("U.S. government", "USA")]


def test_a_home_government_with_no_home_country_is_left_out(parse):
    doc = parse("France and Germany met. Paris and Berlin disagreed. The government said nothing.")
    assert not [a for a in doc._.actors if a.sector == "GOV" and a.country is None]


def test_a_title_of_another_time_gives_way_to_the_dated_office(parse):
    # "President Bill Clinton" in 2016: a former president (ELI); "Secretary Clinton" running in 2016: PTY
    doc = parse("Former first daughter Chelsea spoke. President Bill Clinton campaigned in Iowa on Monday. "
                "Secretary Hillary Clinton thanked him.", published=date(2016, 1, 20))
    assert _named(doc, "Bill Clinton").sector == "ELI"
    assert _named(doc, "Hillary Clinton").sector == "PTY"
    doc = parse("President Barack Obama spoke in Iowa on Monday.", published=date(2016, 1, 20))
    assert _named(doc, "Barack Obama").sector == "GOV"  # the office in force stays

