"""Progress for `ingest` and `watch`: a bar with rate and ETA (rich) when stderr is a terminal, plain log lines
otherwise (one every ``every`` seconds and one at the end), so logs and pipes stay readable."""
from __future__ import annotations

import sys
import time
from collections import deque
from pathlib import Path
from typing import IO


def estimate_total(paths: list[str]) -> int | None:
    """How many documents the paths hold, where that is cheap to know (files, JSONL lines); None otherwise."""
    total = 0
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            total += sum(1 for c in p.rglob("*") if c.is_file() and not c.name.startswith("."))
        elif p.suffix.lower() == ".jsonl" and p.is_file():
            with p.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif p.suffix.lower() in (".json", ".csv"):
            return None
        else:
            total += 1
    return total


class Progress:
    """``update(done, **counts)`` with the number of items handled so far; ``close()`` at the end."""

    def __init__(self, label: str, total: int | None = None, *, stream: IO[str] | None = None,
                 every: float = 10.0, bar: bool | None = None) -> None:
        self.label, self.total, self.every = label, total, every
        self.stream = stream or sys.stderr
        self.started = self._last = time.monotonic()
        self.done = 0
        self.counts: dict[str, int] = {}
        self._window: deque[tuple[float, int]] = deque([(self.started, 0)])
        self._bar = None
        if bar is None:
            bar = bool(getattr(self.stream, "isatty", lambda: False)())
        if bar:
            try:
                from rich.console import Console
                from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                           TimeElapsedColumn, TimeRemainingColumn)
            except ImportError:  # rich missing: plain lines
                bar = False
            else:
                self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                         TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                                         TextColumn("ETA"), TimeRemainingColumn(),
                                         console=Console(file=self.stream), transient=False)
                self._bar.start()
                self._task = self._bar.add_task(label, total=total, rate="")

    def rate(self) -> float:
        """Items per second over the last minute or so (a resumed run skips its first items fast)."""
        now = time.monotonic()
        while len(self._window) > 2 and now - self._window[1][0] > 60:
            self._window.popleft()
        if len(self._window) >= 2 and now - self._window[0][0] > 0:
            t0, d0 = self._window[0]
            return (self.done - d0) / (now - t0)
        elapsed = now - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        rate = self.rate()
        if self.total is None or rate <= 0:
            return None
        return max(0.0, (self.total - self.done) / rate)

    def line(self, counts: dict[str, int]) -> str:
        of = f"/{self.total}" if self.total is not None else ""
        extra = " (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")" if counts else ""
        eta = self.eta()
        eta_text = f", ETA {eta:.0f}s" if eta is not None else ""
        return f"chronicler: {self.label}: {self.done}{of}{extra}, {self.rate():.2f}/s{eta_text}"

    def update(self, done: int, total: int | None = None, **counts: int) -> None:
        """``total`` when it grew (a feed's new items are known only once it is read)."""
        self.done, self.counts = done, counts
        if total is not None:
            self.total = total
        self._window.append((time.monotonic(), done))
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=self.total, rate=f"{self.rate():.1f}/s")
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            print(self.line(counts), file=self.stream, flush=True)

    def close(self, **counts: int) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        else:
            print(self.line(counts or self.counts), file=self.stream, flush=True)
