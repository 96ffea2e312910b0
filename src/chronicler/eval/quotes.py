"""Score quotes against gold: the Gender Gap Tracker set and PolNeAR (formats in ../shared/data/README.md).

Spans match when they overlap by at least 30% of the longer span, one-to-one (largest overlaps first).
A PolNeAR content in several pieces ('"A," she said. "B."') is one gold quote, its hull; a prediction matches
it by the hull or by a piece, and our other quotes matching its other pieces are parts of it: neither right
nor false, they are left out of the predicted count.
Speaker, GGT: the gold ``reference`` person's last name is in our resolved speaker name.
Speaker, PolNeAR: our speaker mention overlaps a gold source span (a gold attribution without a source
is right only when we give no speaker). End-to-end counts a quote only when matched and speaker right.
Each gold set is scored on the attribution classes it annotates (``Quote.attribution``): GGT annotates
quotations -- what was said --, so only our "speech" quotes are scored against it; PolNeAR annotates every
attribution (beliefs, intentions, stances), so all of ours are. The other reading (GGT against every class,
PolNeAR against quotations only) is reported beside it, labelled. One analysis run serves both, in the
attribution scope the environment sets (``CHRONICLER_QUOTE_SCOPE``, default "all"; see
``chronicler.stages.quotes.lexicon``). The learned attribution model (``chronicler.stages.quotes.attribution``) is on unless
``CHRONICLER_QUOTES_MODEL=off``, the speaker ranker (``chronicler.stages.quotes.ranker``) unless
``CHRONICLER_SPEAKER_MODEL=off``; the report says which.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_OVERLAP = 0.3


@dataclass(slots=True)
class GoldQuote:
    start: int
    end: int
    kind: str  # direct | indirect
    speaker_name: str | None = None  # GGT: the reference person
    sources: list[tuple[int, int]] = field(default_factory=list)  # PolNeAR: source spans
    pieces: list[tuple[int, int]] = field(default_factory=list)  # PolNeAR: the content spans of a split quote


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    quotes: list[GoldQuote]
    fmt: str  # ggt | polnear
    unusable: int = 0  # gold quotes left out: no usable offsets into the text


def _usable(start: Any, end: Any, text: str) -> bool:
    """Offsets that index a non-empty stretch of the text (GGT has quotes with null offsets)."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


# ---------------------------------------------------------------------------------------------- gold reading
def _ggt_doc(rec: dict[str, Any]) -> GoldDoc:
    text = rec["text"]
    rows = rec.get("quotes") or []
    quotes = [GoldQuote(q["quote_start"], q["quote_end"], "direct" if q.get("is_direct") else "indirect",
                        speaker_name=(q.get("reference") or None)) for q in rows
              if _usable(q.get("quote_start"), q.get("quote_end"), text)]
    return GoldDoc(str(rec["id"]), text, quotes, "ggt", unusable=len(rows) - len(quotes))


def _polnear_kind(text: str, start: int, end: int) -> str:
    inner = text[start:end].strip().rstrip(".,")
    return "direct" if inner[:1] in "\"“”‘'" and inner[-1:] in "\"“”’'" else "indirect"


def _polnear_doc(rec: dict[str, Any]) -> GoldDoc:
    text = rec["text"]
    quotes = []
    unusable = 0
    for a in rec.get("attributions", []):
        content = a.get("content") or []
        if not content:
            continue
        if not all(_usable(c.get("start"), c.get("end"), text) for c in content):
            unusable += 1
            continue
        s, e = min(c["start"] for c in content), max(c["end"] for c in content)
        pieces = sorted((c["start"], c["end"]) for c in content) if len(content) > 1 else []
        quotes.append(GoldQuote(s, e, _polnear_kind(text, s, e),
                                sources=[(x["start"], x["end"]) for x in a.get("source") or []
                                         if _usable(x.get("start"), x.get("end"), text)], pieces=pieces))
    return GoldDoc(str(rec["doc"]), text, quotes, "polnear", unusable=unusable)


