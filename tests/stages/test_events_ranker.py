"""The quad-class ranker re-weighs rule events; the shipped model loads, and the rules work without it."""
from datetime import date

import numpy as np
import pytest

from chronicler.sources.article import make_article
from chronicler.stages.events.component import extract_events
from chronicler.stages.events.ranker import Ranker, load_ranker, sentence_features


class FixedModel:
    """Stands in for the scikit-learn pipeline: the same probabilities for every sentence."""

    def __init__(self, probs):
        self.classes_ = np.array([0, 1, 2, 3, 4])
        self.probs = probs

    def predict_proba(self, texts):
        return np.array([self.probs for _ in texts])


TEXT = "Iran praised Iraq and attacked Kuwait."


def test_ranker_puts_the_likelier_quad_class_first(analyzer):
    doc = analyzer.parse(make_article(TEXT, published=date(2026, 1, 6)))
    rules = extract_events(doc, ranker=None)
    assert {e.type for e in rules} >= {"SUPPORT", "ASSAULT"}
    material = extract_events(doc, ranker=Ranker(FixedModel([0.0, 0.05, 0.0, 0.05, 0.9])))
    verbal = extract_events(doc, ranker=Ranker(FixedModel([0.0, 0.9, 0.0, 0.05, 0.05])))
    assert material[0].type == "ASSAULT" and verbal[0].type == "SUPPORT"
    assert [e.id for e in material] == [f"E{i}" for i in range(1, len(material) + 1)]


def test_gate_drops_weak_events_only_in_statement_sentences(analyzer):
    doc = analyzer.parse(make_article(TEXT))
    statement = Ranker(FixedModel([0.9, 0.05, 0.0, 0.05, 0.0]), min_confidence=0.6, rule_weight=0.4)
    assert extract_events(doc, ranker=statement) == []
    only_verbal = Ranker(FixedModel([0.9, 0.05, 0.0, 0.05, 0.0]), min_confidence=0.6, rule_weight=0.4,
                         gate_quads=frozenset({0, 1, 3}))
    assert [e.type for e in extract_events(doc, ranker=only_verbal)] == ["ASSAULT"]


def test_sentence_features_carry_rule_codes(analyzer):
    doc = analyzer.parse(make_article(TEXT))
    events = extract_events(doc, ranker=None)
    feats = sentence_features(next(iter(doc.sents)), events).split()
    assert "attack" in feats and "zq4" in feats and any(f.startswith("zfirstt") for f in feats)
    assert "znoevent" in sentence_features(next(iter(doc.sents)), []).split()


def test_shipped_model_is_small_and_loads_with_cv_figures():
    from importlib import resources

    blob = resources.files("chronicler.stages.events").joinpath("quadclass.json").read_bytes()
    assert len(blob) < 5 * 1024 * 1024
    ranker = load_ranker()
    assert ranker is not None
    cv = ranker.meta["cv"]
    assert ranker.meta["train_file"] == "quadclass_train.tsv" and 0 < cv["macro_f1"] <= 1


def test_portable_model_matches_scikit_learn():
    sklearn = pytest.importorskip("sklearn", reason="scikit-learn is only for training (pip install '.[train]')")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from chronicler.stages.events.linear import LinearTextModel, export

    texts = ["troops attack the town zq4", "ministers meet for talks zq1", "police arrest protesters zq4",
             "the president said nothing zq0", "rebels threaten to attack zq3", "aid arrives for refugees zq2",
             "talks on aid zq1", "the army shelled the village zq4", "they accused the minister zq3",
             "leaders signed a deal zq1"] * 3
    labels = [4, 1, 4, 0, 3, 2, 1, 4, 3, 1] * 3
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"\S+"),
                          LogisticRegression(C=4.0, max_iter=500)).fit(texts, labels)
    portable = LinearTextModel(export(model))
    probe = texts[:10] + ["unseen words only", "", "Troops ATTACK talks zq4 zq4"]
    for ours, theirs in zip(portable.predict_proba(probe), model.predict_proba(probe)):
        assert ours == pytest.approx(list(theirs), abs=1e-6)
    assert portable.classes_ == [0, 1, 2, 3, 4]
    assert sklearn
