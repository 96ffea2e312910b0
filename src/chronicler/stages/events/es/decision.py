"""The learned decision over the Spanish rules' events: keep or drop each, with a calibrated probability.

The Spanish rules (``extractor.py``) propose every event their verbs, nouns and frames find; a linear model
(``decision.json``, written by ``scripts/train_events_es.py`` from the project's own annotated Spanish articles,
``annotations/es_written/``) reads each draft's features (``SpanishExtractor.features``) and gives the chance
that a careful reader would write the event down. Events below the threshold chosen for precision are dropped,
as the English stage drops its candidates; the same switches govern both languages: ``CHRONICLER_EVENTS_DECISION=off``
keeps the rules' events with their rule confidence, ``CHRONICLER_ALL_EVENTS=1`` (``--all-events``) keeps every
event with its probability, ``CHRONICLER_EVENTS_THRESHOLD`` moves the bar. A document of one or two sentences
(a coded sentence, a one-line note) is read by the rules alone: the model learned whole articles.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chronicler.learn.linear import LinearModel
from chronicler.stages.events.decision import all_events, decision_switched_on, threshold_setting

MODEL_FILE = "decision.json"


@dataclass
class SpanishDecision:
    model: LinearModel
    threshold: float

    def probability(self, features: list[str]) -> float:
        return self.model.probabilities(features).get("EVENT", 0.0)

    def keeps(self, p: float) -> bool:
        return p >= self.threshold or all_events()


@lru_cache(maxsize=1)
def load_decision_es() -> SpanishDecision | None:
    if not decision_switched_on():
        return None
    try:
        data = json.loads(resources.files("chronicler.stages.events.es").joinpath(MODEL_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return SpanishDecision(LinearModel(data), threshold_setting(float(data["meta"]["threshold"])))
