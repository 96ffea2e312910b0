"""Load the English spaCy pipeline once and add chronicler's components to it."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from chronicler.config import resolve_model
from chronicler.nlp import extensions  # noqa: F401  (registers Doc extensions)
from chronicler.nlp.attributes import use_attribute_table
from chronicler.stages import PIPELINE


def _register_components() -> None:
    # Importing the stage modules registers their factories with spaCy.
    from chronicler.stages import coref, disputes, structure  # noqa: F401
    from chronicler.stages.actors import component as _a  # noqa: F401
    from chronicler.stages.events import component as _e  # noqa: F401
    from chronicler.stages.quotes import component as _q  # noqa: F401


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    import spacy

    _register_components()
    nlp = spacy.load(resolve_model(model))
    use_attribute_table(nlp)  # the model's attribute rules by table look-up: the same Doc, faster
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    nlp.add_pipe("chronicler_structure", before=first) if first else nlp.add_pipe("chronicler_structure")
    for name in PIPELINE[1:]:
        nlp.add_pipe(name, last=True)
    return nlp
