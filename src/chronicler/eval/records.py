"""Reading gold files whose records may be unusable: a line that is not JSON, not an object, or lacks a
required field of the right type is left out and counted, never a crash (``chronicler eval`` reports the
count beside the figures)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chronicler.errors import InputError


def read_text(path: str | Path) -> str:
    """A gold file's text, or InputError saying why it cannot be read."""
    p = Path(path)
    try:
        return p.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"{p}: no such gold file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, not a gold file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None


def usable(record: Any, required: dict[str, type]) -> bool:
    """An object whose required fields are present, of their types, and (strings) not blank."""
    if not isinstance(record, dict):
        return False
    for name, kind in required.items():
        value = record.get(name)
        if not isinstance(value, kind) or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
            return False
    return True


def read_jsonl(path: str | Path, required: dict[str, type]) -> tuple[list[dict[str, Any]], int]:
    """The usable records of a JSON-lines file, and how many lines were left out."""
    records: list[dict[str, Any]] = []
    skipped = 0
    for line in read_text(path).splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            skipped += 1
            continue
        if usable(record, required):
            records.append(record)
        else:
            skipped += 1
    return records, skipped
