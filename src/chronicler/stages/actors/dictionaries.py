"""The PETRARCH2 / Phoenix actor and agent dictionaries, from the prebuilt index ``phoenix.json.gz``.

``scripts/build_actor_dictionaries.py`` converts the dictionaries (names with dated CAMEO codes; role words
with sectors) into that index, with every CAMEO code already converted to the contract's ISO3 country (or
IGO) and sector. Here the index is loaded once (a gzipped JSON read, no parse of the dictionaries) and asked:

- ``actor(text, when)``: the coded actor a name stands for at a date (an undated text is coded as of today);
- ``region(text)``: the country a place or other country name of the dictionaries belongs to ("Helmand");
- ``agent(text)``: a role word's sector ("foreign minister" GOV, "rebels" REB).

Names match with case, accents, hyphens and the article "al" ignored ("Kim Jong-un" = "KIM_JONG_UN",
"Bashar al-Assad" = "BASHAR_ASSAD"); a name of two words or more also matches another transliteration
(``skeleton_key``: "Sergey Lavrov" = "Sergei Lavrov", "Hosni Moubarak" = "Hosni Mubarak"). A name that
several records bear resolves only where they agree.
``CHRONICLER_ACTOR_DICTIONARIES=off`` switches the dictionaries off (the package's own files alone).
"""
from __future__ import annotations

import gzip
import json
import logging
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from chronicler.stages.actors.lexicon import fold, tokens

log = logging.getLogger("chronicler.actors")
_DROP = frozenset({"al", "el"})
_NOTED: list[bool] = []
# Offices whose holders, once out of office, are coded ELI (former officials), as leaders.tsv does.
_OFFICES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
_OPEN_END = 99999999
# short forms that open the names of bodies ("UN Security Council", "U.S. Army")
_SHORT = {"un": "united nations", "u.n.": "united nations", "eu": "european union", "us": "united states",
          "u.s.": "united states"}


@lru_cache(maxsize=1 << 16)
def dictionary_key(text: str) -> str:
    """Lower case, no accents, hyphens and underscores as spaces, without the article "al"/"el"."""
    words = tokens(fold(text.replace("_", " ").replace("-", " ").replace("–", " ")))
    return " ".join(w for w in words if w not in _DROP)


_DIGRAPHS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"),
             ("ck", "k"), ("dj", "j"), ("x", "ks"), ("q", "k"), ("c", "k"), ("z", "s"), ("w", "v"))


def _skeleton_word(word: str) -> str:
    """A word's consonant skeleton: "Andrei" and "Andrey" -> "andr", "Kadhafi" and "Qaddafi" -> "kdf"."""
    w = "".join(c for c in word if c.isalpha())
    if not w:
        return ""
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    out = [w[0]]
    for c in w[1:]:
        if c in "aeiouyh" or c == out[-1]:
            continue
        out.append(c)
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def skeleton_key(text: str) -> str:
    """Transliteration-blind key of a name of two words or more, written as one word so that word breaks
    do not count ("Mouammar Kadhafi" = "Muammar Qaddafi", "Abdul Aziz" = "Abdelaziz"); empty for one word."""
    words = dictionary_key(text).split()
    if len(words) < 2:
        return ""
    return _skeleton_word("".join(words))


@dataclass(frozen=True)
class Hit:
    """A coded actor of the dictionaries: CAMEO code, the contract's country and sector, kind."""

    cameo: str | None
    country: str | None
    sector: str | None
    kind: str  # person | organization | group


def _ymd(when: date) -> int:
    return when.year * 10000 + when.month * 100 + when.day


