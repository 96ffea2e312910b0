"""Bounds per document: how long one analysis may run, and how much memory it may take, before it is given
up as failed.

``deadline(seconds, memory_mb)`` watches the block from a second thread: when the time is up, or when the
process's resident memory has grown by more than ``memory_mb`` since the block began, it raises
``DocumentTimeout`` or ``DocumentTooLarge`` in the thread that runs the analysis, whichever thread that is
(the main thread, a worker process, a Ray actor, one of the API's threads). The exception is set
asynchronously and Python raises it at the next bytecode the thread runs, so a stage stuck in a loop of
Python code is stopped. (Compiled code that never returns to Python would be stopped only when it returns:
``check_text`` refuses the one such case known, a run of ``MAX_RUN`` characters without a space, which
stalls spaCy's tokenizer.) The API analyses one request at a time per process, so the memory it watches is
the analysis's.

``CHRONICLER_DOC_TIMEOUT`` sets the time bound in seconds (default 120), ``CHRONICLER_DOC_MEMORY_MB`` the
memory bound (default 2048); 0 turns either off. Texts over ``chronicler.sources.readers.MAX_CHARS`` are
refused before they are parsed.
"""
from __future__ import annotations

import ctypes
import os
import re
import threading
import time

from chronicler.errors import ChroniclerError, InputError

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 2048.0
TIMEOUT_ENV = "CHRONICLER_DOC_TIMEOUT"
MEMORY_ENV = "CHRONICLER_DOC_MEMORY_MB"
POLL = 0.25  # seconds between the watchdog's looks
# spaCy's tokenizer peels punctuation off a word one character at a time, searching the rest of the word
# each time: a run without a space costs the square of its length (20,000 quotation marks: minutes), in
# compiled code that no timer interrupts. No word of an article is this long; such a text is refused.
MAX_RUN = 1_000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


class BoundExceeded(ChroniclerError):
    """One document's analysis went past a bound (the subclasses say which)."""


class DocumentTimeout(BoundExceeded):
    """One document's analysis ran past its time bound."""


class DocumentTooLarge(BoundExceeded):
    """One document's analysis took more memory than its bound."""


class Expired(BaseException):
    """Raised asynchronously in the watched thread. A BaseException, so that no ``except Exception`` in the
    code it lands in swallows it; ``deadline`` turns it into DocumentTimeout or DocumentTooLarge, and callers
    catch it too, for the moment when it lands just as the block ends."""


def check_text(text: str, name: str = "input") -> None:
    """Refuse a text that would hold a worker in compiled code beyond any time bound (``InputError``)."""
    run = _LONG_RUN.search(text)
    if run:
        raise InputError(f"{name}: {len(run.group()):,} characters without a space at {run.start():,} "
                         f"(at most {MAX_RUN:,}): not an article's text")


def _setting(name: str, default: float) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ChroniclerError(f"{name}={raw!r} is not a number") from None
    return value if value > 0 else None


def doc_timeout() -> float | None:
    """The time bound in seconds from the environment (None: unbounded)."""
    return _setting(TIMEOUT_ENV, DEFAULT_TIMEOUT)


def doc_memory_mb() -> float | None:
    """The memory bound in MB from the environment (None: unbounded)."""
    return _setting(MEMORY_ENV, DEFAULT_MEMORY_MB)


def resident_mb() -> float | None:
    """This process's resident memory in MB (Linux /proc), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


class deadline:
    """``with deadline(seconds, memory_mb):`` runs the block within bounds; past one, the block is stopped
    and ``DocumentTimeout`` or ``DocumentTooLarge`` is raised (also when the block swallowed the stop)."""

    def __init__(self, seconds: float | None, memory_mb: float | None = None, poll: float = POLL) -> None:
        self.seconds, self.memory_mb, self.poll = seconds, memory_mb, poll
        self.fired: type[BoundExceeded] | None = None
        self.base = self.peak = None
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.active = False

    def __enter__(self) -> "deadline":
        self.base = self.peak = resident_mb() if self.memory_mb is not None else None
        if self.seconds is None and self.base is None:
            return self
        self.thread_id, self.started, self.active = threading.get_ident(), time.monotonic(), True
        threading.Thread(target=self._watch, name="chronicler-deadline", daemon=True).start()
        return self

    def _watch(self) -> None:
        while True:
            wait = self.poll if self.seconds is None else \
                min(self.poll, max(0.0, self.started + self.seconds - time.monotonic()))
            if self.done.wait(wait):
                return
            over: type[BoundExceeded] | None = None
            if self.seconds is not None and time.monotonic() - self.started >= self.seconds:
                over = DocumentTimeout
            elif self.base is not None:
                now = resident_mb() or self.base
                self.peak = max(self.peak, now)
                if now - self.base > self.memory_mb:
                    over = DocumentTooLarge
            if over is not None:
                with self.lock:
                    if self.active:
                        self.fired = over
                        _set_async_exc(self.thread_id, Expired)
                return

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        while self.active:
            try:
                with self.lock:
                    self.active = False
                    if self.fired is not None:
                        _set_async_exc(self.thread_id, None)  # not raised yet (the block ended first): withdraw it
            except Expired:  # it landed here: the lock is released by then; go round again
                self.active = True
        self.done.set()
        if self.fired is not None:
            raise self.error() from None
        return False

    def error(self) -> BoundExceeded:
        if self.fired is DocumentTooLarge:
            return DocumentTooLarge(f"analysis took {self.peak - self.base:,.0f} MB, more than its bound of "
                                    f"{self.memory_mb:g} MB ({MEMORY_ENV})")
        return DocumentTimeout(f"analysis ran past its bound of {self.seconds:g} s ({TIMEOUT_ENV})")
