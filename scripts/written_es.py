#!/usr/bin/env python3
"""Spanish articles the project writes for training (annotations/es_written/, guide in GUIDE.md there).

Each writer's file holds invented articles (headline, paragraphs of sentences) with every event and actor
annotated by the writer, words as written. This script checks them, assembles each article's text (headline,
a blank line, the paragraphs; sentences of a paragraph joined by a space, so every sentence's offsets are known
exactly), and writes gold in the reference scorer's format (../shared/data/articles/basil_dev.jsonl: sentences
with offsets, events with trigger spans, actors with forms), with a split by writer (writer files named in
DEV_WRITERS are the dev split).

  check FILE... [--second]  what is wrong in a writer's (or a second reader's) file (nothing written)
  build OUT [--split S]    gold for the scorer (texts included: they are the project's own)
  sheets OUT --ids F       reading sheets for a second, independent reader (text only)
  agreement B...           second readers' files (same format, same ids) scored against the writers'
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "annotations" / "es_written"
sys.path.insert(0, str(ROOT / "scripts"))
from annotate_articles import KINDS, MODALITY, POLARITY, SECTORS, TYPES  # noqa: E402

DEV_WRITERS = {"w8", "w14"}  # whole writers held out: a writer's style and stories stay on one side


def assemble(r: dict) -> tuple[str, list[tuple[int, int]]]:
    """The article's text and each sentence's (start, end): headline, blank line, paragraphs."""
    parts, spans, pos = [], [], 0

    def add(s: str, sep: str) -> None:
        nonlocal pos
        if parts:
            parts.append(sep)
            pos += len(sep)
        spans.append((pos, pos + len(s)))
        parts.append(s)
        pos += len(s)

    add(r["headline"].strip(), "")
    for k, para in enumerate(r["paragraphs"]):
        for j, s in enumerate(para):
            add(s.strip(), "\n\n" if j == 0 else " ")
    return "".join(parts), spans


def _find(hay: str, needle: str, near: int = 0) -> int | None:
    """Where ``needle`` occurs in ``hay`` (exact; else with white space and quote marks compared loosely), the
    occurrence nearest ``near``."""
    if not needle:
        return None
    hits = [m.start() for m in re.finditer(re.escape(needle), hay)]
    if not hits:
        pat = re.escape(re.sub(r"\s+", " ", needle.strip())).replace(r"\ ", r"\s+")
        hits = [m.start() for m in re.finditer(pat, hay)]
    return min(hits, key=lambda h: abs(h - near)) if hits else None


def convert(r: dict, problems: list[str]) -> dict:
    """One writer's article -> gold with offsets; what does not fit is said in ``problems``."""
    text, spans = assemble(r)
    aid = r.get("id", "?")

    def arg(a: dict | None, s0: int, s1: int, where: str, near: int) -> dict | None:
        if a is None:
            return None
        if not a.get("name"):
            problems.append(f"{aid} {where}: no name")
        t = a.get("text")
        if t is None:
            return {"text": None, "name": a.get("name"), "span": None}
        at = _find(text[s0:s1], t, near - s0)
        if at is None:
            problems.append(f"{aid} {where}: text {t!r} not in its sentence")
            return {"text": None, "name": a.get("name"), "span": None}
        return {"text": text[s0 + at:s0 + at + len(t)], "name": a.get("name"), "span": [s0 + at, s0 + at + len(t)]}

    events = []
    for n, ev in enumerate(r.get("events", [])):
        where = f"event {n + 1}"
        s = ev.get("s")
        if not isinstance(s, int) or not 1 <= s <= len(spans):
            problems.append(f"{aid} {where}: sentence {s} does not exist")
            continue
        s0, s1 = spans[s - 1]
        sent = text[s0:s1]
        c = _find(sent, ev.get("context") or "")
        trig = ev.get("trigger") or ""
        if c is not None:
            t = _find(sent[c:c + len(ev["context"]) + 5], trig)
            t = None if t is None else c + t
        else:
            t = _find(sent, trig)
        if t is None:
            problems.append(f"{aid} {where}: trigger {trig!r} not in sentence {s}")
            continue
        for key, allowed in (("type", TYPES), ("polarity", POLARITY), ("modality", MODALITY)):
            if ev.get(key) not in allowed:
                problems.append(f"{aid} {where}: {key} {ev.get(key)!r}")
        a = s0 + t
        events.append({"s": s, "trigger": text[a:a + len(trig)], "trigger_span": [a, a + len(trig)],
                       "type": ev.get("type"), "source": arg(ev.get("source"), s0, s1, where + " source", a),
                       "target": arg(ev.get("target"), s0, s1, where + " target", a),
                       "polarity": ev.get("polarity"), "modality": ev.get("modality")})
        if events[-1]["source"] is None:
            problems.append(f"{aid} {where}: no source")
    actors = []
    for a in r.get("actors", []):
        if a.get("kind") not in KINDS or a.get("sector") not in SECTORS:
            problems.append(f"{aid} actor {a.get('name')!r}: kind {a.get('kind')!r} sector {a.get('sector')!r}")
        forms = []
        for f in a.get("forms", []):
            at = _find(text, f)
            if at is None:
                problems.append(f"{aid} actor {a.get('name')!r}: form {f!r} not in the text")
            else:
                forms.append([at, at + len(f)])
        actors.append({"name": a.get("name"), "kind": a.get("kind"), "country": a.get("country"),
                       "sector": a.get("sector"), "forms": [text[x:y] for x, y in forms], "form_spans": forms})
    names = {a["name"] for a in actors}
    for ev in events:
        for role in ("source", "target"):
            if ev[role] is not None and ev[role]["name"] not in names:
                problems.append(f"{aid} event at {ev['trigger']!r}: {role} {ev[role]['name']!r} not in the actors")
    return {"id": aid, "title": r.get("headline"), "published": r.get("published"), "source": r.get("outlet"),
            "language": "es", "region_end": spans[-1][1],
            "sentences": [{"i": i, "start": x, "end": y, "text": text[x:y]} for i, (x, y) in enumerate(spans, 1)],
            "events": events, "actors": actors, "text": text}