def read_gold(path: str | Path) -> list[GoldDoc]:
    """Gold documents of either format; PolNeAR keeps the lowest annotator id of each article."""
    records = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    docs: list[GoldDoc] = []
    chosen: dict[str, dict[str, Any]] = {}
    for rec in records:
        if "attributions" in rec:
            key = rec["doc"]
            if key not in chosen or str(rec["annotator"]) < str(chosen[key]["annotator"]):
                chosen[key] = rec
        else:
            docs.append(_ggt_doc(rec))
    docs.extend(_polnear_doc(r) for r in chosen.values())
    return docs


# ---------------------------------------------------------------------------------------------- matching
def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    longer = max(a[1] - a[0], b[1] - b[0])
    return longer > 0 and overlap(a, b) >= MIN_OVERLAP * longer


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]],
          pieces: list[list[tuple[int, int]]] | None = None) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, largest overlap first. A gold quote split in pieces
    matches a prediction that matches its hull or one of its pieces."""
    pieces = pieces or [[] for _ in gold]
    cands = sorted(((overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if spans_match(g, p) or any(spans_match(x, p) for x in pieces[gi])),
                   key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def last_name(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if w.lower() not in ("jr", "sr", "ii", "iii")]
    return words[-1].lower() if words else ""


def speaker_right(gold: GoldQuote, pred: dict[str, Any], fmt: str) -> bool:
    spk = pred.get("speaker")
    if fmt == "ggt":
        if not gold.speaker_name:
            return spk is None
        return spk is not None and last_name(gold.speaker_name) in spk["name"].lower()
    if not gold.sources:
        return spk is None
    return spk is not None and any(overlap(tuple(spk["mention"]), s) > 0 for s in gold.sources)


# ---------------------------------------------------------------------------------------------- scoring
def score_doc(doc: GoldDoc, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    gold = [(q.start, q.end) for q in doc.quotes]
    pred = [(q["start"], q["end"]) for q in quotes]
    pairs = match(gold, pred, [q.pieces for q in doc.quotes])
    right = [gi for gi, pi in pairs if speaker_right(doc.quotes[gi], quotes[pi], doc.fmt)]
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    # the other pieces of a matched split quote are that quote, not false ones: they are not counted
    pieces = [x for gi in matched_g for x in doc.quotes[gi].pieces]
    parts = {pi for pi, p in enumerate(pred) if pi not in matched_p and any(spans_match(x, p) for x in pieces)}
    return {
        "id": doc.id, "gold": len(gold), "pred": len(pred) - len(parts), "matched": len(pairs),
        "unusable": doc.unusable,
        "speaker_right": len(right), "pieces": len(parts),
        # the SPEC rule read strictly: a split gold quote is its hull, and every prediction counts
        "strict_matched": len(match(gold, pred)), "strict_pred": len(pred),
        "kinds": {k: [sum(1 for q in doc.quotes if q.kind == k),
                      sum(1 for gi in matched_g if doc.quotes[gi].kind == k)] for k in ("direct", "indirect")},
        "misses": [gi for gi in range(len(gold)) if gi not in matched_g],
        "false": [pi for pi in range(len(pred)) if pi not in matched_p and pi not in parts],
        "wrong_speaker": [(gi, pi) for gi, pi in pairs if gi not in set(right)],
    }


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def aggregate(per_doc: list[dict[str, Any]], fmt: str) -> dict[str, Any]:
    g = sum(d["gold"] for d in per_doc)
    p = sum(d["pred"] for d in per_doc)
    m = sum(d["matched"] for d in per_doc)
    s = sum(d["speaker_right"] for d in per_doc)
    prec, rec = _ratio(m, p), _ratio(m, g)
    e2e_p, e2e_r = _ratio(s, p), _ratio(s, g)
    kinds = {}
    for k in ("direct", "indirect"):
        tot = sum(d["kinds"][k][0] for d in per_doc)
        hit = sum(d["kinds"][k][1] for d in per_doc)
        kinds[k] = {"gold": tot, "recall": _ratio(hit, tot)}
    sm = sum(d["strict_matched"] for d in per_doc)
    sp = _ratio(sm, sum(d["strict_pred"] for d in per_doc))
    strict = {"precision": sp, "recall": _ratio(sm, g), "f1": _f1(sp, _ratio(sm, g))}
    return {"format": fmt, "documents": len(per_doc), "gold": g, "predicted": p, "matched": m,
            "unusable_gold": sum(d.get("unusable", 0) for d in per_doc),
            "precision": prec, "recall": rec, "f1": _f1(prec, rec), "speaker_accuracy": _ratio(s, m),
            "end_to_end_f1": _f1(e2e_p, e2e_r), "recall_by_kind": kinds, "strict_hull": strict}


# the attribution classes each gold set annotates: GGT quotations (what was said), PolNeAR every attribution
SCORED_CLASSES: dict[str, frozenset[str] | None] = {"ggt": frozenset({"speech"}), "polnear": None}


def _scored(quotes: list[dict[str, Any]], classes: frozenset[str] | None) -> list[dict[str, Any]]:
    return [q for q in quotes if classes is None or q.get("attribution", "speech") in classes]


def evaluate(gold_path: str, analyzer: Any, details: bool = False) -> dict[str, Any]:
    """Score one analysis run on a gold file, on the attribution classes that gold annotates; the other
    reading (GGT against every attribution, PolNeAR against quotations only) is reported beside it."""
    from chronicler.sources.article import make_article
    from chronicler.stages.quotes.attribution import load_model
    from chronicler.stages.quotes.lexicon import current_scope
    from chronicler.stages.quotes.ranker import load_ranker

    docs = read_gold(gold_path)
    fmt = docs[0].fmt if docs else "ggt"
    classes = SCORED_CLASSES[fmt]
    other_classes = None if classes is not None else frozenset({"speech"})
    per_doc, other = [], []
    for doc, result in zip(docs, analyzer.analyze_many(make_article(d.text) for d in docs)):
        quotes = [q.to_dict() for q in result.quotes]
        chosen = _scored(quotes, classes)
        scored = score_doc(doc, chosen)
        if details:
            scored["quotes"] = chosen
        per_doc.append(scored)
        other.append(score_doc(doc, _scored(quotes, other_classes)))
    figures = aggregate(per_doc, fmt)
    figures["gold_path"] = str(gold_path)
    figures["scope"] = current_scope()
    figures["model"] = "on" if load_model() is not None else "off"
    figures["speaker_model"] = "on" if load_ranker() is not None else "off"
    figures["scored_classes"] = sorted(classes) if classes is not None else "all"
    figures["other_reading"] = aggregate(other, fmt)
    figures["other_reading"]["scored_classes"] = sorted(other_classes) if other_classes is not None else "all"
    if details:
        figures["per_doc"] = per_doc
    return figures


def agreement(path: str | Path) -> dict[str, Any]:
    """How far two PolNeAR annotators agree under this very rule: on each doubly annotated article the
    second annotator is scored as predictions against the first (lowest id). A ceiling for reading our
    figures: F1 0.827 on the 16 such training articles (``python -m chronicler.eval.quotes GOLD --agreement``)."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for line in Path(path).read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            by_doc.setdefault(rec["doc"], []).append(rec)
    per_doc = []
    for recs in by_doc.values():
        if len(recs) < 2:
            continue
        first, second = sorted(recs, key=lambda r: str(r["annotator"]))[:2]
        gold, other = _polnear_doc(first), _polnear_doc(second)
        preds = [{"start": q.start, "end": q.end, "speaker": {"name": "source", "actor": None,
                                                                "mention": list(q.sources[0])} if q.sources else None}
                 for q in other.quotes]
        per_doc.append(score_doc(gold, preds))
    figures = aggregate(per_doc, "polnear")
    return {"articles": len(per_doc), **{k: figures[k] for k in ("precision", "recall", "f1", "speaker_accuracy")}}


