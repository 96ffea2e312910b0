"""The events component: event words with their arguments -> coded Event records.

Rules find triggers (verbs and nouns from the data files), their source and target from the dependency
structure, the frame that governs them (intend, threaten, request, reject, deny, claim) and their polarity,
modality, date and place. An optional learned quad-class model (``ranker``) re-weighs the confidence of each
event; the rules work without it.
"""
from __future__ import annotations

from bisect import bisect_left


from spacy.language import Language
from spacy.tokens import Doc, Token

from chronicler.model import Event, Participant, Quote
from chronicler.nlp.arrays import parse_arrays
from chronicler.nlp.spans import text_span
from chronicler.stages.dating import Dates
from chronicler.stages.events.argmodel import ArgumentModel, DocView, choose, load_argument_model
from chronicler.stages.events.arguments import (
    Resolver, amount_nouns, condition_subjects, deeper, noun_arguments, object_candidates, prep_objects, subject_of,
)
from chronicler.stages.events.draft import Draft
from chronicler.stages.events.implied import implied_source
from chronicler.stages.events.lexicon import COOPERATIVE, Code, EventLexicon, event_lexicon
from chronicler.stages.events.placing import (
    PLACE_TARGET_TYPES, attached_place, event_location, people_nouns, place_domestic, place_target, venue,
)
from chronicler.stages.events.triggers import (
    FUTURE_AUX, HEDGE_AUX, OBLIGATION_AUX, Trigger, aux_words, find_triggers, frame_of, is_negated,
)

_ABSORBING = {"intend", "threaten", "request", "reject"}


def _quote_index(doc: Doc, quotes: list[Quote]) -> dict[int, Quote]:
    """Token index -> the quote it lies in (the tokens that start inside each quote, by bisect on offsets)."""
    if not quotes:
        return {}
    starts = parse_arrays(doc).idx
    out: dict[int, Quote] = {}
    for q in quotes:
        for i in range(bisect_left(starts, q.start), bisect_left(starts, q.end)):
            out[i] = q
    return out


def _obligation_heads(doc: Doc) -> list[Token]:
    """The words with a "must" or "should" below them (as aux, auxpass or mark), in text order, read from the
    doc's arrays: the only words ``aux_words`` can find an obligation on."""
    arrays = parse_arrays(doc)
    heads = {arrays.head[i] for i, (lower, dep) in enumerate(zip(arrays.lower, arrays.dep))
             if lower in OBLIGATION_AUX and dep in ("aux", "auxpass", "mark")}
    return [doc[i] for i in sorted(heads)]


def _pick(resolver: Resolver, tokens: list[Token], exclude: Participant | None) -> tuple[Participant | None, Token | None]:
    """The argument among ``tokens`` (best first): people a verb acts on directly ("deported children to
    Georgia"), else the first candidate with a country, else the first resolved actor, else the first proper
    name, else a plain noun with a place inside it ("parties to the conflict in Iraq"), else None."""
    actor = named = None
    for tok in tokens:
        p = resolver.participant(tok)
        if p is None or (exclude is not None and _same(p, exclude)):
            continue
        if p.country is None and tok.dep_ in ("dobj", "nsubjpass") and tok.lemma_.lower() in people_nouns() \
                and tok.head.pos_ == "VERB":  # "deported children to Georgia": the people, placed later
            return p, tok
        if p.country is not None:
            return p, tok
        if actor is None and p.actor is not None:
            actor = (p, tok)
        if named is None and tok.pos_ == "PROPN":
            named = (p, tok)
    if actor is None and named is None:  # last: a place inside a plain noun ("parties to the conflict in Iraq")
        for tok in tokens:
            country = resolver.place_inside(tok) if tok.pos_ == "NOUN" else None
            p = resolver.participant(tok) if country is not None else None
            if p is not None and p.actor is None and (exclude is None or not _same(p, exclude)):
                return Participant(name=p.name, country=country, code=country), tok
    return actor or named or (None, None)


