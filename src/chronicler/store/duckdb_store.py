"""The embedded backend: one DuckDB file.

A DuckDB file has one writer, or any number of readers, across processes. ``shared=True`` (what `chronicler
serve` uses) holds the file as a reader and takes it for writing only while it writes (a transaction, a
statement that changes the database, or a ``writing()`` block), so `chronicler events`, `stories` and the other
readers can open the same file meanwhile. Opening a file another process holds waits up to ``wait`` seconds;
past that the error says which process holds it and how to reach the same data (``chronicler.store.locks``).
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chronicler.store.base import Store, StoreError
from chronicler.store.locks import holder_message, is_lock_conflict

DEFAULT_PATH = "chronicler.duckdb"
WAIT_ENV = "CHRONICLER_LOCK_WAIT"  # seconds to wait for a file another process holds (default 5)
WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "CHECKPOINT", "MERGE", "TRUNCATE")


def lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, "5")))
    except ValueError:
        return 5.0


class _Rows:
    """A write's result, read before its connection is given back."""

    def __init__(self, cur: Any) -> None:
        self.description = cur.description
        self._rows = cur.fetchall() if cur.description else []

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    def fetchmany(self, size: int = 1) -> list[Any]:
        rows, self._rows = self._rows[:size], self._rows[size:]
        return rows


class DuckDBStore(Store):
    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False, shared: bool = False,
                 wait: float | None = None) -> None:
        self.path = str(path)
        self.read_only, self.shared = read_only, shared and not read_only
        self.wait = lock_wait() if wait is None else wait
        self._depth = 0  # nested write sessions (shared mode)
        if read_only:
            self.con = self._connect(read_only=True)
            return
        self.con = self._connect(read_only=False)
        self._depth = 1  # held for writing while the schema is made
        try:
            self._create_schema()
        finally:
            self._depth = 0
        if self.shared:  # the schema is there: give the file back, keep reading
            self.con.close()
            self.con = None

    def _connect(self, read_only: bool):
        import duckdb

        deadline = time.monotonic() + self.wait
        pause = 0.05
        while True:
            try:
                con = duckdb.connect(self.path, read_only=read_only)
                con.execute("SET enable_progress_bar = false")
                return con
            except Exception as exc:  # duckdb raises IOException, etc.
                if not is_lock_conflict(exc):
                    raise StoreError(f"cannot open store {self.path}: {exc}") from None
                if time.monotonic() >= deadline:
                    raise StoreError(holder_message(self.path, str(exc), read_only)) from None
            time.sleep(pause)
            pause = min(0.5, pause * 2)

    # -- writing only while writing (shared mode) ------------------------------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the file for writing for the whole block (several writes, one lock taken)."""
        if not self.shared:
            yield
            return
        if self._depth == 0:
            self._release()
            self.con = self._connect(read_only=False)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:  # written through to the file, given back: other processes may read it now
                self._release()
                self.con = self._connect(read_only=True)

    def _release(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def _connection(self):
        """The open connection; in shared mode a reader is opened again after a write gave the file back."""
        if self.con is None:
            self.con = self._connect(read_only=True)
        return self.con

    def _execute(self, sql: str, params: list[Any] | None = None):
        if self.shared and self._depth == 0 and sql.lstrip().split(None, 1)[0].upper() in WRITES:
            with self.writing():
                return _Rows(self.con.execute(sql, params or []))
        return self._connection().execute(sql, params or [])

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        with self.writing():
            self.con.executemany(sql, rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.writing():
            self.con.begin()
            try:
                yield
            except BaseException:
                self.con.rollback()
                raise
            self.con.commit()

    def close(self) -> None:
        self._release()

    def refused(self, exc: BaseException) -> bool:
        import duckdb

        return isinstance(exc, (duckdb.ConversionException, duckdb.InvalidInputException,
                                duckdb.ConstraintException, duckdb.OutOfRangeException))

    def export_table(self, table: str, fmt: str, out: str | Path, all_events: bool = False) -> None:
        """CSV or Parquet straight from DuckDB's COPY (events at or above their analysis's threshold unless
        ``all_events``)."""
        from chronicler.store.base import KEPT

        if table not in ("events", "quotes", "actors", "disputes"):
            raise StoreError(f"no table {table!r} to export")
        options = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}[fmt]
        target = str(out).replace("'", "''")  # COPY takes no parameter for its target; quote it
        kept = f" WHERE {KEPT.replace('e.', '')}" if table == "events" and not all_events else ""
        self._connection().execute(f"COPY (SELECT * FROM {table}{kept} ORDER BY doc_id, id) TO '{target}' {options}")
