"""scripts/annotate_speakers.py: a reader's file to offsets, its checks, agreement between two readings."""
import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import shared_path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "annotate_speakers.py"
spec = importlib.util.spec_from_file_location("annotate_speakers", SCRIPT)
A = importlib.util.module_from_spec(spec)
spec.loader.exec_module(A)

TEXT = ("Hillary Clinton spoke in Ohio. “We will win,” she said. A spokesman for Donald Trump said the "
        "campaign was confident. Bill Clinton did not comment.")


def _span(s):
    i = TEXT.index(s)
    return {"start": i, "end": i + len(s), "text": s}


ATTS = [{"id_anchor": "T1", "source": [_span("she")], "cue": [_span("said")], "content": [_span("“We will win,”")]},
        {"id_anchor": "T2", "source": [_span("A spokesman for Donald Trump")], "cue": [_span("said the")],
         "content": [_span("the campaign was confident")]},
        {"id_anchor": "T3", "source": [_span("Bill Clinton")], "cue": [_span("did not comment")], "content": []}]
ENTRY = {"id": "polnear:x", "doc": "x", "items": [["T1", None], ["T2", None], ["T3", None]]}


def test_a_clean_reading_becomes_offsets():
    problems = []
    ann = {"id": "polnear:x", "items": [
        {"n": 1, "speaker": "Hillary Clinton", "kind": "person", "act": "said"},
        {"n": 2, "speaker": None, "kind": "unnamed", "act": "said", "for": "Donald Trump"},
        {"n": 3, "speaker": "Bill Clinton", "kind": "person", "act": "other", "note": "a refusal"}]}
    out = A.convert(ENTRY, TEXT, ATTS, ann, problems)
    assert problems == []
    first, second, third = out["items"]
    assert TEXT[slice(*first["span"])] == "Hillary Clinton" and first["anchor"] == "T1"
    assert second["span"] is None and TEXT[slice(*second["for_span"])] == "Donald Trump"
    assert third["act"] == "other" and third["note"] == "a refusal"


def test_names_are_found_loosely_and_nearest_before_the_source():
    assert A.find_name(TEXT, "hillary  clinton") == [0, 15]
    text = "Clinton spoke. Later Clinton said it. Clinton left."
    assert A.find_name(text, "Clinton", near=text.index("said")) == [21, 28]
    assert A.find_name("“We” won", '"We"') == [0, 4]
    assert A.find_name(TEXT, "Clint") is None  # whole words only


def test_every_mistake_is_reported():
    problems = []
    ann = {"id": "polnear:x", "items": [
        {"n": 1, "speaker": "Hilary Clinton", "kind": "person", "act": "said"},  # misspelt: not in the text
        {"n": 2, "speaker": "Donald Trump", "kind": "unnamed", "act": "said"},  # a name with kind unnamed
        {"n": 2, "speaker": None, "kind": "unnamed", "act": "spoke"},  # twice, and an unknown act
        {"n": 9, "speaker": None, "kind": "nobody", "act": "other"}]}  # no such number
    A.convert(ENTRY, TEXT, ATTS, ann, problems)
    text = "\n".join(problems)
    assert "'Hilary Clinton' is not written so" in text
    assert "kind unnamed takes \"speaker\": null" in text
    assert "given twice" in text and "no attribution #9" in text
    assert "no item for #3" in text


def test_a_group_of_named_people_is_a_list():
    problems = []
    ann = {"id": "polnear:x", "items": [
        {"n": 1, "speaker": ["Hillary Clinton", "Bill Clinton"], "kind": "group", "act": "said"},
        {"n": 2, "speaker": ["Donald Trump"], "kind": "person", "act": "said"},
        {"n": 3, "speaker": None, "kind": "nobody", "act": "other"}]}
    out = A.convert(ENTRY, TEXT, ATTS, ann, problems)
    assert len(problems) == 1 and "list of names is for kind group" in problems[0]
    group = out["items"][0]
    assert len(group["members"]) == 2 and TEXT[slice(*group["members"][1])] == "Bill Clinton"


def test_agreement_counts_the_same_person_by_name_parts():
    assert A.same_speaker({"name": "Clinton", "kind": "person"}, {"name": "Hillary Clinton", "kind": "person"})
    assert not A.same_speaker({"name": "Bill Clinton", "kind": "person"},
                              {"name": "Donald Trump", "kind": "person"})
    assert A.same_speaker({"name": None, "kind": "unnamed"}, {"name": None, "kind": "unnamed"})
    assert not A.same_speaker({"name": None, "kind": "unnamed"}, {"name": None, "kind": "author"})
    assert A.kappa([("a", "a"), ("b", "b")]) == 1.0
    assert A.kappa([("a", "b"), ("b", "a")]) < 0

    def row(name, act):
        return {"id": "d", "attributions": [{"n": 1, "source": [{"text": "he"}], "act": act,
                                             "speaker": {"name": name, "kind": "person"}}]}
    same = A.agreement([row("Bob Dole", "said")], [row("Dole", "said")])
    assert same["speaker_agreement"] == 1.0 and same["speaker_agreement_pronoun_sources"] == 1.0
    differ = A.agreement([row("Bob Dole", "said")], [row("Ann Lee", "other")])
    assert differ["speaker_agreement"] == 0.0 and differ["act_agreement"] == 0.0


def test_the_manifest_numbers_every_polnear_attribution():
    shared_path("data", "quotes", "polnear", "train.jsonl")
    rows = A.polnear_rows("train")
    entries = A.manifest()
    assert len(entries) == 125 and sum(1 for e in entries if e["double"]) >= 15
    for e in entries[:20]:
        text, atts = A.attributions(e, rows)
        assert len(atts) == len(rows[e["doc"]]["attributions"])
        assert [a["id_anchor"] for a in atts] == [a["id_anchor"] for a in A.ordered(rows[e["doc"]]["attributions"])]
    sheet = A.sheet_article(entries[0], *A.attributions(entries[0], rows))
    assert sheet.startswith(f"=== ARTICLE {entries[0]['id']}") and "#1  P" in sheet and "[[" in sheet
