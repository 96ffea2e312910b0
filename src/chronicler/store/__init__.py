"""The store: one class is the only door to the database. ``open_store(db)`` picks the backend by URL.

A path (default ``./chronicler.duckdb``) opens an embedded DuckDB file.
"""
from __future__ import annotations

from pathlib import Path

from chronicler.store.duckdb_store import DEFAULT_PATH, Store, StoreError


def open_store(db: str | Path | None = None, read_only: bool = False) -> Store:
    target = str(db or DEFAULT_PATH)
    if target.startswith(("postgresql://", "postgres://")):
        raise StoreError("PostgreSQL stores are not supported yet; use a DuckDB file path")
    if read_only and not Path(target).exists():
        raise StoreError(f"no store at {target}: run `chronicler ingest` first")
    return Store(target, read_only=read_only)


__all__ = ["open_store", "Store", "StoreError", "DEFAULT_PATH"]
