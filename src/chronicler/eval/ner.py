"""Spanish named entities, CoNLL-2002 (``../shared/data/es/ner``: ``token POS tag`` a line, BIO tags for PER,
ORG, LOC, MISC). ``chronicler eval ner GOLD``.

Each sentence's tokens are joined by single spaces and read by the Spanish pipeline; an entity is right when
its characters and type are the gold ones (the shared task's exact-match F1). Two readings: the model's own
entities (``doc.ents``), and chronicler's actors (a person, body, group or country mention counted as PER, ORG,
ORG or LOC) as a check on what the actors stage keeps.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from chronicler.eval.records import read_text

TYPES = ("PER", "ORG", "LOC", "MISC")


def read_conll(path: str | Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(sentence text, gold entities as (start, end, type)) per sentence."""
    out = []
    words: list[tuple[str, str]] = []
    lines = read_text(path).splitlines() + [""]
    for line in lines:
        parts = line.split()
        if not parts:
            if words:
                out.append(_sentence(words))
                words = []
            continue
        words.append((parts[0], parts[-1]))
    return out


def _sentence(words: list[tuple[str, str]]) -> tuple[str, set[tuple[int, int, str]]]:
    text = ""
    ents: set[tuple[int, int, str]] = set()
    cur: list | None = None
    for word, tag in words:
        if text:
            text += " "
        start = len(text)
        text += word
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                ents.add(tuple(cur))
            cur = [start, len(text), tag[2:]]
        elif tag.startswith("I-") and cur is not None:
            cur[1] = len(text)
        else:
            if cur:
                ents.add(tuple(cur))
            cur = None
    if cur:
        ents.add(tuple(cur))
    return text, ents


def _score(gold: list[set], pred: list[set]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label in (None, *TYPES):
        tp = fp = fn = 0
        for g, p in zip(gold, pred):
            g2 = {e for e in g if label is None or e[2] == label}
            p2 = {e for e in p if label is None or e[2] == label}
            tp += len(g2 & p2)
            fp += len(p2 - g2)
            fn += len(g2 - p2)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[label or "all"] = {"precision": prec, "recall": rec,
                               "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0, "gold": tp + fn}
    return out


_KIND_TYPE = {"person": "PER", "organization": "ORG", "group": "ORG", "country": "LOC"}


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    from chronicler.sources.article import make_article

    sentences = read_conll(gold_path)
    nlp = analyzer.pipeline("es")
    gold, model, actors = [], [], []
    docs = nlp.pipe((analyzer._doc(make_article(text, language="es"), nlp) for text, _ in sentences),
                    batch_size=64)
    for (text, ents), doc in zip(sentences, docs):
        gold.append(ents)
        model.append({(e.start_char, e.end_char, e.label_) for e in doc.ents})
        actors.append({(s, e, _KIND_TYPE[a.kind]) for a in doc._.actors or [] for s, e in a.mentions
                       if a.kind in _KIND_TYPE})
    return {"kind": "ner", "file": Path(gold_path).name, "sentences": len(sentences),
            "model": _score(gold, model), "actors": _score(gold, actors),
            "gold_per_type": dict(Counter(e[2] for g in gold for e in g))}


def report(figures: dict[str, Any]) -> str:
    lines = [f"Spanish named entities ({figures['file']}): {figures['sentences']} sentences, exact match"]
    for name, label in (("model", "the Spanish model's entities"), ("actors", "chronicler's actor mentions")):
        s = figures[name]
        lines.append(f"  {label}: precision {s['all']['precision']:.3f}   recall {s['all']['recall']:.3f}   "
                     f"F1 {s['all']['f1']:.3f}   (" + ", ".join(f"{t} {s[t]['f1']:.3f}" for t in
                                                           ("PER", "ORG", "LOC", "MISC")) + ")")
    return "\n".join(lines)
