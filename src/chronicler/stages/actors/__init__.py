"""Actors: named mentions to canonical, coded actors of one document; the places it mentions.

Reads ``doc.ents`` and the parse; writes ``doc._.actors`` (list of Actor), ``doc._.token_actor``
(token index -> actor id) and ``doc._.places``, which later stages use to resolve speakers, sources,
targets and event locations. ``code_phrase`` codes a bare phrase ("a former CIA official") to
(country, sector); ``locate`` gives the location of an event's words.
"""
from __future__ import annotations

from chronicler.stages.actors.coder import analyse_phrase, code_phrase
from chronicler.stages.actors.component import actor_for_tokens, build_actors
from chronicler.stages.actors.lexicon import Lexicon, lexicon
from chronicler.stages.actors.places import PlaceMention, locate, location_of

__all__ = ["actor_for_tokens", "analyse_phrase", "build_actors", "code_phrase", "Lexicon", "lexicon",
           "locate", "location_of", "PlaceMention"]
