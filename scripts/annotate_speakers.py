#!/usr/bin/env python3
"""Speaker annotations: who is behind each attribution source of PolNeAR training articles.

PolNeAR marks each attribution's source as the local mention ("he", "the spokeswoman", "the campaign") and
never says who that is. Readers give, by careful reading of the whole article, the named person or
organisation behind it, the kind of source when nobody is named, and whether the source said (or wrote) the
content, asked it, or neither (``annotations/speakers/GUIDE.md``).

The annotations live in the repository as document ids, PolNeAR attribution anchors and character offsets
(``annotations/speakers/``); the texts stay in ``../shared`` and are read from there. Only the standard library
is used, so readers can check their files with any Python 3. Subcommands:

  select                     choose the articles and fix the numbering of their attributions (deterministic)
                             -> annotations/speakers/manifest.jsonl
  sheets OUTDIR              reading sheets, one per batch (outside the repo: they hold the texts)
  check FILE                 say what is wrong in a reader's file; write nothing (exit 1 when anything is)
  ingest FILE --pass P       a reader's file (names as written) -> offsets in annotations/speakers/P.jsonl
  ingest-dir DIR             every batchNN.P.jsonl of DIR that checks clean (P = a or b)
  status [DIR]               which batches are read, ingested, still missing
  build OUT [--pass P]       the annotated attributions with spans and texts (for training and scoring)
  agreement                  pass "b" against pass "a" on the attributions both read

The training and scoring code imports ``gold_rows`` from here.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "annotations" / "speakers"
SHARED = Path(os.environ.get("CHRONICLER_SHARED", ROOT.parent / "shared"))
if not (SHARED / "data").exists() and Path("/work/shared/data").exists():
    SHARED = Path("/work/shared")

KINDS = ("person", "organization", "group", "unnamed", "author", "nobody")
NAMED = {"person", "organization", "group"}
ACTS = ("said", "asked", "other")
FIRST_BATCH = 15   # batch 01 is read twice, independently
PER_BATCH = 10
N_ARTICLES = 125

# ---------------------------------------------------------------------------------------------- texts


def polnear_rows(split: str = "train") -> dict[str, dict]:
    """One row per article: the lowest annotator id's (as the scorer reads PolNeAR)."""
    out: dict[str, dict] = {}
    for line in open(SHARED / f"data/quotes/polnear/{split}.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["doc"] not in out or r["annotator"] < out[r["doc"]]["annotator"]:
            out[r["doc"]] = r
    return out


def ordered(attributions: list[dict]) -> list[dict]:
    """Attributions in reading order: by cue, then source, then content (the sheet's numbering)."""
    def key(a):
        first = lambda spans: min((s["start"] for s in spans), default=10 ** 9)  # noqa: E731
        return (first(a["cue"]), first(a["source"]), first(a["content"]), a.get("id_anchor", ""))
    return sorted(attributions, key=key)


# ---------------------------------------------------------------------------------------------- select


def cmd_select(args) -> None:
    rows = polnear_rows("train")
    rng = random.Random(20261208)
    by_outlet: dict[str, list[str]] = {}
    for doc in sorted(rows):
        r = rows[doc]
        n = len(r["attributions"])
        if 1500 <= len(r["text"]) <= 6500 and 6 <= n <= 32 and sum(1 for a in r["attributions"] if a["source"]) >= 4:
            by_outlet.setdefault(doc.split("_")[0], []).append(doc)
    for docs in by_outlet.values():
        rng.shuffle(docs)
    # Round robin over the outlets, so every batch mixes them.
    chosen: list[str] = []
    k = 0
    outlets = sorted(by_outlet)
    while len(chosen) < N_ARTICLES:
        for o in outlets:
            if k < len(by_outlet[o]) and len(chosen) < N_ARTICLES:
                chosen.append(by_outlet[o][k])
        k += 1
    HERE.mkdir(parents=True, exist_ok=True)
    with open(HERE / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for i, doc in enumerate(chosen):
            r = rows[doc]
            batch = 1 if i < FIRST_BATCH else 2 + (i - FIRST_BATCH) // PER_BATCH
            items = [[a["id_anchor"], [a["cue"][0]["start"], a["cue"][0]["end"]] if a["cue"] else None]
                     for a in ordered(r["attributions"])]
            fh.write(json.dumps({"id": f"polnear:{doc}", "doc": doc, "annotator": r["annotator"], "batch": batch,
                                 "double": batch == 1, "items": items}) + "\n")
    print(f"{len(chosen)} articles, {sum(len(rows[d]['attributions']) for d in chosen)} attributions, "
          f"{Counter(d.split('_')[0] for d in chosen)}", file=sys.stderr)


def manifest() -> list[dict]:
    return [json.loads(l) for l in open(HERE / "manifest.jsonl", encoding="utf-8")]


def attributions(entry: dict, rows: dict[str, dict]) -> tuple[str, list[dict]]:
    """The article's text and its attributions in the manifest's numbering (item 1 first)."""
    r = rows[entry["doc"]]
    by_anchor = {a["id_anchor"]: a for a in r["attributions"]}
    return r["text"], [by_anchor[anchor] for anchor, _ in entry["items"]]


# ---------------------------------------------------------------------------------------------- sheets

_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Rough sentences for display (not for scoring): breaks after . ! ? before a capital, and at line breaks."""
    out, a = [], 0
    for m in _SENT_END.finditer(text):
        if m.start() > a:
            out.append((a, m.start() + (1 if text[m.start():m.start() + 1] in "\"”’)" else 0)))
        a = m.end()
    if a < len(text):
        out.append((a, len(text)))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _which(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(bounds):
        if pos < b:
            return i
    return len(bounds) - 1


def context(text: str, att: dict, sents: list[tuple[int, int]], limit: int = 260) -> str:
    """The sentences around source and cue with [[source]], <<cue>> and {content} marked; long content elided."""
    spans = [(s["start"], s["end"]) for k in ("source", "cue") for s in att[k]]
    content = [(s["start"], s["end"]) for s in att["content"]]
    anchor = spans or content
    lo = min(a for a, _ in anchor)
    hi = max(b for _, b in anchor)
    if content:
        lo = min(lo, content[0][0])
        hi = max(hi, min(content[-1][1], hi + 400))
    lo = sents[_which(sents, lo)][0]
    hi = sents[_which(sents, max(hi - 1, lo))][1]
    marks: list[tuple[int, int, str]] = []   # (position, order, mark)
    for s in att["source"]:
        marks += [(s["start"], 1, "[["), (s["end"], 0, "]]")]
    for s in att["cue"]:
        marks += [(s["start"], 1, "<<"), (s["end"], 0, ">>")]
    for s in att["content"]:
        marks += [(s["start"], 1, "{"), (s["end"], 0, "}")]
    # Elide the middle of long content pieces (never a source or a cue).
    keep = set()
    for a, b in content:
        if b - a > limit:
            cut_a, cut_b = a + limit // 2, b - limit // 3
            if not any(cut_a < x < cut_b for x, y in spans) and not any(cut_a < y < cut_b for x, y in spans):
                keep.add((cut_a, cut_b))
    out, pos = [], lo
    events = sorted([m for m in marks if lo <= m[0] <= hi] + [(a, 2, ("cut", b)) for a, b in keep],
                    key=lambda m: (m[0], m[1]))
    for p, _, mark in events:
        if p < pos:
            continue
        out.append(text[pos:p])
        pos = p
        if isinstance(mark, tuple):
            out.append(" … ")
            pos = mark[1]
        else:
            out.append(mark)
    out.append(text[pos:hi])
    s = "".join(out)
    return re.sub(r"\s*\n+\s*", " / ", s).strip()


def sheet_article(entry: dict, text: str, atts: list[dict]) -> str:
    paras = paragraphs(text)
    sents = sentence_bounds(text)
    doc = entry["doc"]
    outlet, date = doc.split("_")[0], doc.split("_")[1]
    lines = [f"=== ARTICLE {entry['id']}", f"outlet: {outlet}   published: {date}   attributions: {len(atts)}", "",
             "--- TEXT"]
    for i, (a, b) in enumerate(paras, 1):
        lines.append(f"[P{i}] {text[a:b]}")
    lines += ["", f"--- ATTRIBUTIONS of {entry['id']}  (write one item for each number, 1..{len(atts)})"]
    for n, att in enumerate(atts, 1):
        where = att["source"][0]["start"] if att["source"] else (att["cue"] or att["content"])[0]["start"]
        src = " + ".join(f'"{s["text"]}"' for s in att["source"]) or "(no source marked)"
        cue = " + ".join(f'"{s["text"]}"' for s in att["cue"]) or "(no cue marked)"
        lines.append(f"#{n}  P{_which(paras, where) + 1}  source: {src}   cue: {cue}")
        lines.append(f"      {context(text, att, sents)}")
    lines.append("")
    return "\n".join(lines) + "\n"


def cmd_sheets(args) -> None:
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    rows = polnear_rows("train")
    batches: dict[int, list[dict]] = {}
    for e in manifest():
        batches.setdefault(e["batch"], []).append(e)
    for b, entries in sorted(batches.items()):
        n_att = 0
        parts = []
        for e in entries:
            text, atts = attributions(e, rows)
            n_att += len(atts)
            parts.append(sheet_article(e, text, atts))
        head = (f"SHEET batch{b:02d}: {len(entries)} articles, {n_att} attributions. "
                f"Guide: {HERE / 'GUIDE.md'}\nMarks in the context lines: [[source]] <<cue>> {{content}}; "
                "' … ' stands for content left out of the line (it is in the text above).\n\n")
        (out / f"batch{b:02d}.txt").write_text(head + "\n".join(parts), encoding="utf-8")
        print(f"batch{b:02d}: {len(entries)} articles, {n_att} attributions", file=sys.stderr)


# ---------------------------------------------------------------------------------------------- check / ingest


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).strip()


def find_name(text: str, name: str, near: int | None = None) -> list[int] | None:
    """Offsets of ``name`` in ``text`` (white space, quote marks and case compared loosely; whole words): the
    occurrence nearest before ``near`` when there is one, else the first after it."""
    needle = _norm(name)
    if not needle:
        return None
    pat = re.escape(needle).replace(r"\ ", r"\s+")
    pat = pat.replace("'", "['’‘]").replace(r"\'", "['’‘]").replace('"', '["“”]').replace(r'\"', '["“”]')
    if needle[:1].isalnum():
        pat = r"(?<!\w)" + pat
    if needle[-1:].isalnum():
        pat += r"(?!\w)"
    hits = [(m.start(), m.end()) for m in re.finditer(pat, text)]
    if not hits:
        hits = [(m.start(), m.end()) for m in re.finditer(pat, text, re.I)]
    if not hits:
        return None
    if near is not None:
        before = [h for h in hits if h[0] <= near]
        return list(before[-1] if before else hits[0])
    return list(hits[0])


def convert(entry: dict, text: str, atts: list[dict], ann: dict, problems: list[str]) -> dict | None:
    """A reader's article line -> stored items (offsets), adding what is wrong to ``problems``."""
    where0 = entry["id"]
    items = ann.get("items")
    if not isinstance(items, list):
        problems.append(f"{where0}: needs \"items\": a list")
        return None
    seen: dict[int, dict] = {}
    tried: set[int] = set()
    for it in items:
        if not isinstance(it, dict) or not isinstance(it.get("n"), int):
            problems.append(f"{where0}: an item without an integer \"n\": {str(it)[:80]}")
            continue
        n = it["n"]
        where = f"{where0} #{n}"
        if not 1 <= n <= len(atts):
            problems.append(f"{where}: no attribution #{n} (the article has 1..{len(atts)})")
            continue
        if n in tried:
            problems.append(f"{where}: given twice")
            continue
        tried.add(n)
        unknown = set(it) - {"n", "speaker", "kind", "act", "for", "note"}
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        kind, act, name, for_ = it.get("kind"), it.get("act"), it.get("speaker"), it.get("for")
        bad = False
        if kind not in KINDS:
            problems.append(f"{where}: kind {kind!r} is none of {', '.join(KINDS)}")
            bad = True
        if act not in ACTS:
            problems.append(f"{where}: act {act!r} is none of {', '.join(ACTS)}")
            bad = True
        members = None
        if isinstance(name, list):
            if kind != "group" or not name or not all(isinstance(x, str) and x.strip() for x in name):
                problems.append(f"{where}: a list of names is for kind group only, each a name")
                continue
            members = [x.strip() for x in name]
            name = " + ".join(members)
        if kind in NAMED and not (isinstance(name, str) and name.strip()):
            problems.append(f"{where}: kind {kind} needs the name in \"speaker\"")
            bad = True
        if kind not in NAMED and name not in (None, ""):
            problems.append(f"{where}: kind {kind} takes \"speaker\": null (a name means person, organization or "
                            "group)")
            bad = True
        att = atts[n - 1]
        near = att["source"][0]["start"] if att["source"] else (att["cue"] or att["content"])[0]["start"]
        span = for_span = None
        member_spans = [find_name(text, x, near) for x in members or []]
        for x, sp in zip(members or [], member_spans):
            if sp is None:
                problems.append(f"{where}: speaker {x!r} is not written so anywhere in the article (copy the "
                                "name as the article writes it)")
                bad = True
        if members:
            span = member_spans[0]
        elif isinstance(name, str) and name.strip():
            span = find_name(text, name, near)
            if span is None:
                problems.append(f"{where}: speaker {name!r} is not written so anywhere in the article (copy the "
                                "name as the article writes it)")
                bad = True
        if for_ not in (None, ""):
            if kind in NAMED:
                problems.append(f"{where}: \"for\" is only for unnamed sources (kind unnamed)")
                bad = True
            elif not isinstance(for_, str) or find_name(text, for_, near) is None:
                problems.append(f"{where}: for {for_!r} is not written so anywhere in the article")
                bad = True
            else:
                for_span = find_name(text, for_, near)
        if bad:
            continue
        seen[n] = {"n": n, "anchor": entry["items"][n - 1][0], "kind": kind, "act": act,
                   "name": name.strip() if isinstance(name, str) and name.strip() else None, "span": span,
                   "for": for_.strip() if for_span else None, "for_span": for_span}
        if members:
            seen[n]["members"] = member_spans
        if it.get("note"):
            seen[n]["note"] = str(it["note"])[:300]
    missing = [n for n in range(1, len(atts) + 1) if n not in seen and n not in tried]
    if missing:
        problems.append(f"{where0}: no item for #{', #'.join(map(str, missing[:20]))}"
                        + (" ..." if len(missing) > 20 else ""))
    return {"id": entry["id"], "items": [seen[n] for n in sorted(seen)]}


def read_file(path: str | Path, problems: list[str]) -> dict[str, dict]:
    entries = {e["id"]: e for e in manifest()}
    rows = polnear_rows("train")
    out: dict[str, dict] = {}
    for k, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            ann = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {k}: not JSON ({exc})")
            continue
        e = entries.get(ann.get("id")) if isinstance(ann, dict) else None
        if e is None:
            problems.append(f"line {k}: unknown article {ann.get('id') if isinstance(ann, dict) else ann!r}")
            continue
        if e["id"] in out:
            problems.append(f"line {k}: {e['id']} written twice")
        text, atts = attributions(e, rows)
        conv = convert(e, text, atts, ann, problems)
        if conv is not None:
            out[e["id"]] = conv
    return out


def _batch_of(path: Path) -> int | None:
    m = re.match(r"batch(\d+)\.", path.name)
    return int(m.group(1)) if m else None


def cmd_check(args) -> None:
    problems: list[str] = []
    got = read_file(args.file, problems)
    b = _batch_of(Path(args.file))
    if b is not None:
        want = {e["id"] for e in manifest() if e["batch"] == b}
        for i in sorted(want - set(got)):
            problems.append(f"{i}: article of batch{b:02d} not in the file yet")
        for i in sorted(set(got) - want):
            problems.append(f"{i}: not an article of batch{b:02d}")
    for p in problems:
        print("problem:", p)
    n = sum(len(r["items"]) for r in got.values())
    print(f"{len(got)} articles, {n} items read, {len(problems)} problems")
    sys.exit(1 if problems else 0)


def _store(pass_: str, got: dict[str, dict]) -> Path:
    HERE.mkdir(parents=True, exist_ok=True)
    path = HERE / f"{pass_}.jsonl"
    have = {}
    if path.exists():
        have = {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))}
    have.update(got)
    order = [e["id"] for e in manifest()]
    with open(path, "w", encoding="utf-8") as fh:
        for i in sorted(have, key=order.index):
            fh.write(json.dumps(have[i], ensure_ascii=False) + "\n")
    return path


