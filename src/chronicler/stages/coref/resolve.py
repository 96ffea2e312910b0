"""Resolve pronouns, role nouns ("the president", "Cuba's leader"), organisation nouns ("the ministry")
and bare surnames to the actors of the document, by salience: recent mentions count most, subjects more
than objects, speakers most, names inside quotation marks little. A mention with no fitting antecedent
stays unresolved.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.model import Actor
from chronicler.nlp.arrays import parse_arrays
from chronicler.nlp.spans import original_text
from chronicler.stages.coref.appositions import link_displaced_appositions
from chronicler.stages.coref.collective import COLLECTIVE_KINDS, plural_actors, resolve_collective
from chronicler.stages.coref.gender import Run, infer_genders, namelike
from chronicler.stages.coref.lexicon import CorefLexicon, lexicon
from chronicler.stages.coref.repeats import (UNNAMED_SPEAKERS_KEY, anonymous_people, description_key, introduced_before, link_repeats,
                                             unlink_described)
from chronicler.stages.quotes.lexicon import lexicon as quote_lexicon
from chronicler.stages.quotes.context import MARKS_KEY
from chronicler.stages.quotes.marks import scan

DECAY = 0.6  # salience kept from one sentence to the next
CARRY = 0.5  # share of its past salience a mention adds to: recent mentions outweigh many old ones
THRESHOLD = 2.0  # below this an antecedent is too far back to trust


class Salience:
    def __init__(self) -> None:
        self.score: dict[str, tuple[float, int]] = {}

    def value(self, aid: str, sent: int) -> float:
        v, at = self.score.get(aid, (0.0, sent))
        return v * DECAY ** (sent - at)

    def mention(self, aid: str, weight: float, sent: int) -> None:
        self.score[aid] = (weight + CARRY * self.value(aid, sent), sent)

    def best(self, candidates: dict[str, float], sent: int) -> str | None:
        """The candidate with the highest salience times its fit, if above the threshold."""
        scored = [(self.value(a, sent) * fit, a) for a, fit in candidates.items()]
        scored = [s for s in scored if s[0] >= THRESHOLD]
        return max(scored)[1] if scored else None


def quote_flags(doc: Doc) -> list[bool]:
    """Token index -> inside quotation marks. The scan is kept on the doc for the quotes stage."""
    marked = doc.user_data.get(MARKS_KEY)
    if marked is None:
        marked = scan(original_text(doc))
        doc.user_data[MARKS_KEY] = marked
    flags = [False] * len(doc)
    for m in marked:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True
    return flags


def actor_runs(index: dict[int, str]) -> list[Run]:
    runs: list[Run] = []
    for i in sorted(index):
        if runs and runs[-1][1] == i and runs[-1][2] == index[i]:
            runs[-1] = (runs[-1][0], i + 1, index[i])
        else:
            runs.append((i, i + 1, index[i]))
    return runs


def _weight(doc: Doc, start: int, end: int, quoted: bool) -> float:
    if quoted:
        return 10.0
    head = doc[start:end].root
    if head.dep_ in ("nsubj", "nsubjpass"):
        return 150.0 if quote_lexicon().is_cue(head.head.lemma_) else 100.0
    if _author_speaking(head):
        return 150.0
    return 50.0


def _author_speaking(t: Token) -> bool:
    """'A statement e-mailed to The Globe by Reagan Ruslim ... said': the author of a document that speaks."""
    if t.dep_ != "pobj" or t.head.lower_ not in ("by", "from"):
        return False
    node = t.head.head
    for _ in range(2):
        if node.dep_ == "nsubj" and node.lemma_.lower() in quote_lexicon().documents:
            return quote_lexicon().is_cue(node.head.lemma_)
        if node.dep_ not in ("acl", "relcl"):
            return False
        node = node.head
    return False


def _link(doc: Doc, actor: Actor, index: dict[int, str], start: int, end: int) -> None:
    for i in range(start, end):
        index[i] = actor.id
    actor.mentions.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)))


def _main_owner(actors: dict[str, Actor], owners: set[str]) -> Actor | None:
    """The one person a bare name can mean; of several, the one named most often when that one stands out
    ("Kim" for Kim Jong-un, not Kim Yong-chol mentioned once)."""
    ranked = sorted((len(actors[a].mentions), a) for a in owners)
    if len(ranked) == 1 or ranked[-1][0] > 2 * ranked[-2][0]:
        return actors[ranked[-1][1]]
    top = actors[ranked[-1][1]]
    first = {a: min((m[0] for m in actors[a].mentions), default=-1) for a in owners}
    if ranked[-1][0] > ranked[-2][0] and first[top.id] >= 0 and all(
            first[top.id] < first[a] for a in owners if a != top.id and first[a] >= 0):
        return top  # named more often and named first: the one the text is about
    return None


def link_surnames(doc: Doc, actors: dict[str, Actor], index: dict[int, str]) -> None:
    """A bare proper noun that is the last name of exactly one named person ("Lonechild" after
    "Darian Lonechild")."""
    surnames: dict[str, set[str]] = {}
    for aid, a in actors.items():
        words = a.name.split()
        if namelike(a) and len(words) >= 2:
            surnames.setdefault(words[-1].lower(), set()).add(aid)
    firsts: dict[str, set[str]] = {}
    for aid, a in actors.items():
        words = a.name.split()
        if a.kind == "person" and len(words) >= 2:
            firsts.setdefault(words[0].lower(), set()).add(aid)
    for t in [doc[i] for i, pos in enumerate(parse_arrays(doc).pos) if pos == "PROPN"]:
        own = actors.get(index.get(t.i, ""))
        if own is not None and own.kind == "person" and len(own.name.split()) > 1:
            continue
        if own is not None and own.kind != "person" and t.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue  # "Jordan" the country, unless it speaks or owns like the person "Jordan Stewart"
        # a bare surname, or a first name standing alone as its own one-word actor ("Jordan" after
        # "Jordan Stewart")
        kin = t.dep_ == "appos" and t.head.lemma_.lower() in lexicon().kin_words  # "Spindler's father, Joseph"
        owners = surnames.get(t.lower_) or (firsts.get(t.lower_) if own is not None and not kin else None)
        target = _main_owner(actors, owners) if owners else None
        if target is not None:
            if own is not None:
                own.mentions = [m for m in own.mentions if m != (t.idx, t.idx + len(t.text))]
            _link(doc, target, index, t.i, t.i + 1)
    if doc._.actors:  # a one-word actor whose every mention joined the full name is gone
        used = set(index.values())
        doc._.actors = [a for a in doc._.actors if a.mentions or a.id in used]


def _roles(doc: Doc, actors: dict[str, Actor], runs: list[Run]) -> dict[str, set[str]]:
    """Titles each person holds in this document: the actor's title, words before its name, appositions."""
    roles: dict[str, set[str]] = {aid: set() for aid in actors}
    for aid, a in actors.items():
        if a.title:
            roles[aid].add(a.title.lower())
            roles[aid].update(a.title.lower().split())
    for start, end, aid in runs:
        if actors[aid].kind != "person":
            continue
        head = doc[start:end].root
        for t in list(head.children) + list(doc[start:end]) + list(doc[max(0, start - 3):start]):
            if t.dep_ in ("compound", "appos") and t.pos_ in ("NOUN", "PROPN"):
                roles[aid].add(t.lower_)  # "Surrey Mayor Doug McCallum", "McCallum, the mayor"
                roles[aid].add(t.lemma_.lower())
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            roles[aid].add(head.head.lemma_.lower())
    return roles


