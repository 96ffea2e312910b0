"""The working record of one event while the events stage reads its arguments, frame and mood."""
from __future__ import annotations

from dataclasses import dataclass

from chronicler.model import Participant
from chronicler.stages.events.lexicon import Code
from chronicler.stages.events.triggers import Frame, Trigger


@dataclass(slots=True)
class Draft:
    trigger: Trigger
    code: Code
    source: Participant | None
    target: Participant | None
    tokens: list[int]  # trigger, arguments and frame: the evidence covers them
    polarity: str = "asserted"
    modality: str = "actual"
    source_from_quote: bool = False
    implied: bool = False  # the source is the authorities of the place (stages/events/implied.py)
    target_lemma: str = ""
    dropped: bool = False
    frame: Frame | None = None
    source_token: int | None = None  # the token the source was read from (not a place the event is aimed at)
    target_token: int | None = None
