import pytest


@pytest.fixture
def low_events_threshold(monkeypatch):
    """The alert tests deliver whatever events the decision keeps: a low events bar keeps the fixture's threat
    whatever the shipped model's calibration (its confidence weighs how sure the doer and target are, and the
    synthetic countries of the fixture are far from the articles it was trained on)."""
    from chronicler.stages.events.decision import load_decision

    monkeypatch.setenv("CHRONICLER_EVENTS_THRESHOLD", "0.1")
    load_decision.cache_clear()
    yield
    monkeypatch.delenv("CHRONICLER_EVENTS_THRESHOLD")
    load_decision.cache_clear()
