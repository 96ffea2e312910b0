"""A PostgreSQL server restarted mid-ingest: the ingest reconnects and completes, equal to an uninterrupted
run; a server that stays down stops the ingest with a message saying how to resume, and the resume completes.
The server is a private one (scripts/postgres.sh with its own data folder), so the test may crash it."""
import glob
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from chronicler.ingest import ingest
from chronicler.store import StoreError, open_store
from chronicler.store.postgres_store import PostgresStore
from crashkit import write_corpus

pytestmark = pytest.mark.model
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres.sh"


def pg(cmd: str, folder: Path) -> str:
    done = subprocess.run(["bash", str(SCRIPT), cmd, str(folder)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") or not shutil.which("bash"):
        pytest.skip("PostgreSQL server binaries (initdb) not installed: scripts/test.sh installs them as root")
    parent = Path(tempfile.mkdtemp(prefix="chronicler-pg-"))  # outside pytest's private tmp: postgres reads it
    folder = parent / "pg"
    try:
        url = pg("start", folder)
        yield folder, url
    finally:
        pg("stop", folder)
        shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return str(write_corpus(tmp_path_factory.mktemp("pgr") / "corpus", copies=1))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("pgref") / "ref.duckdb"
    with open_store(db) as store:
        ingest([corpus], store)
        return store.counts(), sorted(store.iter_results(), key=lambda r: r["document"]["id"])


def fresh_db(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def at_write(monkeypatch, n: int, action) -> dict:
    """Run ``action`` just before the n-th multi-row write (inside a document's transaction)."""
    real = PostgresStore._executemany
    seen = {"n": 0}

    def executemany(self, sql, rows):
        seen["n"] += 1
        if seen["n"] == n:
            action()
        return real(self, sql, rows)

    monkeypatch.setattr(PostgresStore, "_executemany", executemany)
    return seen


def state(url: str):
    with open_store(url, read_only=True) as store:
        return store.counts(), sorted(store.iter_results(), key=lambda r: r["document"]["id"])


def test_a_restart_mid_ingest_is_retried_and_completes(server, corpus, reference, monkeypatch):
    folder, url = server
    target = fresh_db(url, "restart_ok")
    seen = at_write(monkeypatch, 7, lambda: pg("restart", folder))
    reconnects = []
    real_reconnect = PostgresStore.reconnect
    monkeypatch.setattr(PostgresStore, "reconnect", lambda self: (reconnects.append(1), real_reconnect(self)))
    with open_store(target) as store:
        stats = ingest([corpus], store, patience=60)
    assert seen["n"] > 7 and reconnects and stats.failed == 2
    assert state(target) == reference


def test_a_server_that_stays_down_stops_the_ingest_clearly_and_it_resumes(server, corpus, reference, monkeypatch):
    folder, url = server
    target = fresh_db(url, "restart_down")
    at_write(monkeypatch, 5, lambda: pg("halt", folder))
    try:
        with open_store(target) as store, pytest.raises(StoreError) as stopped:
            ingest([corpus], store, patience=2)
        assert "went away" in str(stopped.value) and "run the same command again" in str(stopped.value)
    finally:
        pg("restart", folder)
    monkeypatch.undo()
    with open_store(target) as store:
        assert 0 < store.counts()["documents"] < reference[0]["documents"]
        ingest([corpus], store)
    assert state(target) == reference
