"""Ingest: documents from paths -> analysis (on an engine) -> the store.

Documents are read in the main process, checked against the store by content hash (so a re-run resumes
and re-ingesting changes nothing), analysed in chunks by an engine — ``local``: 1..N worker processes on
this machine; ``ray``: N actors on a Ray cluster (a local one is started when no address is given) — each
loading the pipeline once, and written by the main process, one transaction per document. A document that
cannot be read or analysed is recorded in ``failures`` with its reason, and the batch goes on.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
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


class LocalEngine:
    """The pipeline in this process (1 worker) or in a pool of worker processes."""

    def __init__(self, workers: int, model: str | None) -> None:
        self.pool = None
        if workers > 1:
            self.pool = mp.get_context("forkserver").Pool(workers, initializer=_init_worker, initargs=(model,))
        else:
            _init_worker(model)

    def map(self, jobs: list[tuple[str, Article]]) -> Iterator[tuple[str, Article, dict[str, Any] | None, str | None]]:
        return self.pool.imap(_analyze, jobs, chunksize=4) if self.pool else map(_analyze, jobs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class _RayWorker:
    def __init__(self, model: str | None) -> None:
        _init_worker(model)

    def analyze(self, job: tuple[str, Article]):
        return _analyze(job)


class RayEngine:
    """N actors on a Ray cluster, each with the pipeline loaded once. Joins the cluster at ``address``
    (or $RAY_ADDRESS), uses one already initialised in this process, or starts a local one."""

    def __init__(self, workers: int, model: str | None, address: str | None = None) -> None:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError:
            from chronicler.errors import ChroniclerError

            raise ChroniclerError("the ray engine needs Ray: pip install 'chronicler[ray]'") from None
        self._ray = ray
        self._owns = not ray.is_initialized()
        if self._owns:
            address = address or os.environ.get("RAY_ADDRESS")
            ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                     log_to_driver=False)
        worker = ray.remote(num_cpus=1)(_RayWorker)
        self.actors = [worker.remote(model) for _ in range(workers)]
        self.pool = ActorPool(self.actors)

    def map(self, jobs: list[tuple[str, Article]]):
        return self.pool.map(lambda actor, job: actor.analyze.remote(job), jobs)

    def close(self) -> None:
        for actor in self.actors:
            self._ray.kill(actor)
        if self._owns:
            self._ray.shutdown()


def _chunks(items: Iterable[Loaded], size: int) -> Iterator[list[Loaded]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ingest(paths: Iterable[str], store: Store, *, workers: int = 1, model: str | None = None,
           engine: str = "local", ray_address: str | None = None,
           on_progress: Callable[[IngestStats], None] | None = None) -> IngestStats:
    stats = IngestStats()
    loaded = itertools.chain.from_iterable(iter_documents(p) for p in paths)
    placer = _story_placer(store)
    runner = RayEngine(workers, model, ray_address) if engine == "ray" else LocalEngine(workers, model)
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
            for origin, article, result, error in runner.map(jobs):
                if result is None:
                    store.add_failure(origin, error or "analysis failed")
                    stats.failed += 1
                elif store.add(result, article.text, origin):
                    stats.added += 1
                    if placer is not None:
                        _place(placer, store, origin, result, article)
                else:
                    stats.skipped += 1
            if on_progress:
                on_progress(stats)
    finally:
        runner.close()
    return stats


def _place(placer: Any, store: Store, origin: str, result: dict[str, Any], article: Article) -> None:
    """Place a stored document in a story; a failure is recorded (``ORIGIN#story``) and the batch goes on
    (the document stays stored, in no story, and the next ingest places it)."""
    try:
        placer.place(result, article.text, article.record_id)
    except Exception as exc:  # noqa: BLE001 - the document is stored; its story can wait for the next run
        store.add_failure(f"{origin}#story", f"{origin}: story placement failed ({type(exc).__name__}: {exc})")


def _story_placer(store: Store):
    """The story layer's online placer (``CHRONICLER_STORIES=off``: none), with any stored document that no
    story holds yet (stories were off, or a run stopped between the two writes) placed first."""
    from chronicler.stories.placer import StoryPlacer, enabled

    if not enabled():
        return None
    placer = StoryPlacer(store)
    placer.catch_up()
    return placer
