"""The Phoenix dictionaries: the conversion script, dated resolution, and names no file of ours lists.

The names in the sentences below are made up (or are not in ``leaders.tsv``): they can be resolved only
from a title, a country named nearby, a role word of the agents dictionary or a dictionary entry.
"""
from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from chronicler.stages.actors.coder import code_phrase
from chronicler.stages.actors.dictionaries import Dictionaries, dictionaries, dictionary_key, skeleton_key

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_actor_dictionaries.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_actor_dictionaries", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the conversion script

def test_dated_restrictions_are_read_with_two_digit_years():
    build = _script()
    assert build.parse_restriction("RUSGOV >080508") == ("RUSGOV", 20080508, 99999999)
    assert build.parse_restriction("AFGELI 730717-070723") == ("AFGELI", 19730717, 20070723)
    assert build.parse_restriction("USAGOV <20090120") == ("USAGOV", 0, 20090120)
    assert build.parse_restriction("RUSELI") == ("RUSELI", 0, 99999999)
    assert build.parse_restriction("KORGOVBUS 2004017-20061201") is None  # a malformed date is dropped


def test_cameo_codes_convert_to_the_contract_vocabulary():
    build = _script()
    iso = build.iso_countries()
    assert build.convert("IGOUNO", iso) == ("IGO", None)
    assert build.convert("IGOUNOREFHCR", iso) == ("IGO", "REF")
    assert build.convert("MNCUSA", iso) == ("USA", "BUS")
    assert build.convert("NGOHRI", iso) == ("IGO", "NGO")
    assert build.convert("KSVGOV", iso) == ("XKX", "GOV")  # CAMEO's Kosovo code
    assert build.convert("~MED", iso) == (None, "MED")  # CAMEO media (and journalists, JRN) is the contract's MED
    assert build.convert("AFGINS", iso) == ("AFG", "REB")
    assert build.convert("MEAREB", iso) == (None, "REB")  # a region is no country


def test_agent_lines_give_plurals_and_substitutions():
    build = _script()
    subs = {"MINIST": ["MINISTER", "MINISTRY"]}
    assert build.agent_forms("FOREIGN_!MINIST! [~GOV]", subs) == (["FOREIGN MINISTER", "FOREIGN MINISTRY"], "~GOV")
    assert build.agent_forms("ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]", subs) == (
        ["ATTORNEY GENERAL", "ATTORNEYS GENERAL"], "~GOVATG")
    assert build.agent_forms("TROOP {} [~MIL]", subs) == (["TROOP"], "~MIL")
    assert build.agent_forms("MILITIA [~UAF]", subs)[0] == ["MILITIA", "MILITIAS"]
    assert build.agent_forms("BODY [~CVL]", subs)[0] == ["BODY", "BODIES"]


def test_actor_records_keep_names_and_dates(tmp_path):
    build = _script()
    (tmp_path / "a.txt").write_text(
        "# comment\nJANE_DOE_  # CountryInfo.txt\n+J._DOE_\n\t[XYZGOV 100101-151231]\n\t[ELI]\n"
        "ADEN_ARMY_(AAIA)_ [YEMREB] # kkl\n", "latin-1")
    records = build.read_actor_file(tmp_path / "a.txt", "C")
    assert records[0]["names"] == ["JANE DOE", "J. DOE"]
    assert records[0]["codes"] == [("XYZGOV", 20100101, 20151231), ("ELI", 0, 99999999)]
    assert records[1]["names"] == ["ADEN ARMY", "AAIA"] and records[1]["codes"] == [("YEMREB", 0, 99999999)]


# ---------------------------------------------------------------- dated resolution

def _index() -> Dictionaries:
    codes = [["FRAGOV", "FRA", "GOV"], ["IGOUNO", "IGO", None], ["FRAELI", "FRA", "ELI"], ["ITAGOV", "ITA", "GOV"]]
    records = [
        ["person", -1, [[0, 20100101, 20141231]]],  # a minister, 2010-2014
        ["organization", 1, []],  # an IGO
        ["person", -1, [[1, 20150101, 99999999]]],  # the same name: the minister's later IGO office
        ["person", -1, [[3, 20000101, 20050101]]],  # another person of that name in Italy
    ]
    names = {"jean dupont": [0, 2], "united nations": 1, "marco rossi": 3, "j dupont": [0, 3]}
    return Dictionaries({"version": 1, "codes": codes, "records": records, "names": names, "regions": {"lyon": "FRA"},
                         "agents": {"prefect": [0, "person"]}})


