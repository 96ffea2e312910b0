"""Polite HTTP fetching for `chronicler watch`: conditional GET (ETag / Last-Modified), a minimum interval
between requests to the same host, a timeout, and retries with exponential back-off on timeouts, connection
errors, 429 and 5xx (never on other 4xx). Standard library only. A fetch never raises: the outcome says
what happened."""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from chronicler import __version__

USER_AGENT = f"chronicler/{__version__} (news analysis; +https://github.com/chronicler)"
MAX_BYTES = 20 * 1024 * 1024
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class Fetched:
    url: str                          # the final URL, after redirects
    status: int | None                # HTTP status; None when no response came
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None          # why it failed, when it did
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One fetcher per watch run: it remembers when it last asked each host."""

    def __init__(self, *, timeout: float = 10.0, per_host_interval: float = 1.0, retries: int = 2,
                 backoff: float = 1.0, clock=time.monotonic, sleep=time.sleep) -> None:
        self.timeout, self.per_host_interval = timeout, per_host_interval
        self.retries, self.backoff = retries, backoff
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self.requests = 0
        self._opener = urllib.request.build_opener()

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.per_host_interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, None, error=f"{url}: not an http(s) URL")
        host = urlsplit(url).netloc.lower()
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                   "Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml, "
                             "text/html;q=0.9, */*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = Fetched(url, None, error="not fetched")
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for(host)
            result = self._once(url, headers)
            result.attempts = attempt + 1
            if result.status is not None and result.status not in RETRY_STATUS:
                break
        return result

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        self.requests += 1
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as resp:
                body = resp.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    return Fetched(resp.geturl(), resp.status, error=f"{url}: larger than {MAX_BYTES >> 20} MiB")
                return _fetched(resp.geturl(), resp.status, resp.headers, body)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return _fetched(url, 304, exc.headers, b"")
            return Fetched(url, exc.code, error=f"{url}: HTTP {exc.code} {exc.reason}")
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            return Fetched(url, None, error=f"{url}: {type(exc).__name__}: {reason}")


def _fetched(url: str, status: int, headers: Message, body: bytes) -> Fetched:
    return Fetched(url, status, body, content_type=headers.get("Content-Type", "") or "",
                   etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"))
