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
    doc = parse("Trump urged Havana to make a deal. Tourists in Havana were calm. Later Havana said no.")
    gov = [a for a in doc._.actors if a.code == "CUBGOV"]
    assert len(gov) == 1 and _texts(doc, gov[0]) == ["Havana", "Havana"]
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
    assert {"CUBGOV", "USAGOV", "USAMIL", "VEN"} <= codes
    # "US" only qualifies the actors ("US President", "the US government", "the US military raid", "a US
    # adversary"): the state itself is no actor of the article
    assert not any(a["kind"] == "country" and a["country"] == "USA" for a in seed_result["actors"])
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


def test_coordinated_countries_make_one_group_each(parse):
    text = "US and British forces attacked the town."
    doc = parse(text)
    codes = {a.code: a for a in doc._.actors}
    assert "USAMIL" in codes and "GBRMIL" in codes
    assert "British forces" in _texts(doc, codes["GBRMIL"])
    span = doc.char_span(text.index("British"), text.index(" attacked"))
    assert actor_for_tokens(doc, span.start, span.end).code == "GBRMIL"


def test_hyphenated_titles(parse):
    doc = parse("U.N. Secretary-General Kofi Annan announced the plan.")
    annan = _by_name(doc)["Kofi Annan"]
    assert (annan.country, annan.sector, annan.title) == ("IGO", "GOV", "Secretary-General")


def test_people_sharing_a_surname_stay_apart(parse):
    doc = parse("Lisa Campbell met Catherine Campbell's lawyer. Ms Campbell said Lisa Campbell was wrong.")
    people = [a for a in doc._.actors if a.kind == "person"]
    assert {a.name for a in people} == {"Lisa Campbell", "Catherine Campbell"}
    catherine = next(a for a in people if a.name == "Catherine Campbell")
    assert _texts(doc, catherine) == ["Catherine Campbell", "Ms Campbell"]  # possessive off; nearest before


def test_a_town_the_model_did_not_see_as_a_place_does_not_code_a_group(parse):
    doc = parse("The Liberal government said workers at Stella's would strike.")
    assert not any(a.country == "USA" for a in doc._.actors)


def test_stale_knowledge_is_reported_not_silent(parse, caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="chronicler.actors"):
        doc = parse("Maduro spoke in Caracas.", date(2030, 1, 1))
    assert _by_name(doc)["Nicolás Maduro"].country == "VEN"
    assert any("Maduro" in r.getMessage() and "2026-01-06" in r.getMessage() for r in caplog.records)


def test_actor_for_tokens_follows_an_apposition(parse):
    text = "The raid ousted key Cuban ally Nicolas Maduro in Venezuela."
    doc = parse(text)
    ally = next(t for t in doc if t.text == "ally")
    span = doc[ally.left_edge.i:ally.i + 1]  # "key Cuban ally", without the apposition
    assert actor_for_tokens(doc, span.start, span.end).code == "VENGOV"


def test_people_of_a_nation_are_not_its_government(parse):
    doc = parse("Young Algerians blocked roads. Algeria demanded an apology.")
    govs = [a for a in doc._.actors if a.code == "DZAGOV"]
    assert len(govs) == 1 and _texts(doc, govs[0]) == ["Algeria"]


def test_a_role_adjective_on_an_event_noun_is_not_a_group(parse):
    doc = parse("NATO would tighten the naval blockade of Serbia.")
    assert not any(a.sector == "MIL" and a.country == "SRB" for a in doc._.actors)


def test_known_names_inside_longer_names_are_left_alone(parse):
    doc = parse("Amal Clooney met lawyers of the Trump Organization.")
    names = _by_name(doc)
    assert "Amal Clooney" in names and names["Amal Clooney"].kind == "person"
    assert not any(a.code == "USAGOV" for a in doc._.actors)
    doc = parse("The Trump administration imposed tariffs.")
    assert any(a.code == "USAGOV" for a in doc._.actors)


def test_a_leaders_administration_is_the_government(parse):
    text = "The Maduro regime jailed activists."
    doc = parse(text)
    span = doc.char_span(0, text.index(" jailed"))
    actor = actor_for_tokens(doc, span.start, span.end)
    assert actor.code == "VENGOV" and actor.kind == "organization"


