"""`chronicler watch`: follow RSS/Atom feeds and article URLs, ingest each new item once.

One poll of a source: a conditional GET with the validators the store kept from the last poll (a 304 costs
nothing more); a feed (RSS 2.0, Atom, RDF: parsed by feedparser) yields its items' links; any other page is
an article itself. Each article URL is fetched once (``feed_items``, by URL), its main text extracted with
trafilatura, and it is analysed and stored unless the same text is stored already (by content hash). Every
failure — a 404, a timeout, a page with no text — is recorded in ``failures`` and ``feeds``; none stops
the run. New documents are handed to the alert rules (chronicler.alerts).
"""
from __future__ import annotations

import calendar
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from chronicler.errors import InputError
from chronicler.feeds.fetch import Fetched, Fetcher


@dataclass(slots=True)
class Item:
    url: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    feed: str | None = None


@dataclass(slots=True)
class PollStats:
    polled: int = 0
    not_modified: int = 0
    added: int = 0
    duplicates: int = 0       # already seen by URL or by text
    failed: int = 0
    alerts: int = 0
    queued: int = 0           # new items found so far (the progress bar's total)
    processed: int = 0        # of those, handled (stored, duplicate by text, or failed)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("polled", "not_modified", "added", "duplicates", "failed", "alerts")}


def parse_every(value: str) -> float:
    """'15m', '30s', '2h', '1d' or plain seconds -> seconds."""
    value = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if value and value[-1] in units:
            seconds = float(value[:-1]) * units[value[-1]]
        else:
            seconds = float(value)
    except ValueError:
        raise InputError(f"--every {value!r}: give a duration such as 15m, 30s, 2h") from None
    if seconds <= 0:
        raise InputError("--every must be positive")
    return seconds


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc).date()
    return None


