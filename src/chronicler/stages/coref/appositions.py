"""A name set off after a described subject: "Keeper of the Ruler's Seal, Syed Danial Syed Ahmad, said ...".

The parser hangs the name on the nearest noun ("Seal"), but the commas around it, closing the subject just
before its verb, say it names the whole subject. The subject's head then stands for that person.
"""
from __future__ import annotations

from spacy.tokens import Doc

from chronicler.model import Actor

_SUBJECTS = ("nsubj", "nsubjpass")


def link_displaced_appositions(doc: Doc, actors: dict[str, Actor], index: dict[int, str]) -> None:
    for i in sorted(index):  # only tokens that already name an actor can be such a name
        t = doc[i]
        if t.dep_ != "appos" or t.pos_ != "PROPN":
            continue
        person = actors.get(index[t.i])
        if person is None or person.kind != "person":
            continue
        # climb from the noun the name hangs on to the subject whose phrase it closes
        node = t.head
        steps = 0
        while node.dep_ in ("pobj", "prep", "poss", "compound") and steps < 4:
            node = node.head
            steps += 1
        if steps == 0 or node.dep_ not in _SUBJECTS or node.i in index or node.pos_ not in ("NOUN", "PROPN"):
            continue
        end = t.right_edge.i
        if end + 2 >= len(doc) or doc[end + 1].text != "," or doc[end + 2].i != node.head.i:
            continue  # the name must close the subject right before its verb: "..., NAME, said"
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in node.lefts):
            continue  # "a friend of Smith, Jones, said": not one described person
        index[node.i] = person.id
        person.mentions.append((node.idx, node.idx + len(node.text)))
