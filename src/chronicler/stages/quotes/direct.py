"""Direct quotes: quoted stretches that stand as speech, their cue and speaker; transcript labels, titles that
open with their source ("Poll: ...", "Sanders: ..."), paragraphs set out after "X added:".

A quoted stretch stands as speech when it opens its sentence, follows a colon or a cue ("said, ..."), or is
followed by one ("...," she said). Other quoted stretches are fragments inside a clause (scare quotes,
titles, the quoted words of a mixed quote) and are left to the content-clause rules.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from chronicler.stages.quotes.context import Context, Found
from chronicler.stages.quotes.speaker import subject_of

_LEAD_PUNCT = " \t\u00a0(—–-[*•"
_SENT_END = re.compile(r"[.!?…][\"”’)]*\s+")
_END_PUNCT = ",.!?…;:—–-"
# "PENCE: Well, ...", "Pat Caddell: ..." -- a speaker label opening a paragraph
_LABEL = re.compile(r"[ \t]*(?P<label>(?:[A-Z][\w.’'\-]*[ \t]){0,3}[A-Z][\w.’'\-]*)[ \t]*:[ \t]+(?=\S)")


_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from", "as"}


def is_title(text: str) -> bool:
    """A quoted title ("The Kid Who Would Be King"): short, and its words capitalised."""
    words = [w.strip("\"“”'’‘.,!?:;()") for w in text.split()]
    words = [w for w in words if w and w.lower() not in _SMALL]
    if not words or len(words) > 10:
        return False
    return sum(1 for w in words if w[0].isupper() or w[0].isdigit()) >= max(1, 0.8 * len(words)) and \
        not text.strip("\"“” ").isupper()


def _cue_ok(ctx: Context, t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and ctx.lex.is_cue(t.lemma_) and ctx.outside_quotes(t)


def _sentence_prefix(ctx: Context, start: int) -> str:
    """Text between the start of the sentence (by its end punctuation) or paragraph and ``start``."""
    para_start = ctx.paras[ctx.para_of(start)][0] if ctx.paras else 0
    prefix = ctx.text[para_start:start]
    ends = list(_SENT_END.finditer(prefix))
    return prefix[ends[-1].end():] if ends else prefix


def _near_cue(ctx: Context, first: int, last: int, before: bool) -> bool:
    """A cue verb within four tokens before ``first`` (before=True) or after ``last``."""
    doc = ctx.doc
    rng = range(max(0, first - 4), first) if before else range(last + 1, min(len(doc), last + 5))
    para = ctx.para_of(doc[first].idx)
    return any(_cue_ok(ctx, doc[i]) and ctx.para_of(doc[i].idx) == para for i in rng)


def _open_cue(ctx: Context, first: int) -> bool:
    """'McCallum also claimed of the complex, "...': a cue earlier in the sentence with no content of its own."""
    doc = ctx.doc
    sent_start = doc[first].sent.start
    for i in range(first - 1, max(sent_start, first - 16) - 1, -1):
        t = doc[i]
        if _cue_ok(ctx, t):
            return not any(c.dep_ in ("ccomp", "xcomp") and c.right_edge.i < first for c in t.children)
    return False


def is_standalone(ctx: Context, qi: int) -> bool:
    m = ctx.marked[qi]
    if m.continues or not m.closed:
        return True
    toks = ctx.tokens_of(m.start, m.end)
    if toks is None:
        return False
    first, last = toks[0], toks[1] - 1
    prefix = _sentence_prefix(ctx, m.start).strip(_LEAD_PUNCT)
    if not prefix or prefix.endswith(":"):
        return True
    if prefix.endswith(",") and (_near_cue(ctx, first - 1, last, before=True) or _open_cue(ctx, first)):
        return True
    inner = ctx.text[m.inner[0]:m.inner[1]].rstrip()
    follow = ctx.text[m.end:m.end + 2].strip()
    ends_here = inner[-1:] in _END_PUNCT and (inner[-1:] != "." or follow[:1].islower())
    if ends_here and _near_cue(ctx, first, last, before=False):
        return True
    return False


def _candidate_sentences(ctx: Context, first: int, last: int) -> list[tuple[int, int]]:
    doc = ctx.doc
    sents = [doc[first].sent, doc[last].sent]
    out = []
    for s in sents:
        if (s.start, s.end) not in out:
            out.append((s.start, s.end))
    # '"...." He said.' parsed as two sentences: the short one after the quote in the same paragraph
    after = sents[-1].end
    para = ctx.para_of(doc[last].idx)
    if after < len(doc) and ctx.para_of(doc[after].idx) == para and ctx.tok_quote[after] < 0:
        nxt = doc[after].sent
        if len(nxt) <= 12:
            out.append((nxt.start, nxt.end))
    # 'Rubio said:' ending the sentence before the quote
    before = sents[0].start - 1
    if before >= 0 and ctx.text[doc[before].idx:doc[before].idx + 1] == ":":
        prev = doc[before].sent
        out.append((prev.start, prev.end))
    return out


def find_cue(ctx: Context, first: int, last: int) -> Token | None:
    """The reporting verb nearest the quoted tokens [first, last], in the sentences around them."""
    doc = ctx.doc
    para = ctx.para_of(doc[first].idx)
    # 'Graham wrote on Twitter: "..."': the cue that a colon hands the quote to is its cue, whatever follows
    i = first - 1
    while i >= 0 and doc[i].is_punct and doc[i].text != ":" and i >= first - 3:
        i -= 1
    if i >= 0 and doc[i].text == ":":
        for j in range(i - 1, max(doc[i].sent.start, i - 12) - 1, -1):
            if _cue_ok(ctx, doc[j]) and ctx.para_of(doc[j].idx) == para and not _negated(doc[j]):
                return doc[j]
    best: tuple[int, int, Token] | None = None
    for s, e in _candidate_sentences(ctx, first, last):
        for i in range(s, e):
            t = doc[i]
            if first <= i <= last or not _cue_ok(ctx, t) or ctx.para_of(t.idx) != para or _negated(t):
                continue  # "Trump did not respond": no one's words
            dist = i - last if i > last else first - i
            rank = (0 if subject_of(t) is not None else 1, dist + (0 if i > last else 1))
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], t)
    return best[2] if best else None


def _negated(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children)


_NOMINAL = ("PROPN", "PRON", "NOUN")


def linear_speaker(ctx: Context, last: int, cue: Token) -> Token | None:
    """Where the parse gives the cue no subject: '"...," he said' and '"...," said the minister'
    read by word order, the speaker being the noun between the quote and the cue or just after it."""
    doc = ctx.doc
    if last < cue.i <= last + 6:
        between = [t for t in doc[last + 1:cue.i] if t.pos_ in _NOMINAL and ctx.outside_quotes(t)]
        if between and all(t.pos_ in _NOMINAL + ("DET", "ADJ", "PUNCT", "PART", "ADP") for t in doc[last + 1:cue.i]):
            return between[-1]
        if cue.i == last + 1 or (cue.i == last + 2 and doc[last + 1].is_punct):
            chain = []
            for t in doc[cue.i + 1:cue.i + 8]:
                if t.pos_ in ("PROPN", "NOUN") or (t.pos_ in ("DET", "ADJ", "PUNCT") and not chain and
                                                   t.text not in ",.;"):
                    chain.append(t)
                else:
                    break
            nouns = [t for t in chain if t.pos_ in ("PROPN", "NOUN")]
            return nouns[-1] if nouns else None
    return None


_NAME_DASH = re.compile(r"[ \t]*(?P<label>(?:[A-Z][\w.’'\-]*[ \t]){0,4}[A-Z][\w.’'\-]*)[ \t]*[:―—–][ \t]*$")


def label_speaker(ctx: Context, start: int, inner: int) -> Token | None:
    """A name set before the quote ("Sonya Herridge ― “...”") or as a label opening it ("\"PENCE: ...")."""
    lo = ctx.paras[ctx.para_of(start)][0]
    m = _NAME_DASH.match(ctx.text, lo, start)
    if m is None:
        m = _LABEL.match(ctx.text, inner, min(len(ctx.text), inner + 60))
        if m is None or not (m.group("label").isupper() or _known_name(ctx, m.group("label"))):
            return None
    span = ctx.doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
    if span is None or len(span) == 0 or not any(t.pos_ == "PROPN" for t in span):
        return None
    return span.root


def direct_quotes(ctx: Context) -> list[Found]:
    found: list[Found] = []
    ctx.standalone = [is_standalone(ctx, qi) for qi in range(len(ctx.marked))]
    for qi, m in enumerate(ctx.marked):
        if not ctx.standalone[qi]:
            continue
        toks = ctx.tokens_of(m.start, m.end)
        if toks is None:
            continue
        cue = find_cue(ctx, toks[0], toks[1] - 1)
        if cue is None and is_title(ctx.text[m.start:m.end]):
            continue
        head = subject_of(cue) if cue is not None else None
        if head is not None and ctx.tok_quote[head.i] >= 0:
            head = None
        if head is None and cue is not None:
            head = linear_speaker(ctx, toks[1] - 1, cue)
        if head is None and cue is None:
            head = label_speaker(ctx, m.start, m.inner[0])
        found.append(Found(m.start, m.end, "direct", cue=_tok_span(cue), cue_token=cue, speaker_head=head,
                           marked=qi))
    return found


def fragment_quotes(ctx: Context, consumed: set[int], min_words: int = 6, min_short: int = 1) -> list[Found]:
    """Quoted fragments that no content clause took: long ones are kept as direct quotes."""
    found = []
    for qi, m in enumerate(ctx.marked):
        if ctx.standalone[qi] or qi in consumed:
            continue
        if len(ctx.text[m.start:m.end].split()) < min_short or is_title(ctx.text[m.start:m.end]):
            continue
        toks = ctx.tokens_of(m.start, m.end)
        if toks is None:
            continue
        cue = find_cue(ctx, toks[0], toks[1] - 1)
        head = subject_of(cue) if cue is not None else None
        if head is not None and ctx.tok_quote[head.i] >= 0:
            head = None
        if head is None and len(ctx.text[m.start:m.end].split()) < min_words:
            continue  # a short fragment counts only when someone says it
        found.append(Found(m.start, m.end, "direct", cue=_tok_span(cue), cue_token=cue, speaker_head=head,
                           marked=qi))
    return found


def label_quotes(ctx: Context) -> list[Found]:
    """Transcript lines: a paragraph opened by a speaker label ("PENCE: Well, ...")."""
    found = []
    doc = ctx.doc
    for lo, hi in ctx.paras:
        m = _LABEL.match(ctx.text, lo, hi)
        if m is None:
            continue
        label = m.group("label")
        rest = ctx.text[m.end():hi].strip()
        if len(rest.split()) < 3 or ctx.text[m.end()] in "\"“":
            continue
        span = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for t in span) or _in_dateline(ctx, lo):
            continue
        index = ctx.doc._.token_actor or {}
        kinds = {a.id: a.kind for a in ctx.doc._.actors or []}
        named = any(kinds.get(index.get(t.i, "")) == "person" for t in span) or _known_name(ctx, label)
        if not named:
            continue
        end = hi
        while end > m.end() and ctx.text[end - 1].isspace():
            end -= 1
        if lo == ctx.paras[0][0] and not _said_in_title(ctx, m.end(), end):
            continue  # a title naming its topic after a name ("Loretta Lynch: the difficulty of leaving")
        colon = ctx.text.index(":", m.end("label"))
        found.append(Found(m.end(), end, "direct", cue=(colon, colon + 1), speaker_head=span.root))
    return found


def block_quotes(ctx: Context, direct: list[Found]) -> list[Found]:
    """A paragraph set out below the words that introduce it ("The governor added:" then the paragraph): the
    whole paragraph is what was said, when the line before ends in a colon after a reporting verb with a subject.
    A paragraph that opens with a quote mark is a direct quote already (in ``direct``): it gets that cue and
    speaker where it has none."""
    found = []
    text = ctx.text
    for (lo, hi), (nlo, nhi) in zip(ctx.paras, ctx.paras[1:]):
        line = text[lo:hi].rstrip()
        body = text[nlo:nhi].strip()
        if not line.endswith(":") or not body or len(body.split()) < 3:
            continue
        colon = lo + len(line) - 1
        span = ctx.doc.char_span(lo, colon, alignment_mode="expand")
        if span is None or not len(span):
            continue
        cue = next((t for t in reversed(span) if _cue_ok(ctx, t) and t.sent == span[-1].sent), None)
        subj = subject_of(cue) if cue is not None else None
        if subj is None or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children):
            continue  # "She said that ...:" has its content already; a colon after an object lists things
        start = text.index(body[:1], nlo)
        if body[0] in "\"“‘'«":
            for d in direct:
                if d.start == start and d.cue is None:
                    d.cue, d.cue_token, d.speaker_head = (cue.idx, cue.idx + len(cue.text)), cue, subj
            continue
        found.append(Found(start, start + len(body), "direct", cue=(cue.idx, cue.idx + len(cue.text)),
                           cue_token=cue, speaker_head=subj))
    return found


def headline_quotes(ctx: Context, labels: list[Found]) -> list[Found]:
    """A title that opens with its source and a colon ("Poll: Clinton and Trump in dead heat", "Sanders: Clinton
    needs to ...", "A lesson from Loretta Lynch: 'Be the voice ...'"): what follows the colon is the source's,
    where the source names a person or organisation of the article or is a document (a poll, a report). Quote
    marks make it direct or mixed; a document's is evidence."""
    if not ctx.paras or any(f.start < ctx.paras[0][1] for f in labels):
        return []
    lo, hi = ctx.paras[0]
    line_end = ctx.text.find("\n", lo, hi)
    hi = hi if line_end < 0 else line_end
    colon = ctx.text.find(":", lo, hi)
    prefix = ctx.text[lo:colon] if colon > lo else ""
    if not 1 <= len(prefix.split()) <= 8 or any(c in prefix for c in "\"“”.!?"):
        return []
    start, end = colon + 1, hi
    while start < end and ctx.text[start].isspace():
        start += 1
    while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] == "."):
        end -= 1
    span = ctx.doc.char_span(lo, colon, alignment_mode="expand")
    if len(ctx.text[start:end].split()) < 3 or span is None or not len(span):
        return []
    if re.search(r"[.!?][\"”’']*\s", ctx.text[start:end]) or any(_cue_ok(ctx, t) for t in span):
        return []  # a sentence, not a title ("Trump said on Tuesday: ... . He left."): the rules read it
    index = ctx.doc._.token_actor or {}
    kinds = {a.id: a.kind for a in ctx.doc._.actors or []}
    source = next((t for t in span if kinds.get(index.get(t.i, "")) in ("person", "organization")), None) \
        or next((t for t in span if t.ent_type_ in ("PERSON", "ORG")), None)
    document = span[-1] if span[-1].lemma_.lower() in ctx.lex.documents else None
    if source is None and document is None:
        return []
    content = ctx.text[start:end]
    whole = content[:1] in "\"“‘'" and content.rstrip(".")[-1:] in "\"”’'"
    kind = "direct" if whole else "mixed" if re.search(r"[\"“‘]|(?:^|\s)'", content) else "indirect"
    if source is not None and kind == "indirect" and not _said_in_title(ctx, start, end):
        return []  # "Netanyahu and Obama: A tortured relationship": a topic named, nothing said
    f = Found(start, end, kind, cue=(colon, colon + 1), speaker_head=source or document)
    f.attribution = "evidence" if source is None else "speech"
    return [f]


