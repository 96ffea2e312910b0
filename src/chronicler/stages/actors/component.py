"""The actors component: mentions -> canonical, coded actors; places mentioned -> locations.

Writes ``doc._.actors`` (list of Actor), ``doc._.token_actor`` (token index -> actor id) and ``doc._.places``
(list of PlaceMention). Its matchers (knowledge file names, organisations, seats of government, role words)
are built once when the pipeline is made, not per document. The rules are described in ``builder``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.model import Actor
from chronicler.stages.actors.builder import build
from chronicler.stages.actors.entities import Rulers, build_rulers
from chronicler.stages.actors.learned import preload_models
from chronicler.stages.actors.lexicon import Lexicon, lexicon
from chronicler.stages.actors.places import find_places

_RULERS: dict[int, Rulers] = {}


def _rulers_for(doc: Doc, lex: Lexicon) -> Rulers:
    rulers = _RULERS.get(id(doc.vocab))
    if rulers is None:
        rulers = _RULERS[id(doc.vocab)] = build_rulers(doc.vocab, lex)
    return rulers


def build_actors(doc: Doc, lex: Lexicon | None = None, rulers: Rulers | None = None) -> tuple[list[Actor], dict[int, str]]:
    """The document's actors and its token index (token index -> actor id)."""
    lex = lex or lexicon()
    return build(doc, lex, rulers or _rulers_for(doc, lex))


def actor_for_tokens(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor that a token range refers to: its root's actor, else the actor its root is in apposition
    with, else the actor of the highest word in the range's tree that has one (people, organisations and
    groups before countries at the same depth)."""
    index = doc._.token_actor or {}
    if start >= end:
        return None
    actors = {a.id: a for a in doc._.actors or []}
    span = doc[start:end]
    root = span.root
    if root.i not in index:  # "key Cuban ally[, Nicolas Maduro]": an apposition names the same actor
        for child in root.children:
            if child.dep_ == "appos" and index.get(child.i) in actors:
                return actors[index[child.i]]
    level = [root]
    seen = set()
    while level:
        hits = [actors[index[t.i]] for t in level if t.i in index and index[t.i] in actors]
        if hits:
            hits.sort(key=lambda a: a.kind == "country")
            return hits[0]
        seen.update(t.i for t in level)
        level = [c for t in level for c in t.children if start <= c.i < end and c.i not in seen]
    for i in range(start, end):
        aid = index.get(i)
        if aid in actors:
            return actors[aid]
    return None


class ActorsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lex = lexicon()
        self.rulers = build_rulers(nlp.vocab, self.lex, nlp.make_doc)
        _RULERS[id(nlp.vocab)] = self.rulers
        preload_models()  # read once when the pipeline is made, not by the first document

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors, doc._.token_actor = build(doc, self.lex, self.rulers)
        doc._.places = find_places(doc, self.lex)
        return doc


@Language.factory(
    "chronicler_actors",
    assigns=["doc._.actors", "doc._.token_actor", "doc._.places", "doc.ents"],
    requires=["doc.ents", "token.dep", "doc._.article"],
)
def make_actors_component(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)
