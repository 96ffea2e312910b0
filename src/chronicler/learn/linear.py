"""A sparse linear classifier as plain JSON, predicted in pure Python.

Features are strings (present = 1.0) or ``{name: value}``; each class has a weight per feature and a bias; the
probabilities are a softmax of the scores divided by a temperature fitted on held-out predictions (so that a
probability of 0.8 is right about 8 times in 10 on data the model did not learn from). Written by
``chronicler.learn.fit.export``; read by the stage that uses it, behind its own switch.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any


class LinearModel:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.classes: list[str] = [str(c) for c in data["classes"]]
        self.weights: dict[str, list[float]] = data["weights"]
        self.bias: list[float] = list(data["bias"])
        self.temperature: float = float(data.get("temperature", 1.0))
        self.meta: dict[str, Any] = dict(data.get("meta", {}))

    @classmethod
    def loads(cls, text: str) -> "LinearModel":
        return cls(json.loads(text))

    def scores(self, features: Iterable[str] | Mapping[str, float]) -> list[float]:
        weights = self.weights
        if isinstance(features, Mapping):
            rows = []
            for name, value in features.items():
                row = weights.get(name)
                if row is not None:
                    rows.append(row if value == 1.0 else [w * value for w in row])
        else:  # the common case: features present or not; the rows summed column by column in C
            get = weights.get
            rows = [row for row in map(get, features) if row is not None]
        if not rows:
            return list(self.bias)
        return [b + sum(col) for b, col in zip(self.bias, zip(*rows))]

    def probabilities(self, features: Iterable[str] | Mapping[str, float]) -> dict[str, float]:
        scores = [s / self.temperature for s in self.scores(features)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}