def cmd_ingest(args) -> None:
    problems: list[str] = []
    got = read_file(args.file, problems)
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems and args.strict:
        sys.exit(1)
    path = _store(args.pass_, got)
    print(f"{len(got)} articles into {path.name}, {len(problems)} problems", file=sys.stderr)


def cmd_ingest_dir(args) -> None:
    for f in sorted(Path(args.dir).glob("batch*.jsonl")):
        m = re.match(r"batch(\d+)\.([ab])\.jsonl$", f.name)
        if not m:
            continue
        problems: list[str] = []
        got = read_file(f, problems)
        want = {e["id"] for e in manifest() if e["batch"] == int(m.group(1))}
        status = "complete" if want <= set(got) else f"{len(set(got) & want)}/{len(want)} articles"
        if problems and not args.partial:
            print(f"{f.name}: {len(problems)} problems, {status}; not ingested (first: {problems[0]})",
                  file=sys.stderr)
            continue
        _store(m.group(2), got)
        print(f"{f.name}: {status}, {sum(len(r['items']) for r in got.values())} items into {m.group(2)}.jsonl"
              + (f" ({len(problems)} problems left out)" if problems else ""), file=sys.stderr)


def cmd_status(args) -> None:
    entries = manifest()
    stored = {}
    for p in ("a", "b"):
        path = HERE / f"{p}.jsonl"
        stored[p] = {r["id"] for r in map(json.loads, open(path, encoding="utf-8"))} if path.exists() else set()
    for b in sorted({e["batch"] for e in entries}):
        ids = {e["id"] for e in entries if e["batch"] == b}
        passes = ["a", "b"] if b == 1 else ["a"]
        parts = []
        for p in passes:
            f = Path(args.dir) / f"batch{b:02d}.{p}.jsonl"
            parts.append(f"{p}: file {'yes' if f.exists() else 'no'}, stored {len(ids & stored[p])}/{len(ids)}")
        print(f"batch{b:02d}  " + "   ".join(parts))


