"""A story as readable text: its summary first (what happened, who said what, who is involved, where the
outlets differ, when) and its articles; with ``full``, the timeline, every merged event, every statement quoted
by several articles, and every dispute."""
from __future__ import annotations

from typing import Any

from chronicler.render import safe
from chronicler.stories.summary import ranked


def _who(p: dict[str, Any] | None) -> str:
    if not p:
        return ""
    return safe(p.get("name") or "?", 36) + (f" [{safe(p['code'], 12)}]" if p.get("code") else "")


def _quoted(text: str, limit: int) -> str:
    """Words from an article in quotation marks, unless they carry their own."""
    text = safe(text, limit)
    return text if text[:1] in "“\"‘'" else f"“{text}”"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _said(ev: dict[str, Any]) -> str:
    return f"{_quoted(ev['text'], 110)} — {safe(ev.get('source') or 'unknown outlet', 24)}, {ev.get('published') or '?'}"


def _event_line(e: dict[str, Any]) -> str:
    what = f"{_who(e['source'])} {'not ' if e['polarity'] == 'negated' else ''}{e['type']}"
    if e["target"]:
        what += f" {_who(e['target'])}"
    conf = f", confidence {e['confidence']:.2f}" if e.get("confidence") is not None else ""
    return (f"  {e['id']:5} {e['date'] or '':10}  {what}   ({_n(e['num_sources'], 'outlet')}, "
            f"{_n(e['num_articles'], 'article')}{conf})")


def render_summary(story: dict[str, Any]) -> list[str]:
    s = story["summary"]
    c, when = s["counts"], s["when"]
    outlets = ", ".join(f"{safe(o['outlet'], 24)} {o['articles']}" for o in s["outlets"])
    lines = [f"story {story['id']}: {safe(story['title'] or '', 120)}",
             f"  {when['first_seen']} .. {when['last_seen']} · {c['documents']} articles from {len(s['outlets'])} "
             f"outlets ({outlets}) · {c['events']} events, {c['quotes']} statements, {c['disputes']} disputes", "",
             "what happened (the events most outlets report):"]
    for e in s["what_happened"]:
        lines += [_event_line(e), f"          {_said(e['evidence'])}"]
    lines += ["", "who said what:"]
    for r in s["who_said_what"]:
        lines.append(f"  {_who(r['speaker'])}: {_n(r['num_statements'], 'statement')}, carried by "
                     f"{', '.join(safe(o, 24) for o in r['outlets'])}")
        for q in r["statements"]:
            lines.append(f"      {_quoted(q['text'], 110)} ({', '.join(safe(o, 24) for o in q['outlets'])})")
    lines += ["", "who is involved:",
              "  " + "; ".join(f"{_who(a)} {a['kind']}, {a['documents']} articles" for a in s["who_is_involved"])]
    differ = s["where_outlets_differ"]
    lines += ["", "where the outlets differ:"]
    for d in differ["disputes"]:
        lines += [f"  dispute {d['id']} {d['type']}: {safe(d['claimed_by']['name'] or '?', 30)} asserts, "
                  f"{safe(d['denied_by']['name'] or '?', 30)} denies{' (across articles)' if d['across'] else ''}",
                  f"      asserted: {_said(d['claim'])}", f"      denied:   {_said(d['counter'])}"]
    for o in differ["only_one_outlet"]:
        lines.append(f"  only {safe(o['outlet'], 30)} reports ({_n(o['num_events'], 'event')}, "
                     f"{_n(o['num_statements'], 'quotation')} no other outlet carries), e.g.:")
        for e in o["events"]:
            lines += [_event_line(e), f"          {_said(e['evidence'])}"]
        lines += [f"        {_who(q['speaker'])}: {_quoted(q['text'], 100)}" for q in o["statements"]]
    if not differ["disputes"] and not differ["only_one_outlet"]:
        lines.append("  nothing found (one outlet, or the outlets report the same)")
    span = f"events dated {when['first_event']} .. {when['last_event']}" if when["first_event"] else "no dated event"
    lines += ["", f"when: published {when['first_seen']} .. {when['last_seen']}; {span}"]
    by_day: dict[str, int] = {}
    for cell in when["by_day"]:
        by_day[cell["day"]] = by_day.get(cell["day"], 0) + cell["events"]
    top = max(by_day.values(), default=1)
    for day, n in sorted(by_day.items())[-14:]:
        lines.append(f"  {day}  {'#' * max(1, round(30 * n / top))} {n}")
    if when["before"] or when["after"]:
        lines.append(f"  (event mentions dated well before the coverage: {when['before']}, after it: {when['after']})")
    return lines


def render_story(story: dict[str, Any], full: bool = False) -> str:
    lines = render_summary(story) + ["", "articles:"]
    for d in story["documents"]:
        lines.append(f"  {d['published'] or '?':10}  {safe(d['source'] or '?', 24):24}  {safe(d['title'] or '', 80)}")
    if not full:
        lines += ["", f"(the full lists: {len(story['timeline'])} timeline rows, {len(story['events'])} events, "
                      f"{len(story['quotes'])} statements: --all, or --format json)"]
        return "\n".join(lines) + "\n"
    lines += ["", "timeline (by the day it happened; 'reported' where that is unknown):"]
    for t in story["timeline"]:
        lines.append(f"  {t['date'] or '?':10}  {t['date_basis']:8}  {t['id']:5} x{t['num_articles']}  "
                     f"{safe(t['summary'], 100)}")
    lines += ["", f"events ({len(story['events'])}), most reported first:"]
    lines += [_event_line(e) for e in ranked("events", story["events"])]
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


def render_topics(topics: list[dict[str, Any]]) -> str:
    """Topics, latest first, each with its stories."""
    lines = []
    for t in topics:
        lines.append(f"{t['first_seen'] or '?'} .. {t['last_seen'] or '?'}  {t['num_stories']} stories, "
                     f"{t['num_documents']} articles: {safe(t['title'] or '', 90)}")
        for s in t["stories"]:
            lines.append(f"    {s['id']:16} {s['first_seen'] or '?'}  {s['num_documents']:3}  {safe(s['title'] or '', 80)}")
    return "\n".join(lines) + "\n" if lines else "no topic of two stories or more\n"
