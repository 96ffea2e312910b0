"""Actors: named mentions to canonical, coded actors of one document.

Reads ``doc.ents`` and the parse; writes ``doc._.actors`` (list of Actor) and ``doc._.token_actor``
(token index -> actor id) which later stages use to resolve speakers, sources and targets.
"""
from __future__ import annotations

from chronicler.stages.actors.component import actor_for_tokens, build_actors
from chronicler.stages.actors.lexicon import Lexicon, lexicon

__all__ = ["actor_for_tokens", "build_actors", "Lexicon", "lexicon"]