def report(figures: dict[str, Any]) -> str:
    kinds = ", ".join(f"{k} {v['recall']:.3f} of {v['gold']}" for k, v in figures["recall_by_kind"].items())
    classes = figures.get("scored_classes", "all")
    lines = "\n".join([
        f"quotes ({figures['format']}, {figures['documents']} documents, attribution scope "
        f"{figures.get('scope', 'all')!r}, attribution model {figures.get('model', 'off')}, speaker ranker "
        f"{figures.get('speaker_model', 'off')}, scored classes "
        f"{classes if isinstance(classes, str) else '+'.join(classes)}): gold {figures['gold']}, "
        f"predicted {figures['predicted']}, matched {figures['matched']}"
        + (f" (gold quotes without usable offsets left out: {figures['unusable_gold']})"
           if figures.get("unusable_gold") else ""),
        f"  precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  F1 {figures['f1']:.3f}",
        f"  speaker accuracy {figures['speaker_accuracy']:.3f}  end-to-end F1 {figures['end_to_end_f1']:.3f}",
        f"  recall by kind: {kinds}",
    ])
    strict = figures.get("strict_hull")
    if figures["format"] == "polnear" and strict:
        lines += (f"\n  strict (a split gold quote is only its hull; every prediction counts): precision "
                  f"{strict['precision']:.3f}  recall {strict['recall']:.3f}  F1 {strict['f1']:.3f}")
    other = figures.get("other_reading")
    if other:
        oc = other["scored_classes"]
        lines += (f"\n  other reading, scored classes {oc if isinstance(oc, str) else '+'.join(oc)}: precision "
                  f"{other['precision']:.3f}  recall {other['recall']:.3f}  F1 {other['f1']:.3f}  speaker "
                  f"{other['speaker_accuracy']:.3f}")
    return lines


