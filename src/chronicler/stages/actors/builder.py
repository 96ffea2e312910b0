"""Mentions of one document -> canonical actors.

Order of work (each step reads what the earlier ones found):
1. people (PERSON entities after the entity ruler): one actor per person; a bare surname joins the person
   named in full; titles from the words before the name ("Cuba's President", "US Secretary of State") and
   from appositions ("Ayman Safadi, the foreign minister of Jordan"); the dated knowledge file fills in
   what the text does not say (country, office at the publication date, former office holders -> ELI);
2. organisations (ORG entities and known organisations);
3. states: country names and demonyms are mentions of the country (kind "country", country only). The
   metonymy rule: a capital or seat of government as the subject or object of a verb ("urged Havana",
   "the Kremlin said"), or a country name as the subject or object of a political verb ("Cuba denied"),
   is a mention of that country's government (kind "organization", sector GOV, e.g. CUBGOV), the same actor
   as "the Cuban government" or "Cuba's government"; "in Havana" is a place, not an actor;
4. coded groups: role words with a country ("a Jordanian official", "Iraqi troops", "the US military",
   "protesters in Gjilan") become group/organization actors keyed by (country, sector, kind); a definite
   person role ("the Cuban leader", "the president") joins the last person with that country and sector;
5. "the island" joins the island state the text mentioned last.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from chronicler.model import Actor
from chronicler.stages.actors.coder import Coding, code_items, scan
from chronicler.stages.actors.entities import Rulers, fix_entities, knowledge_spans, role_spans, titled_names
from chronicler.stages.actors.lexicon import Lexicon, Person, fold

_STATE_LABELS = {"GPE", "NORP", "LOC", "FAC", "PERSON"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent"}
_TITLE_STOP = {",", ";", ":", "(", ")", '"', "“", "”", "—", "–"}
_DEFINITE = {"the", "this", "that", "his", "her", "its", "their"}
_GROUP_LEFT_DEPS = {"amod", "compound", "nmod", "poss", "det", "nummod", "case", "quantmod", "npadvmod"}
_GROUP_PREPS = {"of", "in", "from", "at", "across", "throughout", "inside", "within"}


@lru_cache(maxsize=1)
def political_verbs() -> frozenset[str]:
    text = resources.files("chronicler.stages.actors").joinpath("political_verbs.txt").read_text("utf-8")
    return frozenset(x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#"))


@dataclass
class Table:
    """The actors under construction, keyed, with the token index."""

    actors: list[Actor] = field(default_factory=list)
    by_key: dict[tuple, Actor] = field(default_factory=dict)
    token_actor: dict[int, str] = field(default_factory=dict)
    first_token: dict[str, int] = field(default_factory=dict)
    person_of: dict[str, Person] = field(default_factory=dict)

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


def _words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens if not t.is_space]


def _code(tokens: list[Token], lex: Lexicon, when: date | None, places: bool = True) -> tuple[Coding, list]:
    words = _words(tokens)
    items = scan(words, lex)
    if not places:  # inside an organisation's name a town is part of the name ("Chaves", "Inland")
        items = [it for it in items if it.kind != "place"]
    return code_items(words, items, when), items


# ---------------------------------------------------------------- people

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
    words = _words(tokens)
    title = " ".join(words[role.start:role.end])
    offset = {n: t for n, t in enumerate(t for t in tokens if not t.is_space)}
    role_tokens = [offset[n] for n in range(role.start, role.end) if n in offset]
    return coding, title[:1].upper() + title[1:], role_tokens


def _surname_key(ent: Span) -> str:
    words = [t for t in ent if not t.is_punct or t.text == "-"]
    if not words:
        return fold(ent.text)
    end = len(ent)
    start = end - 1
    while start > 0 and (ent[start - 1].text == "-" or ent[start].text == "-"):
        start -= 1
    return fold(ent[start:end].text)


def _is_single(ent: Span, sk: str) -> bool:
    return len([t for t in ent if not t.is_punct]) <= 1 or fold(ent.text) == sk


def add_people(doc: Doc, table: Table, lex: Lexicon, known: dict[int, tuple[str, str]],
               when: date | None, consumed: set[int]) -> None:
    """Full names first, then bare surnames: a surname joins the full name it ends (the nearest one
    before it, else the first after it, as in a headline), else a known person, else a new person."""
    ents = [e for e in doc.ents if e.label_ == "PERSON" and e.text.strip()]
    full: dict[str, list[tuple[int, Actor]]] = {}
    singles = []
    for ent in ents:
        person = _known_person(ent, known, lex)
        if person is None and (lex.country(ent.text) or lex.role(ent.text)):
            continue  # "Britons" tagged PERSON: a demonym, handled with the states
        sk = _surname_key(ent)
        if _is_single(ent, sk):
            singles.append((ent, person, sk))
            continue
        k = ("person", person.name) if person else ("person", sk)
        actor = table.get(k, lambda i: Actor(id=i, name=ent.text.strip(), kind="person"))
        full.setdefault(sk, []).append((ent.start, actor))
        _add_person_mention(table, lex, actor, ent, person, when, consumed)
    for ent, person, sk in singles:
        candidates = {a.id: (start, a) for start, a in full.get(sk, [])}
        if len(candidates) > 1:
            before = [c for c in full[sk] if c[0] < ent.start]
            actor = (before[-1] if before else full[sk][0])[1]
        elif candidates:
            actor = next(iter(candidates.values()))[1]
        else:
            if person is None and _looks_like_place(ent, lex):
                continue  # "Manchester" tagged PERSON
            k = ("person", person.name) if person else ("person", sk)
            actor = table.get(k, lambda i: Actor(id=i, name=ent.text.strip(), kind="person"))
        _add_person_mention(table, lex, actor, ent, person if actor.id not in table.person_of else None,
                            when, consumed)


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
    table.mention(actor, ent, list(ent) + extra)


def finish_people(table: Table, when: date | None) -> None:
    """What the knowledge file says about the people the text did not describe fully."""
    for actor in table.actors:
        person = table.person_of.get(actor.id)
        if person is None:
            continue
        tenure, sector = person.at(when)
        if actor.country is None:
            actor.country = tenure.country if tenure else person.country
        if actor.sector is None:
            actor.sector = sector
        if actor.title is None and tenure is not None and sector == tenure.sector:
            actor.title = tenure.role
        actor.name = person.name  # the knowledge file's canonical spelling (accents kept)


def _known_person(ent: Span, known: dict[int, tuple[str, str]], lex: Lexicon) -> Person | None:
    for i in range(ent.start, ent.end):
        hit = known.get(i)
        if hit and hit[0] == "person":
            found = lex.people.get(hit[1])
            if found and len(found) == 1:
                return found[0]
    return lex.person(ent.text)


# ---------------------------------------------------------------- organisations

def _clean_name(text: str) -> str:
    """An organisation's name without a possessive ending or a leading article."""
    name = " ".join(text.split())
    for end in ("'s", "’s", "'", "’"):
        if name.endswith(end):
            name = name[: -len(end)]
            break
    if name.lower().startswith("the ") and len(name) > 4:
        name = name[4:]
    return name


