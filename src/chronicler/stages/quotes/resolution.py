"""The learned resolution of a speaker's mention to the named actor behind it.

A quote's speaker mention ("he", "the spokeswoman", "the campaign", "Trump") is resolved to an actor by the
rules (coreference, ``speaker.make_speaker``). This model reads the same mention against every person,
organisation and group of the document and says which one it is, from plain feature words: the kind of
mention (pronoun and its gender and number, a description and what its noun names, a name), the candidate's
kind, how recently and how often it was mentioned before (and whether only after: "said the spokeswoman,
Jane Doe"), whether it was the last speaker or the subject just before, gender and number agreement, role
words the candidate holds ("the senator"), whether it is the possessor ("her campaign"), whether it is what
the quote is about (mentioned inside the content) or who was spoken to, and whether the rules chose it.

It is a binary logistic regression over (mention, candidate) pairs, trained by ``scripts/train_resolution.py``
on the speaker annotations of PolNeAR training articles (``annotations/speakers/``: the named person or
organisation behind each attribution source, by careful reading), cross-validated by article, and shipped as
plain JSON (``resolution.json``, read by ``chronicler.learn.linear``). At run time the best candidate replaces
the rules' actor where its probability beats the rules' candidate by the model's margin, or, where the rules
left the mention unresolved, reaches the model's threshold; which mention kinds it may change is part of the
model file (those where it beat the rules in cross-validation). ``CHRONICLER_SPEAKER_RESOLUTION=off``
switches it off.
"""
from __future__ import annotations

import json
import os
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from chronicler.learn.linear import LinearModel
from chronicler.model import Actor
from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.coref.gender import infer_genders
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon
from chronicler.stages.coref.resolve import _roles, actor_runs, quote_flags
from chronicler.stages.quotes.lexicon import lexicon as quote_lexicon

MODEL_FILE = "resolution.json"
MODEL_ENV = "CHRONICLER_SPEAKER_RESOLUTION"
KINDS = frozenset({"person", "organization", "group"})
_CACHE_KEY = "chronicler.quotes.resolution"
_PRONOUN_TYPES = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she",
                  "they": "they", "them": "they", "their": "they", "it": "it", "its": "it", "we": "we", "us": "we",
                  "our": "we", "i": "i", "me": "i", "my": "i", "you": "you", "your": "you", "who": "who",
                  "whom": "who", "that": "who", "which": "who"}
_GENDER = {"he": "m", "she": "f"}


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 \
        else "11+"


@dataclass
class DocInfo:
    """What the features read of a document, worked out once."""
    actors: dict[str, Actor]
    positions: dict[str, list[int]]  # actor id -> sorted token indices of its mentions
    sent_of: list[int]  # token -> sentence number
    genders: dict[str, str | None]
    roles: dict[str, set[str]]
    in_quote: list[bool]
    speakers_at: dict[str, list[int]] = field(default_factory=dict)  # actor -> tokens where it is a cue's subject
    subjects_at: dict[str, list[int]] = field(default_factory=dict)  # actor -> tokens where it is a subject
    first: list[str] = field(default_factory=list)  # candidates in order of their first mention


def doc_info(doc: Doc) -> DocInfo:
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None and cached[0] == len(doc._.token_actor or {}):
        return cached[1]
    index = doc._.token_actor or {}
    actors = {a.id: a for a in doc._.actors or [] if a.kind in KINDS}
    positions: dict[str, list[int]] = {}
    for i in sorted(index):
        if index[i] in actors:
            positions.setdefault(index[i], []).append(i)
    sent_of = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = n
    in_quote = quote_flags(doc)
    all_actors = {a.id: a for a in doc._.actors or []}
    runs = actor_runs(index)
    lex = coref_lexicon()
    genders = infer_genders(doc, all_actors, runs, lex, in_quote)
    roles = _roles(doc, all_actors, runs)
    speakers_at: dict[str, list[int]] = {}
    subjects_at: dict[str, list[int]] = {}
    is_cue = quote_lexicon().is_cue
    arrays = parse_arrays(doc)
    dep, head, lemma = arrays.dep, arrays.head, arrays.lemma
    for aid, pos in positions.items():
        for i in pos:
            if dep[i] in ("nsubj", "nsubjpass") and not in_quote[i]:
                subjects_at.setdefault(aid, []).append(i)
                if is_cue(lemma[head[i]]):
                    speakers_at.setdefault(aid, []).append(i)
    first = sorted(positions, key=lambda a: positions[a][0])
    info = DocInfo(actors, positions, sent_of, genders, roles, in_quote, speakers_at, subjects_at, first)
    doc.user_data[_CACHE_KEY] = (len(index), info)
    return info


