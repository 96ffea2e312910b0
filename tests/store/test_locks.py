"""A DuckDB file shared between processes: a store opened ``shared`` (what `chronicler serve` uses) holds the
file for writing only while it writes, so other processes read it meanwhile; a process that cannot open a file
waits, then says who holds it and how to reach the same data. Real files, real processes."""
import json
import subprocess
import sys
import textwrap
import time

import pytest

from chronicler.store import StoreError, open_store
from chronicler.store.locks import chronicler_command, serve_url
from factories import TEXT, make_result

READ = textwrap.dedent("""
    import sys
    from chronicler.store import open_store
    with open_store(sys.argv[1], read_only=True) as store:
        print(store.counts()["documents"])
""")
HOLD = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[-1])  # the file held for writing
    print("held", flush=True)
    time.sleep(60)
""")


def other_process_reads(path):
    proc = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, timeout=60,
                          env={"CHRONICLER_LOCK_WAIT": "0", "PATH": ""})
    return proc.returncode, proc.stdout.strip(), proc.stderr


@pytest.fixture
def holder(tmp_path):
    """Start a process that holds a DuckDB file for writing (its command line as given); stopped after."""
    procs = []

    def start(*argv):
        proc = subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "held"
        procs.append(proc)
        return proc
    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


def test_a_shared_store_lets_other_processes_read_between_its_writes(tmp_path):
    path = tmp_path / "shared.duckdb"
    with open_store(path, shared=True) as store:
        assert other_process_reads(path)[:2] == (0, "0")
        assert store.add(make_result(), TEXT, "a.txt")
        assert other_process_reads(path)[:2] == (0, "1")  # the write is in the file, the file given back
        other = TEXT + " Rubio hinted at pressure."
        with store.writing():  # several writes, one hold: no reader meanwhile
            store.add(make_result(other), other, "b.txt")
            code, _, err = other_process_reads(path)
            assert code != 0 and "holds it" in err
        assert other_process_reads(path)[:2] == (0, "2")
        assert store.counts()["documents"] == 2 and store.text(make_result(other)["document"]["id"]) == other


def test_a_store_not_shared_keeps_the_file(tmp_path):
    path = tmp_path / "kept.duckdb"
    with open_store(path) as store:
        store.add(make_result(), TEXT, "a.txt")
        code, _, err = other_process_reads(path)
        assert code != 0 and f"PID {__import__('os').getpid()}" in err and "wait for that process" in err


def test_a_write_waits_for_the_file_then_names_who_holds_it(tmp_path, holder):
    path = tmp_path / "held.duckdb"
    open_store(path).close()
    with open_store(path, shared=True) as store:
        assert store.counts()["documents"] == 0
        store.close()  # give the file up so the other process can take it
        proc = holder("-c", HOLD, str(path))
        store.wait = 0.5
        started = time.monotonic()
        with pytest.raises(StoreError) as err:
            store.add_failure("a.txt", "unreadable")  # a write
        assert time.monotonic() - started >= 0.5
        assert f"PID {proc.pid}" in str(err.value) and "cannot write to store" in str(err.value)
        with pytest.raises(StoreError, match="cannot read store"):
            store.counts()
        proc.kill()
        proc.wait()
        assert store.add(make_result(), TEXT, "a.txt")  # the file is free: the write goes through


def test_a_file_held_by_a_server_says_where_the_same_data_is(tmp_path, holder):
    path = tmp_path / "served.duckdb"
    open_store(path).close()
    fake = tmp_path / "chronicler"  # a process whose command line is `chronicler serve ...`
    fake.write_text(HOLD, "utf-8")
    holder(str(fake), "serve", "--port", "8123", "--db", str(path))
    code, _, err = other_process_reads(path)
    assert code != 0 and "http://127.0.0.1:8123/v1/events" in err and "/ui" in err
    assert "serve --port 8123" in err  # the holder's own command line


def test_command_lines_and_addresses():
    assert chronicler_command(["/usr/bin/python3", "-m", "chronicler", "serve", "--db", "x"]) == ("serve", ["--db", "x"])
    assert chronicler_command(["/venv/bin/chronicler", "--model", "m", "ingest", "a.jsonl"]) == ("ingest", ["a.jsonl"])
    assert chronicler_command(["python", "other.py"]) is None
    assert serve_url(["serve", "--host", "0.0.0.0", "--port=9000"]) == "http://127.0.0.1:9000"
    assert serve_url(["serve"]) == "http://127.0.0.1:8000"
    assert serve_url(["serve", "--host", "10.1.2.3"]) == "http://10.1.2.3:8000"


@pytest.mark.model
def test_cli_reads_and_writes_beside_a_running_server(tmp_path):
    """`chronicler serve` in its own process on a DuckDB file: `events`, `stories` and `story` read the same file
    meanwhile, and see what the server writes; `ingest`, a second writer, is told where the server is."""
    from pathlib import Path

    from conftest import served_process

    db = tmp_path / "live.duckdb"
    articles = Path(__file__).resolve().parents[1] / "stories" / "story_articles.jsonl"
    cli = [sys.executable, "-m", "chronicler"]
    assert subprocess.run(cli + ["ingest", str(articles), "--db", str(db)], capture_output=True,
                          timeout=300).returncode == 0
    with served_process(["serve", "--db", str(db)]) as (url, get, post):
        def run(*args, wait="5"):
            return subprocess.run(cli + list(args) + ["--db", str(db)], capture_output=True, text=True, timeout=120,
                                  env={**__import__("os").environ, "CHRONICLER_LOCK_WAIT": wait})
        listed = run("events", "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == len(get("/v1/events?limit=10000"))
        stories = json.loads(run("stories", "--format", "json").stdout)
        assert [s["id"] for s in stories] == [s["id"] for s in get("/v1/stories")]
        story = run("story", stories[0]["id"], "--format", "json")
        assert story.returncode == 0 and json.loads(story.stdout)["summary"]["what_happened"]
        added = post("/v1/documents", {"text": "Ruritania threatened Borduria with sanctions on Monday, officials "
                                               "said.", "published": "2026-01-06", "source": "Wire"})
        assert added["added"] is True
        events = json.loads(run("events", "--doc", added["doc_id"][:16], "--format", "json").stdout)
        assert events and all(e["doc_id"] == added["doc_id"] for e in events)  # the server's write, read here
        ingest = run("ingest", str(articles), wait="1")
        assert ingest.returncode == 2 and url + "/v1/events" in ingest.stderr and "serve" in ingest.stderr
