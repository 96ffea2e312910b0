"""Quotation marks: one scan of the text -> the quoted stretches, paragraph by paragraph.

Handles curly and straight double marks (single marks inside them are content), guillemets, quotes that
run over several paragraphs (the opening mark repeated at each paragraph start, the closing mark only at the
end) and unbalanced marks: a mark without a partner loses only its own quote, never the rest of the text.
Pure functions over strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"[^\n]+")
_OPEN_BEFORE = set(" \t([{—–-:/;,") | {"\u00a0"}
_CLOSE_AFTER = set(" \t)]}.,;:!?—–-…'’") | {"\u00a0"}


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch ``[start, end)`` of one paragraph, its marks included.

    ``closed`` is False when the quote runs on into the next paragraph (no closing mark here);
    ``continues`` is True when it carries on a quote opened in an earlier paragraph.
    """

    start: int
    end: int
    closed: bool = True
    continues: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        s = self.start + 1
        e = self.end - 1 if self.closed else self.end
        return s, max(s, e)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each line that holds a letter or digit (separator lines such as " ." are skipped)."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        if any(ch.isalnum() for ch in m.group(0)):
            out.append((m.start(), m.end()))
    return out


def _role(text: str, i: int, lo: int, hi: int, is_open: bool) -> str:
    """'open', 'close' or 'either' for the mark at i, from its neighbours."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if ch in OPENERS:
        # a right mark used as an opener ("”Fear.") is handled below; a left mark always opens
        return "open"
    if ch in CLOSERS:
        if not is_open and (before in _OPEN_BEFORE or i == lo) and not after.isspace() and after not in ".,;:":
            return "open"  # typographic slip: a closing mark where an opening one belongs
        return "close"
    # straight mark
    can_open = (before in _OPEN_BEFORE or i == lo or before in "\"“") and not after.isspace()
    can_close = not before.isspace() and (after in _CLOSE_AFTER or i + 1 >= hi or after in "\"”")
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


_PAIRS = {"''": "either", "‘‘": "open", "``": "open", "’’": "close"}


def _role_pair(text: str, i: int, lo: int, hi: int, is_open: bool) -> str:
    before = text[i - 1] if i > lo else " "
    after = text[i + 2] if i + 2 < hi else " "
    if is_open:
        return "close" if not before.isspace() else "open"
    return "open" if (before in _OPEN_BEFORE or i == lo) and not after.isspace() else "close"


def _scan_paragraph(text: str, lo: int, hi: int, carried: bool) -> tuple[list[Marked], bool]:
    """Quotes of one paragraph; returns them and whether a quote is left open at its end."""
    found: list[Marked] = []
    open_at: int | None = None
    first_open: int | None = None
    skip_to = lo
    for i in range(lo, hi):
        if i < skip_to:
            continue
        ch = text[i]
        pair = text[i:i + 2]
        if pair in _PAIRS:  # '' and ‘‘ ’’ `` written for double marks
            role = _PAIRS[pair] if pair != "''" else _role_pair(text, i, lo, hi, open_at is not None)
            skip_to = i + 2
            if open_at is None and role == "open":
                open_at = i
                first_open = i if first_open is None else first_open
            elif open_at is not None and role == "close" and i > open_at + 2:
                found.append(Marked(open_at, i + 2, continues=carried and open_at == first_open == _lead(text, lo)))
                open_at = None
            continue
        if ch not in OPENERS and ch not in CLOSERS and ch != STRAIGHT:
            continue
        role = _role(text, i, lo, hi, open_at is not None)
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
                if first_open is None:
                    first_open = i
            continue
        if role == "open" and ch in OPENERS:
            open_at = i  # a new left mark while one is open: the earlier one had no partner
            continue
        if role in ("close", "either") and i > open_at + 1:
            found.append(Marked(open_at, i + 1, continues=carried and open_at == first_open == _lead(text, lo)))
            open_at = None
    if open_at is not None:
        # Open at the end of the paragraph: a quote carrying on into the next paragraph when it opened at the
        # start of this one (or carries on an earlier one); otherwise the stray mark is dropped.
        if open_at == _lead(text, lo) and len(text[open_at + 1:hi].split()) >= 2:
            end = hi
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            found.append(Marked(open_at, end, closed=False, continues=carried))
            return found, True
    return found, False


def _lead(text: str, lo: int) -> int:
    i = lo
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i


def scan(text: str) -> list[Marked]:
    """All quoted stretches of ``text`` in order (each within one paragraph)."""
    out: list[Marked] = []
    carried = False
    for lo, hi in paragraphs(text):
        found, left_open = _scan_paragraph(text, lo, hi, carried)
        if carried and not (found and found[0].start == _lead(text, lo)):
            carried = False
        out.extend(found)
        carried = left_open
    return out
