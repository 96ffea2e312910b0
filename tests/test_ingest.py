"""Ingest end to end on real files and a real DuckDB store: bad documents are recorded, re-runs resume."""
import json

import pytest

from chronicler.cli import main
from chronicler.ingest import ingest
from chronicler.store import Store, open_store

pytestmark = pytest.mark.model

GOOD = [
    "Cuba denies talks\n\nHAVANA: Cuba's President Miguel Diaz-Canel denied being in talks with the US.",
    "“We’re talking with Cuba,” Trump said on Sunday.",
    "Rubio hinted at increased pressure on Havana.",
]


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(GOOD[0], encoding="utf-8")
    (root / "sub" / "b.txt").write_bytes(GOOD[1].encode("utf-16"))
    (root / "empty.txt").write_text("   \n", encoding="utf-8")
    (root / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (root / "batch.jsonl").write_text(
        json.dumps({"id": "r1", "text": GOOD[2], "published": "2026-01-05"}) + "\n{broken\n"
        + json.dumps({"id": "dup", "text": GOOD[1]}) + "\n", encoding="utf-8")
    (root / "rows.csv").write_text('id,title,date,body\n1,Head,2026-01-02,"Trump urged Havana to make a deal."\n'
                                   '2,Nothing,2026-01-02,\n', encoding="utf-8")
    return root


def test_ingest_records_failures_and_goes_on(corpus, tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        stats = ingest([str(corpus)], store)
        assert stats.to_dict() == {"added": 4, "skipped": 1, "failed": 4}
        reasons = " | ".join(f["reason"] for f in store.failures())
        for why in ("empty input", "binary", "not valid JSON", "no text"):
            assert why in reasons
        assert store.counts()["documents"] == 4
        csv_doc = [r for r in store.iter_results() if r["document"]["title"] == "Head"][0]
        assert csv_doc["document"]["published"] == "2026-01-02"
        again = ingest([str(corpus)], store)
        assert again.added == 0 and again.skipped == 5 and store.counts()["documents"] == 4


def test_crash_mid_ingest_leaves_whole_documents_and_resumes(corpus, tmp_path, monkeypatch):
    path = tmp_path / "crash.duckdb"
    real_add = Store.add
    calls = {"n": 0}

    def crashing_add(self, result, text, origin):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real_add(self, result, text, origin)

    monkeypatch.setattr(Store, "add", crashing_add)
    with open_store(path) as store, pytest.raises(RuntimeError):
        ingest([str(corpus)], store)
    monkeypatch.setattr(Store, "add", real_add)
    with open_store(path) as store:
        counts = store.counts()
        assert counts["documents"] == 2
        for result in store.iter_results():  # every stored document is whole
            n_events = store.con.execute("SELECT count(*) FROM events WHERE doc_id = ?",
                                         [result["document"]["id"]]).fetchone()[0]
            assert n_events == len(result["events"])
        stats = ingest([str(corpus)], store)
        assert stats.added == 2 and store.counts()["documents"] == 4


def test_ingest_with_two_workers_matches_one(corpus, tmp_path):
    with open_store(tmp_path / "one.duckdb") as one, open_store(tmp_path / "two.duckdb") as two:
        ingest([str(corpus)], one, workers=1)
        ingest([str(corpus)], two, workers=2)
        assert list(one.iter_results()) == list(two.iter_results())


def test_ingest_on_a_ray_cluster_matches_local(corpus, tmp_path, ray_cluster):
    with open_store(tmp_path / "local.duckdb") as local, open_store(tmp_path / "ray.duckdb") as on_ray:
        ingest([str(corpus)], local)
        stats = ingest([str(corpus)], on_ray, workers=2, engine="ray")
        assert stats.to_dict() == {"added": 4, "skipped": 1, "failed": 4}
        assert list(local.iter_results()) == list(on_ray.iter_results())
        assert ray_cluster.is_initialized()  # the engine used the session's cluster and left it running


def test_cli_ingest_query_export(corpus, tmp_path, capsys):
    db = str(tmp_path / "cli.duckdb")
    assert main(["ingest", str(corpus), "--db", db]) == 0
    assert "4 added, 1 already stored, 4 failed" in capsys.readouterr().err
    assert main(["quotes", "--db", db, "--format", "json"]) == 0
    quotes = json.loads(capsys.readouterr().out)
    assert any("talking with Cuba" in q["text"] for q in quotes)
    assert main(["actors", "--db", db, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("name,kind,country,sector,code,documents,mentions")
    out = tmp_path / "all.jsonl"
    assert main(["export", str(out), "--format", "jsonl", "--db", db]) == 0
    assert len(out.read_text("utf-8").splitlines()) == 4
    gdelt = tmp_path / "events.tsv"
    assert main(["export", str(gdelt), "--format", "gdelt", "--db", db]) == 0
    rows = [line.split("\t") for line in gdelt.read_text("utf-8").splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    plover = tmp_path / "events.plover.jsonl"
    assert main(["export", str(plover), "--format", "plover", "--db", db]) == 0
    assert all(json.loads(line)["event"] for line in plover.read_text("utf-8").splitlines())
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "x.txt").write_text("", encoding="utf-8")
    assert main(["ingest", str(nothing), "--db", str(tmp_path / "n.duckdb")]) == 1
    assert main(["events", "--db", str(tmp_path / "missing.duckdb")]) == 2


def test_cli_ingest_into_postgres_and_query(corpus, pg_url, capsys):
    assert main(["ingest", str(corpus), "--db", pg_url]) == 0
    assert "4 added" in capsys.readouterr().err
    assert main(["ingest", str(corpus), "--db", pg_url]) == 0
    assert "0 added, 5 already stored" in capsys.readouterr().err
    assert main(["quotes", "--db", pg_url, "--format", "json", "--speaker", "trump"]) == 0
    assert any("talking with Cuba" in q["text"] for q in json.loads(capsys.readouterr().out))
