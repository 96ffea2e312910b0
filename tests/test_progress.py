"""Progress: a bar with rate and ETA on a terminal (rich), plain lines otherwise."""
import io

from chronicler.progress import Progress, estimate_total


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    p = Progress("ingest", 10, stream=out, every=0)
    p.update(4, added=3, failed=1)
    p.close()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("chronicler: ingest: 4/10 (added 3, failed 1), ") and "ETA" in lines[0]
    assert lines[-1].startswith("chronicler: ingest: 4/10 (added 3, failed 1)")


def test_a_bar_with_rate_and_eta_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    p = Progress("ingest", 10, stream=out)
    assert p._bar is not None
    p.update(5, added=5)
    p.close()
    shown = out.getvalue()
    assert "ingest" in shown and "5/10" in shown and "/s" in shown and "ETA" in shown


def test_the_total_is_counted_where_cheap(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.txt").write_text("x")
    assert estimate_total([str(tmp_path / "a.jsonl"), str(tmp_path / "docs")]) == 3
    assert estimate_total([str(tmp_path / "b.csv")]) is None
