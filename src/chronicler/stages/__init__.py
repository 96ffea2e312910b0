"""Pipeline stages, in order: structure, actors, coref, quotes, events, disputes.

Each stage is a spaCy component registered next to its code, declaring what it reads (``requires``) and
writes (``assigns``). A stage can be replaced (rules now, a trained model later) by registering another
component that writes the same Doc attributes.
"""

PIPELINE = (
    "chronicler_structure",
    "chronicler_actors",
    "chronicler_coref",
    "chronicler_quotes",
    "chronicler_events",
    "chronicler_disputes",
)

# Spanish documents: the same stages' Spanish counterparts (stages/*/es/), same Doc attributes. Coreference is
# the Spanish actors stage's (repeated surnames, titles of office holders).
SPANISH_PIPELINE = (
    "chronicler_structure",
    "chronicler_actors_es",
    "chronicler_quotes_es",
    "chronicler_events_es",
    "chronicler_disputes",
)