def test_codes_resolve_against_the_date():
    d = _index()
    assert (d.actor("Jean Dupont", date(2012, 5, 1)).country, d.actor("Jean Dupont", date(2012, 5, 1)).sector) \
        == ("FRA", "GOV")
    later = d.actor("Jean Dupont", date(2018, 1, 1))  # the office in force wins over "former minister"
    assert later.cameo == "IGOUNO" and later.country == "IGO"
    former = d.actor("Marco Rossi", date(2010, 1, 1))
    assert (former.country, former.sector) == ("ITA", "ELI")
    before = d.actor("Marco Rossi", date(1990, 1, 1))
    assert (before.country, before.sector) == ("ITA", None)  # known only later: the country alone
    assert d.actor("J. Dupont", date(2003, 1, 1)) is None  # two people, two countries: unknown stays null
    assert d.actor("Nobody Known") is None


def test_names_match_across_hyphens_case_accents_and_al():
    assert dictionary_key("Kim Jong-un") == dictionary_key("KIM_JONG_UN") == "kim jong un"
    assert dictionary_key("Bashar al-Assad") == dictionary_key("Bashar Assad")
    assert dictionary_key("Abdelaziz Bouteflika") == dictionary_key("ABDELAZIZ_BOUTEFLIKA")
    assert dictionary_key("José Ramos-Horta") == "jose ramos horta"


def test_transliterations_share_a_skeleton():
    assert skeleton_key("Moammar Qadhafi") == skeleton_key("Muammar Qaddafi") == skeleton_key("Mouammar Kadhafi")
    assert skeleton_key("Joseph Monka") != skeleton_key("Joseph Mungai")
    assert skeleton_key("Sergey Lavrov") == skeleton_key("Sergei Lavrov")
    assert skeleton_key("Abdul Aziz Bouteflika") == skeleton_key("Abdelaziz Buteflika")  # word breaks do not count
    assert skeleton_key("Alexander Lukashenko") == skeleton_key("Aleksandr Lukashenko")
    assert skeleton_key("Sergey Lavrov") != skeleton_key("Sergey Lebedev")
    assert skeleton_key("Lavrov") == ""  # one word: never matched loosely


def test_regions_and_agents():
    d = _index()
    assert d.region("Lyon") == "FRA"
    assert d.agent("prefect") == ("GOV", "person", "FRAGOV")


# ---------------------------------------------------------------- the shipped index

@pytest.fixture(scope="module")
def shipped():
    d = dictionaries()
    if d is None:
        pytest.skip("dictionaries switched off (CHRONICLER_ACTOR_DICTIONARIES)")
    return d


def test_shipped_index_is_dated_and_complete(shipped):
    assert len(shipped.records) > 20000 and len(shipped.agents) > 3000
    putin = shipped.actor("Vladimir Putin", date(2010, 1, 1))
    assert (putin.country, putin.sector) == ("RUS", "GOV")
    ban_2005 = shipped.actor("Ban Ki-moon", date(2005, 6, 1))
    ban_2012 = shipped.actor("Ban Ki moon", date(2012, 6, 1))
    assert ban_2005.country == "KOR" and ban_2012.cameo == "IGOUNO"
    assert shipped.region("Helmand") == "AFG" and shipped.region("Florida") == "USA"
    assert shipped.actor("Hosni Moubarak", date(2005, 1, 1)).country == "EGY"  # a transliteration
    assert shipped.actor("Nouri Maliki", date(2008, 1, 1)).country == "IRQ"
    assert shipped.actor("al-Shabaab", date(2012, 1, 1)).sector == "REB"
    assert shipped.agent("rebels")[0] == "REB" and shipped.agent("foreign minister")[0] == "GOV"


@pytest.mark.parametrize("phrase, when, country, sector", [
    # ministers of various countries, names in no file of ours: the title and the demonym
    ("Tanzanian Home Affairs Minister Juma Mwakilema", date(2023, 3, 1), "TZA", "GOV"),
    ("Peru's Minister of Energy and Mines Rosa Quispe Huaman", date(2024, 2, 1), "PER", "GOV"),
    ("Mongolia's deputy defence minister Batbold Ganzorig", date(2022, 8, 1), "MNG", "GOV"),
    # regional leaders: a place of the dictionaries gives the country
    ("the governor of Helmand", date(2013, 1, 1), "AFG", "GOV"),
    ("the provincial governor in Kandahar", date(2013, 1, 1), "AFG", "GOV"),
    # army units and security forces
    ("the Nigerian army's 7th Division", date(2019, 1, 1), "NGA", "MIL"),
    ("Kenyan border police", date(2021, 1, 1), "KEN", "COP"),
    ("Malian soldiers", date(2021, 1, 1), "MLI", "MIL"),
    # role words only the agents dictionary has
    ("Afghan schoolteachers", None, "AFG", "EDU"),
    ("Bolivian coca farmers", None, "BOL", "AGR"),
    # IGO bodies and armed groups of the dictionaries
    ("Boko Haram", date(2016, 1, 1), "NGA", "REB"),
    ("al-Shabaab fighters", date(2012, 1, 1), "SOM", "REB"),
    ("Florida lawmakers", date(2023, 1, 1), "USA", "LEG"),  # a US state, not the Cuban town of that name
    ("the Mayor of Gaza", date(2015, 1, 1), "PSE", "GOV"),
])
def test_unseen_names_are_coded(phrase, when, country, sector):
    assert code_phrase(phrase, when=when) == (country, sector)


