"""Repeated names: a proper name the entity recogniser missed on a later (or earlier) occurrence.

"In a statement, Facebook said ...": when "Facebook" is the name of an organisation, country or group already
found in the document, every other bare occurrence of that same name is that actor too. Only whole names
written the same way, standing as their own phrase (not "Facebook engineers"), and only names that one actor
holds.
"""
from __future__ import annotations

from spacy.tokens import Doc

from chronicler.model import Actor

_KINDS = frozenset({"organization", "country", "group"})
_OWN_PHRASE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "dative", "attr", "ROOT"})


def _names(actors: dict[str, Actor]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (name words, actor id), for proper names held by exactly one collective actor."""
    holders: dict[tuple[str, ...], set[str]] = {}
    for aid, a in actors.items():
        words = tuple(a.name.split())
        if not words or len(words) > 5 or not all(w[:1].isupper() for w in words):
            continue
        holders.setdefault(words, set()).add(aid)
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, aids in holders.items():
        # of a name that also names a person (the tagger's slip), the one mentioned most
        best = max(aids, key=lambda a: len(actors[a].mentions))
        if actors[best].kind in _KINDS and sum(len(actors[a].mentions) == len(actors[best].mentions)
                                                for a in aids) == 1:
            out.setdefault(words[0], []).append((words, best))
    for firsts in out.values():
        firsts.sort(key=lambda x: -len(x[0]))  # the longest name first
    return out


def link_repeats(doc: Doc, actors: dict[str, Actor], index: dict[int, str]) -> None:
    names = _names(actors)
    if not names:
        return
    for t in doc:
        if t.i in index or t.pos_ != "PROPN" or t.text not in names:
            continue
        for words, aid in names[t.text]:
            end = t.i + len(words)
            if end > len(doc) or tuple(x.text for x in doc[t.i:end]) != words:
                continue
            if any(i in index for i in range(t.i, end)) or (end < len(doc) and doc[end].pos_ == "PROPN"):
                continue
            if doc[t.i:end].root.dep_ not in _OWN_PHRASE:
                continue
            for i in range(t.i, end):
                index[i] = aid
            actors[aid].mentions.append((t.idx, doc[end - 1].idx + len(doc[end - 1].text)))
            break
