"""Indirect and mixed quotes: content clauses of reporting verbs and nouns, and source phrases.

"X said (that) ...", "..., sources said", "denied being ...", "vowed to ...", "urged Havana to ...",
"his claim that ...", "according to X, ...". A content clause holding a quoted fragment is a mixed quote.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.quotes.context import Context, Found
from chronicler.stages.quotes.lexicon import reception_nouns, reception_verbs, word_set
from chronicler.stages.quotes.speaker import subject_of

_TRAIL = " \t\n\u00a0,;:.—–-"
_BARE_CUE_DEPS = frozenset({"mark", "nsubj", "aux", "advmod", "neg", "punct"})
_OBJECT_PREPS = frozenset({"about", "of", "on", "against", "for"})
_OPEN_PREPS = _OBJECT_PREPS | {"to", "at", "over", "with"}
_COMPLETING_PREPS = frozenset({"as", "for", "of", "about", "against", "over", "with"})
_OBJECT_TAIL = frozenset({"prep", "advmod", "npadvmod", "dative", "acomp", "oprd"})
_TAIL_PREPS = frozenset({"to", "as", "for", "of", "about", "against", "with", "from", "into", "by"})  # not when/where
# what is set off by a comma after a content and tells when or why, the writer's context: ", after a tough push",
# ", with jabs that ...", ", while at the convention"
_ASIDE_PREPS = frozenset({"after", "before", "during", "amid", "following", "despite", "with", "since", "until",
                          "while", "because", "as", "when", "although", "though"})
_DASHES = ("--", "—", "–")
_ADVERBIAL_MARKS = frozenset({"before", "after", "when", "while", "until", "since", "because", "although", "though",
                              "once", "as"})
_QUOTE_CHARS = "\"“”«»"


def _has_to(t: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _adverbial(c: Token) -> bool:
    """A clause of time or cause opened by its own conjunction ("before he died", "when reporters asked")."""
    return c.left_edge.head == c and c.left_edge.dep_ in ("mark", "advmod") and c.left_edge.lower_ in _ADVERBIAL_MARKS


def content_root(t: Token, frames: frozenset[str], quoted: list[int] | None = None) -> Token | None:
    """The head of the content clause of a reporting verb, by the frames the verb allows; ``quoted``: token ->
    index of the quotation holding it, or -1 (Context.tok_quote)."""
    kids = list(t.children)
    if "ccomp" in frames:
        # a clause of time or cause the parser hung on the verb is not what it says ("said before he died")
        clauses = [c for c in kids if c.dep_ == "ccomp" and not _adverbial(c)]
        c = clauses[0] if clauses else None
        if c is not None and c.i < t.i and not (quoted is not None and quoted[c.i] >= 0):
            # of a clause before the verb and one after, the one after (unless the one before is a quotation):
            # the one before is cut off ("It's unlikely; the team says she'll go on") or a misparsed opening
            # ("In a statement released after ..., Trump said he was grateful")
            c = next((x for x in clauses if x.i > t.i), c)
        if c is None:
            # "tweeted in the early hours that Machado was ...": a that-clause the parser hung on as advcl
            c = next((c for c in kids if c.dep_ == "advcl" and c.i > t.i and c.left_edge.lower_ == "that"
                      and c.left_edge.dep_ in ("mark", "advmod")), None)
        if c is not None:
            return c
    if "if" in frames:  # "asked the reporters if they were serious": what was asked, not who
        c = next((c for c in kids if c.dep_ in ("advcl", "ccomp") and c.i > t.i
                  and c.left_edge.lower_ in ("if", "whether")), None)
        if c is not None:
            return c
    if "oprd" in frames or "as" in frames:
        # "called the charges unsubstantiated", "described the plan as a disaster"
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        pred = next((c for c in kids if c.dep_ == "oprd" and "oprd" in frames
                     or c.dep_ == "prep" and c.lower_ == "as" and "as" in frames), None)
        if obj is not None and pred is not None and obj.i < pred.i:
            return obj
    if "for" in frames:  # "called for an inquiry", "called for the successor to be named"
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "for" and c.i == t.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is None:
            pobj = next((c for c in kids if c.dep_ == "advcl" and c.left_edge.i == t.i + 1
                         and c.left_edge.lower_ == "for"), None)
        if pobj is not None:
            return pobj
    if "of" in frames:  # "accused Clinton of lying": who is accused, and of what
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is not None and any(c.dep_ == "prep" and c.lower_ == "of" and c.i > obj.i for c in kids):
            return obj
    if "on" in frames:  # "called on Obama to retaliate": who is called on, and to do what
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "on" and c.i == t.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None and any(c.dep_ == "xcomp" and c.i > pobj.i for c in kids):
            return pobj
    if "xcomp" in frames or "objxcomp" in frames:
        has_obj = any(c.dep_ == "dobj" for c in kids)
        for c in kids:
            if c.dep_ != "xcomp" or not (_has_to(c) or c.tag_ == "VBG"):
                continue
            if "xcomp" in frames and not has_obj or "objxcomp" in frames and has_obj:
                return c
    if "dobj" in frames and not any(c.dep_ in ("nsubjpass", "auxpass") for c in kids):
        # attribution scope "all": the object is the content ("opposed the deal", "warned against hackers")
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
        preps = _OPEN_PREPS if "prep" in frames else _OBJECT_PREPS  # "referring to X", "angry at X"
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in preps and c.i > t.i), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is not None:
            return pobj
    return None


def _aside(ctx: Context, t: Token) -> bool:
    """A phrase set off by a comma that tells when or why (", after a tough push", ", with aides citing ..."):
    the writer's context, not part of a thing held in view."""
    return t.left_edge.i > 0 and ctx.doc[t.left_edge.i - 1].text == "," and (
        t.dep_ == "prep" and t.lower_ in _ASIDE_PREPS or t.dep_ == "advcl" and t.left_edge.lower_ in _ASIDE_PREPS)


