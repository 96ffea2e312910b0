"""The learned attribution model: keeps the candidates of ``candidates.py`` that are attributions.

A logistic regression over the candidates' feature words, trained on PolNeAR's training articles by
``scripts/train_attribution.py`` and shipped as plain JSON (``attribution.json``), predicted in pure Python
by ``chronicler.stages.events.linear``. A candidate is kept when its probability reaches the model's
threshold. A second model of the same kind scores the rules' own clauses, and drops those below its (low)
threshold. ``CHRONICLER_QUOTES_MODEL=off`` switches it off: the speech rules alone.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from chronicler.stages.events.linear import LinearTextModel
from chronicler.stages.quotes.candidates import Signals, attribution_class, extra_candidates, features, signals
from chronicler.stages.quotes.context import Context, Found

MODEL_FILE = "attribution.json"
MODEL_ENV = "CHRONICLER_QUOTES_MODEL"


@dataclass
class AttributionModel:
    model: Any  # predict_proba(list[str]) -> [[p(0), p(1)], ...]: the candidates beyond the rules
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    rules: Any = None  # the same for the rules' own clauses; None keeps them all
    rule_threshold: float = 0.0
    other_threshold: float | None = None  # for beliefs, intents, evidence and stances; None: ``threshold``

    def probabilities(self, lines: list[str], model: Any = None) -> list[float]:
        model = model or self.model
        if not lines:
            return []
        positive = list(model.classes_).index(1)
        return [row[positive] for row in model.predict_proba(lines)]

    def select(self, ctx: Context, named: list[tuple[Found, str]], others: bool = True) -> list[Found]:
        """The rules' clauses the rules model keeps, and the candidates beyond them the model keeps, both read
        against the same document signals."""
        taken = [f for f, _ in named]
        sig = signals(ctx, taken)
        return self.prune(ctx, named, sig) + self.keep(ctx, taken, others, sig)

    def prune(self, ctx: Context, named: list[tuple[Found, str]], sig: Signals | None = None) -> list[Found]:
        """The rules' clauses less those the rules model calls no attribution ("what he", "READ MORE")."""
        if self.rules is None:
            return [f for f, _ in named]
        sig = signals(ctx, [f for f, _ in named]) if sig is None else sig
        for f, name in named:
            f.words = features(ctx, f, name, sig)
        probs = self.probabilities([f.words for f, _ in named], self.rules)
        return [f for (f, _), p in zip(named, probs) if p >= self.rule_threshold]

    def keep(self, ctx: Context, taken: list[Found], others: bool = True, sig: Signals | None = None) -> list[Found]:
        """The open-lexicon candidates beyond ``taken`` that the model calls attributions: quotations at the
        (strict) ``threshold``, other attributions (topics, beliefs, intents, evidence, stances; none unless
        ``others``) at ``other_threshold``."""
        cands = extra_candidates(ctx, taken)
        for f, _ in cands:
            f.attribution = attribution_class(ctx, f)
        if not others:
            cands = [(f, name) for f, name in cands if f.attribution == "speech"]
        sig = signals(ctx, taken) if sig is None else sig
        for f, name in cands:
            f.words = features(ctx, f, name, sig)
        probs = self.probabilities([f.words for f, _ in cands])
        other = self.threshold if self.other_threshold is None else self.other_threshold
        kept = []
        for (f, _), p in zip(cands, probs):
            if p >= (self.threshold if f.attribution == "speech" else other):
                f.score = p
                kept.append(f)
        return kept


def export_binary(pipeline: Any) -> dict[str, Any]:
    """The JSON form for ``LinearTextModel``: a binary logistic regression as a two-row softmax (0, z)."""
    vec, clf = pipeline.steps[0][1], pipeline.steps[-1][1]
    coef = [round(float(v), 7) for v in clf.coef_[0]]
    return {"classes": [int(c) for c in clf.classes_],
            "vocabulary": {term: int(i) for term, i in vec.vocabulary_.items()},
            "idf": [round(float(v), 7) for v in vec.idf_],
            "coef": [[0.0] * len(coef), coef], "intercept": [0.0, round(float(clf.intercept_[0]), 7)],
            "ngram_range": list(vec.ngram_range), "sublinear_tf": bool(vec.sublinear_tf),
            "lowercase": bool(vec.lowercase), "token_pattern": vec.token_pattern}


def model_from_json(data: dict[str, Any]) -> AttributionModel:
    rules = data.get("rules")
    return AttributionModel(model=LinearTextModel(data["model"]), threshold=float(data["threshold"]),
                            meta=data.get("meta", {}), rules=LinearTextModel(rules) if rules else None,
                            rule_threshold=float(data.get("rule_threshold", 0.0)),
                            other_threshold=data.get("other_threshold"))


@lru_cache(maxsize=1)
def _shipped() -> AttributionModel | None:
    try:
        text = resources.files("chronicler.stages.quotes").joinpath(MODEL_FILE).read_text("utf-8")
        return model_from_json(json.loads(text))
    except (OSError, ValueError, KeyError):  # a missing or malformed model file: the rules alone
        return None


def load_model() -> AttributionModel | None:
    """The shipped model, or None when switched off (``CHRONICLER_QUOTES_MODEL=off``) or missing."""
    if os.environ.get(MODEL_ENV, "on").strip().lower() in ("off", "0", "no", "false"):
        return None
    return _shipped()
