"""The learned antecedent ranker: which person named earlier a speaker's pronoun or description stands for.

A quote's speaker mention is often not a name -- "he said", "the minister added", "the founder says" -- and
the name the quote belongs to is then the one this mention takes up. The coreference stage resolves such
mentions by rules (salience, gender, roles); this ranker chooses among the same people with a learned model
where the mention is a speaker: the candidates are the persons named before it in the article, each described
by plain feature words (sentences and paragraphs since its last mention, its rank by recency, whether that
mention was a subject or a speaker, whether it spoke before, gender agreement of a pronoun with the
candidate's given name or honorific, a description's head matching a role the candidate was given by a
title or an apposition, how often it was named). A logistic regression over them is trained by
``scripts/train_antecedents.py`` on PolNeAR's training articles, self-supervised: a quote whose speaker is a
person named again is a question whose answer is known (hide the name and ask which earlier person it is,
read as the pronoun of that person's gender and as the title it carries); CV grouped by article. Shipped as
plain JSON (``antecedents.json``), predicted in pure Python; ``CHRONICLER_ANTECEDENT_MODEL=off`` leaves the
rules' resolution alone. The people and their mentions are read once per document, and only for documents
with a quote whose speaker needs them.
"""
from __future__ import annotations

import json
import math
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from chronicler.stages.coref.gender import namelike
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon
from chronicler.stages.quotes.context import Context
from chronicler.stages.quotes.lexicon import lexicon as quote_lexicon

MODEL_FILE = "antecedents.json"
MODEL_ENV = "CHRONICLER_ANTECEDENT_MODEL"
_KEY = "chronicler.quotes.people"  # doc.user_data: the people of the document and their mentions
_GENDERED = {"he": "m", "him": "m", "she": "f", "her": "f"}


@dataclass(slots=True)
class Mention:
    token: int  # first token of the run naming the actor
    sent: int  # sentence number
    para: int  # paragraph number
    role: str  # speaker | subj | quoted | other
    words: frozenset[str]  # role words given with it: titles before the name, appositions


@dataclass(slots=True)
class People:
    sent_starts: list[int]
    mentions: dict[str, list[Mention]]  # person actor id -> its mentions in text order
    gender: dict[str, str | None]
    first: str | None  # the first person named


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-8" if n <= 8 \
        else "9+"


def _role_words(root: Token) -> set[str]:
    """'Senator Tim Kaine', 'Espinos, the founder of ...', 'the founder, Alfonso Espinos': role nouns given."""
    out = set()
    for c in root.children:
        if c.dep_ in ("compound", "appos") and c.pos_ in ("NOUN", "PROPN"):
            out.add(c.lemma_.lower().rstrip("."))
    for c in root.lefts:
        if c.dep_ == "compound" and c.pos_ == "NOUN":
            out.update(g.lemma_.lower() for g in c.lefts if g.dep_ == "compound" and g.pos_ == "NOUN")
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.add(root.head.lemma_.lower())
    return out


def people(ctx: Context) -> People:
    """The persons of the document (actors that are people, or read as people) with their mentions."""
    doc = ctx.doc
    found = doc.user_data.get(_KEY)
    if found is not None:
        return found
    index = doc._.token_actor or {}
    actors = {a.id: a for a in doc._.actors or [] if namelike(a)}
    sent_starts = [s.start for s in doc.sents]
    lex = coref_lexicon()
    cues = quote_lexicon()
    mentions: dict[str, list[Mention]] = {}
    votes: dict[str, dict[str, int]] = {}
    prev_i, prev_a = -2, None
    for i in sorted(index):
        aid = index[i]
        if i == prev_i + 1 and aid == prev_a:
            prev_i = i
            continue
        prev_i, prev_a = i, aid
        if aid not in actors:
            continue
        end = i + 1
        while end in index and index[end] == aid:
            end += 1
        root = doc[i:end].root
        if ctx.tok_quote[i] >= 0:
            role = "quoted"
        elif root.dep_ in ("nsubj", "nsubjpass"):
            role = "speaker" if cues.is_cue(root.head.lemma_) else "subj"
        else:
            role = "other"
        mentions.setdefault(aid, []).append(Mention(i, bisect_right(sent_starts, i) - 1, ctx.para_of(doc[i].idx),
                                                    role, frozenset(_role_words(root))))
        g = lex.honorifics.get(doc[i - 1].lower_) if i > 0 else None
        if g in ("m", "f"):
            votes.setdefault(aid, {}).setdefault(g, 0)
            votes[aid][g] += 1
    gender: dict[str, str | None] = {}
    for aid in mentions:
        words = actors[aid].name.split()
        g = lex.first_names.get(words[0].lower().strip(".,")) if len(words) >= 2 else None
        v = votes.get(aid, {})
        if v:
            g = max(v, key=lambda k: v[k]) if len(v) == 1 or v.get("m", 0) != v.get("f", 0) else g
        gender[aid] = g if g in ("m", "f") else None
    first = min(mentions, key=lambda a: mentions[a][0].token) if mentions else None
    found = People(sent_starts, mentions, gender, first)
    doc.user_data[_KEY] = found
    return found


