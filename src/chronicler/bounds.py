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

import contextlib
import ctypes
import os
import re
import threading
import time
from collections.abc import Iterator

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


class DocumentTimeout(ChroniclerError):
    """One document's analysis ran past its time bound."""


class DocumentTooLarge(ChroniclerError):
    """One document's analysis took more memory than its bound."""


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


@contextlib.contextmanager
def deadline(seconds: float | None, memory_mb: float | None = None, poll: float = POLL) -> Iterator[None]:
    """Run the block within bounds; past one, ``DocumentTimeout`` or ``DocumentTooLarge`` is raised inside it."""
    base = resident_mb() if memory_mb is not None else None
    if seconds is None and base is None:
        yield
        return
    thread_id, lock, done = threading.get_ident(), threading.Lock(), threading.Event()
    state: dict = {"active": True, "fired": None, "peak": base}
    started = time.monotonic()

    def watch() -> None:
        while not done.wait(poll if seconds is None else min(poll, max(0.0, started + seconds - time.monotonic()))):
            over: type[ChroniclerError] | None = None
            if seconds is not None and time.monotonic() - started >= seconds:
                over = DocumentTimeout
            elif base is not None:
                now = resident_mb() or base
                state["peak"] = max(state["peak"], now)
                if now - base > memory_mb:
                    over = DocumentTooLarge
            if over is not None:
                with lock:
                    if state["active"]:
                        state["fired"] = over
                        _set_async_exc(thread_id, over)
                return

    watchdog = threading.Thread(target=watch, name="chronicler-deadline", daemon=True)
    watchdog.start()
    try:
        yield
    except DocumentTimeout:
        raise DocumentTimeout(f"analysis ran past its bound of {seconds:g} s ({TIMEOUT_ENV})") from None
    except DocumentTooLarge:
        raise DocumentTooLarge(f"analysis took {state['peak'] - base:,.0f} MB, more than its bound of "
                               f"{memory_mb:g} MB ({MEMORY_ENV})") from None
    finally:
        with lock:
            state["active"] = False
            if state["fired"] is not None:
                _set_async_exc(thread_id, None)  # not raised yet (the block ended first): withdraw it
        done.set()
