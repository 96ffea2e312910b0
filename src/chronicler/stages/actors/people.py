"""People: PERSON entities -> one actor per person, with title, country and sector.

A bare surname joins the person named in full; titles come from the words before the name ("Cuba's
President", "US Secretary of State") and from appositions ("Ayman Safadi, the foreign minister of Jordan");
the dated knowledge file fills in what the text does not say (country, office at the publication date,
former office holders -> ELI).
"""
from __future__ import annotations

import logging
from datetime import date

from spacy.tokens import Doc, Span, Token

from chronicler.model import Actor
from chronicler.stages.actors.lexicon import Lexicon, Person, fold
from chronicler.stages.actors.peoples import is_people
from chronicler.stages.actors.table import Table, _code, _groups

log = logging.getLogger("chronicler.actors")
_WARNED: set[str] = set()  # people whose stale knowledge was reported (once per process)
_TITLE_STOP = {",", ";", ":", "(", ")", '"', "“", "”", "—", "–"}


def _prefix_tokens(ent: Span) -> list[Token]:
    """Words before a name that modify it: "Cuba's President", "US Secretary of State"."""
    doc = ent.doc
    root = ent.root
    out: list[Token] = []
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 8:
        t = doc[i]
        if t.is_space or t.text in _TITLE_STOP or t.ent_type_ == "PERSON":
            break
        if not (t.head.i == root.i or any(a.i == root.i for a in t.ancestors)):
            break
        out.insert(0, t)
        i -= 1
    return out


def _appos_tokens(ent: Span) -> list[Token]:
    """An apposition that describes the name: "X, the foreign minister of Y" or "Y's minister, X"."""
    root = ent.root
    for child in root.rights:
        if child.dep_ == "appos":
            toks = [t for t in child.subtree if t.i >= ent.end]
            return toks[:12]
    if root.dep_ == "appos" and root.head.i < ent.start:
        head = root.head
        return [t for t in head.subtree if t.i < ent.start and t.text not in _TITLE_STOP][-12:]
    return []


def _title_from(tokens: list[Token], lex: Lexicon, when: date | None):
    """(coding, title text, role tokens) when the tokens hold a role word, else None."""
    if not tokens:
        return None
    coding, items = _code(tokens, lex, when)
    roles = [it for it in items if it.kind == "role" and it.value.weight in (1, 2) and it.value.kind == "person"]
    if not roles:
        return None
    strong = [it for it in roles if it.value.weight == 2] or roles
    role = strong[-1] if len(tokens) < 8 else strong[0]
    groups = _groups(tokens)
    title = " ".join("".join(t.text for t in g) for g in groups[role.start:role.end])
    role_tokens = [t for g in groups[role.start:role.end] for t in g]
    return coding, title[:1].upper() + title[1:], role_tokens


_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "madam", "mme", "m."}


def _name_tokens(ent: Span) -> list[Token]:
    """The name without honorifics or a possessive ending ("Ms Hewitt" -> "Hewitt")."""
    toks = list(ent)
    while len(toks) > 1 and toks[-1].text in ("'s", "’s", "'", "’"):
        toks = toks[:-1]
    while len(toks) > 1 and toks[0].lower_ in _HONORIFICS:
        toks = toks[1:]
    return toks


def _surname_key(ent: Span) -> str:
    toks = _name_tokens(ent)
    if not toks:
        return fold(ent.text)
    end = len(toks)
    start = end - 1
    while start > 0 and (toks[start - 1].text == "-" or toks[start].text == "-"):
        start -= 1
    return fold("".join(t.text_with_ws for t in toks[start:end]).strip())


def _full_key(ent: Span) -> str:
    return fold("".join(t.text_with_ws for t in _name_tokens(ent)).strip())


def _is_single(ent: Span, sk: str) -> bool:
    return _full_key(ent) == sk


def add_people(doc: Doc, table: Table, lex: Lexicon, known: dict[int, tuple[str, str]],
               when: date | None, consumed: set[int]) -> None:
    """Full names first, then bare surnames: a surname joins the full name it ends (the nearest one
    before it, else the first after it, as in a headline), else a known person, else a new person."""
    ents = [e for e in doc.ents if e.label_ == "PERSON" and e.text.strip()]
    full: dict[str, list[tuple[int, Actor]]] = {}
    singles = []
    for ent in ents:
        person = _known_person(ent, known, lex)
        if person is None and (lex.country(ent.text) or lex.role(ent.text) or is_people(ent, lex)):
            continue  # "Britons", "Bosnian Serbs" tagged PERSON: peoples, handled with the states
        sk = _surname_key(ent)
        if _is_single(ent, sk):
            singles.append((ent, person, sk))
            continue
        k = ("person", person.name) if person else ("person", _full_key(ent))
        name = "".join(t.text_with_ws for t in _name_tokens(ent)).strip()
        actor = table.get(k, lambda i: Actor(id=i, name=name, kind="person"))
        full.setdefault(sk, []).append((ent.start, actor))
        _add_person_mention(table, lex, actor, ent, person, when, consumed)
    # a name the article gives a title once ("Senator Warren") is that person's wherever it stands alone
    titled_names = {sk for ent, _, sk in singles if _title_from(_prefix_tokens(ent), lex, when) is not None}
    for ent, person, sk in singles:
        named = _same_gender(ent, full.get(sk, []))
        candidates = {a.id: (start, a) for start, a in named}
        if len(candidates) > 1:
            before = [c for c in named if c[0] < ent.start]
            actor = (before[-1] if before else named[0])[1]
        elif candidates:
            actor = next(iter(candidates.values()))[1]
        else:
            titled = sk in titled_names
            if person is None and _looks_like_place(ent, lex) and not titled:
                continue  # "Manchester" tagged PERSON; but "King Hassan" is a person whatever towns share the name
            k = ("person", person.name) if person else ("person", sk)
            name = "".join(t.text_with_ws for t in _name_tokens(ent)).strip()
            actor = table.get(k, lambda i: Actor(id=i, name=name, kind="person"))
        _add_person_mention(table, lex, actor, ent, person if actor.id not in table.person_of else None,
                            when, consumed)