class Dictionaries:
    def __init__(self, data: dict) -> None:
        self.version = data["version"]
        self.codes: list[tuple[str, str | None, str | None]] = [tuple(c) for c in data["codes"]]  # type: ignore[misc]
        self.records: list[list] = data["records"]
        self.names: dict[str, int | list[int]] = data["names"]
        self.regions: dict[str, str] = data["regions"]
        self.surnames: dict[str, int] = data.get("surnames", {})
        self.skeletons: dict[str, int | list[int]] = data.get("skeletons", {})
        self.agents: dict[str, list] = data["agents"]

    def _code_at(self, record: list, when: int) -> tuple[int, tuple[str | None, str | None, str | None]] | None:
        """(standing, code) of a record at a date: 2 a dated range covers it, 1 its undated code, 0 derived
        (a former office holder: ELI; known only from a later date: the country alone)."""
        _kind, default, ranges = record
        best = None
        for cid, start, end in ranges:
            if start <= when <= end and (best is None or start >= best[1]):
                best = (cid, start)
        if best is not None:
            return 2, self.codes[best[0]]
        if default >= 0:
            return 1, self.codes[default]
        if not ranges:
            return None
        past = [(end, cid) for cid, _start, end in ranges if end < when]
        if not past:
            first = min(ranges, key=lambda r: r[1])
            return 0, (None, self.codes[first[0]][1], None)
        cameo, country, sector = self.codes[max(past)[1]]
        return 0, (cameo, country, ("ELI" if sector in _OFFICES else sector))

    def actor(self, text: str, when: date | None = None, surname: bool = False) -> Hit | None:
        """The actor a name stands for at ``when`` (None: today); None when unknown or ambiguous. Of several
        records bearing the name, those in force at the date win ("Ban Ki-moon": IGOUNO in 2014, not a
        former Korean minister). ``surname``: a bare surname may stand for the one office holder of eight years
        or more who bears it (asked for a phrase that is only that word, never for a name in running text)."""
        k = dictionary_key(text)
        found = self.names.get(k)
        if found is None:
            first, _, rest = k.partition(" ")
            if first in _SHORT and rest:  # "UN Human Rights Council" = "United Nations Human Rights Council"
                found = self.names.get(f"{_SHORT[first]} {rest}")
        if found is None and " " in k:
            found = self.skeletons.get(skeleton_key(text))  # another transliteration of the same name
        if found is None and surname and " " not in k and len(k) >= 5:
            found = self.surnames.get(k)  # "Museveni" alone: the one long-serving office holder of that name
        if found is None:
            return None
        ids = found if isinstance(found, list) else [found]
        day = _ymd(when or date.today())
        scored = []
        for i in ids:
            record = self.records[i]
            got = self._code_at(record, day)
            if got is not None and (got[1][1] or got[1][2]):
                scored.append((got[0], Hit(got[1][0], got[1][1], got[1][2], record[0])))
        if not scored:
            return None
        top = max(s for s, _ in scored)
        hits = [h for s, h in scored if s == top]
        first = hits[0]
        if all(h == first for h in hits):
            return first
        if len({h.country for h in hits}) == 1 and first.country:
            sectors = {h.sector for h in hits}
            return Hit(None, first.country, first.sector if len(sectors) == 1 else None, first.kind)
        return None

    def region(self, text: str) -> str | None:
        return self.regions.get(dictionary_key(text))

    def agent(self, text: str) -> tuple[str, str, str] | None:
        """(sector, kind, CAMEO agent code) of a role word, or None (also when it has no sector)."""
        found = self.agents.get(dictionary_key(text))
        if found is None:
            return None
        cameo, _country, sector = self.codes[found[0]]
        return (sector, found[1], cameo) if sector else None


def note_undated() -> None:
    """Say, once per process, that an undated text's names are coded as of today."""
    if not _NOTED:
        _NOTED.append(True)
        log.info("actors: a text without a publication date: dictionary codes resolved as of today (%s)",
                 date.today().isoformat())


def enabled() -> bool:
    return os.environ.get("CHRONICLER_ACTOR_DICTIONARIES", "on").lower() not in ("off", "0", "false", "no")


@lru_cache(maxsize=1)
def dictionaries() -> Dictionaries | None:
    """The loaded index, or None when switched off or not built."""
    if not enabled():
        return None
    ref = resources.files("chronicler.stages.actors").joinpath("phoenix.json.gz")
    if not ref.is_file():
        return None
    with ref.open("rb") as f:
        return Dictionaries(json.loads(gzip.decompress(f.read())))


__all__ = ["Dictionaries", "Hit", "dictionaries", "dictionary_key", "enabled", "note_undated", "skeleton_key"]
