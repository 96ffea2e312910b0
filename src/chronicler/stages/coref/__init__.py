"""Coreference: pronouns, role nouns and surnames to the actors already named in the document.

Reads ``doc._.actors`` and ``doc._.token_actor``; adds resolved mentions to both. Importing the package
registers the ``chronicler_coref`` component.
"""
from chronicler.stages.coref import component  # noqa: F401  (registers the component)
from chronicler.stages.coref.resolve import resolve

__all__ = ["resolve"]
