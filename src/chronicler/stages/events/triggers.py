"""Event triggers (verbs and nouns from the lexicon) and the frames that govern them.

A frame is a word whose complement carries an event: "vowed to cut off oil" (intend/threaten), "urged Havana
to make a deal" (request), "denied being in negotiations" (deny), "claimed talks were underway" (claim).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from chronicler.nlp.arrays import parse_arrays

from chronicler.stages.events.arguments import whole_of
from chronicler.stages.events.cameo_dictionary import NO_EVENT, CameoDictionary, cameo_dictionary
from chronicler.stages.events.lexicon import Code, EventLexicon

_NOUN_POS = {"NOUN"}
_PARTICLE_DEPS = {"prt", "prep", "acomp", "oprd", "advmod"}  # "cut off", "call on", "let free"
# Dependencies along which a complement reaches the word that frames it.
_VERB_CHAIN = {"xcomp", "ccomp", "pcomp", "acomp", "prep", "pobj"}
_NOUN_CHAIN = _VERB_CHAIN | {"dobj", "nsubj", "attr", "nsubjpass"}
ADJUNCT_PREPS = {"after", "before", "since", "during", "until", "amid", "despite", "following", "because", "as",
                  "like", "without", "except", "besides", "unlike"}
_INFINITIVE_FRAMES = {"intend", "threaten", "request", "reject"}
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would", "’ll"}
HEDGE_AUX = {"could", "might", "may"}
OBLIGATION_AUX = {"must", "should"}


@dataclass(slots=True)
class Trigger:
    token: Token
    code: Code
    kind: str  # "verb" or "noun"
    key: str  # the lexicon entry that matched
    needs_target: bool = False  # the CAMEO dictionary's verb alone: an event only between two actors, as PETRARCH


@dataclass(frozen=True, slots=True)
class Frame:
    token: Token
    kind: str  # intend, threaten, request, reject, deny, claim, fail


def _phrase_keys(token: Token) -> list[str]:
    lemma = token.lemma_.lower()
    keys = [f"{lemma} {c.lower_}" for c in token.children if c.dep_ in _PARTICLE_DEPS and c.i > token.i]
    return keys + [lemma]


def _verb_keys(token: Token) -> list[str]:
    """Verb + object first ("establish+tie", "deny+*"), then verb + particle, then the verb alone."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ == "acl" and token.head.pos_ == "NOUN":  # "a study released by the institute"
        objects.append(token.head)
    for c in token.children:  # "reneged on his commitment", "opened fire on"
        if c.dep_ == "prep":
            objects.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "xcomp" and c.pos_ == "VERB":  # "declined to comment"
            objects.append(c)
    objects += [w for w in (whole_of(o) for o in objects) if w not in objects]  # "received a mission of observers"
    lemma = token.lemma_.lower()
    keys = [f"{lemma}+{o.lemma_.lower()}" for o in objects]
    if any(o.dep_ in ("dobj", "nsubjpass") for o in objects):  # "returned the bookmark", "was returned"
        keys.append(f"{lemma}+*")
    return keys + _phrase_keys(token)


