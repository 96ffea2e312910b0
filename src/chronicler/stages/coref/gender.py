"""Gender of the people of one document, from the document itself: titles (Mr, Ms), given names, and the
pronouns that follow a lone person mention. None when nothing says."""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc

from chronicler.model import Actor
from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.coref.lexicon import CorefLexicon, lexicon

Run = tuple[int, int, str]  # token start, token end, actor id


_NEVER_SURNAMES = frozenset({"international", "inc", "ltd", "llc", "corp", "corporation", "company", "association",
                             "foundation", "institute", "university", "commission", "committee", "ministry",
                             "department", "agency", "group", "party", "council", "fund", "bank", "bureau", "trust"})


def namelike(actor: Actor) -> bool:
    """A person, or an 'organisation' whose name reads as a person's (the tagger's slip: "Darian Lonechild")."""
    words = actor.name.split()
    if len(words) > 1 and words[-1].lower().strip(".,") in _NEVER_SURNAMES:
        return False  # the tagger's other slip: "Adam Smith International" filed as a person
    if actor.kind == "person":
        return True
    if actor.kind != "organization" or not 2 <= len(words) <= 5 or words[0].lower() == "the":
        return False
    if any(w.lower().strip(".,") in lexicon().org_words for w in words):
        return False
    if any(w.lower() in lexicon().titles for w in words[:-1]):
        return True  # "Wet'suwet'en Hereditary Chief Na'moks": a title before a name
    return len(words) <= 3 and all(
        w[:1].isupper() and w[1:].islower() and w.replace("-", "").replace("'", "").isalpha() for w in words)


def infer_genders(doc: Doc, actors: dict[str, Actor], runs: list[Run], lex: CorefLexicon,
                  in_quote: list[bool]) -> dict[str, str | None]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for aid, actor in actors.items():
        if not namelike(actor):
            continue
        words = actor.name.split()
        if len(words) >= 2:
            g = lex.first_names.get(words[0].lower().strip(".,"))
            if g:
                votes[aid][g] += 3
    for start, _end, aid in runs:
        if not namelike(actors[aid]) or start == 0:
            continue
        g = lex.honorifics.get(doc[start - 1].lower_)
        if g:
            votes[aid][g] += 5
    # a he/she right after a sentence that names exactly one person outside quotes
    last: tuple[int, str] | None = None  # (sentence start token, actor id)
    run_at = {s: aid for s, _e, aid in runs}
    arrays = parse_arrays(doc)
    for sent in doc.sents:
        words = range(sent.start, sent.end)
        named = {run_at[i] for i in words if i in run_at and not in_quote[i] and namelike(actors[run_at[i]])}
        for i in words:
            g = lex.pronouns.get(arrays.lower[i])
            if g in ("m", "f") and arrays.pos[i] == "PRON" and not in_quote[i]:
                pool = named if named else ({last[1]} if last else set())
                if len(pool) == 1:
                    votes[next(iter(pool))][g] += 1
        if len(named) == 1:
            last = (sent.start, next(iter(named)))
        elif named:
            last = None
    out: dict[str, str | None] = {}
    for aid, actor in actors.items():
        c = votes.get(aid)
        if not namelike(actor) or not c:
            out[aid] = None
            continue
        (top, n), *rest = c.most_common(2) + [("", 0)]
        out[aid] = top if n > rest[0][1] else None
    return out
