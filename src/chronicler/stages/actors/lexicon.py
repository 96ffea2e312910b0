"""Language data for actors: country names and aliases (pycountry plus a data file), role words -> sectors."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("chronicler.stages.actors").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    countries: dict[str, str]  # lower-cased name, alias or demonym -> ISO3
    roles: dict[str, tuple[str, str]]  # lower-cased role -> (sector, kind)

    def country(self, text: str) -> str | None:
        key = " ".join(text.lower().replace("’", "'").split())
        if key.endswith("'s"):
            key = key[:-2]
        hit = self.countries.get(key)
        if hit is None and key.startswith("the "):
            hit = self.countries.get(key[4:])
        return hit

    def role(self, text: str) -> tuple[str, str] | None:
        return self.roles.get(" ".join(text.lower().split()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    import pycountry

    countries: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                countries.setdefault(value.lower(), c.alpha_3)
    for alias, iso3 in _rows("countries.tsv"):
        countries[alias.lower()] = iso3.strip()
    roles = {r[0].lower(): (r[1].strip(), r[2].strip()) for r in _rows("roles.tsv")}
    return Lexicon(countries=countries, roles=roles)
