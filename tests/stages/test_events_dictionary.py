"""Events: PETRARCH2's CAMEO verb dictionary (cameo_verbs.tsv) matched over the parse, on hand-written sentences."""
import pytest

from chronicler.sources.article import make_article
from chronicler.stages.events.cameo_dictionary import NO_EVENT, cameo_dictionary
from chronicler.stages.events.component import extract_events
from chronicler.stages.events.lexicon import event_lexicon


@pytest.fixture(scope="module")
def parse(analyzer):
    return lambda text: analyzer.parse(make_article(text))


def _verb(doc, lemma):
    return next(t for t in doc if t.lemma_.lower() == lemma)


def test_the_dictionary_file_is_consistent():
    d, codes = cameo_dictionary(), event_lexicon().codes
    assert len(d.verbs) > 1500 and len(d.sets) > 20
    assert all(c == NO_EVENT or c in codes for entries in d.verbs.values() for _, _, c in entries)
    assert all(p.cameo == NO_EVENT or p.cameo in codes for ps in d.patterns.values() for p in ps)
    assert all(p.object or p.preposition or p.subject for ps in d.patterns.values() for p in ps)
    assert "dollar" in d.sets["&currency"]


def test_a_pattern_on_the_verb_s_object_is_more_specific_than_the_verb(parse):
    d = cameo_dictionary()
    doc = parse("Spain requested the extradition of the former minister.")
    found = d.match(_verb(doc, "request"))
    assert found.cameo == "021" and found.specificity >= 1 and "extradition" in found.key  # CAMEO 0213 -> 021
    assert d.match(_verb(parse("Spain requested a meeting."), "request")).cameo != "021"


def test_a_pattern_written_for_one_verb_of_a_block_holds_for_that_verb(parse):
    doc = parse("Russia deployed troops along the border.")
    assert cameo_dictionary().match(_verb(doc, "deploy")).cameo == "154"  # "- * &MILITARY [154] # DEPLOY"


def test_a_null_pattern_names_no_event(parse):
    doc = parse("The Cuban government combated cross-border crime.")
    assert cameo_dictionary().match(_verb(doc, "combat")).cameo == NO_EVENT
    assert not extract_events(doc, ranker=None)


def test_a_dictionary_verb_alone_codes_an_event_between_two_actors(parse):
    events = extract_events(parse("Russian troops besieged the Ukrainian city of Mariupol."), ranker=None)
    assert [(e.cameo, e.source.country, e.target.country) for e in events] == [("191", "RUS", "UKR")]
    assert not extract_events(parse("The minister celebrated."), ranker=None)  # no counterpart: no event


def test_the_dictionary_can_be_switched_off(parse, monkeypatch):
    doc = parse("Russian troops besieged the Ukrainian city of Mariupol.")
    monkeypatch.setenv("CHRONICLER_EVENTS_DICTIONARY", "off")
    assert not extract_events(doc, ranker=None)
