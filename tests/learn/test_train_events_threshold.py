"""scripts/train_events.py: the events threshold is the lowest that reaches the precision asked for."""
import importlib.util
import os
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_events.py"


@pytest.fixture(scope="module")
def script():
    pytest.importorskip("sklearn")
    before = os.environ.get("CHRONICLER_EVENTS_DECISION")
    spec = importlib.util.spec_from_file_location("train_events", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # it switches the decision off for its own candidates: restored here
    if before is None:
        os.environ.pop("CHRONICLER_EVENTS_DECISION", None)
    else:
        os.environ["CHRONICLER_EVENTS_DECISION"] = before
    return module


def fake_figures(gold, cands, probs, threshold, weight=0.0):
    # precision rises with the threshold: type precision twice the threshold, triple precision the threshold
    return {"pred_events": 10 if threshold < 0.9 else 0, "type_P": 2 * threshold, "type_R": 1 - threshold,
            "triple_P": threshold, "triple_R": 0.5 - threshold / 2}


def test_the_type_target_alone_takes_the_lowest_threshold_reaching_it(script, monkeypatch):
    monkeypatch.setattr(script, "figures", fake_figures)
    threshold, sweep = script.choose_threshold([], [], [], 0.75)
    assert threshold == 0.4
    assert all(s["type_P"] < 0.75 for s in sweep if s["threshold"] < threshold)


def test_a_triple_target_raises_the_threshold_until_both_hold(script, monkeypatch):
    monkeypatch.setattr(script, "figures", fake_figures)
    threshold, _ = script.choose_threshold([], [], [], 0.75, 1.0, triple_target=0.65)
    assert threshold == 0.65
    # the whole-article sweep (weight > 0) starts lower than a sentence's
    _, sweep = script.choose_threshold([], [], [], 0.75, 1.0)
    assert sweep[0]["threshold"] == 0.1
    _, sweep = script.choose_threshold([], [], [], 0.75)
    assert sweep[0]["threshold"] == 0.2
