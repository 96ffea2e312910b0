"""Polite fetching against a real server on loopback: conditional GET, no retry on 404, retries with back-off
on 5xx and timeouts, a minimum interval per host."""
from chronicler.feeds.fetch import Fetcher
from loopback import fixture_server  # noqa: F401 - the loopback server fixture


def test_conditional_get_returns_304_with_the_validators(fixture_server):
    f = Fetcher(per_host_interval=0)
    first = f.get(fixture_server.base + "/rss.xml")
    assert first.ok and first.etag and first.last_modified and b"<rss" in first.body
    again = f.get(fixture_server.base + "/rss.xml", etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""


def test_a_404_is_not_retried(fixture_server):
    sleeps = []
    f = Fetcher(per_host_interval=0, retries=3, sleep=sleeps.append)
    got = f.get(fixture_server.base + "/articles/gone.html")
    assert got.status == 404 and not got.ok and "404" in got.error
    assert got.attempts == 1 and fixture_server.hits["/articles/gone.html"] == 1


def test_a_5xx_is_retried_with_back_off(fixture_server):
    sleeps = []
    f = Fetcher(per_host_interval=0, retries=2, backoff=0.01, sleep=sleeps.append)
    got = f.get(fixture_server.base + "/flaky.xml")
    assert got.ok and got.attempts == 2 and sleeps == [0.01]


def test_a_slow_host_times_out_and_is_retried_then_given_up(fixture_server):
    fixture_server.slow_seconds = 1.0
    f = Fetcher(per_host_interval=0, timeout=0.2, retries=1, backoff=0.01)
    got = f.get(fixture_server.base + "/slow.xml")
    assert got.status is None and not got.ok and "timed out" in got.error.lower()
    assert got.attempts == 2


def test_requests_to_one_host_are_spaced(fixture_server):
    now = [100.0]
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    f = Fetcher(per_host_interval=2.0, clock=lambda: now[0], sleep=sleep)
    f.get(fixture_server.base + "/rss.xml")
    f.get(fixture_server.base + "/atom.xml")
    assert sleeps and abs(sum(sleeps) - 2.0) < 1e-6


def test_only_http_urls_are_fetched():
    got = Fetcher().get("file:///etc/passwd")
    assert got.status is None and "not an http" in got.error
