"""The learned attribution model of the quotes stage: candidates, features, the JSON predictor, the switch."""
import json

import pytest

from chronicler.sources.article import make_article
from chronicler.stages.events.linear import LinearTextModel
from chronicler.stages.quotes.attribution import (MODEL_ENV, AttributionModel, _shipped, export_binary, load_model,
                                                  model_from_json)
from chronicler.stages.quotes.candidates import attribution_class, extra_candidates, features, found_by, signals
from chronicler.stages.quotes.component import extract_quotes
from chronicler.stages.quotes.context import build_context
from chronicler.stages.quotes.lexicon import SCOPE_ENV, lexicon


class _Always:
    """A stand-in model: every candidate gets probability ``p``."""

    classes_ = [0, 1]

    def __init__(self, p):
        self.p = p

    def predict_proba(self, lines):
        return [[1 - self.p, self.p] for _ in lines]


@pytest.fixture(scope="module")
def parse(nlp):
    def run(text):
        with nlp.select_pipes(disable=["chronicler_quotes", "chronicler_events", "chronicler_disputes"]):
            doc = nlp.make_doc(text)
            doc._.article = make_article(text)
            return nlp(doc)
    return run


def _candidates(doc):
    ctx = build_context(doc)
    return ctx, extra_candidates(ctx, [f for f, _ in found_by(ctx)])


def test_unlisted_verb_with_a_clause_is_a_candidate_with_its_features(parse):
    doc = parse("Senator Maria Lopez expects that the bill will pass before the summer recess.")
    ctx, cands = _candidates(doc)
    assert len(cands) == 1
    f, finder = cands[0]
    assert ctx.text[f.start:f.end] == "that the bill will pass before the summer recess"
    line = features(ctx, f, finder).split()
    assert {"finder=verb", "lemma=expect", "class=belief", "frame=ccomp", "subj=person", "first=that", "after"} <= set(line)


def test_speech_rule_cue_is_not_a_candidate_again(parse):
    doc = parse("The minister said that the talks had failed.")
    _, cands = _candidates(doc)
    assert cands == []  # "said" is the rules' quote already


def test_verb_without_content_and_negation_modal_features(parse):
    assert _candidates(parse("He arrived in Toronto late last week."))[1] == []
    doc = parse("The governor would not accept that the plan had failed.")
    ctx, cands = _candidates(doc)
    accept = [features(ctx, f, n) for f, n in cands if f.cue_token.lemma_ == "accept"]
    assert accept and {"neg", "modal=would", "class=none"} <= set(accept[0].split())
    bought = _candidates(parse("He bought a new car in Toronto last week."))[1]  # any object: the model decides
    assert [(f.cue_token.lemma_, n) for f, n in bought] == [("buy", "verb")]


def test_model_keeps_candidates_by_class_threshold_scope_and_switch(parse, monkeypatch):
    text = "Senator Maria Lopez expects that the bill will pass before the summer recess."
    doc = parse(text)
    monkeypatch.setenv(SCOPE_ENV, "speech")  # quotations only: a belief is none, whatever the model says
    assert extract_quotes(doc, model=None) == []
    assert extract_quotes(doc, model=AttributionModel(_Always(0.9), threshold=0.8)) == []
    monkeypatch.delenv(SCOPE_ENV)  # the default scope, every attribution
    kept = extract_quotes(doc, model=AttributionModel(_Always(0.9), threshold=0.8))
    assert [(q.text, q.attribution) for q in kept] == [("that the bill will pass before the summer recess", "belief")]
    assert text[kept[0].start:kept[0].end] == kept[0].text and kept[0].cue.text == "expects"
    assert "Lopez" in kept[0].speaker.name
    assert extract_quotes(doc, model=AttributionModel(_Always(0.7), threshold=0.8)) == []
    # a view attributed is kept at its own threshold, a quotation beyond the rules only at the strict one
    assert len(extract_quotes(doc, model=AttributionModel(_Always(0.7), threshold=0.8, other_threshold=0.6))) == 1
    monkeypatch.setenv(MODEL_ENV, "off")
    assert load_model() is None


@pytest.mark.parametrize("text, cue, attribution", [
    ("The minister said that the talks had failed.", "said", "speech"),
    ("Retail is the best bet for youth, according to a study by Civic Action.", "according", "speech"),
    ("The senator mentioned climate change twice in her speech.", "mentioned", "topic"),
    # a noun phrase whatever clause qualifies it; a clause after a dative is said
    ("The officer described the device that caused the explosion.", "described", "topic"),
    ("The mayor told the crowd that the bridge would reopen in May.", "told", "speech"),
    ("The senator repeated her promise to cut taxes for small firms.", "promise", "intent"),
    ("The senator believes that the plan will fail.", "believes", "belief"),
    ("The senator wants to cut taxes for small firms.", "wants", "intent"),
    ("The senator opposed the new trade deal with Mexico.", "opposed", "stance"),
    ("The governor realized that the budget had a hole in it.", "realized", "belief"),
    ("The governor tried to stop the strike at the port.", "tried", "intent"),
    ("The union agreed to end the strike at the port.", "agreed", "intent"),
    ("The reporter asked whether the talks would resume soon.", "asked", "question"),
    ("The president urged Havana to make a deal soon.", "urged", "speech"),
    ("The minister accused the army of torturing prisoners.", "accused", "speech"),
])
def test_attribution_class_by_cue_and_content(parse, text, cue, attribution):
    doc = parse(text)
    ctx = build_context(doc, lexicon("all"))
    found = [f for f, _ in found_by(ctx)] + [f for f, _ in extra_candidates(ctx, [])]
    f = next(f for f in found if f.cue_token is not None and f.cue_token.text == cue)
    assert attribution_class(ctx, f) == attribution


