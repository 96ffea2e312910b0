"""The quotes scorer: span matching, speaker rules, both gold formats."""
import json

from chronicler.eval import quotes as E
from tests.conftest import shared_path


def test_spans_match_at_thirty_percent_of_the_longer():
    assert E.spans_match((0, 10), (7, 10))
    assert not E.spans_match((0, 10), (8, 10))
    assert not E.spans_match((0, 100), (0, 29))


def test_matching_is_one_to_one():
    pairs = E.match([(0, 10), (20, 30)], [(0, 10), (1, 9), (20, 30)])
    assert sorted(pairs) == [(0, 0), (1, 2)]


def test_ggt_speaker_by_last_name_and_polnear_by_mention():
    g = E.GoldQuote(0, 5, "direct", speaker_name="Darian Lonechild")
    assert E.speaker_right(g, {"speaker": {"name": "Lonechild", "mention": [0, 1]}}, "ggt")
    assert not E.speaker_right(g, {"speaker": {"name": "she", "mention": [0, 1]}}, "ggt")
    assert not E.speaker_right(g, {"speaker": None}, "ggt")
    p = E.GoldQuote(0, 5, "direct", sources=[(10, 20)])
    assert E.speaker_right(p, {"speaker": {"name": "x", "mention": [15, 25]}}, "polnear")
    assert not E.speaker_right(p, {"speaker": {"name": "x", "mention": [20, 25]}}, "polnear")


