"""The actors eval: NGEC expectations -> country and sector accuracy."""
from __future__ import annotations

from datetime import date

from chronicler.eval import actors as ev
from conftest import shared_path

HEADER = "test\tmethod\tactor_text\tcontext\tdate\tfield\top\texpected\n"


def test_parse_date_formats():
    assert ev.parse_date("Today") is None
    assert ev.parse_date("10 May 2015") == date(2015, 5, 10)
    assert ev.parse_date("October 1, 2021") == date(2021, 10, 1)
    assert ev.parse_date("2022-01-10") == date(2022, 1, 10)


def test_scoring_rules(tmp_path, analyzer):
    gold = tmp_path / "g.tsv"
    gold.write_text(HEADER + "\n".join([
        "t1\tagent_to_code\tIraqi troops\t\t\tcountry\tEq\tIRQ",
        "t1\tagent_to_code\tIraqi troops\t\t\tcode_1\tEq\tMIL",
        "t2\tagent_to_code\tBosnia\t\t\tcode_1\tEq\t",  # blank: no sector expected
        "t3\tagent_to_code\tFrank\t\t\t(return:code)\tIs\t",
        "t4\tagent_to_code\tthe party\t\t\tcode_1\tEq\t????",  # placeholder: left out
        "t5\tagent_to_code\tSomeone Unknown\t\t\tcountry\tNotEq\tGBR",
        "t6\tsearch_nat\tGreat Britain\t\t\t(return:cc)\tEq\tGBR",
    ]) + "\n", encoding="utf-8")
    figures = ev.evaluate(str(gold))
    assert figures["country_n"] == 3 and figures["country_accuracy"] == 1.0
    assert figures["sector_n"] == 2 and figures["sector_accuracy"] == 1.0
    assert figures["none_n"] == 1 and figures["none_accuracy"] == 1.0
    assert figures["skipped_placeholders"] == 1
    assert "country accuracy" in ev.report(figures)
    through = ev.evaluate(str(gold), analyzer)  # the same rows through the whole pipeline
    assert through["doc_country_accuracy"] == 1.0 and through["doc_none_accuracy"] == 1.0
    assert "through the pipeline" in ev.report(through)


def test_cameo_journalists_are_the_contracts_media(tmp_path):
    gold = tmp_path / "g.tsv"
    gold.write_text(HEADER + "t1\tagent_to_code\tjournalists\t\t\tcode_1\tEq\tJRN\n", encoding="utf-8")
    assert ev.same_sector("JRN") == "MED" and ev.same_sector("GOV") == "GOV"
    figures = ev.evaluate(str(gold))
    assert figures["sector_n"] == 1 and figures["sector_accuracy"] == 1.0  # coded MED, gold's CAMEO JRN


def test_ngec_expectations_meet_targets():
    figures = ev.evaluate(str(shared_path("data", "actors", "ngec_expectations_dev.tsv")))
    assert figures["country_n"] > 100 and figures["sector_n"] > 100
    assert figures["country_accuracy"] >= 0.85
    assert figures["sector_accuracy"] >= 0.75


def test_conll_spans_and_text():
    from chronicler.eval.actor_tags import tagged_spans

    sentence = [("a", "B-S"), ("Swiss", "I-S"), ("court", "I-S"), ("rejected", "O"), ("the", "O"),
                ("Croatian", "B-T"), ("government", "I-T"), ("'s", "O"), ("appeal", "O")]
    text, spans = tagged_spans(sentence)
    assert [(role, text[s:e]) for role, s, e in spans] == [("S", "a Swiss court"), ("T", "Croatian government")]


def test_plover_and_conll_actor_scoring(tmp_path, analyzer):
    import json

    plover = tmp_path / "p.jsonl"
    plover.write_text(json.dumps({
        "id": "x1", "date": "2019-03-01", "text": "Iraqi troops attacked rebels near Mosul.",
        "source": [{"actorText": "Iraqi troops", "code": "IRQ", "sector": "MIL"}],
        "target": [{"actorText": "rebels", "code": "IRQ", "sector": "REB"}]}) + "\n", encoding="utf-8")
    figures = ev.evaluate(str(plover), analyzer)
    assert figures["country_n"] == 2 and figures["sector_n"] == 2
    assert figures["country_accuracy"] == 1.0 and figures["sector_accuracy"] == 1.0
    assert "country accuracy" in ev.report(figures)
    conll = tmp_path / "a.conll"
    conll.write_text("Iraqi B-S\ntroops I-S\nattacked O\nthe O\nvillage O\n. O\n\n", encoding="utf-8")
    cover = ev.evaluate(str(conll), analyzer)
    assert cover["spans_n"] == 1 and cover["country_share"] == 1.0 and cover["sector_share"] == 1.0
    assert "tagged actor spans" in ev.report(cover)
