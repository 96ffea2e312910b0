"""Events: the learned choice of source and target (arguments.json) and events with an implied doer."""
import pytest

from chronicler.sources.article import make_article
from chronicler.stages.events.argmodel import DocView, candidates, features, load_argument_model, path
from chronicler.stages.events.component import extract_events


@pytest.fixture(scope="module")
def parse(analyzer):
    return lambda text: analyzer.parse(make_article(text))


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_the_model_file_holds_weights_and_its_grouped_cv():
    model = load_argument_model()
    assert model is not None and len(model.source) > 50 and len(model.target) > 50
    cv = model.meta["grouped_cv"]
    assert 0 < cv["source_best"] <= 1 and 0 < cv["target_best"] <= 1 and cv["folds"] >= 5


def test_features_read_the_path_between_candidate_and_event_word(parse):
    doc = parse("Israel attacked Hamas positions in Gaza.")
    view, verb, israel = DocView(doc), _tok(doc, "attacked"), _tok(doc, "Israel").i
    assert path(view, israel, verb.i) == ("nsubj|", 1)
    assert path(view, _tok(doc, "Gaza").i, verb.i)[0] in ("pobj^prep:in|", "pobj^prep:in^dobj|")
    assert "dep=nsubj" in features(view, verb.i, israel, "ASSAULT", None, None)
    assert israel in candidates(verb) and verb.i not in candidates(verb)
    assert _tok(doc, "Hamas").i not in candidates(verb)  # inside the phrase "Hamas positions"


def test_the_model_reads_the_doer_of_an_active_and_of_a_passive_verb(parse):
    model = load_argument_model()
    for text, doer, done_to in (("Israel attacked Hamas positions in Gaza.", "Israel", "positions"),
                                ("Hamas positions were attacked by Israel.", "Israel", "positions")):
        doc = parse(text)
        view, verb = DocView(doc), _tok(doc, "attacked").i
        p_doer = model.probabilities(features(view, verb, _tok(doc, doer).i, "ASSAULT", None, None))
        p_done = model.probabilities(features(view, verb, _tok(doc, done_to).i, "ASSAULT", None, None))
        assert p_doer[0] > p_done[0] and p_done[1] > p_doer[1], text


def test_the_model_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("CHRONICLER_EVENTS_ARGUMENTS", "off")
    load_argument_model.cache_clear()
    try:
        assert load_argument_model() is None
    finally:
        monkeypatch.delenv("CHRONICLER_EVENTS_ARGUMENTS")
        load_argument_model.cache_clear()


def test_an_arrest_with_no_doer_named_is_by_the_authorities_of_its_place(parse):
    events = extract_events(parse("Three opposition activists were arrested in Moscow on Sunday."), ranker=None)
    e = next(e for e in events if e.cameo == "173")
    assert (e.type, e.source.actor, e.source.country, e.source.name) == ("COERCE", None, "RUS", "authorities in Moscow")
    assert e.target is not None and "activists" in e.target.name
    assert not extract_events(parse("Three opposition activists were arrested on Sunday."), ranker=None)  # no place
    assert not extract_events(parse("Three people were killed in Moscow on Sunday."), ranker=None)  # no state act


def test_the_document_view_reads_the_parse_as_the_tokens_do(parse):
    doc = parse("Israel attacked Hamas positions in Gaza. The UN condemned the attack on Monday.")
    view = DocView(doc)
    assert view.dep == [t.dep_ for t in doc] and view.head == [t.head.i for t in doc]
    assert view.pos == [t.pos_ for t in doc] and view.ent == [t.ent_type_ for t in doc]
    assert view.lower == [t.lower_ for t in doc]
    assert not view.passive(doc[1].i)
    passive = parse("Hamas positions were attacked by Israel.")
    assert DocView(passive).passive(next(t.i for t in passive if t.text == "attacked"))
