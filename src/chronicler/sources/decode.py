"""Turn raw bytes into text: encodings, HTML, and clear errors for what cannot be read.

Order of decoding: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then UTF-16
without BOM when the NUL pattern says so; then Latin-1 (cp1252 where its extra characters decode).
Binary input (NULs or many control bytes in a non-UTF-16 text) is refused.
"""
from __future__ import annotations

import codecs
import re

from chronicler.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html\b|<head\b|<body\b|<article\b|<div\b|<p\b|<meta\b|<!--)", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Formats people hand us by mistake: say what it is rather than reading it as Latin-1 text.
_MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or Office document)"),
          (b"\x1f\x8b", "gzip-compressed data"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"\x7fELF", "a program"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
          (b"{\\rtf", "an RTF document"), (b"SQLite format 3", "an SQLite database"))


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 without a BOM shows NULs in every other byte for ASCII-range characters."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(data) // 2
    if odd.count(0) > 0.4 * n and even.count(0) < 0.05 * n:
        enc = "utf-16-le"
    elif even.count(0) > 0.4 * n and odd.count(0) < 0.05 * n:
        enc = "utf-16-be"
    else:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode document bytes to str, or raise InputError saying why not."""
    if not data or not data.strip():
        raise InputError(f"{name}: empty input")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary data ({what}), not text or HTML; extract its text first")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} after its byte-order mark ({exc.reason})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _utf16_without_bom(data)
        if text is None:
            if b"\x00" in data:
                raise InputError(f"{name}: binary data, not text") from None
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if looks_binary(text):
        raise InputError(f"{name}: binary data, not text")
    return text


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 50)


def looks_like_html(data: bytes | str) -> bool:
    head = data[:2048]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return bool(_HTML_START.match(head.lstrip(codecs.BOM_UTF8)))
