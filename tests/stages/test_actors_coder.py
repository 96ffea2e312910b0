"""code_phrase: a bare actor phrase (with optional context and date) -> (country, sector)."""
from __future__ import annotations

from datetime import date

import pytest

from chronicler.stages.actors import code_phrase


@pytest.mark.parametrize("text,expected", [
    ("a Jordanian official", ("JOR", "GOV")),
    ("Iraqi troops", ("IRQ", "MIL")),
    ("the US military", ("USA", "MIL")),
    ("a Swiss court", ("CHE", "JUD")),
    ("the Croatian government", ("HRV", "GOV")),
    ("Kurdish rebels", (None, "REB")),
    ("US Secretary of State Marco Rubio", ("USA", "GOV")),
    ("Poland’s current interior minister", ("POL", "GOV")),
    ("Russia's ambassador to Poland", ("RUS", "GOV")),
    ("Muslim leaders in France", ("FRA", "REL")),
    ("a former CIA official", ("USA", "ELI")),
    ("an indigenous leader", (None, "CVL")),
    ("Kyiv police", ("UKR", "COP")),
    ("TEHRAN", ("IRN", "GOV")),  # a capital alone stands for the government
    ("Bosnia", ("BIH", None)),  # a country alone has no sector
    ("Brazilians", ("BRA", None)),
    ("the rebel FDLR force", ("RWA", "REB")),
    ("a demand", (None, None)),
    ("Frank", (None, None)),
])
def test_code_phrase(text, expected):
    assert code_phrase(text) == expected


def test_context_gives_the_country_when_the_phrase_has_none():
    assert code_phrase("the National Guard") == (None, "MIL")
    assert code_phrase("the National Guard", "Saudi") == ("SAU", "MIL")


def test_a_name_next_to_a_city_is_not_the_city():
    assert code_phrase("Feliciano Valencia")[0] is None


def test_dates_decide_office_or_former_office():
    assert code_phrase("Tony Blair", when=date(2003, 1, 1)) == ("GBR", "GOV")
    assert code_phrase("Tony Blair") == ("GBR", "ELI")
    # an explicit title in the text wins over the knowledge file's dates
    assert code_phrase("UK Defence Secretary Ben Wallace") == ("GBR", "GOV")


def test_the_possessor_of_an_ally_is_the_partner_not_the_country():
    from chronicler.stages.actors.coder import code_phrase

    assert code_phrase("the deputy chief of Israel's militia ally in southern Lebanon")[0] == "LBN"
    assert code_phrase("Israel's militia")[0] == "ISR"