_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def canonical_url(url: str) -> str:
    """The URL an item is remembered by: without its fragment and tracking parameters (utm_*, fbclid, ...), the
    scheme and host in lower case, so the same article linked twice is fetched once."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def feed_items(fetched: Fetched) -> list[Item] | None:
    """The items of a feed document, or None when the body is not a feed (then it is an article page)."""
    import feedparser

    ctype = fetched.content_type.split(";")[0].strip().lower()
    head = fetched.body[:512].lstrip().lower()
    if ctype == "text/html" or head.startswith((b"<!doctype html", b"<html")):
        return None
    parsed = feedparser.parse(fetched.body, response_headers={"content-location": fetched.url})
    if not parsed.get("version") and not parsed.entries:
        if "xml" in ctype or "rss" in ctype or "atom" in ctype or head.startswith((b"<?xml", b"<rss", b"<feed")):
            reason = parsed.get("bozo_exception") or "no RSS, Atom or RDF channel"
            raise InputError(f"{fetched.url}: not a readable feed ({reason})")
        return None
    source = (parsed.feed.get("title") or None) if parsed.get("feed") else None
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        items.append(Item(url=canonical_url(link), title=entry.get("title") or None, published=_entry_date(entry),
                          source=source, feed=fetched.url))
    return items


class Watcher:
    """Polls sources into a store. ``analyze`` turns an Article into a result dict (the pipeline, loaded
    once); ``on_document`` sees each new (result, text, item) — the alerts hook."""

    def __init__(self, store, analyze: Callable, *, fetcher: Fetcher | None = None,
                 on_document: Callable[[dict[str, Any], str, Item], int] | None = None,
                 log: Callable[[str], None] = lambda _m: None) -> None:
        self.store, self.analyze = store, analyze
        self.fetcher = fetcher or Fetcher()
        self.on_document, self.log = on_document, log

    def poll(self, sources: Iterable[str], on_item: Callable[[PollStats], None] | None = None) -> PollStats:
        stats = PollStats()
        for source in sources:
            self._poll_source(source, stats, on_item)
        return stats

    def _fail(self, origin: str, reason: str, stats: PollStats) -> None:
        stats.failed += 1
        stats.errors.append(reason)
        self.store.add_failure(origin, reason)
        self.log(f"failed: {reason}")

    def _poll_source(self, source: str, stats: PollStats, on_item) -> None:
        stats.polled += 1
        state = self.store.feed_state(source) or {}
        fetched = self.fetcher.get(source, etag=state.get("etag"), last_modified=state.get("last_modified"))
        if fetched.not_modified:
            stats.not_modified += 1
            self.store.record_feed(source, status=304)
            self.log(f"{source}: not modified")
            return
        if not fetched.ok:
            self.store.record_feed(source, status=fetched.status, error=fetched.error)
            self._fail(source, fetched.error or f"{source}: HTTP {fetched.status}", stats)
            return
        try:
            items = feed_items(fetched)
        except InputError as exc:
            self.store.record_feed(source, status=fetched.status, error=str(exc))
            self._fail(source, str(exc), stats)
            return
        if items is None:  # an article URL, not a feed
            self.store.record_feed(source, status=fetched.status, etag=fetched.etag,
                                   last_modified=fetched.last_modified)
            if self.store.seen_item(canonical_url(source)):
                stats.duplicates += 1
            else:
                stats.queued += 1
                added = self._ingest(Item(url=canonical_url(source)), fetched, stats)
                stats.processed += 1
                self.store.record_feed(source, status=fetched.status, new_items=added)
            if on_item:
                on_item(stats)
            return
        self.store.record_feed(source, status=fetched.status, etag=fetched.etag,
                               last_modified=fetched.last_modified)
        items = list({item.url: item for item in reversed(items)}.values())[::-1]  # one per URL, feed order
        new = [item for item in items if not self.store.seen_item(item.url)]
        stats.duplicates += len(items) - len(new)
        stats.queued += len(new)
        self.log(f"{source}: {len(items)} items, {len(new)} new")
        added = 0
        for item in new:
            page = self.fetcher.get(item.url)
            if not page.ok:
                self._fail(item.url, page.error or f"{item.url}: HTTP {page.status}", stats)
                # a permanent 4xx is not asked again; a timeout or a 5xx is, on the next poll
                if page.status is not None and 400 <= page.status < 500 and page.status != 429:
                    self.store.record_item(item.url, item.feed, None, item.title)
            else:
                added += self._ingest(item, page, stats)
            stats.processed += 1
            if on_item:
                on_item(stats)
        self.store.record_feed(source, status=fetched.status, new_items=added)

    def _ingest(self, item: Item, page: Fetched, stats: PollStats) -> int:
        from chronicler.sources.article import make_article
        from chronicler.sources.decode import decode_bytes, looks_like_html
        from chronicler.sources.html import extract_html
        from chronicler.sources.readers import MAX_CHARS

        try:
            raw = decode_bytes(page.body, item.url)
            if looks_like_html(raw) or "html" in page.content_type:
                extracted = extract_html(raw, item.url, url=page.url)
                text, title = extracted.text, item.title or extracted.title
                published, source = item.published or extracted.published, item.source or extracted.source
            else:
                text, title, published, source = raw, item.title, item.published, item.source
            if not text.strip():
                raise InputError(f"{item.url}: empty page")
            if len(text) > MAX_CHARS:
                raise InputError(f"{item.url}: {len(text):,} characters, more than one article may have")
            article = make_article(text, title=title, published=published, source=source)
        except InputError as exc:
            self._fail(item.url, str(exc), stats)
            self.store.record_item(item.url, item.feed, None, item.title)
            return 0
        if self.store.has_document(article.id):  # the same text under another URL
            stats.duplicates += 1
            self.store.record_item(item.url, item.feed, article.id, article.title)
            return 0
        try:
            result = self.analyze(article)
        except Exception as exc:  # noqa: BLE001 - one item's failure is recorded, not fatal
            self._fail(item.url, f"{item.url}: analysis failed ({type(exc).__name__}: {exc})", stats)
            return 0
        self.store.add(result, article.text, item.url)
        self.store.record_item(item.url, item.feed, article.id, article.title)
        stats.added += 1
        self.log(f"added {item.url} ({len(result['events'])} events, {len(result['quotes'])} quotes)")
        if self.on_document:
            stats.alerts += self.on_document(result, article.text, item)
        return 1


def watch(poll: Callable[[list[str]], PollStats], sources: list[str], every: float | None, *,
          rounds: int | None = None, on_round: Callable[[int, PollStats], None] | None = None,
          sleep=time.sleep) -> list[PollStats]:
    """Poll every source once (``poll``: e.g. ``Watcher.poll``), or every ``every`` seconds (``rounds``
    bounds it; None: until interrupted)."""
    done: list[PollStats] = []
    n = 0
    while True:
        started = time.monotonic()
        stats = poll(sources)
        n += 1
        done.append(stats)
        if on_round:
            on_round(n, stats)
        if every is None or (rounds is not None and n >= rounds):
            return done
        sleep(max(0.0, every - (time.monotonic() - started)))