# ---------------------------------------------------------------------------------------------- build


def gold_rows(pass_: str = "a", ids: set[str] | None = None) -> list[dict]:
    """The annotated articles: PolNeAR's text and attributions in the manifest's order, each with the reader's
    speaker ({name, span, kind, for, for_span}) and act; attributions the reader left out are dropped."""
    path = HERE / f"{pass_}.jsonl"
    if not path.exists():
        return []
    entries = {e["id"]: e for e in manifest()}
    rows = polnear_rows("train")
    out = []
    for r in map(json.loads, open(path, encoding="utf-8")):
        if ids is not None and r["id"] not in ids:
            continue
        e = entries[r["id"]]
        text, atts = attributions(e, rows)
        items = []
        for it in r["items"]:
            att = atts[it["n"] - 1]
            items.append({**att, "n": it["n"], "act": it["act"],
                          "speaker": {k: it.get(k) for k in ("name", "span", "kind", "for", "for_span", "members")}})
        out.append({"id": r["id"], "doc": e["doc"], "text": text, "attributions": items})
    return out


def as_ggt(row: dict) -> dict:
    """An annotated article in the Gender Gap Tracker's gold format: the attributions read as said, each with
    its content's hull and, as ``reference``, the named speaker (none for unnamed sources and for several
    people), so ``chronicler eval quotes`` scores quotations and named speakers on it."""
    text = row["text"]
    quotes = []
    for a in row["attributions"]:
        if a["act"] != "said" or not a["content"]:
            continue
        s, e = min(c["start"] for c in a["content"]), max(c["end"] for c in a["content"])
        spk = a["speaker"]
        ref = spk["name"] if spk["kind"] in NAMED and not spk.get("members") else None
        inner = text[s:e].strip().rstrip(".,")
        quotes.append({"quote": text[s:e], "quote_start": s, "quote_end": e, "reference": ref,
                       "reference_kind": spk["kind"] if ref else None,
                       "speaker": a["source"][0]["text"] if a["source"] else None,
                       "is_direct": inner[:1] in "\"“”‘'" and inner[-1:] in "\"“”’'"})
    return {"id": row["id"], "text": text, "quotes": quotes}


