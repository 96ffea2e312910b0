"""Crash safety: `chronicler ingest` killed with SIGKILL at seeded points (any statement, transaction start,
before or after a commit), then run again: nothing lost, nothing twice, the store equal to an uninterrupted
run's — on DuckDB and PostgreSQL, with one worker, two worker processes, and the Ray engine.

Each case runs the ingest in a child process (killed_ingest.py) that kills itself at step K, K drawn from
the seed among the steps an uninterrupted run takes; the resume runs here."""
import random
import time

import pytest

from chronicler.ingest import ingest
from chronicler.store import open_store
from crashkit import PgDatabases, kill_group, run_child, start_child, steps_of, write_corpus

pytestmark = pytest.mark.model


def snapshot(target: str) -> dict:
    with open_store(target, read_only=True) as store:
        results = sorted(store.iter_results(), key=lambda r: r["document"]["id"])
        counts = store.counts()
        failures = sorted(f["origin"] for f in store.failures())
    return {"counts": counts, "results": results, "failures": failures}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return str(write_corpus(tmp_path_factory.mktemp("crash") / "corpus"))


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """An uninterrupted run on DuckDB, in a child like the killed ones: its store and its step count."""
    db = str(tmp_path_factory.mktemp("ref") / "ref.duckdb")
    done = run_child("0", "ingest", corpus, "--db", db)
    assert done.returncode == 0, done.stderr[-2000:]
    snap = snapshot(db)
    assert snap["counts"]["documents"] == 28 and snap["counts"]["failures"] == 2  # {broken, a NUL
    return {"steps": steps_of(done), **snap}


def kill_and_resume(corpus, target, kill_at, *extra):
    killed = run_child(str(kill_at), "ingest", corpus, "--db", target, *extra)
    assert killed.returncode == -9, f"not killed at step {kill_at}: rc={killed.returncode} {killed.stderr[-1500:]}"
    with open_store(target) as store:
        stats = ingest([corpus], store)
    return stats


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_duckdb_survives_kill_9(corpus, reference, tmp_path, seed):
    kill_at = random.Random(seed).randint(1, reference["steps"])
    db = str(tmp_path / f"k{seed}.duckdb")
    stats = kill_and_resume(corpus, db, kill_at)
    assert stats.added <= 28 and snapshot(db) == {k: reference[k] for k in ("counts", "results", "failures")}


def test_duckdb_survives_two_kills_in_a_row(corpus, reference, tmp_path):
    rng = random.Random(11)
    db = str(tmp_path / "twice.duckdb")
    first = run_child(str(rng.randint(reference["steps"] // 3, reference["steps"] // 2)), "ingest", corpus,
                      "--db", db)
    assert first.returncode == -9
    stats = kill_and_resume(corpus, db, rng.randint(5, 40))  # the second run: killed early in its resume
    assert snapshot(db) == {k: reference[k] for k in ("counts", "results", "failures")}
    assert stats.failed == 2


def test_duckdb_with_two_workers_survives_kill_9(corpus, reference, tmp_path):
    kill_at = random.Random(4).randint(1, reference["steps"])
    db = str(tmp_path / "w2.duckdb")
    kill_and_resume(corpus, db, kill_at, "--workers", "2")
    assert snapshot(db) == {k: reference[k] for k in ("counts", "results", "failures")}


def test_ray_engine_survives_kill_9(corpus, reference, tmp_path):
    pytest.importorskip("ray", reason="Ray not installed (pip install '.[test]')")
    kill_at = random.Random(5).randint(reference["steps"] // 2, reference["steps"])
    db = str(tmp_path / "ray.duckdb")
    kill_and_resume(corpus, db, kill_at, "--workers", "2", "--engine", "ray")
    assert snapshot(db) == {k: reference[k] for k in ("counts", "results", "failures")}


@pytest.fixture
def pg_databases(pg_url):
    dbs = PgDatabases(pg_url)
    yield dbs
    dbs.drop_all()


@pytest.mark.parametrize("seed,workers", [(6, "1"), (7, "1"), (8, "2")])
def test_postgres_survives_kill_9(corpus, reference, pg_databases, seed, workers):
    """Killed at a step an uninterrupted DuckDB run takes (PostgreSQL takes the same ones, and three more to
    create its schema in a transaction); resumed, the store equals the DuckDB run's."""
    url = pg_databases.fresh(f"crash_{seed}")
    kill_and_resume(corpus, url, random.Random(seed).randint(1, reference["steps"]), "--workers", workers)
    assert snapshot(url) == {k: reference[k] for k in ("counts", "results", "failures")}


def test_postgres_survives_an_outside_kill_9_of_the_whole_process_group(corpus, reference, pg_databases):
    """As a machine dying: SIGKILL to the ingest and its two workers at once, from outside, once the store
    holds a seeded number of documents (watched from here: PostgreSQL allows a second reader)."""
    import psycopg

    url = pg_databases.fresh("crash_outside")
    stored_before_kill = random.Random(9).randint(2, 20)
    proc = start_child("0", "ingest", corpus, "--db", url, "--workers", "2")
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                with psycopg.connect(url, autocommit=True) as con:
                    if con.execute("SELECT count(*) FROM documents").fetchone()[0] >= stored_before_kill:
                        break
            except psycopg.Error:  # the schema is not there yet
                pass
            time.sleep(0.02)
    finally:
        kill_group(proc)
    proc.communicate(timeout=60)
    assert proc.returncode == -9, "the ingest ended before the kill"
    with open_store(url) as store:
        assert stored_before_kill <= store.counts()["documents"] < 28
        ingest([corpus], store)
    assert snapshot(url) == {k: reference[k] for k in ("counts", "results", "failures")}
