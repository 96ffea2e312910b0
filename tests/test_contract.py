"""The contract holds for every input: schema-valid output, every span cutting its own text."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicler.contract import schema_errors, span_errors
from chronicler.sources.article import make_article
from conftest import assert_valid, shared_path

pytestmark = pytest.mark.model

FRAGMENTS = ["“", "”", '"', "'", "‘", "’", " said ", " told reporters", ", he said.", "Trump", "Díaz-Canel",
             "Cuba", "the United States", "HAVANA: ", "WASHINGTON (Reuters) - ", "\n", "\n\n", ". ", ": ",
             "denied", " on Monday", " January 3", "vowed to cut off oil", " urged Havana to make a deal",
             "\u00a0", "\t", "\r\n", "🙂", "\u200b", "\x1b[31m", "n’t", "—"]
mixed = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_unicode_text(analyzer, text):
    result = analyzer.analyze(make_article(text)).to_dict()
    assert_valid(text, result)


@SETTINGS
@given(mixed)
def test_newsy_fragments(analyzer, text):
    result = analyzer.analyze(make_article(text)).to_dict()
    assert_valid(text, result)
    json.dumps(result)  # serialisable


def test_seed_contract(seed_text, seed_result):
    assert_valid(seed_text, seed_result)
    assert seed_result["document"]["published"] == "2026-01-06"
    assert seed_result["document"]["dateline"] == "HAVANA"


def test_checkers_catch_broken_results(seed_text, seed_result):
    broken = json.loads(json.dumps(seed_result))
    broken["quotes"][0]["start"] += 1
    broken["events"][0]["type"] = "CHAT"
    assert span_errors(seed_text, broken)
    assert any("CHAT" in e for e in schema_errors(broken))


def _gold_texts(path, key="text", limit=None):
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)[key])
            if limit and len(texts) >= limit:
                break
    return texts


@pytest.mark.shared
def test_real_articles_ggt_and_polnear(analyzer):
    texts = _gold_texts(shared_path("data", "quotes", "ggt", "dev.jsonl"))
    texts += list(dict.fromkeys(_gold_texts(shared_path("data", "quotes", "polnear", "dev.jsonl"))))
    assert len(texts) >= 100
    for text, analysis in zip(texts, analyzer.analyze_many(make_article(t) for t in texts)):
        assert_valid(text, analysis.to_dict())


@pytest.mark.shared
def test_real_articles_hard_wrapped_reuters(analyzer):
    records = json.loads(shared_path("corpora", "reuters21578", "reut2-000.json").read_text("utf-8"))
    texts = [r["body"] for r in records if r.get("body")][:40]
    for text, analysis in zip(texts, analyzer.analyze_many(make_article(t) for t in texts)):
        assert_valid(text, analysis.to_dict())