def _definite(t: Token) -> Token | None:
    """'the' or a possessive in front of a noun: returns that determiner/possessor token."""
    return next((c for c in t.lefts if c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an")), None)


def _country_of(det: Token | None, actors: dict[str, Actor], index: dict[int, str]) -> str | None:
    if det is None or det.dep_ != "poss":
        return None
    a = actors.get(index.get(det.i, ""))
    return a.country if a is not None and a.kind == "country" else None


def resolve(doc: Doc, lex: CorefLexicon | None = None) -> None:
    lex = lex or lexicon()
    actors = {a.id: a for a in doc._.actors or []}
    if doc._.token_actor is None:
        doc._.token_actor = {}
    index: dict[int, str] = doc._.token_actor
    in_quote = quote_flags(doc)
    link_repeats(doc, actors, index)
    link_surnames(doc, actors, index)
    link_displaced_appositions(doc, actors, index)
    anonymous = anonymous_people(doc, index, in_quote)
    unlink_described(doc, actors, index, anonymous)
    runs = actor_runs(index)
    genders = infer_genders(doc, actors, runs, lex, in_quote)
    roles = _roles(doc, actors, runs)
    run_at = {s: (s, e, a) for s, e, a in runs}
    plural = plural_actors(doc, index)
    sal = Salience()
    n = 0
    previous: list[str] = []  # person subjects of the previous sentence (outside quotes)
    previous_collective: list[str] = []  # organisation, country and group subjects of the previous sentence
    previous_speakers: set[str] = set()
    introductions = {i for seen in anonymous.values() for i in seen}
    last_person: tuple[int, int | None] = (0, None)  # (sentence, unnamed speaker's token | None for an actor)
    unnamed_speakers: dict[int, int] = doc.user_data.setdefault(UNNAMED_SPEAKERS_KEY, {})
    arrays = parse_arrays(doc)
    pos = arrays.pos
    for sent in doc.sents:
        alpha = [j for j in range(sent.start, sent.end) if arrays.text[j].isalpha()]  # as Token.is_alpha
        if alpha:
            n += 1
        # a sentence of quoted words only leaves the focus where it was
        content = any(not in_quote[j] for j in alpha)
        current: list[str] = []
        current_collective: list[str] = []
        speakers: set[str] = set(previous_speakers)  # subjects of reporting verbs, this and the last sentence
        i = sent.start
        while i < sent.end:
            if i not in run_at and pos[i] not in _MENTION_POS:  # no mention, nothing to take up or to introduce
                i += 1
                continue
            t = doc[i]
            if i in run_at:
                found: Run | None = run_at[i]
            else:
                found = None
                number = lex.pronouns.get(t.lower_) if t.pos_ == "PRON" and not in_quote[i] else None
                if number in ("n", "p") and i not in index:
                    aid = resolve_collective(doc, t, number, actors, index, plural, previous_collective, lex)
                    found = (i, i + 1, aid) if aid else None
                    settled = aid == ""  # the clause above names someone else: no guessing by salience
                else:
                    settled = False
                if found is None and not settled and _personal(t, lex) and not in_quote[i] and \
                        last_person[1] is not None and \
                        (n == last_person[0] or (_speaking(t) and n - last_person[0] <= 4)) and \
                        _name_gender(doc[last_person[1]], lex) in (None, lex.pronouns[t.lower_]):
                    # "..., a security professional told Reuters. ... , he said": the unnamed speaker
                    unnamed_speakers[i] = last_person[1]
                    settled = True
                if found is None and not settled:
                    focus = [] if in_quote[i] else _focus(t, current[::-1] + previous[::-1], speakers)
                    found = _resolve_token(doc, t, actors, index, genders, roles, lex, sal, n, focus, anonymous)
                if found is not None:
                    _link(doc, actors[found[2]], index, found[0], found[1])
            if found is None:
                if (i in introductions or _unlinked_name(t, index)) and _unnamed_speaker(t, lex):
                    last_person = (n, i)
                i += 1
                continue
            s, e, aid = found
            sal.mention(aid, _weight(doc, s, e, in_quote[s]), n)
            root = doc[s:e].root
            if not in_quote[s] and root.dep_ in ("nsubj", "nsubjpass") and actors[aid].kind in COLLECTIVE_KINDS:
                current_collective.append(aid)
            if not in_quote[s] and root.dep_ in ("nsubj", "nsubjpass") and namelike(actors[aid]):
                current.append(aid)
                last_person = (n, None)
                if quote_lexicon().is_cue(root.head.lemma_):
                    speakers.add(aid)
            elif not in_quote[s] and namelike(actors[aid]) and _author_speaking(root):
                current.append(aid)  # the author of a statement that speaks is a speaker
                last_person = (n, None)
                speakers.add(aid)
            i = max(e, i + 1)
        if content:
            previous = current
            # the subject of the main clause is the one a pronoun in the next sentence most likely takes up
            main = {index.get(c.i) for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")}
            previous_collective = [a for a in current_collective if a not in main] + \
                [a for a in current_collective if a in main]
            previous_speakers = speakers


def _first_part(t: Token) -> str:
    """The lemma of a noun, or of the first word of a hyphenated one ('sergeant' of 'sergeant-at-arms')."""
    doc, i = t.doc, t.i
    while i > 1 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        i -= 2
    return doc[i].lemma_.lower()


def _noun_gender(noun: str) -> str | None:
    """'spokeswoman' f, 'chairman' m; None for a word that does not say."""
    return "f" if noun.endswith("woman") else "m" if noun.endswith("man") else None


def _unnamed_speaker(t: Token, lex: CorefLexicon) -> bool:
    """'a private security professional told Reuters', 'Lina Arafeh, a translator, said' (a name no actor
    holds): one person, described or named, speaking."""
    noun = t.lemma_.lower()
    return t.tag_ in ("NN", "NNP") and t.dep_ == "nsubj" and quote_lexicon().is_cue(t.head.lemma_) and \
        noun not in lex.nominals and noun not in lex.org_words and noun not in quote_lexicon().documents


def _unlinked_name(t: Token, index: dict[int, str]) -> bool:
    """A person's name the entity stage left without an actor: two or more capitalised words."""
    parts = [c for c in t.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    return t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "") and bool(parts) and \
        all(x.i not in index and x.is_title for x in parts + [t])


def _name_gender(t: Token, lex: CorefLexicon) -> str | None:
    first = next((c for c in t.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"), None)
    return lex.first_names.get(first.lower_) if first is not None else None


_MENTION_POS = {"PRON", "NOUN", "PROPN"}  # the words the resolver reads: pronouns, descriptions, names


def _personal(t: Token, lex: CorefLexicon) -> bool:
    return lex.pronouns.get(t.lower_) in ("m", "f") and t.pos_ == "PRON"


def _speaking(t: Token) -> bool:
    """'he said', 'she told reporters': the subject of a reporting verb."""
    return t.dep_ == "nsubj" and quote_lexicon().is_cue(t.head.lemma_)


def _focus(t: Token, subjects: list[str], speakers: set[str]) -> list[str]:
    """Subjects in order of preference; for the subject of a reporting verb, earlier speakers come first."""
    if t.dep_ == "nsubj" and quote_lexicon().is_cue(t.head.lemma_):
        return [a for a in subjects if a in speakers] + [a for a in subjects if a not in speakers]
    return subjects


def _resolve_token(doc: Doc, t: Token, actors: dict[str, Actor], index: dict[int, str],
                   genders: dict[str, str | None], roles: dict[str, set[str]], lex: CorefLexicon,
                   sal: Salience, n: int, focus: list[str], anonymous: dict[str, list[int]]) -> Run | None:
    if t.i in index:
        return None
    g = lex.pronouns.get(t.lower_)
    if g is not None and t.pos_ == "PRON":
        if g in ("m", "f"):
            cands = {a: (1.0 if genders.get(a) == g else 0.4) for a, x in actors.items()
                     if (x.kind == "person" and genders.get(a) in (g, None)) or (namelike(x) and genders.get(a) == g)}
            # the subject of this sentence or the one before is the likeliest antecedent (centering)
            speaking = t.dep_ == "nsubj" and quote_lexicon().is_cue(t.head.lemma_)
            agreeing = ([a for a in focus if a in cands] if speaking else []) or \
                [a for a in focus if cands.get(a) == 1.0] or [a for a in focus if a in cands]
            if agreeing:
                return (t.i, t.i + 1, agreeing[0])
        elif t.dep_ == "nsubj" and quote_lexicon().is_cue(t.head.lemma_):
            # "it said", "they said": an organisation or group speaking
            cands = {a: 1.0 for a, x in actors.items() if x.kind in ("organization", "group")}
        else:
            return None
        aid = sal.best(cands, n)
        return (t.i, t.i + 1, aid) if aid else None
    if t.pos_ != "NOUN":
        return None
    det = _definite(t)
    if det is None and t.dep_ == "compound" and t.i + 1 == t.head.i and t.lemma_.lower() in lex.nominals:
        det = _definite(t.head)  # "the parole board decision": the article goes with the board too
        det = det if det is not None and det.lower_ == "the" else None
    if det is None or any(c.pos_ == "PROPN" and c.dep_ in ("compound", "flat") for c in t.children):
        return None
    noun = t.lemma_.lower()
    prev = doc[t.i - 1].lower_ if t.i > 0 else ""
    titles = lex.titles.get(f"{prev} {noun}") or lex.titles.get(noun)
    start = det.i if det.i < t.i else t.i
    if titles:
        country = _country_of(det, actors, index)
        cands = {a: 1.0 for a, x in actors.items() if x.kind == "person" and roles.get(a, set()) & titles
                 and (country is None or x.country in (None, country))}
        if country and not cands and "leader" in titles:
            cands = {a: 1.0 for a, x in actors.items() if x.kind == "person" and x.country == country
                     and x.sector == "GOV"}
        aid = sal.best(cands, n)
        if aid is None and len(cands) == 1:
            # the one holder of that role in the text, also where a headline names the role first
            aid = next(iter(cands))
        if aid is not None or cands or det.lower_ != "the":
            return (start, t.i + 1, aid) if aid else None
        # nobody was given that role: "Jane Doe opened a shop. The 39-year-old founder of Acme said" -- a
        # speaker described by a role no one holds yet is, as any other description, the person in focus
    hyphened = t.i > 1 and doc[t.i - 1].text == "-" and not doc[t.i - 2].whitespace_  # "sergeant-at-arms"
    if (det.lower_ == "the" and (t.tag_ == "NN" or hyphened) and noun not in lex.nominals and noun not in lex.kin_words
            and t.dep_ == "nsubj"
            and noun not in quote_lexicon().documents and quote_lexicon().is_cue(t.head.lemma_)):
        # "the affable proprietor said": a speaker described, not named, is the person in focus -- unless
        # the text brought in someone unnamed by that word ("a justice official said ... the official said"),
        # or the word names no person ("the hospital said")
        if introduced_before(anonymous, description_key(t), t.i) or not lex.person_noun(_first_part(t)):
            return None
        said = _noun_gender(noun)  # "the spokeswoman": a woman
        cands = {a: 1.0 for a, x in actors.items() if namelike(x) and genders.get(a) and said in (None, genders[a])}
        aid = sal.best(cands, n)
        if aid is not None and titles:
            roles.setdefault(aid, set()).add(noun)  # "the founder" again later is the same person
        return (start, t.i + 1, aid) if aid else None
    if noun in lex.nominals and det.lower_ == "the":
        how = lex.nominals[noun]
        governments = {a: 1.0 for a, x in actors.items() if x.kind == "organization" and x.sector == "GOV"
                       and x.country and x.country != "IGO"}
        if how == "country":  # "the country", "the kingdom": the state in focus, or its acting government
            cands = {a: 1.0 for a, x in actors.items() if x.kind == "country"} | governments
        elif how == "government":  # "the regime": a government in focus
            cands = governments
        else:
            cands = {a: 1.0 for a, x in actors.items() if x.kind in ("organization", "group")
                     and (how == "any" or noun in x.name.lower().split())}
        if how in ("country", "government"):
            aid = sal.best(cands, n) or (next(iter(cands)) if len(cands) == 1 else None)
            return (start, t.i + 1, aid) if aid else None
        aid = sal.best(cands, n) or (next(iter(cands)) if len(cands) == 1 and how == "named" else None)
        if aid is None and how == "named":
            # "the city" long after "the City of Surrey": the one such organisation named so far
            seen = [a for a in cands if a in sal.score]
            aid = seen[0] if len(seen) == 1 else None
        return (start, t.i + 1, aid) if aid else None
    return None
