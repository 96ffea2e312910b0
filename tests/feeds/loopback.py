"""A real HTTP server on loopback serving the fixture feeds and pages this folder holds (RSS 2.0, Atom, a feed
that changes between polls, a 404, a slow host, a flaky host), and a webhook receiver."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


class FixtureServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.hits: dict[str, int] = {}
        self.changing_version = 1
        self.slow_seconds = 3.0
        self.webhook: list[dict] = []
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server: FixtureServer

    def log_message(self, *_args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/plain", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _fixture(self, name: str) -> bytes:
        return (FIXTURES / name).read_text("utf-8").replace("{base}", self.server.base).encode("utf-8")

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
            hits = self.server.hits[path]
        if path in ("/rss.xml", "/atom.xml", "/changing.xml"):
            name = f"changing-{self.server.changing_version}.xml" if path == "/changing.xml" else path[1:]
            body = self._fixture(name)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, headers={"ETag": etag})
            ctype = "application/atom+xml" if "atom" in path else "application/rss+xml; charset=utf-8"
            return self._send(200, body, ctype, {"ETag": etag, "Last-Modified": formatdate(usegmt=True)})
        if path == "/slow.xml":
            time.sleep(self.server.slow_seconds)
            return self._send(200, self._fixture("rss.xml"), "application/rss+xml")
        if path == "/flaky.xml":
            if hits == 1:
                return self._send(503, b"try again")
            return self._send(200, self._fixture("rss.xml"), "application/rss+xml")
        if path.startswith("/articles/"):
            file = FIXTURES / path.rsplit("/", 1)[1]
            if file.suffix == ".html" and file.is_file():
                return self._send(200, file.read_bytes(), "text/html; charset=utf-8")
        return self._send(404, b"not found")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/webhook":
            with self.server.lock:
                self.server.webhook.append(json.loads(body))
            return self._send(204)
        return self._send(404)


@pytest.fixture
def fixture_server():
    server = FixtureServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
