"""Mentions of one document -> canonical actors.

Order of work (each step reads what the earlier ones found):
1. people (PERSON entities after the entity ruler): one actor per person; a bare surname joins the person
   named in full; titles from the words before the name ("Cuba's President", "US Secretary of State") and
   from appositions ("Ayman Safadi, the foreign minister of Jordan"); the dated knowledge file fills in
   what the text does not say (country, office at the publication date, former office holders -> ELI);
2. organisations (ORG entities and known organisations);
3. peoples ("Bosnian Serbs", "the Albanians of southern Serbia", "ethnic Albanians": groups coded by where
   they live, see ``peoples``) and states: country names and demonyms are mentions of the country (kind
   "country", country only). The
   metonymy rule: a capital or seat of government as the subject or object of a verb ("urged Havana",
   "the Kremlin said"), or a country name as the subject or object of a political verb ("Cuba denied"),
   is a mention of that country's government (kind "organization", sector GOV, e.g. CUBGOV), the same actor
   as "the Cuban government" or "Cuba's government"; "in Havana" is a place, not an actor;
4. coded groups: role words with a country ("a Jordanian official", "Iraqi troops", "the US military",
   "protesters in Gjilan") become group/organization actors keyed by (country, sector, kind); a definite
   person role ("the Cuban leader", "the president") joins the last person with that country and sector;
5. "the island" joins the island state the text mentioned last;
6. a person with a state office and no country takes the one country the document mentions (an inference,
   left null when the document names none or several).
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from chronicler.model import Actor
from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.actors.coder import Coding
from chronicler.stages.actors.context import assign_home_country
from chronicler.stages.actors.learned import decide
from chronicler.stages.actors.dictionaries import note_undated
from chronicler.stages.actors.entities import (Rulers, dictionary_people, fix_entities, join_country_names,
                                               knowledge_spans, role_spans, titled_names)
from chronicler.stages.actors.groups import _GROUP_LEFT_DEPS, add_groups
from chronicler.stages.actors.lexicon import Lexicon, fold, word_set
from chronicler.stages.actors.peoples import ethnic, people_spans, place_country, residence
from chronicler.stages.actors.inference import infer_office_countries, place_home_bodies
from chronicler.stages.actors.people import add_people, finish_people
from chronicler.stages.actors.table import Table, _code, _government

_STATE_LABELS = {"GPE", "NORP", "LOC", "FAC", "PERSON"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent"}


def political_verbs() -> frozenset[str]:
    return word_set("political_verbs.txt")


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
                id=i, name=org.name, kind=org.kind, country=org.country, sector=org.sector, cameo=org.cameo))
        else:
            left = [t for c in ent.root.lefts if c.i < ent.start and c.dep_ in _GROUP_LEFT_DEPS
                    for t in c.subtree if t.i < ent.start]
            coding, items = _code(left + list(ent), lex, when, places=False)
            if coding.person is not None and not any(it.kind == "role" for it in items):
                # named after a person ("Trump Organization"): the person's country, not their office
                coding = Coding(coding.country, None, coding.kind)
            name = _clean_name(ent.text)
            actor = table.get(("org", fold(name), coding.country), lambda i: Actor(
                id=i, name=name, kind="organization", country=coding.country, sector=coding.sector))
        table.mention(actor, ent)
        consumed.update(t.i for t in ent)


# ---------------------------------------------------------------- states and metonyms


def _argument(span: Span) -> Token | None:
    """The verb whose subject or object the span is, or None."""
    root = span.root
    if root.dep_ in _ARG_DEPS and root.head.pos_ in ("VERB", "AUX"):
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ in ("with", "by") and root.head.head.pos_ in ("VERB", "NOUN"):
        return root.head.head
    return None


def _people(table: Table, span: Span, country: str | None) -> None:
    name = span.text
    actor = table.get(("people", fold(name), country),
                      lambda i: Actor(id=i, name=name, kind="group", country=country))
    table.mention(actor, span)


def add_peoples(doc: Doc, table: Table, lex: Lexicon, skip: range) -> set[int]:
    """ "Bosnian Serbs", "Iraqi Kurds": groups of the first demonym's country (or of the place they are
    'of'); returns the tokens they take."""
    taken: set[int] = set()
    for span, iso3 in people_spans(doc, lex):
        if span.start in skip or any(i in table.token_actor for i in range(span.start, span.end)):
            continue
        _people(table, span, place_country(span, lex) or iso3)
        taken.update(range(span.start, span.end))
    return taken


def _minority(span: Span, iso3: str, lex: Lexicon) -> tuple[Span, str | None] | None:
    """ "the Albanians of southern Serbia" (SRB), "ethnic Albanians" (where they live): a people coded by the
    country it lives in; None for a people at home ("Albanians demanded")."""
    if span.label_ != "NORP" or span.root.tag_ not in ("NNPS", "NNS"):
        return None
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and ethnic([before]):
        return span.doc[before.i:span.end], residence(span, iso3, lex)
    home = place_country(span, lex)
    return (span, home) if home and home != iso3 else None


def add_states(doc: Doc, table: Table, lex: Lexicon, metonyms: list[Span], skip: range) -> None:
    covered = {i for m in metonyms for i in range(m.start, m.end)} | add_peoples(doc, table, lex, skip)
    spans = [e for e in doc.ents if e.label_ in _STATE_LABELS and not any(i in covered for i in range(e.start, e.end))]
    spans += metonyms
    verbs = political_verbs()
    for span in sorted(spans, key=lambda s: s.start):
        if span.start in skip:
            continue
        text = span.text
        iso3 = lex.country(text)
        if iso3 is None and span.label_ == "GPE":
            iso3 = lex.misspelt_country(text)  # "Ethopia", "Afganistan": the model saw a place
        minority = _minority(span, iso3, lex) if iso3 is not None else None
        if minority is not None:
            _people(table, *minority)
            continue
        person = span.label_ == "PERSON" and any(t.i in table.token_actor for t in span)
        met = None if person else lex.metonym(text)  # "Havana" tagged PERSON but not taken as a person
        verb = _argument(span)
        if met is not None and verb is not None and met[0] != "IGO":
            table.mention(_government(table, lex, met[0], met[1]), span)
        elif iso3 is not None:
            state = span.label_ != "NORP"  # "Albanians demanded": people, not the Albanian state
            if state and verb is not None and verb.lemma_.lower() in verbs and span.root.dep_ != "nsubjpass":
                table.mention(_government(table, lex, iso3), span)
            else:
                name = lex.name_of(iso3)
                actor = table.get(("country", iso3), lambda i: Actor(id=i, name=name, kind="country", country=iso3))
                table.mention(actor, span)


def add_islands(doc: Doc, table: Table, lex: Lexicon) -> None:
    """ "the island" (nation) -> the island state mentioned last before it."""
    lower = parse_arrays(doc).lower
    for i in [i for i, w in enumerate(lower) if w == "island" and i > 0 and lower[i - 1] == "the"]:
        t = doc[i]
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
        actor.name = " ".join(actor.name.split()) or "?"
        actor.mentions = sorted(set(actor.mentions))
    index = {i: mapping[a] for i, a in table.token_actor.items() if a in mapping}
    return actors, index


def build(doc: Doc, lex: Lexicon, rulers: Rulers) -> tuple[list[Actor], dict[int, str]]:
    article = doc._.article
    when = article.published if article is not None else None
    if when is None and lex.dicts is not None:
        note_undated()
    join_country_names(doc, lex)
    spans = knowledge_spans(doc, rulers, lex)
    roles = role_spans(doc, rulers)
    fix_entities(doc, spans, titled_names(doc, roles, lex) + dictionary_people(doc, lex))
    known: dict[int, tuple[str, str]] = {}
    for span, kind, k in spans:
        for i in range(span.start, span.end):
            known[i] = (kind, k)
    skip = range(0)
    if article is not None and article.dateline_span:
        s, e = article.dateline_span
        skip = range(*_token_range(doc, s, e))
        # the dateline's place and agency ("OSLO (Reuters) -") say where and by whom the story was filed:
        # no actor of it
        filed = range(*_token_range(doc, s, max(e, article.body_start)))
        doc.ents = [x for x in doc.ents if not (filed.start <= x.start and x.end <= filed.stop)]
    table = Table()
    consumed: set[int] = set()
    add_people(doc, table, lex, known, when, consumed)
    finish_people(table, when)
    metonyms = [Span(doc, sp.start, sp.end, label="FAC") for sp, kind, _ in spans if kind == "metonym"]
    consumed.update(i for m in metonyms for i in range(m.start, m.end))
    add_orgs(doc, table, lex, known, when, consumed)
    add_states(doc, table, lex, metonyms, skip)
    coded = {a.id for k, a in table.by_key.items() if k[0] == "org" and len(k) == 2}  # from organizations.tsv
    add_groups(doc, table, lex, roles, when, consumed, between=lambda: place_home_bodies(doc, table, lex, coded))
    add_islands(doc, table, lex)
    infer_office_countries(doc, table, lex, coded)
    decide(doc, table, lex)
    assign_home_country(doc, table, lex, article.dateline if article is not None else None, coded)
    return renumber(table)


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)
