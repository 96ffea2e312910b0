"""The quotation model: which attributions are quotations; it reclasses, never drops; its switch."""
from chronicler.learn.linear import LinearModel
from chronicler.stages.quotes import quotation as Q
from chronicler.stages.quotes.component import extract_quotes, find_quotes

TEXT = ('Senator Maria Lopez said the talks had stalled. "We will not give up," she added. '
        "The mayor told reporters that the budget was balanced.")


def _model(weights, bias=0.0):
    return LinearModel({"classes": ["0", "1"], "weights": {k: [-v / 2, v / 2] for k, v in weights.items()},
                        "bias": [-bias / 2, bias / 2]})


def _classes(doc, quotation):
    return {q.text: (q.kind, q.attribution) for q in extract_quotes(doc, quotation=quotation)}


def test_an_indirect_quotation_read_as_nothing_said_becomes_a_topic(nlp):
    doc = nlp(TEXT)
    rules = _classes(doc, None)
    assert all(a == "speech" for _, a in rules.values()) and len(rules) == 3
    against_mayor = Q.QuotationModel(_model({"lemma=tell": -8.0}, bias=4.0), threshold=0.5)
    read = _classes(doc, against_mayor)
    assert read["that the budget was balanced"] == ("indirect", "topic")
    assert read["the talks had stalled"] == ("indirect", "speech")
    assert read['"We will not give up,"'] == ("direct", "speech")  # direct ones: no direct threshold


def test_a_direct_quote_is_reclassed_only_under_its_own_threshold(nlp):
    doc = nlp(TEXT)
    doubtful = _model({"kind=direct": -8.0}, bias=4.0)
    assert _classes(doc, Q.QuotationModel(doubtful, threshold=0.5))['"We will not give up,"'][1] == "speech"
    read = _classes(doc, Q.QuotationModel(doubtful, threshold=0.5, direct_threshold=0.5))
    assert read['"We will not give up,"'] == ("indirect", "topic")


def test_words_describe_the_quote(nlp):
    doc = nlp(TEXT)
    ctx, found = find_quotes(doc, quotation=None)
    words = {ctx.text[f.start:f.end]: Q.quotation_words(ctx, f, None) for f in found}
    assert "kind=direct" in words['"We will not give up,"'] and "lemma=tell" in words["that the budget was balanced"]
    assert "attr=speech" in words["the talks had stalled"]


def test_switched_off_by_the_environment(monkeypatch):
    monkeypatch.setenv(Q.MODEL_ENV, "off")
    assert Q.load_quotation() is None


def test_from_json():
    q = Q.quotation_from_json({"model": {"classes": ["0", "1"], "weights": {}, "bias": [0.0, 0.0]},
                               "threshold": 0.3, "direct_threshold": 0.1})
    assert q.threshold == 0.3 and q.direct_threshold == 0.1 and abs(q.probability([]) - 0.5) < 1e-9
