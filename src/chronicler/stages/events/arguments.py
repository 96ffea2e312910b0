"""Source and target of an event from the dependency structure: subjects, objects, passives, prepositional
arguments, relative clauses and nominal phrases ("the US military raid", "Trump's threats")."""
from __future__ import annotations

from copy import copy

from spacy.tokens import Doc, Token

from chronicler.model import Participant, Quote
from chronicler.nlp.spans import text_span
from chronicler.stages.actors.component import actor_for_tokens
from chronicler.stages.actors.lexicon import lexicon as actor_lexicon
from chronicler.stages.actors.places import place_at
from chronicler.stages.events.lexicon import word_set
from chronicler.stages.quotes.lexicon import document_nouns

_PHRASE_DEPS = {"compound", "flat", "amod", "poss", "nmod", "case"}
_RELATIVE = {"that", "which", "who", "whom"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_THIRD_PERSON = {"he", "she", "it", "they"}
TARGET_PREPS = {"with", "to", "on", "against", "at", "into", "from", "toward", "towards", "upon", "over", "of",
                "for"}
_NOUN_TARGET_PREPS = {"with", "on", "against", "to", "into", "upon", "of", "over", "toward", "towards", "for",
                      "between"}
_NAMEABLE = {"PROPN", "PRON", "NOUN"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NOT_PARTICIPANT = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def partitives() -> frozenset[str]:
    return word_set("partitives.txt")


def amount_nouns() -> frozenset[str]:
    """"an increase in funding", "cuts in aid": nouns that tell how much of the act after "in" (amounts.txt)."""
    return word_set("amounts.txt")


def whole_of(token: Token) -> Token:
    """"thousands of Iraqi Kurds" -> "Kurds": the noun after "of" when the token counts or parts it."""
    for _ in range(2):
        if token.lemma_.lower() not in partitives() or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (
                token.pos_ == "PROPN"):
            return token
        inner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is None:
            return token
        token = inner
    return token


class Resolver:
    """Turns argument tokens into Participants, with the quotes of the document at hand (precomputed)."""

    def __init__(self, doc: Doc, quote_of_token: dict[int, Quote]) -> None:
        self.doc = doc
        self.quote_of_token = quote_of_token
        self.actors = {a.id: a for a in doc._.actors or []}
        self.countries = actor_lexicon()
        self._memo: dict[int, Participant | None] = {}

    def _phrase(self, token: Token) -> tuple[int, int]:
        tokens = [token]
        for c in token.children:
            if c.dep_ in _PHRASE_DEPS and c.i < token.i:
                tokens.extend(c.subtree)
        return min(t.i for t in tokens), max(t.i for t in tokens) + 1

    def speaker(self, token: Token) -> Participant | None:
        quote = self.quote_of_token.get(token.i)
        if quote is None or quote.speaker is None:
            return None
        actor = self.actors.get(quote.speaker.actor) if quote.speaker.actor else None
        return Participant.from_actor(actor) if actor else Participant(name=quote.speaker.name)

    def _indirect(self, token: Token) -> bool:
        quote = self.quote_of_token.get(token.i)
        return quote is not None and quote.kind == "indirect"

    def participant(self, token: Token | None) -> Participant | None:
        """The participant a token names (worked out once per token; each caller gets its own copy)."""
        if token is None:
            return None
        if token.i not in self._memo:
            self._memo[token.i] = self._participant(token)
        found = self._memo[token.i]
        return copy(found) if found is not None else None

    def _participant(self, token: Token) -> Participant | None:
        token = whole_of(token)
        if token.ent_type_ in _NOT_PARTICIPANT or token.like_num:
            return None
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            token = token.head.head
            token = whole_of(token)
        if token.lower_ in _FIRST_PERSON and not token.ent_type_ and token.text != "US":  # "US" is a country
            found = self.speaker(token)
            if found is not None:
                return found
        if token.lower_ in _THIRD_PERSON and token.dep_ in ("nsubj", "nsubjpass") and self._indirect(token):
            index = self.doc._.token_actor or {}
            if token.i not in index:  # "Syria says it is willing": the reported speaker
                found = self.speaker(token)
                if found is not None:
                    return found
        start, end = self._phrase(token)
        actor = actor_for_tokens(self.doc, start, end)
        if actor is None:
            appos = next((c for c in token.children if c.dep_ == "appos"), None)
            if appos is not None:
                actor = actor_for_tokens(self.doc, *self._phrase(appos))
        doc = self.doc
        span = text_span(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
        country = self._country(start, end) if actor is None else None
        if actor is not None:
            found = Participant.from_actor(actor)
            if found.country is None and country is not None:
                found.country = found.code = country
            return found
        if span is None:
            return None
        if country is not None:
            return Participant(name=span.text, country=country, code=country)
        if token.pos_ not in _NAMEABLE:
            return None
        return Participant(name=span.text)

    def place_inside(self, token: Token) -> str | None:
        """The country of a place in an unresolved noun's modifiers: "parties to the conflict in Iraq"."""
        level = [token]
        for _ in range(4):
            level = [g for t in level for g in t.children if g.dep_ in ("prep", "pobj")]
            for t in level:
                if t.dep_ == "pobj" and t.ent_type_ == "GPE":
                    place = place_at(self.doc, t.i)
                    if place is not None and place.country:
                        return place.country
        return None

    def _country(self, start: int, end: int) -> str | None:
        """A country named inside an unresolved phrase: "Iraqi troops", "the Jordanian official", "Abidjan"."""
        for t in self.doc[start:end]:
            if t.ent_type_ in _PLACE_LABELS and t.ent_iob_ == "B":
                place = place_at(self.doc, t.i)
                if place is not None and place.country:
                    return place.country
            if t.pos_ in ("PROPN", "ADJ", "NOUN") and t.text[:1].isupper():
                iso3 = self.countries.country(t.text)
                if iso3:
                    return iso3
        return None


def subject_of(verb: Token) -> Token | None:
    """The doer: nsubj, the "by" agent of a passive, else the subject inherited through xcomp/conj."""
    for c in verb.children:
        if c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        governor = verb.head.head
        if verb.head.lower_ in ("of", "for"):  # "accused the army of torturing prisoners": the army did it
            return next((c for c in governor.children if c.dep_ == "dobj"), None)
        return subject_of(governor)  # "China continues its efforts by donating medical supplies"
    if verb.dep_ == "advcl" and any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "until their demands have been met": a passive clause of its own, its doer unnamed
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "ADJ", "AUX"):
        head = verb.head
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is not None and head.pos_ == "VERB":
            return obj  # object control: "urged Havana to make a deal"
        if head.pos_ in ("ADJ",) and head.dep_ == "acomp":
            return subject_of(head.head)
        return subject_of(head)
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head  # "was indicted by the court and will resign": the shared subject, not the agent
        shared = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        return shared if shared is not None and verb.dep_ == "conj" else subject_of(head)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN") and not any(
            c.dep_ in ("auxpass", "agent") for c in verb.children):
        return verb.head  # a sentence parsed as a noun phrase: "The Iraqi air force carried out strikes ..."
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head  # "students demanding reforms"; "issued a declaration demanding ...": its author
        if noun.lemma_.lower() in document_nouns() and noun.dep_ in ("dobj", "pobj") and noun.head.pos_ == "VERB":
            return subject_of(noun.head) if noun.dep_ == "dobj" else None
        return noun
    return None


_GRIEVANCE_PREPS = ("against", "over", "about", "at")  # "complained to the UN over Israeli raids"
_GRIEVANCE_TYPES = {"ACCUSE", "PROTEST"}


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition; where the parser left it without one ("granted asylum to five Panamanian
    army officers holed up ..." parsed with "officers" as a subject), the head of the noun phrase after it."""
    found = [g for g in prep.children if g.dep_ == "pobj"]
    if found or prep.i + 1 >= len(prep.doc):
        return found
    for tok in prep.doc[prep.i + 1: min(len(prep.doc), prep.i + 6)]:
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            while tok.dep_ in ("compound", "amod", "nmod", "nummod") and tok.head.i > tok.i and tok.head.i < prep.i + 8:
                tok = tok.head
            return [tok]
        if tok.pos_ not in ("DET", "NUM", "ADJ", "ADV"):
            break
    return []


def object_candidates(verb: Token, event_type: str | None = None) -> list[Token]:
    """Tokens that may name the target of a verb, best first."""
    out: list[Token] = []
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
    preps += [g for c in verb.children if c.dep_ == "prt"  # "kidnapped up to 16 Russian advisers"
              for g in c.children if g.dep_ == "prep" and g.lower_ in TARGET_PREPS]
    if event_type in _GRIEVANCE_TYPES:  # what one complains about before whom one complains to
        for c in preps:
            if c.lower_ in _GRIEVANCE_PREPS:
                out.extend(prep_objects(c))
    for c in verb.children:
        if c.dep_ == "dative" and c.pos_ == "ADP":  # "providing intelligence to Macedonia" parsed as a dative
            out.extend(prep_objects(c))
        elif c.dep_ in ("dobj", "nsubjpass", "dative", "attr", "oprd"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ == "as":  # "denounced as an ugly crime Serbia's suppression"
            out.extend(a for g in c.children if g.dep_ == "pobj" for a in g.children if a.dep_ == "appos")
    for c in preps:
        out.extend(g for g in prep_objects(c) if g not in out)
    for c in list(out):
        out.extend(g for g in c.children if g.dep_ == "conj")
    for c in list(out):
        if c.dep_ in ("dobj", "conj", "appos"):  # "cut off aid to Cuba", "cut off oil Venezuela had been providing to Cuba"
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in ("to", "for", "on", "against", "with", "into", "toward"):
                    out.extend(prep_objects(g))
                elif g.dep_ == "relcl":
                    out.extend(x for p in g.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                               for x in prep_objects(p))
    # whose thing the object is: "praised Haiti's efforts", "rejected a Senegalese peace plan",
    # "rejected calls by Belarus's rulers", "an offer from Afghanistan"
    for c in list(out):
        if c.dep_ not in ("dobj", "nsubjpass", "appos") or c.pos_ != "NOUN":
            continue
        for g in c.children:
            if g.dep_ in ("poss", "compound", "amod", "nmod") and g.i < c.i:
                out.append(g)
            elif g.dep_ == "prep" and g.lower_ in ("by", "from", "of"):
                out.extend(prep_objects(g))
    return deeper(out)


def deeper(tokens: list[Token]) -> list[Token]:
    """The candidates, then whom a thing among them is for or by, one level down: "a camp for Congolese
    refugees was attacked", "in protest against violations by Algerian security forces"."""
    out = list(tokens)
    for c in tokens:
        if c.pos_ == "NOUN" and not c.ent_type_:
            c = whole_of(c)
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in ("for", "by", "of", "against", "from"):
                    out.extend(x for x in prep_objects(g) if x not in out)
    return out


def condition_subjects(verb: Token) -> list[Token]:
    """Who must act for a threat to be carried out: "threatened to stop talks if the United States goes ahead"."""
    out = []
    for tok in [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]:
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    return out


def _setting(tok: Token) -> bool:
    """A modifier that says when or where, not who: "the Easter bombings", "the Ankara attack"."""
    if tok.ent_type_ in ("DATE", "TIME", "EVENT", "FAC", "LOC"):
        return True
    if tok.ent_type_ == "GPE":
        place = place_at(tok.doc, tok.i)
        return place is not None and place.lat is not None  # a town; a country may act ("the US raid")
    return False


def noun_arguments(noun: Token, patient_possessor: bool) -> tuple[list[Token], list[Token]]:
    """(source candidates, target candidates) inside a nominal event phrase."""
    sources: list[Token] = []
    targets: list[Token] = []
    for c in noun.children:
        if c.dep_ == "poss":
            (targets if patient_possessor else sources).append(c)
        elif c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and not _setting(c):
            sources.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            sources.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "acl" and c.tag_ == "VBN":  # "the demonstration staged by students"
            sources.extend(g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in _NOUN_TARGET_PREPS:
            targets.extend(prep_objects(c))
    return sources, deeper(targets)
