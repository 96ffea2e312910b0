"""Main text of an HTML page, via trafilatura (scripts, styles, navigation and boilerplate dropped)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chronicler.errors import InputError


@dataclass(slots=True)
class HtmlText:
    text: str
    title: str | None
    published: date | None
    source: str | None


def extract_html(html: str, name: str = "input", url: str | None = None) -> HtmlText:
    import trafilatura  # imported lazily: plain-text users never pay for lxml and friends

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(f"{name}: HTML page with no main text to extract")
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    return HtmlText(text=doc.text, title=doc.title or None, published=published, source=doc.sitename or None)
