"""The learned speaker resolution: candidates and their features, the decision rule, its use and switch."""
import pytest

from chronicler.learn.linear import LinearModel
from chronicler.stages.quotes import resolution as R
from chronicler.stages.quotes.component import extract_quotes

TEXT = ("Jane Smith met Tom Brown in Ottawa on Monday. The talks lasted four hours. "
        "She said the two sides had agreed to meet again.")


@pytest.fixture(scope="module")
def parsed(nlp):
    return nlp(TEXT)


def _model(weights: dict[str, float], bias: float = -1.0) -> LinearModel:
    return LinearModel({"classes": ["0", "1"], "weights": {k: [-v / 2, v / 2] for k, v in weights.items()},
                        "bias": [-bias / 2, bias / 2]})


def _she(doc):
    return next(t for t in doc if t.text == "She")


def _ids(doc):
    return {a.name: a.id for a in doc._.actors}


def test_every_person_is_a_candidate_with_recency_and_gender(parsed):
    ids = _ids(parsed)
    cands = dict(R.candidate_features(parsed, _she(parsed), None))
    assert ids["Jane Smith"] in cands and ids["Tom Brown"] in cands
    jane, tom = cands[ids["Jane Smith"]], cands[ids["Tom Brown"]]
    assert "m=pron=she|gender=match" in jane and "m=pron=she|gender=clash" in tom
    assert any(w.startswith("m=pron=she|rec=") for w in jane)
    assert R.mention_type(_she(parsed)) == "pron=she"


def test_content_mentions_are_marked(parsed):
    ids = _ids(parsed)
    start = TEXT.index("the two sides")
    cands = dict(R.candidate_features(parsed, _she(parsed), None, [(TEXT.index("Jane"), start)]))
    assert "m=pron=she|in_content" in cands[ids["Jane Smith"]]


def test_choose_changes_the_rules_only_where_allowed_and_sure(parsed):
    ids = _ids(parsed)
    she = _she(parsed)
    model = _model({"m=pron=she|gender=match": 4.0, "m=pron=she|gender=clash": -4.0})
    res = R.Resolution(model, types={"pron=she": (0.5, 0.1)})
    assert res.choose(parsed, she, ids["Tom Brown"]) == ids["Jane Smith"]
    assert res.choose(parsed, she, None) == ids["Jane Smith"]  # unresolved: the best when likely enough
    assert res.choose(parsed, she, None, rule_named=True) is None  # the rules named someone: left alone
    shy = R.Resolution(model, types={"pron=she": (0.99, 0.1)})
    assert shy.choose(parsed, she, None) is None
    other_types = R.Resolution(model, types={"pron=he": (0.5, 0.1)})
    assert other_types.choose(parsed, she, ids["Tom Brown"]) == ids["Tom Brown"]  # not its mention type
    wide = R.Resolution(model, types={"pron=she": (0.5, 2.0)})
    assert wide.choose(parsed, she, ids["Tom Brown"]) == ids["Tom Brown"]  # not by the margin


def test_a_switch_decides_between_the_models_best_and_the_rules(parsed):
    ids = _ids(parsed)
    she = _she(parsed)
    model = _model({"m=pron=she|gender=match": 4.0, "m=pron=she|gender=clash": -4.0})
    yes = R.Resolution(model, types={"pron=she": (0.5, 0.0)}, switch=_model({"m=pron=she": 5.0}))
    no = R.Resolution(model, types={"pron=she": (0.5, 0.0)}, switch=_model({"m=pron=she": -5.0}))
    assert yes.choose(parsed, she, ids["Tom Brown"]) == ids["Jane Smith"]
    assert no.choose(parsed, she, ids["Tom Brown"]) == ids["Tom Brown"]
    top, words = R.switch_words("pron=she", [], ids["Tom Brown"], [ids["Tom Brown"], ids["Jane Smith"]], [0.2, 0.9],
                                [["a"], ["b"]])
    assert top == ids["Jane Smith"] and "c:b" in words and "rule=some" in words and "rulep=<.35" in words


def test_descriptions_read_from_the_text(nlp):
    from chronicler.stages.coref.descriptions import descriptions
    from chronicler.stages.coref.resolve import actor_runs

    doc = nlp("Retired neurosurgeon Ben Carson met Tom Brown, the billionaire. A Quinnipiac University poll "
              "was released.")
    actors = {a.id: a for a in doc._.actors}
    desc, owns = descriptions(doc, actor_runs(doc._.token_actor), actors)
    by_name = {actors[a].name: w for a, w in desc.items()}
    assert "neurosurgeon" in by_name["Ben Carson"] and "billionaire" in by_name["Tom Brown"]
    assert any("poll" in o for o in owns.values())


def test_extract_quotes_reads_the_models_choice(parsed):
    def speaker(resolution):
        return next(q for q in extract_quotes(parsed, resolution=resolution) if "agreed" in q.text).speaker

    prefer_tom = R.Resolution(_model({"m=pron=she|gender=clash": 6.0, "m=pron=she|gender=match": -6.0}),
                              types={"pron=she": (0.5, 0.0)})
    assert speaker(None).name == "Jane Smith"
    assert speaker(prefer_tom).name == "Tom Brown"
    assert speaker(prefer_tom).mention == speaker(None).mention  # the mention stays the text's


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv(R.MODEL_ENV, "off")
    assert R.load_resolution() is None


def test_from_json():
    res = R.resolution_from_json({"model": {"classes": ["0", "1"], "weights": {"rule": [-1.0, 1.0]},
                                            "bias": [0.0, 0.0]}, "types": {"pron=he": [0.6, 0.2]}})
    assert res.types == {"pron=he": (0.6, 0.2)} and res.switch is None
    assert res.probability(["rule"]) > 0.8