def as_gold_doc(row: dict, person_only: bool = False):
    """An annotated article as the quotes scorer's gold (``chronicler.eval.quotes.GoldDoc``, scored as the
    Gender Gap Tracker is: quotations are the attributions read as said, the speaker right when the named
    speaker's last word is in ours), with PolNeAR's content pieces, so that our quotes for the other pieces of a
    split quotation count as parts of it, as PolNeAR is scored. ``person_only``: a speaker only where it is one
    named person (as the Gender Gap Tracker annotates people)."""
    from chronicler.eval.quotes import GoldDoc, GoldQuote, _polnear_kind

    text = row["text"]
    quotes = []
    for a in row["attributions"]:
        if a["act"] != "said" or not a["content"]:
            continue
        pieces = sorted((c["start"], c["end"]) for c in a["content"])
        s, e = pieces[0][0], max(p[1] for p in pieces)
        spk = a["speaker"]
        named = spk["kind"] in (("person",) if person_only else NAMED) and not spk.get("members")
        quotes.append(GoldQuote(s, e, _polnear_kind(text, s, e), speaker_name=spk["name"] if named else None,
                                pieces=pieces if len(pieces) > 1 else []))
    return GoldDoc(row["id"], text, quotes, "ggt")


def score_annotated(golds: list, predicted: list[list[dict]]) -> dict:
    """Our quotations (contract dicts, class speech) against ``as_gold_doc`` golds: precision, recall, F1 (the
    quotes scorer's rules) and the speaker accuracy over the matched quotations whose speaker is named, as
    the Gender Gap Tracker is scored."""
    from chronicler.eval.quotes import aggregate, match, score_doc

    per, n, right = [], 0, 0
    for gold, quotes in zip(golds, predicted):
        d = score_doc(gold, quotes)
        per.append(d)
        wrong = set(d["wrong_speaker"])
        for gi, pi in match([(q.start, q.end) for q in gold.quotes], [(q["start"], q["end"]) for q in quotes],
                            [q.pieces for q in gold.quotes]):
            if gold.quotes[gi].speaker_name:
                n += 1
                right += (gi, pi) not in wrong
    a = aggregate(per, "ggt")
    out = {k: a[k] for k in ("documents", "gold", "predicted", "precision", "recall", "f1")}
    out.update({"named_speakers": n, "speaker_accuracy": round(right / n, 4) if n else 0.0})
    return out