def _people(resolver: Resolver, tokens: list[Token]) -> tuple[Participant | None, Token | None]:
    """The first people noun among ``tokens`` ("students", "demonstrators"), placed later by the event's place."""
    tok = next((t for t in tokens if t.lemma_.lower() in people_nouns()), None)
    return (resolver.participant(tok) if tok is not None else None), tok


def _clause_of(tok: Token) -> Token:
    """The verb whose clause a token is in (the first verb above it)."""
    cur = tok.head
    while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _path(token: Token, top: Token) -> list[int]:
    """Token indices from ``token`` up to (not including) ``top`` along the heads."""
    out = []
    cur = token
    while cur.i != top.i and cur.head.i != cur.i and len(out) < 6:
        cur = cur.head
        if cur.i != top.i:
            out.append(cur.i)
    return out


def _ultimatum(verb: Token) -> bool:
    """A future act made conditional on the other side: "will withdraw its force unless the president ..."."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")
               for c in verb.children)


def _same(a: Participant, b: Participant) -> bool:
    return (a.actor is not None and a.actor == b.actor) or (a.actor is None and b.actor is None and a.name == b.name)


class Extractor:
    """One document's events: a draft per trigger, then frames, mood and the last argument rules over all."""

    def __init__(self, doc: Doc, lex: EventLexicon, arguments: ArgumentModel | None = None) -> None:
        self.doc = doc
        self.arguments = arguments
        self.lex = lex
        # quotations only: an event inside a view attributed ("opposed the deal") is not reported speech
        self.quotes = [q for q in doc._.quotes or [] if q.attribution == "speech"]
        self.quote_of = _quote_index(doc, self.quotes)
        self.resolver = Resolver(doc, self.quote_of)
        self.triggers = find_triggers(doc, lex)
        self.by_token = {t.token.i: t for t in self.triggers}
        self.drafts: dict[int, Draft] = {}

    # -- arguments -----------------------------------------------------------------------------------------
    def _noun_draft(self, trig: Trigger) -> Draft:
        noun = trig.token
        patient = trig.key in self.lex.patient_nouns or noun.lemma_.lower() in self.lex.patient_nouns
        src_toks, tgt_toks = noun_arguments(noun, patient)
        for c in noun.children:
            if c.dep_ == "relcl" and c.i in self.by_token:  # "the raid that ousted Maduro"
                tgt_toks.extend(object_candidates(c))
        source, s_tok = _pick(self.resolver, src_toks, None)
        if source is None:  # "the demonstration staged by students": people, placed later
            source, s_tok = _people(self.resolver, src_toks)
        phrase = noun
        while phrase.head.i != phrase.i and (
                (phrase.dep_ in ("compound", "conj") and phrase.head.pos_ in ("NOUN", "PROPN"))
                or (phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.pos_ == "NOUN")
                or (phrase.dep_ == "pobj" and phrase.head.lower_ == "in"
                    and phrase.head.head.lemma_.lower() in amount_nouns())):  # "an increase in funding"
            # "launched a mediation effort", "suspended aid deliveries", "launched 10 days of war games",
            # "launched air and artillery strikes"
            phrase = phrase.head if phrase.dep_ in ("compound", "conj") else phrase.head.head
        head = phrase.head
        if head.dep_ == "prep" and head.lower_ in ("on", "into", "for", "at", "in") and phrase.dep_ == "pobj":
            head = head.head  # "went on strike", "joined Abe for talks"
        if source is None and phrase.dep_ in ("dobj", "pobj") and head.pos_ == "VERB" and head.i not in self.by_token:
            subj = self._agent(head)  # light verbs: "launched an assault", "imposed sanctions", "held talks"
            if subj is not None and subj.lower_ in ("that", "which") and subj.head.dep_ == "relcl" \
                    and subj.head.head.i in self.by_token:
                subj = None  # "a threat that drew criticism": an event is nobody's name
            if subj is not None:
                source, s_tok = _pick(self.resolver, [subj], None)
                if source is None:
                    source = self.resolver.participant(subj)
                    s_tok = subj if source is not None else None
        if phrase is not noun:  # "launched a mediation effort between X and Y": the phrase head's arguments
            tgt_toks += noun_arguments(phrase, patient)[1]
        light = phrase.dep_ in ("dobj", "pobj") and head.pos_ == "VERB" and head.i not in self.by_token
        if light:  # "opened investigations against 28 officials", "launched strikes on the town"
            tgt_toks += [t for t in object_candidates(head) if t.i != phrase.i and t.i != noun.i
                         and (trig.code.type in PLACE_TARGET_TYPES or not venue(t))]
        if trig.code.type == "REQUEST":  # "its demand that Israel ease restrictions": the one asked
            clauses = [x for x in noun.children if x.dep_ in ("acl", "ccomp")]
            if light:  # "reiterated its demand today that Israel ease ..."
                clauses += [x for x in head.children if x.dep_ == "ccomp" and x.i > noun.i]
            tgt_toks += [c for x in clauses for c in x.children if c.dep_ in ("nsubj", "nsubjpass")]
        target, t_tok = _pick(self.resolver, tgt_toks, source)
        if target is None:  # "restrictions on millions of foreign workers": people, placed later
            target, t_tok = _people(self.resolver, tgt_toks)
        toks = [noun.i] + [t.i for t in (s_tok, t_tok) if t is not None]
        return Draft(trig, trig.code, source, target, toks, target_lemma=t_tok.lemma_.lower() if t_tok else "",
                     source_token=s_tok.i if s_tok is not None else None,
                     target_token=t_tok.i if t_tok is not None else None)

    def _agent(self, verb: Token) -> Token | None:
        """The subject of a verb, skipping event nouns ("talks were underway and urged Havana")."""
        cur = verb
        for _ in range(3):
            subj = subject_of(cur)
            if subj is None:
                return None
            found = self.by_token.get(subj.i)
            if found is None or found.kind != "noun":
                return subj
            if cur.dep_ not in ("conj", "ccomp") or cur.head.i == cur.i:
                return None
            cur = cur.head
            while cur.dep_ == "conj" and cur.head.i != cur.i:
                cur = cur.head
            cur = cur.head if cur.dep_ == "ccomp" else cur
        return None

    def _verb_draft(self, trig: Trigger) -> Draft:
        verb = trig.token
        subj = self._agent(verb)
        source = s_tok = None
        cause = subject_of(verb)
        attack = self.drafts.get(cause.i) if cause is not None else None
        if attack is not None and trig.code.type == "ASSAULT" and attack.code.type == "ASSAULT":
            # "a roadside bombing killed one soldier": one attack, by whoever the attack is by, else the bomb
            attack.dropped = True
            source, s_tok = (attack.source, self.doc[attack.source_token]) if attack.source is not None \
                and attack.source_token is not None else (self.resolver.participant(cause), cause)
            subj = None
        if subj is not None:
            if subj.lower_ in ("that", "which", "who") and subj.head.dep_ == "relcl":
                antecedent = subj.head.head
                noun = self.drafts.get(antecedent.i)
                if noun is not None and noun.source is not None:
                    source, s_tok = noun.source, antecedent
                elif noun is not None or antecedent.i in self.by_token:
                    subj = None  # "a threat that drew criticism": an event is nobody's name
            if source is None and subj is not None:
                source, s_tok = _pick(self.resolver, [subj], None)
                if source is None:
                    source = self.resolver.participant(subj)
                    s_tok = subj if source is not None else None
        candidates = object_candidates(verb, trig.code.type)
        if trig.code.type not in PLACE_TARGET_TYPES:  # "negotiators return to Geneva for talks": a venue
            candidates = [c for c in candidates if not venue(c)]
        if trig.code.type == "REQUEST":  # "demanded that the US cancel its plans": the one asked
            candidates += [c for x in verb.children if x.dep_ == "ccomp"
                           for c in x.children if c.dep_ in ("nsubj", "nsubjpass")]
        target, t_tok = _pick(self.resolver, candidates, source)
        if target is None:  # "refused to respond to a demand from the US President": through a plain complement
            inner = [x for c in verb.children if c.dep_ == "xcomp" and c.i not in self.by_token
                     for x in object_candidates(c)]
            target, t_tok = _pick(self.resolver, inner, source)
        if target is None and trig.code.type in ("AID", "COOPERATE", "SUPPORT"):  # "provides 10 million euros in
            recipients = [x for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "to"  # aid to the Palestinian
                          and _clause_of(t).i == verb.i for x in prep_objects(t)]  # people": to whom, anywhere in the clause
            target, t_tok = _pick(self.resolver, recipients, source)
        if target is None:  # "opened fire on demonstrators": a people noun, placed later by the location
            target, t_tok = _people(self.resolver, candidates)
        toks = [verb.i] + [t.i for t in (s_tok, t_tok) if t is not None]
        return Draft(trig, trig.code, source, target, toks, target_lemma=t_tok.lemma_.lower() if t_tok else "",
                     source_token=s_tok.i if s_tok is not None else None,
                     target_token=t_tok.i if t_tok is not None else None)

    def _agentless(self, d: Draft) -> None:
        """Agentless passives whose doer the sentence still names: troops that "were deployed" or guerrillas
        that "have been demobilized" act themselves; "UN sanctions against Iran were lifted" by their owner."""
        verb = d.trigger.token
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is None:
            return
        cameo = d.code.cameo
        if cameo.startswith(("166", "174")):  # "inspectors have been expelled from North Korea": by that state
            places = [x for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for x in prep_objects(c)]
            source, s_tok = _pick(self.resolver, places, None)
            if source is not None and source.country is not None:
                d.source, d.source_token = source, s_tok.i
                if d.target is None or _same(d.target, source):
                    d.target, d.target_token = self.resolver.participant(subj), subj.i
            return
        if cameo.startswith(("087", "15")) or cameo == "074":
            source, s_tok = _pick(self.resolver, [subj], None)
            if source is not None:
                d.source, d.source_token = source, s_tok.i
                if d.target is not None and _same(d.target, source):
                    d.target = d.target_token = None
            return
        imposed = self.by_token.get(subj.i)  # sanctions, bans, curfews are lifted by whoever imposed them
        if d.code.type in ("SANCTION", "RETREAT", "CONCEDE") and imposed is not None and \
                imposed.code.type in ("SANCTION", "COERCE"):  # ("their demands have been met": not by them)
            owners = [c for c in subj.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < subj.i]
            source, s_tok = _pick(self.resolver, owners, None)
            if source is not None:
                d.source, d.source_token = source, s_tok.i
                if d.target is not None and _same(d.target, source):
                    d.target = d.target_token = None
                if d.target is None:
                    found, t_tok = _pick(self.resolver, deeper([subj]), source)
                    if found is not None and t_tok is not None and t_tok.i != subj.i:
                        d.target, d.target_token = found, t_tok.i

    # -- frames ------------------------------------------------------------------------------------------
    def _recode(self, root: str, inner: Code) -> Code:
        return self.lex.family(root, inner.type)

    def _intent_root(self, code: Code) -> str:
        return "03" if code.type in COOPERATIVE else "13"

    def _apply_frame(self, d: Draft) -> None:
        if not d.code.type:
            return  # a statement (CAMEO 01): nothing to intend, threaten or deny
        frame = frame_of(d.trigger.token, self.lex, self.by_token)
        d.frame = frame
        if frame is None:
            return
        ftok = frame.token
        framer = self.drafts.get(ftok.i)
        if framer is not None and not framer.code.type and "+" in framer.trigger.key:
            # "denied the accusations": a statement about a claim, not a denial of an event of its own; but what
            # the accusation says happened ("denied charges that it tortured a priest") is denied by the denier
            if frame.kind == "deny" and d.trigger.token.i > ftok.i:
                d.polarity, d.modality = "negated", "claimed"
            d.frame = None
            return
        holder_tok = subject_of(ftok) if ftok.pos_ == "VERB" else subject_of(ftok.head) if ftok.dep_ == "acomp" \
            else None
        felt = any(c.dep_ == "dobj" and self.lex.frames.get(c.lemma_.lower()) == "express" for c in ftok.children)
        if frame.kind == "express" or felt:  # "offered condolences over the attack": the attack as it is
            d.frame = None
            return
        d.tokens.append(ftok.i)
        if framer is not None and frame.kind in _ABSORBING and not framer.dropped:
            root = {"intend": self._intent_root(d.code), "threaten": "13", "reject": "12"}.get(frame.kind)
            if frame.kind == "request":
                root = "02" if framer.code.cameo.startswith("02") else "10"
            if frame.kind == "intend" and framer.code.type not in ("AGREE",):
                return  # an intend frame that is an event of its own kind ("propose") keeps both
            framer.code = self._recode(root, d.code)
            if framer.target is None and frame.kind == "request":
                # "demanded that the US cancel its plans": the one asked is the complement's subject
                subj = subject_of(d.trigger.token) if d.trigger.kind == "verb" else None
                asked = self.resolver.participant(subj) if subj is not None else None
                if asked is not None and (framer.source is None or not _same(asked, framer.source)):
                    framer.target = asked
            if framer.target is None:
                framer.target, framer.target_token = d.target, d.target_token
            if frame.kind in ("intend", "threaten") and framer.modality == "actual":
                framer.modality = "threatened" if framer.code.type == "THREATEN" else "intended"
            framer.tokens.extend(d.tokens)
            framer.tokens.extend(_path(d.trigger.token, ftok))  # "threatened to resume attacks in Israel"
            d.dropped = True
            return
        holder = self.resolver.participant(holder_tok) if holder_tok is not None else None
        if frame.kind == "consider":  # "Japan is considering sending aid": a policy option, not yet an event
            d.dropped = True
            return
        if frame.kind == "deny":
            d.polarity = "negated"
            d.modality = "claimed"
            if d.source is None:
                d.source = holder
            if framer is not None:
                framer.code = self._recode("12", d.code)
                if framer.target is None:
                    framer.target = d.target
            return
        if frame.kind == "fail":  # "failed to agree on a quota"
            d.polarity = "negated"
            if d.source is None:
                d.source = holder
            return
        if frame.kind == "claim":
            if d.modality == "actual":
                d.modality = "claimed"
            return
        if d.source is None:
            d.source = holder
        if frame.kind == "intend":
            d.code = self._recode(self._intent_root(d.code), d.code)
            d.modality = "threatened" if d.code.type == "THREATEN" else "intended"
        elif frame.kind == "threaten":
            d.code = self._recode("13", d.code)
            d.modality = "threatened"
        elif frame.kind == "request":
            addressee = next((c for c in ftok.children if c.dep_ in ("dobj", "dative")), None)
            d.code = self._recode("02", d.code)
            d.target = self.resolver.participant(addressee) or d.target
            d.source = holder or d.source
        elif frame.kind == "reject":
            d.code = self._recode("12", d.code)

    def _apply_mood(self, d: Draft) -> None:
        tok = d.trigger.token
        verb = tok if tok.pos_ == "VERB" or tok.dep_ in ("nsubj", "csubj") else (
            tok.head if tok.head.pos_ in ("VERB", "AUX") else tok)  # "Li's visit will push ...": not a future visit
        if is_negated(tok) or (verb is not tok and tok.dep_ in ("dobj", "nsubjpass") and is_negated(verb)):
            d.polarity = "negated" if d.polarity == "asserted" else "asserted"
        words = aux_words(verb)
        if d.polarity == "negated" and words & {"can", "ca"} and d.code.type in COOPERATIVE and (
                d.frame is None or d.frame.kind == "claim"):  # "it cannot accept any more refugees": a refusal
            d.code, d.polarity = self._recode("12", d.code), "asserted"
        elif words & HEDGE_AUX or "if" in words or any(a.dep_ == "advcl" and "if" in aux_words(a) for a in [verb]):
            d.modality = "hypothetical"
        elif words & OBLIGATION_AUX and d.frame is not None and d.frame.kind == "claim":
            claimer = subject_of(d.frame.token)
            target = d.source
            d.code = self._recode("10", d.code)
            d.source = self.resolver.participant(claimer) if claimer is not None else d.source
            d.target = target
            d.modality = "actual"
        elif words & FUTURE_AUX and d.modality in ("actual", "claimed") and (d.frame is None or d.frame.kind == "claim"):
            root = "13" if _ultimatum(verb) else self._intent_root(d.code)  # "will withdraw unless ..."
            if root == "03" and d.polarity == "negated":  # "will not accept refugees": a refusal
                root, d.polarity = "12", "asserted"
            d.code = self._recode(root, d.code)
            d.modality = "threatened" if d.code.type == "THREATEN" else "intended"
        if d.modality == "actual" and tok.i in self.quote_of:
            d.modality = "claimed"

    def _obligations(self) -> None:
        """"X said Y must do Z": a demand by X on Y, also when Z names no event of the lexicon."""
        demand = self.lex.codes["100"]
        for token in _obligation_heads(self.doc):
            if token.pos_ != "VERB" or token.i in self.by_token or token.dep_ != "ccomp":
                continue
            if not aux_words(token) & OBLIGATION_AUX:
                continue
            frame = frame_of(token, self.lex, self.by_token)
            if frame is None or frame.kind != "claim":
                continue
            trig = Trigger(token, demand, "verb", "must")
            self.triggers.append(trig)
            self.by_token[token.i] = trig

    def candidates(self) -> list[Draft]:
        """Every draft the rules propose, in text order, with its arguments, frame and mood read; those the rules
        would not record (no source, or a dictionary verb without a target) included."""
        self._obligations()
        # nouns first: a relative clause's verb takes its source from the noun ("the raid that ousted X")
        for trig in sorted(self.triggers, key=lambda t: (t.kind != "noun", t.token.i)):
            draft = self._noun_draft(trig) if trig.kind == "noun" else self._verb_draft(trig)
            self.drafts[trig.token.i] = draft
        # nouns that are the object of an event verb are part of that event ("suspended aid", "lifted curfew")
        for d in self.drafts.values():
            tok = d.trigger.token
            if d.trigger.kind == "noun" and tok.dep_ == "compound" and tok.head.i in self.by_token \
                    and self.by_token[tok.head.i].kind == "noun":
                d.dropped = True  # "war games", "war crimes": the whole phrase is the event
                continue
            if d.trigger.kind == "noun" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i in self.drafts:
                head = self.drafts[tok.head.i]
                if frame_of(tok, self.lex, self.by_token) is None or head.trigger.token.lemma_ not in self.lex.frames:
                    d.dropped = True
                    if head.target is None:
                        head.target, head.target_token = d.target, d.target_token
                    if head.target is None and head.code.quad_class in (3, 4) and d.source is not None and (
                            head.source is None or not _same(head.source, d.source)):
                        # "police prevented the demonstration staged by students": the doers are the target
                        head.target, head.target_token = d.source, d.source_token
        for i in sorted(self.drafts, reverse=True):  # inner complements first, then their frames
            if not self.drafts[i].dropped:
                self._apply_frame(self.drafts[i])
        for d in self.drafts.values():
            if not d.dropped and d.code.type:
                self._apply_mood(d)
        for d in self.drafts.values():  # "Trump and Putin agreed": each is the other's counterpart
            if not d.dropped and d.target is None and d.source_token is not None:
                src = self.doc[d.source_token]
                partners = [c for c in src.children if c.dep_ == "conj"] + [  # "the Russian and US navies"
                    g for c in src.children if c.dep_ in ("amod", "compound") for g in c.children if g.dep_ == "conj"]
                target, t_tok = _pick(self.resolver, partners, d.source)
                if target is not None:
                    d.target, d.target_token = target, t_tok.i
        for d in self.drafts.values():  # "staged a hunger strike to demand the resignation of the president"
            if not d.dropped and d.target is None and d.code.type == "PROTEST":
                verb = d.trigger.token if d.trigger.kind == "verb" else d.trigger.token.head
                purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"]
                reasons = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"  # "in protest of X"
                           for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in ("protest", "support")]
                candidates = deeper([x for c in purposes for x in object_candidates(c)] + reasons)
                target, t_tok = _pick(self.resolver, candidates, d.source)
                if target is not None:
                    d.target, d.target_token = target, t_tok.i
        for d in self.drafts.values():
            if not d.dropped and d.target is None and d.code.type == "THREATEN":
                target, t_tok = _pick(self.resolver, condition_subjects(d.trigger.token), d.source)
                if target is not None:
                    d.target, d.target_token = target, t_tok.i
        for d in self.drafts.values():
            if not d.dropped and d.source is None and d.trigger.kind == "verb":
                self._agentless(d)
        if self.arguments is not None:
            words, view = frozenset(self.by_token), None
            for d in self.drafts.values():
                if not d.dropped and d.code.type:
                    view = view or DocView(self.doc)
                    choose(self.arguments, d, self.resolver, _same, words, view)
        for d in self.drafts.values():
            verb = d.trigger.token
            if not d.dropped and d.source is None and not (  # "until their demands have been met": the
                    verb.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in verb.children)):  # doer is unnamed
                speaker = self.resolver.speaker(d.trigger.token)
                if speaker is not None:
                    d.source, d.source_from_quote = speaker, True
            if not d.dropped and d.source is None and d.code.type:  # "activists were arrested in Moscow"
                d.source = implied_source(self.doc, d)
                d.implied = d.source is not None
            if d.target is not None and d.source is not None and _same(d.target, d.source):
                d.target = None
        return [d for _, d in sorted(self.drafts.items()) if not d.dropped and d.code.type]

    def drafts_in_order(self) -> list[Draft]:
        """The rules' events: every candidate with a source (and a target where its verb needs one)."""
        return [d for d in self.candidates() if d.source is not None
                and not (d.trigger.needs_target and d.target is None)]