def _stray_conjuncts(ctx: Context, root: Token, cue: Token, end: int) -> list[Token]:
    """Nouns the parser coordinated with the verb that belong to its object ("spoke of economic fairness, and a
    need to raise the minimum wage": "need" hangs on "spoke"); a noun is no conjunct of a verb. Only the ones
    that follow the object with nothing but a comma or "and"/"or" between."""
    head = root.head.head if root.dep_ == "pobj" else root.head
    if head != cue:
        return []
    out = []
    for c in cue.rights:
        if c.dep_ != "conj" or c.pos_ not in ("NOUN", "PROPN") or c.left_edge.i < end:
            continue
        if all(t.dep_ in ("cc", "punct") and t.lower_ in (",", "and", "or") for t in ctx.doc[end:c.left_edge.i]):
            out.append(c)
            end = c.right_edge.i + 1
    return out


def _content_tokens(ctx: Context, root: Token, cue: Token) -> tuple[int, int]:
    """Token range of the content: the root's subtree, without a coordinated reporting verb of its own."""
    start, end = root.left_edge.i, root.right_edge.i + 1
    # a thing held in view (an object content, in scope "all"): it keeps what completes and what it includes
    held = root.dep_ in ("dobj", "pobj") and root.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and ctx.lex.scope == "all"
    if root.dep_ in ("dobj", "pobj", "xcomp"):
        # the object and what completes it: "the charges unsubstantiated", "Trump for taking advantage of ...",
        # "remarks Trump had made about Machado as examples of ...", a thing likened to another, a poll showing
        # her ahead 3 points
        end = max([c.right_edge.i + 1 for c in cue.rights if c.i > root.i and not _aside(ctx, c) and
                   (c.dep_ in ("oprd", "ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in _COMPLETING_PREPS
                    or held and c.dep_ in _OBJECT_TAIL and (
                        c.dep_ != "prep" or c.i == root.right_edge.i + 1 and c.lower_ in _TAIL_PREPS))]
                  + [end])
    if held:
        end = max([end] + [c.right_edge.i + 1 for c in _stray_conjuncts(ctx, root, cue, end)])
    arrays = parse_arrays(ctx.doc)
    below = [c for c in root.subtree if c.i > root.i]  # the words after the root that hang on it
    for c in (c for c in below if arrays.pos[c.i] == "VERB"):
        # "... and urged Havana to ...", "..., saying the party needs to move on": a reporting verb of its
        # own ends the content
        if not ctx.lex.is_cue(c.lemma_):
            continue
        if (c.dep_ == "conj" and c.head == root) or (c.tag_ == "VBG" and c.dep_ in ("advcl", "xcomp", "conj")):
            cut = c.left_edge.i
            while cut > root.i and ctx.doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            end = min(end, cut)
    for c in below:
        # ", which makes him an outlier", ", including Mitt Romney", ", contradicting the police": an aside set
        # off by a comma is the writer's, not the content (a thing held in view keeps what it includes: "polls,
        # including ones showing Trump leading")
        if c.left_edge.i < 1 or arrays.text[c.left_edge.i - 1] != ",":
            continue
        if (c.dep_ == "relcl" and c.left_edge.lower_ in ("which", "who")) or \
                (c.dep_ == "prep" and c.lower_ == "including" and not held) or \
                (c.dep_ == "advcl" and c.tag_ == "VBG" and c.left_edge.i == c.i) or held and _aside(ctx, c):
            end = min(end, c.left_edge.i - 1)
    dashes = [i for i in range(root.i + 1, end) if arrays.text[i] in _DASHES]
    for i, nxt in zip(dashes, dashes[1:] + [end]):
        # "... in the election -- meddling the congressman said is designed to ...": a dash opens an aside
        # when what it sets off has a reporting verb and a subject of its own
        if any(x.pos_ == "VERB" and ctx.lex.is_cue(x.lemma_) and any(c.dep_ == "nsubj" for c in x.children)
               for x in ctx.doc[i + 1:nxt]):
            end = i
            break
    if start <= cue.i < end:  # never let the content hold its own cue
        if cue.i > root.i:
            end = cue.i
        else:
            start = cue.i + 1
    return start, end


def _char_bounds(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    doc = ctx.doc
    if start >= end:
        return None
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    # a quoted stretch cut by the clause edge is taken whole (the closing mark often hangs on the verb)
    for m in ctx.marked:
        if m.start < e <= m.end - 1 and m.start >= s:
            e = m.end
        if m.start < s < m.end and m.end <= e:
            s = m.start
    text = ctx.text
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    while s < e and text[s] in " \t\n,;:—–-":
        s += 1
    if text.count("“", s, e) > text.count("”", s, e) and e < len(text) and text[e:e + 2].strip(".,")[:1] == "”":
        e = text.index("”", e) + 1
    return (s, e) if e > s else None


_CLOSING = re.compile(r"[.!?,]?[\"”’]")
_QUESTION = {"whether", "if", "why", "how", "what", "when", "where", "who", "which"}


def _joined(ctx: Context, end: int, cue: Token) -> bool:
    """A content before its cue hangs on it by a comma or a quote mark, not a colon, a semicolon or a full stop
    ("READ MORE: Trudeau says ..." is no quote; "It's unlikely; the team says ...": the team says what follows)."""
    if end > cue.i:
        return True
    subj = subject_of(cue)
    stop = subj.left_edge.idx if subj is not None and end <= subj.i < cue.i else cue.idx
    between = ctx.text[ctx.doc[end - 1].idx + len(ctx.doc[end - 1].text):stop]
    if ":" in between or ";" in between:
        return False
    return "." not in _CLOSING.sub("", between)


def verb_quotes(ctx: Context) -> list[Found]:
    found = []
    for t in ctx.tokens("VERB", "AUX"):
        if not ctx.lex.is_cue(t.lemma_) or not ctx.outside_quotes(t):
            continue
        root = content_root(t, ctx.lex.frames(t.lemma_), ctx.tok_quote)
        if root is None:
            continue
        start, end = _content_tokens(ctx, root, t)
        if end - start < (1 if ctx.lex.scope == "all" else 2) or not _joined(ctx, end, t):
            continue
        if ctx.doc[start].lower_ in _QUESTION and root.dep_ == "ccomp" and not ctx.lex.questions:
            continue  # "asked whether ...": a question, not a statement
        quote = _cued(ctx, start, end, t)
        if quote is not None:
            found.append(quote)
    return found


def _cued(ctx: Context, start: int, end: int, cue: Token) -> Found | None:
    """An indirect quote over tokens [start, end) with its reporting verb as cue and the verb's subject as the
    speaker's head; None when the tokens hold no text."""
    bounds = _char_bounds(ctx, start, end)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", cue=(cue.idx, cue.idx + len(cue.text)), cue_token=cue,
                 speaker_head=subject_of(cue))


def passive_quotes(ctx: Context) -> list[Found]:
    """Attribution scope "all": 'Clinton has been endorsed by dozens of papers' -- the subject of a passive
    reporting verb is the content and its agent the source."""
    if ctx.lex.scope != "all":
        return []
    found = []
    for t in ctx.tokens("VERB"):
        if not ctx.lex.is_cue(t.lemma_) or not ctx.outside_quotes(t):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in t.children if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subj is None or source is None:
            continue
        bounds = _char_bounds(ctx, subj.left_edge.i, subj.right_edge.i + 1)
        if bounds is None:
            continue
        found.append(Found(bounds[0], bounds[1], "indirect", cue=(t.idx, t.idx + len(t.text)), cue_token=t,
                           speaker_head=source))
    return found


def _as_clause(ctx: Context, t: Token) -> Found | None:
    """'It does not answer whether Scott had a gun, as police have said': the clause the as-cue hangs on,
    without the cue's own words."""
    head = t.head
    # where the source is not the subject: "as stated in Davis' commentary", "as reported by the Times"
    source = next((g for c in t.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("in", "by")
                   for g in c.children if g.dep_ == "pobj"), None) if t.tag_ == "VBN" else None
    if head.pos_ not in ("VERB", "AUX") or any(
            c.dep_ not in _BARE_CUE_DEPS and c.dep_ != "auxpass" and not (c.dep_ == "prt" and c.lower_ == "out")
            and not (source is not None and c == source.head) for c in t.children):
        return None  # "as the index added 0.2 per cent", "as the fight went on": no attribution
    start, end = head.left_edge.i, head.right_edge.i + 1
    if t.left_edge.i > head.i:
        end = t.left_edge.i
    elif t.right_edge.i < head.i:
        start = t.right_edge.i + 1
    else:
        return None
    bounds = _char_bounds(ctx, start, end) if end - start >= 3 else None
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", cue=(t.idx, t.idx + len(t.text)), cue_token=t,
                 speaker_head=subject_of(t) or source)


