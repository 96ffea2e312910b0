"""The learned decision over the Spanish rules' events: its features, its threshold, its switches."""
import pytest

from chronicler.learn.linear import LinearModel

pytestmark = pytest.mark.spanish

DENIAL = "Díaz-Canel negó que Cuba mantenga negociaciones con Estados Unidos."
ARTICLE = DENIAL + " La reunión de la Asamblea será el martes. El canciller viajó el lunes a México."


def drafts(parse_es, text):
    from chronicler.stages.events.es.extractor import SpanishExtractor
    from chronicler.stages.events.es.lexicon import spanish_event_lexicon

    ex = SpanishExtractor(parse_es(text), spanish_event_lexicon())
    return ex, ex.drafts_in_order()


def test_features_read_word_frame_polarity_and_arguments(parse_es, rules_only):
    ex, ds = drafts(parse_es, DENIAL)
    by_type = {d.code.type: ex.features(d) for d in ds}
    rej, talks = by_type["REJECT"], by_type["CONSULT"]
    assert {"lemma=negar", "type=REJECT", "kind=verb", "pol=asserted", "src=person", "sent=0"} <= set(rej)
    assert {"pol=negated", "mod=claimed", "frame=deny", "kind=noun", "head=mantener"} <= set(talks)
    assert "tgt=country" in talks and "border=cross" in talks


def test_question_and_condition_are_features(parse_es, rules_only):
    ex, ds = drafts(parse_es, "¿Atacará Estados Unidos a Venezuela si Maduro no se rinde?")
    assert ds and all("question" in ex.features(d) for d in ds)
    assert all("si_in_sentence" in ex.features(d) for d in ds)


def _decision(threshold):
    """A model that believes denials (lemma negar) and doubts everything else."""
    from chronicler.stages.events.es.decision import SpanishDecision

    model = LinearModel({"classes": ["EVENT", "NONE"], "weights": {"lemma=negar": [2.0, -2.0]},
                         "bias": [-1.0, 1.0], "temperature": 1.0})
    return SpanishDecision(model, threshold)


def test_decision_keeps_what_passes_its_threshold_with_its_probability(parse_es, monkeypatch):
    import chronicler.stages.events.es.decision as decision

    monkeypatch.setattr(decision, "load_decision_es", lambda: _decision(0.5))
    monkeypatch.delenv("CHRONICLER_ALL_EVENTS", raising=False)
    evs = parse_es(ARTICLE)._.events
    assert [e.type for e in evs] == ["REJECT"]
    p = _decision(0.5).probability(["lemma=negar"])
    assert evs[0].confidence == pytest.approx(p, abs=1e-4) and p > 0.5


def test_all_events_keeps_the_dropped_with_their_probability(parse_es, monkeypatch):
    import chronicler.stages.events.es.decision as decision

    monkeypatch.setattr(decision, "load_decision_es", lambda: _decision(0.5))
    monkeypatch.setenv("CHRONICLER_ALL_EVENTS", "1")
    evs = parse_es(ARTICLE)._.events
    talks = [e for e in evs if e.type == "CONSULT"]
    assert talks and all(e.confidence < 0.5 for e in talks)
    assert {e.type for e in evs} >= {"REJECT", "CONSULT"}


def test_switch_off_gives_the_rules_confidence(parse_es, rules_only):
    from chronicler.stages.events.es.extractor import confidence

    ex, ds = drafts(parse_es, DENIAL)
    evs = parse_es(DENIAL)._.events
    assert {e.type for e in evs} >= {"REJECT", "CONSULT"}
    assert sorted(e.confidence for e in evs) == sorted(confidence(d) for d in ds)


def test_a_sentence_given_alone_is_read_by_the_rules(parse_es, monkeypatch):
    import chronicler.stages.events.es.decision as decision
    from chronicler.stages.events.es.extractor import confidence

    monkeypatch.setattr(decision, "load_decision_es", lambda: _decision(0.5))
    monkeypatch.delenv("CHRONICLER_ALL_EVENTS", raising=False)
    evs = parse_es(DENIAL)._.events  # one sentence: no whole article for the model to read
    assert {e.type for e in evs} >= {"REJECT", "CONSULT"}
    monkeypatch.setenv("CHRONICLER_EVENTS_DECISION", "off")
    _, ds = drafts(parse_es, DENIAL)
    assert sorted(e.confidence for e in evs) == sorted(confidence(d) for d in ds)


def test_the_shipped_model_keeps_a_clear_denial_of_a_whole_article(parse_es, monkeypatch):
    """The model trained on annotations/es_written (scripts/train_events_es.py), at its own threshold."""
    from chronicler.stages.events.es.decision import load_decision_es

    monkeypatch.delenv("CHRONICLER_ALL_EVENTS", raising=False)
    monkeypatch.delenv("CHRONICLER_EVENTS_THRESHOLD", raising=False)
    load_decision_es.cache_clear()
    model = load_decision_es()
    assert model is not None and 0.0 < model.threshold < 1.0
    evs = parse_es(ARTICLE)._.events
    rejects = [e for e in evs if e.type == "REJECT" and e.source.name == "Miguel Díaz-Canel"]
    assert rejects and all(e.confidence >= model.threshold for e in evs)
    load_decision_es.cache_clear()
