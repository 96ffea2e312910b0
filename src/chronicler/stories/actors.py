"""Cross-document actors: one canonical actor for the names one person or body goes by across articles.

Two actors of a story are one when they are of the same kind, their countries do not conflict, and one's
name is the other's or its words a run of the other's ('Díaz-Canel' in 'Miguel Díaz-Canel Bermúdez'). The
canonical name is the longest (then the most documents, then alphabetical); the id is derived from it, so
the same person gets the same id in every story (``a-miguel-diaz-canel-bermudez``).
"""
from __future__ import annotations

import re
from typing import Any

from chronicler.stories.text import fold


def slug(name: str) -> str:
    return "a-" + "-".join(re.findall(r"[a-z0-9]+", fold(name)))


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold(name))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return 0 < n <= len(longer) and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def canonical_actors(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    """Rows: actors of the story's documents (``doc_id``, ``id``, ``name``, ``kind``, ``country``, ``code``,
    ``mentions``), or canonical actors already found (``doc_id`` None, with ``documents`` and ``aliases``:
    a story's actors are updated from its stored ones and the new article's, in time independent of the
    story's size). Returns the canonical actors, and (doc_id, actor id) -> canonical id."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if row["kind"] == "country" and row.get("country"):
            key = ("country", row["country"].lower())
        else:  # names that differ only in case, accents or punctuation are one ('Marshall, Drummond Inc.')
            key = (row["kind"], slug(row["name"])[2:].replace("-", " "))
        groups.setdefault(key, []).append(row)
    names = sorted(groups, key=lambda k: (-len(_words(k[1])), k))
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    for i, short in enumerate(names):
        if short[0] not in ("person", "organization"):
            continue
        roots = {parent.get(long, long) for long in names[:i]
                 if long[0] == short[0] and len(_words(long[1])) > len(_words(short[1]))
                 and _contains(_words(long[1]), _words(short[1])) and _compatible(groups[long], groups[short])}
        if len(roots) == 1:  # 'Trump' beside 'Donald Trump' and 'Melania Trump' stays on its own
            parent[short] = roots.pop()
    members: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in names:
        members.setdefault(parent.get(key, key), []).append(key)
    actors, mapping, used = [], {}, set()
    for root, keys in members.items():
        rows_ = [r for k in keys for r in groups[k]]
        best = max(groups[root], key=lambda r: (len(r["name"]), r["name"]))
        aid = slug(best["name"]) if best["kind"] != "country" else "a-" + (best.get("country") or "").lower()
        if aid in used:  # the same name for two kinds (a person and a company): the kind tells them apart
            aid = f"{aid}-{best['kind']}"
        used.add(aid)
        for r in rows_:
            if r.get("doc_id") is not None:
                mapping[(r["doc_id"], r["id"])] = aid
        names = {r["name"] for r in rows_} | {a for r in rows_ for a in r.get("aliases") or ()}
        actors.append({
            "id": aid, "name": best["name"], "kind": best["kind"], "country": best.get("country"),
            "code": best.get("code"),
            "aliases": sorted(names - {best["name"]}),
            "documents": len({r["doc_id"] for r in rows_ if r.get("doc_id") is not None})
            + sum(r.get("documents") or 0 for r in rows_ if r.get("doc_id") is None),
            "mentions": sum(r["mentions"] if isinstance(r["mentions"], int) else len(r["mentions"]) for r in rows_),
        })
    actors.sort(key=lambda a: (-a["documents"], -a["mentions"], a["id"]))
    return actors, mapping


def _compatible(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    countries = {r.get("country") for r in a + b} - {None}
    return len(countries) <= 1
