"""The speaker ranker: candidates of a cued quote, scoring by feature weights, the switch, the rules' fallback."""
import pytest

from chronicler.stages.quotes import ranker as R
from chronicler.stages.quotes.component import extract_quotes, find_quotes


@pytest.fixture(scope="module")
def parsed(nlp):
    return nlp("Asked about the deal, Maria Lopez, a spokeswoman for the ministry, said the talks had stalled.")


def _quote(parsed):
    ctx, found = find_quotes(parsed)
    f = next(f for f in found if "talks had stalled" in ctx.text[f.start:f.end])
    return ctx, f


def test_candidates_are_none_the_rules_choice_and_the_sentences_phrases(parsed):
    ctx, f = _quote(parsed)
    cands = R.candidates(ctx, f)
    assert cands[0].head is None and "none" in cands[0].words
    named = [c for c in cands if c.head is not None]
    assert all(ctx.text[c.start:c.end] for c in named)
    texts = {ctx.text[c.start:c.end] for c in named}
    assert "Maria Lopez" in texts and any("ministry" in t for t in texts)
    rule = [c for c in named if "rule" in c.words]
    assert len(rule) == 1 and ctx.text[rule[0].start:rule[0].end] == "Maria Lopez"
    assert not any(f.start <= c.start < f.end for c in named)  # nothing from inside the quote


def test_the_ranker_follows_its_weights(parsed):
    ctx, f = _quote(parsed)
    cands = R.candidates(ctx, f)
    prefer_rule = R.SpeakerRanker({"rule": 3.0}, -1.0)
    assert "rule" in prefer_rule.best(cands).words
    prefer_none = R.SpeakerRanker({"none": 3.0}, -1.0)
    assert prefer_none.best(cands).head is None
    assert R.ranked_head(ctx, f, prefer_none).text == "Lopez"  # it takes no speaker away from the rules
    prefer_object = R.SpeakerRanker({"dep=pobj": 3.0}, -1.0)
    assert R.ranked_head(ctx, f, prefer_object).text == "ministry"
    assert R.ranked_head(ctx, f, None).text == "Lopez"  # no ranker: the rules' choice


def test_extract_quotes_uses_the_rankers_choice(parsed):
    def speaker(ranker):
        q = next(q for q in extract_quotes(parsed, ranker=ranker) if "talks had stalled" in q.text)
        return q.speaker

    assert speaker(None).name == "Maria Lopez"
    assert speaker(R.SpeakerRanker({"none": 5.0}, -1.0)).name == "Maria Lopez"
    assert "ministry" in speaker(R.SpeakerRanker({"dep=pobj": 5.0}, -1.0)).name


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv(R.MODEL_ENV, "off")
    assert R.load_ranker() is None


def test_ranker_from_json_scores_as_a_logistic_regression():
    r = R.ranker_from_json({"weights": {"a": 1.0, "b": -2.0}, "bias": 0.5})
    assert r.score(["a"]) == pytest.approx(1 / (1 + 2.718281828459045 ** -1.5))
    assert r.score(["b", "zzz"]) < 0.5 < r.score([])


def test_training_labels_the_head_of_the_gold_source_not_words_inside_it(nlp):
    pytest.importorskip("sklearn", reason="scikit-learn is a training extra (pip install '.[train]')")
    from scripts.train_speakers import _labels

    doc = nlp("Matthew Goodwin, a professor at the University of Kent, said the vote would fail.")
    ctx, found = find_quotes(doc)
    f = next(f for f in found if "vote would fail" in ctx.text[f.start:f.end])
    cands = R.candidates(ctx, f)
    source = (0, ctx.text.index(", said"))  # the annotators' span: the name and its apposition
    labels = _labels(doc, cands, [source])
    right = [ctx.text[c.start:c.end] for c, y in zip(cands, labels) if y]
    assert right == ["Matthew Goodwin"]
    assert _labels(doc, cands, [])[0] == 1 and sum(_labels(doc, cands, [])) == 1  # no source: 'none' is right


def test_a_noun_naming_a_person_by_role_is_told_from_a_thing():
    assert R._noun_class("lawyer") == "person" and R._noun_class("resident") == "person"
    assert R._noun_class("minister") == "title"  # a role of titles.tsv comes first
    assert R._noun_class("hospital") == "other" and R._noun_class("government") == "org"