def test_rules_model_drops_the_rule_clauses_below_its_threshold(parse):
    doc = parse("The minister said that the talks had failed.")
    ctx = build_context(doc)
    named = found_by(ctx)
    assert [ctx.text[f.start:f.end] for f, _ in named] == ["that the talks had failed"]
    keep_all = AttributionModel(_Always(0.0), threshold=0.5)  # no rules model: every rule clause stays
    assert keep_all.prune(ctx, named) == [named[0][0]]
    assert AttributionModel(_Always(0.0), 0.5, rules=_Always(0.3), rule_threshold=0.5).prune(ctx, named) == []
    assert AttributionModel(_Always(0.0), 0.5, rules=_Always(0.6), rule_threshold=0.5).prune(ctx, named)
    dropped = extract_quotes(doc, model=AttributionModel(_Always(0.0), 0.5, rules=_Always(0.3), rule_threshold=0.5))
    assert dropped == [] and len(extract_quotes(doc, model=None)) == 1


def test_json_predictor_reproduces_scikit_learn():
    pytest.importorskip("sklearn", reason="scikit-learn is a training extra (pip install '.[train]')")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    lines = ["lemma=say frame=ccomp subj=person", "lemma=buy frame=dobj subj=pron", "lemma=hope frame=ccomp neg",
             "lemma=want frame=xcomp subj=person", "lemma=eat frame=dobj", "lemma=say frame=dobj subj=org"] * 3
    labels = [1, 0, 1, 1, 0, 0] * 3
    pipe = make_pipeline(TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, lowercase=False),
                         LogisticRegression(C=2.0)).fit(lines, labels)
    ours = LinearTextModel(json.loads(json.dumps(export_binary(pipe))))
    probe = ["lemma=say frame=ccomp", "lemma=eat frame=dobj subj=pron unseen", "nothing known"]
    for a, b in zip(ours.predict_proba(probe), pipe.predict_proba(probe)):
        assert a[1] == pytest.approx(b[1], abs=1e-6)
    model = model_from_json({"model": export_binary(pipe), "threshold": 0.5})
    assert model.probabilities(probe)[0] > 0.5 > model.probabilities(probe)[1]


def test_shipped_model_loads_with_threshold_and_cv_figures():
    model = _shipped()
    assert model is not None and 0.5 <= model.threshold < 1.0 and model.rules is not None
    assert 0.0 < model.rule_threshold < model.threshold
    for key in ("cv_grouped_5fold", "cv_rules_grouped_5fold"):
        cv = model.meta[key]
        assert cv["auc"] > 0.7 and cv["candidates"] > 1000
    assert model.meta["trained_on"] == "train.jsonl"  # never dev


def test_open_candidates_take_views_held_in_adjectives_and_objects_of_wider_prepositions(parse):
    doc = parse("The governor is upbeat about the new budget.")
    ctx, cands = _candidates(doc)
    adj = [(ctx.text[f.start:f.end], f.cue_token.text, n) for f, n in cands if n == "adj"]
    assert adj == [("the new budget", "upbeat", "adj")]
    assert attribution_class(ctx, next(f for f, n in cands if n == "adj")) == "stance"
    assert next(f for f, n in cands if n == "adj").speaker_head.text == "governor"
    doc = parse("The mayor kept pointing to the crime figures from last year.")
    ctx, cands = _candidates(doc)
    assert ("the crime figures from last year", "pointing") in {(ctx.text[f.start:f.end], f.cue_token.text)
                                                                for f, _ in cands}
    assert _candidates(parse("The governor is upbeat."))[1] == []  # an adjective with nothing held in view


def test_open_candidates_take_owned_nouns_of_view_and_nouns_with_a_that_clause(parse):
    ctx, cands = _candidates(parse("Senator Warren renewed her critique of the bank's sales practices."))
    assert ("the bank's sales practices", "critique") in {(ctx.text[f.start:f.end], f.cue_token.text)
                                                          for f, n in cands if n == "noun"}
    ctx, cands = _candidates(parse("There is a growing sense that violence is becoming normal in the city."))
    assert any(ctx.text[f.start:f.end].startswith("that violence") and f.cue_token.text == "sense"
               for f, n in cands if n == "noun")
    assert not [f for f, n in _candidates(parse("The bank's sales grew by a third."))[1] if n == "noun"]


def test_document_signals_are_features(parse):
    doc = parse("Senator Elizabeth Warren said the bank had failed. She criticized the bank's chief executive.")
    ctx = build_context(doc)
    taken = [f for f, _ in found_by(ctx)]
    sig = signals(ctx, taken)
    assert sum(sig.speakers.values()) == 1 and sig.density in ("mid", "high")
    f, n = next((f, n) for f, n in extra_candidates(ctx, taken) if f.cue_token.text == "criticized")
    line = features(ctx, f, n, sig).split()
    assert "subj_speaks" in line and "para_quoted" in line and "sent_quoted" not in line


def test_open_candidates_take_views_others_hold_of_the_subject(parse):
    ctx, cands = _candidates(parse("The tax proposal has drawn harsh criticism from Senate Democrats."))
    f = next(f for f, n in cands if n == "reception")
    assert ctx.text[f.start:f.end] == "The tax proposal" and f.cue_token.text == "criticism"
    assert f.speaker_head.text == "Democrats" and attribution_class(ctx, f) == "stance"
    assert not [f for f, n in _candidates(parse("The army opened fire on the crowd."))[1] if n == "reception"]
