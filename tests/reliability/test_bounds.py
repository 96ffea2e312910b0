"""Bounds per document: a text that would stall the tokenizer is refused, an analysis past its time bound is
given up; either way the document is recorded as failed with its reason and the batch goes on."""
import json
import threading
import time

import pytest

from chronicler.bounds import (MAX_RUN, DocumentTimeout, DocumentTooLarge, check_text, deadline, doc_memory_mb,
                               doc_timeout, resident_mb)
from chronicler.errors import ChroniclerError, InputError

SLOW = "Trump said Cuba will talk. " * 1500  # about 40,000 characters: many seconds of analysis


def test_a_long_run_without_a_space_is_refused():
    check_text("word " * 10_000 + "x" * MAX_RUN)
    with pytest.raises(InputError, match="characters without a space"):
        check_text("He said " + '"' * (MAX_RUN + 1))


def test_the_deadline_stops_a_busy_loop_in_any_thread():
    def spin():
        started = time.perf_counter()
        with pytest.raises(DocumentTimeout, match="bound of 0.2 s"):
            with deadline(0.2):
                while True:
                    pass
        return time.perf_counter() - started

    assert spin() < 2.0
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("took", spin()))
    worker.start()
    worker.join(10)
    assert result["took"] < 2.0


def test_a_stop_is_not_swallowed_by_code_that_catches_exceptions():
    started = time.perf_counter()
    with pytest.raises(DocumentTimeout):
        with deadline(0.2):
            while time.perf_counter() - started < 5:
                try:
                    sum(range(1000))
                except Exception:  # what a stage might do: the stop is no Exception, it goes through
                    pass
    assert time.perf_counter() - started < 2
    with pytest.raises(DocumentTimeout):  # even swallowed whole, the block's end reports the bound
        with deadline(0.2):
            while time.perf_counter() - started < 3:
                try:
                    sum(range(1000))
                except BaseException:  # noqa: BLE001
                    pass


def test_a_deadline_that_was_not_reached_never_fires_later():
    with deadline(0.05):
        pass
    time.sleep(0.2)  # a late exception would surface here
    with deadline(None):
        time.sleep(0.01)


def test_the_memory_bound_stops_a_growing_analysis():
    if resident_mb() is None:
        pytest.skip("no /proc/self/statm: resident memory cannot be read here")
    held = []
    with pytest.raises(DocumentTooLarge, match="bound of 64 MB"):
        with deadline(30, memory_mb=64, poll=0.02):
            for _ in range(200):  # at most 1 GB, at 100 MB/s: the watchdog looks every 20 ms
                held.append(bytearray(b"x" * 2_000_000))
                time.sleep(0.02)
    assert 64 <= len(held) * 2 < 400  # stopped soon after the bound, long before the loop's end
    held.clear()
    with deadline(30, memory_mb=64, poll=0.02):
        small = [bytearray(1_000_000) for _ in range(8)]  # within the bound
    assert len(small) == 8


def test_the_time_bound_setting(monkeypatch):
    monkeypatch.setenv("CHRONICLER_DOC_TIMEOUT", "7.5")
    assert doc_timeout() == 7.5
    monkeypatch.setenv("CHRONICLER_DOC_TIMEOUT", "0")
    assert doc_timeout() is None
    monkeypatch.setenv("CHRONICLER_DOC_TIMEOUT", "soon")
    with pytest.raises(ChroniclerError, match="not a number"):
        doc_timeout()
    assert doc_memory_mb() == 2048
    monkeypatch.setenv("CHRONICLER_DOC_MEMORY_MB", "0")
    assert doc_memory_mb() is None


@pytest.mark.model
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_records_documents_over_the_bounds_and_goes_on(tmp_path, workers):
    from chronicler.ingest import ingest
    from chronicler.store import open_store

    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in [
        {"id": "ok1", "text": "Rubio hinted at increased pressure on Havana."},
        {"id": "slow", "text": SLOW},
        {"id": "run", "text": "He said " + '"' * 20_000},
        {"id": "ok2", "text": "“We’re talking with Cuba,” Trump said on Sunday."},
    ]) + "\n", encoding="utf-8")
    with open_store(tmp_path / "b.duckdb") as store:
        started = time.perf_counter()
        stats = ingest([str(batch)], store, workers=workers, timeout=3.0)
        took = time.perf_counter() - started
        reasons = {f["origin"].rsplit(":", 1)[-1]: f["reason"] for f in store.failures()}
    assert stats.to_dict() == {"added": 2, "skipped": 0, "failed": 2}
    assert "bound of 3 s" in reasons["2"] and "without a space" in reasons["3"]
    assert took < 120  # unbounded, the two would take minutes


@pytest.mark.model
def test_the_api_refuses_or_gives_up_such_documents():
    from fastapi.testclient import TestClient

    from chronicler.api import create_app

    app = create_app()
    app.state.services.timeout = 3.0
    client = TestClient(app)
    res = client.post("/v1/analyze", json={"text": "He said " + '"' * 20_000})
    assert res.status_code == 400 and "without a space" in res.json()["detail"]
    res = client.post("/v1/analyze", json={"text": SLOW})
    assert res.status_code == 422 and "bound of 3 s" in res.json()["detail"]
    res = client.post("/v1/analyze", json={"text": "Rubio hinted at increased pressure on Havana."})
    assert res.status_code == 200  # the lock was released: the next request is served
