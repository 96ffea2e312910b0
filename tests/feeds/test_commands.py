"""The `watch` and `alerts` commands, and `serve --watch` (the watcher inside the server), on loopback."""
import json
import time

import pytest

from chronicler.cli import main
from chronicler.store import open_store
from loopback import fixture_server  # noqa: F401 - the loopback server fixture


def test_alerts_add_list_remove(tmp_path, capsys):
    db = str(tmp_path / "a.duckdb")
    assert main(["alerts", "add", "--type", "threaten", "--goldstein-below", "-5", "--to", "-", "--db", db]) == 0
    rid = capsys.readouterr().out.strip()
    assert len(rid) == 10
    assert main(["alerts", "add", "--type", "threaten", "--goldstein-below", "-5", "--to", "-", "--db", db]) == 2
    assert "exists already" in capsys.readouterr().err
    assert main(["alerts", "list", "--db", db]) == 0
    assert rid in capsys.readouterr().out
    assert main(["alerts", "list", "--db", db, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["id"] == rid and listed[0]["conditions"] == {"type": "THREATEN", "goldstein_below": -5.0}
    assert main(["alerts", "add", "--to", "-", "--db", db]) == 2  # no condition
    assert "at least one condition" in capsys.readouterr().err
    assert main(["alerts", "remove", rid, "--db", db]) == 0
    assert main(["alerts", "remove", rid, "--db", db]) == 2
    with open_store(db, read_only=True) as store:
        assert store.rules() == []


@pytest.mark.model
def test_watch_command_ingests_a_feed_and_delivers_alerts_to_stdout(low_events_threshold, tmp_path, capsys, fixture_server):
    db = str(tmp_path / "w.duckdb")
    assert main(["alerts", "add", "--type", "THREATEN", "--to", "-", "--db", db]) == 0
    capsys.readouterr()
    url = fixture_server.base + "/rss.xml"
    assert main(["watch", url, "--db", db, "--per-host", "0"]) == 0
    out, err = capsys.readouterr()
    alerts = [json.loads(line) for line in out.splitlines()]
    assert alerts and all(a["record"]["type"] == "THREATEN" for a in alerts)
    assert "poll 1: polled 1, not_modified 0, added 2" in err
    assert "chronicler: watch: 2/2 (added 2, failed 0)" in err  # the plain progress line (not a terminal)
    assert main(["watch", url, "--db", db, "--per-host", "0", "--every", "1s", "--rounds", "2"]) == 0
    err = capsys.readouterr().err
    assert "poll 2: polled 1, not_modified 1, added 0" in err
    assert main(["watch", fixture_server.base + "/nothing.xml", "--db", db]) == 1  # nothing but a failure


@pytest.mark.model
def test_serve_watch_polls_inside_the_server(tmp_path, analyzer, fixture_server):
    from fastapi.testclient import TestClient

    from chronicler.api import create_app
    from chronicler.feeds.background import start_watching
    from chronicler.feeds.fetch import Fetcher

    app = create_app(db=str(tmp_path / "s.duckdb"), writable=True)
    app.state.services._analyzer = analyzer
    client = TestClient(app)
    stop = start_watching(app.state.services, [fixture_server.base + "/atom.xml"], 3600,
                          fetcher=Fetcher(per_host_interval=0), log=lambda _m: None)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            feeds = client.get("/v1/ui/alerts").json()["feeds"]
            if feeds and feeds[0]["items"]:
                break
            time.sleep(0.5)
        overview = client.get("/v1/ui/overview").json()
        assert overview["counts"]["documents"] == 2  # the protest and the talks copy; the 404 recorded
        assert {d["title"] for d in overview["latest"]} >= {"Thousands protest in Kessel against harbour closure"}
        assert overview["counts"]["failures"] == 1
    finally:
        stop.set()
