"""Doc extension attributes that chronicler's components read and write (declared in their factories)."""
from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRS = {
    "article": None,  # chronicler.model.Article: the exact text and metadata
    "actors": None,  # list[Actor]
    "token_actor": None,  # dict[token index -> actor id]: names, titles and resolved pronouns
    "places": None,  # list[stages.actors.PlaceMention]: places mentioned, with country and coordinates
    "quotes": None,  # list[Quote]
    "events": None,  # list[Event]
    "disputes": None,  # list[Dispute]
    "all_events": None,  # bool: keep every event candidate with its confidence (None: CHRONICLER_ALL_EVENTS)
    "events_held": None,  # list[Event]: below the threshold, kept only if they form a dispute (stages/disputes)
    "events_threshold": None,  # float: the confidence the events stage kept events at (None: all, or rules)
}


def register() -> None:
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
