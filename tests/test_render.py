from chronicler.render import render, safe


def test_safe_escapes_terminal_controls():
    out = safe("evil\x1b[2J\x07text\u202eabc\nnext")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "next" in out and "\n" not in out


def test_render_shows_each_section_and_escapes_article_text():
    result = {
        "document": {"id": "0" * 64, "title": "T\x1b]0;pwned\x07", "published": None, "source": None,
                     "dateline": None, "language": "en"},
        "actors": [{"id": "A1", "name": "Trump", "kind": "person", "country": "USA", "sector": "GOV",
                    "code": "USAGOV", "title": "President", "mentions": [[0, 5]]}],
        "quotes": [{"id": "Q1", "start": 0, "end": 5, "text": "“Hi\x1b[31m”", "kind": "direct",
                    "speaker": {"actor": "A1", "name": "Trump", "mention": [6, 11]},
                    "cue": {"start": 12, "end": 16, "text": "said"}, "date": None, "date_text": "on Monday"}],
        "events": [],
        "disputes": [],
    }
    out = render(result)
    assert "\x1b" not in out and "\x07" not in out
    for part in ("Actors (1)", "USAGOV", "Quotes (1)", "Trump [A1]", "on Monday", "Events (0)", "Disputes (0)"):
        assert part in out
