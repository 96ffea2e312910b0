"""The store on real databases, both backends (a DuckDB file; PostgreSQL started by scripts/test.sh):
writes are whole-document transactions, queries are parameterised."""
import copy
import csv

import duckdb
import pytest

from chronicler.model import content_hash
from chronicler.store import StoreError, open_store
from factories import TEXT, make_result

@pytest.fixture(params=["duckdb", "postgres"])
def store(request, tmp_path):
    if request.param == "duckdb":
        target = tmp_path / "c.duckdb"
    else:
        target = request.getfixturevalue("pg_url")
    with open_store(target) as s:
        yield s


def test_add_is_idempotent_by_content_hash(store):
    result = make_result()
    assert store.add(result, TEXT, "a.txt") is True
    assert store.add(copy.deepcopy(result), TEXT, "b.txt") is False
    assert store.counts() == {"documents": 1, "actors": 2, "quotes": 1, "events": 2, "disputes": 1, "failures": 0}
    assert store.document(result["document"]["id"]) == result
    assert store.text(result["document"]["id"]) == TEXT


def test_failed_write_leaves_no_partial_document(store):
    broken = make_result()
    del broken["events"][1]["evidence"]
    with pytest.raises(KeyError):
        store.add(broken, TEXT, "broken.txt")
    assert not store.has_document(broken["document"]["id"])
    assert store.counts()["documents"] == 0 and store.counts()["actors"] == 0
    assert store.add(make_result(), TEXT, "fixed.txt")


def test_failures_are_recorded_and_cleared_on_success(store):
    store.add_failure("a.txt", "a.txt: binary data, not text")
    assert store.failures()[0]["reason"] == "a.txt: binary data, not text"
    store.add(make_result(), TEXT, "a.txt")
    assert store.failures() == []


def test_event_filters(store):
    store.add(make_result(), TEXT, "a.txt")
    assert [e["id"] for e in store.events()] == ["E1", "E2"]
    assert [e["id"] for e in store.events(polarity="negated")] == ["E2"]
    assert [e["id"] for e in store.events(actor="trump")] == ["E1"]
    assert [e["id"] for e in store.events(actor="CUBGOV")] == ["E2"]
    assert len(store.events(country="cub")) == 2
    assert store.events(type="assault") == []
    assert [e["id"] for e in store.events(since=__import__("datetime").date(2026, 1, 5))] == ["E2"]
    assert len(store.events(limit=1)) == 1


def test_quotes_actors_disputes_queries(store):
    store.add(make_result(), TEXT, "a.txt")
    assert store.quotes(speaker="TRUMP")[0]["text"] == TEXT[0:26]
    assert store.quotes(kind="indirect") == []
    assert [q["attribution"] for q in store.quotes(attribution="speech")] == ["speech"]
    assert store.quotes(attribution="belief") == []
    actors = store.actors(country="CUB")
    assert [a["name"] for a in actors] == ["Miguel Diaz-Canel"] and actors[0]["documents"] == 1
    d = store.disputes()[0]
    assert d["claimed_by"] == "Donald Trump" and d["denied_by"] == "Miguel Diaz-Canel"


def test_filters_are_parameters_not_sql(store):
    store.add(make_result(), TEXT, "a.txt")
    evil = "x' OR '1'='1'; DROP TABLE events; --"
    assert store.events(actor=evil) == [] and store.quotes(speaker=evil) == [] and store.events(doc=evil) == []
    assert store.counts()["events"] == 2


def test_exports(store, tmp_path):
    store.add(make_result(), TEXT, "a.txt")
    store.export_table("events", "csv", tmp_path / "e.csv")
    rows = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert [r["id"] for r in rows] == ["E1", "E2"] and rows[1]["location"] == "Havana"
    out = tmp_path / "it's.parquet"  # a quote in the path must not break COPY
    store.export_table("quotes", "parquet", out)
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{str(out).replace(chr(39), chr(39) * 2)}')").fetchall()[0][0] == 1
    assert [r["document"]["id"] for r in store.iter_results()] == [content_hash(TEXT)]
    with pytest.raises(StoreError):
        store.export_table("documents; DROP TABLE x", "csv", tmp_path / "x.csv")


def test_unreachable_stores_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "none.duckdb", read_only=True)
    with pytest.raises(StoreError, match="cannot connect") as exc:
        open_store("postgresql://someone:secret@127.0.0.1:1/x")
    assert "secret" not in str(exc.value)


