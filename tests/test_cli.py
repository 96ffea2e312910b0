"""The CLI end to end: in-process for speed, one subprocess run to check the real entry point."""
import io
import os
import json
import subprocess
import sys

import pytest

from chronicler.cli import main
from conftest import REPO, assert_valid

pytestmark = pytest.mark.model
EXAMPLE = REPO / "examples" / "harbour-talks.txt"


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_bundled_example_json(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--json", "--published", "2026-03-11")
    assert code == 0
    result = json.loads(out)
    assert_valid(EXAMPLE.read_text("utf-8"), result)
    assert result["document"]["published"] == "2026-03-11"
    assert result["quotes"] and result["actors"] and result["events"]


def test_analyze_html_with_text_makes_every_span_checkable(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Talks</title></head><body><nav>Home | World</nav><article>"
                    "<h1>Cuba denies talks</h1><p>&quot;There are no conversations with the United States,&quot; "
                    "President Miguel D&iacute;az-Canel said on Monday, rejecting claims by Donald Trump.</p>"
                    "<p>Trump had said Washington was talking with Havana.</p></article></body></html>", "utf-8")
    code, out, _ = run(capsys, "analyze", str(page), "--json", "--with-text")
    assert code == 0
    result = json.loads(out)
    text = result["document"]["text"]
    assert "<" not in text and "Díaz-Canel" in text
    assert_valid(text, result)
    assert result["quotes"] and all(text[q["start"]:q["end"]] == q["text"] for q in result["quotes"])
    code, out, _ = run(capsys, "analyze", str(page), "--json")
    assert "text" not in json.loads(out)["document"]


def test_analyze_readable_report(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE))
    assert code == 0
    for section in ("Actors (", "Quotes (", "Events (", "Disputes ("):
        assert section in out


def test_analyze_stdin(capsys, monkeypatch):
    text = "“We are talking with Cuba,” Trump said on Sunday.\n"
    code, out, _ = run(capsys, "analyze", "-", "--json", "--published", "2026-01-05",
                       stdin=text.encode("utf-16"), monkeypatch=monkeypatch)
    assert code == 0
    result = json.loads(out)
    assert_valid(text, result)
    assert result["quotes"][0]["date"] == "2026-01-04"


@pytest.mark.parametrize("data,message", [(b"", "empty input"), (b"\x00\x01\x02\x03" * 100, "binary")])
def test_bad_stdin_gives_one_line_error(capsys, monkeypatch, data, message):
    code, out, err = run(capsys, "analyze", "-", stdin=data, monkeypatch=monkeypatch)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_bad_published_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", str(EXAMPLE), "--published", "5 Jan"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_batch_jsonl_in_order_with_ids(capsys, tmp_path):
    rows = [
        {"id": "x1", "text": "“We’re talking with Cuba,” Trump said on Sunday.", "published": "2026-01-05"},
        {"id": "x2", "text": ""},
        {"id": "x3", "text": "Cuba's President Miguel Diaz-Canel denied being in talks with the US."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", "--jsonl", str(src))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["x1", "x2", "x3", 4]
    assert lines[0]["schema"] == "chronicler/1" and lines[2]["schema"] == "chronicler/1"
    assert "empty" in lines[1]["error"] and "JSON" in lines[3]["error"]
    for row, line in ((rows[0], lines[0]), (rows[2], lines[2])):
        body = {k: v for k, v in line.items() if k != "id"}
        assert_valid(row["text"], body)
    assert "2 analyzed, 2 failed" in err


def test_batch_jsonl_from_standard_input():
    """`chronicler analyze --jsonl -` reads the batch from a pipe, a real process end to end."""
    rows = [{"id": "a", "text": "“We’re talking with Cuba,” Trump said on Sunday.", "published": "2026-01-05"},
            {"id": "b", "text": "Cuba's President Miguel Diaz-Canel denied being in talks with the US."},
            {"id": "c", "text": "   "}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "chronicler", "analyze", "--jsonl", "-"], input=data,
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert lines[0]["document"]["published"] == "2026-01-05" and lines[0]["quotes"]
    assert_valid(rows[1]["text"], {k: v for k, v in lines[1].items() if k != "id"})
    assert "<stdin>:3" in lines[2]["error"]
    assert "2 analyzed, 1 failed" in proc.stderr.decode()


def test_batch_with_nothing_readable_fails(capsys, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text("{broken\n[1]\n", encoding="utf-8")
    code, _, _ = run(capsys, "analyze", "--jsonl", str(src))
    assert code == 1


def test_entry_point_reports_errors_without_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "chronicler", "analyze", str(tmp_path / "missing.txt")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith("no such file") and "Traceback" not in proc.stderr


def test_eval_quotes_from_a_hand_made_gold_file(capsys, tmp_path):
    text = "“We are talking with Cuba,” Trump said on Sunday. Rubio said pressure would grow."
    q1 = text.index("“"), text.index(" Trump")
    q2 = text.index("pressure"), text.index(" would grow.") + len(" would grow")
    gold = {"id": "g1", "text": text, "quotes": [
        {"quote_start": q1[0], "quote_end": q1[1], "reference": "Donald Trump", "is_direct": True},
        {"quote_start": q2[0], "quote_end": q2[1], "reference": "Marco Rubio", "is_direct": False}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    assert main(["eval", "quotes", str(path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["recall"] == 1.0 and figures["precision"] == 1.0
    assert main(["eval", "quotes", str(path)]) == 0
    assert "F1" in capsys.readouterr().out


def test_internal_errors_are_one_line_unless_debugging(capsys, monkeypatch):
    from chronicler.nlp.analyzer import Analyzer

    def broken(self, article):
        raise RuntimeError("component exploded")

    monkeypatch.setattr(Analyzer, "analyze", broken)
    assert main(["analyze", str(EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: component exploded" in err and "Traceback" not in err
    monkeypatch.setenv("CHRONICLER_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["analyze", str(EXAMPLE)])


def test_events_threshold_and_all_events_options(capsys, monkeypatch):
    monkeypatch.setenv("CHRONICLER_ALL_EVENTS", "0")  # setenv records the variable's absence, to restore it
    monkeypatch.delenv("CHRONICLER_EVENTS_THRESHOLD", raising=False)
    from chronicler.stages.events.decision import load_decision

    if load_decision() is None:
        pytest.skip("no events decision model shipped")
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--json", "--published", "2026-03-11")
    kept = json.loads(out)
    threshold = kept["document"]["events_threshold"]
    assert code == 0 and all(e["confidence"] >= threshold for e in kept["events"])
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--json", "--published", "2026-03-11", "--all-events")
    every = json.loads(out)
    assert os.environ["CHRONICLER_ALL_EVENTS"] == "1"  # the option reaches the analysis through the environment
    monkeypatch.setenv("CHRONICLER_ALL_EVENTS", "0")
    assert_valid(EXAMPLE.read_text("utf-8"), every)
    assert "events_threshold" not in every["document"] and len(every["events"]) >= len(kept["events"])
    code, _, err = run(capsys, "analyze", str(EXAMPLE), "--events-threshold", "1.5")
    assert code == 2 and "between 0 and 1" in err
