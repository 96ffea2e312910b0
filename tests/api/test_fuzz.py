"""Property-based fuzzing of every route in the OpenAPI document (schemathesis): valid and invalid
parameters and bodies, generated from the schema; no response may be a server error (5xx). Injection
strings in every filter return the correct, empty answer on DuckDB and on PostgreSQL."""
from collections import Counter
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from chronicler.api import create_app
from chronicler.store import open_store
from factories import TEXT, make_result

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed (pip install '.[test]')")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.generation import GenerationMode  # noqa: E402

SENT: Counter = Counter()  # (route, status class) -> requests the fuzzer sent
FUZZ_EXAMPLES = 60  # per route and mode; deterministic (derandomised), a few seconds per route


def _store(target):
    with open_store(target) as store:
        store.add(make_result(), TEXT, "a.txt")
    return str(target)


@pytest.fixture(scope="module")
def duck(tmp_path_factory):
    return _store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")


def _schema():
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp(prefix="chronicler-fuzz-")) / "fuzz.duckdb"
    app = create_app(db=_store(path))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                    max_examples=FUZZ_EXAMPLES, deterministic=True, allow_x00=True)
    return schema


schema = _schema()


@schema.exclude(path="/v1/analyze").parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=FUZZ_EXAMPLES, derandomize=True)
def test_query_routes_never_answer_5xx(case):
    res = case.call_and_validate(checks=[not_a_server_error])
    SENT[(case.path, res.status_code // 100)] += 1


@pytest.mark.model
@schema.include(path="/v1/analyze").parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=25, derandomize=True)
def test_analyze_never_answers_5xx(case):
    res = case.call_and_validate(checks=[not_a_server_error], timeout=300)  # the first call loads the pipeline
    SENT[(case.path, res.status_code // 100)] += 1


def test_the_fuzzing_reached_every_route_with_valid_and_invalid_input():
    """Runs after the fuzz tests above (file order): they sent requests, accepted and refused, to each route."""
    if not SENT:
        pytest.skip("the fuzz tests were deselected")
    paths = {path for path, _ in SENT}
    assert {"/v1/events", "/v1/quotes", "/v1/actors", "/v1/disputes", "/v1/documents/{doc_id}"} <= paths
    assert {cls for _, cls in SENT} >= {2, 4} and 5 not in {cls for _, cls in SENT}
    print(f"fuzzed requests by route and status class: {dict(sorted(SENT.items()))}, total {sum(SENT.values())}")


INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE events; --", '" OR ""="', "%", "_", "%%", "\\", "\\%", "'", "*",
              "\x00", "a\x00' OR 1=1 --", "1; SELECT pg_sleep(5)", "$1", "?", "%s", "{}",
              "' UNION SELECT * FROM documents --",
              "Trump%", "%trump", "t_ump", "é" * 300, "a" * 10_000, "\u202e"]
FILTERS = {"/v1/events": ["type", "actor", "country", "doc"], "/v1/quotes": ["speaker", "doc"],
           "/v1/actors": ["name", "country", "sector"], "/v1/disputes": ["doc"]}


@pytest.fixture(params=["duckdb", "postgres"])
def injection_client(request, duck):
    if request.param == "duckdb":
        return TestClient(create_app(db=duck))
    return TestClient(create_app(db=_store(request.getfixturevalue("pg_url"))))


def test_injection_strings_in_every_filter_return_nothing(injection_client):
    c = injection_client
    before = {route: len(c.get(route).json()) for route in FILTERS}
    assert all(before.values())  # the store holds rows every route finds
    tried = 0
    for route, names in FILTERS.items():
        for name in names:
            for value in INJECTIONS:
                res = c.get(route, params={name: value})
                assert res.status_code == 200, (route, name, value, res.text[:200])
                assert res.json() == [], (route, name, value)
                tried += 1
        assert len(c.get(route).json()) == before[route]  # nothing dropped or changed
    doc_res = [c.get("/v1/documents/" + quote(v, safe="")) for v in INJECTIONS]
    assert {r.status_code for r in doc_res} <= {404}
    assert tried == sum(map(len, FILTERS.values())) * len(INJECTIONS)
    for raw in ("%ff%fe", "%ed%a0%80", "%c0%af"):  # not UTF-8: no client library sends these, a raw socket can
        res = c.get(f"/v1/events?actor={raw}")
        assert res.status_code < 500 and (res.status_code >= 400 or res.json() == [])


def test_like_wildcards_in_filters_match_themselves(duck):
    with open_store(duck, read_only=True) as store:
        assert [q["speaker_name"] for q in store.quotes(speaker="trump")] == ["Donald Trump"]
        assert store.quotes(speaker="%") == [] and store.quotes(speaker="_") == []
        assert store.events(doc="%") == [] and store.events(doc=make_result()["document"]["id"][:8])
        assert store.actors(name="diaz_canel") == [] and store.actors(name="diaz-canel")