def confidence(d: Draft) -> float:
    score = 0.45 if d.trigger.kind == "verb" else 0.4
    if d.source is not None and (d.source.actor or d.source.country):
        score += 0.2
    if d.target is not None and (d.target.actor or d.target.country):
        score += 0.15
    if d.source_from_quote or d.implied:
        score -= 0.1
    if d.modality == "hypothetical":
        score -= 0.15
    if d.frame is not None and d.frame.kind == "claim":
        score -= 0.05
    return max(0.05, min(0.95, score))


def _decided(doc: Doc, ex: Extractor, lex: EventLexicon, decision, ranker=None) -> list[tuple[Draft, float]]:
    """The drafts the learned decision keeps, each with its calibrated probability (see ``decision.py``)."""
    from chronicler.stages.events.decision import DISPUTE_FLOOR, MIN_KEPT, NONE, CandidateFinder, all_events, code_for

    finder = CandidateFinder(doc, ex, lex)
    keep_all = doc._.all_events if doc._.all_events is not None else all_events()
    whole = len(finder.sents) > 2  # an article: the arguments' confidence weighs in (see Decision)
    threshold = decision.threshold if whole else decision.sentence_threshold
    doc._.events_threshold = None if keep_all else threshold
    best: dict[tuple, tuple[Draft, float]] = {}
    for c in finder.find():
        if c.source is None:
            continue
        probs = decision.probabilities(c, floor=MIN_KEPT if keep_all else min(threshold, DISPUTE_FLOOR))
        kind = max((t for t in probs if t != NONE), key=probs.get)
        p = probs[kind]
        if p < threshold and not (keep_all and p >= MIN_KEPT) and not (
                p >= DISPUTE_FLOOR and c.origin != "clause"):  # held back: kept only if it forms a dispute
            continue
        code = code_for(lex, kind, c.draft)
        doer, p_source = decision.pick_source(c, finder)
        if doer is not None and doer.target is not None:
            c.source, c.source_token = doer.target, doer.token
            if c.draft is not None:
                c.draft.source, c.draft.source_token = doer.target, doer.token
        chosen, p_target = decision.pick_target(c, finder)
        if chosen is not None:
            c.target, c.target_token = chosen.target, chosen.token
            if c.draft is not None:
                c.draft.target, c.draft.target_token = chosen.target, chosen.token
        if whole:  # a doubtful doer or target: a doubtful event
            p *= decision.arguments_factor(p_source, p_target)
        # with every candidate kept (--all-events) the floor is the type's (MIN_KEPT, above): a doubtful doer
        # lowers the confidence shown, it does not hide the candidate
        if p < threshold and not keep_all and not (p >= DISPUTE_FLOOR and c.origin != "clause"):
            continue
        if c.draft is not None:
            d = c.draft
            d.code = code
        else:
            tok = c.token
            trig = Trigger(tok, code, "verb" if tok.pos_ in ("VERB", "AUX") else "noun", c.origin)
            d = Draft(trig, code, c.source, c.target, [tok.i] + [t for t in (c.source_token, c.target_token)
                                                                  if t is not None],
                      polarity=c.polarity, modality=c.modality, source_token=c.source_token,
                      target_token=c.target_token)
        key = (finder.sentence_index(c.token), kind, d.source.actor or d.source.name,
               (d.target.actor or d.target.name) if d.target is not None else None)
        if key not in best or p > best[key][1]:
            best[key] = (d, p)
    return sorted(best.values(), key=lambda dp: dp[0].trigger.token.i)


