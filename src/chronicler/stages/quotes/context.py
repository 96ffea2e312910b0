"""What every quote rule reads, computed once per document: marks, paragraphs, token -> quote index."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import LOWER, POS
from spacy.tokens import Doc, Token

from chronicler.nlp.spans import original_text
from chronicler.stages.quotes.lexicon import QuoteLexicon, lexicon, word_set
from chronicler.stages.quotes.marks import Marked, paragraphs, scan

MARKS_KEY = "chronicler.marks"  # doc.user_data: the quote marks, scanned once per document


@dataclass(slots=True)
class Found:
    """A quote found by one of the rules, before ids and dates are given."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None  # char span of the cue words
    cue_token: Token | None = None
    speaker_head: Token | None = None
    marked: int | None = None  # index into Context.marked for quotes in marks
    score: float | None = None  # the attribution model's probability, for a candidate beyond the rules
    attribution: str = "speech"  # one of model.ATTRIBUTIONS (candidates.attribution_class)
    words: str | None = None  # the attribution model's feature words, kept for the quotation model


@dataclass(slots=True)
class Context:
    doc: Doc
    text: str
    lex: QuoteLexicon
    marked: list[Marked]
    paras: list[tuple[int, int]]
    para_starts: list[int]
    tok_quote: list[int]  # token index -> index of the marked quote holding it, or -1
    standalone: list[bool] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)  # lines linking to another story
    by_pos: dict[str, list[int]] = field(default_factory=dict)  # part of speech -> token indices, in order
    lowers: list[int] = field(default_factory=list)  # token index -> hash of its lower-case form

    def tokens(self, *pos: str) -> list[Token]:
        """The tokens of these parts of speech, in text order (the finders' walk without touching every token)."""
        ids = self.by_pos.get(pos[0], ()) if len(pos) == 1 else sorted(i for p in pos for i in self.by_pos.get(p, ()))
        return [self.doc[i] for i in ids]

    def positions(self, words: set[str]) -> list[int]:
        """The indices of the tokens whose lower-case form is one of ``words``."""
        ids = {self.doc.vocab.strings[w] for w in words}  # the hash of each word (the store is left as it is)
        return [i for i, v in enumerate(self.lowers) if v in ids]

    def in_link(self, char: int) -> bool:
        """Whether ``char`` lies on a line that links to another story ("READ MORE: ...")."""
        return any(s <= char < e for s, e in self.links)

    def para_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def tokens_of(self, start: int, end: int) -> tuple[int, int] | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.start, span.end

    def outside_quotes(self, token: Token) -> bool:
        return self.tok_quote[token.i] < 0


_LINE_LABEL = re.compile(r"^[ \t]*([A-Za-z][A-Za-z ]{1,20}?)[ \t]*:", re.M)


def link_lines(text: str) -> list[tuple[int, int]]:
    """The lines that open with a link label (link_labels.txt: "READ MORE:", "WATCH:"), as char ranges."""
    labels = word_set("link_labels.txt")
    out = []
    for m in _LINE_LABEL.finditer(text):
        if m.group(1).lower() in labels:
            end = text.find("\n", m.end())
            out.append((m.start(), len(text) if end < 0 else end))
    return out


def build_context(doc: Doc, lex: QuoteLexicon | None = None) -> Context:
    text = original_text(doc)
    marked = doc.user_data.get(MARKS_KEY)
    if marked is None:  # the coref stage scans them first where it runs
        marked = scan(text)
        doc.user_data[MARKS_KEY] = marked
    paras = paragraphs(text)
    tok_quote = [-1] * len(doc)
    for qi, m in enumerate(marked):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                tok_quote[i] = qi
    ids: dict[int, list[int]] = {}
    lowers: list[int] = []
    for i, (p, low) in enumerate(doc.to_array([POS, LOWER]).tolist()):
        ids.setdefault(p, []).append(i)
        lowers.append(low)
    return Context(doc=doc, text=text, lex=lex or lexicon(), marked=marked, paras=paras,
                   para_starts=[s for s, _ in paras], tok_quote=tok_quote, links=link_lines(text),
                   by_pos={doc.vocab.strings[p]: idx for p, idx in ids.items()}, lowers=lowers)
