"""The words a document describes each actor by, and the nouns its mentions own.

"former Secretary of State Hillary Clinton", "retired neurosurgeon Ben Carson", "Trump, the billionaire
businessman", "the Democratic front-runner, Hillary Clinton": the nouns and adjectives before a name in its
phrase and those of its appositions, either way round, describe that actor; a later "the retired neurosurgeon"
or "the billionaire" takes them up. "a Quinnipiac University poll", "the poll by the Public Policy Institute",
"Clinton's campaign": the nouns an actor's mentions modify or own, which a later "the poll" or "the campaign"
takes up as that actor's.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.model import Actor

_DESCRIBING = frozenset({"NOUN", "ADJ", "PROPN"})
_OWNING_PREPS = frozenset({"of", "by", "from", "for"})

Run = tuple[int, int, str]


def described_by(t: Token) -> set[str]:
    """The lemmas of the nouns and adjectives of a phrase ('the former Florida senator' -> former, florida,
    senator)."""
    return {w.lemma_.lower() for w in t.subtree if w.pos_ in _DESCRIBING and w.is_alpha}


def head_words(t: Token) -> set[str]:
    """A description's head noun, with the word a hyphen joins to it ('front-runner': runner, front-runner)."""
    doc, words = t.doc, {t.lemma_.lower()}
    if t.i > 1 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_ and not doc[t.i - 2].whitespace_:
        words.add(f"{doc[t.i - 2].lower_}-{t.lemma_.lower()}")
    return words


def descriptions(doc: Doc, runs: list[Run], actors: dict[str, Actor]) -> tuple[dict[str, set[str]],
                                                                             dict[str, set[str]]]:
    """For each actor of ``actors``: the words the text describes it by, and the nouns its mentions own."""
    desc: dict[str, set[str]] = {}
    owns: dict[str, set[str]] = {}
    for start, end, aid in runs:
        if aid not in actors:
            continue
        root = doc[start:end].root
        words = desc.setdefault(aid, set())
        for w in doc[min(root.left_edge.i, start):root.i]:  # before the name, in its mention or out of it
            if w.is_alpha and (w.pos_ in ("NOUN", "ADJ") or w.pos_ == "PROPN" and not start <= w.i < end):
                words |= head_words(w) if w.pos_ == "NOUN" else {w.lemma_.lower()}
        for c in root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                words |= described_by(c) | head_words(c)
        head = root.head
        if root.dep_ == "appos" and head.pos_ == "NOUN":
            words |= {w.lemma_.lower() for w in head.lefts if w.pos_ in _DESCRIBING} | head_words(head)
        if root.dep_ in ("compound", "poss", "nmod") and head.pos_ == "NOUN":
            owns.setdefault(aid, set()).add(head.lemma_.lower())
        elif root.dep_ == "pobj" and head.lower_ in _OWNING_PREPS and head.head.pos_ == "NOUN":
            owns.setdefault(aid, set()).add(head.head.lemma_.lower())
    return desc, owns