def test_person_of_a_country_and_a_title_before_a_town_name(parse):
    doc = parse("King Hassan of Morocco said he would host the meeting.")
    hassan = next(a for a in doc._.actors if a.kind == "person")
    assert (hassan.name, hassan.country, hassan.sector) == ("Hassan", "MAR", "GOV")


def test_surname_administration_is_the_government_of_that_rulers_country(parse):
    doc = parse("The Bush administration declared on Tuesday that China must drop barriers.")
    assert "USAGOV" in {a.code for a in doc._.actors}


def test_office_holder_takes_the_one_country_the_document_mentions(parse):
    def country_of(text):
        return next(a for a in parse(text)._.actors if a.kind == "person").country
    assert country_of("Rebels in the Ivory Coast dismissed an appeal from President Laurent Gbago.") == "CIV"
    assert country_of("Lt. Gen. Prosper Avril resigned to allow Haiti's first democratic elections.") == "HTI"
    assert country_of("President Laurent Gbago met envoys from France and Germany.") is None  # several
    assert country_of("Archbishop Desmond Tutu called for sanctions against Nigeria.") is None  # not a state office
    # an international body counts as one more: Perry is not Bosnian (the dictionaries know him: American)
    assert country_of("NATO troops have arrived in Bosnia, Defense Secretary William Perry said.") != "BIH"
    assert country_of("NATO troops have arrived in Bosnia, Defense Secretary Jim Perrimore said.") is None


def _group_named(doc, word):
    return next(a for a in doc._.actors if word in a.name and a.kind == "group")


def test_peoples_are_groups_coded_where_they_live(parse):
    assert _group_named(parse("Bosnian Serbs said on Tuesday that the siege was over."), "Serbs").country == "BIH"
    assert _group_named(parse("The Albanians of southern Serbia are demanding autonomy."), "Albanians").country == "SRB"
    doc = parse("Serb forces killed three ethnic Albanians in a gunbattle in southeastern Serbia on Friday.")
    assert _group_named(doc, "Albanians").country == "SRB"
    doc = parse("Ethnic Albanians vowed to fight near Macedonia's border with Bulgaria.")
    assert _group_named(doc, "Albanians").country is None  # two countries: where they live is not said


def test_a_group_based_somewhere_takes_that_country(parse):
    doc = parse("A terror group based in Trinidad claims to be making weapons.")
    assert _group_named(doc, "terror group").country == "TTO"


def test_home_group_takes_the_country_of_the_government_it_deals_with_not_of_an_army(parse):
    doc = parse("The Mozambique government accepted demands from Shona rebels.")
    assert _group_named(doc, "rebels").country == "MOZ"
    assert _group_named(parse("Rebels attacked Ethiopian soldiers on Sunday."), "Rebels").country is None


def test_un_mediator_is_coded_with_the_un(parse):
    doc = parse("Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez.")
    cordovez = next(a for a in doc._.actors if a.kind == "person")
    assert (cordovez.country, cordovez.sector) == ("IGO", "GOV")


def test_the_citys_police_are_of_the_country_of_the_town_named_before(parse):
    doc = parse("Riots broke out in Lyon on Sunday. The city's police arrested ten people.")
    assert next(a for a in doc._.actors if "police" in a.name).country == "FRA"


def test_a_country_name_the_model_cut_in_two_is_joined(parse):
    doc = parse("Security forces in Guinea have tortured scores of Sierra Leonean and Liberian refugees.")
    assert "SLE" in {a.country for a in doc._.actors}
    assert not any(a.name == "Sierra" for a in doc._.actors)


def test_extremists_are_radicals_of_their_country(parse):
    doc = parse("Croatia is investigating alleged war crimes by Croatian extremists against Serb civilians.")
    assert _group_named(doc, "extremists").code == "HRVRAD"


def test_a_misspelt_country_the_model_missed_is_still_the_country(parse):
    doc = parse("Ethopia has agreed to re-open its borders to UN peacekeepers.")
    assert "ETH" in {a.country for a in doc._.actors}


def test_leaders_of_a_home_body_take_its_country(parse):
    doc = parse("Leaders of the Azadliq opposition coalition agreed to postpone the demonstration in Baku.")
    assert {a.name: a.country for a in doc._.actors}.get("Leaders") == "AZE"
    assert next(a for a in doc._.actors if "Azadliq" in a.name).country == "AZE"