def add_orgs(doc: Doc, table: Table, lex: Lexicon, known: dict[int, tuple[str, str]],
             when: date | None, consumed: set[int]) -> None:
    for ent in doc.ents:
        if ent.label_ != "ORG" or any(t.i in consumed for t in ent) or not any(c.isupper() for c in ent.text):
            continue
        if ent[0].pos_ == "ADP" or ent[0].lower_ in ("aboard", "on", "in", "at", "from") or (ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("aboard", "on")):
            continue  # "aboard Air Force One": a vehicle, not an actor
        hit = known.get(ent.start)
        org = lex.orgs.get(hit[1]) if hit and hit[0] == "org" else lex.org(ent.text)
        if org is not None:
            actor = table.get(("org", org.name), lambda i: Actor(
                id=i, name=org.name, kind=org.kind, country=org.country, sector=org.sector))
        else:
            left = [t for c in ent.root.lefts if c.i < ent.start and c.dep_ in _GROUP_LEFT_DEPS
                    for t in c.subtree if t.i < ent.start]
            coding, _ = _code(left + list(ent), lex, when, places=False)
            name = _clean_name(ent.text)
            actor = table.get(("org", fold(name), coding.country), lambda i: Actor(
                id=i, name=name, kind="organization", country=coding.country, sector=coding.sector))
        table.mention(actor, ent)
        consumed.update(t.i for t in ent)


