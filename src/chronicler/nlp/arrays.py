"""A document's parse as plain lists, read once from spaCy's arrays and shared by the stages.

spaCy makes a new ``Token`` object on every ``doc[i]`` and every step of ``for t in doc``, and each ``.lower_`` or
``.dep_`` is a string-store look-up. A stage that scans every word of a document for a few words of interest
("the island", "must", an event verb) reads these lists instead and makes Tokens only for the words it keeps.

Only what the parse fixes is here (words, lemmas, parts of speech, dependencies, offsets); entity labels change
while the stages run (the actors stage relabels them) and are read from the Doc itself.

``parse_arrays(doc)`` keeps the arrays of the last few documents seen (by identity), because the stages of the
pipeline run one document through all of them in turn; nothing is stored on the Doc, which stays serialisable.
"""
from __future__ import annotations

import threading
from functools import cached_property

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc


class ParseArrays:
    """Per-word lists of one document, each read from the C arrays on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        self._roots: dict[tuple[int, int], int] = {}

    def root(self, start: int, end: int) -> int:
        """The index of ``doc[start:end].root`` (kept for the next caller)."""
        found = self._roots.get((start, end))
        if found is None:
            found = self._roots[(start, end)] = self.doc[start:end].root.i
        return found

    def read(self, attr: int, lower: bool = False) -> list[str]:
        """One string attribute of every word, read now (not kept: for attributes that change, such as
        entity labels)."""
        if not self.n:
            return []
        strings = self.doc.vocab.strings
        hashes = self.doc.to_array(attr).tolist()
        names = {h: (strings[h].lower() if lower else strings[h]) if h else "" for h in set(hashes)}
        return [names[h] for h in hashes]

    @cached_property
    def text(self) -> list[str]:
        return self.read(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self.read(LOWER)

    @cached_property
    def lemma(self) -> list[str]:
        """Lemmas in lower case (as ``token.lemma_.lower()``)."""
        return self.read(LEMMA, lower=True)

    @cached_property
    def pos(self) -> list[str]:
        return self.read(POS)

    @cached_property
    def tag(self) -> list[str]:
        return self.read(TAG)

    @cached_property
    def dep(self) -> list[str]:
        return self.read(DEP)

    @cached_property
    def head(self) -> list[int]:
        """The index of each word's head (a root is its own head)."""
        if not self.n:
            return []
        offsets = self.doc.to_array(HEAD).astype("int64").tolist()  # relative, negative ones wrapped in uint64
        return [i + h for i, h in enumerate(offsets)]

    @cached_property
    def idx(self) -> list[int]:
        """Each word's character offset in the text."""
        return self.doc.to_array(IDX).tolist() if self.n else []


_RECENT: list[ParseArrays] = []
_LOCK = threading.Lock()
_KEEP = 4


def parse_arrays(doc: Doc) -> ParseArrays:
    """The arrays of ``doc``, made on the first call and reused by the next stages that ask for them."""
    with _LOCK:
        for found in _RECENT:
            if found.doc is doc and found.n == len(doc):
                return found
        made = ParseArrays(doc)
        _RECENT.insert(0, made)
        del _RECENT[_KEEP:]
        return made
