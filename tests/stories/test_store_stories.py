"""Stories at ingest on real articles: the seed article and short articles about the same story from other
outlets (tests/stories/story_articles.jsonl, written for these tests), on DuckDB and PostgreSQL."""
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chronicler.api import create_app
from chronicler.cli import main
from chronicler.ingest import ingest
from chronicler.store import open_store
from conftest import SEED

pytestmark = pytest.mark.model
ARTICLES = Path(__file__).with_name("story_articles.jsonl")


def paths():
    return ([str(SEED)] if SEED.exists() else []) + [str(ARTICLES)]


def check_story(store):
    stories = store.stories()
    cuba = [s for s in stories if s["num_documents"] >= 4]
    assert len(cuba) == 1, stories
    fish = [s for s in stories if "salmon" in (s["title"] or "")]
    assert len(fish) == 1 and fish[0]["id"] != cuba[0]["id"]
    story = store.story(cuba[0]["id"])
    ids = {d["id"] for d in story["documents"]}
    assert {"wire-raid", "daily-talks", "island-denial", "daily-rubio"} <= ids
    assert any(e["num_articles"] >= 2 and e["num_sources"] >= 2 for e in story["events"])
    for e in story["events"]:
        for m in e["mentions"]:
            assert store.text(m["doc_id"])[m["start"]:m["end"]] == m["text"]
    if SEED.exists():  # the seed article and the short one quote Trump's words
        assert any(q["num_articles"] >= 2 and "talking with Cuba" in q["text"] for q in story["quotes"])
    assert any(d["type"] == "CONSULT" and d["across"] for d in story["disputes"])
    assert any(a["id"] == "a-miguel-diaz-canel" and a["documents"] >= 3 for a in story["actors"])
    dated = [t["date"] for t in story["timeline"] if t["date_basis"] == "happened"]
    assert dated == sorted(dated) and dated
    assert [s["id"] for s in store.stories(actor="a-miguel-diaz-canel")] == [cuba[0]["id"]]
    assert store.stories(actor="salmon council") == [] or all(s["id"] != cuba[0]["id"]
                                                              for s in store.stories(actor="salmon council"))
    return story


def test_stories_on_duckdb_resume_and_stay_the_same(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        ingest(paths(), store)
        story = check_story(store)
    with open_store(db) as store:  # re-ingesting changes nothing
        ingest(paths(), store)
        assert store.story(story["id"]) == story
    monkeypatch.setenv("CHRONICLER_STORIES", "off")
    other = tmp_path / "later.duckdb"
    with open_store(other) as store:
        ingest(paths(), store)
        assert store.stories() == []
    monkeypatch.delenv("CHRONICLER_STORIES")
    with open_store(other) as store:  # the next ingest places what is stored but in no story
        ingest([], store)
        [caught_up] = store.stories(actor="a-miguel-diaz-canel")  # placed oldest first, so its own id
        docs = store.story(caught_up["id"])["documents"]
        assert {d["doc_id"] for d in docs} == {d["doc_id"] for d in story["documents"]}
        assert {d["id"] for d in docs} == {None}  # the input records' ids were not kept by that ingest


def test_stories_on_postgres(pg_url):
    with open_store(pg_url) as store:
        ingest(paths(), store)
        check_story(store)


def test_cli_and_api(tmp_path, capsys):
    db = str(tmp_path / "c.duckdb")
    assert main(["ingest", *paths(), "--db", db]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db, "--actor", "Díaz-Canel", "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert main(["story", listed["id"], "--db", db, "--format", "json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["id"] == listed["id"] and story["timeline"]
    assert list(story)[:3] == ["id", "title", "summary"]
    assert main(["story", listed["id"], "--db", db]) == 0  # the summary to read, first
    text = capsys.readouterr().out
    heads = ["what happened", "who said what:", "who is involved:", "where the outlets differ:", "when:", "articles:"]
    at = [text.index(h) for h in heads]
    assert at == sorted(at) and "timeline (" not in text and "--all" in text
    top = story["summary"]["what_happened"][0]
    assert top["evidence"]["text"][:40] in text and f"{top['num_sources']} outlets" in text
    assert main(["story", listed["id"], "--db", db, "--all"]) == 0
    assert "disputes:" in capsys.readouterr().out
    assert main(["story", "nope", "--db", db]) == 2
    client = TestClient(create_app(db=db))
    assert [s["id"] for s in client.get("/v1/stories", params={"actor": "a-miguel-diaz-canel"}).json()] == \
        [listed["id"]]
    assert client.get(f"/v1/stories/{listed['id']}").json()["documents"] == story["documents"]
    assert client.get("/v1/stories/nope").status_code == 404
    assert client.get("/v1/topics").json() == []  # the Cuba story and the salmon story: no common subject
    assert main(["stories", "--topics", "--db", db]) == 0 and "no topic" in capsys.readouterr().out
    summary = client.get(f"/v1/stories/{listed['id']}/summary").json()
    assert summary["summary"] == story["summary"] and summary["totals"]["events"] == len(story["events"])
    page = client.get(f"/v1/stories/{listed['id']}/events", params={"offset": 1, "limit": 2}).json()
    assert page["total"] == len(story["events"]) and len(page["rows"]) == min(2, len(story["events"]) - 1)
    assert client.get(f"/v1/stories/{listed['id']}/nothing").status_code == 422
    gdelt = tmp_path / "events.tsv"
    assert main(["export", str(gdelt), "--format", "gdelt", "--db", db]) == 0
    rows = [line.split("\t") for line in gdelt.read_text("utf-8").splitlines()]
    assert all(len(r) == 61 for r in rows) and any(int(r[33]) >= 2 for r in rows)


def resume_in_store(store):
    """Articles placed over two ingests, the index restored from the store in between, make the stories one
    ingest makes: a story is compared through its stored latest articles (their headline and lead vectors)."""
    from chronicler.stories.placer import StoryPlacer

    rows = [json.loads(line) for line in Path(__file__).with_name("one_topic_two_matters.jsonl").read_text(
        "utf-8").splitlines()]

    def place(placer, row):
        result = {"document": {"id": row["id"], "title": row["title"], "published": row["published"]}}
        return placer.place(result, row["text"], row["id"][:4])
    first = StoryPlacer(store)
    a, b = place(first, rows[0]), place(first, rows[1])
    again = StoryPlacer(store)
    assert {s.id: [m.doc_id for m in s.members] for s in again.index.stories.values()} == \
        {a.story.id: [rows[0]["id"]], b.story.id: [rows[1]["id"]]}
    restored = again.index.stories[a.story.id].members[0]
    assert restored.lead == {t: round(w, 6) for t, w in first.index.stories[a.story.id].members[0].lead.items()}
    c = place(again, rows[2])
    assert c.story.id == a.story.id and c.near == rows[0]["id"]
    assert {s["id"]: s["num_documents"] for s in store.stories()} == {a.story.id: 2, b.story.id: 1}


def test_placement_resumes_from_duckdb(tmp_path):
    with open_store(tmp_path / "resume.duckdb") as store:
        resume_in_store(store)


def test_placement_resumes_from_postgres(pg_url):
    with open_store(pg_url) as store:
        resume_in_store(store)