def test_postgres_read_only_store_refuses_writes(pg_url):
    with open_store(pg_url) as s:
        s.add(make_result(), TEXT, "a.txt")
    with open_store(pg_url, read_only=True) as ro:
        assert len(ro.events()) == 2
        with pytest.raises(Exception, match="read-only"):
            ro.add_failure("x", "y")


def _single_event_doc(text, source, target, polarity, date):
    result = make_result(text)
    result["quotes"], result["disputes"] = [], []
    event = result["events"][0]
    event.update(polarity=polarity, date=date, quote=None,
                 evidence={"start": 0, "end": len(text), "text": text})
    event["source"] = {"actor": None, "name": source[0], "country": source[1], "code": source[1] + "GOV"}
    event["target"] = {"actor": None, "name": target[0], "country": target[1], "code": target[1]}
    result["events"] = [event]
    return result


def test_disputes_across_documents(store):
    claim = "Trump said talks with Cuba were under way."
    counter = "Diaz-Canel said there were no talks with the United States."
    unrelated = "Putin denied talks with Cuba."
    late = "Diaz-Canel denied talks with Washington, months later."
    store.add(_single_event_doc(claim, ("Trump", "USA"), ("Cuba", "CUB"), "asserted", "2026-01-04"), claim, "a")
    store.add(_single_event_doc(counter, ("Diaz-Canel", "CUB"), ("United States", "USA"), "negated", "2026-01-05"),
              counter, "b")
    store.add(_single_event_doc(unrelated, ("Putin", "RUS"), ("Cuba", "CUB"), "negated", "2026-01-05"), unrelated, "c")
    store.add(_single_event_doc(late, ("Diaz-Canel", "CUB"), ("Washington", "USA"), "negated", "2026-06-01"), late, "d")
    rows = store.cross_disputes()
    assert len(rows) == 1
    assert rows[0]["claimed_by"] == "Trump" and rows[0]["denied_by"] == "Diaz-Canel"
    assert (rows[0]["party_1"], rows[0]["party_2"]) == ("CUB", "USA")
    assert len(store.cross_disputes(window_days=365)) == 2


def test_a_store_written_before_the_attribution_column_gains_it(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE quotes (doc_id VARCHAR, id VARCHAR, start_char INTEGER, end_char INTEGER, "
                "text VARCHAR, kind VARCHAR, speaker_actor VARCHAR, speaker_name VARCHAR, cue VARCHAR, date DATE, "
                "date_text VARCHAR, PRIMARY KEY (doc_id, id))")
    con.close()
    with open_store(path) as store:
        store.add(make_result(), TEXT, "a.txt")
        assert [q["attribution"] for q in store.quotes()] == ["speech"]


def test_events_below_their_analysis_threshold_only_when_asked(store, tmp_path):
    result = make_result()
    result["document"]["events_threshold"] = 0.85  # E1 0.9 kept, E2 0.8 below (an --all-events analysis)
    store.add(result, TEXT, "a.txt")
    assert [e["id"] for e in store.events()] == ["E1"]
    assert sorted(e["id"] for e in store.events(all_events=True)) == ["E1", "E2"]
    assert store.events()[0]["threshold"] == 0.85
    assert store.events_page()["total"] == 1 and store.events_page(all_events=True)["total"] == 2
    store.export_table("events", "csv", tmp_path / "kept.csv")
    rows = list(csv.DictReader(open(tmp_path / "kept.csv", encoding="utf-8")))
    assert [r["id"] for r in rows] == ["E1"] and float(rows[0]["threshold"]) == 0.85
    store.export_table("events", "csv", tmp_path / "all.csv", all_events=True)
    assert len(list(csv.DictReader(open(tmp_path / "all.csv", encoding="utf-8")))) == 2


def test_stores_written_before_the_threshold_column_keep_working(tmp_path):
    db = tmp_path / "old.duckdb"
    with open_store(db) as s:
        s.add(make_result("An older document."), "An older document.", "old.txt")
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE events DROP COLUMN threshold")  # as stores were written before it
    con.close()
    with open_store(db) as s:
        s.add(make_result(), TEXT, "a.txt")
        assert len(s.events()) == 4  # the column was added; rows without a threshold are all shown


def test_topic_ranges_at_the_calendars_ends_are_valid_queries(store):
    from datetime import date
    # the topic window reaches TOPIC_DAYS past the range; at date.min / date.max it stops at the calendar's end
    assert store.topics(since=date.min) == []
    assert store.topics(until=date.max) == []
    assert store.topics(since=date.min, until=date.max, limit=5) == []
