"""The service layer: what the CLI (and later the HTTP API) call. Reading, analysis and error capture."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from chronicler.errors import InputError
from chronicler.model import Article
from chronicler.sources.readers import BatchItem, article_from_bytes, iter_jsonl, read_path

BATCH_CHUNK = 64


def _analyzer(model: str | None):
    from chronicler.nlp.analyzer import Analyzer

    return Analyzer(model)


def read_article(path: str, *, published: date | None = None, title: str | None = None,
                 language: str | None = None) -> Article:
    meta: dict[str, Any] = {"title": title, "language": language}
    if path == "-":
        data = sys.stdin.buffer.read()
        article = article_from_bytes(data, "<stdin>", **meta)
    else:
        article = read_path(path, **meta)
    if published is not None:
        article.published = published
    return article


def analyze_file(path: str, *, published: date | None = None, title: str | None = None,
                 model: str | None = None, with_text: bool = False, language: str | None = None) -> dict[str, Any]:
    """The contract for one file; ``with_text`` adds the analysed text to ``document`` (for HTML input, the text
    extracted from the page, which every offset indexes)."""
    article = read_article(path, published=published, title=title, language=language)
    result = _analyzer(model).analyze(article).to_dict()
    if with_text:
        result["document"]["text"] = article.text
    return result


@dataclass(slots=True)
class BatchStats:
    ok: int = 0
    errors: list[str] = field(default_factory=list)


def analyze_items(items: Iterable[BatchItem], analyzer, stats: BatchStats) -> Iterator[dict[str, Any]]:
    """Results in input order: the contract with the item's id, or {"id", "error"} for a bad item.

    Good items are parsed in chunks through ``nlp.pipe``; a document that breaks the pipeline is retried
    alone, so one bad document costs only itself.
    """
    chunk: list[BatchItem] = []

    def flush() -> Iterator[dict[str, Any]]:
        good = [it for it in chunk if it.article is not None]
        results: dict[int, dict[str, Any]] = {}
        try:
            for it, analysis in zip(good, analyzer.analyze_many(it.article for it in good)):
                results[id(it)] = analysis.to_dict()
        except Exception:  # noqa: BLE001 - isolate the failing document below
            results.clear()
            for it in good:
                try:
                    results[id(it)] = analyzer.analyze(it.article).to_dict()
                except Exception as exc:  # noqa: BLE001
                    it.error = f"line {it.line}: analysis failed ({type(exc).__name__}: {exc})"
        for it in chunk:
            if id(it) in results:
                stats.ok += 1
                yield {"id": it.id, **results[id(it)]}
            else:
                stats.errors.append(it.error or f"line {it.line}: not analyzed")
                yield {"id": it.id, "error": it.error}
        chunk.clear()

    for item in items:
        chunk.append(item)
        if len(chunk) >= BATCH_CHUNK:
            yield from flush()
    yield from flush()


def analyze_jsonl(path: str, out: IO[str], *, model: str | None = None,
                  published: date | None = None, language: str | None = None) -> BatchStats:
    """Batch mode: one output line per input line, same order, model loaded once. ``language``: the language of
    the lines that do not give their own."""
    stats = BatchStats()
    items = iter_jsonl(path)
    if published is not None or language is not None:
        items = _defaults(items, published, language)
    analyzer = _analyzer(model)
    for record in analyze_items(items, analyzer, stats):
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
    return stats


def _defaults(items: Iterable[BatchItem], published: date | None, language: str | None) -> Iterator[BatchItem]:
    from chronicler.language import normalise

    for it in items:
        if it.article is not None and it.article.published is None:
            it.article.published = published
        if it.article is not None and it.article.language is None:
            it.article.language = normalise(language)
        yield it


__all__ = ["analyze_file", "analyze_jsonl", "analyze_items", "read_article", "BatchStats", "InputError"]
