"""Entity ruler for news: known people, organisations, seats of government and role words.

The small English model tags "Trump" or "Diaz-Canel" as ORG and misses bare surnames. ``Rulers`` holds
PhraseMatchers built once per pipeline from the lexicon; ``fix_entities`` relabels the doc's entities from
the knowledge file and from the document's own full names (a later "Diaz-Canel" is the person named
"Miguel Diaz-Canel" earlier).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.actors.lexicon import Lexicon, deaccent, fold, is_acronym, key

PERSON_LABEL = "PERSON"
ORG_LABEL = "ORG"
_NAME_POS = {"PROPN", "NOUN", "ADJ", "X"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative"}


@dataclass
class Rulers:
    names: PhraseMatcher  # people and organisations of the knowledge files, metonyms
    roles: PhraseMatcher  # role words (lower case)
    kinds: dict[str, str]  # match key -> person | org | metonym


_TOKENIZERS: dict[int, object] = {}


def _english(vocab: Vocab):
    tok = _TOKENIZERS.get(id(vocab))
    if tok is None:
        from spacy.lang.en import English

        nlp = English(vocab=vocab)
        tok = nlp.make_doc
        _TOKENIZERS[id(vocab)] = tok
    return tok


def build_rulers(vocab: Vocab, lex: Lexicon, make_doc=None) -> Rulers:
    """PhraseMatchers over LOWER for every name, alias and accent-free variant; built once per pipeline."""
    make = make_doc or _english(vocab)
    names = PhraseMatcher(vocab, attr="LOWER")
    roles = PhraseMatcher(vocab, attr="LOWER")
    kinds: dict[str, str] = {}
    surfaces: dict[str, set[str]] = {}
    from chronicler.stages.actors.lexicon import _rows  # the raw forms keep their case for tokenisation

    for name, aliases, *_ in _rows("leaders.tsv", 8):
        for form in [name, *aliases.split("|")]:
            if form:
                surfaces.setdefault("person", set()).update({form, deaccent(form)})
    for name, aliases, *_ in _rows("organizations.tsv", 5):
        for form in [name, *aliases.split("|")]:
            if form:
                surfaces.setdefault("org", set()).update({form, deaccent(form)})
    for name, *_ in _rows("metonyms.tsv", 3):
        surfaces.setdefault("metonym", set()).update({name, deaccent(name)})
    for kind in ("person", "org", "metonym"):
        by_key: dict[str, list[Doc]] = {}
        for form in sorted(surfaces.get(kind, ())):
            by_key.setdefault(f"{kind}:{key(form)}", []).append(make(form))
        for k, docs in by_key.items():
            names.add(k, docs)
            kinds[k] = kind
    role_docs: dict[str, list[Doc]] = {}
    for phrase in lex.roles.values():
        role_docs.setdefault(key(phrase.phrase), []).append(make(phrase.phrase))
    for k, docs in role_docs.items():
        roles.add(f"role:{k}", docs)
    return Rulers(names, roles, kinds)


def _surface_ok(span: Span, k: str, lex: Lexicon) -> bool:
    """Names need a capital letter; acronyms (US, PAN, WHO) need the upper case of the text."""
    text = span.text
    if not text[:1].isupper():
        return False
    bare = k.split(":", 1)[1]
    if bare in lex.acronyms or is_acronym(text) and len(text) <= 3:
        return is_acronym(text)
    return True


def knowledge_spans(doc: Doc, rulers: Rulers, lex: Lexicon) -> list[tuple[Span, str, str]]:
    """(span, kind, lexicon key) for the known names in the doc, longest first and non-overlapping."""
    found = []
    for match_id, start, end in rulers.names(doc):
        k = doc.vocab.strings[match_id]
        span = doc[start:end]
        if _surface_ok(span, k, lex):
            found.append(Span(doc, start, end, label=k))
    kept = [s for s in filter_spans(found) if not _inside_longer_entity(s)]
    return [(s, rulers.kinds[s.label_], s.label_.split(":", 1)[1]) for s in kept]


def _inside_longer_entity(span: Span) -> bool:
    """ "Amal" in "Amal Clooney", "Trump" in "the Trump Organization": a part of a longer name."""
    doc = span.doc
    for i in (span.start, span.end - 1):
        t = doc[i]
        if t.ent_iob_ == "O":
            continue
        start = i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if (start < span.start or end > span.end) and doc[start].ent_type_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART"):
            return start <= span.start and end >= span.end
    return False


def role_spans(doc: Doc, rulers: Rulers) -> list[Span]:
    spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in rulers.roles(doc)]
    return filter_spans(spans)


def _surname(span: Span) -> tuple[str, ...] | None:
    """The last name of a multi-word person name as folded token texts ("Diaz", "-", "Canel")."""
    toks = [t for t in span if not t.is_punct or t.text == "-"]
    if len(toks) < 2:
        return None
    end = len(span)
    start = end - 1
    while start > 0 and (span[start - 1].text == "-" or span[start].text == "-"):
        start -= 1
    return tuple(fold(t.text) for t in span[start:end])


def titled_names(doc: Doc, roles: list[Span], lex: Lexicon) -> list[Span]:
    """Entities the model did not call PERSON that the text itself says are people: a name right after a
    person's title ("President Xyz") or in apposition with one ("Rodrigo Chaves, the president of ...")."""
    person_role_end = {}
    person_role_tokens = set()
    for r in roles:
        info = lex.roles.get(r.label_.split(":", 1)[1])
        if info is not None and info.kind == "person":
            person_role_end[r.end] = r
            person_role_tokens.update(range(r.start, r.end))
    out = []
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        if not ent.text[:1].isupper() or lex.org(ent.text) or lex.country(ent.text) or lex.metonym(ent.text):
            continue
        root = ent.root
        titled = ent.start in person_role_end and doc[ent.start - 1].head.i in range(ent.start, ent.end)
        appos = any(c.dep_ == "appos" and c.i in person_role_tokens for c in root.rights) or (
            root.dep_ == "appos" and root.head.i in person_role_tokens)
        if titled or appos:
            out.append(Span(doc, ent.start, ent.end, label=PERSON_LABEL))
    return out


