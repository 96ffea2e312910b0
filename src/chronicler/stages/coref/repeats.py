"""Repeated names and descriptions.

A proper name the entity recogniser missed on a later (or earlier) occurrence.

"In a statement, Facebook said ...": when "Facebook" is the name of an organisation, country or group already
found in the document, every other bare occurrence of that same name is that actor too. Only whole names
written the same way, standing as their own phrase (not "Facebook engineers"), and only names that one actor
holds.

Someone brought in unnamed ("a justice official said ...", "a person familiar with the talks") is who a
later "the official", "the person" means: ``anonymous_people`` lists those introductions, kept on the doc for
the quotes stage.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from chronicler.model import Actor
from chronicler.nlp.arrays import parse_arrays

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
    arrays = parse_arrays(doc)
    for i, (pos, word) in enumerate(zip(arrays.pos, arrays.text)):
        if pos != "PROPN" or word not in names or i in index:
            continue
        t = doc[i]
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


ANONYMOUS_KEY = "chronicler.coref.anonymous"
UNNAMED_SPEAKERS_KEY = "chronicler.coref.unnamed_speakers"  # pronoun token -> the unnamed speaker's token


def description_key(t: Token) -> str:
    """'official' for "a justice official" and "the official", 'officials' for the plural."""
    return t.lemma_.lower() + ("s" if t.tag_ == "NNS" else "")


def anonymous_people(doc: Doc, index: dict[int, str], in_quote: list[bool]) -> dict[str, list[int]]:
    """Description key -> token indices (in order) of indefinite descriptions outside quotation marks that
    name no actor: "a justice official", "a person familiar with the negotiations", "administration
    officials unauthorized to speak publicly"."""
    out: dict[str, list[int]] = {}
    arrays = parse_arrays(doc)
    for i, (pos, tag) in enumerate(zip(arrays.pos, arrays.tag)):
        if pos != "NOUN" or tag not in ("NN", "NNS") or i in index or in_quote[i]:
            continue
        t = doc[i]
        dets = [c for c in t.lefts if c.dep_ in ("det", "poss")]
        if t.tag_ == "NN" and not any(c.lower_ in ("a", "an") for c in dets):
            continue
        if t.tag_ == "NNS" and (dets or any(c.i in index for c in t.lefts)):
            continue  # "the officials", "their allies", "Board members": not bringing in anyone new
        if any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in t.children):
            continue  # "a spokesman, John Smith": named after all
        out.setdefault(description_key(t), []).append(t.i)
    doc.user_data[ANONYMOUS_KEY] = out
    return out


def introduced_before(anonymous: dict[str, list[int]], key: str, i: int) -> int | None:
    """The latest unnamed introduction by this description key before token i, if any."""
    seen = anonymous.get(key)
    if not seen:
        return None
    k = bisect_left(seen, i)
    return seen[k - 1] if k > 0 else None


def unlink_described(doc: Doc, actors: dict[str, Actor], index: dict[int, str],
                     anonymous: dict[str, list[int]]) -> None:
    """'A justice official said ... The justice official told reporters': a definite description that takes
    up someone brought in unnamed is not the named person an earlier stage matched by role."""
    if not anonymous:
        return
    for t in [doc[i] for i, pos in enumerate(parse_arrays(doc).pos) if pos == "NOUN" and i in index]:
        if introduced_before(anonymous, description_key(t), t.i) is None:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.lefts):
            continue
        actor = actors.get(index[t.i])
        if actor is None or actor.kind != "person":
            continue
        start, end = t.left_edge.i, t.i + 1
        span = (doc[start].idx, t.idx + len(t.text))
        actor.mentions = [m for m in actor.mentions if not (m[0] >= span[0] and m[1] <= span[1])]
        for i in range(start, end):
            if index.get(i) == actor.id:
                del index[i]