def cmd_build(args) -> None:
    rows = gold_rows(args.pass_)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(as_ggt(r) if args.format == "ggt" else r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles, {sum(len(r['attributions']) for r in rows)} attributions -> {args.out}",
          file=sys.stderr)


# ---------------------------------------------------------------------------------------------- agreement


def _tokens(name: str | None) -> set[str]:
    if not name:
        return set()
    toks = re.findall(r"[a-z0-9]+", _norm(name).lower().replace("'s", ""))
    return {t for t in toks if t not in {"the", "mr", "mrs", "ms", "dr", "of", "s"}}


def same_speaker(a: dict, b: dict) -> bool:
    """Two readings name the same speaker: both nameless of the same kind, or names whose last words agree or
    one of which holds the other's words (``Clinton`` and ``Hillary Clinton``)."""
    na, nb = a.get("name"), b.get("name")
    if not na or not nb:
        return not na and not nb and a["kind"] == b["kind"]
    ta, tb = _tokens(na), _tokens(nb)
    if not ta or not tb:
        return _norm(na).lower() == _norm(nb).lower()
    last = lambda n: re.findall(r"[a-z0-9]+", _norm(n).lower())[-1:]  # noqa: E731
    return ta <= tb or tb <= ta or last(na) == last(nb)


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(1 for a, b in pairs if a == b) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement(rows_a: list[dict], rows_b: list[dict]) -> dict:
    a = {(r["id"], t["n"]): t for r in rows_a for t in r["attributions"]}
    b = {(r["id"], t["n"]): t for r in rows_b for t in r["attributions"]}
    both = sorted(set(a) & set(b))
    spk = [same_speaker(a[k]["speaker"], b[k]["speaker"]) for k in both]
    named = [k for k in both if a[k]["speaker"]["name"] or b[k]["speaker"]["name"]]
    pron = [k for k in both if a[k]["source"] and re.fullmatch(
        r"(?i)he|she|they|i|we|his|her|him|it|who|you", a[k]["source"][0]["text"].strip())]
    disagree = [{"id": k[0], "n": k[1], "source": [s["text"] for s in a[k]["source"]],
                 "a": a[k]["speaker"]["name"] or a[k]["speaker"]["kind"],
                 "b": b[k]["speaker"]["name"] or b[k]["speaker"]["kind"]}
                for k, ok in zip(both, spk) if not ok]
    return {
        "articles": len({k[0] for k in both}), "attributions": len(both),
        "speaker_agreement": sum(spk) / len(both) if both else None,
        "speaker_agreement_where_either_named": (sum(same_speaker(a[k]["speaker"], b[k]["speaker"]) for k in named)
                                                 / len(named)) if named else None,
        "speaker_agreement_pronoun_sources": (sum(same_speaker(a[k]["speaker"], b[k]["speaker"]) for k in pron)
                                              / len(pron)) if pron else None,
        "kind_agreement": sum(a[k]["speaker"]["kind"] == b[k]["speaker"]["kind"] for k in both) / len(both)
        if both else None,
        "kind_kappa": kappa([(a[k]["speaker"]["kind"], b[k]["speaker"]["kind"]) for k in both]),
        "act_agreement": sum(a[k]["act"] == b[k]["act"] for k in both) / len(both) if both else None,
        "act_kappa": kappa([(a[k]["act"], b[k]["act"]) for k in both]),
        "said_kappa": kappa([(a[k]["act"] == "said", b[k]["act"] == "said") for k in both]),
        "disagreements": disagree,
    }