def parenthetical_quotes(ctx: Context) -> list[Found]:
    """'Macharia and colleagues hid under desks, he said, but one person ran to the roof': a cue set off by
    commas inside the clause it reports; the content is that whole clause."""
    found = []
    for t in ctx.tokens("VERB"):
        if not ctx.lex.is_cue(t.lemma_) or not ctx.outside_quotes(t):
            continue
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children):
            as_found = _as_clause(ctx, t)  # "..., as police have said."
            found.extend([as_found] if as_found is not None else [])
            continue
        if t.dep_ != "parataxis":
            continue
        if any(c.dep_ in ("ccomp", "xcomp") for c in t.children):
            continue
        # the cue's own words: its subject and what follows it ("At times last year, people close to him said,
        # ...": the time belongs to what is reported)
        inner = [c for c in t.children if not c.is_punct and (c.i > t.i or c.dep_ in ("nsubj", "aux", "neg"))]
        left = min([c.left_edge.i for c in inner] + [t.i])
        if left == 0 or ctx.doc[left - 1].text not in (",", "—", "–"):
            continue
        head = t.head
        start, end = head.left_edge.i, head.right_edge.i + 1
        if left - 1 - start < 1 or start > left:
            continue
        # the content is the clause the cue interrupts, cue included: "The museum, Mr. Obama said, would ..."
        quote = _cued(ctx, start, end, t)
        if quote is not None:
            found.append(quote)
    return found


