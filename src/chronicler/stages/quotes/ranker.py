"""The learned speaker ranker: of the mentions that could be a cued quote's speaker, the one most likely.

For each quote with a cue, the candidates are the rules' own choice (the cue's subject, or the author of a
statement) and the other noun phrases of the cue's sentence outside the quote: subjects and objects, the
'X' of 'according to X', appositions ('a spokesman for the ministry, Jane Doe'), possessors ('his
statement'), pronouns and groups. Each candidate is described by plain feature words (its path to the cue
in the parse, part of speech, entity type, actor kind, side and distance, whether the rules chose it); a
logistic regression over them, trained on PolNeAR's training articles by ``scripts/train_speakers.py``
(a candidate is right when its mention overlaps the gold source; 5-fold CV grouped by article), is shipped
as plain JSON (``speakers.json``: one weight per feature word) and predicted here in pure Python. The
highest-scoring candidate is the speaker's mention ('none' only where the rules found no speaker either:
the ranker does not take a speaker away); resolution to an actor stays with
``speaker.make_speaker``. Quotes without a cue keep the rules (adjacent quotes, the paragraph's focus).
``CHRONICLER_SPEAKER_MODEL=off`` switches it off: the rule-based resolver alone.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon
from chronicler.stages.quotes.context import Context, Found
from chronicler.stages.quotes.lexicon import lexicon as quote_lexicon
from chronicler.stages.quotes.speaker import author_of, mention_bounds

MODEL_FILE = "speakers.json"
MODEL_ENV = "CHRONICLER_SPEAKER_MODEL"

# the grammatical roles a noun phrase's head takes where it can be a speaker
_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "poss", "dative", "agent",
                    "npadvmod", "ROOT", "nmod"})
_PERSONAL = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "its",
                       "our", "my", "us", "me", "who", "that", "which"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_MAX_CANDIDATES = 12
_PATH_STEPS = 4


@dataclass(slots=True)
class Candidate:
    head: Token | None  # None: no speaker ("was told that", a quote whose source the text does not give)
    start: int  # char span of the mention (-1, -1 for none)
    end: int
    words: list[str] = field(default_factory=list)


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 \
        else "11-20" if n <= 20 else "21+"


def _path(t: Token, cue: Token) -> str:
    """The dependency labels from ``t`` up to the cue ('nsubj', 'pobj>prep', 'poss>nsubj'), or 'none'."""
    labels = []
    node = t
    for _ in range(_PATH_STEPS):
        if node.i == cue.i:
            return ">".join(labels) or "self"
        labels.append(node.dep_)
        if node.head.i == node.i:
            break
        node = node.head
    if node.i == cue.i:
        return ">".join(labels)
    # the cue under the candidate: 'Smith, who said' (relcl), 'the statement said' handled above
    up = []
    node = cue
    for _ in range(_PATH_STEPS):
        if node.head.i == node.i:
            break
        up.append(node.dep_)
        node = node.head
        if node.i == t.i:
            return "up:" + ">".join(up)
    return "none"


def _eligible(ctx: Context, f: Found, t: Token) -> bool:
    if t.pos_ == "PRON":
        if t.lower_ not in _PERSONAL:
            return False
    elif t.pos_ not in ("PROPN", "NOUN"):
        return False
    if t.dep_ not in _ROLES:
        return False
    return not (f.start <= t.idx < f.end) and ctx.tok_quote[t.i] < 0


def _antecedent(t: Token) -> Token:
    """'Smith, who said': a relative pronoun stands for the noun its clause belongs to."""
    if t.lower_ in _RELATIVE and t.head.dep_ == "relcl" and t.head.head.i != t.head.i:
        return t.head.head
    return t


def _noun_class(lemma: str) -> str:
    """What a common noun names, by the coreference stage's lists: a role, a relative, an organisation, a
    person by another word ('lawyer', 'resident': person_suffixes.txt)."""
    lex = coref_lexicon()
    if lemma in lex.titles:
        return "title"
    if lemma in lex.kin_words:
        return "kin"
    if lemma in lex.nominals or lemma in lex.org_words:
        return "org"
    if lex.person_noun(lemma):
        return "person"  # 'the lawyer', 'a resident'
    return "other"


def _mention(doc: Doc, head: Token) -> tuple[int, int]:
    s, e = mention_bounds(head)
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


def candidates(ctx: Context, f: Found, others: list[tuple[int, int]] = ()) -> list[Candidate]:
    """The possible speakers of a cued quote, each with its feature words: first 'none', then the rules'
    choice and the noun phrases of the cue's sentence, nearest the cue first. ``others``: the content spans
    of the document's other quotes (a mention inside one is part of what someone said)."""
    cue = f.cue_token
    if cue is None:
        return []
    doc = ctx.doc
    documents = ctx.lex.documents
    rule = author_of(f.speaker_head, documents) if f.speaker_head is not None else None
    heads: dict[int, Token] = {}
    if rule is not None:
        heads[rule.i] = rule
    sent = cue.sent
    root = sent.root.i
    arrays = parse_arrays(doc)  # only nouns, names and pronouns in a speaker's role are read as Tokens
    near = sorted((doc[i] for i in range(sent.start, sent.end)
                   if arrays.pos[i] in ("PRON", "PROPN", "NOUN") and arrays.dep[i] in _ROLES
                   and _eligible(ctx, f, doc[i])), key=lambda t: abs(t.i - cue.i))
    for t in near:
        if len(heads) >= _MAX_CANDIDATES:
            break
        head = author_of(_antecedent(t), documents)
        heads.setdefault(head.i, head)
    index = doc._.token_actor or {}
    kinds = {a.id: a.kind for a in doc._.actors or []}
    order = {i: n for n, i in enumerate(sorted(heads, key=lambda i: abs(i - cue.i)))}
    out = [Candidate(None, -1, -1, ["none", f"none|{f.kind}", f"none|rule={'none' if rule is None else 'some'}",
                                    f"none|cands={_bucket(len(heads))}"])]
    for i, t in heads.items():
        start, end = _mention(doc, t)
        side = "in" if f.start <= t.idx < f.end else "before" if t.i < cue.i else "after"
        path = _path(t, cue)
        kind = kinds.get(index.get(t.i, ""), "none")
        pos = "PRONP" if t.pos_ == "PRON" and t.lower_ in ("he", "she", "they", "we", "i") else t.pos_
        words = [f"path={path}", f"dep={t.dep_}", f"pos={pos}", f"ent={t.ent_type_ or '-'}", f"actor={kind}",
                 f"side={side}", f"dist={_bucket(abs(t.i - cue.i))}", f"near={min(order[i], 3)}",
                 f"pathpos={path}|{pos}", f"sidepos={side}|{pos}", f"kind={f.kind}|{path}",
                 f"sent={'same' if sent.start <= t.i < sent.end else 'other'}"]
        if rule is not None and t.i == rule.i:
            words += ["rule", f"rule|{f.kind}", f"rule|{pos}"]
        words.append(f"cuepos={cue.pos_}|{path}")
        words.append(f"attr={f.attribution}|{path}")
        if t.pos_ == "PRON":
            words.append(f"pron={t.lower_}|{side}")
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == root:
            words.append("root_subject")
        lemma = t.lemma_.lower()
        if lemma in documents:
            words.append("document")
        elif t.pos_ == "NOUN":
            words.append(f"noun={_noun_class(lemma)}")
        if any(c.dep_ == "appos" for c in t.children):
            words.append("has_appos")
        if any(s <= t.idx < e for s, e in others):
            words.append("in_other_quote")
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != cue.i and t.head.pos_ in ("VERB", "AUX"):
            words.append("subj_other_cue" if quote_lexicon().is_cue(t.head.lemma_) else "subj_other_verb")
        words.append(f"headpos={t.head.pos_}|{t.dep_}")
        if t.dep_ == "pobj" and t.head.lower_ in ("to", "by", "from"):
            words.append(f"prep={t.head.head.lower_}_{t.head.lower_}")
        out.append(Candidate(t, start, end, words))
    return out


