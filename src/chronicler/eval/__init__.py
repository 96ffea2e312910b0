"""Evaluation against gold data (formats in ../shared/data/README.md).

Each module (quotes, events, actors) exposes ``evaluate(gold_path, analyzer) -> dict`` returning the
figures, and ``report(figures) -> str`` for the readable form. ``chronicler eval KIND GOLD`` calls them.
"""
from __future__ import annotations

import importlib
from typing import Any

KINDS = ("quotes", "events", "actors", "articles", "stories", "spanish", "parallel", "ner")


def run(kind: str, gold_path: str, analyzer: Any = None, **options: Any) -> dict[str, Any]:
    if kind not in KINDS:
        raise ValueError(f"unknown eval kind {kind!r}; choose from {', '.join(KINDS)}")
    from pathlib import Path

    from chronicler.errors import InputError

    if not Path(gold_path).is_file():
        raise InputError(f"{gold_path}: no such gold file")
    module = importlib.import_module(f"chronicler.eval.{kind}")
    if analyzer is None:
        from chronicler.nlp.analyzer import Analyzer

        analyzer = Analyzer()
    options = {k: v for k, v in options.items() if v is not None}
    return module.evaluate(gold_path, analyzer, **options)


def report(kind: str, figures: dict[str, Any]) -> str:
    return importlib.import_module(f"chronicler.eval.{kind}").report(figures)
