"""Who the API lets in: writes need a token beyond loopback, bodies are bounded, CORS is closed, and every
response carries the security headers. A write route is added to the app here, as later ones (alerts,
deletes) will be: the guard covers any route by its method, not by a list."""
import logging

import pytest
from fastapi.testclient import TestClient

from chronicler.api import create_app
from chronicler.api.security import MAX_BODY, SECURITY_HEADERS, is_loopback, token_matches
from chronicler.store import open_store
from factories import TEXT, make_result

TOKEN = "s3cret-token-that-must-never-be-logged"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sec") / "sec.duckdb"
    with open_store(path) as store:
        store.add(make_result(), TEXT, "a.txt")
    return str(path)


def _with_write_route(app):
    @app.post("/v1/alerts")
    def add_alert(body: dict) -> dict:
        return {"stored": body}

    @app.delete("/v1/alerts/{alert_id}")
    def delete_alert(alert_id: str) -> dict:
        return {"deleted": alert_id}

    return app


def client(db, **kw):
    return TestClient(_with_write_route(create_app(db=db, **kw)))


@pytest.mark.parametrize("host,loop", [("127.0.0.1", True), ("::1", True), ("localhost", True), (None, True),
                                       ("0.0.0.0", False), ("192.168.1.5", False), ("::", False),
                                       ("example.org", False)])
def test_loopback_is_recognised(host, loop):
    assert is_loopback(host) is loop


def test_token_comparison():
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches(TOKEN, TOKEN[:-1]) and not token_matches(TOKEN, None)
    assert not token_matches(TOKEN, TOKEN + "x") and not token_matches(TOKEN, "")


def test_writes_beyond_loopback_without_a_token_are_refused(db):
    c = client(db, host="0.0.0.0")
    res = c.post("/v1/alerts", json={"actor": "trump"})
    assert res.status_code == 403 and "CHRONICLER_API_TOKEN" in res.json()["detail"]
    assert c.delete("/v1/alerts/1").status_code == 403
    assert c.get("/v1/events").status_code == 200  # reads stay open
    assert c.post("/v1/analyze", json={"text": "   "}).status_code == 400  # analysis writes nothing


def test_writes_on_loopback_need_no_token_unless_one_is_set(db):
    assert client(db, host="127.0.0.1").post("/v1/alerts", json={"a": 1}).status_code == 200
    assert client(db, host="127.0.0.1", token=TOKEN).post("/v1/alerts", json={"a": 1}).status_code == 401


@pytest.mark.parametrize("auth", [None, "", "Bearer", "Bearer ", f"Basic {TOKEN}", f"Bearer {TOKEN[:-1]}",
                                  f"Bearer {TOKEN}x", "Bearer " + "é" * 10])
def test_a_wrong_token_is_refused_and_never_echoed(db, auth, caplog):
    caplog.set_level(logging.DEBUG)
    headers = {"Authorization": auth.encode("utf-8")} if auth is not None else {}
    res = client(db, host="0.0.0.0", token=TOKEN).delete("/v1/alerts/7", headers=headers)
    assert res.status_code == 401 and res.headers["www-authenticate"] == "Bearer"
    assert TOKEN[:-1] not in res.text and TOKEN not in caplog.text


def test_the_right_token_writes_and_is_not_logged(db, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("CHRONICLER_API_TOKEN", TOKEN)
    c = client(db, host="0.0.0.0")  # the token from the environment
    res = c.post("/v1/alerts", json={"actor": "trump"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 200 and res.json() == {"stored": {"actor": "trump"}}
    assert c.delete("/v1/alerts/3", headers={"Authorization": f"bearer {TOKEN}"}).json() == {"deleted": "3"}
    assert TOKEN not in caplog.text and TOKEN not in res.text


def test_security_headers_on_every_response(db):
    c = client(db, host="0.0.0.0")
    responses = [c.get("/v1/health"), c.get("/v1/events"), c.get("/v1/documents/nope"), c.get("/no/such/page"),
                 c.get("/openapi.json"), c.get("/"), c.get("/app.js"), c.post("/v1/alerts", json={}),
                 c.post("/v1/analyze", content=b"{not json", headers={"content-type": "application/json"}),
                 c.get("/v1/events", params={"limit": "x"}), c.post("/v1/analyze", json={"text": " "})]
    assert {r.status_code for r in responses} >= {200, 400, 403, 404, 422}
    for res in responses:
        for name, value in SECURITY_HEADERS.items():
            assert name.lower() in res.headers, (res.request.url, name)
            if name != "Content-Security-Policy":
                assert res.headers[name] == value
    page = c.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]  # the page keeps its own policy
    assert c.get("/v1/events").headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_cors_is_closed(db):
    c = client(db)
    origin = {"Origin": "https://evil.example"}
    assert "access-control-allow-origin" not in c.get("/v1/events", headers=origin).headers
    pre = c.options("/v1/alerts", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert pre.status_code >= 400 and not any(h.startswith("access-control-") for h in pre.headers)


def test_oversized_bodies_get_413_with_a_message(db):
    c = client(db)
    big = b'{"text": "' + b"a " * (MAX_BODY // 2) + b'"}'
    res = c.post("/v1/analyze", content=big, headers={"content-type": "application/json"})
    assert res.status_code == 413 and "bytes" in res.json()["detail"]

    def stream():  # no declared length: counted while it arrives
        yield b'{"text": "'
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    res = c.post("/v1/alerts", content=stream(), headers={"content-type": "application/json"})
    assert res.status_code == 413 and "bytes" in res.json()["detail"]


@pytest.mark.parametrize("body,ctype", [(b"{not json", "application/json"), (b"[]", "application/json"),
                                        (b'{"text": 5}', "application/json"), (b"\xff\xfe\x00", "application/json"),
                                        (b"text=hello", "application/x-www-form-urlencoded"),
                                        (b'{"text": "a", "published": "2026-13-45"}', "application/json"),
                                        (b'{"text": null}', "application/json"), (b"", "application/json")])
def test_malformed_bodies_get_4xx_with_a_message(db, body, ctype):
    res = client(db).post("/v1/analyze", content=body, headers={"content-type": ctype})
    assert 400 <= res.status_code < 500 and res.json()["detail"]
