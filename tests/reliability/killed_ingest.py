"""A child process for the crash tests: `chronicler ingest ARGS...` that SIGKILLs itself (and so loses its
worker processes' work in flight) just before the K-th step it takes with the store — a statement, the
start of a transaction, its last statement, its commit — as a power cut would. K = 0: no kill; the number
of steps is printed at the end ("STEPS n"), so a test can choose K among them.

    python killed_ingest.py K ingest PATH --db DB [--workers N] [--engine ray]
"""
import contextlib
import os
import signal
import sys


def arm(kill_at: int) -> dict:
    from chronicler.store.duckdb_store import DuckDBStore
    from chronicler.store.postgres_store import PostgresStore

    steps = {"n": 0}

    def step() -> None:
        steps["n"] += 1
        if steps["n"] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    for cls in (DuckDBStore, PostgresStore):
        real_execute, real_many, real_tx = cls._execute, cls._executemany, cls._transaction

        def execute(self, sql, params=None, _real=real_execute):
            step()
            return _real(self, sql, params)

        def executemany(self, sql, rows, _real=real_many):
            step()
            return _real(self, sql, rows)

        @contextlib.contextmanager
        def transaction(self, _real=real_tx):
            step()
            with _real(self):
                yield
                step()  # after the last statement, before the commit
            step()  # after the commit

        cls._execute, cls._executemany, cls._transaction = execute, executemany, transaction
    return steps


if __name__ == "__main__":
    counted = arm(int(sys.argv[1]))
    from chronicler.cli import main

    code = main(sys.argv[2:])
    print(f"STEPS {counted['n']}", flush=True)
    sys.exit(code)
