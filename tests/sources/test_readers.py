import json

import pytest

from chronicler.errors import InputError
from chronicler.sources.readers import iter_jsonl, parse_date, read_path

HTML = """<!DOCTYPE html><html><head><title>Cuba denies talks</title>
<script>alert('x'); var leak = "SCRIPT-TEXT";</script><style>.nav{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">NAV-TEXT World</a></nav>
<article><h1>Cuba denies talks</h1>
<p>HAVANA: Cuba's President Miguel Diaz-Canel has denied being in negotiations with the United States
government, a day after US President Donald Trump claimed talks were underway.</p>
<p>"There are no conversations with the US government," Diaz-Canel stated on Monday in a message
posted on social media, in which he also vowed that Cubans would defend their homeland.</p>
</article><footer>FOOTER-TEXT Copyright 2026</footer></body></html>"""


def test_html_main_text_without_scripts_styles_or_navigation(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    a = read_path(p)
    assert "Diaz-Canel stated on Monday" in a.text
    for junk in ("SCRIPT-TEXT", "alert(", "color:red", "NAV-TEXT"):
        assert junk not in a.text
    assert a.title == "Cuba denies talks"


def test_missing_file_and_folder_give_clear_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_path(tmp_path)


def test_jsonl_keeps_order_ids_and_reports_bad_lines(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Trump said talks were underway.", "published": "2026-01-05"}),
        "{not json",
        json.dumps({"id": 7, "text": ""}),
        "",
        json.dumps({"id": "d", "text": "Rubio hinted at pressure.", "published": "yesterday"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "text": "Cuba denied it.", "title": "Denial"}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_jsonl(p))
    assert [i.id for i in items] == ["a", 2, 7, "d", 6, "f"]  # unreadable lines keep their line number
    assert items[0].article.published.isoformat() == "2026-01-05"
    assert "not valid JSON" in items[1].error
    assert "empty" in items[2].error
    assert "YYYY-MM-DD" in items[3].error
    assert "not a JSON object" in items[4].error
    assert items[5].article.title == "Denial"


def test_parse_date():
    assert parse_date("2026-01-05T10:00:00Z").isoformat() == "2026-01-05"
    assert parse_date(None) is None
    with pytest.raises(InputError):
        parse_date("Jan 5")


def test_overlong_article_is_refused_before_parsing(tmp_path):
    from chronicler.sources.readers import MAX_CHARS

    p = tmp_path / "long.txt"
    p.write_text("word " * (MAX_CHARS // 5 + 1), encoding="utf-8")
    with pytest.raises(InputError, match="split it into articles"):
        read_path(p)
