"""Where events happen and whom they are aimed at: places attached to an event's phrase, territorial targets
("lifted a curfew in Montenegro"), venues that are no targets ("returned to Geneva for talks"), and groups
named without their country, placed domestically as CAMEO/PLOVER coders place them."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.model import Event, Location, Participant
from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.actors.places import dateline_location, locate, place_at
from chronicler.stages.events.arguments import whole_of
from chronicler.stages.events.draft import Draft
from chronicler.stages.events.lexicon import word_set
from chronicler.stages.events.triggers import ADJUNCT_PREPS


def venue(tok: Token) -> bool:
    """A town reached by "to/in/at" ("returned to Geneva"): where something happens, not whom it concerns."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "in", "at", "into") or tok.ent_type_ != "GPE":
        return False
    place = place_at(tok.doc, tok.i)
    return place is not None and place.lat is not None  # a city has coordinates, a country does not


def event_location(doc: Doc, tok: Token) -> tuple[Location | None, bool]:
    """A place in the event's clause ("ousted Maduro in Venezuela"), else the dateline, via the gazetteer;
    and whether it was found in the text (not the dateline)."""
    found = locate(doc, tok)
    return found, found is not None and found != dateline_location(doc)


# Events aimed at a territory: with no named target, a place they happen in is what they are aimed at
# ("imposed a curfew in Abidjan", "shelled Juba"). Meetings and statements only happen somewhere.
PLACE_TARGET_TYPES = {"COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "SANCTION", "THREATEN", "CONCEDE", "RETREAT",
                      "AID"}


def people_nouns() -> frozenset[str]:
    return word_set("people.txt")


_ATTACH_DEPS = {"prep", "pobj", "dobj", "npadvmod", "compound", "amod", "nmod", "poss", "appos", "xcomp"}


def attached_place(doc: Doc, places: list, d: Draft, beside_target: bool = False) -> Location | None:
    """A place named in the event's own phrase ("curfew in Abidjan", "shelled Juba"), not in a clause that
    merely hangs off it ("threats, which followed the raid in Venezuela")."""
    anchors = set(d.tokens) - {d.source_token}
    inside: set[int] = set()  # with beside_target: places naming the participants ("one U.S. soldier") are not
    if beside_target:         # where the event happens
        for t in (d.source_token, d.target_token):
            if t is not None:
                inside.update(x.i for x in doc[t].subtree)
    cur = d.trigger.token
    while cur.pos_ != "VERB" and cur.dep_ in ("dobj", "pobj", "prep", "compound") and cur.head.i != cur.i:
        if cur.dep_ == "prep" and cur.lower_ in ADJUNCT_PREPS:
            break  # "denies being in talks with the US after Trump's threats": the talks' place is not the threats'
        cur = cur.head  # a nominal event's governing verb: "remained on alert in the West Bank"
        anchors.add(cur.i)
    arrays = parse_arrays(doc)
    dep, head = arrays.dep, arrays.head
    for p in places:
        cur = arrays.root(p.start, p.end)
        if cur in inside:
            continue
        for _ in range(7):
            if cur in anchors:
                return p.location
            if dep[cur] not in _ATTACH_DEPS or head[cur] == cur:
                break
            cur = head[cur]
    return None


def place_target(event: Event, d: Draft, location: Location | None, in_text: bool,
                  attached: Location | None) -> Participant | None:
    if event.target is None and (event.type in PLACE_TARGET_TYPES or d.trigger.code.type in PLACE_TARGET_TYPES):
        if attached is None or attached.country is None:
            return None
        return Participant(name=attached.name, country=attached.country, code=attached.country)
    if not in_text or location is None or location.country is None:
        return event.target
    target = event.target
    if target is not None and target.country is None and target.actor is None and d.target_lemma in people_nouns() \
            and attached is not None and attached.country:  # not a place in an "if war starts in Iraq" clause
        return Participant(name=target.name, country=attached.country, code=attached.country)
    return target


_HOME_SECTORS = ("GOV", "COP", "JUD")  # institutions that act at home: a government, its police, its courts


def instruments() -> frozenset[str]:
    return word_set("instruments.txt")


def _unplaced(doc: Doc, tok_i: int | None, p: Participant | None) -> bool:
    """A group named without whose it is ("rebels", "students", "ethnic Turks": an ethnic group is not the
    state its name comes from)."""
    if p is None or tok_i is None or p.country == "IGO":
        return False
    tok = whole_of(doc[tok_i])
    if any(t.lower_ == "ethnic" for c in tok.lefts for t in c.subtree) or tok.lower_ == "ethnic":
        return True
    if p.country is None and p.actor is not None and tok.pos_ == "PRON":  # "their hunger strike": the group's
        actor = next((a for a in doc._.actors or [] if a.id == p.actor), None)
        return actor is not None and actor.kind == "group"
    lemma = tok.lemma_.lower()
    return p.country is None and (lemma in people_nouns() or lemma in instruments()) and \
        tok.ent_type_ not in ("PERSON", "ORG")


def _home_country(p: Participant | None) -> str | None:
    if p is None or not p.country or p.country == "IGO":
        return None
    code = p.code or ""
    return p.country if code == p.country or code[3:6] in _HOME_SECTORS else None


def _place_within(tok: Token) -> str | None:
    """The country of a place named inside a phrase: "a roadside bombing near the town of Samarra"."""
    for p in tok.doc._.places or []:
        if tok.left_edge.i <= p.start and p.end - 1 <= tok.right_edge.i and not (p.start <= tok.i < p.end):
            if p.location.country and p.location.country != "IGO":
                return p.location.country
    return None


def place_domestic(event: Event, d: Draft, doc: Doc, attached: Location | None) -> None:
    """Domestic by default (the convention of CAMEO/PLOVER coders): a group named without its country is
    placed by the place the event happens in, else by the government, police or state it deals with."""
    here = attached.country if attached is not None and attached.country not in (None, "IGO") else None
    for role, tok_i, other in (("source", d.source_token, event.target), ("target", d.target_token, event.source)):
        p = getattr(event, role)
        if not _unplaced(doc, tok_i, p):
            continue
        weapon = doc[tok_i].lemma_.lower() in instruments()  # a bomb is placed where it goes off, never by its victims
        country = _place_within(doc[tok_i]) or here or (None if weapon else _home_country(other))
        if country is not None and country != p.country:
            setattr(event, role, Participant(name=p.name, actor=p.actor, country=country, code=country))
