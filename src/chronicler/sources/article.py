"""Article structure from plain text: headline on the first line, dateline at the start of the body.

Nothing here changes the text; the title and dateline are located by offsets so that the parse can keep
them out of the first sentence.
"""
from __future__ import annotations

import re
from datetime import date

from chronicler.model import Article

_SENT_END = re.compile(r"[.!?…]['\"”’)]*\s*$")
# "HAVANA:", "WASHINGTON (Reuters) -", "NEW YORK, March 3 (Reuters) -", "Havana, Cuba (AP) —", and the Spanish
# wires' "LA HABANA, 5 ene (EFE).-", "Montevideo, 27 abr 2023 (AFP) -"
_DATELINE = re.compile(
    r"""[ \t]*
    (?P<place>
        [A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,3}          # ALL-CAPS place
        (?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})?    # optional ", Region"
      | (?P<mixed>[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}(?:,[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})?)  # needs agency
    )
    (?:,[ ](?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2}|\d{1,2}[ ](?:de[ ])?(?:[A-Z][a-z]{2,8}|(?:ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|nov|dic)[a-z]{0,7})\.?(?:[ ]\d{4})?))?
    # ", March 3", ", 3 March", ", 5 ene", ", 27 abr 2023"
    [ ]*(?P<agency>\((?:[A-Za-z][A-Za-z .&/-]{0,30})\))?
    [ ]*(?P<sep>:|--|\.?-|\.?–|\.?—)[ ]+(?=\S)                     # "(Reuters) -", "(EFE).-"
    """,
    re.X,
)


def _first_line(text: str, start: int) -> tuple[int, int] | None:
    m = re.compile(r"\s*").match(text, start)
    s = m.end() if m else start
    if s >= len(text):
        return None
    e = text.find("\n", s)
    if e == -1:
        e = len(text)
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def find_dateline(text: str, start: int) -> tuple[tuple[int, int], str, int] | None:
    """Locate a dateline at ``start``: returns ((place_start, place_end), place, body_start) or None."""
    m = _DATELINE.match(text, start)
    if not m:
        return None
    if m.group("mixed") and not m.group("agency"):
        return None
    place = m.group("place")
    if len(place) < 2 or place.isdigit():
        return None
    return (m.start("place"), m.end("place")), place, m.end()


def make_article(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    dateline: str | None = None,
    language: str | None = None,
) -> Article:
    """Build an Article, finding headline and dateline in the text where the caller did not give them.
    ``language`` (ISO 639-1) is what the caller says the text is written in; None: identified when analysed."""
    from chronicler.language import normalise

    article = Article(text=text, title=title, published=published, source=source, dateline=dateline,
                      language=normalise(language))
    body = 0
    first = _first_line(text, 0)
    if first is not None:
        s, e = first
        line = text[s:e]
        rest = text[e:].strip()
        if title is not None and line == title.strip():
            article.title_span = (s, e)
            body = e
        elif title is None and rest and len(line) <= 250 and len(line.split()) <= 40:
            after = _first_line(text, e)
            dated = after is not None and find_dateline(text, after[0]) is not None
            if not _SENT_END.search(line) or dated:
                article.title, article.title_span = line, (s, e)
                body = e
    after = _first_line(text, body)
    if after is not None:
        found = find_dateline(text, after[0])
        if found is not None:
            span, place, body_start = found
            article.dateline_span = span
            if article.dateline is None:
                article.dateline = place
            body = body_start
    article.body_start = body
    return article
