"""Ingest: documents from paths -> analysis (in worker processes) -> the store.

Documents are read in the main process, checked against the store by content hash (so a re-run resumes
and re-ingesting changes nothing), analysed in chunks by 1..N worker processes that each load the
pipeline once, and written by the main process, one transaction per document. A document that cannot be
read or analysed is recorded in ``failures`` with its reason, and the batch goes on.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from chronicler.model import Article
from chronicler.sources.collections import Loaded, iter_documents
from chronicler.store import Store

CHUNK = 256

_worker_analyzer = None


@dataclass(slots=True)
class IngestStats:
    added: int = 0
    skipped: int = 0  # already in the store (same text)
    failed: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"added": self.added, "skipped": self.skipped, "failed": self.failed}


def _init_worker(model: str | None) -> None:
    global _worker_analyzer
    from chronicler.nlp.analyzer import Analyzer

    _worker_analyzer = Analyzer(model)


def _analyze(job: tuple[str, Article]) -> tuple[str, Article, dict[str, Any] | None, str | None]:
    origin, article = job
    try:
        return origin, article, _worker_analyzer.analyze(article).to_dict(), None
    except Exception as exc:  # noqa: BLE001 - one document's failure is recorded, not fatal
        return origin, article, None, f"{origin}: analysis failed ({type(exc).__name__}: {exc})"


def _chunks(items: Iterable[Loaded], size: int) -> Iterator[list[Loaded]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ingest(paths: Iterable[str], store: Store, *, workers: int = 1, model: str | None = None,
           on_progress: Callable[[IngestStats], None] | None = None) -> IngestStats:
    stats = IngestStats()
    loaded = itertools.chain.from_iterable(iter_documents(p) for p in paths)
    pool = None
    if workers > 1:
        pool = mp.get_context("forkserver").Pool(workers, initializer=_init_worker, initargs=(model,))
    else:
        _init_worker(model)
    try:
        for chunk in _chunks(loaded, CHUNK):
            jobs: list[tuple[str, Article]] = []
            seen: set[str] = set()
            for item in chunk:
                if item.article is None:
                    store.add_failure(item.origin, item.error or "unreadable")
                    stats.failed += 1
                elif item.article.id in seen or store.has_document(item.article.id):
                    store.clear_failure(item.origin)
                    stats.skipped += 1
                else:
                    seen.add(item.article.id)
                    jobs.append((item.origin, item.article))
            results = pool.imap(_analyze, jobs, chunksize=4) if pool else map(_analyze, jobs)
            for origin, article, result, error in results:
                if result is None:
                    store.add_failure(origin, error or "analysis failed")
                    stats.failed += 1
                elif store.add(result, article.text, origin):
                    stats.added += 1
                else:
                    stats.skipped += 1
            if on_progress:
                on_progress(stats)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return stats
