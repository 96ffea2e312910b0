"""Benchmark: the HTTP API under load, on loopback only, bounded in requests and time; stops by itself.

    python bench/load.py [--docs 60] [--analyze 32] [--queries 300] [--clients 1,8,32] [--workers 1,2]

Ingests --docs Reuters bodies from ../shared (or the bundled example article, repeated with changes, when
../shared is absent) into a temporary store, starts `chronicler serve` on 127.0.0.1 with each --workers
count, and sends, for each number of concurrent clients, --analyze POST /v1/analyze requests (Reuters
bodies) and --queries GET requests spread over /v1/events, /v1/quotes, /v1/actors and /v1/disputes with
filters. Prints requests per second, p50 / p99 latency and errors per row (and --json for the figures);
exits non-zero when any request failed. Each phase also stops after --max-seconds.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
QUERIES = ["/v1/events?limit=50", "/v1/events?type=CONSULT", "/v1/events?actor=trade&limit=20",
           "/v1/quotes?limit=50", "/v1/quotes?speaker=minister", "/v1/actors?limit=20", "/v1/actors?country=USA",
           "/v1/disputes", "/v1/events?since=1987-03-01&until=1987-03-31&limit=100"]


def articles(n: int) -> list[dict]:
    reuters = sorted((SHARED / "corpora" / "reuters21578").glob("reut2-*.json"))
    out: list[dict] = []
    for f in reuters:
        for r in json.loads(f.read_text("utf-8")):
            if r.get("body") and 400 < len(r["body"]) < 4000:
                out.append({"id": r["attrs"]["newid"], "text": r["body"], "title": r.get("title")})
                if len(out) >= n:
                    return out
    base = (ROOT / "examples" / "harbour-talks.txt").read_text("utf-8")
    while len(out) < n:  # no ../shared: the example, made distinct
        out.append({"id": f"ex{len(out)}", "text": base + f"\n\nUpdate {len(out)}: talks resumed."})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "chronicler", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            con.request("GET", "/v1/health")
            if con.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("bench/load.py: the server did not start within 120 s")


def warm(port: int, body: bytes, workers: int) -> None:
    """Load the pipeline in every server process (one analysis each, sent concurrently) before timing."""
    threads = [threading.Thread(target=lambda: _one(port, "POST", "/v1/analyze", body)) for _ in range(workers * 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _one(port: int, method: str, path: str, body: bytes | None) -> int:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    con.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
    res = con.getresponse()
    res.read()
    con.close()
    return res.status


def load(port: int, requests: list[tuple[str, str, bytes | None]], clients: int, max_seconds: float) -> dict:
    """Send the requests from ``clients`` threads, each on one kept-alive connection; latencies in ms."""
    lock = threading.Lock()
    queue = list(reversed(requests))
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.perf_counter() + max_seconds

    def client() -> None:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while time.perf_counter() < stop_at:
            with lock:
                if not queue:
                    break
                method, path, body = queue.pop()
            started = time.perf_counter()
            try:
                con.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
                res = con.getresponse()
                res.read()
                ok = res.status == 200
                why = f"{res.status} {path}"
            except (OSError, http.client.HTTPException) as exc:
                ok, why = False, f"{type(exc).__name__} {path}"
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                if not ok:
                    errors.append(why)
        con.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else 0.0

    return {"clients": clients, "requests": len(latencies), "seconds": round(took, 2),
            "rps": round(len(latencies) / took, 1) if took else 0.0, "p50_ms": pct(0.50), "p99_ms": pct(0.99),
            "errors": len(errors), "first_errors": errors[:3]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=60, help="documents ingested into the store")
    ap.add_argument("--analyze", type=int, default=32, help="analyze requests per row")
    ap.add_argument("--queries", type=int, default=300, help="query requests per row")
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--workers", default="1,2", help="server processes, one row set per count")
    ap.add_argument("--max-seconds", type=float, default=120, help="a phase stops after this, sent or not")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    docs = articles(args.docs + args.analyze)
    stored, fresh = docs[:args.docs], docs[args.docs:]
    rows = []
    with tempfile.TemporaryDirectory(prefix="chronicler-load-") as tmp:
        batch, db = Path(tmp) / "docs.jsonl", str(Path(tmp) / "load.duckdb")
        batch.write_text("".join(json.dumps(d) + "\n" for d in stored), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        subprocess.run([sys.executable, "-m", "chronicler", "ingest", str(batch), "--db", db], env=env, check=True,
                       stderr=subprocess.DEVNULL)
        analyze = [("POST", "/v1/analyze", json.dumps({"text": d["text"]}).encode()) for d in fresh]
        queries = [("GET", QUERIES[i % len(QUERIES)], None) for i in range(args.queries)]
        for workers in [int(w) for w in args.workers.split(",")]:
            proc, port = serve(db, workers)
            try:
                warm(port, analyze[0][2], workers)
                for n in clients:
                    for kind, reqs in (("analyze", analyze), ("queries", queries)):
                        row = {"route": kind, "workers": workers, **load(port, reqs, n, args.max_seconds)}
                        rows.append(row)
                        if not args.json:
                            print(f"{kind:8} workers {workers}  clients {n:2}  {row['requests']:4} requests  "
                                  f"{row['rps']:7.1f} req/s  p50 {row['p50_ms']:8.1f} ms  p99 {row['p99_ms']:8.1f} ms  "
                                  f"errors {row['errors']}", flush=True)
            finally:
                os.killpg(proc.pid, 15)
                proc.wait(30)
    if args.json:
        print(json.dumps({"cpus": os.cpu_count(), "load_avg": os.getloadavg(), "rows": rows}, indent=1))
    else:
        print(f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
