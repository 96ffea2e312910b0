"""The learned decision whether an attribution is a quotation: what its source said (or wrote).

The rules and the attribution model find attributions and give each a class by its cue (``speech`` for the
reporting verbs, ``candidates.attribution_class``). Not every ``speech`` one reports words: a refusal to speak,
a thought told with a speaking verb, a report of an action, an impression. This model reads each attribution
that would be a quotation -- its cue and content (``candidates.features``), its kind, and where it stands -- and
gives the probability that its source said the content. It is a logistic regression trained by
``scripts/train_quotation.py`` on the speaker annotations of PolNeAR training articles (each attribution read
as said, asked or other: ``annotations/speakers/``), the attributions the rules find that PolNeAR has none for
counting as not said; cross-validated by article and shipped as plain JSON (``quotation.json``, read by
``chronicler.learn.linear``). An indirect attribution below the model's threshold keeps its place among all
attributions but is no quotation (class ``topic``); direct quotations are kept as the rules give them unless the
model's ``direct_threshold`` says otherwise. ``CHRONICLER_QUOTATION_MODEL=off`` switches it off.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from chronicler.learn.linear import LinearModel
from chronicler.stages.quotes.candidates import Signals, features
from chronicler.stages.quotes.context import Context, Found

MODEL_FILE = "quotation.json"
MODEL_ENV = "CHRONICLER_QUOTATION_MODEL"


def _bin(n: int) -> str:
    return "1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21-40" if n <= 40 else "40+"


def quotation_words(ctx: Context, f: Found, sig: Signals | None) -> list[str]:
    """The feature words of an attribution for the quotation model."""
    words = (f.words or features(ctx, f, "found", sig)).split()  # the attribution model's, where it read f
    words += [f"kind={f.kind}", f"attr={f.attribution}", f"ka={f.kind}|{f.attribution}",
              f"cue={'yes' if f.cue is not None else 'no'}",
              f"nwords={_bin(len(ctx.text[f.start:f.end].split()))}"]
    if ctx.paras and f.start < ctx.paras[0][1]:
        words.append("title")
    if f.marked is not None:
        words.append(f"standalone={ctx.standalone[f.marked]}")
    if f.cue is not None and f.cue_token is not None:
        words.append(f"kl={f.kind}|{f.cue_token.lemma_.lower()}")
    if f.speaker_head is None:
        words.append(f"nospeaker|{f.kind}")
    return words


def counts_as_quotation(f: Found) -> bool:
    """What the quotations-only view keeps: a direct or mixed quote, or an indirect one of class speech."""
    return f.kind != "indirect" or f.attribution == "speech"


@dataclass
class QuotationModel:
    model: LinearModel
    threshold: float = 0.5  # an indirect quotation below this is no quotation
    direct_threshold: float = 0.0  # the same for direct and mixed ones (0: the rules' are all kept)
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, words: list[str]) -> float:
        return self.model.probabilities(words).get("1", 0.0)

    def apply(self, ctx: Context, found: list[Found], sig: Signals | None) -> None:
        """Each quotation the model reads as nothing said becomes an attribution of class topic (and, for a
        direct or mixed quote, an indirect one: its words are reported, not its source's)."""
        for f in found:
            if not counts_as_quotation(f):
                continue
            bar = self.threshold if f.kind == "indirect" else self.direct_threshold
            if bar <= 0.0:
                continue
            if self.probability(quotation_words(ctx, f, sig)) < bar:
                f.attribution = "topic"
                if f.kind != "indirect":
                    f.kind = "indirect"


def quotation_from_json(data: dict[str, Any]) -> QuotationModel:
    return QuotationModel(model=LinearModel(data["model"]), threshold=float(data.get("threshold", 0.5)),
                          direct_threshold=float(data.get("direct_threshold", 0.0)), meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def _shipped() -> QuotationModel | None:
    try:
        text = resources.files("chronicler.stages.quotes").joinpath(MODEL_FILE).read_text("utf-8")
        return quotation_from_json(json.loads(text))
    except (OSError, ValueError, KeyError):  # a missing or malformed file: the rules' classes alone
        return None


def load_quotation() -> QuotationModel | None:
    """The shipped model, or None when switched off (``CHRONICLER_QUOTATION_MODEL=off``) or missing."""
    if os.environ.get(MODEL_ENV, "on").strip().lower() in ("off", "0", "no", "false"):
        return None
    return _shipped()
