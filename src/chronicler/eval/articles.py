"""Whole-article events and actors against exhaustive gold on an article's opening sentences.

The gold format is that of ``../shared/data/articles/basil_dev.jsonl`` (and of what
``scripts/annotate_articles.py build`` writes): one article a line, ``{id, published, region_end, sentences:
[{i, start, end, text}], events: [{s, trigger, type, source: {text, name}|null, target, polarity, modality}],
actors: [{name, kind, country, sector, forms}]}``. The article's text is the row's ``text`` when it has one,
else it is looked up by id in the files given as ``texts`` (JSON lines with ``id`` and ``text``), else in the
BASIL story files next to the gold (``../stories/basil/*.jsonl``, where the shared gold keeps its texts).

The figures are those of the reference scorer (``../shared/tools/score_articles.py``), computed the same way:
only predictions inside the annotated sentences count; a predicted event matches a gold event of the same
sentence and type (one to one, greedy, in the order of the predictions); a "triple" also needs its source and
target to name the gold actors (same surname or last word, or most words shared; a gold target of null accepts
any target); a predicted actor with a mention in the region matches the gold actor it names, and is "coded"
when its country and sector equal gold's (null = null). Beside them: per-type figures, polarity and modality
of the triple matches, and the country and sector of matched actors separately.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from chronicler.errors import InputError
from chronicler.eval.records import read_jsonl

_TITLES = {"mr", "mrs", "ms", "dr", "sen", "senator", "rep", "representative", "president", "gov", "governor",
           "the", "of", "secretary", "minister", "prime", "former", "gen", "general", "speaker", "leader",
           "chairman", "vice", "attorney", "judge", "justice", "house", "majority", "minority", "u", "s", "us"}
_PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "we", "i", "you", "who"}
_STEMS = {"democratic": "democrat", "democrats": "democrat", "republicans": "republican", "americans": "american",
          "america": "united", "gop": "republican"}


def name_tokens(name: str | None) -> list[str]:
    """A name's words as the reference scorer compares them: accents folded, lower case, plural -s dropped."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name or "") if not unicodedata.combining(c))
    out = []
    for t in re.findall(r"[a-z0-9]+", folded.lower().replace("’", "'").replace("'s", "")):
        t = _STEMS.get(t, t)
        out.append(t[:-1] if len(t) > 4 and t.endswith("s") and not t.endswith("ss") else t)
    return [t for t in out if t != "party"]


def _core(name: str | None) -> list[str]:
    return [t for t in name_tokens(name) if t not in _TITLES]


def _jaccard(p: list[str], g: list[str]) -> float:
    return len(set(p) & set(g)) / len(set(p) | set(g))


def match_score(pred_name: str | None, gold: dict | None) -> float:
    """How well a predicted canonical name names a gold actor ({name, text?, forms?}); 0 = not at all."""
    p = _core(pred_name)
    if not p or not gold:
        return 0.0
    best = 0.0
    name = _core(gold.get("name"))
    if name:
        if p == name:
            return 3.0
        if len(name[-1]) >= 3 and name[-1] == p[-1]:
            best = 2.0
        elif _jaccard(p, name) >= 0.6:
            best = 1.5
    forms = list(gold.get("forms") or [])
    if gold.get("text"):
        forms.append(gold["text"])
    for f in forms:
        if not f or f.lower() in _PRONOUNS:
            continue
        g = _core(f)
        if not g:
            continue
        if p == g:
            best = max(best, 2.5)
        elif (len(g) <= 3 and len(g[-1]) >= 3 and g[-1] == p[-1]) or _jaccard(p, g) >= 0.6:
            best = max(best, 1.0)
    return best