def _show_errors(path: str, figures: dict[str, Any], limit: int) -> None:
    docs = {d.id: d for d in read_gold(path)}
    for d in figures["per_doc"][:limit]:
        doc = docs[d["id"]]
        t = doc.text
        print(f"=== {d['id']}  gold {d['gold']} pred {d['pred']} matched {d['matched']} spk {d['speaker_right']}")
        for gi in d["misses"]:
            q = doc.quotes[gi]
            print(f"  MISS [{q.kind}] {t[q.start:q.end][:160]!r} <- {q.speaker_name or [t[s:e] for s, e in q.sources]}")
        for pi in d["false"]:
            q = d["quotes"][pi]
            spk = q["speaker"]["name"] if q["speaker"] else None
            print(f"  FALSE [{q['kind']}] {q['text'][:160]!r} <- {spk}")
        for gi, pi in d["wrong_speaker"]:
            q, g = d["quotes"][pi], doc.quotes[gi]
            spk = (q["speaker"]["name"], t[slice(*q["speaker"]["mention"])]) if q["speaker"] else None
            print(f"  SPEAKER {q['text'][:80]!r} ours {spk} gold {g.speaker_name or [t[s:e] for s, e in g.sources]}")


if __name__ == "__main__":  # python -m chronicler.eval.quotes GOLD [--errors N] [--json] [--agreement]
    from chronicler.nlp.analyzer import Analyzer

    gold_file = sys.argv[1]
    if "--agreement" in sys.argv:
        print(json.dumps(agreement(gold_file)))
        sys.exit(0)
    n_err = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    figs = evaluate(gold_file, Analyzer(), details=n_err > 0)
    if n_err:
        _show_errors(gold_file, figs, n_err)
        figs.pop("per_doc")
    print(json.dumps(figs, indent=1) if "--json" in sys.argv else report(figs))
