"""Structure: keep the headline and the dateline out of the first sentence; paragraph breaks end sentences.

Runs before the parser, which respects sentence starts that are already set.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def _start_at(doc: Doc, char: int) -> None:
    """Make the first non-space token at or after ``char`` start a sentence."""
    for token in doc:
        if token.idx >= char and not token.is_space:
            if token.i > 0:
                token.is_sent_start = True
            return


@Language.component("chronicler_structure", assigns=["token.is_sent_start"], requires=["doc._.article"])
def structure(doc: Doc) -> Doc:
    article = doc._.article
    text = doc.text
    if article is not None:
        if article.title_span:
            _start_at(doc, article.title_span[1])
        if article.dateline_span:
            _start_at(doc, article.dateline_span[0])
            _start_at(doc, article.body_start)
    for token in doc[1:]:
        if token.is_space:
            continue
        prev = doc[token.i - 1]
        if prev.is_space and "\n" in prev.text or (token.idx > 0 and text[token.idx - 1] == "\n"):
            token.is_sent_start = True
    return doc
