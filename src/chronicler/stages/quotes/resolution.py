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
the rules' actor where its probability beats the rules' candidate by a margin, or, where the rules left the
mention unresolved, reaches a threshold; which mention types it may change, each with its threshold and margin,
is part of the model file (those where it beat the rules in cross-validation).
``CHRONICLER_SPEAKER_RESOLUTION=off`` switches it off.
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
from chronicler.stages.coref.descriptions import described_by, descriptions
from chronicler.stages.coref.gender import infer_genders
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon
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
    descriptors: dict[str, set[str]] = field(default_factory=dict)  # actor -> words the text describes it by
    owns: dict[str, set[str]] = field(default_factory=dict)  # actor -> nouns its mentions modify ('Quinnipiac poll')


def doc_info(doc: Doc) -> DocInfo:
    from chronicler.stages.coref.resolve import _roles, actor_runs, quote_flags  # coref imports this stage

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
    descriptors, owns = descriptions(doc, runs, actors)
    info = DocInfo(actors, positions, sent_of, genders, roles, in_quote, speakers_at, subjects_at, first,
                   descriptors, owns)
    doc.user_data[_CACHE_KEY] = (len(index), info)
    return info


def _determiner(t: Token) -> str:
    for c in t.lefts:
        if c.dep_ == "poss":
            return "poss"
        if c.dep_ == "det":
            low = c.lower_
            return "the" if low == "the" else "a" if low in ("a", "an") else "dem" if low in (
                "this", "that", "these", "those") else "other"
    return "none"


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


def mention_shape(head: Token, mtype: str) -> list[str]:
    """What a description looks like, the same for every candidate: its determiner ('the', 'a', a possessor),
    number, and whether a phrase hangs on it ('a spokesman for the campaign')."""
    if not (mtype.startswith("noun") or mtype == "other"):
        return []
    det = _determiner(head)
    plural = head.tag_ in ("NNS", "NNPS")
    shape = [f"m={mtype}|det={det}", f"m={mtype}|plural={plural}", f"m={mtype}|det={det}|plural={plural}"]
    if any(c.dep_ == "prep" for c in head.children):
        shape.append(f"m={mtype}|prep")
    return shape


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
    noun = mtype.startswith("noun") or mtype == "other"
    described = described_by(head) if noun else set()
    own_phrase = range(head.left_edge.i, head.right_edge.i + 1) if noun else range(0)
    shape = mention_shape(head, mtype)
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
        w += shape
        if noun:
            words = info.descriptors.get(aid, set())
            if lemma in words:
                w.append(f"m={mtype}|desc_head")
            shared = len((described - {lemma}) & words)
            if shared:
                w.append(f"m={mtype}|desc_more={min(shared, 2)}")
            if lemma in info.owns.get(aid, set()):
                w.append(f"m={mtype}|owns_head")
            if any(p in own_phrase for p in pos):
                w.append(f"m={mtype}|inside_mention")
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


def _pbin(p: float) -> str:
    return "<.1" if p < 0.1 else "<.2" if p < 0.2 else "<.35" if p < 0.35 else "<.5" if p < 0.5 else "<.7" if p < 0.7 \
        else "<.9" if p < 0.9 else ">=.9"


def switch_words(mtype: str, shape: list[str], rule_actor: str | None, cands: list[str], probs: list[float],
                 words: list[list[str]]) -> tuple[str, list[str]]:
    """The model's best candidate and the words the switch reads to take it over the rules' answer: the mention
    (type, shape), how sure the ranking is (its best probability, the gap to the next, the rules' candidate's
    probability), and the best candidate's own feature words."""
    order = sorted(range(len(cands)), key=lambda k: -probs[k])
    top = order[0]
    second = probs[order[1]] if len(order) > 1 else 0.0
    rule_p = next((p for p, a in zip(probs, cands) if a == rule_actor), 0.0)
    out = [f"m={mtype}", f"top={_pbin(probs[top])}", f"m={mtype}|top={_pbin(probs[top])}",
           f"gap={_pbin(probs[top] - second)}", f"rule={'none' if rule_actor is None else 'some'}",
           f"m={mtype}|rule={'none' if rule_actor is None else 'some'}", f"rulep={_pbin(rule_p)}"] + shape
    out += ["c:" + w for w in words[top] if not w.startswith("lemma=") and w not in shape]
    return cands[top], out


@dataclass
class Resolution:
    model: LinearModel
    types: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Mention types the model may change ('pron=he', 'noun=title', ...), each with its threshold (an unresolved
    mention takes the best candidate at this probability) and margin (a resolved one changes only where the
    best beats the rules' candidate by this); with a switch, the switch decides instead."""
    switch: LinearModel | None = None  # reads ``switch_words``: whether the best candidate beats the rules' answer
    switch_threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, words: list[str]) -> float:
        return self.model.probabilities(words).get("1", 0.0)

    def choose(self, doc: Doc, head: Token, rule_actor: str | None, content: list[tuple[int, int]] = (),
               rule_named: bool = False) -> str | None:
        """The actor the mention is, by the model, where it may and will change the rules' answer; else the
        rules' actor. ``rule_named``: the rules named an unresolved speaker from the text ('the spokeswoman,
        Jane Doe'), which the model leaves alone."""
        mtype = mention_type(head)
        if mtype not in self.types or (rule_actor is None and rule_named):
            return rule_actor
        cands = candidate_features(doc, head, rule_actor, content)
        if not cands:
            return rule_actor
        ids, words = [aid for aid, _ in cands], [w for _, w in cands]
        probs = [self.probability(w) for w in words]
        if self.switch is None:
            return decide(self.types[mtype], rule_actor, ids, probs)
        top, sw = switch_words(mtype, mention_shape(head, mtype), rule_actor, ids, probs, words)
        if top == rule_actor:
            return rule_actor
        return top if self.switch.probabilities(sw).get("1", 0.0) >= self.switch_threshold else rule_actor


def decide(setting: tuple[float, float], rule_actor: str | None, cands: list[str], probs: list[float]) -> str | None:
    """The model's answer from its probabilities: the best candidate where the rules found none and it is
    likely enough (the threshold), or where it beats the rules' candidate by the margin; else the rules'."""
    threshold, margin = setting
    best_p, best = max(zip(probs, cands))
    if rule_actor is None:
        return best if best_p >= threshold else None
    rule_p = next((p for p, a in zip(probs, cands) if a == rule_actor), 0.0)
    return best if best != rule_actor and best_p >= max(threshold, rule_p + margin) else rule_actor


def resolution_from_json(data: dict[str, Any]) -> Resolution:
    return Resolution(model=LinearModel(data["model"]),
                      types={k: (float(v[0]), float(v[1])) for k, v in data.get("types", {}).items()},
                      switch=LinearModel(data["switch"]) if data.get("switch") else None,
                      switch_threshold=float(data.get("switch_threshold", 0.5)), meta=data.get("meta", {}))


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
