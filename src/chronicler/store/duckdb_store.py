"""The embedded backend: one DuckDB file."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from chronicler.store.base import Store, StoreError

DEFAULT_PATH = "chronicler.duckdb"


class DuckDBStore(Store):
    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except Exception as exc:  # duckdb raises IOException, etc.
            raise StoreError(f"cannot open store {self.path}: {exc}") from None
        if not read_only:
            self._create_schema()

    def _execute(self, sql: str, params: list[Any] | None = None):
        return self.con.execute(sql, params or [])

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        self.con.executemany(sql, rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    def close(self) -> None:
        self.con.close()

    def refused(self, exc: BaseException) -> bool:
        import duckdb

        return isinstance(exc, (duckdb.ConversionException, duckdb.InvalidInputException,
                                duckdb.ConstraintException, duckdb.OutOfRangeException))

    def export_table(self, table: str, fmt: str, out: str | Path) -> None:
        """CSV or Parquet straight from DuckDB's COPY."""
        if table not in ("events", "quotes", "actors", "disputes"):
            raise StoreError(f"no table {table!r} to export")
        options = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}[fmt]
        target = str(out).replace("'", "''")  # COPY takes no parameter for its target; quote it
        self.con.execute(f"COPY (SELECT * FROM {table} ORDER BY doc_id, id) TO '{target}' {options}")