def adjective_quotes(ctx: Context) -> list[Found]:
    """Open lexicon only: a view held in an adjective -- "is upbeat about Cruz's chances", "critical of the
    deal", "confident that ..." -- the subject of the verb it completes holds it."""
    found = []
    if not ctx.lex.open_views:
        return found
    for t in ctx.tokens("ADJ"):
        if t.dep_ not in ("acomp", "oprd") or not ctx.outside_quotes(t):
            continue
        root = content_root(t, frozenset({"ccomp", "dobj", "prep"}))
        if root is None:
            continue
        start, end = _content_tokens(ctx, root, t)
        bounds = _char_bounds(ctx, start, end)
        if bounds is not None:
            found.append(Found(bounds[0], bounds[1], "indirect", cue=(t.idx, t.idx + len(t.text)), cue_token=t,
                               speaker_head=subject_of(t.head)))
    return found


def reception_quotes(ctx: Context) -> list[Found]:
    """Open lexicon only: a view others hold of the subject, told by the verb's object -- "the plan drew harsh
    criticism", "Clinton came under fire from Rubio": the subject is the content, "from X" its source."""
    found = []
    if not ctx.lex.open_views:
        return found
    nouns = reception_nouns()
    for t in ctx.tokens("NOUN"):
        if t.lemma_.lower() not in nouns and t.lower_ not in nouns or not ctx.outside_quotes(t):
            continue
        verb = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "prep" else t.head  # "came under fire"
        if t.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX") \
                or verb.lemma_.lower() not in reception_verbs():
            continue  # "drew criticism", not "opened fire"
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in ("who", "that", "which") or subj.i > t.i:
            continue
        source = next((p for c in list(t.children) + list(verb.children) if c.dep_ == "prep" and c.lower_ == "from"
                       for p in c.children if p.dep_ == "pobj"), None)
        bounds = _char_bounds(ctx, subj.left_edge.i, subj.right_edge.i + 1)
        if bounds is not None:
            found.append(Found(bounds[0], bounds[1], "indirect", cue=(t.idx, t.idx + len(t.text)), cue_token=t,
                               speaker_head=source))
    return found


