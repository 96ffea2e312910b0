"""The web UI's JSON routes and POST /v1/documents, in-process (FastAPI's TestClient), on hand-built records;
the store's browse queries on DuckDB and PostgreSQL."""
import pytest
from fastapi.testclient import TestClient

from chronicler.api import create_app
from chronicler.store import open_store
from factories import make_result

TEXTS = [f"“We’re talking with Cuba,” Trump said on Sunday. Diaz-Canel denied it. Take {i}." for i in range(7)]


def fill(store):
    for i, text in enumerate(TEXTS):
        result = make_result(text)
        result["document"]["title"] = f"Talks {i}" + (" 100% <b>sure</b>" if i == 3 else "")
        result["document"]["published"] = f"2026-0{1 + i % 3}-1{i}"
        result["events"][0]["date"] = None
        store.add(result, text, f"t{i}.txt")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("browse") / "browse.duckdb"
    with open_store(path) as store:
        fill(store)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db=db))


def test_events_are_paged_with_their_total(client):
    first = client.get("/v1/ui/events", params={"limit": 5}).json()
    second = client.get("/v1/ui/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] == 14
    assert len(first["rows"]) == 5 and len(second["rows"]) == 5
    keys = {(r["doc_id"], r["id"]) for r in first["rows"]} | {(r["doc_id"], r["id"]) for r in second["rows"]}
    assert len(keys) == 10  # no row on two pages
    negated = client.get("/v1/ui/events", params={"polarity": "negated", "actor": "diaz"}).json()
    assert negated["total"] == 7 and {r["id"] for r in negated["rows"]} == {"E2"}
    assert client.get("/v1/ui/events", params={"country": "CUB", "since": "2026-03-01"}).json()["total"] == 4
    assert client.get("/v1/ui/events", params={"quad_class": 4}).json()["total"] == 0
    assert client.get("/v1/ui/events", params={"actor": "%"}).json()["total"] == 0  # LIKE wildcards are literal
    assert client.get("/v1/ui/events", params={"limit": 0}).status_code == 422


def test_actor_profile_has_timeline_network_and_quotes(client):
    a = client.get("/v1/ui/actor", params={"name": "Donald Trump"}).json()
    assert a["forms"][0]["code"] == "USAGOV" and a["forms"][0]["documents"] == 7
    assert [m["month"] for m in a["timeline"]] == ["2026-01", "2026-02", "2026-03"]
    assert sum(m["events"] for m in a["timeline"]) == 7
    assert a["network"] == [{"source": "Donald Trump", "target": "Cuba", "events": 7, "goldstein": 1.0}]
    assert len(a["quotes"]) == 7 and a["quotes"][0]["text"].startswith("“We’re talking")
    assert client.get("/v1/ui/actor", params={"name": "Nobody"}).json()["events"] == []


def test_search_needs_every_word_and_gives_a_snippet(client):
    hits = client.get("/v1/ui/search", params={"q": "talking take 3"}).json()
    assert hits["total"] == 1 and hits["rows"][0]["title"].startswith("Talks 3")
    row = hits["rows"][0]
    assert "talking" in row["around"].lower() and row["hit"] == TEXTS[3].lower().index("talking")
    assert client.get("/v1/ui/search", params={"q": "100%"}).json()["total"] == 1  # in a title; % is literal
    assert client.get("/v1/ui/search", params={"q": "havana"}).json()["total"] == 0
    paged = client.get("/v1/ui/search", params={"q": "cuba", "limit": 3, "offset": 3}).json()
    assert paged["total"] == 7 and len(paged["rows"]) == 3


def test_overview_and_alerts(client):
    o = client.get("/v1/ui/overview").json()
    assert o["counts"]["documents"] == 7 and o["latest"][0]["published"] == "2026-03-15"
    assert {a["name"] for a in o["actors"]} == {"Donald Trump", "Miguel Diaz-Canel"}
    assert client.get("/v1/ui/alerts").json() == {"rules": [], "alerts": [], "feeds": [], "failures": []}


def test_pages_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/ui")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    for asset in ("ui.js", "ui.css", "charts.js", "reader.js", "stories.js"):
        assert client.get(f"/ui/{asset}").status_code == 200
    assert client.get("/ui/../app.py").status_code == 404
    assert client.get("/ui/secrets.js").status_code == 404


def test_post_documents_needs_a_writable_store(client):
    res = client.post("/v1/documents", json={"text": "Trump said so."})
    assert res.status_code == 409


def test_writes_need_the_token_when_one_is_set_or_when_bound_beyond_loopback(tmp_path, monkeypatch):
    monkeypatch.delenv("CHRONICLER_API_TOKEN", raising=False)
    wide = TestClient(create_app(db=str(tmp_path / "w.duckdb"), writable=True, host="0.0.0.0"))
    assert wide.post("/v1/documents", json={"text": "x"}).status_code == 403
    monkeypatch.setenv("CHRONICLER_API_TOKEN", "s3cret-token")
    wide = TestClient(create_app(db=str(tmp_path / "w.duckdb"), writable=True, host="0.0.0.0"))
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"}):
        assert wide.post("/v1/documents", json={"text": "x"}, headers=headers).status_code == 401
    # the right token gets past the check (then the empty text is refused as input, not as access)
    res = wide.post("/v1/documents", json={"text": "  "}, headers={"Authorization": "Bearer s3cret-token"})
    assert res.status_code == 400


@pytest.mark.model
def test_post_documents_analyses_stores_once_and_fires_alerts(tmp_path, monkeypatch):
    import json

    monkeypatch.delenv("CHRONICLER_API_TOKEN", raising=False)
    db = tmp_path / "post.duckdb"
    out = tmp_path / "alerts.jsonl"
    with open_store(db) as store:
        store.add_rule("r1", {"actor": "trump"}, json.dumps([str(out)]))
    client = TestClient(create_app(db=str(db), writable=True))
    text = "Cuba denies talks\nHAVANA: “We’re talking with Cuba,” Trump said on Sunday. Diaz-Canel denied it.\n"
    res = client.post("/v1/documents", json={"text": text, "published": "2026-01-05", "url": "https://x.test/a"})
    assert res.status_code == 201 and res.json()["added"] and res.json()["events"] >= 1
    doc_id = res.json()["doc_id"]
    again = client.post("/v1/documents", json={"text": text})
    assert again.status_code == 200 and again.json() == {"doc_id": doc_id, "added": False}
    stored = client.get(f"/v1/documents/{doc_id}").json()
    assert stored["text"] == text and stored["document"]["published"] == "2026-01-05"
    assert res.json()["alerts"] == len(out.read_text().splitlines()) >= 1


def test_browse_queries_on_postgres(pg_url):
    with open_store(pg_url) as store:
        fill(store)
        page = store.events_page(limit=5, actor="trump")
        assert page["total"] == 7 and len(page["rows"]) == 5
        profile = store.actor_profile("Donald Trump")
        assert [m["month"] for m in profile["timeline"]] == ["2026-01", "2026-02", "2026-03"]
        assert profile["network"][0]["events"] == 7
        hits = store.search("talking take 3")
        assert hits["total"] == 1 and "talking" in hits["rows"][0]["around"].lower()
        assert store.search("100%")["total"] == 1
        store.add_rule("r1", {"type": "CONSULT"}, '["-"]')
        assert store.rules()[0]["rule"] == {"type": "CONSULT"}
        store.record_feed("http://f/", status=200, etag='"a"', new_items=2)
        store.record_feed("http://f/", status=304)
        state = store.feed_state("http://f/")
        assert state["etag"] == '"a"' and state["items"] == 2 and state["status"] == 304


def test_search_by_the_word_index_agrees_with_the_scan(tmp_path):
    path = tmp_path / "idx.duckdb"
    with open_store(path) as store:
        fill(store)
    with open_store(path, read_only=True) as store:  # cannot index: scans
        assert not store.index_search()
        scanned = store.search("talking take")
    with open_store(path) as store:
        assert store.index_search() and store._scalar("SELECT count(*) FROM search_docs") == 7
        indexed = store.search("talking take")
        assert indexed == scanned and indexed["total"] == 7
        assert store.search("talk")["total"] == 0  # whole words
        assert store.search("sure")["total"] == 1  # the title is indexed too
        text = "“Díaz-Canel spoke,” said the report."
        result = make_result(text)
        store.add(result, text, "new.txt")
        found = store.search("díaz canel")  # caught up; accents folded: the "Diaz-Canel" of the others too
        assert found["total"] == 8 and result["document"]["id"] in {r["doc_id"] for r in found["rows"]}


def test_search_folds_accents_both_ways(tmp_path):
    """Spanish (and any) text: "Díaz" is found as "diaz" and "Diaz" as "díaz", by the index and by the scan, and
    the snippet's offset is the offset in the unfolded text."""
    path = tmp_path / "es.duckdb"
    text = "«No hay conversaciones», afirmó Díaz-Canel en La Habana; Peña habló después."
    result = make_result(text)
    result["document"]["language"] = "es"
    with open_store(path) as store:
        store.add(result, text, "es.txt")
    with open_store(path, read_only=True) as store:
        assert not store.index_search()
        scanned = [store.search(q)["total"] for q in ("diaz", "DÍAZ", "pena habló", "afirmo", "habana")]
    with open_store(path) as store:
        indexed = [store.search(q)["total"] for q in ("diaz", "DÍAZ", "pena habló", "afirmo", "habana")]
        hit = store.search("peña")["rows"][0]
    assert scanned == indexed == [1, 1, 1, 1, 1]
    assert text[hit["hit"]:hit["hit"] + 4] == "Peña"
