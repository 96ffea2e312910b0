"""Documents are read in their own language: an explicit language wins, an unsupported one gets a notice and no
records (no English guesses), batches keep their order across languages."""
import json

import pytest

from chronicler.sources.article import make_article
from conftest import assert_valid

FRENCH = ("Le président cubain a nié lundi toute négociation avec les États-Unis. « Il n'y a pas de "
          "conversations », a-t-il déclaré, après les menaces de Donald Trump.")


@pytest.mark.model
def test_unsupported_language_gets_a_notice_and_no_records(analyzer):
    result = analyzer.analyze(make_article(FRENCH)).to_dict()
    assert_valid(FRENCH, result)
    assert result["document"]["language"] == "fr" and "not analysed" in result["document"]["notice"]
    assert result["actors"] == result["quotes"] == result["events"] == result["disputes"] == []


@pytest.mark.model
def test_an_explicit_language_wins(analyzer):
    article = make_article(FRENCH, language="EN")
    result = analyzer.analyze(article).to_dict()
    assert result["document"]["language"] == "en" and "notice" not in result["document"]


@pytest.mark.model
def test_english_is_told_and_read_as_before(analyzer):
    text = "“We’re talking with Cuba,” Trump said on Sunday."
    result = analyzer.analyze(make_article(text)).to_dict()
    assert result["document"]["language"] == "en" and result["quotes"][0]["speaker"]["name"] == "Donald Trump"


@pytest.mark.model
def test_batch_keeps_order_across_languages(tmp_path, analyzer):
    from chronicler.service import BatchStats, analyze_items
    from chronicler.sources.readers import iter_jsonl

    src = tmp_path / "in.jsonl"
    lines = [{"id": "en", "text": "Trump said talks with Cuba were under way."},
             {"id": "fr", "text": FRENCH},
             {"id": "forced", "text": FRENCH, "language": "xx"}]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    out = list(analyze_items(iter_jsonl(src), analyzer, BatchStats()))
    assert [o["id"] for o in out] == ["en", "fr", "forced"]
    assert [o["document"]["language"] for o in out] == ["en", "fr", "xx"]
    assert out[1]["events"] == [] and out[2]["document"]["notice"]


def test_cli_language_flag(tmp_path):
    from chronicler.cli import _parser

    args = _parser().parse_args(["--spanish-model", "x", "analyze", "a.txt", "--language", "es"])
    assert args.language == "es" and args.spanish_model == "x"
