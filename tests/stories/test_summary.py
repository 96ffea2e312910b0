"""A story's summary on hand-built contracts: what most outlets report first, speakers by the outlets that
carried them, claims one outlet alone reports, disputes, and when."""
import copy

from chronicler.stories import summary as S
from chronicler.stories.view import story_view
from test_merge import CUB, DIAZ, DOCS, US, USA, doc, event, quote  # noqa: E402

ROW = {"id": "s1", "title": "t", "first_seen": "2026-01-03", "last_seen": "2026-01-05"}


def test_what_happened_ranks_by_outlets_then_confidence():
    docs = copy.deepcopy(DOCS)
    for e in docs[1]["result"]["events"]:
        if e["type"] == "CONSULT":
            e["confidence"] = 0.99  # the talks: two Ledger articles, one outlet, surest of all
    s = story_view(ROW, docs)["summary"]
    top = s["what_happened"][0]
    assert (top["type"], top["num_sources"], top["outlets"]) == ("ASSAULT", 3, ["Ledger", "Post", "Wire"])
    assert all(e["num_sources"] >= 2 for e in s["what_happened"])  # only what several outlets report
    assert top["evidence"]["doc_id"] in {"d1", "d2", "d3"} and top["evidence"]["text"] in (
        "raid", "the raid in Venezuela", "the US raid")
    assert top["source"] == {"actor": "a-usa", "name": "United States", "code": "USA"}


def test_a_story_of_one_outlet_shows_its_surest_events():
    s = story_view(ROW, [DOCS[1]])["summary"]
    assert [e["num_sources"] for e in s["what_happened"]] == [1, 1]
    assert s["where_outlets_differ"]["only_one_outlet"] == []  # nothing to compare with


def test_who_said_what_by_speaker_and_outlets():
    s = story_view(ROW, DOCS)["summary"]
    [trump, diaz] = s["who_said_what"]
    assert trump["speaker"] == {"actor": "a-donald-trump", "name": "Donald Trump", "code": "USAGOV"}
    assert trump["outlets"] == ["Ledger", "Post"] and trump["statements"][0]["num_sources"] == 2
    assert diaz["outlets"] == ["Post"] and diaz["speaker"]["code"] == "CUBGOV"


def test_long_statements_are_cut_in_the_summary_not_in_the_lists():
    long = "“" + "We will defend the revolution to the last drop of blood " * 8 + "”"
    docs = [doc("d9", "Post", "2026-01-05", quotes=[quote("Q1", long, DIAZ)])]
    story = story_view(ROW, docs)
    shown = story["summary"]["who_said_what"][0]["statements"][0]
    assert len(shown["text"]) == S.LONG and shown["text"].endswith("…")
    assert story["quotes"][0]["text"] == long and shown["evidence"]["text"] == long


def test_where_the_outlets_differ_disputes_and_claims_of_one_outlet():
    docs = copy.deepcopy(DOCS) + [doc("d5", "Wire", "2026-01-05", [
        event("E1", "THREATEN", USA, CUB, "threatened to cut off oil", day="2026-01-04"),
        event("E2", "AID", US, CUB, "sent aid", start=40)])]
    docs[-1]["result"]["events"][1]["confidence"] = 0.2  # below SURE: not shown as a difference
    differ = story_view(ROW, docs)["summary"]["where_outlets_differ"]
    [d] = differ["disputes"]
    assert d["type"] == "CONSULT" and d["claimed_by"]["name"] == "Donald Trump" and d["across"]
    assert d["claim"]["doc_id"] in ("d2", "d4") and d["counter"]["doc_id"] == "d3"
    assert set(d["outlets"]) == {"Ledger", "Post"}
    wire = next(o for o in differ["only_one_outlet"] if o["outlet"] == "Wire")
    assert [e["type"] for e in wire["events"]] == ["THREATEN"] and wire["num_events"] == 1
    post = next(o for o in differ["only_one_outlet"] if o["outlet"] == "Post")
    assert [q["text"] for q in post["statements"]] == ["There are no conversations"]


def test_when_counts_event_mentions_by_day_and_outlet_and_background_apart():
    w = story_view(ROW, DOCS)["summary"]["when"]
    assert (w["first_event"], w["last_event"]) == ("2025-12-01", "2026-01-05")
    assert w["before"] == 1 and w["after"] == 0  # the raid a month earlier
    cells = {(c["day"], c["outlet"]): c["events"] for c in w["by_day"]}
    assert cells[("2026-01-03", "Wire")] == 1 and cells[("2026-01-03", "Ledger")] == 1
    assert sum(cells.values()) + w["before"] == sum(len(d["result"]["events"]) for d in DOCS)


def test_full_lists_in_the_summary_order():
    story = story_view(ROW, DOCS)
    events = S.ranked("events", story["events"])
    assert [e["num_sources"] for e in events] == sorted((e["num_sources"] for e in events), reverse=True)
    assert S.ranked("actors", story["actors"]) == story["actors"]
