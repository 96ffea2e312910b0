"""The HTTP API: in-process through FastAPI's TestClient, and once through a real uvicorn server on loopback."""
import json
import urllib.request

import pytest
from fastapi.testclient import TestClient

from chronicler.api import create_app
from chronicler.store import open_store
from conftest import assert_valid, served
from factories import TEXT, make_result


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with open_store(path) as store:
        store.add(make_result(), TEXT, "a.txt")
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db=db))


@pytest.mark.model
def test_analyze_returns_the_contract(client):
    text = "“We’re talking with Cuba,” Trump said on Sunday."
    res = client.post("/v1/analyze", json={"text": text, "published": "2026-01-05"})
    assert res.status_code == 200
    body = res.json()
    assert_valid(text, body)
    assert body["document"]["published"] == "2026-01-05" and body["quotes"]


@pytest.mark.parametrize("payload,status", [({"text": "   "}, 400), ({}, 422), ({"text": "x", "published": "5 Jan"}, 422)])
def test_analyze_rejects_bad_input_clearly(client, payload, status):
    res = client.post("/v1/analyze", json=payload)
    assert res.status_code == status
    assert res.json()["detail"]


def test_query_routes(client):
    assert [e["id"] for e in client.get("/v1/events", params={"polarity": "negated"}).json()] == ["E2"]
    assert client.get("/v1/quotes", params={"speaker": "trump"}).json()[0]["text"] == TEXT[0:26]
    assert client.get("/v1/actors", params={"country": "CUB"}).json()[0]["name"] == "Miguel Diaz-Canel"
    assert client.get("/v1/disputes").json()[0]["denied_by"] == "Miguel Diaz-Canel"
    assert client.get("/v1/disputes", params={"across": "true"}).json() == []
    doc_id = make_result()["document"]["id"]
    doc = client.get(f"/v1/documents/{doc_id}").json()
    assert doc["text"] == TEXT and doc["events"][0]["id"] == "E1"
    assert client.get("/v1/documents/nope").status_code == 404
    assert client.get("/v1/events", params={"limit": 0}).status_code == 422


def test_openapi_and_page(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/events", "/v1/quotes", "/v1/actors", "/v1/disputes"} <= set(spec["paths"])
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/app.js").headers["content-type"].startswith("text/javascript")


def test_queries_without_a_store_say_so(tmp_path):
    res = TestClient(create_app(db=str(tmp_path / "none.duckdb"))).get("/v1/events")
    assert res.status_code == 404 and "ingest" in res.json()["detail"]


def test_real_server_on_loopback(db):
    with served(create_app(db=db)) as url:
        with urllib.request.urlopen(f"{url}/v1/health", timeout=10) as res:
            assert json.load(res)["status"] == "ok"
        with urllib.request.urlopen(f"{url}/v1/events?type=CONSULT", timeout=10) as res:
            assert len(json.load(res)) == 2