def sentence_of(sentences: list[dict], start: int, end: int) -> int | None:
    """The gold sentence an offset range falls in (its start, else the one it overlaps most)."""
    best, overlap = None, 0
    for s in sentences:
        o = min(end, s["end"]) - max(start, s["start"])
        if s["start"] <= start < s["end"]:
            return s["i"]
        if o > overlap:
            best, overlap = s["i"], o
    return best


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def score(gold: list[dict], predictions: dict[Any, dict], details: list[str] | None = None) -> dict[str, Any]:
    """Figures for gold rows against contract dicts by article id (see the module docstring)."""
    T: Counter = Counter()
    per_type: dict[str, Counter] = {}
    for g in gold:
        p = predictions.get(g["id"]) or {}
        sents, region = g["sentences"], g["region_end"]
        gev = g.get("events", [])
        pev = []
        for e in p.get("events", []):
            ev = e.get("evidence") or {}
            st = ev.get("start", 10 ** 9)
            if st >= region:
                continue
            pev.append((sentence_of(sents, st, ev.get("end", st)), e))
        T["gold_events"] += len(gev)
        T["pred_events"] += len(pev)
        for ge in gev:
            per_type.setdefault(ge.get("type"), Counter())["gold"] += 1
        used_t: set[int] = set()
        used_x: set[int] = set()
        for si, e in pev:
            counts = per_type.setdefault(e.get("type"), Counter())
            counts["pred"] += 1
            cands = [k for k, ge in enumerate(gev) if ge.get("s") == si and ge.get("type") == e.get("type")]
            k1 = next((k for k in cands if k not in used_t), None)
            if k1 is not None:
                used_t.add(k1)
                T["type"] += 1
                counts["type"] += 1
            src = (e.get("source") or {}).get("name")
            tgt = (e.get("target") or {}).get("name")
            full = [k for k in cands if k not in used_x and match_score(src, gev[k].get("source")) > 0
                    and (gev[k].get("target") is None or match_score(tgt, gev[k]["target"]) > 0)]
            if full:
                used_x.add(full[0])
                T["triple"] += 1
                counts["triple"] += 1
                T["polarity_ok"] += e.get("polarity") == gev[full[0]].get("polarity", "asserted")
                T["modality_ok"] += e.get("modality") == gev[full[0]].get("modality", "actual")
            elif details is not None:
                details.append(f"FP {g['id']} s{si} {e.get('type')} {src} -> {tgt} | "
                               f"{(e.get('evidence') or {}).get('text')}")
        gac = g.get("actors", [])
        pac = [a for a in p.get("actors", []) if any(m[0] < region for m in a.get("mentions", []))]
        T["gold_actors"] += len(gac)
        T["pred_actors"] += len(pac)
        pairs = sorted(((match_score(a.get("name"), ga), i, k) for i, a in enumerate(pac)
                        for k, ga in enumerate(gac)), key=lambda x: (-x[0], x[1], x[2]))
        got: dict[int, int] = {}
        used: set[int] = set()
        for sc, i, k in pairs:
            if sc > 0 and i not in got and k not in used:
                got[i] = k
                used.add(k)
        for i, a in enumerate(pac):
            if i not in got:
                if details is not None:
                    details.append(f"FA {g['id']} {a.get('name')} {a.get('code')}")
                continue
            T["actor_match"] += 1
            ga = gac[got[i]]
            country = (a.get("country") or None) == (ga.get("country") or None)
            sector = (a.get("sector") or None) == (ga.get("sector") or None)
            T["actor_country"] += country
            T["actor_sector"] += sector
            T["actor_coded"] += country and sector
    out: dict[str, Any] = {
        "articles": len(gold), "gold_events": T["gold_events"], "pred_events": T["pred_events"],
        "type_P": _ratio(T["type"], T["pred_events"]), "type_R": _ratio(T["type"], T["gold_events"]),
        "triple_P": _ratio(T["triple"], T["pred_events"]), "triple_R": _ratio(T["triple"], T["gold_events"]),
        "polarity_ok": _ratio(T["polarity_ok"], T["triple"]), "modality_ok": _ratio(T["modality_ok"], T["triple"]),
        "gold_actors": T["gold_actors"], "pred_actors": T["pred_actors"],
        "actor_P": _ratio(T["actor_match"], T["pred_actors"]), "actor_R": _ratio(T["actor_match"], T["gold_actors"]),
        "actor_coded_P": _ratio(T["actor_coded"], T["pred_actors"]),
        "actor_coded_R": _ratio(T["actor_coded"], T["gold_actors"]),
        "actor_country_ok": _ratio(T["actor_country"], T["actor_match"]),
        "actor_sector_ok": _ratio(T["actor_sector"], T["actor_match"]),
    }
    for k in ("type", "triple"):
        out[k + "_F1"] = _f1(out[k + "_P"], out[k + "_R"])
    out["per_type"] = {t: {"gold": c["gold"], "pred": c["pred"], "P": _ratio(c["type"], c["pred"]),
                           "R": _ratio(c["type"], c["gold"]), "triple_R": _ratio(c["triple"], c["gold"])}
                       for t, c in sorted(per_type.items(), key=lambda kv: -kv[1]["gold"]) if t}
    return out


