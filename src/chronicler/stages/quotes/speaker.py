"""Speakers: the subject of a cue -> the local mention and, through ``doc._.token_actor``, the actor."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.model import Actor, Speaker
from chronicler.nlp.spans import original_text, text_span
from chronicler.stages.actors.lexicon import lexicon as actor_lexicon
from chronicler.stages.coref.collective import governing_subject
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon
from chronicler.stages.coref.repeats import (ANONYMOUS_KEY, UNNAMED_SPEAKERS_KEY, description_key,
                                             introduced_before)
from chronicler.stages.quotes.lexicon import lexicon as quote_lexicon

_RELATIVE = {"who", "that", "which", "whom"}
_PRONOUNS = {"they", "them", "their", "it", "its", "we", "us", "our", "he", "she", "him", "her", "his"}
_RIGHT_DEPS = {"prep", "amod", "acl"}
_NAME_DEPS = {"compound", "flat", "flat:name"}
# tokens that may stand left of a head noun inside the mention ("Cuba's President", "the ministry")
_LEFT_DEPS = {"compound", "flat", "det", "amod", "poss", "case", "nmod", "nummod", "punct", "prep", "pobj",
              "quantmod", "advmod", "npadvmod", "cc", "conj"}


def subject_of(verb: Token) -> Token | None:
    """The subject that a reporting verb's content is attributed to, following conjuncts and participles.

    "X said ... and added that" -> X; "X tweeted, saying ..." -> X; "Smith, who said ..." -> Smith.
    """
    t = verb
    for _ in range(4):
        # two subjects are a misparse ("Aboard Air Force One, Trump referred"): the one nearer the verb
        subj = min((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), key=lambda c: abs(c.i - t.i),
                   default=None)
        if subj is None and t.i == verb.i and _quote_before(t):
            # '"...," said the minister': some parses leave the inverted subject as dobj/attr
            subj = next((c for c in t.rights if c.dep_ in ("dobj", "attr") and c.pos_ in ("PROPN", "NOUN")
                         and c.left_edge.i == t.i + 1), None)
        if subj is not None:
            if subj.dep_ == "nsubjpass" and t.i == verb.i:
                return None  # "was told that": the speaker is not the subject
            if subj.lower_ in _RELATIVE and t.dep_ == "relcl":
                return t.head
            return subj
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":  # "he was quoted as saying"
            t = t.head.head
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subj
        if t.dep_ == "conj" and t.head.dep_ == "ccomp" and t.head.head.lemma_ != t.lemma_:
            t = t.head.head  # "claimed talks were underway and urged ...": urged goes with claimed
            continue
        if t.dep_ in ("conj", "xcomp") or (t.dep_ in ("advcl", "acl") and t.tag_ == "VBG" and t.dep_ != "acl"):
            participle = t.dep_ == "advcl" and t.i > 0 and t.doc[t.i - 1].text == ","
            t = t.head
            if participle and t.dep_ == "ccomp" and _is_cue(t.head):
                t = t.head  # "X argued that the move hurt them, noting ...": noting goes with argued
            continue
        return None
    return None


def _is_cue(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and quote_lexicon().is_cue(t.lemma_)


def _quote_before(verb: Token) -> bool:
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    return prev is not None and (prev.is_quote or prev.text in ",")


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the mention headed by ``head``: its left modifiers and name parts."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS and not child.is_quote:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _NAME_DEPS and child.i == end:
            end = child.i + 1
        elif child.dep_ in _RIGHT_DEPS and child.i == end and head.pos_ in ("NOUN", "PRON", "NUM"):
            end = child.right_edge.i + 1  # "a person familiar with the talks", "one of the players"
    doc = head.doc
    while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > head.i and doc[end - 1].is_punct and not doc[end - 1].is_bracket:
        end -= 1  # "the owner of a bakery,": the comma closing an apposition is none of the mention
    # a hyphenated word split by the tokenizer: "co-chairman"
    while end + 1 < len(doc) and doc[end].text in "-–" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    return start, end


def _name_tokens(head: Token) -> list[int]:
    """The head first, then its name parts (compounds, flat), then the rest of a proper-noun chain."""
    out = [head.i]
    for child in head.children:
        if child.dep_ in _NAME_DEPS:
            out.append(child.i)
    return out


def author_of(head: Token, documents: frozenset[str]) -> Token:
    """'A statement from the ministry', 'her statement' -> the ministry, her; otherwise the head itself."""
    if head.lemma_.lower() not in documents:
        return head
    for c in head.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    for c in head.children:  # "a study which is being released Monday by Civic Action", "a report issued by"
        if c.dep_ in ("relcl", "acl"):
            agent = next((x for x in c.children if x.dep_ == "agent"
                          or x.dep_ == "prep" and x.lower_ == "by"), None)
            pobj = next((x for x in agent.children if x.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return pobj
    return head


def make_speaker(doc: Doc, head: Token) -> Speaker | None:
    start, end = mention_bounds(head)
    span = text_span(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    if span is None:
        return None
    index = doc._.token_actor or {}
    aid = next((index[i] for i in _name_tokens(head) if i in index), None)
    appos = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appos is not None and (aid is None or head.pos_ == "NOUN") and index.get(appos.i) is not None:
        # "a spokeswoman for Trudeau, Eleanore Catenaro, said", "the British aid group Gatsby said": the
        # name says who more exactly than the description
        aid = index.get(appos.i)
    if aid is None and head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN":
        aid = index.get(head.head.i)  # "Nunes, the ferocious brawler who calls herself ..."
    actor = next((a for a in doc._.actors or [] if a.id == aid), None) if aid else None
    if actor is not None and actor.kind == "country" and head.pos_ not in ("PROPN",) and head.i not in index:
        actor = None  # "Cuba's ministry": the country is not the speaker
    mention = (span.start, span.end)
    if actor is None:
        name, aid = _unresolved(doc, head, appos, span.text)
        return Speaker(name=name, mention=mention, actor=aid)
    name = actor.name
    if actor.kind == "person":
        name = _with_partners(doc, appos if appos is not None else head, actor.name)
    elif actor.kind == "group":
        name = _group_name(doc, actor, span.start)
    elif actor.kind == "organization":
        name = _spelled_out(doc, name)
    return Speaker(name=name, mention=mention, actor=actor.id)


def names_someone(doc: Doc, speaker: Speaker) -> bool:
    """Whether an unresolved speaker is called by a name the text gives ('the spokeswoman, Jane Doe'; 'X and
    Y' for 'they'), not by its own words ('the spokeswoman')."""
    if speaker.actor is not None:
        return True
    words = original_text(doc)[speaker.mention[0]:speaker.mention[1]]
    return speaker.name != words and any(w[:1].isupper() for w in speaker.name.split())


def speaker_for(doc: Doc, head: Token, mention: tuple[int, int], aid: str) -> Speaker | None:
    """The speaker of ``mention`` as the actor ``aid``, named as ``make_speaker`` names a resolved one."""
    actor = next((a for a in doc._.actors or [] if a.id == aid), None)
    if actor is None:
        return None
    name = actor.name
    if actor.kind == "group":
        name = _group_name(doc, actor, mention[0])
    elif actor.kind == "organization":
        name = _spelled_out(doc, name)
    return Speaker(name=name, mention=mention, actor=actor.id)


def _words_of(doc: Doc, head: Token) -> str | None:
    """The text of the mention headed by ``head``."""
    start, end = mention_bounds(head)
    span = text_span(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return span.text if span is not None else None


def _unresolved(doc: Doc, head: Token, appos: Token | None, words: str) -> tuple[str, str | None]:
    """Name (and actor, where one turns up) of a speaker coreference left unresolved; else its own words."""
    index = doc._.token_actor or {}
    if appos is not None:
        # "says Wise's dad, Darrin": the name in apposition, even when it is no actor of its own
        return (_words_of(doc, appos) or words) if head.pos_ == "NOUN" else words, None
    if head.pos_ == "NOUN":
        earlier = _named_relative(doc, head)
        if earlier is not None:  # "Spindler's father, Joseph, says ... His father said": Joseph
            who = next((a for a in doc._.actors or [] if a.id == index.get(earlier.i)), None)
            if who is not None and who.kind == "person":
                return who.name, who.id
            return _words_of(doc, earlier) or words, who.id if who is not None else None
        if doc[mention_bounds(head)[0]].lower_ == "the":
            return _introduction(doc, head) or words, None  # "the person": "a person familiar with the talks"
    unnamed = (doc.user_data.get(UNNAMED_SPEAKERS_KEY) or {}).get(head.i)
    if unnamed is not None:  # "a security professional told Reuters. ... , he said"
        return _words_of(doc, doc[unnamed]) or words, None
    if head.lower_ == "they" and head.pos_ == "PRON":
        pair = _partners_before(doc, head)
        if pair is not None:  # "X and Y said they respected the vote. '...,' they said."
            return pair
        return _governing_group(doc, head) or _group_before(doc, head) or words, None
    return words, None


def _group_before(doc: Doc, head: Token) -> str | None:
    """'Residents said they were afraid. "We have nowhere to go," they said': an unresolved 'they' speaking
    right after an unnamed group spoke is that group -- the nearest subject of a reporting verb before the
    pronoun, in its sentence or the one before, when it is a plural noun that names no actor."""
    sent = head.sent
    prev = sent.start - 1
    while prev >= 0 and not any(t.is_alpha for t in doc[prev].sent):
        prev = doc[prev].sent.start - 1
    lo = doc[prev].sent.start if prev >= 0 else sent.start
    index = doc._.token_actor or {}
    for t in reversed(doc[lo:head.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ == "PRON" or not quote_lexicon().is_cue(t.head.lemma_):
            continue
        if t.tag_ != "NNS" or t.i in index:
            return None  # the nearest speaker before is someone else
        return _words_of(doc, t)
    return None


_KIN_WINDOW = 400  # tokens looked back for the same relative named before


def _named_relative(doc: Doc, head: Token) -> Token | None:
    """'His father said' after "Spindler's father, Joseph, says": the name given to the same relative of
    the same person before (the possessor resolved to the same actor)."""
    lemma = head.lemma_.lower()
    if lemma not in coref_lexicon().kin_words:
        return None
    index = doc._.token_actor or {}
    owner = next((index.get(c.i) for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    for t in reversed(doc[max(0, head.i - _KIN_WINDOW):head.i]):
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
            continue
        if next((index.get(c.i) for c in t.children if c.dep_ == "poss"), None) != owner:
            continue
        return next((c for c in t.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    return None


def _introduction(doc: Doc, head: Token) -> str | None:
    """The words that brought in, unnamed, the one a definite description takes up: 'the person' after
    'a person familiar with the negotiations' (the coreference stage lists those introductions)."""
    at = introduced_before(doc.user_data.get(ANONYMOUS_KEY) or {}, description_key(head), head.i)
    return _words_of(doc, doc[at]) if at is not None else None


_ACRONYMS_KEY = "chronicler.quotes.acronyms"
_MINOR = frozenset({"of", "and", "for", "the", "on", "in", "&"})


def _spelled_out(doc: Doc, name: str) -> str:
    """'PBO' after 'The Parliamentary Budget Officer ...': an organisation known by its initials, whose
    full name the text spells out, is called by both: "Parliamentary Budget Officer (PBO)"."""
    if not (2 <= len(name) <= 6 and name.isalpha() and name.isupper()):
        return name
    found = doc.user_data.setdefault(_ACRONYMS_KEY, {})
    if name not in found:
        found[name] = _expansion(doc, name)
    full = found[name]
    return f"{full} ({name})" if full else name


def _expansion(doc: Doc, acronym: str) -> str | None:
    """The first run of capitalised words (minor words allowed inside) whose initials spell the acronym."""
    text = original_text(doc)
    words: list[Token] = []
    for t in doc:
        if t.is_title and t.is_alpha and t.lower_ not in _MINOR:
            words.append(t)
        elif words and t.lower_ in _MINOR and t.is_lower:
            words.append(t)
        else:
            words = []
            continue
        caps = [w for w in words if w.lower_ not in _MINOR or not w.is_lower]
        if len(caps) >= len(acronym) and "".join(w.text[0] for w in caps[-len(acronym):]) == acronym:
            first = caps[-len(acronym)]
            return text[first.idx:t.idx + len(t.text)]
    return None


def _group_name(doc: Doc, actor: Actor, before: int) -> str:
    """A group that has no proper name is called what the text last called it ("Protestors said ...
    They called it ..."): its latest mention up to here that is not a pronoun, less a leading article."""
    text = original_text(doc)
    words = [text[s:e] for s, e in actor.mentions if s <= before and e - s > 0]
    words = [w for w in words if w.lower() not in _PRONOUNS]
    if not words or actor.name.split()[-1][:1].isupper():
        return actor.name  # a proper name ("Bosnian Serbs") is the group's own
    last = words[-1]
    first, _, rest = last.partition(" ")
    return rest if rest and first.lower() in ("the", "a", "an") else last


def _governing_group(doc: Doc, head: Token) -> str | None:
    """'members complained about what they said was a lack of transparency': a 'they' under a clause
    whose subject is an unnamed plural noun is that group, called as the text calls it."""
    subj = governing_subject(head)
    if subj is False or subj is None or subj.tag_ != "NNS" or subj.i in (doc._.token_actor or {}):
        return None
    return _words_of(doc, subj)


def _partners_before(doc: Doc, head: Token) -> tuple[str, str] | None:
    """'Tore Sohlberg and Lehla Abreder said ... . "...," they said.': an unresolved 'they' speaking right
    after named people spoke together is those people: the subject of a reporting verb in this sentence
    before the pronoun or in the sentence before, when it joins two or more named persons."""
    sent = head.sent
    start = sent.start
    prev = start - 1
    while prev >= 0 and not any(t.is_alpha for t in doc[prev].sent):
        prev = doc[prev].sent.start - 1
    lo = doc[prev].sent.start if prev >= 0 else start
    index = doc._.token_actor or {}
    actors = {a.id: a for a in doc._.actors or []}
    for t in reversed(doc[lo:head.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or not quote_lexicon().is_cue(t.head.lemma_):
            continue
        appos = next((c for c in t.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        node = t if t.i in index else appos
        if node is None:
            node = next((t.doc[i] for i in _name_tokens(t) if i in index), None)
        actor = actors.get(index.get(node.i, "")) if node is not None else None
        if actor is None or actor.kind != "person":
            return None  # the nearest speaker before is someone else
        name = _with_partners(doc, appos if appos is not None else node, actor.name)
        return (name, actor.id) if " and " in name else None
    return None


def _with_partners(doc: Doc, token: Token | None, name: str) -> str:
    """'Tore Sohlberg and Lehla Abreder said': the speaker is both named people."""
    if token is None:
        return name
    index = doc._.token_actor or {}
    actors = {a.id: a for a in doc._.actors or []}
    names = [name]
    for c in token.children:
        other = actors.get(index.get(c.i, ""))
        if c.dep_ == "conj" and other is not None and other.kind == "person" and other.name not in names:
            names.append(other.name)
    return name if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _person_before(doc: Doc, first_seen: dict[str, int], i: int) -> bool:
    """Whether a person is named before token ``i``."""
    return any(a.kind == "person" and first_seen.get(a.id, i) < i for a in doc._.actors or [])


def introduced_person(doc: Doc, head: Token, first_seen: dict[str, int],
                      not_persons: frozenset[str]) -> Speaker | None:
    """'A Vancouver peewee hockey coach says ... . Stephen Gillis said ...': a description that no actor
    answers, whose sentence is followed by one whose subject names a person, is that person. Only one brought
    in by it: "a coach", or "the most popular punching bag in golf" before anyone is named ("the founder"
    after a person is named is that person, met before), and not named on the spot ("a spokeswoman for the
    ministry, Ana Ruiz,")."""
    if head.tag_ != "NN" or not any(c.dep_ == "det" or c.lower_ == "one" for c in head.lefts):
        return None  # one person described: "a coach", not "some voters"
    if not any(c.lower_ in ("a", "an", "one") for c in head.lefts) and _person_before(doc, first_seen, head.i) \
            and not coref_lexicon().person_noun(head.lemma_.lower()):
        return None  # "The strategy ... is aimed at": no person; "the former senator" may be one met before
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return None
    if head.lemma_.lower() in not_persons:
        return None  # "a tweet", "the team"
    sent = head.sent
    i = sent.end
    while i < len(doc) and not any(t.is_alpha for t in doc[i].sent):  # paragraph marks, blank lines
        i = doc[i].sent.end
    if i >= len(doc):
        return None
    nxt = doc[i].sent
    subj = next((c for c in nxt.root.children if c.dep_ == "nsubj"), None)
    index = doc._.token_actor or {}
    aid = index.get(subj.i) if subj is not None and subj.pos_ == "PROPN" else None
    actor = next((a for a in doc._.actors or [] if a.id == aid), None) if aid else None
    if actor is None or actor.kind != "person" or first_seen.get(actor.id, -1) > subj.i:
        return None
    if _titled_otherwise(subj, head):
        return None  # "A spokesman for the White House said ... . "...," said Senator Ted Cruz": another person
    start, end = mention_bounds(head)
    span = text_span(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return Speaker(name=actor.name, mention=(span.start, span.end), actor=actor.id) if span else None


def _titled_otherwise(name: Token, description: Token) -> bool:
    """The person the next sentence names comes with a title of their own ("Senator Ted Cruz", "Ted Cruz, the
    senator") of another sector than the description's word: "a spokesman" (GOV) is not "Senator Ted Cruz"
    (LEG); "a judge" may be "Justice Sean Dunphy" (both JUD)."""
    roles = actor_lexicon()
    mine = roles.role(description.lemma_)
    if mine is None:
        return False
    titles = [t for t in name.subtree if t.i != name.i and t.dep_ in ("compound", "appos", "amod")
              and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ != "PERSON"]
    titles += [t for appos in name.children if appos.dep_ == "appos" for t in appos.subtree if t.pos_ == "NOUN"]
    sectors = {r.sector for r in (roles.role(t.lemma_.rstrip(".")) for t in titles) if r is not None}
    return bool(sectors) and mine.sector not in sectors
