"""The actors of one document under construction, and the small helpers every step shares."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from chronicler.model import Actor
from chronicler.stages.actors.coder import Coding, code_items, scan
from chronicler.stages.actors.lexicon import Lexicon, Person


@dataclass
class Table:
    """The actors under construction, keyed, with the token index."""

    actors: list[Actor] = field(default_factory=list)
    by_key: dict[tuple, Actor] = field(default_factory=dict)
    token_actor: dict[int, str] = field(default_factory=dict)
    first_token: dict[str, int] = field(default_factory=dict)
    person_of: dict[str, Person] = field(default_factory=dict)
    # actors whose country and office come from the large knowledge files alone (not from the text): a
    # namesake of another country is possible, so the document's home country is checked against them
    from_knowledge: set[str] = field(default_factory=set)

    def get(self, k: tuple, make) -> Actor:
        actor = self.by_key.get(k)
        if actor is None:
            actor = make(f"A{len(self.actors) + 1}")
            self.actors.append(actor)
            self.by_key[k] = actor
        return actor

    def mention(self, actor: Actor, span: Span, tokens: list[Token] | None = None) -> None:
        actor.mentions.append((span.start_char, span.end_char))
        for t in tokens if tokens is not None else span:
            self.token_actor[t.i] = actor.id
        self.first_token[actor.id] = min(self.first_token.get(actor.id, span.start), span.start)


def _groups(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into words as the lexicon writes them: "Secretary", "-", "General" (no spaces) is
    one word "Secretary-General", as is "Diaz-Canel"."""
    groups: list[list[Token]] = []
    for t in tokens:
        if t.is_space:
            continue
        prev = groups[-1][-1] if groups else None
        glue = prev is not None and not prev.whitespace_ and prev.i + 1 == t.i and (
            t.text == "-" or prev.text == "-")
        if glue:
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups


def _words(tokens: list[Token]) -> list[str]:
    return ["".join(t.text for t in g) for g in _groups(tokens)]


def _code(tokens: list[Token], lex: Lexicon, when: date | None, places: bool = True) -> tuple[Coding, list]:
    words = _words(tokens)
    items = scan(words, lex)
    if not places:  # inside an organisation's name a town is part of the name ("Chaves", "Inland"),
        # and a weak role word is just a word of the name ("Net National Income")
        items = [it for it in items if it.kind != "place" and not (it.kind == "role" and it.value.weight == 1)]
    else:  # in running text a town counts only where the model saw a place ("Liberal", "Stella" are not)
        groups = _groups(tokens)
        items = [it for it in items if it.kind != "place" or all(
            t.ent_type_ in ("GPE", "LOC", "FAC") for g in groups[it.start:it.end] for t in g)]
    return code_items(words, items, when), items


def _government(table: Table, lex: Lexicon, iso3: str, sector: str = "GOV") -> Actor:
    kind = "organization"
    name = lex.government_name(iso3) if sector == "GOV" else f"{lex.name_of(iso3)} {sector}"
    return table.get(("group", iso3, sector, kind), lambda i: Actor(
        id=i, name=name, kind=kind, country=iso3, sector=sector))