def _noun_keys(token: Token) -> list[str]:
    lemma = token.lemma_.lower()
    keys = [f"{c.lower_} {lemma}" for c in token.children if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-":  # "cease-fire", "cyber-attack" come in three tokens
        keys.insert(0, f"{doc[token.i - 2].lower_}-{lemma}")
    return keys + [lemma]


def _specificity(key: str) -> int:
    return 2 if "+" in key else 1 if " " in key else 0


def _light(verb: Token, lex: EventLexicon) -> bool:
    """A verb whose object is an event noun of ours: "launched a mediation effort", "went on strike", "held talks"
    (the noun names the event, and its draft reads the verb's arguments)."""
    for c in verb.children:
        nouns = [c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        for n in nouns:
            if any(k in lex.nouns for k in _noun_keys(n)) or any(
                    g.dep_ == "compound" and g.lemma_.lower() in lex.nouns for g in n.children):
                return True
    return False


def _verb_trigger(token: Token, lex: EventLexicon, dictionary: CameoDictionary | None) -> Trigger | None:
    """A verb's code: the CAMEO dictionary's most specific pattern, or our own verbs.tsv where it is more
    specific ("lift+sanction" over the dictionary's verb alone) or the dictionary lacks the verb."""
    lemma = token.lemma_.lower()  # every key of ours and of the frames starts with the verb's lemma
    own = next(((k, lex.verbs[k]) for k in _verb_keys(token) if k in lex.verbs), None) \
        if lemma in lex.verb_lemmas else None
    frame = lemma in lex.frame_lemmas and any(  # "consider", "agree to": the frames code them
        k in lex.frames for k in _phrase_keys(token))
    found = None
    if dictionary is not None and lemma in dictionary.verbs and not frame and not _light(token, lex):
        found = dictionary.match(token)
    if found is not None and found.cameo != NO_EVENT and not lex.codes[found.cameo].type:
        found = None  # a statement (CAMEO 01): what was said is coded by the quotes and frames
    if found is not None and (own is None or found.specificity > _specificity(own[0])):
        if found.cameo == NO_EVENT:
            return None
        return Trigger(token, lex.codes[found.cameo], "verb", found.key,
                       needs_target=found.specificity == 0 and own is None)
    return Trigger(token, own[1], "verb", own[0]) if own is not None else None


def _word_candidates(doc: Doc, verbs: frozenset[str], nouns: frozenset[str]) -> list[tuple[int, bool]]:
    """(index, is a verb) of the verbs and nouns whose lemma may start or end an entry, read from the doc's
    arrays: no Token object is made for the other words."""
    arrays = parse_arrays(doc)
    return [(i, pos == "VERB") for i, (pos, lemma) in enumerate(zip(arrays.pos, arrays.lemma))
            if (pos == "VERB" and lemma in verbs) or (pos == "NOUN" and lemma in nouns)]


_VERB_WORDS: dict[tuple[int, int], frozenset[str]] = {}


def _verb_words(lex: EventLexicon, dictionary: CameoDictionary | None) -> frozenset[str]:
    """The verbs that can be an event: ours, and the dictionary's that have an event code among their entries and
    patterns (a verb whose every reading is a statement or no event, such as "say", is coded by the quotes)."""
    key = (id(lex), id(dictionary))
    found = _VERB_WORDS.get(key)
    if found is None:
        coding = frozenset(lemma for lemma in (dictionary.verbs if dictionary is not None else ())
                           if any(_codes_event(lex, c) for c in dictionary.codes_of(lemma)))
        found = _VERB_WORDS[key] = lex.verb_lemmas | coding
    return found


def _codes_event(lex: EventLexicon, cameo: str) -> bool:
    if cameo == NO_EVENT:
        return False
    code = lex.codes.get(cameo)
    return code is None or bool(code.type)  # an unknown code is kept, to fail where it always did


def find_triggers(doc: Doc, lex: EventLexicon) -> list[Trigger]:
    """Every token that names an event, in text order (one pass over the doc's arrays; only the words whose lemma
    is in the lexicon or the dictionary are read as Tokens)."""
    out: list[Trigger] = []
    dictionary = cameo_dictionary() if dictionary_on() else None
    for i, is_verb in _word_candidates(doc, _verb_words(lex, dictionary), lex.noun_heads):
        token = doc[i]
        if is_verb:
            trigger = _verb_trigger(token, lex, dictionary)
            if trigger is not None:
                out.append(trigger)
        else:
            for key in _noun_keys(token):
                code = lex.nouns.get(key)
                if code is not None:
                    out.append(Trigger(token, code, "noun", key))
                    break
    return out


def dictionary_on() -> bool:
    """``CHRONICLER_EVENTS_DICTIONARY=off`` codes verbs by our own verbs.tsv alone."""
    return os.environ.get("CHRONICLER_EVENTS_DICTIONARY", "on").lower() not in ("off", "0", "no")


def frame_of(token: Token, lex: EventLexicon, triggers: dict[int, Trigger], limit: int = 5) -> Frame | None:
    """The nearest frame word that governs ``token`` through complement links, or None.

    The walk stops at another event trigger that is not itself a frame: "rejected an offer of talks" frames
    "talks" by "rejected", but "the raid that ousted Maduro" does not frame "ousted" by "raid".
    """
    chain = _NOUN_CHAIN if token.pos_ in _NOUN_POS else _VERB_CHAIN
    cur = token
    for _ in range(limit):
        infinitive = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if _content_clause(cur, lex):  # "charges that it tortured a priest": what the charges say, not a relative
            cur, chain = cur.head, _NOUN_CHAIN
            continue
        if (cur.dep_ not in chain and not infinitive) or cur.head.i == cur.i or (
                cur.dep_ == "prep" and cur.lower_ in ADJUNCT_PREPS):
            return None
        head = cur.head
        for key in _phrase_keys(head):
            kind = lex.frames.get(key)
            if infinitive and kind not in _INFINITIVE_FRAMES:  # "have sworn to fight" parsed as a purpose clause
                continue
            if kind is not None and cur.dep_ in ("nsubj", "nsubjpass"):
                return None  # "Li's visit will push cooperation forward": a frame word's subject is no complement
            if kind == "request" and _reported(cur):  # "a court was told soldiers beat detainees"
                kind = "claim"
            if kind is not None and head.pos_ in ("VERB", "ADJ", "AUX", "NOUN"):
                if kind == "claim" and cur.dep_ not in ("ccomp", "xcomp") and not (
                        cur.dep_ == "prep" and cur.lower_ in ("of", "for")):  # "accused X of torturing"
                    break
                return Frame(head, kind)
        if (head.i in triggers and head.pos_ == "VERB") or infinitive:
            return None
        cur = head
    return None


def _content_clause(clause: Token, lex: EventLexicon) -> bool:
    """A clause with "that" and a subject of its own on a claim noun ("charges that it tortured"), which the
    parser may attach as a relative clause."""
    if clause.dep_ not in ("relcl", "acl") or clause.head.lemma_.lower() not in lex.claim_nouns:
        return False
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who") for c in clause.children)


def _reported(complement: Token) -> bool:
    """A finite clause in the indicative under a request word reports, it does not ask: "told the court
    soldiers beat detainees" (but "demanded that the US cancel", a bare subjunctive, asks)."""
    if complement.dep_ != "ccomp" or complement.pos_ not in ("VERB", "AUX"):
        return False
    words = aux_words(complement)
    if words & OBLIGATION_AUX or (complement.tag_ == "VB" and not words - {"that", "to"}):
        return False  # "demanded that the US cancel", "said the US must cancel"
    return complement.tag_ in ("VBD", "VBZ", "VBP") or bool(aux_words(complement) & FUTURE_AUX) or any(
        c.dep_ in ("nsubj", "nsubjpass") for c in complement.children) and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "VBD", "MD") for c in complement.children)


def aux_words(verb: Token) -> set[str]:
    """Auxiliaries and markers of a verb: "will", "could", "if", "going" (as in "going to")."""
    out = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "mark")}
    if verb.dep_ == "xcomp" and verb.head.lower_ == "going":
        out.add("will")
    return out


def is_negated(token: Token) -> bool:
    """A "not"/"never" on the word, or "no" on a noun ("there are no conversations")."""
    for c in token.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "det" and c.lower_ in ("no",):
            return True
    return False