def dictionary_people(doc: Doc, lex: Lexicon) -> list[Span]:
    """Entities of two words or more the model did not call PERSON that the dictionaries know as a person
    ("Hamid Karzai" tagged ORG)."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT") or len(ent) < 2:
            continue
        if not ent.text[:1].isupper() or lex.org(ent.text) or lex.country(ent.text) or lex.metonym(ent.text):
            continue
        person = lex.person(ent.text)
        if person is not None and person.lookup is not None:
            out.append(Span(doc, ent.start, ent.end, label=PERSON_LABEL))
    return out


def fix_entities(doc: Doc, known: list[tuple[Span, str, str]], titled: list[Span] | None = None) -> None:
    """Relabel the doc's entities: known people are PERSON, known organisations ORG, names the text gives a
    person's title are PERSON, and a bare surname of a person named in full elsewhere in the document is
    PERSON (whatever the model said); a PERSON without a capital letter is dropped."""
    new: list[Span] = list(titled or [])
    for e in doc.ents:  # "Christopher Garnier's" -> "Christopher Garnier"
        if len(e) > 1 and e[-1].text in ("'s", "’s", "'", "’"):
            new.append(Span(doc, e.start, e.end - 1, label=e.label_))
    for span, kind, _ in known:
        if kind == "person":
            new.append(Span(doc, span.start, span.end, label=PERSON_LABEL))
        elif kind == "org":
            new.append(Span(doc, span.start, span.end, label=ORG_LABEL))
    persons = [e for e in doc.ents if e.label_ == PERSON_LABEL] + [s for s in new if s.label_ == PERSON_LABEL]
    surnames = {s for s in (_surname(e) for e in persons) if s}
    if surnames:
        first: dict[str, list[tuple[str, ...]]] = {}
        for sn in surnames:
            first.setdefault(sn[0], []).append(sn)
        taken = {i for s in new for i in range(s.start, s.end)}
        words = parse_arrays(doc).text
        for i in [i for i, w in enumerate(words) if w[:1].isupper() and fold(w) in first]:
            t = doc[i]
            cands = first.get(fold(t.text))
            if t.i in taken:
                continue
            for cand in sorted(cands, key=len, reverse=True):
                end = t.i + len(cand)
                if end > len(doc) or tuple(fold(x.text) for x in doc[t.i:end]) != cand:
                    continue
                inside = t.ent_type_ == PERSON_LABEL and (t.ent_iob_ == "I" or (end < len(doc) and doc[end].ent_iob_ == "I"))
                if not inside:  # a standalone surname, not the end of a longer name
                    new.append(Span(doc, t.i, end, label=PERSON_LABEL))
                    taken.update(range(t.i, end))
                break
    new += _split_names(doc)
    # a name has a capital letter: "mackerel quotas" tagged PERSON is no one
    nameless = [e for e in doc.ents if e.label_ == PERSON_LABEL and not any(t.text[:1].isupper() for t in e)]
    if nameless:
        doc.ents = [e for e in doc.ents if e not in nameless]
    if not new:
        return
    new = filter_spans(new)
    covered = {i for s in new for i in range(s.start, s.end)}
    kept = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
    doc.ents = sorted(kept + new, key=lambda s: s.start)


def join_country_names(doc: Doc, lex: Lexicon) -> None:
    """An entity the model cut off a country name or demonym ("Sierra" of "Sierra Leonean refugees", tagged
    ORG) is extended to the whole name: NORP for a demonym before a noun, else GPE. A proper noun outside
    any entity that misspells a country by one letter ("Ethopia") becomes a GPE."""
    new = []
    for e in doc.ents:
        if e.label_ == "ORG" and lex.country(e.text) is not None and lex.country(e.text) == lex.country(e[-1].text):
            new.append(Span(doc, e.start, e.end, label="GPE"))  # "Iceland threatens ..." tagged ORG: the state
            continue
        if e.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        for extra in (2, 1):
            end = e.end + extra
            if end > len(doc) or any(t.ent_type_ for t in doc[e.end:end]) or not doc[end - 1].text[:1].isupper():
                continue
            whole = doc[e.start:end]
            iso3 = lex.country(whole.text)
            if iso3 is not None and lex.country(e.text) != iso3:
                label = "NORP" if doc[end - 1].tag_ in ("JJ", "NNPS") or (
                    end < len(doc) and doc[end].pos_ == "NOUN") else "GPE"
                new.append(Span(doc, e.start, end, label=label))
                break
    arrays = parse_arrays(doc)  # "Ethopia has agreed": a misspelt country the model did not see as a name at all
    for i, (pos, word, dep) in enumerate(zip(arrays.pos, arrays.text, arrays.dep)):
        if pos == "PROPN" and len(word) >= 6 and word[:1].isupper() and dep in _ARGUMENT_DEPS \
                and not doc[i].ent_type_ and lex.misspelt_country(word):
            new.append(Span(doc, i, i + 1, label="GPE"))
    if new:
        new = filter_spans(new)
        covered = {i for s in new for i in range(s.start, s.end)}
        kept = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
        doc.ents = sorted(kept + new, key=lambda s: s.start)


def _split_names(doc: Doc) -> list[Span]:
    """One PERSON for two PERSON entities that touch ("Jam Kamal" "Khan Alyani" -> one name)."""
    out = []
    ents = [e for e in doc.ents if e.label_ == PERSON_LABEL]
    i = 0
    while i < len(ents):
        j = i
        while j + 1 < len(ents) and ents[j + 1].start == ents[j].end and not doc[ents[j].end - 1].is_punct:
            j += 1
        if j > i:
            out.append(Span(doc, ents[i].start, ents[j].end, label=PERSON_LABEL))
        i = j + 1
    return out
