"""Gold and input files with unusable records (null offsets, wrong types, broken lines) never crash `eval`
or `ingest`: those records are left out and counted (eval) or recorded as failed with a reason (ingest)."""
import json

import pytest

from chronicler.cli import main
from chronicler.eval.actors import read_rows
from chronicler.eval.arguments import read_conll
from chronicler.eval.events import read_quadclass
from chronicler.eval.records import read_jsonl

BAD_PLOVER = [{"text": None, "event": "ACCUSE"}, {"text": 5, "event": "ACCUSE"}, {"event": "ACCUSE"},
              {"text": "Trump accused Cuba.", "event": None}, {"text": "   ", "event": "ACCUSE"},
              [1, 2], "a string", None, 17, {"text": "Trump accused Cuba.", "event": ["ACCUSE"]},
              {"text": "Trump accused Cuba.", "event": True}]
GOOD_PLOVER = [{"text": "Trump accused Cuba of lying.", "event": "ACCUSE", "source": [{"code": "USA"}, None, 7],
                "target": "CUB"},
               {"text": "Cuba denied the report.", "event": "ACCUSE", "source": [{"code": 7}], "target": None}]


@pytest.fixture
def plover(tmp_path):
    path = tmp_path / "plover.jsonl"
    lines = [json.dumps(r) for r in BAD_PLOVER + GOOD_PLOVER] + ["{broken", "\x00\x01", '{"text": "x", "event"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_unusable_json_records_are_left_out_and_counted(plover):
    records, skipped = read_jsonl(plover, {"text": str, "event": str})
    assert [r["text"] for r in records] == [r["text"] for r in GOOD_PLOVER]
    assert skipped == len(BAD_PLOVER) + 3


def test_short_and_odd_rows_of_the_tsv_and_conll_readers(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("test\tmethod\tactor_text\tcontext\tdate\tfield\top\texpected\n1\tagent_to_code\tCuba\n3\n"
                   "4\tagent_to_code\tCuba\t\t\tcountry\tEq\tCUB\textra\n", encoding="utf-8")
    rows = read_rows(str(tsv))
    assert len(rows) == 3 and all(isinstance(r[k], str) for r in rows for k in ("method", "expected", "op"))
    quad = tmp_path / "q.tsv"
    quad.write_text("a\tb\tc\nTrump accused Cuba.\t2\nno label\n\t\n5\t\nTrump met Cuba\t-1\n", encoding="utf-8")
    assert read_quadclass(quad) == [("Trump accused Cuba.", 2)]
    conll = tmp_path / "c.conll"
    conll.write_text("Trump\tB-S\nsaid\nx\ty\tz\n\n\tO\nCuba B-T\n", encoding="utf-8")
    assert [text for text, _ in read_conll(conll)] == ["Trump", "x", "Cuba"]  # an untagged line ends a sentence


def test_eval_of_a_missing_or_unreadable_gold_file_is_one_line(tmp_path, capsys):
    assert main(["eval", "events", str(tmp_path / "none.jsonl")]) == 2
    (tmp_path / "bin.jsonl").write_bytes(b"\xff\xfe\xfa" * 10)
    assert main(["eval", "events", str(tmp_path / "bin.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "no such gold file" in err and "not UTF-8" in err and "Traceback" not in err


@pytest.mark.model
def test_eval_events_and_actors_go_on_past_unusable_records(plover, tmp_path, capsys):
    assert main(["eval", "events", str(plover), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["records"] == 2 and figures["skipped_records"] == len(BAD_PLOVER) + 3
    tsv = tmp_path / "a.tsv"
    tsv.write_text("test\tmethod\tactor_text\tcontext\tdate\tfield\top\texpected\n1\tagent_to_code\tCuba\n3\n"
                   "4\tagent_to_code\tCuba\t\tnot a date\tcountry\tEq\tCUB\n", encoding="utf-8")
    assert main(["eval", "actors", str(tsv), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["country_n"] == 1


@pytest.mark.model
def test_ingest_goes_on_past_records_of_wrong_types(tmp_path, capsys):
    records = [{"id": {"a": 1}, "text": ["x"]}, {"id": 1, "text": 12345}, {"text": None},
               {"text": "Cuba met Trump.", "published": [2026]}, {"text": "Cuba met Trump.", "published": "2026-99-99"},
               {"text": "Cuba met Trump in Havana.", "title": 5, "source": {"x": 1}, "published": None},
               {"text": "Trump said\u0000 hello."}, 7, None, "a string", [], {"text": "x" * 5000}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n{broken\n", encoding="utf-8")
    (tmp_path / "in.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "in.csv").write_text('id,text,published\n1,"Cuba met Trump.",notadate\n2\n,,,,,\n'
                                     '3,"Trump met Cuba.",2026-01-01,extra\n', encoding="utf-8")
    db = str(tmp_path / "bad.duckdb")
    paths = [str(tmp_path / n) for n in ("in.jsonl", "in.json", "in.csv")]
    assert main(["ingest", *paths, "--db", db]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    from chronicler.store import open_store

    with open_store(db, read_only=True) as store:
        counts, failures = store.counts(), store.failures()
    assert counts["documents"] == 2  # "Cuba met Trump in Havana." and "Trump met Cuba.", each once
    assert len(failures) == 12 + 11 + 3 and all(f["reason"] for f in failures)  # JSONL, JSON, CSV
    assert any("NUL" in f["reason"] for f in failures) and any("without a space" in f["reason"] for f in failures)
