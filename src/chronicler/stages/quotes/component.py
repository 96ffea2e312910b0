"""The quotes component: direct, indirect and mixed quotes -> Quote records with cue, speaker and date.

Order of the rules: quoted stretches (one scan of the marks), transcript labels, a title opening with its
source ("Poll: ..."), a paragraph set out after "X added:", content clauses of reporting verbs, cues set off by
commas, reporting nouns, source phrases ("according to"), clauses placed in a poll or report and, with the
rules of attribution scope "all" (lexicon.py), passive cues with an agent ("endorsed by X"). The learned
attribution model (attribution.py; off with CHRONICLER_QUOTES_MODEL=off) drops the clauses it reads as no
attribution and adds the candidates of an open lexicon it reads as attributions (the long tail of reporting
verbs, and in scope "all" beliefs, intents, evidence and stances; candidates.py). Each quote has its attribution class
(candidates.attribution_class); scope "speech" keeps the quotations only. Then overlaps
are settled (a clause that is a direct quote gives it its cue; one holding a quoted fragment is mixed; a cue
inside another quote's content is nested and dropped unless it has a clause and subject of its own; a quoted
stretch inside a clause, or going on from it on the same cue, is part of it; quoted words listed on one cue are
one quote; nothing is taken from a line linking to another story) and speakers are made. A direct quote with
no cue takes the speaker of the paragraph it runs on into, of the quote next to it in its paragraph, of the
paragraph before when it opens its own, or else of the person the sentence before is about; failing all, it
has none. The date comes from the cue's sentence.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.model import Quote, Span, Speaker
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon
from chronicler.stages.quotes.attribution import AttributionModel, load_model
from chronicler.stages.quotes.context import Context, Found, build_context
from chronicler.stages.quotes.direct import (block_quotes, direct_quotes, fragment_quotes, headline_quotes,
                                              label_quotes)
from chronicler.stages.quotes.lexicon import current_scope, is_answer, lexicon, reporting_nouns
from chronicler.stages.quotes.candidates import attribution_class, found_by, own_clause, signals
from chronicler.stages.quotes.quotation import QuotationModel, load_quotation
from chronicler.stages.quotes.ranker import SpeakerRanker, load_ranker, ranked_head
from chronicler.stages.quotes.resolution import Resolution, load_resolution
from chronicler.stages.quotes.speaker import author_of, introduced_person, make_speaker, names_someone, speaker_for
from chronicler.stages.dating import Dates


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def settle(ctx: Context, direct: list[Found], clauses: list[Found]) -> tuple[list[Found], set[int]]:
    """Clauses that duplicate a direct quote are dropped (giving it their cue); fragments make them mixed."""
    by_marked = {f.marked: f for f in direct if f.marked is not None}
    kept: list[Found] = []
    consumed: set[int] = set()
    for f in clauses:
        length = f.end - f.start
        words = ctx.text[f.start:f.end].split()
        short = len(words) < (1 if ctx.lex.scope == "all" or f.score is not None else 3)
        if short and not is_answer(ctx.text[f.start:f.end]) or all(w.isupper() for w in words):
            continue  # "they are", "READ MORE": no statement ("said no" is one)
        hits = [qi for qi, m in enumerate(ctx.marked) if _overlap(f.start, f.end, m.start, m.end)]
        in_direct = sum(_overlap(f.start, f.end, ctx.marked[qi].start, ctx.marked[qi].end)
                        for qi in hits if ctx.standalone[qi])
        if in_direct >= 0.5 * length:
            for qi in hits:
                d = by_marked.get(qi)
                if d is not None and d.cue is None:
                    d.cue, d.cue_token, d.speaker_head = f.cue, f.cue_token, f.speaker_head
            continue
        fragments = [qi for qi in hits if not ctx.standalone[qi]]
        if fragments:
            f.kind = "mixed"
            consumed.update(fragments)
        kept.append(f)
    # nested: a cue inside another clause's content belongs to reported speech, not to the article
    # (a view attributed that holds a quotation -- "cheered for Collins, who said ..." -- gives way to it)
    outer = [f for f in kept if own_clause(f) or not any(
        g is not f and g.start <= f.cue[0] < g.end and (g.attribution == "speech" or f.attribution != "speech")
        for g in kept)]
    outer = [f for f in outer if f.attribution == "speech" or not any(
        g is not f and g.attribution == "speech" and f.start <= g.cue[0] < f.end for g in outer)]
    seen: set[tuple[int, int]] = set()
    unique = []
    for f in sorted(outer, key=lambda f: (f.start, -f.end)):
        if (f.start, f.end) not in seen:
            seen.add((f.start, f.end))
            unique.append(f)
    return unique, consumed


# what may stand between a quote and the quoted stretch that goes on with it
_JOINERS = frozenset({",", ":", "-", "--", "—", "–", "and", "but", "or", "nor", "of", "as", "with", "a", "an",
                      "the", "who", "which", "is", "was", "are", "were"})


def _joined_on(ctx: Context, end: int, start: int) -> bool:
    """Whether only joining words stand between ``end`` and ``start`` ("and", ", a", " who is ")."""
    return 0 <= start - end <= 12 and all(w in _JOINERS for w in ctx.text[end:start].replace(",", " , ").split())


def _absorb_parts(ctx: Context, found: list[Found]) -> list[Found]:
    """A quoted stretch inside a quotation's content is part of it; one that goes on from where it ends on the
    same cue ('that voting fraud is "a big problem" but "nobody has the guts to talk about it"') ends it: the
    clause is mixed and the stretch is no quote of its own. A quotation right before the cue of a clause that
    holds it ('The minimum is ... "One!" says the owner') is what was said: the clause gives way to it."""
    dropped: set[int] = set()
    for j, c in enumerate(found):
        if c.kind == "direct" or c.cue is None or c.attribution != "speech":
            continue
        for i, d in enumerate(found):
            if d.kind != "direct" or i in dropped or d.cue not in (None, c.cue):
                continue
            if c.end <= c.cue[0] and c.start <= d.start and d.end <= c.cue[0] and \
                    not ctx.text[d.end:c.cue[0]].strip(" ,\n"):
                dropped.add(j)
                d.cue, d.cue_token, d.speaker_head = c.cue, c.cue_token, c.speaker_head
                break
            if c.start <= d.start and d.end <= c.end + 1:
                dropped.add(i)
                c.kind = "mixed"
            elif d.cue == c.cue and _joined_on(ctx, c.end, d.start):
                dropped.add(i)
                c.end, c.kind = d.end, "mixed"
    return [f for i, f in enumerate(found) if i not in dropped]


def _join_listed(ctx: Context, found: list[Found]) -> list[Found]:
    """Quoted words listed on one cue ('called Trump a "pathological liar" who is "utterly amoral," a "bully"')
    are one quote, mixed: the quoted fragments (never a quotation that stands as a sentence) that follow one
    another with only joining words between."""
    def fragment(f: Found) -> bool:
        return f.cue is not None and f.marked is not None and not ctx.standalone[f.marked]

    out: list[Found] = []
    for d in found:
        prev = out[-1] if out else None
        if d.kind == "direct" and fragment(d) and prev is not None and prev.kind in ("direct", "mixed") and \
                fragment(prev) and prev.cue == d.cue and _joined_on(ctx, prev.end, d.start):
            prev.end, prev.kind = d.end, "mixed"
            continue
        out.append(d)
    return out


def _introduced_speakers(ctx: Context, doc: Doc, found: list[Found], speakers: list[Speaker | None]) -> None:
    """A description no actor answers, followed by a sentence naming a new person, is that person."""
    first_seen: dict[str, int] = {}
    for i, aid in sorted((doc._.token_actor or {}).items()):
        first_seen.setdefault(aid, i)
    coref = coref_lexicon()
    not_persons = ctx.lex.documents | frozenset(coref.nominals) | coref.org_words
    for n, f in enumerate(found):
        if speakers[n] is not None and speakers[n].actor is None and f.speaker_head is not None:
            speakers[n] = introduced_person(doc, f.speaker_head, first_seen, not_persons) or speakers[n]


def _document_authors(ctx: Context, found: list[Found], speakers: list[Speaker | None]) -> None:
    """'Gatsby said its director was killed. A statement said the group was shocked': a document that names
    no author speaks for the speaker of the quote before it in its paragraph."""
    for n, f in enumerate(found):
        spk, head = speakers[n], f.speaker_head
        if spk is None or spk.actor is not None or head is None or head.lemma_.lower() not in ctx.lex.documents:
            continue
        if author_of(head, ctx.lex.documents) is not head:
            continue
        p = ctx.para_of(f.start)
        prev = next((speakers[k] for k in range(n - 1, -1, -1) if ctx.para_of(found[k].start) == p
                     and speakers[k] is not None and speakers[k].actor is not None), None)
        if prev is not None:
            speakers[n] = Speaker(name=prev.name, mention=spk.mention, actor=prev.actor)


def _adjacent_speakers(ctx: Context, found: list[Found], speakers: list[Speaker | None]) -> None:
    """A cue-less direct quote takes the speaker of the nearest quote in its paragraph, or the one before."""
    by_para: dict[int, list[int]] = {}
    for n, f in enumerate(found):
        by_para.setdefault(ctx.para_of(f.start), []).append(n)
    for n, f in enumerate(found):
        if speakers[n] is not None or f.cue is not None or f.kind != "direct":
            continue
        if f.marked is not None and not ctx.marked[f.marked].closed:
            # a quote running on over paragraphs: its cue comes with the closing paragraph
            speakers[n] = _run_on_speaker(ctx, found, speakers, n)
            if speakers[n] is not None:
                continue
        p = ctx.para_of(f.start)
        same = by_para.get(p, [])
        before = [k for k in same if k < n and speakers[k] is not None]
        after = [k for k in same if k > n and speakers[k] is not None and found[k].cue is not None]
        if before:
            speakers[n] = speakers[before[-1]]
        elif after:
            speakers[n] = speakers[after[0]]
        elif ctx.text[ctx.paras[p][0]:f.start].strip() == "" and p > 0 and \
                any(speakers[k] is not None for k in by_para.get(p - 1, [])):
            speakers[n] = next(speakers[k] for k in reversed(by_para[p - 1]) if speakers[k] is not None)
        else:
            speakers[n] = _focus_speaker(ctx, f.start)


def _run_on_speaker(ctx: Context, found: list[Found], speakers: list[Speaker | None], n: int) -> Speaker | None:
    for k in range(n + 1, len(found)):
        m = found[k].marked
        if m is None or not ctx.marked[m].continues:
            return None
        if speakers[k] is not None:
            return speakers[k]
        if ctx.marked[m].closed:
            return None
    return None


def _focus_speaker(ctx: Context, start: int) -> Speaker | None:
    """A quote standing alone after a sentence about a named person is that person's: the subject of the
    sentence just before (or the name that sentence is), when it resolves to a person."""
    doc = ctx.doc
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    i = first.start - 1
    while i >= 0 and (doc[i].is_space or not any(x.is_alpha for x in doc[i].sent)):
        i = doc[i].sent.start - 1 if not doc[i].is_space else i - 1
    if i < 0 or ctx.tok_quote[i] >= 0:
        return None
    sent = doc[i].sent
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and root.pos_ == "PROPN" and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        subj = root  # a line naming someone before the quote: "Niagara County District Attorney Jane Doe."
    if subj is None:
        return None
    speaker = make_speaker(doc, subj)
    actor = next((a for a in doc._.actors or [] if speaker and a.id == speaker.actor), None)
    return speaker if actor is not None and actor.kind == "person" else None


def _date(ctx: Context, f: Found, published, dating: Dates) -> tuple | None:
    if f.cue_token is None:
        return None
    sent = f.cue_token.sent
    dates = [d for d in dating.in_sentence(sent) if not (f.start <= d.start < f.end)]  # found once a sentence
    if not dates:
        return None
    best = min(dates, key=lambda d: abs(d.start - f.cue[0]))
    if best.date is None and published is not None:  # "comes a day after Trump claimed talks were underway"
        best = dating.anchored(f.cue_token, best, dates) or best
    return best.date, best.text


def find_quotes(doc: Doc, model: AttributionModel | None | str = "default",
                quotation: QuotationModel | None | str = "default") -> tuple[Context, list[Found]]:
    """The quotes the rules and the attribution model find in a parsed doc, in text order, before speakers;
    ``quotation``: the model that tells quotations from other attributions (None: the rules' classes)."""
    scope = current_scope()
    model = load_model() if model == "default" else model
    quotation = load_quotation() if quotation == "default" else quotation
    # the rules find speech; beyond it the model decides, or without it the rules of scope "all"
    ctx = build_context(doc, lexicon("all" if model is None and scope == "all" else "speech"))
    labels = label_quotes(ctx)
    headline = headline_quotes(ctx, labels)
    direct = direct_quotes(ctx) + labels + headline
    direct += block_quotes(ctx, direct)
    named = found_by(ctx)
    rules = [f for f, _ in named]
    for f in rules:
        f.attribution = attribution_class(ctx, f)
    if model is not None:
        rules = model.select(ctx, named, others=scope == "all")
    clauses, consumed = settle(ctx, direct, rules)
    found = sorted(direct + clauses + fragment_quotes(ctx, consumed), key=lambda f: (f.start, f.end))
    found = _join_listed(ctx, _absorb_parts(ctx, found))
    if quotation is not None:
        quotation.apply(ctx, found, signals(ctx, [f for f, _ in named]))
    if scope == "speech":
        found = [f for f in found if f.kind != "indirect" or f.attribution == "speech"]
    found = [f for f in found if not ctx.in_link(f.start)]  # another story's headline
    # a title's attribution is the whole of what follows its colon, not the pieces in it
    return ctx, [f for f in found if not any(f is not h and h.start <= f.start < h.end for h in headline)]


def _resolved_speakers(doc: Doc, found: list[Found], heads: list, speakers: list[Speaker | None],
                       resolution: Resolution) -> None:
    """The learned resolution of each speaker's mention to an actor, where it may change the rules' answer."""
    for n, (f, h) in enumerate(zip(found, heads)):
        spk = speakers[n]
        if h is None or spk is None:
            continue
        aid = resolution.choose(doc, h, spk.actor, [(f.start, f.end)], rule_named=names_someone(doc, spk))
        if aid is not None and aid != spk.actor:
            speakers[n] = speaker_for(doc, h, spk.mention, aid) or spk


def extract_quotes(doc: Doc, model: AttributionModel | None | str = "default",
                   ranker: SpeakerRanker | None | str = "default",
                   resolution: Resolution | None | str = "default",
                   quotation: QuotationModel | None | str = "default") -> list[Quote]:
    """The quotes of a parsed doc; ``model`` is the attribution model, ``ranker`` the speaker ranker,
    ``resolution`` the speaker resolution model and ``quotation`` the quotation model ("default": the shipped
    one unless switched off, None: the rules alone)."""
    ctx, found = find_quotes(doc, model, quotation)
    ranker = load_ranker() if ranker == "default" else ranker
    resolution = load_resolution() if resolution == "default" else resolution
    spans = [(f.start, f.end) for f in found]
    heads = [ranked_head(ctx, f, ranker, spans[:n] + spans[n + 1:]) for n, f in enumerate(found)]
    for f, h in zip(found, heads):
        rule = author_of(f.speaker_head, ctx.lex.documents) if f.speaker_head is not None else None
        if (h.i if h is not None else None) != (rule.i if rule is not None else None):
            f.speaker_head = h  # the ranker chose otherwise: the later steps read its choice
    speakers = [make_speaker(doc, h) if h is not None else None for h in heads]
    if resolution is not None:
        _resolved_speakers(doc, found, heads, speakers, resolution)
    _introduced_speakers(ctx, doc, found, speakers)
    _document_authors(ctx, found, speakers)
    _adjacent_speakers(ctx, found, speakers)
    published = doc._.article.published if doc._.article is not None else None
    dating = Dates(doc, reporting_nouns())
    quotes: list[Quote] = []
    for f, speaker in zip(found, speakers):
        text = ctx.text[f.start:f.end]
        cue = Span(f.cue[0], f.cue[1], ctx.text[f.cue[0]:f.cue[1]]) if f.cue else None
        dated = _date(ctx, f, published, dating)
        quotes.append(Quote(id=f"Q{len(quotes) + 1}", start=f.start, end=f.end, text=text, kind=f.kind,
                            speaker=speaker, cue=cue, date=dated[0] if dated else None,
                            date_text=dated[1] if dated else None,
                            attribution="speech" if f.kind != "indirect" else f.attribution))
    return quotes


@Language.component(
    "chronicler_quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.actors", "doc._.token_actor", "token.dep", "token.lemma", "doc.sents"],
)
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = extract_quotes(doc)
    return doc
