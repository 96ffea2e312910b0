"""PETRARCH2's CAMEO verb dictionary (``cameo_verbs.tsv``, built by ``scripts/build_cameo_verbs.py``), matched
over the dependency parse.

A verb belongs to a synonym block; the block's patterns name what follows the verb: the head noun of its object
("* ARREST"), a modifier of that head ("{FINANCIAL AID}"), a prepositional phrase ("(FOR RETRIAL)", "(AGAINST)"),
the head noun of its subject ("PROSECUTOR *"), with synonym sets ("&CURRENCY") standing for their members.
The most specific pattern that holds gives the code; a verb with no matching pattern keeps its own code. A code
of ``---`` says the pattern names no event ("combat cross-border crime").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

NO_EVENT = "---"
DATA_FILE = "cameo_verbs.tsv"
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative", "prt", "acomp", "advmod", "npadvmod"}
_PARTICLE_DEPS = {"prt", "prep", "advmod", "acomp", "oprd", "dobj", "agent"}
_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "nummod"}
_PARTITIVE_NOUNS = {"number", "group", "thousand", "hundred", "dozen", "team", "lot", "wave", "series", "kind"}


@dataclass(frozen=True, slots=True)
class Pattern:
    subject: str
    object: str
    modifier: str
    preposition: str
    prep_object: str
    roles: str
    verbs: str  # "send,deploy": the pattern holds for these verbs of its block only (empty: for all)
    cameo: str
    order: int = 0  # rank in its block: most specific first, then the file's order

    def anchors(self, sets: dict[str, frozenset[str]]) -> set[str]:
        """The words one of which the parse must hold for the pattern to hold (its nouns, else its preposition)."""
        out: set[str] = set()
        for f in (self.object, self.prep_object, self.subject):
            if f:
                out |= set(sets.get(f, ())) if f.startswith("&") else {f}
                return out  # one noun the pattern needs is enough to find it by
        return {"(" + self.preposition}

    @property
    def specificity(self) -> int:
        return sum(bool(f) for f in (self.subject, self.object, self.modifier, self.preposition, self.prep_object))


@dataclass(frozen=True, slots=True)
class Match:
    cameo: str  # a CAMEO code of cameo.tsv, or NO_EVENT
    key: str  # a readable key: "arrest", "ask for", "ask+extradition", "accuse of+torture"
    specificity: int  # 0: the verb alone; 1 or more: a particle or pattern fields held
    roles: str = ""


@dataclass(frozen=True)
class CameoDictionary:
    sets: dict[str, frozenset[str]]
    verbs: dict[str, list[tuple[str, str, str]]]  # lemma -> [(particle, block, cameo)]
    patterns: dict[str, list[Pattern]]  # block -> patterns, most specific first
    index: dict[str, dict[str, list[Pattern]]] = None  # block -> anchor word -> its patterns, most specific first

    def _word(self, field: str, token: Token) -> bool:
        if field.startswith("&"):
            members = self.sets.get(field, frozenset())
            return token.lemma_.lower() in members or token.lower_ in members
        return token.lemma_.lower() == field or token.lower_ == field

    def _modified(self, field: str, token: Token) -> bool:
        return any(c.dep_ in _MODIFIER_DEPS and self._word(field, c) for c in token.children)

    def codes_of(self, lemma: str) -> set[str]:
        """Every code a match on this verb can give: its entries' own and their blocks' patterns'."""
        out: set[str] = set()
        for _particle, block, cameo in self.verbs.get(lemma, ()):
            out.add(cameo)
            out.update(p.cameo for p in self.patterns.get(block, ()) if not p.verbs or lemma in p.verbs.split(","))
        return out

    def match(self, verb: Token) -> Match | None:
        """The most specific entry of the dictionary that holds on ``verb``, or None when the verb is not in it."""
        entries = self.verbs.get(verb.lemma_.lower())
        if not entries:
            return None
        children = list(verb.children)
        words = {c.lower_ for c in children if c.dep_ in _PARTICLE_DEPS and c.i > verb.i} | {
            c.lemma_.lower() for c in children if c.dep_ == "dobj"}
        objects = [c for c in children if c.dep_ in _OBJECT_DEPS]
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):  # "the sanctions imposed on Iran"
            objects.append(verb.head)
        objects += [_whole(o) for o in objects if _whole(o) is not o]
        preps = [c for c in children if c.dep_ in ("prep", "agent")]
        preps += [g for c in children if c.dep_ in ("prt", "dobj") for g in c.children if g.dep_ == "prep"]
        subjects = [c for c in children if c.dep_ == "nsubj"]
        best: Match | None = None
        lemma = verb.lemma_.lower()
        anchors = {w for t in objects + subjects + [g for c in preps for g in c.children if g.dep_ in ("pobj", "pcomp")]
                   for w in (t.lemma_.lower(), t.lower_)} | {"(" + c.lower_ for c in preps} | {
                      "(by" for c in preps if c.dep_ == "agent"}
        for particle, block, cameo in entries:
            if particle and particle not in words:
                continue
            base = 1 if particle else 0
            if best is None or base > best.specificity:
                best = Match(cameo, f"{lemma} {particle}".strip(), base)
            index = self.index.get(block)
            if not index:
                continue
            found = {id(p): p for a in anchors for p in index.get(a, ())}
            for p in sorted(found.values(), key=lambda p: p.order):
                score = base + p.specificity
                if best is not None and score <= best.specificity:
                    break  # patterns are sorted most specific first
                if p.verbs and lemma not in p.verbs.split(","):
                    continue
                if self._holds(p, subjects, objects, preps):
                    key = lemma + (f" {particle}" if particle else "") + (f" {p.preposition}" if p.preposition else "")
                    head = p.object or p.prep_object
                    best = Match(p.cameo, key + (f"+{head.lstrip('&')}" if head else ""), score, p.roles)
                    break
        return best

    def _holds(self, p: Pattern, subjects: list[Token], objects: list[Token], preps: list[Token]) -> bool:
        if p.subject and not any(self._word(p.subject, s) for s in subjects):
            return False
        if p.object:
            found = [o for o in objects if self._word(p.object, o)]
            if not found or (p.modifier and not p.prep_object
                             and not any(self._modified(p.modifier, o) for o in found)):
                return False
        if p.preposition:
            here = [c for c in preps if c.lower_ == p.preposition or (c.dep_ == "agent" and p.preposition == "by")]
            if not here:
                return False
            if p.prep_object:
                pobjs = [_whole(g) for c in here for g in c.children if g.dep_ in ("pobj", "pcomp")]
                found = [g for g in pobjs if self._word(p.prep_object, g)]
                if not found or (p.modifier and not any(self._modified(p.modifier, g) for g in found)):
                    return False
        return True


