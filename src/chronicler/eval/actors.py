"""Actor coding against the NGEC expectations (``../shared/data/actors/ngec_expectations_dev.tsv``); the
event sets' actor annotations (PLOVER ``.jsonl``, ConfliBERT ``.conll``) are scored by ``actor_tags``.

Each ``agent_to_code`` row gives an actor text, an optional context and date, a field and the expected
value; ``search_nat`` rows give a country (``(return:cc)``). We code the text with ``code_phrase`` and score:

- country accuracy: rows on ``country`` (op Eq, or NotEq: right when ours differs) and ``(return:cc)``;
  a blank expected value means "no country" and is right only when we give none;
- sector accuracy: rows on ``code_1`` (the primary sector), blank meaning "no sector";
- none accuracy: ``(return:code) Is <blank>`` rows (nonsense or unknown names): right when we code nothing.

The gold's sector codes are CAMEO's; where CAMEO has two names for one sector the contract's is compared
(``SAME_SECTOR``: journalists JRN are the media, MED, as the annotation codebook names them).

Rows whose expected value is a placeholder ("????") are left out and counted. Wikipedia titles and secondary
codes (``wiki``, ``title``, ``code_2``, ``actor_wiki_job``) are not scored: we do not link to Wikipedia.

With an analyzer, the same rows are also scored through the whole pipeline (``doc_`` figures): the actor
text is analysed as a one-line document dated with the row's date, and the actor over all its words
(``actor_for_tokens``) gives the country and sector. This measures the stage as documents see it.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from datetime import date, datetime
from typing import Any

from chronicler.eval.records import read_text
from chronicler.sources.article import make_article
from chronicler.stages.actors import actor_for_tokens
from chronicler.stages.actors.coder import code_phrase

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y")


def parse_date(text: str) -> date | None:
    """The row's date; "Today" or blank is None (the knowledge file's present)."""
    text = text.strip()
    if not text or text.lower() == "today":
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# CAMEO sector codes that are another name of one of the contract's sectors
SAME_SECTOR = {"JRN": "MED"}


def same_sector(code: str) -> str:
    return SAME_SECTOR.get(code, code)


FIELDS = ("test", "method", "actor_text", "context", "date", "field", "op", "expected")


def read_rows(gold_path: str) -> list[dict[str, str]]:
    """The rows, each with every field a string (a short row's missing fields are blank, never None)."""
    rows = csv.DictReader(io.StringIO(read_text(gold_path), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{**row, **{k: row.get(k) or "" for k in FIELDS}} for row in rows]


def _target(row: dict[str, str]) -> str | None:
    method, fld, op = row["method"], row["field"], row["op"]
    if method == "search_nat" and fld == "(return:cc)":
        return "country"
    if method != "agent_to_code":
        return None
    if fld == "country" and op in ("Eq", "NotEq"):
        return "country"
    if fld == "code_1" and op == "Eq":
        return "sector"
    if fld == "(return:code)" and op in ("Is", "Eq") and not row["expected"].strip():
        return "none"
    return None


def _doc_coder(analyzer: Any):
    def code(text: str, context: str | None, when: date | None) -> tuple[str | None, str | None]:
        doc = analyzer.parse(make_article(text, published=when))
        words = [t for t in doc if not t.is_space]
        actor = actor_for_tokens(doc, words[0].i, words[-1].i + 1) if words else None
        if actor is None:
            return None, None
        return actor.country, actor.sector
    return code


def evaluate(gold_path: str, analyzer: Any = None) -> dict[str, Any]:
    """NGEC expectations (.tsv); PLOVER records (.jsonl) and ConfliBERT actor tags (.conll) through the
    pipeline (``actor_tags``)."""
    if gold_path.endswith((".jsonl", ".conll")):
        from chronicler.eval import actor_tags

        if analyzer is None:
            from chronicler.nlp.analyzer import Analyzer

            analyzer = Analyzer()
        run = actor_tags.evaluate_plover if gold_path.endswith(".jsonl") else actor_tags.evaluate_conll
        return run(gold_path, analyzer)
    rows = read_rows(gold_path)
    figures = _score(rows, code_phrase)
    if analyzer is not None:
        doc_figures = _score(rows, _doc_coder(analyzer))
        for name in ("country", "sector", "none"):
            figures[f"doc_{name}_accuracy"] = doc_figures[f"{name}_accuracy"]
    return figures


def _score(rows: list[dict[str, str]], coder) -> dict[str, Any]:
    counts = {k: [0, 0] for k in ("country", "sector", "none")}  # right, total
    errors: list[dict[str, Any]] = []
    skipped = 0
    cache: dict[tuple[str, str, str], tuple[str | None, str | None]] = {}
    for row in rows:
        target = _target(row)
        if target is None:
            continue
        expected = row["expected"].strip()
        if re.fullmatch(r"\?+", expected):
            skipped += 1
            continue
        k = (row["actor_text"].strip(), row["context"].strip(), row["date"].strip())
        if k not in cache:
            cache[k] = coder(k[0], k[1] or None, parse_date(k[2]))
        country, sector = cache[k]
        if target == "country":
            got = country
            right = (got != expected) if row["op"] == "NotEq" else (got or "") == expected
        elif target == "sector":
            got = sector
            right = (got or "") == same_sector(expected)
        else:
            got = f"{country or ''}{sector or ''}" or None
            right = got is None
        counts[target][0] += int(right)
        counts[target][1] += 1
        if not right:
            errors.append({"test": row["test"], "text": k[0], "context": k[1], "date": k[2],
                           "field": target, "expected": expected, "got": got})
    figures: dict[str, Any] = {"skipped_placeholders": skipped, "errors": errors}
    for name, (right, total) in counts.items():
        figures[f"{name}_n"] = total
        figures[f"{name}_accuracy"] = round(right / total, 4) if total else None
    return figures


def report(figures: dict[str, Any]) -> str:
    if "set" in figures:
        from chronicler.eval import actor_tags

        return actor_tags.report(figures)
    lines = [
        f"country accuracy {figures['country_accuracy']}  (n={figures['country_n']})",
        f"sector accuracy  {figures['sector_accuracy']}  (n={figures['sector_n']})",
        f"no-code accuracy {figures['none_accuracy']}  (n={figures['none_n']})",
        f"placeholder rows left out: {figures['skipped_placeholders']}",
    ]
    if "doc_country_accuracy" in figures:
        lines.append(f"through the pipeline (one-line documents): country {figures['doc_country_accuracy']}, "
                     f"sector {figures['doc_sector_accuracy']}, no-code {figures['doc_none_accuracy']}")
    if figures["errors"]:
        lines.append("misses:")
        for e in figures["errors"]:
            ctx = f" [{e['context']}]" if e["context"] else ""
            when = f" @{e['date']}" if e["date"] else ""
            lines.append(f"  {e['field']:<7} {e['text']!r}{ctx}{when}: expected {e['expected']!r}, got {e['got']!r}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(report(evaluate(sys.argv[1])))
