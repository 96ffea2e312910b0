"""Attribution candidates beyond the speech rules, and the features a learned model scores them by.

The speech rules (scope "speech") make the quotes they always made. The same finders, run with an open
lexicon -- every class of verbs.tsv, the object of a listed verb as content, stance nouns, passive cues, views
held in adjectives ("upbeat about X"), and any other verb with a content clause, infinitive, object or
prepositional object ("realized that ...", "tried to ...", "admires Putin", "referring to X") -- give further
candidates: beliefs, intentions, stances and the long tail of reporting verbs. Each one has its attribution class
(``attribution_class``) and is described
by a line of feature words (cue lemma and class, the shape of its content, its subject, negation, modality)
for ``attribution.py`` to keep or drop.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.quotes.context import Context, Found
from chronicler.stages.quotes.indirect import (adjective_quotes, answer_quotes, evidence_quotes, noun_quotes,
                                               parenthetical_quotes, passive_quotes, phrase_quotes, reception_quotes,
                                               verb_quotes)
from chronicler.stages.quotes.lexicon import (QuoteLexicon, build_lexicon, is_answer, reporting_nouns, unsaid_verbs,
                                              verb_classes)

OPEN_FRAMES = frozenset({"ccomp", "xcomp", "dobj", "prep"})  # what an unlisted verb may take as content
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "who", "that", "which", "one", "this"})
_QUESTION_WORDS = frozenset({"whether", "if", "how", "what", "why", "when", "where", "who", "which"})
_FIRST_WORDS = frozenset({"that", "to", "whether", "if", "how", "what", "why", "when", "about", "for", "of",
                          "on", "against", "the", "a", "an", "his", "her", "their", "its"})


@dataclass(frozen=True)
class OpenLexicon(QuoteLexicon):
    """Scope "all", questions as content, and any verb is a cue: an unlisted one with a clause, infinitive or
    object as content."""

    def is_cue(self, lemma: str) -> bool:
        return lemma.isalpha()

    def frames(self, lemma: str) -> frozenset[str]:
        listed = self.verbs.get(lemma.lower())
        return OPEN_FRAMES if listed is None else listed | {"prep"} if "dobj" in listed else listed


@lru_cache(maxsize=1)
def open_lexicon() -> OpenLexicon:
    lex = build_lexicon(scope="all")
    return OpenLexicon(verbs=lex.verbs, nouns=lex.nouns, phrases=lex.phrases, documents=lex.documents,
                       scope="all", questions=True, open_views=True)


FINDERS = (("verb", verb_quotes), ("paren", parenthetical_quotes), ("noun", noun_quotes),
           ("phrase", phrase_quotes), ("passive", passive_quotes), ("adj", adjective_quotes),
           ("reception", reception_quotes), ("evidence", evidence_quotes), ("answer", answer_quotes))


def found_by(ctx: Context) -> list[tuple[Found, str]]:
    """The clauses the finders make with the context's own lexicon, each with the name of its finder."""
    return [(f, name) for name, finder in FINDERS for f in finder(ctx)]


def extra_candidates(ctx: Context, taken: list[Found]) -> list[tuple[Found, str]]:
    """Candidates of the open lexicon whose cue none of the rules' clauses has, each with its finder's name
    (a direct quote's cue does not count: "called for compensation to be “clawed back”" holds the quote)."""
    octx = replace(ctx, lex=open_lexicon())
    cues = {f.cue for f in taken if f.cue is not None}
    out: list[tuple[Found, str]] = []
    seen: set[tuple[int, int, int]] = set()
    contents = [(f.start, f.end) for f in taken]
    for f, name in found_by(octx):
        key = (f.cue[0] if f.cue else -1, f.start, f.end)
        if f.cue in cues or key in seen:
            continue
        if f.cue and any(s <= f.cue[0] < e for s, e in contents) and not own_clause(f):
            continue  # inside a quotation's content: reported within the report, dropped when settled anyway
        seen.add(key)
        out.append((f, name))
    return out


def own_clause(f: Found) -> bool:
    """A cue in a clause of its own, with its own named subject, joined to the content it sits in
    ("..., though she acknowledged it was unlikely"): an attribution of its own, not reported speech."""
    t = f.cue_token
    if t is None or t.dep_ not in ("advcl", "conj"):
        return False
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ not in ("who", "that", "which", "i", "we", "you")


