"""Alert rules on hand-built records: each condition, disputes within a document and across documents."""
import copy
import io
import json

import pytest

from chronicler.alerts import Deliverer, alerts_for, check_document, event_matches, make_rule
from chronicler.errors import InputError
from chronicler.store import open_store
from factories import make_result

EVENT = {"id": "E1", "type": "THREATEN", "quad_class": 3, "goldstein": -6.0,
         "source": {"actor": "A1", "name": "Donald Trump", "country": "USA", "code": "USAGOV"},
         "target": {"actor": None, "name": "Cuba", "country": "CUB", "code": "CUB"},
         "evidence": {"start": 0, "end": 5, "text": "Trump"}}


@pytest.mark.parametrize("rule,fires", [
    ({"actor": "trump"}, True), ({"actor": "USAGOV"}, True), ({"actor": "castro"}, False),
    ({"country": "CUB"}, True), ({"country": "VEN"}, False),
    ({"type": "THREATEN"}, True), ({"type": "CONSULT"}, False),
    ({"quad_class": 3}, True), ({"quad_class": 4}, False),
    ({"goldstein_below": -5}, True), ({"goldstein_below": -7}, False),
    ({"goldstein_above": -7}, True), ({"goldstein_above": 0}, False),
    ({"actor": "trump", "country": "CUB", "type": "THREATEN"}, True), ({"actor": "trump", "country": "VEN"}, False),
])
def test_every_condition_must_hold(rule, fires):
    assert event_matches(rule, EVENT) is fires


def test_a_rule_needs_a_condition_and_a_valid_quad_class():
    with pytest.raises(InputError):
        make_rule()
    with pytest.raises(InputError):
        make_rule(quad_class=5)
    assert make_rule(country="cub", type="threaten") == {"country": "CUB", "type": "THREATEN"}


def test_a_dispute_rule_fires_on_the_documents_dispute_with_both_sides_evidence():
    result = make_result()
    [alert] = alerts_for({"id": "r", "rule": {"disputes": True}}, result)
    assert alert["kind"] == "dispute" and alert["record"]["claim"]["id"] == "E1"
    assert [e["text"] for e in alert["evidence"]] == [result["events"][0]["evidence"]["text"],
                                                      result["events"][1]["evidence"]["text"]]
    assert alerts_for({"id": "r", "rule": {"disputes": True, "country": "VEN"}}, result) == []


def test_a_dispute_across_documents_fires_when_its_second_side_arrives(tmp_path):
    claim_text = "Trump said the United States is talking with Cuba."
    denial_text = "Diaz-Canel denied that Cuba is talking with the United States."
    claim = make_result(claim_text)
    claim["disputes"], claim["events"] = [], [claim["events"][0]]
    claim["events"][0]["evidence"] = {"start": 0, "end": 50, "text": claim_text[:50]}
    claim["quotes"], claim["events"][0]["quote"] = [], None
    denial = copy.deepcopy(make_result(denial_text))
    denial["disputes"], denial["quotes"] = [], []
    event = denial["events"][1]
    event["target"] = {"actor": None, "name": "United States", "country": "USA", "code": "USA"}
    event["evidence"] = {"start": 0, "end": 19, "text": denial_text[:19]}
    denial["events"] = [event]
    out = io.StringIO()
    with open_store(tmp_path / "x.duckdb") as store:
        store.add_rule("d1", {"disputes": True, "country": "CUB"}, json.dumps(["-"]))
        deliverer = Deliverer(store, stdout=out)
        store.add(claim, claim_text, "claim.txt")
        assert check_document(store, claim, deliverer) == 0
        store.add(denial, denial_text, "denial.txt")
        assert check_document(store, denial, deliverer) == 1
        assert check_document(store, denial, deliverer) == 0  # once
    alert = json.loads(out.getvalue())
    assert alert["kind"] == "dispute_across" and alert["record"]["denied_by"] == "Miguel Diaz-Canel"
    texts = {e["doc_id"]: e for e in alert["evidence"]}
    assert texts[denial["document"]["id"]]["text"] == denial_text[:19]
    claim_ev = texts[claim["document"]["id"]]
    assert claim_text[claim_ev["start"]:claim_ev["end"]] == claim_ev["text"]
