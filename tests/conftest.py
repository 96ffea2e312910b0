"""Shared fixtures: the pipeline is loaded once per test session; ../shared data is found or skipped."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHRONICLER_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpora" / "seed" / "cuba-us-talks-denial.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (tests read ../shared, never a copy)")
    return path


@pytest.fixture(scope="session")
def analyzer():
    from chronicler.nlp.analyzer import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def nlp(analyzer):
    return analyzer.nlp


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("corpora", "seed", "cuba-us-talks-denial.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def seed_result(analyzer, seed_text):
    """The seed article analysed with a publication date in January 2026 (Tuesday 6 January)."""
    from datetime import date

    from chronicler.sources.article import make_article

    return analyzer.analyze(make_article(seed_text, published=date(2026, 1, 6))).to_dict()


def assert_spans_valid(text: str, result: dict) -> None:
    """Every span in a contract result satisfies text[start:end] == span text."""
    for a in result["actors"]:
        for s, e in a["mentions"]:
            assert 0 <= s < e <= len(text), (a, s, e)
    for q in result["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"], q
        if q["cue"]:
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"], q
        if q["speaker"]:
            s, e = q["speaker"]["mention"]
            assert 0 <= s < e <= len(text), q
    for ev in result["events"]:
        sp = ev["evidence"]
        assert text[sp["start"]:sp["end"]] == sp["text"], ev
