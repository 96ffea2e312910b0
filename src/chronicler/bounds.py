"""Bounds per document: how long one analysis may run before it is given up as failed.

``deadline(seconds)`` raises ``DocumentTimeout`` in the thread that runs the analysis once the time is up,
whichever thread that is (the main thread, a worker process, a Ray actor, one of the API's threads): a
watchdog timer sets the exception asynchronously, and Python raises it at the next bytecode the thread runs,
so a stage stuck in a loop of Python code is stopped. (Compiled code that never returns to Python — not the
case for spaCy's parser, which is linear in the text — would be stopped only when it returns.)

The length bound (``chronicler.sources.readers.MAX_CHARS``) keeps memory bounded: a text over it is refused
before it is parsed; ``check_text`` refuses what would stall the tokenizer (a run of ``MAX_RUN`` characters
without a space). ``CHRONICLER_DOC_TIMEOUT`` sets the time bound in seconds (default 120; 0: none).
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import re
import threading
from collections.abc import Iterator

from chronicler.errors import ChroniclerError, InputError

DEFAULT_TIMEOUT = 120.0
# spaCy's tokenizer peels punctuation off a word one character at a time, searching the rest of the word
# each time: a run without a space costs the square of its length (20,000 quotation marks: minutes), in
# compiled code that no timer interrupts. No word of an article is this long; such a text is refused.
MAX_RUN = 1_000
TIMEOUT_ENV = "CHRONICLER_DOC_TIMEOUT"


class DocumentTimeout(ChroniclerError):
    """One document's analysis ran past its time bound."""


_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


def check_text(text: str, name: str = "input") -> None:
    """Refuse a text that would hold a worker in compiled code beyond any time bound (``InputError``)."""
    run = _LONG_RUN.search(text)
    if run:
        raise InputError(f"{name}: {len(run.group()):,} characters without a space at {run.start():,} "
                         f"(at most {MAX_RUN:,}): not an article's text")


def doc_timeout() -> float | None:
    """The time bound in seconds from the environment (None: unbounded)."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ChroniclerError(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds") from None
    return value if value > 0 else None


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the block with a time bound; past it, ``DocumentTimeout`` is raised inside the block."""
    if seconds is None:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(thread_id, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except DocumentTimeout:
        raise DocumentTimeout(f"analysis ran past its bound of {seconds:g} s ({TIMEOUT_ENV})") from None
    finally:
        with lock:
            state["active"] = False
            if state["fired"]:
                _set_async_exc(thread_id, None)  # not raised yet (the block ended first): withdraw it
        timer.cancel()
