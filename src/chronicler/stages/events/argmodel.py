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
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.attrs import ENT_TYPE
from spacy.tokens import Doc, Token

from chronicler.nlp.arrays import parse_arrays

MODEL_FILE = "arguments.json"
_CANDIDATE_POS = {"NOUN", "PROPN", "PRON"}
_INSIDE = {"compound", "flat", "amod", "det", "poss", "case", "nummod"}


class DocView:
    """A document's parse read once into lists (dependency label, head, word, part of speech, entity type), so
    that scoring every noun of a sentence against every event word reads no Token twice."""

    def __init__(self, doc: Doc) -> None:
        arrays = parse_arrays(doc)  # read once from the parse, shared with the other stages
        self.dep, self.head, self.lower, self.pos = arrays.dep, arrays.head, arrays.lower, arrays.pos
        self.ent = arrays.read(ENT_TYPE)  # entity labels change while the stages run: read here, not kept
        self._passive_heads: set[int] | None = None

    def ancestors(self, i: int) -> list[int]:
        out = [i]
        while self.head[out[-1]] != out[-1] and len(out) < 12:
            out.append(self.head[out[-1]])
        return out

    def passive(self, i: int) -> bool:
        """An "auxpass" or "nsubjpass" below the word."""
        if self._passive_heads is None:  # the words with such a child, read in one pass on first use
            self._passive_heads = {h for c, h in enumerate(self.head) if self.dep[c] in ("auxpass", "nsubjpass")}
        return i in self._passive_heads


def candidates(trigger: Token, view: DocView | None = None) -> list[int]:
    """Heads of the noun phrases of the trigger's sentence (not words inside another noun's phrase), as indices."""
    v = view or DocView(trigger.doc)
    sent = trigger.sent
    return [i for i in range(sent.start, sent.end) if v.pos[i] in _CANDIDATE_POS and i != trigger.i
            and not (v.dep[i] in _INSIDE and v.pos[v.head[i]] in ("NOUN", "PROPN") and v.head[i] != trigger.i)]


def path(v: DocView, cand: int, trigger: int, down: list[int] | None = None) -> tuple[str, int]:
    """The dependency labels up from the candidate to the common head, then down to the trigger ("nsubj|",
    "pobj^prep:against|", "nsubj|xcomp"), and the path's length (``down``: the trigger's ancestors)."""
    up, down = v.ancestors(cand), down or v.ancestors(trigger)
    down_ids = {t: n for n, t in enumerate(down)}
    for n, t in enumerate(up):
        if t in down_ids:
            ups = [v.dep[x] if v.dep[x] != "prep" else f"prep:{v.lower[x]}" for x in up[:n]]
            downs = [v.dep[x] for x in down[:down_ids[t]]]
            return "^".join(ups[:3]) + "|" + "^".join(reversed(downs[:3])), n + down_ids[t]
    return "none", 99


_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "this", "that", "which", "who"}


def features(v: DocView, trigger: int, cand: int, event_type: str, rule_source: int | None,
             rule_target: int | None, down: list[int] | None = None) -> list[str]:
    p, length = path(v, cand, trigger, down)
    passive = v.passive(trigger)
    dep, tdep, tpos = v.dep[cand], v.dep[trigger], v.pos[trigger]
    prep = v.lower[v.head[cand]] if dep == "pobj" else ""
    side = "before" if cand < trigger else "after"
    gap = abs(cand - trigger)
    dist = "1" if gap <= 1 else "3" if gap <= 3 else "6" if gap <= 6 else "12" if gap <= 12 else "far"
    out = [
        f"dep={dep}", f"path={p}", f"len={min(length, 6)}", f"ent={v.ent[cand] or '-'}", f"pos={v.pos[cand]}",
        f"side={side}", f"dist={dist}", f"passive={passive}", f"prep={prep}", f"tpos={tpos}",
        f"tdep={tdep}", f"tdep_dep={tdep}:{dep}",
        f"type={event_type}", f"type_dep={event_type}:{dep}", f"voice_dep={passive}:{dep}",
        f"prep_type={prep}:{event_type}", f"side_passive={side}:{passive}", f"tpos_dep={tpos}:{dep}",
        f"rule_source={rule_source == cand}", f"rule_target={rule_target == cand}",
    ]
    if v.lower[cand] in _PRONOUNS:
        out.append("pronoun")
    return out


@dataclass(frozen=True)
class ArgumentModel:
    source: dict[str, float]
    target: dict[str, float]
    bias: tuple[float, float]
    margin: float = 0.0
    meta: dict | None = None
    weights: dict[str, tuple[float, float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:  # one look-up per feature for both models
        both = {f: (self.source.get(f, 0.0), self.target.get(f, 0.0)) for f in {*self.source, *self.target}}
        object.__setattr__(self, "weights", both)

    def probabilities(self, feats: list[str]) -> tuple[float, float]:
        s, t = self.bias
        get = self.weights.get
        for f in feats:
            w = get(f)
            if w is not None:
                s += w[0]
                t += w[1]
        return 1 / (1 + math.exp(-s)), 1 / (1 + math.exp(-t))


def from_dict(data: dict) -> ArgumentModel:
    return ArgumentModel(source=data["source"], target=data["target"], bias=tuple(data["bias"]),
                         margin=data.get("margin", 0.0), meta=data.get("meta"))


def choose(model: ArgumentModel, d, resolver, same, events: frozenset[int] = frozenset(),
           view: DocView | None = None) -> None:
    """The model's source and target for a draft where it prefers another noun of the sentence to the rules'
    choice by the model's margin (a source set by a frame or a quote, with no token of its own, stays, and so does
    a verb's own active subject, never another clause's; an event
    word is nobody's name: ``events`` are the tokens of the document's event words)."""
    trig = d.trigger.token
    v = view or DocView(trig.doc)
    down = v.ancestors(trig.i)
    scored = [(c, *model.probabilities(features(v, trig.i, c, d.code.type, d.source_token, d.target_token, down)))
              for c in candidates(trig, v) if c not in events]
    if not scored:
        return
    doc = trig.doc
    by_index = {c: (ps, pt) for c, ps, pt in scored}
    own_subject = (d.source_token is not None and v.head[d.source_token] == trig.i
                   and v.dep[d.source_token] == "nsubj")  # a clause's own doer: "as Iceland threatens to ..."
    if (d.source is None or d.source_token is not None) and not own_subject:
        best, ps, _ = max(scored, key=lambda x: x[1])
        current = by_index.get(d.source_token, (0.0, 0.0))[0] if d.source_token is not None else 0.0
        if best != d.source_token and ps >= 0.5 and ps > current + model.margin:
            found = resolver.participant(doc[best])
            if found is not None and (d.target is None or not same(found, d.target)):
                d.source, d.source_token = found, best
    best, _, pt = max(scored, key=lambda x: x[2])
    current = by_index.get(d.target_token, (0.0, 0.0))[1] if d.target_token is not None else 0.0
    if best != d.target_token and best != d.source_token and pt >= 0.5 and pt > current + model.margin:
        found = resolver.participant(doc[best])
        if found is not None and (d.source is None or not same(found, d.source)):
            d.target, d.target_token = found, best


@lru_cache(maxsize=1)
def load_argument_model() -> ArgumentModel | None:
    if os.environ.get("CHRONICLER_EVENTS_ARGUMENTS", "on").lower() in ("off", "0", "no"):
        return None
    try:
        text = resources.files("chronicler.stages.events").joinpath(MODEL_FILE).read_text("utf-8")
        return from_dict(json.loads(text))
    except (OSError, ValueError, KeyError):  # a missing or malformed model file: the rules' choice
        return None