# ---------------------------------------------------------------- states and metonyms

def _government(table: Table, lex: Lexicon, iso3: str, sector: str = "GOV") -> Actor:
    kind = "organization"
    name = lex.government_name(iso3) if sector == "GOV" else f"{lex.name_of(iso3)} {sector}"
    return table.get(("group", iso3, sector, kind), lambda i: Actor(
        id=i, name=name, kind=kind, country=iso3, sector=sector))


def _argument(span: Span) -> Token | None:
    """The verb whose subject or object the span is, or None."""
    root = span.root
    if root.dep_ in _ARG_DEPS and root.head.pos_ in ("VERB", "AUX"):
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "by") and root.head.head.pos_ in ("VERB", "NOUN"):
        return root.head.head
    return None


def add_states(doc: Doc, table: Table, lex: Lexicon, metonyms: list[Span], skip: range) -> None:
    covered = {i for m in metonyms for i in range(m.start, m.end)}
    spans = [e for e in doc.ents if e.label_ in _STATE_LABELS and not any(i in covered for i in range(e.start, e.end))]
    spans += metonyms
    verbs = political_verbs()
    for span in sorted(spans, key=lambda s: s.start):
        if span.start in skip:
            continue
        text = span.text
        iso3 = lex.country(text)
        met = lex.metonym(text) if span.label_ != "PERSON" else None
        verb = _argument(span)
        if met is not None and verb is not None and met[0] != "IGO":
            table.mention(_government(table, lex, met[0], met[1]), span)
        elif iso3 is not None:
            if span.label_ == "NORP" and span.root.dep_ in ("amod", "compound", "nmod") and span.root.head.pos_ in ("NOUN", "PROPN"):
                continue  # "Cuban ally", "Venezuelan oil": an attribute (roles make groups below)
            if verb is not None and verb.lemma_.lower() in verbs and span.root.dep_ != "nsubjpass":
                table.mention(_government(table, lex, iso3), span)
            else:
                name = lex.name_of(iso3)
                actor = table.get(("country", iso3), lambda i: Actor(id=i, name=name, kind="country", country=iso3))
                table.mention(actor, span)


# ---------------------------------------------------------------- groups and role nouns

def _group_tokens(role: Span) -> tuple[list[Token], list[Token]]:
    """(the words that make the group's mention, the words after it that can give its country)."""
    doc = role.doc
    r = role.root
    left: set[int] = set()
    for child in r.lefts:
        if child.i < role.start and child.dep_ in _GROUP_LEFT_DEPS:
            left.update(t.i for t in child.subtree)
    if r.dep_ in ("amod", "compound") and r.head.i > r.i:
        for sib in r.head.lefts:
            if sib.i < role.start and sib.dep_ in _GROUP_LEFT_DEPS:
                left.update(t.i for t in sib.subtree if t.i < role.start)
    lo = min(left | {role.start})
    lo = max(lo, role.start - 8)
    mention = [doc[i] for i in range(lo, role.end)]
    right: list[Token] = []
    for child in r.rights:
        if child.dep_ == "prep" and child.lower_ in _GROUP_PREPS:
            right = [t for t in child.subtree][:8]
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
               consumed: set[int]) -> None:
    ent_tokens = {i for e in doc.ents if e.label_ in ("PERSON", "ORG") for i in range(e.start, e.end)}
    for role in roles:
        r = role.root
        if any(t.i in consumed or t.i in ent_tokens for t in role) or r.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        if r.dep_ in ("attr", "acomp", "oprd") or (r.dep_ == "pobj" and r.head.lower_ == "as"):
            continue  # predicative: "serve as president of Cuba" describes, it does not refer
        if r.pos_ == "ADJ" and r.dep_ not in ("nsubj", "dobj", "pobj", "conj", "amod"):
            continue
        mention, right = _group_tokens(role)
        if any(t.i in ent_tokens or t.i in consumed for t in mention if t.i < role.start and t.dep_ != "poss"):
            if any(t.ent_type_ == "PERSON" for t in mention):
                continue
        coding, items = _code(mention + right, lex, when)
        info = lex.roles.get(fold(" ".join(_words(list(role)))))
        if info is None or coding.sector is None:
            continue
        span = doc[mention[0].i:role.end]
        while len(span) > 1 and span[0].lower_ in ("a", "an", "some", "the"):
            span = span[1:]
        definite = any(t.lower_ in _DEFINITE or t.dep_ == "poss" for t in mention)
        if info.kind == "person" and info.weight <= 2 and definite:
            person = _link_person(table, coding, role.text, role.start)
            if person is not None:
                table.mention(person, span, [t for t in span if t.i not in table.token_actor])
                continue
        if coding.country is None and not info.standalone:
            continue
        kind = "organization" if info.kind == "organization" else "group"
        k = ("group", coding.country, coding.sector, kind)
        if kind == "organization" and coding.sector == "GOV" and coding.country:
            actor = _government(table, lex, coding.country)
        else:
            actor = table.get(k, lambda i: Actor(id=i, name=span.text, kind=kind,
                                                 country=coding.country, sector=coding.sector))
        tokens = [t for t in span if t.i not in table.token_actor or t.i >= role.start or not t.ent_type_]
        table.mention(actor, span, tokens)


