"""The same news in English and Spanish (NTREX, ``../shared/data/es/parallel``): the records drawn from both
should agree. ``chronicler eval parallel GOLD``.

Each document's English text and Spanish text are analysed, languages identified (the share told right is
reported). Agreement is an F1 of the Spanish records against the English ones, micro-averaged over documents:
- event types: the multiset of the document's event types (PLOVER);
- actor codes: the set of the document's actor codes (country + sector, or IGO body);
- quotes: the number of quotations (min / max summed), and of speakers named alike (the set of speakers' actor
  codes or names).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from chronicler.eval.records import read_jsonl


def _f1(tp: int, n_a: int, n_b: int) -> float:
    return 2 * tp / (n_a + n_b) if n_a + n_b else 0.0


def score(pairs: list[tuple[Any, Any]]) -> dict[str, Any]:
    ev_tp = ev_en = ev_es = 0
    ac_tp = ac_en = ac_es = 0
    sp_tp = sp_en = sp_es = 0
    q_min = q_max = 0
    told = Counter()
    for en, es in pairs:
        told["en"] += en.article.language == "en"
        told["es"] += es.article.language == "es"
        a, b = Counter(e.type for e in en.events), Counter(e.type for e in es.events)
        ev_tp += sum((a & b).values())
        ev_en += sum(a.values())
        ev_es += sum(b.values())
        ca, cb = {x.code for x in en.actors if x.code}, {x.code for x in es.actors if x.code}
        ac_tp += len(ca & cb)
        ac_en += len(ca)
        ac_es += len(cb)
        q_min += min(len(en.quotes), len(es.quotes))
        q_max += max(len(en.quotes), len(es.quotes))
        sa, sb = _speakers(en), _speakers(es)
        sp_tp += len(sa & sb)
        sp_en += len(sa)
        sp_es += len(sb)
    n = len(pairs) or 1
    return {
        "documents": len(pairs), "language_en": told["en"] / n, "language_es": told["es"] / n,
        "event_type_agreement": _f1(ev_tp, ev_en, ev_es), "events_en": ev_en, "events_es": ev_es,
        "actor_code_agreement": _f1(ac_tp, ac_en, ac_es), "actor_codes_en": ac_en, "actor_codes_es": ac_es,
        "quote_count_ratio": q_min / q_max if q_max else 0.0,
        "speaker_agreement": _f1(sp_tp, sp_en, sp_es),
    }


def _speakers(analysis: Any) -> set[str]:
    actors = {a.id: a for a in analysis.actors}
    out = set()
    for q in analysis.quotes:
        if q.speaker is None:
            continue
        actor = actors.get(q.speaker.actor) if q.speaker.actor else None
        out.add(actor.code or actor.name if actor is not None else q.speaker.name.split()[-1].lower())
    return out


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    from chronicler.sources.article import make_article

    records, skipped = read_jsonl(Path(gold_path), {"text_en": str, "text_es": str})
    en = list(analyzer.analyze_many(make_article(r["text_en"]) for r in records))
    es = list(analyzer.analyze_many(make_article(r["text_es"]) for r in records))
    figures = score(list(zip(en, es)))
    figures.update(kind="parallel", skipped_records=skipped, file=Path(gold_path).name)
    return figures


def report(figures: dict[str, Any]) -> str:
    return "\n".join([
        f"English/Spanish agreement ({figures['file']}): {figures['documents']} parallel documents",
        f"  language told right: English {figures['language_en']:.3f}   Spanish {figures['language_es']:.3f}",
        f"  event types: agreement F1 {figures['event_type_agreement']:.3f}   (events: English {figures['events_en']}, "
        f"Spanish {figures['events_es']})",
        f"  actor codes: agreement F1 {figures['actor_code_agreement']:.3f}   (codes: English {figures['actor_codes_en']}, "
        f"Spanish {figures['actor_codes_es']})",
        f"  quotes: count ratio {figures['quote_count_ratio']:.3f}   speakers agreement F1 {figures['speaker_agreement']:.3f}",
    ])
