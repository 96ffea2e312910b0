"""The parse text: a same-length copy of the article text that parses better.

Only one-character-for-one-character replacements are made, so every offset into the parse text is an
offset into the original text, and spans are always cut from the original.
"""
from __future__ import annotations

import re

_SPACES = str.maketrans({"\xa0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ", "\r": " ",
                         "\u200b": " ", "\ufeff": " ", "\x0b": " ", "\x0c": " "})
# A line break inside a sentence (hard-wrapped text such as Reuters): previous char continues the sentence,
# next char is not whitespace. Paragraph breaks (blank line, indent) and breaks after sentence ends stay.
_WRAP = re.compile(r"(?<=[\w,;(\-–—])\n(?=[^\s])")


def parse_text(text: str) -> str:
    out = _WRAP.sub(" ", text.translate(_SPACES))
    assert len(out) == len(text)
    return out
