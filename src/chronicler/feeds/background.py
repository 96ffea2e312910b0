"""`chronicler serve --watch FEED`: the watcher in a thread of the server, sharing its store and pipeline. A DuckDB
file has one writer at a time, so a separate `chronicler watch` cannot write while `serve` holds the file;
inside the server, each store call takes the server's store lock (held per call, never across a fetch or an
analysis), so pages stay served while feeds are polled."""
from __future__ import annotations

import sys
import threading
from typing import Any


class LockedStore:
    """The store, each method call under ``lock``."""

    def __init__(self, get_store, lock: threading.Lock) -> None:
        self._get, self._lock = get_store, lock

    def __getattr__(self, name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return getattr(self._get(), name)(*args, **kwargs)
        return call


def start_watching(services, sources: list[str], every: float, *, fetcher=None,
                   log=lambda m: print(f"chronicler: watch: {m}", file=sys.stderr, flush=True)) -> threading.Event:
    """Poll ``sources`` now and every ``every`` seconds in a daemon thread; set the returned event to stop."""
    from chronicler.alerts import Deliverer, check_document
    from chronicler.feeds.watch import Watcher

    stop = threading.Event()
    store = LockedStore(services.store, services.store_lock)

    def analyze(article):
        with services.analyze_lock:
            return services.analyzer().analyze(article).to_dict()

    deliverer = Deliverer(store)
    watcher = Watcher(store, analyze, fetcher=fetcher, log=log,
                      on_document=lambda result, _t, item: check_document(store, result, deliverer, item.url))

    def run() -> None:
        while not stop.is_set():
            try:
                stats = watcher.poll(sources)
                log(", ".join(f"{k} {v}" for k, v in stats.to_dict().items()))
            except Exception as exc:  # noqa: BLE001 - a poll that breaks is logged; the next one runs
                log(f"poll failed: {type(exc).__name__}: {exc}")
            stop.wait(every)

    threading.Thread(target=run, name="chronicler-watch", daemon=True).start()
    return stop
