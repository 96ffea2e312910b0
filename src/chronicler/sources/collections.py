"""Collections of documents: folders, JSONL, JSON arrays (e.g. Reuters-21578) and CSV, streamed one at a time.

Each document comes out as a ``Loaded``: its origin (path, or path:line / path#index) and either an Article
or the reason it could not be read. Nothing here stops on a bad document.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from chronicler.errors import InputError
from chronicler.model import Article
from chronicler.sources.readers import article_from_text, iter_jsonl, parse_date, read_path

TEXT_KEYS = ("text", "body", "content")
DATE_KEYS = ("published", "date", "published_date", "pubdate")
SKIP_SUFFIXES = {".pyc", ".zip", ".gz", ".tar", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".parquet", ".duckdb"}


@dataclass(slots=True)
class Loaded:
    origin: str
    article: Article | None = None
    error: str | None = None


def _record_date(value: Any, name: str) -> date | None:
    """ISO dates, and the Reuters form '26-FEB-1987 15:01:01.79'."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    m = re.match(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})", text)
    if m:
        try:
            return datetime.strptime(m.group(0).title(), "%d-%b-%Y").date()
        except ValueError:
            pass
    return parse_date(text, name)


def article_from_record(rec: dict[str, Any], name: str) -> Article:
    text = next((rec[k] for k in TEXT_KEYS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if text is None:
        raise InputError(f"{name}: no text (looked for {', '.join(TEXT_KEYS)})")
    published = None
    for key in DATE_KEYS:
        if rec.get(key):
            published = _record_date(rec[key], name)
            break
    dateline = rec.get("dateline")
    if isinstance(dateline, str):
        dateline = dateline.strip().split(",")[0].rstrip(" -").strip() or None
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    source = rec.get("source") if isinstance(rec.get("source"), str) else None
    article = article_from_text(text, name, title=title, published=published, source=source,
                                dateline=dateline if isinstance(dateline, str) else None)
    article.record_id = str(rec["id"]) if rec.get("id") not in (None, "") else None
    return article


def _json_array(path: Path) -> Iterator[Loaded]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        yield Loaded(str(path), error=f"{path}: not readable JSON ({exc})")
        return
    records = data if isinstance(data, list) else [data]
    for n, rec in enumerate(records):
        name = f"{path}#{n}"
        if not isinstance(rec, dict):
            yield Loaded(name, error=f"{name}: not a JSON object")
            continue
        try:
            yield Loaded(name, article_from_record(rec, name))
        except InputError as exc:
            yield Loaded(name, error=str(exc))


def _csv(path: Path) -> Iterator[Loaded]:
    try:
        fh = path.open(newline="", encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        yield Loaded(str(path), error=f"{path}: cannot read ({exc.strerror or exc})")
        return
    csv.field_size_limit(1 << 27)
    with fh:
        for n, rec in enumerate(csv.DictReader(fh), 2):
            name = f"{path}:{n}"
            try:
                yield Loaded(name, article_from_record(rec, name))
            except InputError as exc:
                yield Loaded(name, error=str(exc))


def iter_documents(path: str | Path) -> Iterator[Loaded]:
    """Every document under ``path``: a file, or a folder walked in sorted order."""
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and not child.name.startswith(".") and child.suffix.lower() not in SKIP_SUFFIXES:
                yield from iter_documents(child)
        return
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        try:
            for item in iter_jsonl(p):
                yield Loaded(f"{p}:{item.line}", item.article, item.error)
        except InputError as exc:
            yield Loaded(str(p), error=str(exc))
    elif suffix == ".json":
        yield from _json_array(p)
    elif suffix == ".csv":
        yield from _csv(p)
    else:
        try:
            yield Loaded(str(p), read_path(p))
        except InputError as exc:
            yield Loaded(str(p), error=str(exc))
