"""Spanish actors: named entities, titles and role words -> canonical, coded actors, with the same names and
codes as the English stage gives the same people, countries and bodies ("el presidente cubano" in 2026 is
Miguel Díaz-Canel, CUBGOV; "Estados Unidos" is United States, USA; "La Habana" as a doer is the Government of
Cuba).

Rules, in order over the parse:
1. entities (PER, ORG, LOC, MISC): a person of leaders.tsv or the dictionaries (coded at the published date), a
   body, a country or demonym, a seat of government; then the bodies and seats our lists name that the model's
   entities missed (the longest capitalised run of words); a bare surname ("Trump") is the person named before
   with it;
2. role words (roles.tsv, then UniversalPetrarch's agents): with a person in apposition ("el presidente cubano,
   Miguel Díaz-Canel") they title that person; with a country (a demonym, "de Cuba") and an office, the one
   holder of that office at the date ("el presidente cubano"); else a body or group of that country ("el
   gobierno venezolano", "manifestantes colombianos"), or of none ("la policía");
3. demonyms that modify other words ("el ejército estadounidense") give the country to the role beside them;
   elsewhere they are mentions of their country ("la crisis venezolana");
4. inferences, as the English stage makes them (stages/actors/inference.py): an office holder with no country
   takes the one country the document names; a home group (rebels, opposition, parties, civilians, workers,
   students, farmers, criminals) or national body (government, police, courts, the legislature, the armed
   forces) with no country takes the one country where the document's events happen (the places it puts things
   "en", the dateline, and the governments, police and courts it names); where the document points to several,
   the dateline's country ("BUENOS AIRES, 3 may (EFE).-": the Congress is Argentina's), else the country whose
   actors it names at least twice as often as any other's, else null.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from chronicler.model import Actor
from chronicler.stages.actors.es.lexicon import SpanishLexicon, key

_SLUG = re.compile(r"[^a-z0-9]+")
_STATE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
_HOME_SECTORS = frozenset({"GOV", "COP", "JUD"})
_NATIONAL = frozenset({"LEG", "MIL"})  # "el Congreso", "las Fuerzas Armadas": the country the article is about
# UniversalPetrarch's agents code some groups with CAMEO sectors the whole-article codebook does not have: its
# journalists are MED, refugees and doctors ordinary people (CVL), criminals no sector at all
CODEBOOK_SECTORS = {"JRN": "MED", "REF": "CVL", "HLH": "CVL", "CRM": None}
_HOME_GROUPS = frozenset({"REB", "OPP", "PTY", "CVL", "LAB", "EDU", "AGR", "CRM", "RAD"})


@dataclass
class Registry:
    """Actors by canonical key, in order of first mention; token index -> actor id."""

    actors: dict[str, Actor] = field(default_factory=dict)
    token_actor: dict[int, str] = field(default_factory=dict)
    people: list[tuple[str, Actor]] = field(default_factory=list)  # (folded name, actor) in mention order

    def add(self, canon: str, make, tokens: range, span: tuple[int, int]) -> Actor:
        actor = self.actors.get(canon)
        if actor is None:
            actor = make(f"A{len(self.actors) + 1}")
            self.actors[canon] = actor
            if actor.kind == "person":
                self.people.append((key(actor.name), actor))
        actor.mentions.append(span)
        for i in tokens:
            self.token_actor.setdefault(i, actor.id)
        return actor

    def by_surname(self, text: str) -> Actor | None:
        k = key(text)
        if not k:
            return None
        hits = {a.id: a for name, a in self.people if name == k or name.endswith(" " + k)}
        return next(iter(hits.values())) if len(hits) == 1 else None


def _slug(text: str) -> str:
    return _SLUG.sub("-", key(text)).strip("-")


def _span_of(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


class SpanishActors:
    def __init__(self, doc: Doc, lex: SpanishLexicon) -> None:
        self.doc = doc
        self.lex = lex
        article = doc._.article
        self.when: date | None = article.published if article is not None else None
        self.reg = Registry()
        # the dateline ("MADRID, 3 may (EFE).-") names where the story was filed: no actor is read there
        self.filed = range(article.dateline_span[0], article.body_start) \
            if article is not None and article.dateline_span else range(0)

    # -- entities ----------------------------------------------------------------------------------------------
    def person(self, name: str, tokens: range, span: tuple[int, int], title: str | None = None,
               country: str | None = None, sector: str | None = None) -> Actor:
        found = self.lex.person(name)
        if found is not None:
            tenure, sec = found.at(self.when)
            c = tenure.country if tenure is not None else None
            t = tenure.role if tenure is not None and tenure.role else title
            canon_name = found.name
            return self.reg.add(f"p:{_slug(canon_name)}", lambda i: Actor(
                i, canon_name, "person", c or country, sec or sector, t or title), tokens, span)
        known = self.reg.by_surname(name)
        if known is not None:
            known.mentions.append(span)
            for i in tokens:
                self.reg.token_actor.setdefault(i, known.id)
            return known
        clean = " ".join(name.split())
        return self.reg.add(f"p:{_slug(clean)}", lambda i: Actor(i, clean, "person", country, sector, title),
                            tokens, span)

    def country(self, iso3: str, tokens: range, span: tuple[int, int], sector: str | None = None) -> Actor:
        if sector:
            name = self.lex.en.government_name(iso3) if sector == "GOV" else f"{self.lex.en.name_of(iso3)} {sector}"
            return self.reg.add(f"c:{iso3}:{sector}", lambda i: Actor(i, name, "organization", iso3, sector),
                                tokens, span)
        name = self.lex.en.name_of(iso3)
        return self.reg.add(f"c:{iso3}", lambda i: Actor(i, name, "country", iso3), tokens, span)

    def entity(self, ent: Span) -> None:
        if ent.start_char in self.filed:
            return  # the dateline's place is where the story was filed, not an actor ("MADRID, 3 may (EFE).-")
        start = ent.start  # the model's entities may open with a preposition or article ("Según el Gobierno")
        while start < ent.end and self.doc[start].pos_ in ("ADP", "DET", "CCONJ", "PUNCT", "SPACE"):
            start += 1
        if start >= ent.end:
            return
        if start != ent.start:
            ent = Span(self.doc, start, ent.end, label=ent.label_)
        if self.lex.role(ent[0].text) is not None and self.lex.seat(ent.text) is None \
                and self.lex.country(ent.text) is None and self.lex.org(ent.text, self.when) is None:
            return  # "Gobierno cubano", "presidente Trump": a role word, read by ``role`` with what follows
        text = ent.text.strip(" \n.,;:«»\"“”")
        if not text or not any(c.isalpha() for c in text):
            return
        if ent.root.pos_ in ("VERB", "AUX", "NUM", "ADV", "SCONJ", "CCONJ", "ADP"):
            return  # the model's slips: "aseguró", "Miles"
        tokens, span = range(ent.start, ent.end), _span_of(self.doc, ent.start, ent.end)
        label = ent.label_
        seat = self.lex.seat(text)
        if seat is not None and (label != "PER" or len(ent) == 1):  # "Washington" alone is the government
            self.country(seat[0], tokens, span, seat[1] or None)
            return
        # the small model tags countries and parties as people now and then ("España y México rechazaron"): a
        # name our lists hold as a country or body, and no person's, is that country or body
        not_a_person = label != "PER" or self.lex.person(text) is None
        iso3 = self.lex.country(text) if not_a_person else None
        if iso3 is not None:
            self.country(iso3, tokens, span)
            return
        if label in ("ORG", "MISC") and self._role_body(ent, text, tokens, span):
            return
        if label != "PER" and self.lex.en.person(text) is not None and self.lex.place_country(text) is None:
            self.person(text, tokens, span)  # a known office holder the model took for a place ("Nicolás Maduro")
            return
        if label in ("ORG", "MISC", "LOC") or (label == "PER" and not_a_person and key(text) in self.lex.orgs):
            org = self.lex.org(text, self.when)
            if org is not None:
                code = org.code
                self.reg.add(f"o:{_slug(org.name)}", lambda i: Actor(i, org.name, org.kind, org.country, org.sector,
                                                                      cameo=code), tokens, span)
                return
        if label == "PER" or (label == "MISC" and self.lex.person(text) is not None):
            self.person(text, tokens, span)
            return
        if label == "ORG":
            clean = " ".join(text.split())
            iso = self._country_in(ent)
            self.reg.add(f"o:{_slug(clean)}", lambda i: Actor(i, clean, "organization", iso), tokens, span)

    def _role_body(self, ent: Span, text: str, tokens: range, span: tuple[int, int]) -> bool:
        """A body named by its role and country ("Gobierno de Estados Unidos", "Ejército venezolano"): that
        country's body, coded as the English stage codes "the US government"."""
        words = text.split()
        role = self.lex.role(words[0]) if words else None
        if role is None or role.kind == "person" or len(words) < 2:
            return False
        rest = " ".join(words[1:])
        rest = rest.split(" ", 1)[1] if rest.lower().startswith(("de ", "del ")) and " " in rest else rest
        iso3 = self.lex.country(rest) or self._country_in(ent)
        if iso3 is None:
            return False
        if role.sector == "GOV" and role.kind == "organization":
            self.country(iso3, tokens, span, "GOV")
        else:
            name = f"{self.lex.en.name_of(iso3)} {words[0].lower()}"
            self.reg.add(f"g:{iso3}:{role.sector}:{_slug(words[0])}",
                         lambda i: Actor(i, name, "organization", iso3, role.sector), tokens, span)
        return True

    def _country_in(self, ent: Span) -> str | None:
        """A country a body's own name gives ("Ejército venezolano", "Policía Nacional de Colombia")."""
        for tok in ent:
            if tok.pos_ in ("ADJ", "PROPN") and tok.i != ent.start:
                iso3 = self.lex.country(tok.text)
                if iso3 is not None:
                    return iso3
        return None

    # -- role words ----------------------------------------------------------------------------------------------
    def _country_of_role(self, tok: Token) -> tuple[str | None, list[int]]:
        """A demonym or "de <country>" on a role word: (ISO3, token indices)."""
        for c in tok.children:
            if c.dep_ == "amod" and c.i > tok.i:
                iso3 = self.lex.country(c.text)
                if iso3 is not None:
                    return iso3, [c.i]
            if c.dep_ in ("nmod", "flat") and c.i > tok.i and any(g.dep_ == "case" and g.lower_ in ("de", "del")
                                                                 for g in c.children):
                aid = self.reg.token_actor.get(c.i)
                actor = next((a for a in self.reg.actors.values() if a.id == aid), None) if aid else None
                if actor is not None and actor.kind in ("country",) or (actor is not None and actor.sector == "GOV"
                                                                         and actor.kind == "organization"):
                    return actor.country, list(range(c.i, c.right_edge.i + 1))
                phrase = self.doc[c.left_edge.i:c.right_edge.i + 1].text
                iso3 = self.lex.country(phrase.split(" ", 1)[-1] if phrase.lower().startswith(("de ", "del "))
                                        else phrase)
                if iso3 is not None:
                    return iso3, list(range(c.i, c.right_edge.i + 1))
        return None, []

    def _named_person(self, tok: Token) -> Token | None:
        """A person named beside a title: "el presidente cubano, Miguel Díaz-Canel" (appos), "el presidente
        Donald Trump" (appos / flat / nmod proper name)."""
        for c in tok.children:
            if c.dep_ in ("appos", "flat", "nmod", "nsubj") and c.i > tok.i and c.pos_ == "PROPN" \
                    and c.ent_type_ == "PER":
                return c
        if tok.dep_ == "appos" and tok.head.ent_type_ == "PER":  # "Miguel Díaz-Canel, presidente de Cuba"
            return tok.head
        return None

    def role(self, tok: Token, role) -> None:
        iso3, extra = self._country_of_role(tok)
        idx = [tok.i] + extra
        named = self._named_person(tok)
        title = role.office or tok.text.capitalize()
        if named is not None:
            aid = self.reg.token_actor.get(named.i)
            actor = next((a for a in self.reg.actors.values() if a.id == aid), None)
            if actor is not None and actor.kind == "person":
                if actor.country is None and iso3:
                    actor.country = iso3
                if actor.sector is None:
                    actor.sector = role.sector
                if actor.title is None:
                    actor.title = title
                lo, hi = min(idx), max(idx) + 1
                actor.mentions.append(_span_of(self.doc, lo, hi))
                for i in idx:
                    self.reg.token_actor.setdefault(i, actor.id)
            return
        lo, hi = min(idx), max(idx) + 1
        span = _span_of(self.doc, lo, hi)
        if role.office and iso3:
            holder = self.lex.office_holder(iso3, role.office, self.when)
            if holder is not None:
                self.person(holder.name, range(lo, hi), span)
                return
        if role.kind == "person":
            return  # "el ministro" of no known country: a person we cannot name
        if iso3 is None and any(c.dep_ == "det" and c.lower_ in ("su", "sus") for c in tok.children):
            iso3 = self._owner_country(tok)  # "su Gobierno": the government of the one the sentence names
        if iso3 is not None:
            if role.sector == "GOV" and role.kind == "organization":
                self.country(iso3, range(lo, hi), span, "GOV")
                return
            name = f"{self.lex.en.name_of(iso3)} {role.phrase}"
            self.reg.add(f"g:{iso3}:{role.sector}:{_slug(role.phrase)}",
                         lambda i: Actor(i, name, "group" if role.kind == "group" else "organization", iso3,
                                         role.sector), range(lo, hi), span)
            return
        word = tok.lower_
        self.reg.add(f"g::{role.sector}:{_slug(word)}",
                     lambda i: Actor(i, word, "group" if role.kind == "group" else "organization", None, role.sector),
                     range(lo, hi), span)

    def _owner_country(self, tok: Token) -> str | None:
        """The country of the person or country named last before ``tok`` in its sentence."""
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            aid = self.reg.token_actor.get(i)
            if aid is None:
                continue
            actor = next((a for a in self.reg.actors.values() if a.id == aid), None)
            if actor is not None and actor.country and actor.country != "IGO":
                return actor.country
        return None

    def surnames(self) -> None:
        """Proper names the model left untagged that are the surname of a person named before ("Trump amenazó")."""
        for tok in self.doc:
            if tok.pos_ != "PROPN" or tok.i in self.reg.token_actor or not tok.text[:1].isupper():
                continue
            known = self.reg.by_surname(tok.text)
            if known is not None:
                known.mentions.append((tok.idx, tok.idx + len(tok.text)))
                self.reg.token_actor[tok.i] = known.id

    def demonyms(self) -> None:
        """A demonym outside any actor's mention ("la crisis venezolana", "un buque ruso") is a mention of its
        country, as the English stage counts "Cuban" among Cuba's mentions."""
        for tok in self.doc:
            if tok.pos_ != "ADJ" or tok.i in self.reg.token_actor or not tok.is_alpha:
                continue
            iso3 = self.lex.country(tok.text)
            if iso3 is not None and self.lex.role(tok.text) is None:
                self.country(iso3, range(tok.i, tok.i + 1), (tok.idx, tok.idx + len(tok.text)))

    def gazetteer(self, longest: int = 8) -> None:
        """Bodies and seats of government our lists name that the model's entities missed ("El Departamento de
        Estado condenó", "La CIDH"): the longest capitalised run of words, outside any actor, that the lists
        hold as a whole."""
        doc, i = self.doc, 0
        while i < len(doc):
            tok = doc[i]
            if tok.idx in self.filed or i in self.reg.token_actor or not tok.text[:1].isupper() or not tok.is_alpha:
                i += 1
                continue
            for n in range(min(longest, len(doc) - i), 0, -1):
                span = doc[i:i + n]
                if not span[-1].text[:1].isupper() or any(t.i in self.reg.token_actor or t.is_punct for t in span):
                    continue
                acronym = tok.text.isupper() and len(tok.text) > 1
                if n == 1 and not acronym and (tok.is_sent_start or tok.pos_ != "PROPN"):
                    continue  # one capitalised word opening a sentence is no name ("Más de 20 millones" is not MAS)
                text = span.text
                seat = self.lex.seat(text)
                org = self.lex.orgs.get(key(text))
                if seat is None and org is None:
                    continue
                tokens, where = range(i, i + n), _span_of(doc, i, i + n)
                if seat is not None:
                    self.country(seat[0], tokens, where, seat[1] or None)
                else:
                    self.reg.add(f"o:{_slug(org.name)}", lambda k, o=org: Actor(k, o.name, o.kind, o.country, o.sector,
                                                                                cameo=o.code), tokens, where)
                i += n - 1
                break
            i += 1

    def run(self) -> tuple[list[Actor], dict[int, str]]:
        for ent in self.doc.ents:
            self.entity(ent)
        self.gazetteer()
        self.surnames()
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self.reg.token_actor:
                continue
            role = self.lex.role(tok.lemma_ or tok.text) or self.lex.role(tok.text)
            if role is None:
                # two-word offices: "primer ministro", "secretario de Estado" (the role word and what follows)
                nxt = self.doc[tok.i:tok.i + 3].text
                role = self.lex.roles.get(key(nxt)) or self.lex.roles.get(key(self.doc[tok.i:tok.i + 2].text))
            if role is not None:
                self.role(tok, role)
        self.demonyms()
        self.infer()
        return list(self.reg.actors.values()), self.reg.token_actor

    def infer(self) -> None:
        actors = list(self.reg.actors.values())
        for a in actors:  # an international body is coded IGO in both fields, as the English stage codes it
            if a.country == "IGO" and a.sector is None and a.kind == "organization":
                a.sector = "IGO"
            if a.sector in CODEBOOK_SECTORS:  # the dictionaries' CAMEO sectors the codebook reads as its own
                a.sector = CODEBOOK_SECTORS[a.sector]
        if not any(a.country is None for a in actors):
            return
        named = {a.country for a in actors if a.country and a.country != "IGO" and a.sector != "MED"}
        home = {a.country for a in actors if a.country and a.country != "IGO" and a.sector in _HOME_SECTORS}
        for ent in self.doc.ents:
            if ent.label_ == "LOC" and any(c.dep_ == "case" and c.lower_ == "en" for c in ent.root.children):
                place = self.lex.place_country(ent.text) or self.lex.country(ent.text)
                if place:
                    home.add(place)
        article = self.doc._.article
        dateline = None
        if article is not None and article.dateline:
            first = article.dateline.split(",")[0]
            dateline = self.lex.country(article.dateline) or self.lex.place_country(first) or self.lex.country(first)
            if dateline:
                home.add(dateline)
        about = dateline or self._most_named(actors)
        for a in actors:
            if a.country is not None:
                continue
            if a.kind == "person" and a.sector in _STATE_SECTORS:
                a.country = next(iter(named)) if len(named) == 1 else about
            elif a.kind != "person" and a.sector in _HOME_GROUPS | _HOME_SECTORS | _NATIONAL:
                a.country = next(iter(home)) if len(home) == 1 else about

    @staticmethod
    def _most_named(actors: list[Actor]) -> str | None:
        """The country the document is about: the one whose actors (itself, its government, its people and
        bodies) it names most, at least twice as often as any other; else None."""
        counts: dict[str, int] = {}
        for a in actors:
            if a.country and a.country != "IGO":
                counts[a.country] = counts.get(a.country, 0) + len(a.mentions)
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
            return None
        return max(counts, key=counts.get)


def build_actors_es(doc: Doc, lex: SpanishLexicon) -> tuple[list[Actor], dict[int, str]]:
    return SpanishActors(doc, lex).run()