def description_gender(head: Token) -> str | None:
    """'the spokeswoman' f, 'the chairman' m; a pronoun's own gender."""
    low = head.lower_
    if low in _GENDERED:
        return _GENDERED[low]
    lemma = head.lemma_.lower()
    if lemma.endswith("woman") or lemma in coref_lexicon().honorifics and coref_lexicon().honorifics[lemma] == "f":
        return "f"
    if lemma.endswith("man"):
        return "m"
    return None


def features(ctx: Context, ppl: People, at: int, kind: str, gender: str | None, role: str | None,
             skip: str | None = None) -> dict[str, list[str]]:
    """Candidate person -> feature words, for a mention of ``kind`` ('pron' or 'desc') at token ``at``;
    ``role``: a description's head noun; ``skip``: an actor whose mention starting at ``at`` is hidden."""
    doc = ctx.doc
    sent = bisect_right(ppl.sent_starts, at) - 1
    para = ctx.para_of(doc[at].idx)
    last: dict[str, tuple[Mention, int, bool, set[str]]] = {}
    for aid, ms in ppl.mentions.items():
        before = [m for m in ms if m.token < at]
        if not before:
            continue
        spoke = any(m.role == "speaker" for m in before)
        words = set().union(*(m.words for m in before))
        last[aid] = (before[-1], len(before), spoke, words)
    order = sorted(last, key=lambda a: -last[a][0].token)
    speakers = [a for a in order if any(m.role == "speaker" for m in ppl.mentions[a] if m.token < at)]
    last_speaker = max(speakers, key=lambda a: max(m.token for m in ppl.mentions[a]
                                                    if m.token < at and m.role == "speaker"), default=None)
    out: dict[str, list[str]] = {}
    for rank, aid in enumerate(order):
        m, count, spoke, words = last[aid]
        basic = [f"sd={_bucket(sent - m.sent)}", f"pd={_bucket(para - m.para)}", f"rank={min(rank, 3)}",
                 f"last={m.role}", f"n={_bucket(count)}", f"lastrole={m.role}|sd={_bucket(sent - m.sent)}"]
        if spoke:
            basic.append("spoke")
        if aid == last_speaker:
            basic.append("last_speaker")
        if aid == ppl.first:
            basic.append("first_named")
        if all(x.role == "quoted" for x in ppl.mentions[aid] if x.token < at):
            basic.append("quoted_only")
        g = ppl.gender.get(aid)
        basic.append("g=" + ("unknown" if gender is None or g is None else "agree" if g == gender else "clash"))
        if role is not None:
            basic.append("role=" + ("match" if role in words or any(role in coref_lexicon().titles.get(w, ())
                                                                      for w in words) else "none"))
        out[aid] = basic + [f"{kind}|{w}" for w in basic]
    return out


@dataclass
class AntecedentRanker:
    weights: dict[str, float]
    bias: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, words: list[str]) -> float:
        z = self.bias + sum(self.weights.get(w, 0.0) for w in words)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, cands: dict[str, list[str]]) -> str | None:
        scored = sorted(((self.score(w), a) for a, w in cands.items()), reverse=True)
        return scored[0][1] if scored else None


def mention_kind(head: Token) -> str | None:
    """'pron' for he/she, 'desc' for a definite description of one person ('the minister'); else None."""
    if head.pos_ == "PRON":
        return "pron" if head.lower_ in ("he", "she") else None
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return None
    if any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in head.children):
        return None
    det = next((c for c in head.lefts if c.dep_ in ("det", "poss")), None)
    if det is None or det.lower_ in ("a", "an", "his", "her", "their", "its", "my", "our"):
        return None
    lemma = head.lemma_.lower()
    lex = coref_lexicon()
    if lemma in lex.nominals or lemma in lex.org_words or lemma in lex.kin_words or \
            lemma in quote_lexicon().documents:
        return None
    return "desc"


def resolve_speaker(ctx: Context, head: Token, ranker: AntecedentRanker) -> str | None:
    """The actor id of the person a speaker's pronoun or description most likely stands for, or None."""
    kind = mention_kind(head)
    if kind is None:
        return None
    ppl = people(ctx)
    if not ppl.mentions:
        return None
    role = head.lemma_.lower() if kind == "desc" else None
    cands = features(ctx, ppl, head.left_edge.i if kind == "desc" else head.i, kind, description_gender(head),
                     role)
    return ranker.best({a: w for a, w in cands.items() if "g=clash" not in w})


def ranker_from_json(data: dict[str, Any]) -> AntecedentRanker:
    return AntecedentRanker(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                            meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def _shipped() -> AntecedentRanker | None:
    try:
        text = resources.files("chronicler.stages.quotes").joinpath(MODEL_FILE).read_text("utf-8")
        return ranker_from_json(json.loads(text))
    except (OSError, ValueError, KeyError):  # missing or malformed: the coreference rules alone
        return None


def load_antecedents() -> AntecedentRanker | None:
    if os.environ.get(MODEL_ENV, "on").strip().lower() in ("off", "0", "no", "false"):
        return None
    return _shipped()
