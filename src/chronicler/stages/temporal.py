"""Dates: find temporal expressions in a stretch of text and resolve them against the published date.

Pure functions over strings. A relative expression ("on Monday", "yesterday") with no published date
resolves to None and keeps its text; an absolute one ("January 3, 2026") resolves without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("mdy", re.compile(r"\b(?:on\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?")),
    ("dmy", re.compile(r"\b(?:on\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\b(?:,?\s+(?P<year>\d{4})\b)?")),
    ("weekday", re.compile(
        r"\b(?:(?P<rel>on|last|this|next|this\s+past|past|on\s+last)\s+)?"
        r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b")),
    ("deictic", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|"
                           r"last\s+night)\b", re.I)),
    ("vague", re.compile(r"\b(?:a\s+day\s+(?:after|before|earlier|later)|the\s+day\s+(?:after|before)|"
                         r"(?:last|next|this)\s+(?:week|month|year)|earlier\s+this\s+(?:week|month|year)|"
                         r"(?:days|weeks|months)\s+(?:ago|earlier|later))\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: date | None


def _weekday(published: date | None, name: str, rel: str | None, future: bool) -> date | None:
    if published is None:
        return None
    target = WEEKDAYS.index(name.lower())
    rel = (rel or "").lower()
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if rel == "next" or (future and rel not in ("last", "past", "this past", "on last")):
        return published + timedelta(days=ahead or 7 if rel == "next" else ahead)
    if rel in ("last", "on last") and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month_day(published: date | None, month: str, day: str, year: str | None) -> date | None:
    m = MONTHS.get(month.lower().rstrip("."))
    if m is None:
        return None
    try:
        if year:
            return date(int(year), m, int(day))
        if published is None:
            return None
        candidate = date(published.year, m, int(day))
    except ValueError:
        return None
    # News reports mostly look back: a month-day far after publication belongs to the year before.
    if candidate - published > timedelta(days=183):
        candidate = candidate.replace(year=candidate.year - 1)
    elif published - candidate > timedelta(days=183):
        candidate = candidate.replace(year=candidate.year + 1)
    return candidate


def _deictic(published: date | None, word: str) -> date | None:
    if published is None:
        return None
    w = " ".join(word.lower().split())
    if w in ("yesterday", "last night"):
        return published - timedelta(days=1)
    if w == "tomorrow":
        return published + timedelta(days=1)
    return published


def find_dates(text: str, start: int = 0, end: int | None = None, published: date | None = None,
               future: bool = False) -> list[DateMention]:
    """All temporal expressions in ``text[start:end]``, in text order, without overlaps."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groupdict()
            if kind == "iso":
                try:
                    value = date(int(g["y"]), int(g["m"]), int(g["d"]))
                except ValueError:
                    continue
            elif kind in ("mdy", "dmy"):
                value = _month_day(published, g["month"], g["day"], g.get("year"))
            elif kind == "weekday":
                value = _weekday(published, g["wd"], g.get("rel"), future)
            elif kind == "deictic":
                value = _deictic(published, g["word"])
            else:
                value = None
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), m.group(0), value))
    found.sort(key=lambda d: d.start)
    return found


_SHIFT = re.compile(r"^(?:a|an|one|two|three|four|five|six|seven|(\d+))\s+(day|week)s?\s+(after|before|earlier|later)$",
                    re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def shift_from_anchor(text: str, anchor: date | None, inside: bool) -> date | None:
    """Resolve "a day after" / "two days before" against an anchor date.

    ``inside`` says whether the event lies inside the clause the expression introduces ("comes a day after
    [Trump claimed talks]": the claim is a day before the anchor); otherwise the event is the one placed a
    day after the anchor. None when there is no anchor or the text is not such an expression.
    """
    m = _SHIFT.match(" ".join(text.split()))
    if m is None or anchor is None:
        return None
    word = text.split()[0].lower()
    n = int(m.group(1)) if m.group(1) else _NUMBERS.get(word, 1)
    days = n * (7 if m.group(2).lower() == "week" else 1)
    forward = m.group(3).lower() in ("after", "later")
    if inside:
        forward = not forward
    return anchor + timedelta(days=days if forward else -days)