def _names_a_thing(f: Found, cue: Token, span: Span | None) -> bool:
    """The content is a noun phrase, not a clause: its head is no verb, and the cue takes no clause inside it
    ("told the crowd that ...", "accused the audience of being donors" are clauses)."""
    if span is None or not len(span) or span.root.pos_ in ("VERB", "AUX"):
        return False
    inside = [c for c in cue.children if f.start <= c.idx < f.end]
    return not any(c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") or c.dep_ == "prep" and any(
        g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX") for g in c.children) for c in inside)


def _unsaid(cue: Token) -> str | None:
    """The class of a reporting verb that reports nothing said: negated ("did not say that ...", "never
    explained why ...": a topic, no statement), or the infinitive of a verb of seeming or refusing ("seemed to
    suggest": an impression, belief; "declined to say whether": a topic); None for one that reports words."""
    if any(c.dep_ == "neg" or c.dep_ == "advmod" and c.lower_ == "never" for c in cue.children):
        return "topic"
    if cue.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return unsaid_verbs().get(cue.head.lemma_.lower())
    return None


def attribution_class(ctx: Context, f: Found) -> str:
    """What kind of attribution a clause is, by its cue: speech (said, the statement, according to), question
    (asked whether ...), topic (what was spoken of: "mentioned climate change"), belief (thinks), intent (wants
    to, agreed to), evidence (a poll shows) or stance (opposes the deal); a direct quote is speech.
    A verb outside verbs.tsv goes by its content: a clause is believed, an infinitive intended, an object a
    stance ("realized that ...", "tried to ...", "admires Putin")."""
    cue = f.cue_token
    if cue is None or f.kind != "indirect":
        return "speech"
    lemma = cue.lemma_.lower()
    if any(tuple(w.lower_ for w in ctx.doc[cue.i:cue.i + len(p)]) == p for p in ctx.lex.phrases):
        return "speech"  # "according to"
    if cue.pos_ == "ADP":
        return "evidence"  # "in the latest poll"
    if is_answer(ctx.text[f.start:f.end]):
        return "speech"  # "said no"
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    first = span[0].lower_ if span is not None and len(span) else ""
    if cue.pos_ in ("NOUN", "PROPN"):
        if first == "to" and f.start > cue.idx:
            return "intent"  # "his promise to cut taxes", "the vow to fight on": a commitment, not a statement
        if lemma in ctx.lex.documents or lemma in reporting_nouns():
            return "speech"
        if lemma in open_lexicon().nouns:
            return "stance"
    cls = verb_classes().get(lemma)
    if cls == "speech" and cue.pos_ in ("VERB", "AUX"):
        unsaid = _unsaid(cue)
        if unsaid is not None:
            return unsaid
    if cls == "speech" and first in _QUESTION_WORDS and f.start > cue.idx:
        return "question"  # "asked whether the talks would resume": asked, not asserted
    if cls == "speech" and f.start > cue.idx and _names_a_thing(f, cue, span) and not any(
            c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        # what was spoken of, not what was said: "mentioned climate change", "described the device that caused
        # the explosion" (a noun phrase, whatever clause qualifies it); what was called or asked for is a
        # position taken
        if any(c.dep_ == "prep" and c.lower_ == "for" and c.i == cue.i + 1 for c in cue.children):
            return "stance"
        return "topic"
    if cls == "speech" and not any(c.dep_ == "dobj" for c in cue.children) and any(
            c.dep_ == "xcomp" and c.left_edge.idx == f.start and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in cue.children):
        # a commitment to act, not a statement: "agreed to pay", "vowed to cut off all oil" (a call on
        # someone else to act -- "urged Havana to", "called on Obama to" -- stays speech)
        return "intent"
    if cls is not None:
        return cls
    # an unlisted verb: by the clause it takes ("realized that ...", "tried to ..."), else a stance
    verbs = {c.dep_ for c in cue.children if f.start <= c.idx < f.end and c.pos_ in ("VERB", "AUX")}
    return "belief" if "ccomp" in verbs else "intent" if "xcomp" in verbs else "stance"


def _bin(n: int) -> str:
    for top, label in ((1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20"), (40, "21-40")):
        if n <= top:
            return label
    return "40+"


def _subject_kind(ctx: Context, head: Token | None) -> str:
    if head is None:
        return "none"
    aid = (ctx.doc._.token_actor or {}).get(head.i)
    if aid is not None:
        kinds = {a.id: a.kind for a in ctx.doc._.actors or []}
        return kinds.get(aid, "actor")
    if head.lower_ in _PRONOUNS:
        return "pron"
    if head.lemma_.lower() in ctx.lex.documents:
        return "document"
    return head.ent_type_.lower() or head.pos_.lower()


@dataclass(frozen=True)
class Signals:
    """What the rules' quotes tell of a document: who speaks in it, and where quotes are."""

    speakers: dict[str, int]  # actor id -> how many of the rules' quotes it speaks
    cue_sents: frozenset[int]  # start tokens of the sentences holding a rule cue
    contents: tuple[tuple[int, int], ...]  # the rules' content spans
    paras: frozenset[int]  # paragraphs holding a rule quote
    density: str  # rule quotes per 1,000 characters, binned


def signals(ctx: Context, taken: list[Found]) -> Signals:
    token_actor = ctx.doc._.token_actor or {}
    speakers: dict[str, int] = {}
    for f in taken:
        aid = token_actor.get(f.speaker_head.i) if f.speaker_head is not None else None
        if aid:
            speakers[aid] = speakers.get(aid, 0) + 1
    per_k = 1000 * len(taken) / max(1, len(ctx.text))
    return Signals(speakers, frozenset(f.cue_token.sent.start for f in taken if f.cue_token is not None),
                   tuple((f.start, f.end) for f in taken), frozenset(ctx.para_of(f.start) for f in taken),
                   "0" if per_k == 0 else "low" if per_k < 1 else "mid" if per_k < 2 else "high")


def _document_words(ctx: Context, f: Found, cls: str, sig: Signals) -> list[str]:
    """What the rules' quotes tell of a candidate: its subject speaks elsewhere, its sentence or paragraph is
    quoted, it sits in or holds or repeats a quotation, how dense quotes are, where in the article it is."""
    cue = f.cue_token
    words = []
    aid = (ctx.doc._.token_actor or {}).get(f.speaker_head.i) if f.speaker_head is not None else None
    if aid is not None and aid in sig.speakers:
        words += ["subj_speaks", f"cls_speaks={cls}", f"speaks_n={_bin(sig.speakers[aid])}"]
        if sig.speakers[aid] == max(sig.speakers.values()):
            words.append("top_speaker")
    sent = cue.sent
    if sent.start in sig.cue_sents:
        words.append("sent_quoted")
    elif (sent.start > 0 and ctx.doc[sent.start - 1].sent.start in sig.cue_sents) or (
            sent.end < len(ctx.doc) and ctx.doc[sent.end].sent.start in sig.cue_sents):
        words.append("next_to_quoted")
    if any(m.start < sent.end_char and sent.start_char < m.end for m in ctx.marked):
        words.append("sent_marks")
    if ctx.para_of(f.start) in sig.paras:
        words.append("para_quoted")
    if any(s0 <= cue.idx < s1 for s0, s1 in sig.contents):
        words += ["in_quote_content", f"cls_inq={cls}"]
    if any(f.start <= s0 and s1 <= f.end for s0, s1 in sig.contents):
        words.append("holds_quote")
    longest = max((min(f.end, s1) - max(f.start, s0)) / max(f.end - f.start, s1 - s0, 1)
                  for s0, s1 in sig.contents) if sig.contents else 0.0
    if longest > 0:  # the same content as a rule's quote: a second cue for it, or the same words again
        words.append("overlaps_quote" if longest < 0.3 else "duplicates_quote")
    return words + [f"density={sig.density}", f"cls_density={cls}|{sig.density}",
                    f"place={min(4, 5 * cue.idx // max(1, len(ctx.text)))}"]


def features(ctx: Context, f: Found, finder: str, sig: Signals | None = None) -> str:
    """The feature words of one candidate (see ``attribution.py``); ``sig``: what the rules' quotes tell."""
    cue = f.cue_token
    doc = ctx.doc
    if cue is None:
        return f"finder={finder}"
    lemma = cue.lemma_.lower()
    cls = verb_classes().get(lemma, "noun" if lemma in ctx.lex.nouns else "none")
    if cue.pos_ == "NOUN" and lemma in open_lexicon().nouns:
        cls = "speechnoun" if lemma in ctx.lex.nouns else "stancenoun"
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    frame = root.dep_ if root is not None else "none"
    if root is not None and root.head.i != cue.i:
        frame += "~"
    kids = list(cue.children)
    subj = _subject_kind(ctx, f.speaker_head)
    first = span[0].lower_ if span is not None and len(span) else "none"
    words = [f"finder={finder}", f"lemma={lemma}", f"class={cls}", f"frame={frame}", f"lf={lemma}|{frame}",
             f"cf={cls}|{frame}", f"ff={finder}|{frame}", f"pos={cue.pos_}", f"tag={cue.tag_}", f"dep={cue.dep_}",
             f"subj={subj}", f"cs={cls}|{subj}",
             f"len={_bin(len(span) if span is not None else 0)}"]
    if any(c.dep_ == "neg" for c in kids):
        words.append("neg")
    modal = next((c.lower_ for c in kids if c.tag_ == "MD"), None)
    if modal:
        words.append(f"modal={modal}")
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids):
        words.append("passive")
    if span is not None and len(span):
        words.append(f"first={first if first in _FIRST_WORDS else span[0].pos_}")
        words.append(f"croot={root.pos_}")
        if root.pos_ in ("NOUN", "PROPN"):  # what an object content is: "the deal", "Putin", "her plan"
            words.append(f"clemma={root.lemma_.lower() if root.pos_ == 'NOUN' else root.ent_type_ or 'PROPN'}")
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "xcomp", "relcl", "acl", "advcl")
               for t in span):
            words.append("clausal")
        if any(t.is_quote for t in span):
            words.append("quotemark")
        words.append("before" if f.end <= cue.idx else "after")
    if f.speaker_head is None:
        words.append(f"nosubj|{cls}")
    elif f.speaker_head.pos_ == "NOUN":
        words.append(f"subjlemma={f.speaker_head.lemma_.lower()}")
    if cue.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "conj", "acl", "pcomp") and cue.head.pos_ in ("VERB", "AUX"):
        words.append(f"under={cue.dep_}|{cue.head.lemma_.lower()}")
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
        words.append("conditional")
    words += [f"ls={lemma}|{subj}", f"lfirst={lemma}|{first if first in _FIRST_WORDS else 'x'}",
              f"lneg={lemma}|{any(c.dep_ == 'neg' for c in kids)}"]
    if ctx.tok_quote[cue.i] >= 0:
        words.append("cue_in_quote")
    sent = cue.sent
    if sent.start == 0 or doc[sent.start - 1].is_space and "\n" in doc[sent.start - 1].text and sent.start < 40:
        words.append("first_line")
    alpha = [w for w in parse_arrays(doc).text[sent.start:sent.end] if w.isalpha() and len(w) > 3]  # is_alpha
    if alpha and sum(w[0].isupper() for w in alpha) >= 0.7 * len(alpha):
        words.append("titlecase")
    if span is not None and len(span):
        ents = {t.ent_type_ for t in span if t.ent_type_}
        words += [f"cent={e}" for e in sorted(ents & {"PERSON", "ORG", "GPE", "NORP", "CARDINAL", "PERCENT"})]
    if f.speaker_head is not None:
        words.append(f"sdep={f.speaker_head.dep_}")
    words += _syntax_words(ctx, f, cue, span, cls)
    if sig is not None:
        words += _document_words(ctx, f, cls, sig)
    return " ".join(words)