def extract_events(doc: Doc, lex: EventLexicon | None = None, ranker=None,
                   arguments: ArgumentModel | None = None, decision=None) -> list[Event]:
    """The document's events: with a ``decision`` (the component passes the shipped one), the learned decision
    over the candidates; without, the rules' drafts with the rules' confidence."""
    lex = lex or event_lexicon()
    ex = Extractor(doc, lex, arguments)
    doc._.events_threshold = None
    held: list[Event] = []
    below: set[int] = set()
    if decision is not None:
        kept = _decided(doc, ex, lex, decision, ranker)
        threshold = doc._.events_threshold
        if threshold is not None:
            below = {id(d) for d, p in kept if p < threshold}
    else:
        kept = [(d, None) for d in ex.drafts_in_order()]
    dates = Dates(doc, lex.event_nouns)
    places = doc._.places if doc._.places is not None else []
    events: list[Event] = []
    for d, probability in kept:
        tok = d.trigger.token
        sent = tok.sent
        lo = max(sent.start, min(d.tokens))
        hi = min(sent.end - 1, max(d.tokens))
        evidence = text_span(doc, doc[lo].idx, doc[hi].idx + len(doc[hi].text))
        if evidence is None:
            continue
        quote = ex.quote_of.get(tok.i)
        date = date_text = None
        if quote is not None and quote.date_text:
            date, date_text = quote.date, quote.date_text
        else:
            mention = dates.near(tok, future=d.modality in ("intended", "threatened"))
            if mention is not None:
                date, date_text = mention.date, mention.text
        location, in_text = event_location(doc, tok)
        events.append(Event(
            id="", type=d.code.type, cameo=d.code.cameo, quad_class=d.code.quad_class,
            goldstein=d.code.goldstein, polarity=d.polarity, modality=d.modality, source=d.source,
            target=d.target, date=date, date_text=date_text, location=location, evidence=evidence,
            quote=quote.id if quote else None,
            confidence=round(probability, 4) if probability is not None else confidence(d),
        ))
        attached = attached_place(doc, places, d)
        events[-1].target = place_target(events[-1], d, location, in_text, attached)
        place_domestic(events[-1], d, doc, attached_place(doc, places, d, beside_target=True))
        if decision is not None and doc._.events_threshold is not None and id(d) in below:
            held.append(events.pop())
    if ranker is not None and decision is None:
        ranker.rerank(doc, events)
    events.sort(key=lambda e: (-round(e.confidence, 6), e.evidence.start))
    for n, e in enumerate(events, 1):
        e.id = f"E{n}"
    for n, e in enumerate(held, 1):
        e.id = f"H{n}"
    doc._.events_held = held
    return events


@Language.component(
    "chronicler_events",
    assigns=["doc._.events"],
    requires=["doc._.actors", "doc._.token_actor", "doc._.quotes", "token.dep", "token.lemma"],
)
def events_component(doc: Doc) -> Doc:
    from chronicler.stages.events.decision import load_decision
    from chronicler.stages.events.ranker import load_ranker

    doc._.events = extract_events(doc, ranker=load_ranker(), arguments=load_argument_model(),
                                  decision=load_decision())
    return doc
