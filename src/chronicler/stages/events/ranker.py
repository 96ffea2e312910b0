"""Optional learned quad-class ranker: a linear model over a sentence's lemmas and the rule events found in it.

It never invents events: it re-weighs the confidence of the rule events of a sentence by the probability of
their quad class (so the first event is the best joint reading), and, in a sentence the model reads as a mere
statement, drops the events (of the gated quad classes) that neither the rules nor the model support. Trained by ``scripts/train_quadclass.py``; loaded once; absent or unloadable -> rules only.
"""
from __future__ import annotations

import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span

from chronicler.model import Event

MODEL_FILE = "quadclass.json"
RULE_WEIGHT = 0.5


def sentence_features(sent: Span, events: list[Event]) -> str:
    """One string per sentence: content lemmas, the root verb and the rule events' codes (best first)."""
    words = [t.lemma_.lower() for t in sent if not (t.is_punct or t.is_space or t.like_num)]
    marks = [f"zroot{sent.root.lemma_.lower()}"]
    for n, e in enumerate(events[:3]):
        marks += [f"zq{e.quad_class}", f"zt{e.type.lower()}", f"zc{e.cameo}", f"zm{e.modality}", f"zp{e.polarity}"]
        if n == 0:
            marks += [f"zfirstq{e.quad_class}", f"zfirstt{e.type.lower()}"]
    if not events:
        marks.append("znoevent")
    return " ".join(words + marks)


def combine(rule_confidence: float, probability: float, rule_weight: float = RULE_WEIGHT) -> float:
    return rule_weight * rule_confidence + (1 - rule_weight) * probability


@dataclass
class Ranker:
    model: Any  # text -> quad-class probabilities: LinearTextModel (or a scikit-learn pipeline in training)
    meta: dict = field(default_factory=dict)
    min_confidence: float = 0.0
    rule_weight: float = RULE_WEIGHT
    gate_quads: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # quad classes of the events the gate may drop

    def probabilities(self, texts: list[str]) -> list[dict[int, float]]:
        classes = [int(c) for c in self.model.classes_]
        return [dict(zip(classes, row)) for row in self.model.predict_proba(texts)]

    def rerank(self, doc: Doc, events: list[Event]) -> None:
        """Re-weigh (in place) the confidence of events by their sentence's quad-class probabilities."""
        if not events:
            return
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        groups: dict[int, list[Event]] = {}
        for e in events:
            groups.setdefault(max(0, bisect_right(starts, e.evidence.start) - 1), []).append(e)
        keys = sorted(groups)
        for k in keys:
            groups[k].sort(key=lambda e: (-e.confidence, e.evidence.start))
        probs = self.probabilities([sentence_features(sents[k], groups[k]) for k in keys])
        weak: set[int] = set()
        for k, p in zip(keys, probs):
            statement = max(p, key=p.get) == 0  # the model reads the sentence as a mere statement
            for e in groups[k]:
                e.confidence = combine(e.confidence, p.get(e.quad_class, 0.0), self.rule_weight)
                if statement and e.confidence < self.min_confidence and e.quad_class in self.gate_quads:
                    weak.add(id(e))
        if weak:
            events[:] = [e for e in events if id(e) not in weak]


@lru_cache(maxsize=1)
def load_ranker() -> Ranker | None:
    if os.environ.get("CHRONICLER_EVENTS_RANKER", "on").lower() in ("off", "0", "no"):
        return None
    try:
        from chronicler.stages.events.linear import LinearTextModel

        data = json.loads(resources.files("chronicler.stages.events").joinpath(MODEL_FILE).read_text("utf-8"))
        return Ranker(model=LinearTextModel(data["model"]), meta=data.get("meta", {}), min_confidence=data.get("min_confidence", 0.0),
                      rule_weight=data.get("rule_weight", RULE_WEIGHT),
                      gate_quads=frozenset(data.get("gate_quads", (0, 1, 2, 3, 4))))
    except (OSError, ValueError, KeyError):  # a missing or malformed model file: rules only
        return None