def test_transliteration_variants_code_alike(shipped):
    for a, b in (("Kim Jong Un", "Kim Jong-un"), ("Ban Ki-moon", "Ban Ki Moon"), ("Bashar al-Assad", "Bashar Assad"),
                 ("Alexander Lukashenko", "Alyaksandr Lukashenka"), ("Hosni Mubarak", "Hosni Moubarak"),
                 ("Hamid Karzai", "Hamid Karsai"), ("Nouri al-Maliki", "Nuri Maliki")):
        assert code_phrase(a, when=date(2014, 1, 1)) == code_phrase(b, when=date(2014, 1, 1)) != (None, None)


def test_switch_off_leaves_the_packages_files(monkeypatch):
    from chronicler.stages.actors import dictionaries as module

    monkeypatch.setenv("CHRONICLER_ACTOR_DICTIONARIES", "off")
    module.dictionaries.cache_clear()
    try:
        assert module.dictionaries() is None
    finally:
        monkeypatch.delenv("CHRONICLER_ACTOR_DICTIONARIES")
        module.dictionaries.cache_clear()


# ---------------------------------------------------------------- through the pipeline (model-dependent)

@pytest.fixture(scope="module")
def actors_of(analyzer):
    from chronicler.sources.article import make_article

    def run(text: str, published: date | None = None) -> dict[str, object]:
        doc = analyzer.parse(make_article(text, published=published))
        return {a.name: a for a in doc._.actors}
    return run


def test_title_and_unknown_name_in_a_story_about_one_country(actors_of):
    found = actors_of("KAMPALA - Uganda's parliament met on Tuesday. Interior Minister Okello Mwesige said the "
                      "border would stay closed.", date(2023, 5, 2))
    minister = found["Okello Mwesige"]
    assert (minister.country, minister.sector) == ("UGA", "GOV")


def test_names_resolve_against_the_publication_date(actors_of):
    then = actors_of("Hamid Karzai met tribal leaders on Monday.", date(2010, 2, 1))["Hamid Karzai"]
    later = actors_of("Hamid Karzai met tribal leaders on Monday.", date(2020, 2, 1))["Hamid Karzai"]
    assert (then.country, then.sector) == ("AFG", "GOV")
    assert (later.country, later.sector) == ("AFG", "ELI")


def test_igo_bodies_keep_their_own_code(actors_of):
    found = actors_of("The United Nations and the World Health Organization appealed for aid.", date(2020, 3, 1))
    un = found["United Nations"]
    assert (un.country, un.code) == ("IGO", "IGOUNO")
    assert found["World Health Organization"].code.startswith("IGOUNO")


def test_armed_groups_and_regions_of_the_dictionaries(actors_of):
    found = actors_of("Al-Shabaab fighters attacked a base in Lower Shabelle, officials said.", date(2014, 6, 1))
    group = next(a for a in found.values() if "Shabaab" in a.name)
    assert (group.country, group.sector) == ("SOM", "REB")


def test_a_dictionary_person_the_model_tagged_otherwise_is_a_person(nlp):
    from spacy.tokens import Span

    from chronicler.stages.actors.entities import dictionary_people
    from chronicler.stages.actors.lexicon import lexicon

    doc = nlp.make_doc("Boyko Borissov met the Afghan Red Crescent Society in Kabul.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 4, 8, label="ORG")]
    found = dictionary_people(doc, lexicon())
    assert [(s.text, s.label_) for s in found] == [("Boyko Borissov", "PERSON")]


def test_shipped_index_is_what_the_script_builds():
    import gzip
    import json

    from conftest import shared_path

    source = shared_path("knowledge", "petrarch2")
    built = _script().build(source)
    shipped_file = Path(__file__).resolve().parents[2] / "src" / "chronicler" / "stages" / "actors" / "phoenix.json.gz"
    shipped = json.loads(gzip.decompress(shipped_file.read_bytes()))
    assert json.loads(json.dumps(built)) == shipped
