"""Events: who did what to whom, coded in PLOVER (+ CAMEO, quad class, Goldstein).

Reads the parse, ``doc._.actors``, ``doc._.token_actor`` and ``doc._.quotes``; writes ``doc._.events``.
"""
from chronicler.stages.events.component import extract_events

__all__ = ["extract_events"]