def add_islands(doc: Doc, table: Table, lex: Lexicon) -> None:
    """ "the island" (nation) -> the island state mentioned last before it."""
    for t in doc:
        if t.lower_ != "island" or t.i == 0 or doc[t.i - 1].lower_ != "the":
            continue
        end = t.i + 1
        if end < len(doc) and doc[end].lower_ in ("nation", "state", "country"):
            end += 1
        best = None
        for actor in table.actors:
            if actor.country in lex.islands and actor.kind in ("country", "organization"):
                last = max((s for s, _ in actor.mentions if s < t.idx), default=-1)
                if last >= 0 and (best is None or last > best[0]):
                    best = (last, actor)
        if best is not None:
            country = best[1].country
            target = table.by_key.get(("country", country)) or best[1]
            table.mention(target, doc[t.i - 1:end])


def renumber(table: Table) -> tuple[list[Actor], dict[int, str]]:
    """Actors in order of first mention, ids A1.. in that order, token index remapped."""
    actors = [a for a in table.actors if a.mentions]
    actors.sort(key=lambda a: min(s for s, _ in a.mentions))
    mapping = {}
    for n, actor in enumerate(actors, 1):
        mapping[actor.id] = f"A{n}"
    for actor in actors:
        actor.id = mapping[actor.id]
        actor.mentions = sorted(set(actor.mentions))
    index = {i: mapping[a] for i, a in table.token_actor.items() if a in mapping}
    return actors, index


def build(doc: Doc, lex: Lexicon, rulers: Rulers) -> tuple[list[Actor], dict[int, str]]:
    article = doc._.article
    when = article.published if article is not None else None
    spans = knowledge_spans(doc, rulers, lex)
    roles = role_spans(doc, rulers)
    fix_entities(doc, spans, titled_names(doc, roles, lex))
    known: dict[int, tuple[str, str]] = {}
    for span, kind, k in spans:
        for i in range(span.start, span.end):
            known[i] = (kind, k)
    skip = range(0)
    if article is not None and article.dateline_span:
        s, e = article.dateline_span
        skip = range(*_token_range(doc, s, e))
    table = Table()
    consumed: set[int] = set()
    add_people(doc, table, lex, known, when, consumed)
    finish_people(table, when)
    metonyms = [Span(doc, sp.start, sp.end, label="FAC") for sp, kind, _ in spans if kind == "metonym"]
    consumed.update(i for m in metonyms for i in range(m.start, m.end))
    add_orgs(doc, table, lex, known, when, consumed)
    add_states(doc, table, lex, metonyms, skip)
    add_groups(doc, table, lex, roles, when, consumed)
    add_islands(doc, table, lex)
    return renumber(table)


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)
