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


def lower_shouting(text: str) -> str:
    """Lines written in capitals (wire headlines, notes: "GUERRILLA DINAMITA DOS TORRES") lowered, their first
    letter kept, so that a model trained on running text can tag and parse them; the same length, so offsets
    hold. Used for Spanish, whose small model reads capitals as names."""
    out = []
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in line)
            first = next((i for i, c in enumerate(low) if c.isalpha()), None)
            if first is not None:
                low = low[:first] + line[first] + low[first + 1:]
            line = low
        out.append(line)
    result = "\n".join(out)
    assert len(result) == len(text)
    return result
