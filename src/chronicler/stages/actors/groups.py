"""Coded groups: role nouns with a country ("a Jordanian official", "Iraqi troops", "the US military",
"protesters in Gjilan") -> group/organization actors keyed by (country, sector, kind); a definite person
role ("the Cuban leader", "the president") joins the last person with that country and sector.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from chronicler.model import Actor
from chronicler.stages.actors.coder import Coding, relation_words
from chronicler.stages.actors.lexicon import Lexicon, fold
from chronicler.stages.actors.peoples import ethnic, residence
from chronicler.stages.actors.table import Table, _code, _government, _groups, _words

_DEFINITE = {"the", "this", "that", "his", "her", "its", "their"}
_GROUP_LEFT_DEPS = {"amod", "compound", "nmod", "poss", "det", "nummod", "case", "quantmod", "npadvmod"}
_BASED = {"base", "operate", "station", "headquarter", "locate", "deploy"}
_GROUP_PREPS = {"of", "in", "from", "at", "across", "throughout", "inside", "within"}
HOME_GOVERNMENT = ("home", "government")  # "the government" of a document that names no country for it


def _group_tokens(role: Span) -> tuple[list[Token], list[Token]]:
    """(the words that make the group's mention, the words after it that can give its country).

    The mention is the role and the modifiers before it ("the US military"); when the role itself modifies
    a noun ("the US military raid"), that noun's modifiers before the role count too.
    """
    doc = role.doc
    r = role.root
    left: set[int] = set()
    for tok in role:
        for child in tok.lefts:
            if child.i < role.start and child.dep_ in _GROUP_LEFT_DEPS:
                left.update(t.i for t in child.subtree if t.i < role.start)
    holder = r.head if r.dep_ in ("amod", "compound") and r.head.i > r.i else None
    if holder is not None:
        for sib in holder.lefts:
            if sib.i < role.start and sib.dep_ in _GROUP_LEFT_DEPS:
                left.update(t.i for t in sib.subtree if t.i < role.start)
    lo = min(left | {role.start})
    lo = max(lo, role.start - 8)
    mention = [doc[i] for i in range(lo, role.end)]
    right: list[Token] = []
    if holder is not None and holder.lemma_.lower() in relation_words():
        # "Israel's militia ally in southern Lebanon": the relation noun tells who Israel is, its place whose
        right = [holder] + next(([t for t in c.subtree][:8] for c in holder.rights
                                 if c.dep_ == "prep" and c.lower_ in _GROUP_PREPS), [])
    for child in r.rights:  # not the holder's: in "the naval blockade of Serbia" Serbia is the target
        if child.dep_ == "prep" and child.lower_ in _GROUP_PREPS:
            right = right + [t for t in child.subtree][:8]
            break
        if child.dep_ == "acl" and child.lemma_.lower() in _BASED:  # "a terror group based in Trinidad"
            prep = next((c for c in child.children if c.dep_ == "prep" and c.lower_ in _GROUP_PREPS), None)
            if prep is not None:
                right = [t for t in prep.subtree][:8]
                break
    return mention, right


def _link_person(table: Table, coding: Coding, title: str, before: int) -> Actor | None:
    """The person a definite role noun refers to: the last one mentioned before it with that country,
    sector and title word; else (a headline before the body) the only such person of the document."""
    word = title.lower().split()[-1]
    earlier, anywhere = None, []
    for actor in table.actors:
        if actor.kind != "person":
            continue
        if coding.country and actor.country != coding.country:
            continue
        if coding.sector and actor.sector and actor.sector != coding.sector:
            continue
        if word in ("leader", "official", "leaders", "officials"):
            if not actor.sector or actor.sector != coding.sector:
                continue
        elif not (actor.title and word in actor.title.lower()):
            continue
        anywhere.append(actor)
        if table.first_token.get(actor.id, 10**9) < before:
            last = max(s for s, _ in actor.mentions)
            if earlier is None or last > earlier[0]:
                earlier = (last, actor)
    if earlier is not None:
        return earlier[1]
    return anywhere[0] if len(anywhere) == 1 else None


def add_groups(doc: Doc, table: Table, lex: Lexicon, roles: list[Span], when: date | None,
               consumed: set[int], between=None) -> None:
    """Role words to groups. A weak role 'of' something ("leaders of the Azadliq opposition coalition",
    "members of ...") waits until the other groups are made, and ``between`` (if given) has run, so that it
    can take the country of the body it is 'of'."""
    ent_tokens = {i for e in doc.ents if e.label_ in ("PERSON", "ORG") for i in range(e.start, e.end)}
    later = [role for role in roles if _of_body(role, lex)]
    for role in roles:
        if role not in later:
            _add_group(doc, table, lex, role, when, consumed, ent_tokens)
    if between is not None:
        between()
    for role in later:
        _add_group(doc, table, lex, role, when, consumed, ent_tokens)


def _of_body(role: Span, lex: Lexicon) -> bool:
    info = lex.roles.get(fold(" ".join(_words(list(role)))))
    return info is not None and info.weight == 1 and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in role.root.rights)


def _add_group(doc: Doc, table: Table, lex: Lexicon, role: Span, when: date | None, consumed: set[int],
               ent_tokens: set[int]) -> None:
    r = role.root
    if any(t.i in consumed or t.i in ent_tokens for t in role) or r.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return
    if r.dep_ in ("attr", "acomp", "oprd") or (r.dep_ == "pobj" and r.head.lower_ == "as"):
        return  # predicative: "serve as president of Cuba" describes, it does not refer
    if r.pos_ == "ADJ" and r.dep_ not in ("nsubj", "dobj", "pobj", "conj", "amod"):
        return
    mention, right = _group_tokens(role)
    if any(t.i in ent_tokens or t.i in consumed for t in mention if t.i < role.start and t.dep_ != "poss"):
        if any(t.ent_type_ == "PERSON" for t in mention):
            _led_body(doc, table, lex, role, mention)
            return
    coding, items = _code(mention + right, lex, when)
    if coding.country and ethnic(mention):  # "ethnic Albanian guerrillas": coded where they live
        coding = replace(coding, country=residence(doc[mention[0].i:role.end], coding.country, lex))
    elif coding.country is None:  # "leaders of <an actor>"; "the city's police": the town named last
        coding = replace(coding, country=_actor_country(table, right) or _town_country(doc, mention, lex))
    info = lex.roles.get(fold(" ".join(_words(list(role)))))
    if info is None or coding.sector is None:
        return
    span = doc[mention[0].i:role.end]
    while len(span) > 1 and span[0].lower_ in ("a", "an", "some", "the"):
        span = span[1:]
    definite = any(t.lower_ in _DEFINITE or t.dep_ == "poss" for t in mention)
    if info.kind == "person" and info.weight <= 2 and definite:
        person = _link_person(table, coding, role.text, role.start)
        if person is not None:
            table.mention(person, span, [t for t in span if t.i not in table.token_actor])
            return
    if coding.country is None and (_owned(mention) or r.pos_ == "ADJ" or not (info.standalone or _home_role(role, lex))):
        return  # "its troops": the owner is an actor named elsewhere (coreference), not a new group
    kind = "organization" if info.kind == "organization" else "group"
    parts = _coordinated(mention, role, lex)
    if parts:  # "U.S. and Russian negotiators": one group per country; the head noun goes with the last
        for n, (country, toks) in enumerate(parts):
            last = n == len(parts) - 1
            part = doc[toks[0].i:role.end] if last else doc[toks[0].i:toks[-1].i + 1]
            name = " ".join(["".join(t.text for t in toks), role.text])
            actor = _group(table, lex, country, coding.sector, kind, name)
            table.mention(actor, part, list(part) if last else toks)
        return
    if coding.country is None:  # a home role: one actor per role word until the country is known
        if kind == "organization" and coding.sector == "GOV":
            k: tuple = HOME_GOVERNMENT
        else:
            k = ("home", fold(role.text), coding.sector, kind)
        actor = table.get(k, lambda i: Actor(id=i, name=span.text, kind=kind, country=None, sector=coding.sector))
    else:
        actor = _group(table, lex, coding.country, coding.sector, kind, span.text)
    tokens = [t for t in span if t.i not in table.token_actor or t.i >= role.start or not t.ent_type_]
    table.mention(actor, span, tokens)


def _led_body(doc: Doc, table: Table, lex: Lexicon, role: Span, mention: list[Token]) -> None:
    """ "the Trump administration", "the Maduro regime": the government of the leader's country (the
    person's, else the one country whose heads of state or government bore that surname)."""
    info = lex.roles.get(fold(" ".join(_words(list(role)))))
    if info is None or info.kind != "organization" or info.sector != "GOV":
        return
    by_id = {a.id: a for a in table.actors}
    names = [t for t in mention if t.ent_type_ == "PERSON"]
    leader = by_id.get(table.token_actor.get(names[0].i, "")) if names else None
    country = leader.country if leader is not None and leader.kind == "person" else None
    if country is None and names:
        # "the Bush administration": a surname that only one country's heads of state or government bore
        known = lex.ruler_surnames.get(fold(names[-1].text), frozenset())
        country = next(iter(known)) if len(known) == 1 else None
    if country is None:
        return
    table.mention(_government(table, lex, country), doc[names[0].i:role.end], list(role))


def _actor_country(table: Table, right: list[Token]) -> str | None:
    """ "Leaders of the Azadliq opposition coalition": the country of the actor the role is 'of'."""
    by_id = {a.id: a for a in table.actors}
    for t in right:
        actor = by_id.get(table.token_actor.get(t.i, ""))
        if actor is not None and actor.country:
            return actor.country
    return None


_TOWN_WORDS = {"city", "town", "village", "capital", "province", "region", "district"}


def _town_country(doc: Doc, mention: list[Token], lex: Lexicon) -> str | None:
    """ "the city's police", "the town's mayor": the country of the last place named before the mention."""
    from chronicler.stages.actors.places import location_of

    town = next((t for t in mention if t.lower_ in _TOWN_WORDS and t.dep_ == "poss"
                 and any(c.lower_ == "the" for c in t.children)), None)
    if town is None:
        return None
    for ent in reversed(doc.ents):
        if ent.end <= town.i and ent.label_ in ("GPE", "LOC"):
            place = location_of(ent.text, lex)
            if place is not None and place.country:
                return place.country
    return None


def _home_role(role: Span, lex: Lexicon) -> bool:
    """A role word that, with no country in its phrase, names an actor of the document's own country
    ("voters", "the government"; ``Lexicon.home_roles``): the country is given later (``context``)."""
    if role.root.dep_ in ("compound", "amod", "nmod", "poss"):
        return False  # "administration officials": the officials are the actor, not the administration
    return fold(" ".join(_words(list(role)))) in lex.home_roles


def _owned(mention: list[Token]) -> bool:
    return any(t.dep_ == "poss" and t.pos_ == "PRON" for t in mention)


def _group(table: Table, lex: Lexicon, country: str | None, sector: str, kind: str, name: str) -> Actor:
    if kind == "organization" and sector == "GOV" and country:
        return _government(table, lex, country)
    return table.get(("group", country, sector, kind), lambda i: Actor(
        id=i, name=name, kind=kind, country=country, sector=sector))


def _coordinated(mention: list[Token], role: Span, lex: Lexicon) -> list[tuple[str, list[Token]]]:
    """Countries coordinated before a role noun ("US and British forces"), each with its tokens; [] when
    fewer than two countries or no coordination."""
    left = [t for t in mention if t.i < role.start]
    if not any(t.lower_ in ("and", "or", "&") for t in left):
        return []
    parts = []
    for g in _groups(left):
        text = "".join(t.text for t in g)
        iso3 = lex.country(text) if text[:1].isupper() else None
        if iso3 is not None and (not parts or parts[-1][0] != iso3):
            parts.append((iso3, g))
    return parts if len(parts) >= 2 else []