def noun_quotes(ctx: Context) -> list[Found]:
    """'his claim that ...', 'the ministry's statement that ...'."""
    found = []
    for t in ctx.tokens("NOUN"):
        if not ctx.outside_quotes(t):
            continue
        if t.lemma_.lower() not in ctx.lex.nouns:
            # open lexicon: any noun with a named or pronoun owner and a view in it ("his critique of X"), or
            # with a that-clause ("the sense that violence is becoming normal")
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            that = any(c.dep_ in ("acl", "ccomp", "appos") and c.left_edge.lower_ == "that"
                       and c.left_edge.i == t.i + 1 for c in t.rights)
            if not (ctx.lex.open_views and (that or owner is not None and (owner.pos_ in ("PROPN", "PRON")
                                                                             or owner.ent_type_))):
                continue
        clause = next((c for c in t.rights if c.dep_ in ("acl", "ccomp", "appos", "relcl")
                       and c.left_edge.lower_ == "that" and c.left_edge.i == t.i + 1
                       and not any(x.dep_ == "nsubj" and x.lower_ == "that" for x in c.children)), None)
        owner = next((c for c in t.children if c.dep_ == "poss"), None)
        if clause is None and ctx.lex.scope == "all" and owner is not None:
            clause = _noun_object(t)  # "Obama's decision to ...", "North Korea's claims about ..."
        if clause is None:
            continue
        bounds = _char_bounds(ctx, clause.left_edge.i, clause.right_edge.i + 1)
        if bounds is None:
            continue
        head = next((c for c in t.children if c.dep_ == "poss"), None)
        if head is None and t.dep_ in ("dobj",):
            head = subject_of(t.head)  # "issued a statement that ..."
        if head is None and t.dep_ == "pobj" and t.head.head.pos_ == "VERB":
            head = subject_of(t.head.head)  # "he said in a statement that ..."
        found.append(Found(bounds[0], bounds[1], "indirect", cue=(t.idx, t.idx + len(t.text)), cue_token=t,
                           speaker_head=head))
    return found


def answer_quotes(ctx: Context) -> list[Found]:
    """'The candidate said no', '46 percent of voters said yes', 'half said so': a reporting verb whose whole
    content is an answer (answers.txt), the word right after it (with its article: "said the same")."""
    found = []
    answers = word_set("answers.txt")
    doc = ctx.doc
    for i in ctx.positions({a.split()[0] for a in answers}):
        t = doc[i - 1] if i > 0 else None
        if t is None or t.pos_ != "VERB" or not ctx.lex.is_cue(t.lemma_) or not ctx.outside_quotes(t):
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > t.i and c.pos_ in ("VERB", "AUX") and not _adverbial(c)
               for c in t.children):
            continue
        for n in (2, 1):
            words = doc[t.i + 1:t.i + 1 + n]
            end = t.i + 1 + n
            # the answer ends there: punctuation, or a clause of time or cause ("said no when reporters asked")
            if " ".join(w.lower_ for w in words) in answers and (
                    end >= len(doc) or doc[end].is_punct or doc[end].lower_ in _ADVERBIAL_MARKS):
                while n == 1 and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == words[0].lower_:
                    end += 2  # "said yes, yes, yes"
                last = doc[end - 1]
                found.append(Found(words[0].idx, last.idx + len(last.text), "indirect",
                                   cue=(t.idx, t.idx + len(t.text)), cue_token=t, speaker_head=subject_of(t)))
                break
    return found