def test_transnational_bodies_and_their_members_stay_without_a_country(parse):
    doc = parse("Islamic State militants attacked a checkpoint in Mosul, the Iraqi government said.")
    assert all(a.country is None for a in doc._.actors if "Islamic State" in a.name)


def test_a_titled_name_is_that_person_where_it_stands_alone(parse):
    """"Warren" is also a town; once the article says "Senator Warren", a bare "Warren" is the senator."""
    doc = parse("Senator Warren said the bank had failed. Warren criticized the bank's chief executive.")
    people = [a for a in doc._.actors if a.kind == "person"]
    assert len(people) == 1 and _texts(doc, people[0]) == ["Warren", "Warren"]
    towns = parse("Flights from Manchester were cancelled. Manchester airport was closed.")._.actors
    assert all(a.kind != "person" for a in towns)  # a town named twice, never titled, stays a town


def test_the_dateline_place_and_agency_are_no_actors(parse):
    text = ("Norway denies fishing deal\n"
            "OSLO (Chronicler Example) - Norway's Fisheries Minister Ingrid Halvorsen on Tuesday denied that her "
            "government had reached any agreement with Iceland over mackerel quotas in the North Atlantic.")
    doc = parse(text)
    names = set(_by_name(doc))
    assert "Ingrid Halvorsen" in names
    assert not names & {"OSLO", "Chronicler Example"}
    assert doc._.article.dateline == "OSLO"  # the dateline itself is kept where it belongs
    # a PERSON without a capital letter ("mackerel quotas", a model error) is no one
    assert not any(a.kind == "person" and a.name.islower() for a in doc._.actors)


def test_a_country_name_the_model_tags_as_an_organisation_is_the_state(parse):
    doc = parse("Norway denies fishing deal as Iceland threatens to close its ports\n"
                "OSLO (Chronicler Example) - Norway's Fisheries Minister Ingrid Halvorsen on Tuesday denied that her "
                "government had reached any agreement with Iceland over mackerel quotas in the North Atlantic.")
    assert any(e.text == "Iceland" and e.label_ == "GPE" and e.start < 10 for e in doc.ents)
    assert not any(a.kind == "organization" and a.name == "Iceland" for a in doc._.actors)
    assert all(a.country == "ISL" for a in doc._.actors if "Iceland" in a.name)


def test_an_honorific_keeps_a_shared_surname_with_the_person_of_its_gender(parse):
    doc = parse("Hillary Clinton campaigned in Iowa on Monday with her husband, Bill Clinton. "
                "Mrs. Clinton told voters that she would win. Mr. Clinton said little.")
    found = _by_name(doc)
    assert "Clinton" in _texts(doc, found["Hillary Clinton"])[1:]  # "Mrs. Clinton", though Bill was named last
    assert "Clinton" in _texts(doc, found["Bill Clinton"])[1:]  # "Mr. Clinton"
    text = doc._.article.text
    mrs = text.index("Mrs. Clinton") + 5
    assert (mrs, mrs + 7) in [tuple(m) for m in found["Hillary Clinton"].mentions]


def test_group_words_of_no_country_take_the_articles_country(parse):
    doc = parse("Trump plan draws fire.\nDES MOINES, Iowa (AP) - Strategists warned on Monday that Donald Trump's "
                "tax plan would hurt him, and economists said it would add to the deficit.\nTrump said they were wrong.",
                published=date(2016, 3, 3))
    actors = _by_name(doc)
    assert (actors["Strategists"].kind, actors["Strategists"].code) == ("group", "USAPTY")
    assert actors["economists"].code == "USAEDU"


def test_a_modifier_of_an_event_noun_is_marked_for_the_keep_model(parse, monkeypatch):
    from chronicler.stages.actors.learned import FEATURES_KEY

    monkeypatch.setenv("CHRONICLER_ACTOR_FEATURES", "on")
    doc = parse("Protests grew on Monday. They followed the US military raid in the capital. Officials met. "
                "Talks went on. Nothing else happened.")
    recorded = doc.user_data[FEATURES_KEY]
    military = next(a for a in doc._.actors if a.name == "US military")
    assert "mod_of_event" in recorded[id(military)]

