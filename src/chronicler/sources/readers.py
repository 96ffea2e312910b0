"""Readers: bytes, files and JSONL lines to Articles. Each bad document becomes an InputError, never a crash."""
from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from chronicler.errors import InputError
from chronicler.model import Article
from chronicler.sources.article import make_article
from chronicler.sources.decode import decode_bytes, looks_like_html
from chronicler.sources.html import extract_html

MAX_BYTES = 20 * 1024 * 1024
# spaCy's parser needs about 1 GB per 100,000 characters of one text: refuse rather than exhaust memory.
MAX_CHARS = 1_000_000


def parse_date(value: Any, name: str = "input") -> date | None:
    """A publication date from 'YYYY-MM-DD' (a longer ISO timestamp is cut to its date)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(f"{name}: published date {str(value)[:40]!r} is not YYYY-MM-DD") from None


def article_from_text(
    text: str,
    name: str = "input",
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    dateline: str | None = None,
    language: str | None = None,
) -> Article:
    if not text.strip():
        raise InputError(f"{name}: empty input")
    if looks_like_html(text):
        page = extract_html(text, name)
        return make_article(
            _checked_length(page.text, name),
            title=title or page.title,
            published=published or page.published,
            source=source or page.source,
            dateline=dateline,
            language=language,
        )
    return make_article(_checked_length(text, name), title=title, published=published, source=source,
                        dateline=dateline, language=language)


def _checked_length(text: str, name: str) -> str:
    if len(text) > MAX_CHARS:
        raise InputError(f"{name}: {len(text):,} characters, more than the {MAX_CHARS:,} one article may have; "
                         "split it into articles")
    return text


def article_from_bytes(data: bytes, name: str = "input", **meta: Any) -> Article:
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return article_from_text(decode_bytes(data, name), name, **meta)


def read_path(path: str | Path, **meta: Any) -> Article:
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a folder, not a file")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    meta.setdefault("source", p.name)
    return article_from_bytes(data, str(p), **meta)


@dataclass(slots=True)
class BatchItem:
    """One line of a batch: its id and Article, or the error that kept it from being read."""

    line: int
    id: Any
    article: Article | None = None
    error: str | None = None


def iter_jsonl(path: str | Path) -> Iterator[BatchItem]:
    """Lines of ``{"id", "text", "published"?, "title"?, "source"?, "language"?}``; blank lines are skipped.
    ``-`` reads standard input, line by line (a batch can be piped in and its results streamed out)."""
    if str(path) == "-":
        label, fh = "<stdin>", contextlib.nullcontext(sys.stdin.buffer)
    else:
        label = str(Path(path))
        try:
            fh = Path(path).open("rb")
        except OSError as exc:
            raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
    with fh as lines:
        for n, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            name = f"{label}:{n}"
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield BatchItem(n, n, error=f"{name}: not valid JSON ({exc})")
                continue
            if not isinstance(rec, dict):
                yield BatchItem(n, n, error=f"{name}: line is not a JSON object")
                continue
            rid = rec.get("id", n)
            try:
                text = rec.get("text")
                if not isinstance(text, str):
                    raise InputError(f"{name}: no 'text' string")
                article = article_from_text(
                    text,
                    name,
                    title=rec.get("title") if isinstance(rec.get("title"), str) else None,
                    published=parse_date(rec.get("published"), name),
                    source=rec.get("source") if isinstance(rec.get("source"), str) else None,
                    language=rec.get("language") if isinstance(rec.get("language"), str) else None,
                )
                article.record_id = str(rec["id"]) if rec.get("id") not in (None, "") else None
                yield BatchItem(n, rid, article=article)
            except InputError as exc:
                yield BatchItem(n, rid, error=str(exc))