def _same_gender(ent: Span, named: list[tuple[int, Actor]]) -> list[tuple[int, Actor]]:
    """The full names a bare surname may stand for, less those its honorific rules out: "Mrs. Clinton" is not
    Bill Clinton, "Mr. Clinton" not Hillary Clinton (the given name's gender, where the name list knows it)."""
    from chronicler.stages.coref.lexicon import lexicon as coref_lexicon

    if len({a.id for _, a in named}) < 2:
        return named
    coref = coref_lexicon()
    word = ent[0] if ent[0].lower_ in coref.honorifics else ent.doc[ent.start - 1] if ent.start > 0 else None
    g = coref.honorifics.get(word.lower_) if word is not None else None
    if g is None:
        return named
    kept = [(s, a) for s, a in named if coref.first_names.get(a.name.split()[0].lower().strip(".,")) in (g, None)]
    return kept or named


def _looks_like_place(ent: Span, lex: Lexicon) -> bool:
    place = lex.place(ent.text)
    return place is not None and place.population >= 50000


def _add_person_mention(table: Table, lex: Lexicon, actor: Actor, ent: Span, person: Person | None,
                        when: date | None, consumed: set[int]) -> None:
    if person is not None:
        table.person_of.setdefault(actor.id, person)
    extra: list[Token] = []
    for toks in (_prefix_tokens(ent), _appos_tokens(ent)):
        found = _title_from(toks, lex, when)
        if found is None:
            continue
        coding, title, role_tokens = found
        if actor.title is None:
            actor.title = title
            actor.sector = actor.sector or coding.sector
        actor.country = actor.country or coding.country
        consumed.update(t.i for t in toks)
        extra.extend(role_tokens)
    if actor.country is None:
        actor.country = _of_country(ent, lex)
    table.mention(actor, ent, list(ent) + extra)


def _of_country(ent: Span, lex: Lexicon) -> str | None:
    """ "King Hassan of Morocco", "Sheikh Hamad of Qatar": the country a name is 'of'."""
    for prep in ent.root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == ent.end:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ == "GPE":
                return lex.country(" ".join(t.text for t in obj.subtree if t.ent_type_ == "GPE"))
    return None


def finish_people(table: Table, when: date | None) -> None:
    """What the knowledge file says about the people the text did not describe fully."""
    for actor in table.actors:
        person = table.person_of.get(actor.id)
        if person is None:
            continue
        tenure, sector = person.at(when)
        if person.stale(when) and person.name not in _WARNED:
            _WARNED.add(person.name)
            log.warning("actors: leaders.tsv knows %s's office only up to %s; the text is dated %s",
                        person.name, max(t.as_of for t in person.tenures if t.as_of), when)
        if actor.country is None:
            actor.country = tenure.country if tenure else person.country
            if person.source != "leaders" and actor.country:
                table.from_knowledge.add(actor.id)
        if actor.sector is None:
            actor.sector = sector
        elif _title_of_another_time(person, actor.sector, sector, when):
            actor.sector = sector  # "President Bill Clinton" in 2016: a former president (ELI)
        if actor.title is None and tenure is not None and sector == tenure.sector:
            actor.title = tenure.role
        actor.name = person.name  # the knowledge file's canonical spelling (accents kept)


def _title_of_another_time(person: Person, text_sector: str, known_sector: str | None, when: date | None) -> bool:
    """True when the office the text's title names is not the person's at the article's date and the dated
    knowledge says what it is: "President Bill Clinton" in 2016 (a past office: ELI), "Secretary Clinton"
    running for president in 2016 (a candidacy in force: PTY). Only for the people of ``leaders.tsv``, checked
    by hand with their offices and candidacies, whose tenures say when each office was held."""
    if when is None or known_sector is None or known_sector == text_sector or not person.tenures:
        return False
    if person.source != "leaders":
        return False  # the office holders' data has gaps (a text's "new President" may be newer than it)
    if any(t.covers(when) and t.sector == text_sector for t in person.tenures):
        return False
    in_force = any(t.covers(when) for t in person.tenures)
    held_then = any(t.sector == text_sector and not t.covers(when) for t in person.tenures)
    return in_force or held_then


def _known_person(ent: Span, known: dict[int, tuple[str, str]], lex: Lexicon) -> Person | None:
    for i in range(ent.start, ent.end):
        hit = known.get(i)
        if hit and hit[0] == "person":
            found = lex.people.get(hit[1])
            if found and len(found) == 1:
                return found[0]
    return lex.person(ent.text)

