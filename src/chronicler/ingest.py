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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from chronicler.bounds import Expired, check_text, deadline, doc_memory_mb, doc_timeout
from chronicler.errors import InputError
from chronicler.model import Article
from chronicler.sources.collections import Loaded, iter_documents
from chronicler.store import Store, StoreError

CHUNK = 256
FROM_ENV = -1.0  # ingest(timeout=..., memory_mb=...): the bound from the environment

_worker_analyzer = None
_worker_bounds: tuple[float | None, float | None] = (None, None)  # seconds, MB per document


@dataclass(slots=True)
class IngestStats:
    added: int = 0
    skipped: int = 0  # already in the store (same text)
    failed: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"added": self.added, "skipped": self.skipped, "failed": self.failed}


def _init_worker(model: str | None, bounds: tuple[float | None, float | None] = (None, None)) -> None:
    global _worker_analyzer, _worker_bounds
    from chronicler.nlp.analyzer import Analyzer

    _worker_analyzer = Analyzer(model)
    _worker_bounds = bounds


def _analyze(job: tuple[str, Article]) -> tuple[str, Article, dict[str, Any] | None, str | None]:
    origin, article = job
    try:
        with deadline(*_worker_bounds):
            return origin, article, _worker_analyzer.analyze(article).to_dict(), None
    except Exception as exc:  # noqa: BLE001 - one document's failure is recorded, not fatal
        return origin, article, None, f"{origin}: analysis failed ({type(exc).__name__}: {exc})"
    except Expired:  # the bound's stop landed just as the analysis ended
        return origin, article, None, f"{origin}: analysis failed (it went past its bounds)"


class LocalEngine:
    """The pipeline in this process (1 worker) or in a pool of worker processes."""

    def __init__(self, workers: int, model: str | None, bounds: tuple[float | None, float | None] = (None, None)
                 ) -> None:
        self.pool = None
        if workers > 1:
            self.pool = mp.get_context("forkserver").Pool(workers, initializer=_init_worker,
                                                          initargs=(model, bounds))
        else:
            _init_worker(model, bounds)

    def map(self, jobs: list[tuple[str, Article]]) -> Iterator[tuple[str, Article, dict[str, Any] | None, str | None]]:
        return self.pool.imap(_analyze, jobs, chunksize=4) if self.pool else map(_analyze, jobs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class _RayWorker:
    def __init__(self, model: str | None, bounds: tuple[float | None, float | None] = (None, None)) -> None:
        _init_worker(model, bounds)

    def analyze(self, job: tuple[str, Article]):
        return _analyze(job)


class RayEngine:
    """N actors on a Ray cluster, each with the pipeline loaded once. Joins the cluster at ``address``
    (or $RAY_ADDRESS), uses one already initialised in this process, or starts a local one."""

    def __init__(self, workers: int, model: str | None, address: str | None = None,
                 bounds: tuple[float | None, float | None] = (None, None)) -> None:
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
        self.actors = [worker.remote(model, bounds) for _ in range(workers)]
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


def _refusal(origin: str, article: Article) -> str | None:
    """Why this document is not analysed: a text no analysis could finish in time (``check_text``), or one no
    database could hold (PostgreSQL refuses NUL in text); None when it is fine."""
    try:
        check_text(article.text, origin)
    except InputError as exc:
        return str(exc)
    for what, value in (("text", article.text), ("title", article.title), ("source", article.source),
                        ("dateline", article.dateline)):
        if value and "\x00" in value:
            return f"{origin}: a NUL character in its {what}: no store keeps one"
    return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _Writer:
    """The store's calls made by ingest, each retried after a lost connection (a database server restarted
    mid-ingest): reconnect for up to ``patience`` seconds, then stop with a message saying how to resume.
    A document the store refuses for its content is recorded as failed, and the batch goes on."""

    def __init__(self, store: Store, patience: float) -> None:
        self.store, self.patience = store, patience

    def __call__(self, method: str, *args: Any) -> Any:
        waited = 0.0
        while True:
            try:
                return getattr(self.store, method)(*args)
            except Exception as exc:
                if not self.store.lost_connection(exc):
                    raise
                waited = self._reconnect(_first_line(exc), waited)

    def _reconnect(self, reason: str, waited: float) -> float:
        """Reconnect, waiting longer each time; the seconds waited so far, or StoreError past ``patience``."""
        pause = 0.5
        while waited < self.patience:
            time.sleep(pause)
            waited += pause
            pause = min(pause * 2, 5.0)
            try:
                self.store.reconnect()
                return waited
            except Exception as exc:  # noqa: BLE001 - still down: wait and try again
                reason = _first_line(exc)
        raise StoreError(f"the database went away and did not come back within {self.patience:g} s ({reason}); "
                         "run the same command again: it resumes where it stopped")

    def add(self, result: dict[str, Any], article: Article, origin: str) -> str | None:
        """Store one analysed document: "added", "skipped" (already stored), or the reason it was refused."""
        try:
            return "added" if self("add", result, article.text, origin) else "skipped"
        except Exception as exc:
            if not self.store.refused(exc):
                raise
            return f"{origin}: could not be stored ({type(exc).__name__}: {str(exc).strip()[:200]})"


def ingest(paths: Iterable[str], store: Store, *, workers: int = 1, model: str | None = None,
           engine: str = "local", ray_address: str | None = None,
           on_progress: Callable[[IngestStats], None] | None = None, timeout: float | None = FROM_ENV,
           memory_mb: float | None = FROM_ENV, patience: float = 60.0) -> IngestStats:
    """Ingest ``paths`` into ``store``. ``timeout`` and ``memory_mb``: what one document's analysis may take
    (default ``$CHRONICLER_DOC_TIMEOUT`` or 120 s, ``$CHRONICLER_DOC_MEMORY_MB`` or 2048 MB; None:
    unbounded; see ``chronicler.bounds``); ``patience``: seconds to wait for a database that went away."""
    stats = IngestStats()
    bounds = (doc_timeout() if timeout == FROM_ENV else timeout,
              doc_memory_mb() if memory_mb == FROM_ENV else memory_mb)
    write = _Writer(store, patience)
    loaded = itertools.chain.from_iterable(iter_documents(p) for p in paths)
    placer = _story_placer(store)
    runner = (RayEngine(workers, model, ray_address, bounds) if engine == "ray"
              else LocalEngine(workers, model, bounds))
    try:
        for chunk in _chunks(loaded, CHUNK):
            jobs: list[tuple[str, Article]] = []
            seen: set[str] = set()
            for item in chunk:
                refused = item.error if item.article is None else _refusal(item.origin, item.article)
                if item.article is None or refused:
                    write("add_failure", item.origin, refused or "unreadable")
                    stats.failed += 1
                elif item.article.id in seen or write("has_document", item.article.id):
                    write("clear_failure", item.origin)
                    stats.skipped += 1
                else:
                    seen.add(item.article.id)
                    jobs.append((item.origin, item.article))
            for origin, article, result, error in runner.map(jobs):
                outcome = write.add(result, article, origin) if result is not None else error or "analysis failed"
                if outcome == "added":
                    stats.added += 1
                    if placer is not None:
                        _place(placer, store, origin, result, article)
                elif outcome == "skipped":
                    stats.skipped += 1
                else:
                    write("add_failure", origin, outcome)
                    stats.failed += 1
                if on_progress:
                    on_progress(stats)
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
