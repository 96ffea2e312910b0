#!/usr/bin/env python3
"""Whole-article annotations: choose the articles, print reading sheets, take annotators' files in, build gold.

The annotations live in the repository as document ids and character offsets (``annotations/articles/``);
the texts stay in ``../shared`` and are read from there by this script. Subcommands:

  select                    choose the articles (deterministic) -> annotations/articles/manifest.jsonl
  regroup                   BBC copies of one story into the group (and split) of the first copy
  sentences                 split each chosen article's opening into numbered sentences (spaCy, the pinned
                            model) -> annotations/articles/sentences.jsonl (offsets only)
  sheets OUTDIR [--per N]   reading sheets for annotators (outside the repo: they hold the texts)
  ingest FILE --pass P      an annotator's JSON lines (texts as written) -> offsets in annotations/articles/P.jsonl
  build OUT [--split S] [--pass P]   gold in the reference scorer's format (texts read back from ../shared)
  agreement                 pass "b" scored against pass "a" on the articles both read

The gold format is that of ../shared/data/articles/basil_dev.jsonl, so `chronicler eval articles` and
../shared/tools/score_articles.py read what `build` writes.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "annotations" / "articles"
SHARED = Path(os.environ.get("CHRONICLER_SHARED", ROOT.parent / "shared"))
N_SENTENCES = 14

TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST", "REJECT",
         "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
POLARITY = {"asserted", "negated"}
MODALITY = {"actual", "claimed", "intended", "threatened", "hypothetical", "requested"}
KINDS = {"person", "organization", "country", "group"}
SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "ELI", "BUS", "MED", "EDU", "NGO", "REL", "CVL", "REB", "OPP",
           "IGO", "LAB", None}

# ---------------------------------------------------------------------------------------------- texts


def _polnear() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in open(SHARED / "data/quotes/polnear/train.jsonl", encoding="utf-8"):
        r = json.loads(line)
        out.setdefault(r["doc"], r["text"])
    return out


def _reuters() -> dict[str, dict]:
    out = {}
    for f in sorted((SHARED / "corpora/reuters21578").glob("*.json")):
        for r in json.load(open(f, encoding="utf-8")):
            if r.get("body"):
                out[r["attrs"]["newid"]] = r
    return out


def _basil() -> dict[str, dict]:
    return {json.loads(l)["id"]: json.loads(l) for l in open(SHARED / "data/stories/basil/dev.jsonl", encoding="utf-8")}


_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def _reuters_date(s: str) -> str:
    d, m, y = s.strip().split()[0].split("-")
    return f"{y}-{_MONTHS[m.upper()]:02d}-{int(d):02d}"


class Texts:
    """The article texts, read lazily from ../shared, by manifest entry."""

    def __init__(self) -> None:
        self._cache: dict[str, object] = {}

    def _get(self, name, fn):
        if name not in self._cache:
            self._cache[name] = fn()
        return self._cache[name]

    def text(self, entry: dict) -> str:
        corpus, key = entry["corpus"], entry["key"]
        if corpus == "polnear":
            return self._get("polnear", _polnear)[key]
        if corpus == "bbc":
            return (SHARED / "corpora/bbc" / key).read_text(encoding="utf-8")
        if corpus == "reuters":
            return self._get("reuters", _reuters)[key]["body"]
        if corpus == "basil":
            return self._get("basil", _basil)[key]["text"]
        raise ValueError(corpus)


# ---------------------------------------------------------------------------------------------- select

POLITICAL = re.compile(r"\b(minister|government|president|talks|sanctions?|congress|senate|parliament|"
                       r"rebels?|troops|accused|protest\w*|strike|embassy|diplomat\w*|summit|treaty)\b", re.I)


def _group(entry: dict) -> str:
    """The unit train/dev are split by: a BASIL story, a PolNeAR day, a BBC block of 50, a Reuters week."""
    return entry["group"]


def _polnear_entry(d: str) -> dict:
    date = d.split("_")[1]
    return {"id": f"polnear:{d}", "corpus": "polnear", "key": d, "published": date, "source": d.split("_")[0],
            "group": f"polnear:{date[:7]}"}


def _bbc_entry(f: Path) -> dict:
    """BBC politics (2004-05, undated: the dataset's years stand in for the date). The group is the block of 50
    of the first file with the same text: the corpus holds a dozen stories twice, and both copies must fall in
    the same split (and the same cross-validation fold)."""
    first = _bbc_first_copy(f)
    return {"id": f"bbc:politics/{f.name}", "corpus": "bbc", "key": f"politics/{f.name}", "published": None,
            "published_assumed": "2005-01-01", "source": "bbc", "group": f"bbc:{int(first.stem) // 50}"}


def _bbc_first_copy(f: Path) -> Path:
    """The lowest-numbered file of BBC politics whose text is the same as ``f``'s (``f`` itself if none)."""
    return _first_copies(f.parent).get(f.read_bytes(), f)


@lru_cache(maxsize=4)
def _first_copies(folder: Path) -> dict[bytes, Path]:
    """Each text of a folder -> its lowest-numbered file (the folder read once, not once per article)."""
    out: dict[bytes, Path] = {}
    for g in sorted(folder.glob("*.txt")):
        out.setdefault(g.read_bytes(), g)
    return out


def _reuters_entry(k: str, r: dict) -> dict:
    date = _reuters_date(r["date"])
    return {"id": f"reuters:{k}", "corpus": "reuters", "key": k, "published": date, "source": "reuters",
            "title": r.get("title"), "group": f"reuters:{date[:8]}"}


def _political_reuters(body: str) -> bool:
    return len(body) > 1200 and len(POLITICAL.findall(body)) >= 3


def _split(entry: dict) -> str:
    """About a fifth of the groups are dev (a stable hash of the group name)."""
    return "dev" if int(hashlib.sha256(entry["group"].encode()).hexdigest(), 16) % 5 == 0 else "train"


def cmd_select(args) -> None:
    rng = random.Random(20261207)
    chosen: list[dict] = []
    # PolNeAR train: US election news 2015-16, seven outlets; closest to what is measured.
    pol = _polnear()
    docs = sorted(pol)
    rng.shuffle(docs)
    by_outlet: dict[str, list[str]] = {}
    for d in docs:
        if len(pol[d]) > 1500:
            by_outlet.setdefault(d.split("_")[0], []).append(d)
    for outlet in sorted(by_outlet):
        chosen += [_polnear_entry(d) for d in by_outlet[outlet][:14]]
    # BASIL dev: only the stories that the whole-article dev set does not hold (split by story).
    held = {json.loads(l)["id"] for l in open(SHARED / "data/articles/basil_dev.jsonl", encoding="utf-8")}
    basil = _basil()
    held_stories = {basil[i]["story"] for i in held if i in basil}
    for i, r in sorted(basil.items()):
        if r["story"] not in held_stories:
            chosen.append({"id": f"basil:{i}", "corpus": "basil", "key": i, "published": r.get("published"),
                           "source": r.get("source"), "group": f"basil:{r['story']}"})
    # BBC politics (2004-05, undated: the dataset's years stand in for the date).
    files = sorted((SHARED / "corpora/bbc/politics").glob("*.txt"))
    rng.shuffle(files)
    chosen += [_bbc_entry(f) for f in files[:28]]
    # Reuters-21578: political wire stories (a keyword filter on the body, three or more hits).
    reu = _reuters()
    keys = sorted(reu, key=int)
    rng.shuffle(keys)
    n = 0
    for k in keys:
        if _political_reuters(reu[k]["body"]):
            chosen.append(_reuters_entry(k, reu[k]))
            n += 1
            if n >= 22:
                break
    # Split by group: about a fifth of the groups are dev (hash of the group name, stable).
    for e in chosen:
        e["split"] = _split(e)
    # Articles read twice, independently: 18 train articles across corpora.
    train = [e for e in chosen if e["split"] == "train"]
    rng.shuffle(train)
    picked = [e for e in train if e["corpus"] == "polnear"][:10] + [e for e in train if e["corpus"] == "basil"][:3] \
        + [e for e in train if e["corpus"] == "bbc"][:3] + [e for e in train if e["corpus"] == "reuters"][:2]
    for e in picked:
        e["double"] = True
    HERE.mkdir(parents=True, exist_ok=True)
    with open(HERE / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for e in chosen:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    from collections import Counter
    print(len(chosen), Counter(e["corpus"] for e in chosen), Counter(e["split"] for e in chosen),
          "double", sum(1 for e in chosen if e.get("double")), file=sys.stderr)


def cmd_extend(args) -> None:
    """Add ``n`` more articles of ``--corpus`` (PolNeAR training articles about politics: ``--min-political``
    political words in the opening; BBC politics; Reuters political wire stories: three or more in the body),
    chosen by a seeded shuffle among those not yet in the manifest; the split follows their group as before (a
    PolNeAR month, a BBC block of 50, a Reuters week), so an added article joins the split its group already has."""
    have = manifest()
    ids = {e["id"] for e in have}
    rng = random.Random(f"extend-{args.seed}")
    added: list[dict] = []
    if args.corpus == "polnear":
        pol = _polnear()
        docs = sorted(pol)
        rng.shuffle(docs)
        for d in docs:
            if f"polnear:{d}" in ids or len(pol[d]) < args.min_length \
                    or len(POLITICAL.findall(pol[d][:3000])) < args.min_political:
                continue
            added.append(_polnear_entry(d))
    elif args.corpus == "bbc":
        files = sorted((SHARED / "corpora/bbc/politics").glob("*.txt"))
        rng.shuffle(files)
        for f in files:
            if f"bbc:politics/{f.name}" in ids:
                continue
            added.append(_bbc_entry(f))
    else:
        reu = _reuters()
        keys = sorted(reu, key=int)
        rng.shuffle(keys)
        for k in keys:
            if f"reuters:{k}" not in ids and _political_reuters(reu[k]["body"]):
                added.append(_reuters_entry(k, reu[k]))
    added = added[:args.n]
    for e in added:
        e["batch"] = f"extend-{args.corpus}-{args.seed}"
        e["split"] = _split(e)
    with open(HERE / "manifest.jsonl", "a", encoding="utf-8") as fh:
        for e in added:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    if args.ids_out:
        with open(args.ids_out, "a", encoding="utf-8") as fh:
            fh.write("".join(e["id"] + "\n" for e in added))
    print(f"{len(added)} articles added", file=sys.stderr)


def manifest() -> list[dict]:
    return [json.loads(l) for l in open(HERE / "manifest.jsonl", encoding="utf-8")]


# ---------------------------------------------------------------------------------------------- sentences


def split_sentences(nlp, text: str, n: int = N_SENTENCES) -> list[tuple[int, int]]:
    """The first ``n`` sentences of ``text`` as (start, end): spaCy's sentences, also broken at line breaks,
    trimmed of surrounding white space, empty ones dropped."""
    doc = nlp(text[:20000])
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        a = sent.start_char
        for m in re.finditer(r"[^\n]+", text[a:sent.end_char]):
            s, e = a + m.start(), a + m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s and re.search(r"\w", text[s:e]):
                out.append((s, e))
            if len(out) >= n:
                return out
    return out


def cmd_regroup(args) -> None:
    """Recompute the group and split of the manifest's BBC articles (copies of one story share the first copy's
    group, hence its split); prints what moved."""
    entries = manifest()
    moved = 0
    for e in entries:
        if e["corpus"] != "bbc":
            continue
        fresh = _bbc_entry(SHARED / "corpora/bbc" / e["key"])
        if fresh["group"] != e["group"]:
            old_split = e["split"]
            e["group"], e["split"] = fresh["group"], _split(fresh)
            moved += 1
            print(f"{e['id']}: group {fresh['group']}, split {old_split} -> {e['split']}", file=sys.stderr)
    with open(HERE / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    print(f"{moved} articles regrouped", file=sys.stderr)


def cmd_sentences(args) -> None:
    import spacy

    sys.path.insert(0, str(ROOT / "src"))
    from chronicler.config import resolve_model

    nlp = spacy.load(resolve_model(None), disable=["ner"])
    texts = Texts()
    with open(HERE / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for e in manifest():
            spans = split_sentences(nlp, texts.text(e))
            fh.write(json.dumps({"id": e["id"], "sentences": [list(s) for s in spans]}) + "\n")


def sentences() -> dict[str, list[tuple[int, int]]]:
    return {r["id"]: [tuple(s) for s in r["sentences"]]
            for r in map(json.loads, open(HERE / "sentences.jsonl", encoding="utf-8"))}


# ---------------------------------------------------------------------------------------------- sheets


def cmd_sheets(args) -> None:
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    texts, sents = Texts(), sentences()
    entries = manifest()
    if args.ids:
        wanted = set(Path(args.ids).read_text().split())
        entries = [e for e in entries if e["id"] in wanted]
    for b in range(0, len(entries), args.per):
        batch = entries[b:b + args.per]
        with open(out / f"batch{b // args.per + 1:02d}.txt", "w", encoding="utf-8") as fh:
            for e in batch:
                text = texts.text(e)
                date = e.get("published") or f"unknown; code as of {e.get('published_assumed')}"
                fh.write(f"=== ARTICLE {e['id']}\npublished: {date}   source: {e.get('source')}\n")
                if e.get("title"):
                    fh.write(f"(wire headline, not part of the text: {e['title']})\n")
                for i, (s, t) in enumerate(sents[e["id"]], 1):
                    fh.write(f"[{i}] {text[s:t]}\n")
                fh.write("\n")


# ---------------------------------------------------------------------------------------------- ingest


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')).strip()


def _find(text: str, needle: str | None, lo: int, hi: int, near: int | None = None) -> list[int] | None:
    """Offsets of ``needle`` inside text[lo:hi] (white space and quote marks compared loosely); the occurrence
    nearest ``near`` when there are several."""
    if not needle:
        return None
    needle = _norm(needle)
    hay = text[lo:hi]
    pat = re.escape(needle).replace(r"\ ", r"\s+").replace("'", "['’‘]").replace('"', '["“”]')
    pat = pat.replace(r"\'", "['’‘]").replace(r'\"', '["“”]')
    if needle[:1].isalnum():
        pat = r"(?<!\w)" + pat
    if needle[-1:].isalnum():
        pat += r"(?!\w)"
    hits = [(m.start(), m.end()) for m in re.finditer(pat, hay)]
    if not hits:
        hits = [(m.start(), m.end()) for m in re.finditer(pat, hay, re.I)]
    if not hits:
        return None
    if near is not None:
        hits.sort(key=lambda h: abs(lo + h[0] - near))
    return [lo + hits[0][0], lo + hits[0][1]]


def _arg(text, a, lo, hi, near, problems, where):
    if a is None:
        return None
    if not isinstance(a, dict) or not a.get("name"):
        problems.append(f"{where}: needs {{text, name}}")
        return None
    span = None
    if a.get("text"):
        span = _find(text, a["text"], lo, hi, near)
        if span is None:
            problems.append(f"{where}: {a['text']!r} not in the sentence")
    return {"span": span, "name": a["name"]}


def convert(entry: dict, text: str, sents: list[tuple[int, int]], ann: dict, problems: list[str]) -> dict:
    events = []
    for k, ev in enumerate(ann.get("events", [])):
        where = f"{entry['id']} event {k + 1}"
        s = ev.get("s")
        if not isinstance(s, int) or not 1 <= s <= len(sents):
            problems.append(f"{where}: sentence {s!r} out of range")
            continue
        lo, hi = sents[s - 1]
        trig = _find(text, ev.get("trigger"), lo, hi)
        if trig is None:
            problems.append(f"{where}: trigger {ev.get('trigger')!r} not in sentence {s}")
            continue
        if ev.get("type") not in TYPES:
            problems.append(f"{where}: type {ev.get('type')!r}")
            continue
        pol, mod = ev.get("polarity", "asserted"), ev.get("modality", "actual")
        if pol not in POLARITY or mod not in MODALITY:
            problems.append(f"{where}: polarity/modality {pol!r}/{mod!r}")
            continue
        src = _arg(text, ev.get("source"), lo, hi, trig[0], problems, where + " source")
        tgt = _arg(text, ev.get("target"), lo, hi, trig[0], problems, where + " target")
        if src is None:
            problems.append(f"{where}: no source (an event needs an identifiable doer)")
            continue
        events.append({"s": s, "trigger": trig, "type": ev["type"], "source": src, "target": tgt,
                       "polarity": pol, "modality": mod})
    actors = []
    region = (sents[0][0], sents[-1][1]) if sents else (0, 0)
    for k, a in enumerate(ann.get("actors", [])):
        where = f"{entry['id']} actor {a.get('name')!r}"
        if not a.get("name") or a.get("kind") not in KINDS or a.get("sector") not in SECTORS:
            problems.append(f"{where}: name/kind/sector {a.get('kind')!r}/{a.get('sector')!r}")
            continue
        c = a.get("country")
        if c is not None and not re.fullmatch(r"[A-Z]{3}", c):
            problems.append(f"{where}: country {c!r}")
            continue
        forms = []
        for f in a.get("forms") or []:
            span = _find(text, f, *region)
            if span is None:
                problems.append(f"{where}: form {f!r} not in the annotated sentences")
            elif span not in forms:
                forms.append(span)
        actors.append({"name": a["name"], "kind": a["kind"], "country": c, "sector": a.get("sector"),
                       "forms": forms})
    return {"id": entry["id"], "events": events, "actors": actors}


def cmd_ingest(args) -> None:
    entries = {e["id"]: e for e in manifest()}
    texts, sents = Texts(), sentences()
    path = HERE / f"{args.pass_}.jsonl"
    have = {}
    if path.exists():
        have = {r["id"]: r for r in map(json.loads, open(path, encoding="utf-8"))}
    problems: list[str] = []
    n = 0
    for line in open(args.file, encoding="utf-8"):
        if not line.strip():
            continue
        ann = json.loads(line)
        e = entries.get(ann.get("id"))
        if e is None:
            problems.append(f"unknown article {ann.get('id')!r}")
            continue
        have[e["id"]] = convert(e, texts.text(e), sents[e["id"]], ann, problems)
        n += 1
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if args.check:
        print(f"{n} articles read, {len(problems)} problems (nothing written)", file=sys.stderr)
        sys.exit(1 if problems else 0)
    order = list(entries)
    with open(path, "w", encoding="utf-8") as fh:
        for i in sorted(have, key=order.index):
            fh.write(json.dumps(have[i], ensure_ascii=False) + "\n")
    print(f"{n} articles into {path.name} ({len(have)} in all), {len(problems)} problems", file=sys.stderr)
    if problems and args.strict:
        sys.exit(1)


# ---------------------------------------------------------------------------------------------- build


def gold_rows(pass_: str = "a", split: str | None = None, ids: set[str] | None = None) -> list[dict]:
    entries = {e["id"]: e for e in manifest()}
    texts, sents = Texts(), sentences()
    rows = []
    path = HERE / f"{pass_}.jsonl"
    for r in map(json.loads, open(path, encoding="utf-8")):
        e = entries[r["id"]]
        if (split and e["split"] != split) or (ids is not None and r["id"] not in ids):
            continue
        text = texts.text(e)
        ss = sents[r["id"]]

        def arg(a, text=text):
            if a is None:
                return None
            return {"text": text[a["span"][0]:a["span"][1]] if a.get("span") else None, "name": a["name"]}

        rows.append({
            "id": r["id"], "title": e.get("title"), "published": e.get("published") or e.get("published_assumed"),
            "source": e.get("source"), "corpus": e["corpus"], "group": e["group"], "split": e["split"],
            "region_end": ss[-1][1] if ss else 0,
            "sentences": [{"i": i, "start": s, "end": t, "text": text[s:t]} for i, (s, t) in enumerate(ss, 1)],
            "events": [{"s": ev["s"], "trigger": text[ev["trigger"][0]:ev["trigger"][1]],
                        "trigger_span": ev["trigger"], "type": ev["type"], "source": arg(ev["source"]),
                        "target": arg(ev["target"]), "polarity": ev["polarity"], "modality": ev["modality"]}
                       for ev in r["events"]],
            "actors": [{"name": a["name"], "kind": a["kind"], "country": a["country"], "sector": a["sector"],
                        "forms": [text[s:t] for s, t in a["forms"]], "form_spans": a["forms"]}
                       for a in r["actors"]],
            "text": text,
        })
    return rows


def cmd_build(args) -> None:
    rows = gold_rows(args.pass_, args.split)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            if not args.with_text:
                r = {k: v for k, v in r.items() if k != "text"}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles -> {args.out}", file=sys.stderr)


def as_prediction(row: dict) -> dict:
    """A gold row in the shape of chronicler's output, so one annotation can be scored against another."""
    sents = {s["i"]: s for s in row["sentences"]}
    evs = []
    for ev in row["events"]:
        s = sents[ev["s"]]
        a, b = ev.get("trigger_span") or (s["start"], s["start"])
        evs.append({"type": ev["type"], "polarity": ev["polarity"], "evidence": {"start": a, "end": b},
                    "source": {"name": (ev.get("source") or {}).get("name")},
                    "target": {"name": (ev.get("target") or {}).get("name")} if ev.get("target") else None})
    acts = [{"name": a["name"], "country": a["country"], "sector": a["sector"],
             "mentions": a.get("form_spans") or [[0, 0]]} for a in row["actors"]]
    return {"id": row["id"], "events": evs, "actors": acts}


def cmd_agreement(args) -> None:
    import tempfile

    sys.path.insert(0, str(SHARED / "tools"))
    from score_articles import score

    b = {r["id"] for r in map(json.loads, open(HERE / "b.jsonl", encoding="utf-8"))}
    ga, gb = gold_rows("a", ids=b), gold_rows("b", ids=b)
    both = {r["id"] for r in ga} & {r["id"] for r in gb}
    ga = [r for r in ga if r["id"] in both]
    gb = [r for r in gb if r["id"] in both]
    with tempfile.TemporaryDirectory() as d:
        gpath, ppath = Path(d) / "a.jsonl", Path(d) / "b.jsonl"
        gpath.write_text("".join(json.dumps(r) + "\n" for r in ga))
        ppath.write_text("".join(json.dumps(as_prediction(r)) + "\n" for r in gb))
        out = score(str(gpath), str(ppath), details=args.details)
    out["articles_read_twice"] = len(both)
    print(json.dumps(out, indent=1))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select").set_defaults(fn=cmd_select)
    sub.add_parser("sentences").set_defaults(fn=cmd_sentences)
    sub.add_parser("regroup").set_defaults(fn=cmd_regroup)
    p = sub.add_parser("extend")
    p.add_argument("n", type=int)
    p.add_argument("--seed", default="1")
    p.add_argument("--corpus", choices=["polnear", "bbc", "reuters"], default="polnear")
    p.add_argument("--min-political", dest="min_political", type=int, default=3,
                   help="PolNeAR: political words the opening must hold (all articles with 3 are chosen)")
    p.add_argument("--min-length", type=int, default=1500, help="PolNeAR: characters the article must have")
    p.add_argument("--ids-out", help="write the added ids here (for `sheets --ids`)")
    p.set_defaults(fn=cmd_extend)
    p = sub.add_parser("sheets")
    p.add_argument("outdir")
    p.add_argument("--per", type=int, default=12)
    p.add_argument("--ids", help="a file of article ids, one a line (default: all)")
    p.set_defaults(fn=cmd_sheets)
    p = sub.add_parser("ingest")
    p.add_argument("file")
    p.add_argument("--pass", dest="pass_", default="a", choices=["a", "b"])
    p.add_argument("--strict", action="store_true")
    p.add_argument("--check", action="store_true", help="only say what is wrong; write nothing")
    p.set_defaults(fn=cmd_ingest)
    p = sub.add_parser("build")
    p.add_argument("out")
    p.add_argument("--pass", dest="pass_", default="a", choices=["a", "b"])
    p.add_argument("--split", choices=["train", "dev"])
    p.add_argument("--with-text", action="store_true")
    p.set_defaults(fn=cmd_build)
    p = sub.add_parser("agreement")
    p.add_argument("--details", action="store_true")
    p.set_defaults(fn=cmd_agreement)
    args = ap.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
