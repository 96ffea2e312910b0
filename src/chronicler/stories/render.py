"""A story as readable text: its documents, then its timeline, merged events seen in several articles,
statements quoted by several outlets, and disputes."""
from __future__ import annotations

from typing import Any

from chronicler.render import safe


def render_story(story: dict[str, Any]) -> str:
    lines = [f"story {story['id']}: {safe(story['title'] or '', 120)}",
             f"  {story['first_seen']} .. {story['last_seen']}, {len(story['documents'])} documents", "",
             "documents:"]
    for d in story["documents"]:
        lines.append(f"  {d['published'] or '?':10}  {safe(d['source'] or '?', 24):24}  {safe(d['title'] or '', 80)}")
    lines += ["", "timeline (by the day it happened; 'reported' where that is unknown):"]
    for t in story["timeline"]:
        lines.append(f"  {t['date'] or '?':10}  {t['date_basis']:8}  {t['id']:5} x{t['num_articles']}  "
                     f"{safe(t['summary'], 100)}")
    shared = [e for e in story["events"] if e["num_articles"] > 1]
    lines += ["", f"events reported by several articles ({len(shared)} of {len(story['events'])}):"]
    for e in shared:
        tgt = e["target"]["name"] if e["target"] else "-"
        lines.append(f"  {e['id']:5} {e['type']:10} {safe(e['source']['name'] or '?', 30)} -> {safe(tgt or '?', 30)}"
                     f"  articles {e['num_articles']}, sources {e['num_sources']}, mentions {e['num_mentions']}")
    quoted = [q for q in story["quotes"] if q["num_articles"] > 1]
    lines += ["", f"statements quoted by several articles ({len(quoted)} of {len(story['quotes'])}):"]
    for q in quoted:
        lines.append(f"  {q['id']:5} {safe(q['speaker']['name'] or '?', 24)}: {safe(q['text'], 90)}"
                     f"  ({q['num_articles']} articles)")
    lines += ["", "disputes:"]
    for d in story["disputes"]:
        lines.append(f"  {d['id']:4} {d['type']}: {safe(d['claimed_by']['name'] or '?', 30)} claims, "
                     f"{safe(d['denied_by']['name'] or '?', 30)} denies{' (across articles)' if d['across'] else ''}")
    return "\n".join(lines) + "\n"