def _whole(token: Token) -> Token:
    """"a number of arrests" -> "arrests": the noun after "of" when the token counts or groups it."""
    if token.lemma_.lower() not in _PARTITIVE_NOUNS:
        return token
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), token)


@lru_cache(maxsize=1)
def cameo_dictionary() -> CameoDictionary:
    text = resources.files("chronicler.stages.events").joinpath(DATA_FILE).read_text("utf-8")
    sets: dict[str, frozenset[str]] = {}
    verbs: dict[str, list[tuple[str, str, str]]] = {}
    patterns: dict[str, list[Pattern]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        row = line.split("\t")
        if row[0] == "S":
            sets[row[1]] = frozenset(row[2].split(","))
        elif row[0] == "V":
            verbs.setdefault(row[1], []).append((row[2], row[3], row[4]))
        elif row[0] == "P":
            patterns.setdefault(row[1], []).append(Pattern(*row[2:10]))
    index: dict[str, dict[str, list[Pattern]]] = {}
    for name, block in patterns.items():
        block.sort(key=lambda p: (-p.specificity, not p.verbs))  # a verb's own reading first; else the file's order
        block[:] = [replace(p, order=n) for n, p in enumerate(block)]
        by_anchor = index.setdefault(name, {})
        for p in block:
            for a in p.anchors(sets):
                by_anchor.setdefault(a, []).append(p)
    for entries in verbs.values():
        entries.sort(key=lambda e: not e[0])  # a verb with its particle before the verb alone
    return CameoDictionary(sets=sets, verbs=verbs, patterns=patterns, index=index)
