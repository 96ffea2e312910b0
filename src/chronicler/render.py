"""The readable report of one analysis, for a terminal. Article text is untrusted: control characters
(ANSI escapes included) are shown escaped, never sent raw to the terminal."""
from __future__ import annotations

import re
import textwrap
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe(value: Any, limit: int | None = None) -> str:
    """One line of untrusted text made safe to print: controls escaped, newlines shown as spaces."""
    text = "" if value is None else str(value)
    text = text.replace("\n", " ").replace("\t", " ")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _participant(p: dict[str, Any] | None) -> str:
    if not p:
        return "-"
    code = f" [{p['code']}]" if p.get("code") else ""
    return f"{safe(p['name'], 40)}{code}"


def render(result: dict[str, Any], width: int = 100) -> str:
    doc = result["document"]
    out: list[str] = []
    out.append(f"Document {doc['id'][:12]}")
    for key in ("title", "published", "source", "dateline"):
        if doc.get(key):
            out.append(f"  {key:<9} {safe(doc[key], width - 12)}")

    actors = {a["id"]: a for a in result["actors"]}
    out.append(f"\nActors ({len(actors)})")
    for a in result["actors"]:
        bits = [a["kind"]]
        if a["code"]:
            bits.append(a["code"])
        if a["title"]:
            bits.append(safe(a["title"], 40))
        out.append(f"  {a['id']:<4} {safe(a['name'], 40):<32} {', '.join(bits)}  ({len(a['mentions'])} mentions)")

    out.append(f"\nQuotes ({len(result['quotes'])})")
    for q in result["quotes"]:
        sp = q["speaker"]
        who = safe(sp["name"], 40) if sp else "(speaker unknown)"
        if sp and sp.get("actor"):
            who += f" [{sp['actor']}]"
        cue = f" — {safe(q['cue']['text'], 30)}" if q["cue"] else ""
        when = f", {q['date'] or safe(q['date_text'])}" if (q["date"] or q["date_text"]) else ""
        out.append(f"  {q['id']:<4} {who}{cue}{when} ({q['kind']}, {q.get('attribution', 'speech')})")
        for line in textwrap.wrap(safe(q["text"]), width - 8) or [""]:
            out.append(f"        {line}")

    out.append(f"\nEvents ({len(result['events'])})")
    for e in result["events"]:
        flags = [e["modality"]] + (["NEGATED"] if e["polarity"] == "negated" else [])
        cameo = f" CAMEO {e['cameo']}" if e["cameo"] else ""
        out.append(f"  {e['id']:<4} {e['type']:<9}{cameo} q{e['quad_class']} {_participant(e['source'])} -> "
                   f"{_participant(e['target'])}  ({', '.join(flags)}; conf {e['confidence']:.2f})")
        extra = []
        if e["date"] or e["date_text"]:
            extra.append(f"when: {e['date'] or 'unresolved'}" + (f" ({safe(e['date_text'])})" if e["date_text"] else ""))
        if e["location"]:
            extra.append(f"where: {safe(e['location']['name'])}")
        if e["quote"]:
            extra.append(f"quote: {e['quote']}")
        if extra:
            out.append(f"        {'; '.join(extra)}")
        out.append(f"        “{safe(e['evidence']['text'], width - 10)}”")

    out.append(f"\nDisputes ({len(result['disputes'])})")
    for d in result["disputes"]:
        out.append(f"  {d['id']:<4} {d['claim']} vs {d['counter']}: {safe(d['summary'], width - 20)}")
    return "\n".join(out) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def render_rows(rows: list[dict[str, Any]], fmt: str = "table", width: int = 40) -> str:
    """Query results as an aligned text table (cells escaped and cut), JSON lines array, or CSV."""
    import csv
    import io
    import json

    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        return buf.getvalue()
    if not rows:
        return "(no rows)\n"
    cols = list(rows[0])
    cells = [[safe(_cell(row[c]), width) for c in cols] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"