_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _said_in_title(ctx: Context, start: int, end: int) -> bool:
    """Whether what follows a title's colon can be someone's words: a clause (a finite verb, or a bare verb
    opening it: "Don't trust the machines"), or words in title case, whose parts of speech the parser cannot be
    trusted with ("State Department Hid Key Email"); not a noun phrase ("A tortured relationship", "The
    difficulty of dumping Trump", "Hillary's husband on campaign trail")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if any(t.tag_ in _FINITE for t in span) or span[0].tag_ == "VB" or span[0].pos_ == "AUX":
        return True
    words = [t.text for t in span if t.is_alpha and len(t.text) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _known_name(ctx: Context, label: str) -> bool:
    """An all-capitals label that is the last word of a person named in the text ("PENCE")."""
    if not label.isupper() or " " in label.strip():
        return False
    word = label.strip().lower()
    return any(a.kind == "person" and a.name.lower().split()[-1:] == [word] for a in ctx.doc._.actors or [])


def _in_dateline(ctx: Context, lo: int) -> bool:
    article = ctx.doc._.article
    span = article.dateline_span if article is not None else None
    return span is not None and ctx.para_of(span[0]) == ctx.para_of(lo)


def _tok_span(t: Token | None) -> tuple[int, int] | None:
    return (t.idx, t.idx + len(t.text)) if t is not None else None