def _word(t: Token) -> str:
    """A token as a feature: function words and punctuation as themselves, others by their part of speech."""
    return t.lower_ if t.is_stop or t.is_punct else t.pos_


def _syntax_words(ctx: Context, f: Found, cue: Token, span: Span | None, cls: str) -> list[str]:
    """Where the cue stands and what hangs on it and on the content: the words the cue governs and is
    governed by (lemmas two levels up, its children outside the content, the verbs coordinated with it), the
    words next to it, its place in its sentence, the content's own dependents and content words."""
    doc = ctx.doc
    head = cue.head
    words = [f"hl={head.lemma_.lower() if head.i != cue.i else 'ROOT'}",
             f"ghl={head.head.lemma_.lower() if head.head.i != head.i else 'ROOT'}",
             f"path={cue.dep_}|{head.dep_}|{head.head.dep_}",
             f"isroot={cue.dep_ == 'ROOT'}|{cls}", f"sentpos={min(3, (cue.i - cue.sent.start) // 5)}",
             f"slen={_bin(len(cue.sent))}",
             f"prev={_word(doc[cue.i - 1]) if cue.i > 0 else 'BOS'}",
             f"next={_word(doc[cue.i + 1]) if cue.i + 1 < len(doc) else 'EOS'}"]
    words += sorted({f"cl={c.dep_}|{_word(c)}" for c in cue.children if not f.start <= c.idx < f.end})
    coordinated = [c for c in cue.children if c.dep_ == "conj"] + ([head] if cue.dep_ == "conj" else [])
    words += [f"conjcls={verb_classes().get(c.lemma_.lower(), 'none')}" for c in coordinated]
    if span is not None and len(span):
        words += sorted({f"rk={c.dep_}|{_word(c)}" for c in span.root.children})
        words += sorted({f"cw={t.lemma_.lower()}" for t in span
                         if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "VERB", "ADJ")})
    return words
