"""The shared linear model: pure-Python prediction equal to scikit-learn's, calibration by temperature."""
import math

import pytest

from chronicler.learn.linear import LinearModel

MODEL = {"classes": ["NONE", "ACCUSE", "SUPPORT"], "bias": [0.5, -0.2, -0.3], "temperature": 1.0,
         "weights": {"neg=2": [-1.0, 2.0, -1.0], "pos=2": [-1.0, -1.0, 2.0], "origin=quote": [0.0, 0.3, 0.3]}}


def test_probabilities_are_a_softmax_over_the_features_present():
    m = LinearModel(MODEL)
    p = m.probabilities(["neg=2", "origin=quote", "never-seen"])
    assert math.isclose(sum(p.values()), 1.0)
    z = [0.5 - 1.0, -0.2 + 2.0 + 0.3, -0.3 - 1.0 + 0.3]
    assert math.isclose(p["ACCUSE"], math.exp(z[1]) / sum(math.exp(v) for v in z))
    assert max(p, key=p.get) == "ACCUSE"
    assert max(m.probabilities(["pos=2"]), key=m.probabilities(["pos=2"]).get) == "SUPPORT"
    assert m.probabilities([]) == m.probabilities(["never-seen"])


def test_a_temperature_above_one_makes_the_model_less_sure():
    hot = LinearModel({**MODEL, "temperature": 2.0})
    assert hot.probabilities(["neg=2"])["ACCUSE"] < LinearModel(MODEL).probabilities(["neg=2"])["ACCUSE"]
    assert max(hot.probabilities(["neg=2"]).values()) > 1 / 3


def test_exported_models_predict_as_scikit_learn_does():
    pytest.importorskip("sklearn", reason="scikit-learn (pip install '.[train]')")
    from chronicler.learn import fit as learn

    feats = [["a", "b"], ["a"], ["b", "c"], ["c"], ["a", "c"], ["b"]] * 4
    labels = ["x", "x", "y", "y", "z", "z"] * 4
    vec, clf = learn.fit(feats, labels, C=1.0, min_count=1)
    model = learn.as_model(vec, clf)
    refs = learn.predict_rows(vec, clf, feats[:6])
    for f, ref in zip(feats[:6], refs):
        row = model.probabilities(f)
        assert all(math.isclose(row[c], ref[c], rel_tol=1e-6) for c in ref)
    binary = learn.as_model(*learn.fit(feats, ["y" if l == "y" else "n" for l in labels], min_count=1))
    assert set(binary.classes) == {"n", "y"}
    assert binary.probabilities(["c"])["y"] > binary.probabilities(["a"])["y"]


def test_temperature_fitted_on_overconfident_predictions_is_above_one():
    from chronicler.learn.fit import fit_temperature

    rows = [{"a": 0.99, "b": 0.01}] * 6 + [{"a": 0.01, "b": 0.99}] * 4  # right 6 times in 10, but sure each time
    labels = ["a"] * 3 + ["b"] * 3 + ["b"] * 2 + ["a"] * 2
    assert fit_temperature(rows, labels) > 1.5