@dataclass
class SpeakerRanker:
    weights: dict[str, float]
    bias: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, words: list[str]) -> float:
        z = self.bias + sum(self.weights.get(w, 0.0) for w in words)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, cands: list[Candidate], some: bool = False) -> Candidate | None:
        """The highest-scoring candidate (ties: the earlier listed); with ``some``, never 'none'."""
        best, top = None, -1.0
        for c in cands:
            if some and c.head is None:
                continue
            s = self.score(c.words)
            if s > top:
                best, top = c, s
        return best


def ranker_from_json(data: dict[str, Any]) -> SpeakerRanker:
    return SpeakerRanker(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                         meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def _shipped() -> SpeakerRanker | None:
    try:
        text = resources.files("chronicler.stages.quotes").joinpath(MODEL_FILE).read_text("utf-8")
        return ranker_from_json(json.loads(text))
    except (OSError, ValueError, KeyError):  # a missing or malformed file: the rule-based resolver alone
        return None


def load_ranker() -> SpeakerRanker | None:
    """The shipped ranker, or None when switched off (``CHRONICLER_SPEAKER_MODEL=off``) or missing."""
    if os.environ.get(MODEL_ENV, "on").strip().lower() in ("off", "0", "no", "false"):
        return None
    return _shipped()


def ranked_head(ctx: Context, f: Found, ranker: SpeakerRanker | None,
                others: list[tuple[int, int]] = ()) -> Token | None:
    """The speaker's head token for a quote: the ranker's best candidate, or the rules' choice without it."""
    rule = author_of(f.speaker_head, ctx.lex.documents) if f.speaker_head is not None else None
    if ranker is None or f.cue_token is None:
        return rule
    # the ranker chooses among the mentions; it takes no speaker away from a quote the rules gave one
    best = ranker.best(candidates(ctx, f, others), some=rule is not None)
    return best.head if best is not None else rule
