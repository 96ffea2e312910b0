"""Merged events and quotes, story disputes and the timeline, on hand-built contracts."""
from chronicler.exports import gdelt_rows
from chronicler.stories.view import event_counts, story_view

USA = {"actor": "A1", "name": "Donald Trump", "country": "USA", "code": "USAGOV"}
CUB = {"actor": "A2", "name": "Government of Cuba", "country": "CUB", "code": "CUBGOV"}
DIAZ = {"actor": "A3", "name": "Miguel Díaz-Canel", "country": "CUB", "code": "CUBGOV"}
US = {"actor": "A4", "name": "United States", "country": "USA", "code": "USA"}
ACTORS = [{"id": "A1", "name": "Donald Trump", "kind": "person", "country": "USA", "code": "USAGOV",
           "mentions": [[0, 5]]},
          {"id": "A2", "name": "Government of Cuba", "kind": "organization", "country": "CUB", "code": "CUBGOV",
           "mentions": [[0, 4]]},
          {"id": "A3", "name": "Miguel Díaz-Canel", "kind": "person", "country": "CUB", "code": "CUBGOV",
           "mentions": [[0, 4]]},
          {"id": "A4", "name": "United States", "kind": "country", "country": "USA", "code": "USA",
           "mentions": [[0, 2]]}]


def event(eid, etype, src, tgt, text, start=0, polarity="asserted", day=None, place=None):
    return {"id": eid, "type": etype, "cameo": "040", "quad_class": 1, "goldstein": 1.0, "polarity": polarity,
            "modality": "actual", "source": src, "target": tgt, "date": day, "date_text": None,
            "location": place, "evidence": {"start": start, "end": start + len(text), "text": text},
            "quote": None, "confidence": 0.8}


def quote(qid, text, speaker, kind="direct"):
    return {"id": qid, "start": 0, "end": len(text), "text": text, "kind": kind, "attribution": "speech",
            "speaker": speaker and {"actor": speaker["actor"], "name": speaker["name"], "mention": [0, 1]},
            "cue": None, "date": None, "date_text": None}


def doc(doc_id, source, published, events=(), quotes=()):
    result = {"document": {"id": doc_id, "title": doc_id, "published": published, "source": source},
              "actors": ACTORS, "events": list(events), "quotes": list(quotes), "disputes": []}
    return {"doc_id": doc_id, "record_id": f"rec-{doc_id}", "title": doc_id, "source": source,
            "published": published, "result": result}


DOCS = [
    doc("d1", "Wire", "2026-01-03", [event("E1", "ASSAULT", US, None, "raid", day="2026-01-03")]),
    doc("d2", "Ledger", "2026-01-04", [
        event("E1", "CONSULT", USA, CUB, "We're talking with Cuba", day="2026-01-04"),
        event("E2", "ASSAULT", US, None, "the raid in Venezuela", start=40, day="2026-01-03")],
        [quote("Q1", "“We’re talking with Cuba,”", USA)]),
    doc("d3", "Post", "2026-01-05", [
        event("E1", "CONSULT", DIAZ, US, "denied being in talks", polarity="negated", day="2026-01-05"),
        event("E2", "ASSAULT", US, None, "the US raid", start=30),
        event("E3", "ASSAULT", US, None, "another raid", start=60, day="2025-12-01")],
        [quote("Q1", "“We're talking with Cuba”", {"actor": "A1", "name": "Trump"}),
         quote("Q2", "There are no conversations", DIAZ)]),
    doc("d4", "Ledger", "2026-01-05", [event("E1", "CONSULT", USA, CUB, "talks with Havana")]),
]


def test_one_event_reported_by_several_articles_keeps_every_mention():
    story = story_view({"id": "s1", "title": "t", "first_seen": "2026-01-03", "last_seen": "2026-01-05"}, DOCS)
    raid = [e for e in story["events"] if e["type"] == "ASSAULT"]
    assert len(raid) == 2  # the raid a month earlier is another event
    main = max(raid, key=lambda e: e["num_articles"])
    assert (main["num_articles"], main["num_sources"], main["num_mentions"]) == (3, 3, 3)
    assert (main["first_seen"], main["last_seen"], main["date"]) == ("2026-01-03", "2026-01-05", "2026-01-03")
    assert [(m["doc_id"], m["start"], m["text"]) for m in main["mentions"]] == [
        ("d1", 0, "raid"), ("d2", 40, "the raid in Venezuela"), ("d3", 30, "the US raid")]
    talks = next(e for e in story["events"] if e["type"] == "CONSULT" and e["polarity"] == "asserted")
    assert (talks["num_articles"], talks["num_sources"]) == (2, 1)  # two Ledger articles: one outlet
    assert story["documents"][0] == {"doc_id": "d1", "id": "rec-d1", "title": "d1", "source": "Wire",
                                     "published": "2026-01-03"}


def test_one_statement_quoted_by_two_outlets_and_a_dispute_across_articles():
    story = story_view({"id": "s1", "title": "t", "first_seen": None, "last_seen": None}, DOCS)
    talking = [q for q in story["quotes"] if "talking" in q["text"]]
    assert len(talking) == 1 and talking[0]["num_articles"] == 2
    assert talking[0]["speaker"]["actor"] == "a-donald-trump"
    assert len(story["quotes"]) == 2
    [dispute] = story["disputes"]
    assert dispute["type"] == "CONSULT" and dispute["across"]
    assert dispute["claimed_by"]["name"] == "Donald Trump" and dispute["denied_by"]["name"] == "Miguel Díaz-Canel"
    assert {m["doc_id"] for m in dispute["claim_evidence"]} == {"d2", "d4"}
    assert [m["doc_id"] for m in dispute["counter_evidence"]] == ["d3"]


def test_timeline_orders_by_the_day_it_happened_not_the_day_reported():
    story = story_view({"id": "s1", "title": "t", "first_seen": None, "last_seen": None}, DOCS)
    days = [(t["date"], t["date_basis"]) for t in story["timeline"]]
    assert days[0] == ("2025-12-01", "happened")  # reported on 2026-01-05, happened a month before
    assert days == sorted(days, key=lambda d: (d[0], d[1] != "happened"))


def test_gdelt_rows_carry_the_merged_counts_once():
    counts = event_counts(DOCS)
    d2 = DOCS[1]
    rows = gdelt_rows(d2["result"], "x" * 100, None, None, {e: v for (d, e), v in counts.items() if d == "d2"})
    by_code = [(r[26], r[31:34]) for r in rows]
    assert ("040", ["2", "1", "2"]) in by_code  # the talks: 2 mentions, 1 outlet, 2 articles
    assert len(rows) == 1  # the raid was exported with the article that first reported it
    first = gdelt_rows(DOCS[0]["result"], "x" * 100, None, None, {"E1": counts[("d1", "E1")]})
    assert first[0][31:34] == ["3", "3", "3"]