def mention_type(t: Token) -> str:
    """'pron=he', 'pron=they', 'noun=title', 'noun=org', 'noun=person', 'noun=other', 'name'."""
    low = t.lower_
    if t.pos_ == "PRON" or low in _PRONOUN_TYPES and t.pos_ in ("DET", "PRON"):
        return f"pron={_PRONOUN_TYPES.get(low, 'other')}"
    if t.pos_ == "PROPN":
        return "name"
    if t.pos_ == "NOUN":
        from chronicler.stages.quotes.ranker import _noun_class

        return f"noun={_noun_class(t.lemma_.lower())}"
    return "other"


def _last_before(pos: list[int], i: int) -> int | None:
    k = bisect_left(pos, i)
    return pos[k - 1] if k > 0 else None


def _first_after(pos: list[int], i: int) -> int | None:
    k = bisect_left(pos, i + 1)
    return pos[k] if k < len(pos) else None


def _noun_gender(t: Token) -> str | None:
    low = t.lower_
    return "f" if low.endswith("woman") or low.endswith("women") else "m" if low.endswith("man") else None


def candidate_features(doc: Doc, head: Token, rule_actor: str | None,
                       content: list[tuple[int, int]] = ()) -> list[tuple[str, list[str]]]:
    """(actor id, feature words) for every person, organisation and group of the document that the mention
    headed by ``head`` could be; ``content``: the char spans of what the quote says."""
    info = doc_info(doc)
    if not info.actors:
        return []
    mtype = mention_type(head)
    i = head.i
    sent = info.sent_of[i]
    own = (doc._.token_actor or {}).get(i)
    possessor = next(((doc._.token_actor or {}).get(c.i) for c in head.children if c.dep_ == "poss"), None)
    recent = sorted((a for a in info.actors if _last_before(info.positions.get(a, []), i) is not None),
                    key=lambda a: -_last_before(info.positions[a], i))
    rank = {a: k for k, a in enumerate(recent)}
    speak_recent = sorted((a for a in info.speakers_at if _last_before(info.speakers_at[a], i) is not None),
                          key=lambda a: -_last_before(info.speakers_at[a], i))
    speak_rank = {a: k for k, a in enumerate(speak_recent)}
    counts = sorted(info.actors, key=lambda a: -len(info.positions.get(a, [])))
    count_rank = {a: k for k, a in enumerate(counts)}
    g = _GENDER.get(mtype[5:]) if mtype.startswith("pron=") else _noun_gender(head) if mtype.startswith("noun") \
        else None
    lemma = head.lemma_.lower()
    cue_subject = head.dep_ in ("nsubj", "nsubjpass") and quote_lexicon().is_cue(head.head.lemma_)
    arrays = parse_arrays(doc)
    idx, dep, heads = arrays.idx, arrays.dep, arrays.head
    out = []
    for aid, actor in info.actors.items():
        pos = info.positions.get(aid, [])
        before = _last_before(pos, i)
        after = _first_after(pos, i)
        k = actor.kind
        w = [f"kind={k}", f"m={mtype}|k={k}"]
        if before is None:
            w.append(f"m={mtype}|never_before")
            if after is not None:
                sd = info.sent_of[after] - sent
                w.append(f"m={mtype}|after_sd={_bucket(sd)}")
        else:
            sd = sent - info.sent_of[before]
            r = min(rank[aid], 4)
            w += [f"m={mtype}|rec={r}", f"m={mtype}|sd={_bucket(sd)}", f"rec={r}|k={k}",
                  f"m={mtype}|rec={r}|sd={_bucket(sd)}"]
            if info.in_quote[before]:
                w.append("last_in_quote")
        sr = speak_rank.get(aid)
        if sr is not None:
            w.append(f"m={mtype}|speaker_rec={min(sr, 3)}")
            if cue_subject:
                w.append(f"cuesubj|speaker_rec={min(sr, 3)}")
        subs = info.subjects_at.get(aid, [])
        ps = _last_before(subs, i)
        if ps is not None:
            w.append(f"m={mtype}|subj_sd={_bucket(sent - info.sent_of[ps])}")
        w.append(f"m={mtype}|freq={min(count_rank[aid], 4)}")
        w.append(f"n={_bucket(len(pos))}|k={k}")
        if info.first and info.first[0] == aid:
            w.append(f"m={mtype}|first_named")
        ga = info.genders.get(aid)
        if g is not None and k == "person":
            w.append(f"m={mtype}|gender={'unk' if ga is None else 'match' if ga == g else 'clash'}")
        if mtype.startswith("noun"):
            if lemma in info.roles.get(aid, set()):
                w.append(f"m={mtype}|role")
            if actor.title and lemma in actor.title.lower():
                w.append(f"m={mtype}|title")
            if lemma in actor.name.lower().split():
                w.append(f"m={mtype}|in_name")
            w.append(f"lemma={lemma}|k={k}")
        if possessor is not None and possessor == aid:
            w.append(f"m={mtype}|possessor")
        if own == aid:
            w.append(f"m={mtype}|coref")
        if rule_actor == aid:
            w += ["rule", f"m={mtype}|rule"]
        if any(s <= idx[p] < e for p in pos for s, e in content):
            w.append(f"m={mtype}|in_content")
        same = [p for p in pos if info.sent_of[p] == sent and p != i and not any(s <= idx[p] < e
                                                                                 for s, e in content)]
        if same:
            deps = {dep[p] for p in same}
            if deps & {"dobj", "dative", "pobj"}:
                w.append(f"m={mtype}|same_sent_object")
            if deps & {"nsubj", "nsubjpass"}:
                w.append(f"m={mtype}|same_sent_subject")
            if "appos" in deps or any(heads[p] == i for p in same):
                w.append(f"m={mtype}|attached")
        out.append((aid, w))
    return out


