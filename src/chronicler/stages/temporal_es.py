"""Spanish dates: temporal expressions of a stretch of text, resolved against the published date, as
``stages/temporal.py`` does for English ("el lunes", "el 3 de enero", "ayer", "el pasado domingo", "hoy").

A relative expression with no published date resolves to None and keeps its text.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from chronicler.stages.temporal import DateMention

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS = {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
          "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}
_FOLD = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_WD = r"(?P<wd>lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
_PATTERNS = [
    ("dmy", re.compile(r"\b(?:el\s+)?(?P<day>\d{1,2})\s+de\s+" + _MONTH + r"(?:\s+(?:de|del)\s+(?P<year>\d{4}))?\b",
                       re.I)),
    ("weekday", re.compile(r"\b(?:(?:el|este|esta)\s+)?(?:(?P<rel>pasado|próximo|proximo)\s+)?" + _WD
                           + r"(?:\s+(?P<after>pasado|próximo|proximo|último|ultimo))?\b", re.I)),
    ("deictic", re.compile(r"\b(?P<word>anteayer|antier|ayer|hoy|mañana(?!\s+(?:del?|por)\b)|anoche|esta\s+mañana|"
                           r"esta\s+tarde|esta\s+noche)\b", re.I)),
    ("vague", re.compile(r"\b(?:la\s+semana\s+(?:pasada|próxima)|el\s+mes\s+(?:pasado|próximo)|"
                         r"el\s+año\s+(?:pasado|próximo)|un\s+día\s+(?:después|antes)|el\s+día\s+anterior|"
                         r"la\s+víspera|hace\s+\w+\s+(?:días|semanas|meses|años))\b", re.I)),
]


def _weekday(published: date | None, name: str, rel: str, future: bool) -> date | None:
    if published is None:
        return None
    target = [w.translate(_FOLD) for w in WEEKDAYS].index(name.lower().translate(_FOLD))
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if rel in ("próximo", "proximo") or (future and rel not in ("pasado", "último", "ultimo")):
        return published + timedelta(days=ahead or (7 if rel else 0))
    if rel in ("pasado", "último", "ultimo") and back == 0:
        back = 7
    return published - timedelta(days=back)


def _day_month(published: date | None, month: str, day: str, year: str | None) -> date | None:
    m = MONTHS[month.lower()]
    try:
        d = int(day)
        if year:
            return date(int(year), m, d)
        if published is None:
            return None
        candidate = date(published.year, m, d)
        if (candidate - published).days > 180:  # "el 28 de diciembre" read in January: last year
            candidate = date(published.year - 1, m, d)
        return candidate
    except ValueError:
        return None


def _deictic(published: date | None, word: str) -> date | None:
    if published is None:
        return None
    w = " ".join(word.lower().split())
    shift = {"anteayer": -2, "antier": -2, "ayer": -1, "anoche": -1, "mañana": 1}.get(w, 0)
    return published + timedelta(days=shift)


def find_dates_es(text: str, start: int = 0, end: int | None = None, published: date | None = None,
                  future: bool = False) -> list[DateMention]:
    end = len(text) if end is None else end
    stretch = text[start:end]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(stretch):
            s, e = m.start() + start, m.end() + start
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "dmy":
                value = _day_month(published, m.group("month"), m.group("day"), m.group("year"))
            elif kind == "weekday":
                rel = (m.group("rel") or m.group("after") or "").lower()
                value = _weekday(published, m.group("wd"), rel, future)
            elif kind == "deictic":
                value = _deictic(published, m.group("word"))
            else:
                value = None
            taken.append((s, e))
            found.append(DateMention(s, e, text[s:e], value))
    return sorted(found, key=lambda d: d.start)


__all__ = ["find_dates_es"]
