"""Fitting, grouped cross-validation and calibration for ``LinearModel`` (training scripts only: needs
scikit-learn, ``pip install '.[train]'``)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from chronicler.learn.linear import LinearModel


def _vectorize(features: Sequence[Sequence[str]], min_count: int = 1):
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer

    keep = None
    if min_count > 1:
        counts = Counter(f for fs in features for f in set(fs))
        keep = {f for f, n in counts.items() if n >= min_count}
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in fs if keep is None or f in keep} for fs in features])
    return vec, X


def fit(features: Sequence[Sequence[str]], labels: Sequence[str], C: float = 1.0,
        class_weight: Any = None, min_count: int = 2) -> tuple[Any, Any]:
    """A logistic regression over the features seen at least ``min_count`` times."""
    from sklearn.linear_model import LogisticRegression

    vec, X = _vectorize(features, min_count)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight=class_weight)
    clf.fit(X, list(labels))
    return vec, clf


def predict_rows(vec, clf, features: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    X = vec.transform([{f: 1.0 for f in fs} for fs in features])
    classes = [str(c) for c in clf.classes_]
    return [dict(zip(classes, row)) for row in clf.predict_proba(X)]


def cross_val_rows(features: Sequence[Sequence[str]], labels: Sequence[str], groups: Sequence[str],
                   C: float = 1.0, folds: int = 5, class_weight: Any = None) -> list[dict[str, float]]:
    """Out-of-fold class probabilities (uncalibrated), folds grouped so one group never spans train and test."""
    from sklearn.model_selection import GroupKFold

    rows: list[dict[str, float] | None] = [None] * len(labels)
    splitter = GroupKFold(n_splits=min(folds, len(set(groups))))
    for tr, te in splitter.split(list(range(len(labels))), list(labels), list(groups)):
        vec, clf = fit([features[i] for i in tr], [labels[i] for i in tr], C, class_weight)
        for i, row in zip(te, predict_rows(vec, clf, [features[i] for i in te])):
            rows[i] = row
    return rows  # type: ignore[return-value]


def fit_temperature(rows: Sequence[dict[str, float]], labels: Sequence[str]) -> float:
    """The temperature that minimises the log loss of held-out probabilities (a one-parameter calibration)."""
    def loss(t: float) -> float:
        total = 0.0
        for row, y in zip(rows, labels):
            logs = {c: math.log(max(p, 1e-12)) / t for c, p in row.items()}
            top = max(logs.values())
            norm = top + math.log(sum(math.exp(v - top) for v in logs.values()))
            total -= logs.get(y, math.log(1e-12)) - norm
        return total / max(1, len(labels))
    best_t, best = 1.0, loss(1.0)
    for t in [x / 20 for x in range(6, 61)]:
        v = loss(t)
        if v < best:
            best_t, best = t, v
    return best_t


def export(vec, clf, temperature: float = 1.0, meta: dict[str, Any] | None = None, digits: int = 4,
           prune: float = 1e-3) -> dict[str, Any]:
    """The JSON form ``LinearModel`` reads: per-feature weight rows (all classes), biases, temperature, meta."""
    coef = clf.coef_
    classes = [str(c) for c in clf.classes_]
    bias = list(clf.intercept_)
    if coef.shape[0] == 1:  # binary: scikit-learn keeps one row for the second class
        coef = [[-v / 2 for v in coef[0]], [v / 2 for v in coef[0]]]
        bias = [-bias[0] / 2, bias[0] / 2]
    else:
        coef = coef.tolist()
    weights = {}
    for name, j in vec.vocabulary_.items():
        row = [round(float(coef[k][j]), digits) for k in range(len(classes))]
        if max(abs(v) for v in row) >= prune:
            weights[name] = row
    return {"classes": classes, "weights": dict(sorted(weights.items())), "bias": [round(float(b), digits) for b in bias],
            "temperature": temperature, "meta": meta or {}}


def as_model(vec, clf, temperature: float = 1.0) -> LinearModel:
    return LinearModel(export(vec, clf, temperature, digits=12, prune=0.0))
