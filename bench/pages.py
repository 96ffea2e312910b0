"""Benchmark: how fast the web UI's pages are served from a store, through a real server on loopback.

    python bench/pages.py --db STORE [--repeat 7] [--browser]
    python bench/pages.py --db STORE --grow-to 19043 --out BIG.duckdb   # the store's analyses, repeated

Each page is the JSON its view asks for (the overview, the events table unfiltered / filtered / deep in its
pages, the actor page of the most and of a less reported actor, search for one common word / two words /
a rare word, the article reader on the longest article, the alerts page; the summary of the story with the
most events, a page of its events, all its lists as JSON, the topics) plus, with --browser, the whole page
drawn in headless Chromium (the time the page itself reports). That story's view and the topics are also built
once cold (the server builds them once per new article placed, then serves them from memory).
Prints median and worst time per page over --repeat runs (after one warm-up), against the 300 ms target.
The server is `chronicler serve` in its own process; the machine's load is printed with the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def grow_store(source: str, out: str, target: int) -> None:
    """A DuckDB store of ``target`` documents made from an analysed one: its documents and their records are
    copied whole (the k-th copy's ids end in "~k") until the target is reached. For timing pages at corpus
    scale when analysing the whole corpus does not fit the time at hand: the rows are real analyses, repeated."""
    import duckdb

    from chronicler.store import open_store

    Path(out).unlink(missing_ok=True)
    open_store(out).close()  # the schema
    con = duckdb.connect(out)
    con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    have = con.execute("SELECT count(*) FROM src.documents").fetchone()[0]
    copies = -(-target // have)
    tables = {"actors": "actors", "quotes": "quotes", "events": "events", "disputes": "disputes"}
    for table in ("stories", "story_documents", "story_actors"):  # the stories of the original documents
        con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
    for k in range(copies):
        n = min(have, target - k * have)
        suffix = "" if k == 0 else f"~{k}"
        con.execute("CREATE OR REPLACE TEMP TABLE pick AS SELECT id FROM src.documents ORDER BY id LIMIT ?", [n])
        con.execute("INSERT INTO documents SELECT id || ? AS id, title, published, source, dateline, language, "
                    "origin, ingested_at, text, result FROM src.documents WHERE id IN (SELECT id FROM pick)", [suffix])
        for table in tables:
            cols = [r[0] for r in con.execute(f"DESCRIBE src.{table}").fetchall()]
            select = ", ".join("doc_id || ? AS doc_id" if c == "doc_id" else c for c in cols)
            con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM src.{table} "
                        "WHERE doc_id IN (SELECT id FROM pick)", [suffix])
    con.execute("CHECKPOINT")
    con.close()
    print(f"grew {source} ({have:,} analysed documents) to {out} ({target:,} documents, {copies} copies)")


def start_server(db: str):
    """`chronicler serve` in its own process, as users run it (not a thread here: the browser's driver would
    share this process's interpreter lock with it)."""
    import subprocess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(__file__).resolve().parents[1] / "src")
    proc = subprocess.Popen([sys.executable, "-m", "chronicler", "serve", "--db", db, "--port", str(port)],
                            env={**os.environ, "PYTHONPATH": src}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            get(base + "/v1/health")
            return base, proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def get(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as resp:
        body = resp.read()
    return (time.perf_counter() - started) * 1000, body


def facts(store) -> dict[str, object]:
    """What the pages are chosen by: the longest article, the commonest event type, the number of events."""
    return {"longest": store._scalar("SELECT id FROM documents ORDER BY length(text) DESC LIMIT 1"),
            "etype": store._scalar("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 1"),
            "total": store._scalar("SELECT count(*) FROM events"),
            "story": store._scalar("SELECT x.story_id FROM story_documents x JOIN events e ON e.doc_id = x.doc_id "
                                   "GROUP BY x.story_id ORDER BY count(*) DESC, x.story_id LIMIT 1")}


def pages(base: str, known: dict[str, object]) -> dict[str, list[str]]:
    q = urllib.parse.quote
    overview = json.loads(get(base + "/v1/ui/overview")[1])
    actors = overview["actors"]
    longest, etype, total = known["longest"], known["etype"], known["total"]
    common, rare = actors[0]["name"], actors[-1]["name"]
    found = {
        "overview": ["/v1/ui/overview", "/v1/ui/alerts?limit=5"],
        "events (page 1)": ["/v1/ui/events?limit=50"],
        f"events (type={etype}, actor)": [f"/v1/ui/events?limit=50&type={etype}&actor={q(common.split()[0])}"],
        "events (deep page)": [f"/v1/ui/events?limit=50&offset={max(0, total // 2)}"],
        f"actor ({common})": ["/v1/ui/actor?name=" + q(common)],
        f"actor ({rare})": ["/v1/ui/actor?name=" + q(rare)],
        "search (oil)": ["/v1/ui/search?q=oil"],
        "search (oil prices)": ["/v1/ui/search?q=oil%20prices"],
        "search (rare word)": ["/v1/ui/search?q=zirconium"],
        "reader (longest article)": ["/v1/documents/" + longest],
        "alerts": ["/v1/ui/alerts?limit=100"],
        "page + scripts": ["/ui", "/ui/ui.js", "/ui/charts.js", "/ui/reader.js", "/ui/stories.js", "/ui/ui.css"],
    }
    story = known.get("story")
    if story:
        sid = q(str(story))
        found.update({"story summary (heaviest story)": [f"/v1/stories/{sid}/summary"],
                      "story events, a page (heaviest story)": [f"/v1/stories/{sid}/events?limit=25&offset=25"],
                      "story, every list as JSON (heaviest story)": [f"/v1/stories/{sid}"],
                      "topics": ["/v1/topics"]})
    return found


def browser_times(base: str, routes: dict[str, str], repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page(viewport={"width": 1280, "height": 900})
        for name, route in routes.items():
            times = []
            for i in range(repeat + 1):
                page.goto("about:blank")
                page.goto(base + "/ui#" + route)
                status = page.locator("#status").filter(has_text=re.compile(r"^(shown|error)"))
                status.wait_for(timeout=60_000)
                text = status.inner_text()
                if i:
                    times.append(float(re.search(r"(\d+) ms", text).group(1)) if text.startswith("shown") else float("nan"))
            out[name] = times
        b.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--browser", action="store_true", help="also time whole pages drawn in headless Chromium")
    ap.add_argument("--grow-to", type=int, metavar="N",
                    help="first copy --db's analysed documents into --out until it holds N documents, and time that")
    ap.add_argument("--out", help="with --grow-to: the grown store (a new DuckDB file)")
    args = ap.parse_args()
    if args.grow_to:
        if not args.out:
            ap.error("--grow-to needs --out")
        grow_store(args.db, args.out, args.grow_to)
        args.db = args.out
    from chronicler.store import open_store

    with open_store(args.db) as store:
        counts = store.counts()
        started = time.perf_counter()
        store.index_search()  # what `serve` does in the background when it starts (once per new document)
        indexed = time.perf_counter() - started
        known = facts(store)
        if known["story"]:  # a story's view and the topics are built once per new article, then kept
            store.story(store.story_ids()[0])  # the modules it needs loaded (once per server process)
            started = time.perf_counter()
            built = store.story(known["story"])
            print(f"heaviest story (most events) {known['story']}: {len(built['documents'])} articles, "
                  f"{len(built['events'])} events, {len(built['quotes'])} statements; view built in "
                  f"{1000 * (time.perf_counter() - started):.0f} ms (once per new article, then kept)")
            started = time.perf_counter()
            found = store.topics()
            print(f"topics of {len(store.story_ids()):,} stories: {len(found)} of two stories or more, grouped in "
                  f"{1000 * (time.perf_counter() - started):.0f} ms (once per new article, then kept)")
    base, server = start_server(args.db)
    print(f"store {args.db}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(f"search index brought up to date in {indexed:.1f} s (once; then per new document)")
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 CPU cores, shared)")
    print(f"{'page':<42} {'median ms':>10} {'worst ms':>9}  target 300 ms")
    found = pages(base, known)
    worst_all = 0.0
    for name, urls in found.items():
        for url in urls:
            get(base + url)  # warm-up
        runs = [sum(get(base + url)[0] for url in urls) for _ in range(args.repeat)]
        worst_all = max(worst_all, max(runs))
        print(f"{name:<42} {statistics.median(runs):>10.1f} {max(runs):>9.1f}  {'ok' if max(runs) < 300 else 'SLOW'}")
    if args.browser:
        longest = known["longest"]
        overview = json.loads(get(base + "/v1/ui/overview")[1])
        routes = {"overview": "/", "events": "/events", "actor": "/actor/" + urllib.parse.quote(overview["actors"][0]["name"]),
                  "search": "/search?q=oil", "reader": "/doc/" + longest, "alerts": "/alerts"}
        if known["story"]:
            routes.update({"story (summary page)": "/story/" + urllib.parse.quote(known["story"]),
                           "story events (a page)": "/story/" + urllib.parse.quote(known["story"]) + "/events"})
        print(f"\nwhole pages in Chromium (fetch + draw, as the page reports it)")
        for name, times in browser_times(base, routes, max(3, args.repeat // 2)).items():
            print(f"{name:<42} {statistics.median(times):>10.1f} {max(times):>9.1f}  {'ok' if max(times) < 300 else 'SLOW'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}; worst JSON page {worst_all:.1f} ms")
    server.terminate()
    server.wait(timeout=30)


if __name__ == "__main__":
    main()
