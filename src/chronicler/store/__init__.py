"""The store: one class is the only door to the database. ``open_store(db)`` picks the backend.

A path (default ``./chronicler.duckdb``) opens an embedded DuckDB file; a ``postgresql://`` URL opens
PostgreSQL. Both speak the same SQL, kept once in ``base.Store``.
"""
from __future__ import annotations

from pathlib import Path

from chronicler.store.base import Store, StoreError
from chronicler.store.duckdb_store import DEFAULT_PATH, DuckDBStore


def open_store(db: str | Path | None = None, read_only: bool = False, shared: bool = False) -> Store:
    """``shared``: a DuckDB file is held for writing only while it is written (see DuckDBStore)."""
    target = str(db or DEFAULT_PATH)
    if target.startswith(("postgresql://", "postgres://")):
        from chronicler.store.postgres_store import PostgresStore

        return PostgresStore(target, read_only=read_only)
    if read_only and not Path(target).exists():
        raise StoreError(f"no store at {target}: run `chronicler ingest` first")
    return DuckDBStore(target, read_only=read_only, shared=shared)


__all__ = ["open_store", "Store", "StoreError", "DEFAULT_PATH", "DuckDBStore"]
