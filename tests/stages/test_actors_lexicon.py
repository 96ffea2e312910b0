"""The actors' language data: folding, dated offices, acronyms, gazetteer (no spaCy model needed)."""
from __future__ import annotations

from datetime import date

import pytest

from chronicler.stages.actors.lexicon import fold, is_demonym, key, lexicon, tokens


def test_fold_removes_accents_and_curly_quotes():
    assert fold("Díaz-Canel") == fold("Diaz-Canel") == "diaz-canel"
    assert key("Cuba’s  President") == "cuba 's president"
    assert tokens("Britain’s Defense Ministry") == ["Britain", "'s", "Defense", "Ministry"]


def test_countries_come_from_pycountry_and_the_demonym_file():
    lex = lexicon()
    assert lex.country("Islamic Republic of Iran") == "IRN"  # pycountry official name
    assert lex.country("Venezuelans") == "VEN"  # generated plural of a demonym
    assert lex.country("the United States") == "USA"
    assert lex.country("Kosovo") == "XKX"


def test_acronyms_match_only_in_upper_case():
    lex = lexicon()
    assert lex.country("US") == "USA"
    assert lex.country("us") is None
    assert lex.org("WHO") is not None and lex.org("who") is None


def test_offices_are_dated():
    lex = lexicon()
    trump = lex.person("Trump")
    assert trump is not None and trump.country == "USA"
    assert trump.at(date(2019, 5, 1))[1] == "GOV"
    assert trump.at(date(2022, 5, 1))[1] == "ELI"  # between terms: a former office holder
    assert trump.at(date(2026, 1, 6))[1] == "GOV"
    merkel = lex.person("Angela Merkel")
    assert merkel.at(date(2017, 4, 1))[1] == "GOV" and merkel.at(None)[1] == "ELI"
    assert lex.person("Castro") is None  # ambiguous surname: no bare alias


def test_accent_insensitive_people_and_stale_rows():
    lex = lexicon()
    assert lex.person("Díaz-Canel") is lex.person("Diaz-Canel") is not None
    maduro = lex.person("Maduro")
    assert maduro.at(date(2026, 1, 6))[0].end is None  # left open: the file does not know an end date
    assert maduro.stale(date(2028, 1, 1)) and not maduro.stale(date(2026, 2, 1))


@pytest.mark.parametrize("name,country", [("Gjilan", "XKX"), ("Havana", "CUB"), ("Sydney", "AUS")])
def test_gazetteer_places(name, country):
    place = lexicon().place(name)
    assert place is not None and place.country == country and place.lat is not None


def test_location_of_dateline_and_country():
    from chronicler.stages.actors import location_of

    havana = location_of("HAVANA")
    assert havana.name == "Havana" and havana.country == "CUB" and round(havana.lat) == 23
    cuba = location_of("Cuba")
    assert cuba.country == "CUB" and cuba.lat is None  # a country is not a point
    assert location_of("Nowhereville") is None


def test_international_bodies_and_ngos_are_coded_igo():
    lex = lexicon()
    for name in ("European Community", "EC", "International Labor Office", "ILO", "UNIFIL", "OSCE"):
        assert lex.org(name).country == "IGO", name
    amnesty = lex.org("Amnesty International")
    assert (amnesty.country, amnesty.sector) == ("IGO", "NGO")
    assert lex.org("Red Crescent Society").country in (None, "")  # national societies: no one country here


def test_location_of_a_place_named_with_generic_words():
    from chronicler.stages.actors import location_of

    assert location_of("Montenegro province").country == "MNE"
    assert location_of("the northern city of Kirkuk").country == "IRQ"
    assert location_of("city of Kirkuk").country == "IRQ"
    assert location_of("the Gaza Strip").country == "PSE"
    assert location_of("Nowhereville province") is None


def test_a_country_misspelt_by_one_letter_inside_the_word():
    lex = lexicon()
    assert lex.misspelt_country("Ethopia") == "ETH"
    assert lex.misspelt_country("Afganistan") == "AFG"
    assert lex.misspelt_country("Isreal") == "ISR"  # two letters swapped
    assert lex.misspelt_country("Indiana") is None  # a change at the end: another word
    assert lex.misspelt_country("Columbia") is None  # a known place
    assert lex.misspelt_country("Cuba") is None  # too short to tell


def test_location_of_a_place_after_a_generic_word_and_of():
    from chronicler.stages.actors import location_of

    assert location_of("the capital city of Algiers").country == "DZA"
    assert location_of("the besieged Bosnian town of Gorazde").country == "BIH"


def test_location_of_other_spellings_of_large_cities():
    from chronicler.stages.actors import location_of

    assert location_of("Basra").country == "IRQ" and location_of("Kiev").country == "UKR"
    assert location_of("Bombay").country == "IND"
    assert location_of("Paris").country == "FRA"  # a name of its own wins over another city's alias


def test_governments_are_named_by_the_country_adjective_as_the_news_names_them():
    lex = lexicon()
    assert lex.government_name("GBR") == "British government"
    assert lex.government_name("CUB") == "Cuban government"
    assert lex.government_name("IRN") == "Iranian government"  # "Iran" is the country's name, not its adjective
    assert lex.government_name("DEU") == "German government"  # not a "-man" noun like "Frenchman"
    assert lex.government_name("USA") == "U.S. government"
    assert lex.government_name("NZL") == "Government of New Zealand"  # no adjective ("Kiwi" is a nickname)


def test_demonyms_are_adjectives_not_names_acronyms_plurals_or_people():
    assert is_demonym("Costa Rican") and is_demonym("Swiss") and is_demonym("Cypriot")
    assert not is_demonym("UK") and not is_demonym("Britons") and not is_demonym("Frenchman")
    assert not is_demonym("Kiwi")


def test_group_words_the_readers_listed_are_role_words_of_their_sector():
    """group_roles.tsv (read from the annotations' train split): a word new to roles.tsv takes the readers'
    sector; one they mostly gave the article's own country is a home role; roles.tsv keeps its own words."""
    from chronicler.stages.actors.lexicon import HOME_SHARE, _rows

    lex = lexicon()
    rows = {r[0]: r for r in _rows("group_roles.tsv", 5)}
    assert lex.role("strategists").sector == rows["strategists"][1] == "PTY"
    assert "strategists" in lex.home_roles and float(rows["strategists"][4]) >= HOME_SHARE
    assert float(rows["refugees"][4]) < HOME_SHARE and "refugees" not in lex.home_roles
    assert lex.role("refugees").sector == "REF"  # roles.tsv's own reading wins over the readers' CVL
    assert "voters" in lex.home_roles  # home_roles.txt stays