def test_polnear_keeps_lowest_annotator_and_hull_of_content(tmp_path):
    text = "A said x. B said y and z."
    rows = [
        {"doc": "d1", "annotator": "ef2d", "text": text, "attributions": []},
        {"doc": "d1", "annotator": "4b22", "text": text, "attributions": [
            {"source": [{"start": 10, "end": 11, "text": "B"}], "cue": [],
             "content": [{"start": 17, "end": 18, "text": "y"}, {"start": 23, "end": 24, "text": "z"}]}]},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    docs = E.read_gold(path)
    assert len(docs) == 1 and docs[0].fmt == "polnear"
    assert [(q.start, q.end, q.sources) for q in docs[0].quotes] == [(17, 24, [(10, 11)])]


def test_aggregate_figures():
    per_doc = [E.score_doc(E.GoldDoc("d", "x" * 50, [E.GoldQuote(0, 10, "direct", "Ann Lee"),
                                                      E.GoldQuote(20, 30, "indirect", "Bo Chan")], "ggt"),
                           [{"start": 0, "end": 10, "speaker": {"name": "Ann Lee", "mention": [40, 43]}},
                            {"start": 40, "end": 50, "speaker": None}])]
    f = E.aggregate(per_doc, "ggt")
    assert (f["precision"], f["recall"], f["speaker_accuracy"]) == (0.5, 0.5, 1.0)
    assert f["recall_by_kind"]["direct"]["recall"] == 1.0 and f["recall_by_kind"]["indirect"]["recall"] == 0.0
    assert "precision 0.500" in E.report(f)
    f["model"] = "on"
    assert "attribution model on" in E.report(f) and "speaker ranker off" in E.report(f)
    f["speaker_model"] = "on"
    assert "speaker ranker on" in E.report(f)


def test_ggt_dev_meets_the_span_target(analyzer):
    gold = shared_path("data", "quotes", "ggt", "dev.jsonl")
    lines = gold.read_text("utf-8").splitlines()[:8]
    docs = [E._ggt_doc(json.loads(line)) for line in lines]
    from chronicler.sources.article import make_article
    results = analyzer.analyze_many(make_article(d.text) for d in docs)
    per_doc = [E.score_doc(d, E._scored([q.to_dict() for q in r.quotes], E.SCORED_CLASSES["ggt"]))
               for d, r in zip(docs, results)]
    figures = E.aggregate(per_doc, "ggt")
    assert figures["f1"] >= 0.8 and figures["speaker_accuracy"] >= 0.7, figures


def test_split_gold_quote_matches_by_a_piece_and_its_other_pieces_are_not_false():
    text = '"First half of it," she said to them all. "Second half of the quote."'
    gold = E.GoldQuote(0, len(text), "direct", sources=[(20, 23)], pieces=[(0, 19), (42, len(text))])
    doc = E.GoldDoc("d", text, [gold], "polnear")
    mention = {"name": "she", "mention": [20, 23]}
    preds = [{"start": 0, "end": 19, "speaker": mention}, {"start": 42, "end": len(text), "speaker": mention},
             {"start": 24, "end": 40, "speaker": None}]
    scored = E.score_doc(doc, preds)
    assert scored["matched"] == 1 and scored["speaker_right"] == 1
    assert scored["pred"] == 2 and scored["false"] == [2]  # the second half is a part, not a false quote
    unsplit = E.GoldDoc("d", text, [E.GoldQuote(0, len(text), "direct", sources=[(20, 23)])], "polnear")
    assert E.score_doc(unsplit, preds[:1])["matched"] == 0  # 19 of 69 characters: under 30% of the hull


def test_each_gold_set_is_scored_on_the_attribution_classes_it_annotates():
    text = "Ann Lee said the plan works. Bo Chan believes it will fail."
    said = {"start": 13, "end": 27, "attribution": "speech", "speaker": {"name": "Ann Lee", "mention": [0, 7]}}
    belief = {"start": 46, "end": 58, "attribution": "belief", "speaker": {"name": "Bo Chan", "mention": [29, 36]}}
    ggt = E.GoldDoc("d", text, [E.GoldQuote(13, 27, "indirect", "Ann Lee")], "ggt")  # GGT: quotations only
    assert E.SCORED_CLASSES["ggt"] == {"speech"} and E.SCORED_CLASSES["polnear"] is None
    assert E.score_doc(ggt, E._scored([said, belief], E.SCORED_CLASSES["ggt"]))["false"] == []
    assert E.score_doc(ggt, [said, belief])["false"] == [1]  # the other reading counts the belief as false
    polnear = E.GoldDoc("d", text, [E.GoldQuote(13, 27, "indirect", sources=[(0, 7)]),
                                    E.GoldQuote(46, 58, "indirect", sources=[(29, 36)])], "polnear")
    scored = E.score_doc(polnear, E._scored([said, belief], E.SCORED_CLASSES["polnear"]))
    assert scored["matched"] == 2 and scored["speaker_right"] == 2
    f = E.aggregate([scored], "polnear")
    f["scored_classes"] = "all"
    f["other_reading"] = dict(E.aggregate([E.score_doc(polnear, [said])], "polnear"), scored_classes=["speech"])
    report = E.report(f)
    assert "scored classes all" in report and "other reading, scored classes speech: precision 1.000  recall 0.500" in report


def test_annotator_agreement_scores_the_second_annotator_against_the_first(tmp_path):
    text = "Ann Lee said the plan works and Bo Chan thinks it fails."
    def rec(annotator, contents):
        return {"doc": "d1", "annotator": annotator, "text": text, "attributions": [
            {"source": [{"start": 0, "end": 7, "text": "Ann Lee"}], "cue": [], "content": [c]} for c in contents]}
    works = {"start": 13, "end": 27, "text": "the plan works"}
    fails = {"start": 46, "end": 54, "text": "it fails"}
    lines = [rec("b2", [works]), rec("a1", [works, fails]), {**rec("x", [works]), "doc": "single"}]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), "utf-8")
    figures = E.agreement(path)
    assert figures["articles"] == 1  # only the doubly annotated article counts
    assert (figures["precision"], figures["recall"]) == (1.0, 0.5)


class _NoQuotes:
    """An analyzer stand-in that finds nothing: the scorer's own path, without a parse."""

    def analyze_many(self, articles):
        return [type("Result", (), {"quotes": []})() for _ in articles]


def test_gold_quotes_with_null_offsets_are_left_out_and_counted(tmp_path):
    text = "Ann Lee said the plan works. Bo Chan said no."
    rows = [{"id": "g1", "text": text, "quotes": [
        {"quote": "the plan works", "quote_start": 13, "quote_end": 27, "reference": "Ann Lee", "is_direct": False},
        {"quote": "no", "quote_start": None, "quote_end": None, "reference": "Bo Chan", "is_direct": False},
        {"quote": "x", "quote_start": 40, "quote_end": 999, "reference": "Bo Chan", "is_direct": False}]}]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    docs = E.read_gold(path)
    assert [(q.start, q.end) for q in docs[0].quotes] == [(13, 27)] and docs[0].unusable == 2
    figures = E.evaluate(str(path), _NoQuotes())
    assert figures["gold"] == 1 and figures["unusable_gold"] == 2 and figures["recall"] == 0.0
    assert "without usable offsets left out: 2" in E.report(figures)
