"""Quotes: direct, indirect and mixed quotations with their cue, speaker and date.

Reads the parse, ``doc._.actors`` and ``doc._.token_actor``; writes ``doc._.quotes``.
"""
from chronicler.stages.quotes.component import extract_quotes

__all__ = ["extract_quotes"]