def read(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not JSON ({e})")
    return out


def writer_files() -> list[Path]:
    """The writers' files (``WRITTEN_ES_RAW`` names another folder: a frozen copy, to compare two versions)."""
    folder = Path(os.environ.get("WRITTEN_ES_RAW") or HERE / "raw")
    return sorted(folder.glob("w*.jsonl"))


def gold(split: str | None = None) -> list[dict]:
    rows = []
    for path in writer_files():
        writer = path.stem.split("-")[0]
        part = "dev" if writer in DEV_WRITERS else "train"
        if split and part != split:
            continue
        for r in read(path):
            g = convert(r, [])
            g.update(split=part, group=f"es-written:{writer}:{r.get('id')}", corpus="es_written")
            rows.append(g)
    return rows


def with_text(rows: list[dict]) -> list[dict]:
    """A second reader's rows (id, events, actors) with the writer's headline and paragraphs put back."""
    raw = {x.get("id"): x for p in writer_files() for x in read(p)}
    out = []
    for r in rows:
        w = raw.get(r.get("id"))
        if w is None:
            raise SystemExit(f"{r.get('id')}: no such written article")
        out.append({**w, "events": r.get("events", []), "actors": r.get("actors", [])})
    return out


def cmd_check(args) -> None:
    bad = 0
    for f in args.files:
        rows = read(Path(f))
        if args.second:
            rows = with_text(rows)
        problems: list[str] = []
        ids = set()
        for r in rows:
            if r.get("id") in ids:
                problems.append(f"{r.get('id')}: id used twice")
            ids.add(r.get("id"))
            g = convert(r, problems)
            if len(g["sentences"]) < 6:
                problems.append(f"{r.get('id')}: only {len(g['sentences'])} sentences")
        n_ev = sum(len(r.get("events", [])) for r in rows)
        print(f"{f}: {len(rows)} articles, {n_ev} events, {len(problems)} problems")
        for p in problems:
            print("  " + p)
        bad += len(problems)
    sys.exit(1 if bad else 0)


def cmd_build(args) -> None:
    rows = gold(args.split)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles, {sum(len(r['events']) for r in rows)} events -> {args.out}", file=sys.stderr)


def cmd_sheets(args) -> None:
    wanted = set(Path(args.ids).read_text().split())
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in gold():
            if r["id"] in wanted:
                fh.write(f"=== ARTICLE {r['id']}\npublished: {r['published']}   outlet: {r['source']}\n")
                for s in r["sentences"]:
                    fh.write(f"[{s['i']}] {s['text']}\n")
                fh.write("\n")


def cmd_agreement(args) -> None:
    """The second reader's annotations (sentence numbers, triggers and texts as in the writers' format, but
    with ``s`` counted on the sheet) scored against the writers' by the whole-article scorer."""
    from annotate_articles import as_prediction

    sys.path.insert(0, str(ROOT / "src"))
    from chronicler.eval.articles import score

    writers = {r["id"]: r for r in gold()}
    second = {}
    problems: list[str] = []
    for r in with_text([row for b in args.b for row in read(Path(b))]):
        if r["id"] in writers:
            second[r["id"]] = convert(r, problems)
    both = [writers[i] for i in second]
    f = score(both, {i: as_prediction(g) for i, g in second.items()})
    keys = ("gold_events", "pred_events", "type_P", "type_R", "triple_P", "triple_R", "actor_P", "actor_R",
            "actor_coded_P", "actor_coded_R")
    print(json.dumps({"articles": len(both), **{k: f.get(k) for k in keys}, "problems": len(problems)}))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("check")
    p.add_argument("files", nargs="+")
    p.add_argument("--second", action="store_true", help="a second reader's file: the texts are the writers'")
    p.set_defaults(fn=cmd_check)
    p = sub.add_parser("build")
    p.add_argument("out")
    p.add_argument("--split", choices=["train", "dev"])
    p.set_defaults(fn=cmd_build)
    p = sub.add_parser("sheets")
    p.add_argument("out")
    p.add_argument("--ids", required=True)
    p.set_defaults(fn=cmd_sheets)
    p = sub.add_parser("agreement")
    p.add_argument("b", nargs="+", help="second readers' files")
    p.set_defaults(fn=cmd_agreement)
    args = ap.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
