"""`chronicler watch` end to end on loopback: real feeds, real pages, the real pipeline, a real store; and the
alerts it fires, delivered to a file and to a webhook receiver."""
import json

import pytest

from chronicler.alerts import Deliverer, check_document, make_rule, rule_id
from chronicler.feeds.fetch import Fetcher
from chronicler.feeds.watch import Watcher, canonical_url, feed_items, parse_every, watch
from chronicler.store import open_store
from loopback import fixture_server  # noqa: F401 - the loopback server fixture

pytestmark = pytest.mark.model


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "watch.duckdb") as s:
        yield s


def watcher_for(store, analyzer, deliverer=None, **fetch):
    on_document = None
    if deliverer is not None:
        on_document = lambda result, _text, item: check_document(store, result, deliverer, item.url)  # noqa: E731
    return Watcher(store, lambda a: analyzer.analyze(a).to_dict(),
                   fetcher=Fetcher(per_host_interval=0, backoff=0.01, **fetch), on_document=on_document)


def test_rss_items_are_ingested_once_and_a_second_poll_is_a_304(store, analyzer, fixture_server):
    w = watcher_for(store, analyzer)
    first = w.poll([fixture_server.base + "/rss.xml"])
    assert (first.added, first.failed) == (2, 0)
    docs = store._rows("SELECT title, published, source, origin FROM documents ORDER BY published")
    assert [d["title"] for d in docs] == ["Ruritania threatens sanctions over harbour dispute",
                                          "Borduria and Ruritania agree to resume harbour talks"]
    assert str(docs[0]["published"]) == "2026-02-03" and docs[0]["source"] == "The Daily Fixture"
    assert docs[0]["origin"] == fixture_server.base + "/articles/harbour.html"
    text = store.text(store._scalar("SELECT id FROM documents WHERE title LIKE 'Ruritania%'"))
    assert "We will not accept any blockade" in text and "window.__tracker" not in text and "Subscribe" not in text
    second = w.poll([fixture_server.base + "/rss.xml"])
    assert (second.not_modified, second.added) == (1, 0)
    assert fixture_server.hits["/articles/harbour.html"] == 1
    assert store.feed_state(fixture_server.base + "/rss.xml")["items"] == 2


def test_atom_dedups_by_text_and_records_a_404(store, analyzer, fixture_server):
    w = watcher_for(store, analyzer)
    w.poll([fixture_server.base + "/rss.xml"])
    stats = w.poll([fixture_server.base + "/atom.xml"])
    assert stats.added == 1  # the protest; the syndicated copy has the talks' text
    assert stats.duplicates == 1 and stats.failed == 1
    assert store.counts()["documents"] == 3
    failures = store.failures()
    assert [f["origin"] for f in failures] == [fixture_server.base + "/articles/gone.html"]
    assert "404" in failures[0]["reason"]
    again = w.poll([fixture_server.base + "/atom.xml"])  # a 304: the 404 is not asked again either
    assert again.not_modified == 1 and fixture_server.hits["/articles/gone.html"] == 1


def test_a_feed_that_changes_between_polls_brings_only_its_new_item(store, analyzer, fixture_server):
    w = watcher_for(store, analyzer)
    url = fixture_server.base + "/changing.xml"
    rounds = watch(w.poll, [url], every=0.01, rounds=2, sleep=lambda _s: setattr(fixture_server,
                                                                                  "changing_version", 2))
    assert [r.added for r in rounds] == [1, 1]
    assert fixture_server.hits["/articles/harbour.html"] == 1 and fixture_server.hits["/articles/protest.html"] == 1


def test_failures_are_recorded_never_fatal(store, analyzer, fixture_server):
    fixture_server.slow_seconds = 1.0
    w = watcher_for(store, analyzer, timeout=0.2, retries=0)
    stats = w.poll([fixture_server.base + "/slow.xml", fixture_server.base + "/nothing.xml",
                    "ftp://example.invalid/feed", fixture_server.base + "/articles/protest.html"])
    assert stats.failed == 3 and stats.added == 1  # the article URL after three failures still comes in
    reasons = {f["origin"]: f["reason"] for f in store.failures()}
    assert "timed out" in reasons[fixture_server.base + "/slow.xml"].lower()
    assert "404" in reasons[fixture_server.base + "/nothing.xml"]
    assert store.feed_state(fixture_server.base + "/slow.xml")["error"]


def test_alerts_fire_once_with_evidence_to_a_file_and_a_webhook(low_events_threshold, store, analyzer, fixture_server, tmp_path):
    out = tmp_path / "alerts.jsonl"
    targets = [str(out), fixture_server.base + "/webhook"]
    rule = make_rule(type="THREATEN")
    store.add_rule(rule_id(rule, targets), rule, json.dumps(targets))
    deliverer = Deliverer(store)
    w = watcher_for(store, analyzer, deliverer)
    stats = w.poll([fixture_server.base + "/rss.xml"])
    assert stats.alerts >= 1 and not deliverer.failed
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == stats.alerts == len(fixture_server.webhook)
    alert = lines[0]
    assert alert["kind"] == "event" and alert["record"]["type"] == "THREATEN"
    assert alert["document"]["url"].endswith("/articles/harbour.html")
    text = store.text(alert["document"]["doc_id"])
    for ev in alert["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]
    assert fixture_server.webhook[0] == alert
    assert store.alerts()[0]["rule"] == alert["rule"]
    # the same document again (by another route) fires nothing new
    assert check_document(store, store.document(alert["document"]["doc_id"]), deliverer) == 0


def test_a_webhook_that_fails_is_recorded_not_fatal(store, fixture_server):
    deliverer = Deliverer(store, retries=1, backoff=0.01, timeout=2)
    deliverer.deliver({"rule": "x"}, [fixture_server.base + "/no-such-hook"])
    assert deliverer.failed and "404" in deliverer.failed[0]
    assert store.failures()[0]["origin"] == f"alert:{fixture_server.base}/no-such-hook"


def test_feed_items_and_durations():
    from chronicler.errors import InputError
    from chronicler.feeds.fetch import Fetched

    page = Fetched("http://x/", 200, b"<!DOCTYPE html><html><body><p>hi</p></body></html>", "text/html")
    assert feed_items(page) is None
    broken = Fetched("http://x/f", 200, b"<?xml version='1.0'?><note><to>Tove</to></note>", "application/xml")
    with pytest.raises(InputError, match="not a readable feed"):
        feed_items(broken)
    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    with pytest.raises(Exception):
        parse_every("soon")


def test_an_item_is_remembered_by_its_canonical_url():
    assert canonical_url("HTTPS://News.Example/a/b?id=3&utm_source=rss&utm_medium=x#top") == "https://news.example/a/b?id=3"
    assert canonical_url("http://x.test?fbclid=1") == "http://x.test/"