def cmd_agreement(args) -> None:
    rb = gold_rows("b")
    ra = gold_rows("a", ids={r["id"] for r in rb})
    out = agreement(ra, rb)
    if not args.details:
        out["disagreements"] = len(out["disagreements"])
    print(json.dumps(out, indent=1, ensure_ascii=False))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select").set_defaults(fn=cmd_select)
    p = sub.add_parser("sheets")
    p.add_argument("outdir")
    p.set_defaults(fn=cmd_sheets)
    p = sub.add_parser("check")
    p.add_argument("file")
    p.set_defaults(fn=cmd_check)
    p = sub.add_parser("ingest")
    p.add_argument("file")
    p.add_argument("--pass", dest="pass_", default="a", choices=["a", "b"])
    p.add_argument("--strict", action="store_true")
    p.set_defaults(fn=cmd_ingest)
    p = sub.add_parser("ingest-dir")
    p.add_argument("dir")
    p.add_argument("--partial", action="store_true", help="store what checks clean even when a file has problems")
    p.set_defaults(fn=cmd_ingest_dir)
    p = sub.add_parser("status")
    p.add_argument("dir", nargs="?", default="/work/annot/quotes/out")
    p.set_defaults(fn=cmd_status)
    p = sub.add_parser("build")
    p.add_argument("out")
    p.add_argument("--pass", dest="pass_", default="a", choices=["a", "b"])
    p.add_argument("--format", choices=["rows", "ggt"], default="rows",
                   help="rows: every attribution with its reading; ggt: the quotations, GGT's gold format")
    p.set_defaults(fn=cmd_build)
    p = sub.add_parser("agreement")
    p.add_argument("--details", action="store_true")
    p.set_defaults(fn=cmd_agreement)
    args = ap.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
