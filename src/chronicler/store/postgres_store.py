"""The server backend: PostgreSQL by URL (``postgresql://user@host:port/db``), through psycopg 3."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from chronicler.store.base import Store, StoreError


def _pg(sql: str) -> str:
    """The base class writes ``?`` placeholders; psycopg takes ``%s`` (no literal % appears in our SQL)."""
    return sql.replace("?", "%s")


class PostgresStore(Store):
    def __init__(self, url: str, read_only: bool = False) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("PostgreSQL needs psycopg: pip install 'chronicler[postgres]'") from None
        self.path, self.read_only = url, read_only
        self._connect()
        if not read_only:
            with self._transaction():
                self.con.execute("SELECT pg_advisory_xact_lock(727274)")  # one schema creator at a time
                self._create_schema()

    def _connect(self) -> None:
        import psycopg

        try:
            self.con = psycopg.connect(self.path, autocommit=True, connect_timeout=10)
        except Exception as exc:  # psycopg.OperationalError and friends
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise StoreError(f"cannot connect to {_redact(self.path)}: {first}") from None
        if self.read_only:
            self.con.execute("SET default_transaction_read_only = on")

    def lost_connection(self, exc: BaseException) -> bool:
        import psycopg

        return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)) or self.con.closed

    def reconnect(self) -> None:
        with contextlib.suppress(Exception):
            self.con.close()
        self._connect()

    def refused(self, exc: BaseException) -> bool:
        import psycopg

        return isinstance(exc, (psycopg.DataError, psycopg.IntegrityError))

    def _execute(self, sql: str, params: list[Any] | None = None):
        return self.con.execute(_pg(sql), params or None)

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        with self.con.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.con.transaction():
            yield

    def close(self) -> None:
        self.con.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
