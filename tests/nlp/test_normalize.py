from hypothesis import given
from hypothesis import strategies as st

from chronicler.nlp.normalize import parse_text


def test_hard_wrapped_lines_are_joined_paragraphs_kept():
    text = "Showers continued in\nthe Bahia zone, Smith said.\n    The dry period\nmeans delays.\n\nNew para"
    out = parse_text(text)
    assert "in the Bahia" in out
    assert "said.\n    The dry period means" in out
    assert "delays.\n\nNew" in out


def test_odd_spaces_become_plain_spaces():
    assert parse_text("a\u00a0b\tc\r\nd") == "a b c \nd"


@given(st.text())
def test_parse_text_keeps_length(text):
    assert len(parse_text(text)) == len(text)
