"""Non-person referents: "it", "its", "they", "their", "them" for organisations, countries and groups.

"Iraq said it would allow ...", "Nigeria announced that it will withdraw its force", "Bosnian Serbs said
their forces had completed ...". The antecedent is found from the structure first:

1. the subject that governs the pronoun: walking up from the pronoun, the first clause that has a subject
   (for an infinitive without one, the object that controls it: "urged Iraq to open its borders") decides:
   a compatible actor there is the antecedent; anything else there (a person, an unnamed noun) means the
   pronoun is not about one of our collective actors, and it stays unresolved;
2. where no clause above has a subject (headlines, fragments): the nearest compatible actor before the
   pronoun in the sentence, else the collective subject of the previous sentence (for "they", a plural one).

An object pronoun is never the subject of its own clause ("police pinned them"), so for "it"/"them" as an
object the clause above its own decides.

Agreement: "it"/"its" is a singular organisation, country or group; "they"/"their"/"them" a plural group, or
an organisation or country as a collective ("Nigeria ... their peacekeeping force"). Expletive "it" ("it is
likely that ...") and pronouns inside quotation marks are left alone.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.model import Actor
from chronicler.stages.coref.lexicon import CorefLexicon

COLLECTIVE_KINDS = frozenset({"organization", "country", "group"})
_SUBJECTS = ("nsubj", "nsubjpass")
_OBJECTS = ("dobj", "dative", "pobj")
_COPULAS = frozenset({"be", "seem", "appear", "remain", "become"})


def plural_actors(doc: Doc, index: dict[int, str]) -> set[str]:
    """Actors whose first mention's head word is a plural noun ("Bosnian Serbs", "rebels")."""
    first: dict[str, tuple[int, int]] = {}  # actor id -> its first run of tokens
    done: set[str] = set()
    for i in sorted(index):
        aid = index[i]
        if aid in done:
            continue
        run = first.get(aid)
        if run is None:
            first[aid] = (i, i + 1)
        elif run[1] == i:
            first[aid] = (run[0], i + 1)
        else:
            done.add(aid)
    return {aid for aid, (s, e) in first.items() if doc[s:e].root.tag_ in ("NNS", "NNPS")}


def fits(actor: Actor | None, number: str, plural: set[str]) -> bool:
    """Can a pronoun of this number ('n' singular, 'p' plural) stand for the actor?"""
    if actor is None or actor.kind not in COLLECTIVE_KINDS:
        return False
    if number == "n":
        return actor.id not in plural
    return True  # "they" for a group, or for an organisation or country taken as a collective


def expletive(t: Token, lex: CorefLexicon) -> bool:
    """ "It is likely that ...", "it is time to ...": an 'it' that stands for nothing."""
    if t.dep_ == "expl":
        return True
    if t.lower_ != "it" or t.dep_ not in _SUBJECTS:
        return False
    head = t.head
    if head.lemma_.lower() not in _COPULAS and head.lemma_.lower() not in lex.expletive_words:
        return False
    words = [c for c in head.children if c.dep_ in ("acomp", "attr")]
    if any(c.lemma_.lower() in lex.expletive_words for c in words):
        return True
    return head.lemma_.lower() in lex.expletive_words  # "it seems", "it appears"


def governing_subject(t: Token) -> Token | None | bool:
    """The subject (or controlling object) of the nearest clause above the pronoun that has one, other
    than the pronoun itself; False when no clause above has a subject."""
    node = t
    seen = 0
    # an object is never its own clause's subject ("RCMP pinned them": them is not RCMP, that would be
    # "themselves"): for an object pronoun the clause above its own decides
    bound = t.dep_ in _OBJECTS
    while seen < 12:
        seen += 1
        head = node.head
        if head.i == node.i:
            return False
        # not the phrase the pronoun is in ("their forces had completed")
        subj = next((c for c in head.children if c.dep_ in _SUBJECTS and c.i != node.i), None)
        if subj is not None and bound and head.pos_ in ("VERB", "AUX"):
            bound = False
            node = head
            continue
        if subj is not None:
            return subj
        if head.dep_ == "xcomp" and head.head.pos_ in ("VERB", "AUX"):
            ctrl = next((c for c in head.head.children if c.dep_ in ("dobj", "dative")), None)
            if ctrl is not None:
                return ctrl
        node = head
    return False


def actor_of(token: Token, actors: dict[str, Actor], index: dict[int, str]) -> Actor | None:
    """The actor a subject token names: the token itself, else a word of its phrase before it."""
    aid = index.get(token.i)
    if aid is None:
        for c in token.children:
            if c.i < token.i and c.dep_ in ("compound", "amod", "nmod") and c.i in index:
                aid = index[c.i]
    if aid is None and token.dep_ != "appos":
        app = next((c for c in token.children if c.dep_ == "appos"), None)
        aid = index.get(app.i) if app is not None else None
    return actors.get(aid) if aid else None


def resolve_collective(doc: Doc, t: Token, number: str, actors: dict[str, Actor], index: dict[int, str],
                       plural: set[str], previous: list[str], lex: CorefLexicon) -> str | None:
    """The actor id a non-person pronoun stands for; None when nothing says; "" when the structure says it
    is none of our collective actors ("members complained about what they said": they are the members)."""
    if expletive(t, lex) or (t.text[:1].isupper() and not t.is_sent_start) or t.ent_type_ == "WORK_OF_ART":
        return None  # "What It Means to Become a Man": a word of a title
    subj = governing_subject(t)
    if subj is not False:
        actor = actor_of(subj, actors, index)  # type: ignore[arg-type]
        return actor.id if fits(actor, number, plural) else ""
    if t.dep_ in _OBJECTS:
        return None  # an object the structure says nothing about: too loose to guess
    sent = t.sent
    for i in range(t.i - 1, sent.start - 1, -1):
        actor = actors.get(index.get(i, ""))
        if fits(actor, number, plural):
            return actor.id  # type: ignore[union-attr]
    for aid in reversed(previous):
        if fits(actors.get(aid), number, plural) and (number == "n" or aid in plural):
            return aid
    return None
