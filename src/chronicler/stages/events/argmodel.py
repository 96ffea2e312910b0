"""Optional learned choice of an event's source and target among the nouns of its sentence.

Two logistic models (is this token the event's source? its target?) over features of the candidate and its
relation to the event word: its dependency label, the dependency path between them, its entity type, part of
speech, side and distance, the voice of the verb, the preposition that governs it, the event's PLOVER type, and
whether the rules chose it. Trained by ``scripts/train_arguments.py`` on ConfliBERT's actor tags
(``conflibert/actors_train.conll``), shipped as plain JSON (``arguments.json``) and predicted here in pure Python.
A candidate replaces the rules' choice only where the model prefers it by the stored margin.
``CHRONICLER_EVENTS_ARGUMENTS=off`` keeps the rules' choice.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

MODEL_FILE = "arguments.json"
_CANDIDATE_POS = {"NOUN", "PROPN", "PRON"}
_INSIDE = {"compound", "flat", "amod", "det", "poss", "case", "nummod"}


def candidates(trigger: Token) -> list[Token]:
    """Heads of the noun phrases of the trigger's sentence (not words inside another noun's phrase)."""
    sent = trigger.sent
    return [t for t in sent if t.pos_ in _CANDIDATE_POS and t.i != trigger.i
            and not (t.dep_ in _INSIDE and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != trigger.i)]


def _ancestors(tok: Token) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 12:  # spaCy makes a new Token object on every access
        out.append(out[-1].head)
    return out


def path(cand: Token, trigger: Token) -> tuple[str, int]:
    """The dependency labels up from the candidate to the common head, then down to the trigger ("nsubj^",
    "pobj^prep^", "^xcomp"), and the path's length."""
    up, down = _ancestors(cand), _ancestors(trigger)
    down_ids = {t.i: n for n, t in enumerate(down)}
    for n, t in enumerate(up):
        if t.i in down_ids:
            ups = [x.dep_ if x.dep_ != "prep" else f"prep:{x.lower_}" for x in up[:n]]
            downs = [x.dep_ for x in down[:down_ids[t.i]]]
            return "^".join(ups[:3]) + "|" + "^".join(reversed(downs[:3])), n + down_ids[t.i]
    return "none", 99


def features(trigger: Token, cand: Token, event_type: str, rule_source: int | None,
             rule_target: int | None) -> list[str]:
    p, length = path(cand, trigger)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    prep = cand.head.lower_ if cand.dep_ == "pobj" else ""
    side = "before" if cand.i < trigger.i else "after"
    gap = abs(cand.i - trigger.i)
    dist = "1" if gap <= 1 else "3" if gap <= 3 else "6" if gap <= 6 else "12" if gap <= 12 else "far"
    out = [
        f"dep={cand.dep_}", f"path={p}", f"len={min(length, 6)}", f"ent={cand.ent_type_ or '-'}", f"pos={cand.pos_}",
        f"side={side}", f"dist={dist}", f"passive={passive}", f"prep={prep}", f"tpos={trigger.pos_}",
        f"tdep={trigger.dep_}", f"tdep_dep={trigger.dep_}:{cand.dep_}",
        f"type={event_type}", f"type_dep={event_type}:{cand.dep_}", f"voice_dep={passive}:{cand.dep_}",
        f"prep_type={prep}:{event_type}", f"side_passive={side}:{passive}", f"tpos_dep={trigger.pos_}:{cand.dep_}",
        f"rule_source={rule_source == cand.i}", f"rule_target={rule_target == cand.i}",
    ]
    if cand.lower_ in ("it", "they", "he", "she", "we", "i", "you", "this", "that", "which", "who"):
        out.append("pronoun")
    return out


@dataclass(frozen=True)
class ArgumentModel:
    source: dict[str, float]
    target: dict[str, float]
    bias: tuple[float, float]
    margin: float = 0.0
    meta: dict | None = None

    def probabilities(self, feats: list[str]) -> tuple[float, float]:
        s = self.bias[0] + sum(self.source.get(f, 0.0) for f in feats)
        t = self.bias[1] + sum(self.target.get(f, 0.0) for f in feats)
        return 1 / (1 + math.exp(-s)), 1 / (1 + math.exp(-t))


def from_dict(data: dict) -> ArgumentModel:
    return ArgumentModel(source=data["source"], target=data["target"], bias=tuple(data["bias"]),
                         margin=data.get("margin", 0.0), meta=data.get("meta"))


def choose(model: ArgumentModel, d, resolver, same, events: frozenset[int] = frozenset()) -> None:
    """The model's source and target for a draft where it prefers another noun of the sentence to the rules'
    choice by the model's margin (a source set by a frame or a quote, with no token of its own, stays; an event
    word is nobody's name: ``events`` are the tokens of the document's event words)."""
    trig = d.trigger.token
    scored = [(c, *model.probabilities(features(trig, c, d.code.type, d.source_token, d.target_token)))
              for c in candidates(trig) if c.i not in events]
    if not scored:
        return
    by_index = {c.i: (ps, pt) for c, ps, pt in scored}
    if d.source is None or d.source_token is not None:
        best, ps, _ = max(scored, key=lambda x: x[1])
        current = by_index.get(d.source_token, (0.0, 0.0))[0] if d.source_token is not None else 0.0
        if best.i != d.source_token and ps >= 0.5 and ps > current + model.margin:
            found = resolver.participant(best)
            if found is not None and (d.target is None or not same(found, d.target)):
                d.source, d.source_token = found, best.i
    best, _, pt = max(scored, key=lambda x: x[2])
    current = by_index.get(d.target_token, (0.0, 0.0))[1] if d.target_token is not None else 0.0
    if best.i != d.target_token and best.i != d.source_token and pt >= 0.5 and pt > current + model.margin:
        found = resolver.participant(best)
        if found is not None and (d.source is None or not same(found, d.source)):
            d.target, d.target_token = found, best.i


@lru_cache(maxsize=1)
def load_argument_model() -> ArgumentModel | None:
    if os.environ.get("CHRONICLER_EVENTS_ARGUMENTS", "on").lower() in ("off", "0", "no"):
        return None
    try:
        text = resources.files("chronicler.stages.events").joinpath(MODEL_FILE).read_text("utf-8")
        return from_dict(json.loads(text))
    except (OSError, ValueError, KeyError):  # a missing or malformed model file: the rules' choice
        return None