def evidence_quotes(ctx: Context) -> list[Found]:
    """'In the latest poll, Clinton leads Trump', 'Trump leads in a new Quinnipiac survey': a clause placed in
    a poll or report (evidence_nouns.txt) is what the document shows; the clause less the phrase is the content,
    "in" the cue and the document the source. A clause with a reporting verb of its own is left to it."""
    found = []
    for i in ctx.positions({"in"}):
        t = ctx.doc[i]
        if t.dep_ != "prep" or not ctx.outside_quotes(t) or t.head.pos_ not in ("VERB", "AUX"):
            continue
        doc_noun = next((c for c in t.children if c.dep_ == "pobj"), None)
        if doc_noun is None or doc_noun.lemma_.lower() not in word_set("evidence_nouns.txt"):
            continue
        head = t.head
        if head.dep_ not in ("ROOT", "ccomp", "conj") or ctx.lex.is_cue(head.lemma_) and any(
                c.dep_ == "ccomp" for c in head.children):
            continue
        start, end = head.left_edge.i, head.right_edge.i + 1
        if t.i == start:  # "In the latest poll, ...": the clause after the phrase
            start = t.right_edge.i + 1
        elif t.right_edge.i + 1 >= end - 1:  # "... leads in a new survey.": the clause before it
            end = t.i
        else:
            continue
        bounds = _char_bounds(ctx, start, end) if end - start >= 3 else None
        if bounds is not None:
            found.append(Found(bounds[0], bounds[1], "indirect", cue=(t.idx, t.idx + len(t.text)), cue_token=t,
                               speaker_head=doc_noun))
    return found


def _noun_object(t: Token) -> Token | None:
    """What follows a noun of view or decision: an infinitive or a prepositional object right after it."""
    nxt = next((c for c in t.rights if c.left_edge.i == t.i + 1), None)
    if nxt is None:
        return None
    if nxt.dep_ == "acl" and _has_to(nxt):
        return nxt
    if nxt.dep_ == "prep" and nxt.i == t.i + 1 and nxt.lower_ in _OBJECT_PREPS:
        return next((c for c in nxt.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _phrase_source(doc: Doc, prep: Token) -> tuple[Token | None, int]:
    """The source after "according to" where the parse has none: the words up to the next punctuation or the
    sentence end (at most six), the last of them its head ("show insiders", "a new national poll")."""
    end = prep.i + 1
    stop = min(prep.sent.end, prep.i + 7)
    while end < stop and not doc[end].is_punct and not doc[end].is_space:
        end += 1
    if end == prep.i + 1 or end == stop and stop < prep.sent.end:
        return None, 0
    return doc[end - 1], end


def phrase_quotes(ctx: Context) -> list[Found]:
    """'according to X, ...' and '..., according to X': the clause the phrase hangs on is the content."""
    found = []
    doc = ctx.doc
    firsts = {p[0]: p for p in ctx.lex.phrases}
    lower = parse_arrays(doc).lower
    for i in [i for i, w in enumerate(lower) if w in firsts]:
        phrase = firsts[lower[i]]
        if i + len(phrase) > len(doc) or tuple(lower[i:i + len(phrase)]) != phrase:
            continue
        t = doc[i]
        if not ctx.outside_quotes(t):
            continue
        prep = doc[t.i + len(phrase) - 1]
        source = next((c for c in prep.children if c.dep_ == "pobj"), None)
        p_end = max(source.right_edge.i, prep.i) + 1 if source is not None else 0
        if source is None:  # the parser lost the phrase ("according to show insiders": "show" a verb)
            source, p_end = _phrase_source(doc, prep)
            if source is None:
                continue
        sent = t.sent
        p_start = t.i
        before = (sent.start, p_start)
        after = (p_end, sent.end)
        start, end = after if p_start - sent.start <= 1 else before
        if end - start < 3:
            continue
        bounds = _char_bounds(ctx, start, end)
        if bounds is None:
            continue
        cue_end = prep.idx + len(prep.text)
        found.append(Found(bounds[0], bounds[1], "indirect", cue=(t.idx, cue_end), cue_token=t,
                           speaker_head=source))
    return found
