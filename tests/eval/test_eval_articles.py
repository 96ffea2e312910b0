"""Whole-article scoring: hand-made gold and predictions for the rules, and the reference scorer on shared gold."""
from __future__ import annotations

import importlib.util
import json

import pytest

from chronicler.eval.articles import load_gold, match_score, score
from tests.conftest import shared_path

TEXT = "Smith accuses Jones. Nothing happened. Brown met Green."
GOLD = {
    "id": "a1", "published": "2020-01-01", "region_end": 38, "text": TEXT,
    "sentences": [{"i": 1, "start": 0, "end": 20}, {"i": 2, "start": 21, "end": 38}],
    "events": [{"s": 1, "trigger": "accuses", "type": "ACCUSE", "source": {"text": "Smith", "name": "John Smith"},
                "target": {"text": "Jones", "name": "Ann Jones"}, "polarity": "asserted", "modality": "actual"}],
    "actors": [{"name": "John Smith", "kind": "person", "country": "USA", "sector": "LEG", "forms": ["Smith"]},
               {"name": "Ann Jones", "kind": "person", "country": "USA", "sector": "GOV", "forms": ["Jones"]}],
}


def event(etype, start, end, src, tgt=None, polarity="asserted"):
    return {"type": etype, "evidence": {"start": start, "end": end}, "polarity": polarity, "modality": "actual",
            "source": {"name": src}, "target": {"name": tgt} if tgt else None}


def test_type_and_triple_matches_are_one_to_one_and_need_the_right_actors():
    pred = {"a1": {"events": [event("ACCUSE", 0, 19, "Smith", "Ann Jones"),   # triple
                              event("ACCUSE", 0, 19, "Smith", "Jones"),       # second: no gold left
                              event("CONSULT", 39, 54, "Brown", "Green")],    # outside the region
                   "actors": []}}
    f = score([GOLD], pred)
    assert (f["pred_events"], f["type_P"], f["triple_P"], f["triple_R"]) == (2, 0.5, 0.5, 1.0)
    wrong = score([GOLD], {"a1": {"events": [event("ACCUSE", 0, 19, "Jones", "Smith")], "actors": []}})
    assert (wrong["type_P"], wrong["triple_P"]) == (1.0, 0.0)
    other_type = score([GOLD], {"a1": {"events": [event("SUPPORT", 0, 19, "Smith", "Jones")], "actors": []}})
    assert other_type["type_P"] == 0.0


def test_actors_found_and_coded():
    pred = {"a1": {"events": [], "actors": [
        {"name": "John Smith", "country": "USA", "sector": "LEG", "mentions": [[0, 5]]},     # coded
        {"name": "Jones", "country": "USA", "sector": "LEG", "mentions": [[14, 19]]},       # found, sector wrong
        {"name": "Green", "country": None, "sector": None, "mentions": [[49, 54]]},        # outside the region
        {"name": "Nobody", "country": None, "sector": None, "mentions": [[21, 28]]}]}}     # no gold actor
    f = score([GOLD], pred)
    assert (f["pred_actors"], f["actor_P"], f["actor_coded_P"], f["actor_R"]) == (3, 0.667, 0.333, 1.0)
    assert f["actor_country_ok"] == 1.0 and f["actor_sector_ok"] == 0.5


def test_names_match_by_surname_and_forms_not_pronouns():
    gold = {"name": "Barack Obama", "forms": ["the president", "he"]}
    assert match_score("Obama", gold) == 2.0
    assert match_score("President Barack Obama", gold) == 3.0
    assert match_score("he", gold) == 0.0
    assert match_score("Michelle Obama", {"name": "Barack Obama"}) == 2.0  # as the reference: surnames


def test_text_is_found_beside_the_gold(tmp_path):
    row = {k: v for k, v in GOLD.items() if k != "text"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(row) + "\n" + "not json\n")
    (tmp_path / "texts.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n")
    rows, skipped = load_gold(tmp_path / "gold.jsonl", [str(tmp_path / "texts.jsonl")])
    assert rows[0]["text"] == TEXT and skipped == 1


@pytest.mark.shared
def test_same_figures_as_the_reference_scorer(tmp_path):
    gold_path = shared_path("data", "articles", "basil_dev.jsonl")
    tool = shared_path("tools", "score_articles.py")
    spec = importlib.util.spec_from_file_location("score_articles", tool)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    rows, _ = load_gold(gold_path)
    # predictions made from the gold itself, perturbed: every other event's target renamed, some types changed
    preds = {}
    for n, g in enumerate(rows):
        sents = {s["i"]: s for s in g["sentences"]}
        evs = []
        for k, e in enumerate(g["events"]):
            s = sents[e["s"]]
            tgt = (e.get("target") or {}).get("name")
            evs.append(event(e["type"] if k % 5 else "AID", s["start"], s["end"], (e.get("source") or {}).get("name"),
                             "Nobody" if k % 2 else tgt))
        acts = [{"name": a["name"], "country": a["country"] if k % 3 else "XXX", "sector": a["sector"],
                 "mentions": [[0, 1]]} for k, a in enumerate(g["actors"])]
        preds[g["id"]] = {"id": g["id"], "events": evs, "actors": acts}
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in preds.values()))
    expected = ref.score(str(gold_path), str(path))
    ours = score(rows, preds)
    assert {k: ours[k] for k in expected} == expected