# ------------------------------------------------------------------------------------------------ reading

_REQUIRED = {"id": str, "sentences": list, "region_end": int}


def _text_files(gold_path: Path, texts: Iterable[str] | None) -> list[Path]:
    if texts:
        return [Path(t) for t in texts]
    stories = gold_path.resolve().parent.parent / "stories" / "basil"
    return sorted(stories.glob("*.jsonl")) if stories.is_dir() else []


def load_gold(gold_path: str | Path, texts: Iterable[str] | None = None) -> tuple[list[dict], int]:
    """Gold rows with their ``text`` filled in, and how many lines were left out (unusable, or no text found)."""
    path = Path(gold_path)
    rows, skipped = read_jsonl(path, _REQUIRED)
    missing = {r["id"] for r in rows if not isinstance(r.get("text"), str)}
    if missing:
        for f in _text_files(path, texts):
            found, _ = read_jsonl(f, {"id": str, "text": str})
            by_id = {r["id"]: r["text"] for r in found if r["id"] in missing}
            for r in rows:
                if r["id"] in by_id:
                    r["text"] = by_id[r["id"]]
                    missing.discard(r["id"])
            if not missing:
                break
    if missing and len(missing) == len(rows):
        raise InputError(f"{path}: no article text found for any gold row (give the texts with --texts FILE: "
                         "JSON lines with id and text)")
    kept = [r for r in rows if isinstance(r.get("text"), str)]
    return kept, skipped + len(rows) - len(kept)


def analyze_gold(rows: list[dict], analyzer) -> dict[Any, dict]:
    """chronicler's contract for each gold article (its text, title and date as given), by id."""
    from chronicler.sources.readers import article_from_text, parse_date

    arts = []
    for r in rows:
        title = r.get("title") if isinstance(r.get("title"), str) else None
        if title and not r["text"].lstrip().startswith(title.strip()):
            title = None  # a title given beside the text (a wire headline) is not part of what is scored
        arts.append(article_from_text(r["text"], r["id"], title=title, published=parse_date(r.get("published"))))
    return {r["id"]: a.to_dict() for r, a in zip(rows, analyzer.analyze_many(arts))}


def evaluate(gold_path: str, analyzer, texts: Iterable[str] | None = None) -> dict[str, Any]:
    rows, skipped = load_gold(gold_path, texts)
    out = score(rows, analyze_gold(rows, analyzer))
    out["skipped"] = skipped
    return out


def report(f: dict[str, Any]) -> str:
    lines = [
        f"whole articles: {f['articles']} (annotated opening sentences only)"
        + (f", {f['skipped']} gold lines left out" if f.get("skipped") else ""),
        f"events: gold {f['gold_events']}, predicted {f['pred_events']}",
        f"  type    P {f['type_P']:.3f}  R {f['type_R']:.3f}  F1 {f['type_F1']:.3f}",
        f"  triple  P {f['triple_P']:.3f}  R {f['triple_R']:.3f}  F1 {f['triple_F1']:.3f}"
        f"   (of the triples: polarity right {f['polarity_ok']:.3f}, modality right {f['modality_ok']:.3f})",
        f"actors: gold {f['gold_actors']}, predicted {f['pred_actors']}",
        f"  found   P {f['actor_P']:.3f}  R {f['actor_R']:.3f}",
        f"  coded   P {f['actor_coded_P']:.3f}  R {f['actor_coded_R']:.3f}"
        f"   (of the found: country right {f['actor_country_ok']:.3f}, sector right {f['actor_sector_ok']:.3f})",
        "per type (gold, predicted, P, R, triple R):",
    ]
    for t, c in f["per_type"].items():
        lines.append(f"  {t:<10} {c['gold']:>4} {c['pred']:>4}  {c['P']:.2f} {c['R']:.2f} {c['triple_R']:.2f}")
    return "\n".join(lines)