@dataclass
class Resolution:
    model: LinearModel
    threshold: float = 0.5  # an unresolved mention takes the best candidate at this probability
    margin: float = 0.0  # a resolved one changes only where the best beats the rules' candidate by this
    types: frozenset[str] = frozenset()  # mention types the model may change ('pron=he', 'noun=title', ...)
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, words: list[str]) -> float:
        return self.model.probabilities(words).get("1", 0.0)

    def choose(self, doc: Doc, head: Token, rule_actor: str | None,
               content: list[tuple[int, int]] = ()) -> str | None:
        """The actor the mention is, by the model, where it may and will change the rules' answer; else the
        rules' actor."""
        mtype = mention_type(head)
        if mtype not in self.types:
            return rule_actor
        cands = candidate_features(doc, head, rule_actor, content)
        if not cands:
            return rule_actor
        scored = [(self.probability(w), aid) for aid, w in cands]
        best_p, best = max(scored)
        if rule_actor is None:
            return best if best_p >= self.threshold else None
        rule_p = next((p for p, a in scored if a == rule_actor), 0.0)
        return best if best != rule_actor and best_p >= rule_p + self.margin and best_p >= self.threshold \
            else rule_actor


def resolution_from_json(data: dict[str, Any]) -> Resolution:
    return Resolution(model=LinearModel(data["model"]), threshold=float(data.get("threshold", 0.5)),
                      margin=float(data.get("margin", 0.0)), types=frozenset(data.get("types", [])),
                      meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def _shipped() -> Resolution | None:
    try:
        text = resources.files("chronicler.stages.quotes").joinpath(MODEL_FILE).read_text("utf-8")
        return resolution_from_json(json.loads(text))
    except (OSError, ValueError, KeyError):  # a missing or malformed file: the rules alone
        return None


def load_resolution() -> Resolution | None:
    """The shipped model, or None when switched off (``CHRONICLER_SPEAKER_RESOLUTION=off``) or missing."""
    if os.environ.get(MODEL_ENV, "on").strip().lower() in ("off", "0", "no", "false"):
        return None
    return _shipped()
