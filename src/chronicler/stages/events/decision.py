"""The learned event decision: candidates from the rules, the quotes and the clauses of a document, then a
linear model that keeps or drops each one and gives its type, with a calibrated probability.

Candidates:
- ``rule``: every draft of the rules (``Extractor.candidates``), also those the rules alone would not record;
- ``quote``: a statement, one per sentence of a quotation or reported view with a known speaker (the speaker is
  the source; an actor named in the words of that sentence, if any, the target), anchored on the cue when it is
  in that sentence;
- ``clause``: a verb whose subject is an actor, which neither the rules nor the quotes propose.
The model (``decision.json``, ``chronicler.learn.linear``; trained by ``scripts/train_events.py`` on the
project's whole-article annotations) reads the trigger (lemma, part of speech, the rules' reading, frame,
negation, mood, quote context, headline), its arguments (actor kinds) and the sentence's words, and gives a
probability to each of the 16 types and to "no event". An event is recorded with its most probable type when
that probability clears the threshold (``CHRONICLER_EVENTS_THRESHOLD``, else the one chosen for precision in
training; ``--all-events`` keeps every candidate whose best type beats "no event"). ``CHRONICLER_EVENTS_DECISION
=off`` restores the rules' own choice.

Doer and target: two option models (``source`` and ``target`` in ``decision.json``) score each reading of the doer
(the rules' choice, the speaker of the enclosing quote, the actors of the sentence and the two before, unnamed
groups) and of the target (also "none"), and the best of each is taken. In an article (more than two sentences)
the event's confidence is then the type's probability times the chance that both are right, to the power
``arguments_weight``: the doer's probability times the target's (plus that of "no target", since an event with
no target accepts any); a candidate whose doer or target is doubtful is a false triple more often than a false
type, and an analyst would rather miss it. A sentence given alone keeps the type's probability and has its own
bar (``sentence_threshold``).
"""
from __future__ import annotations

import json
import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from chronicler.learn.linear import LinearModel
from chronicler.nlp.arrays import parse_arrays
from chronicler.model import Participant, Quote
from chronicler.stages.events.arguments import object_candidates, subject_of
from chronicler.stages.events.draft import Draft
from chronicler.stages.events.lexicon import Code, EventLexicon
from chronicler.stages.events.triggers import FUTURE_AUX, HEDGE_AUX, Trigger, aux_words, is_negated

MODEL_FILE = "decision.json"
MIN_KEPT = 0.05  # with every candidate kept (--all-events): those whose best type is at least this likely
# Below the threshold, a statement or a rule's event at least this likely is held back, and kept after all when
# it forms a dispute with another (a claim and its denial by two parties bear each other out): its confidence
# is then lifted to the threshold (stages/disputes.py).
DISPUTE_FLOOR = 0.3
NONE = "NONE"
# The code an event gets when the model's type differs from the rules' (the type's general CAMEO code).
DEFAULT_CODES = {"ACCUSE": "111", "SUPPORT": "051", "REJECT": "120", "REQUEST": "020", "THREATEN": "130",
                 "CONSULT": "040", "AGREE": "030", "AID": "070", "COOPERATE": "060", "CONCEDE": "080",
                 "RETREAT": "0813", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "173",
                 "ASSAULT": "190"}
_CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "attr", "poss"}
# Groups and roles that act or are acted upon without a name ("the crowd", "prosecutors", "lawmakers").
_GROUP_NOUNS = {"crowd", "audience", "public", "protester", "demonstrator", "voter", "supporter", "critic",
                "opponent", "lawmaker", "legislator", "prosecutor", "agent", "officer", "official", "investigator",
                "researcher", "expert", "economist", "analyst", "activist", "resident", "worker", "employee",
                "student", "donor", "delegate", "republican", "democrat", "conservative", "liberal", "leader",
                "member", "party", "government", "administration", "committee", "panel", "court", "judge",
                "police", "troop", "soldier", "force", "militant", "rebel", "victim", "family", "parent",
                "immigrant", "refugee", "citizen", "journalist", "reporter", "staff", "aide", "adviser", "advocate"}
_ROLE_NOUNS = {"senator", "governor", "minister", "mayor", "representative", "candidate", "executive", "diplomat",
               "negotiator", "regulator", "banker", "lawyer", "attorney", "spokesman", "spokeswoman"}
_SKIP_CLAUSE = {"be", "have", "do", "say", "get", "make", "go", "come", "know", "think", "see", "want", "seem",
                "become", "remain", "look", "tell", "write", "add", "ask"}


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """Word -> valence (-4..4): the VADER lexicon (valence.tsv, built by scripts/build_valence.py)."""
    text = resources.files("chronicler.stages.events").joinpath("valence.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, v = line.split("\t")
            out[word] = float(v)
    return out


def _bucket(x: float) -> str:
    return "0" if x == 0 else "1" if x < 2 else "2" if x < 4 else "3"


@dataclass(slots=True)
class Candidate:
    origin: str  # rule, quote, clause
    token: Token  # the anchor: trigger, cue, or first word of the statement in this sentence
    source: Participant | None
    target: Participant | None
    draft: Draft | None = None
    quote: Quote | None = None
    source_token: int | None = None
    target_token: int | None = None
    polarity: str = "asserted"
    modality: str = "actual"
    features: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Option:
    target: Participant | None  # None: the event has no target
    token: int | None
    features: list[str]


def _kind(doc: Doc, p: Participant | None, tok: int | None, actors: dict) -> str:
    if p is None:
        return "none"
    if tok is not None and doc[tok].pos_ == "PRON":
        base = "pron"
    else:
        base = "name" if tok is not None and doc[tok].pos_ == "PROPN" else "noun"
    actor = actors.get(p.actor) if p.actor else None
    if actor is not None:
        return f"{actor.kind}|{base}"
    return f"{'placed' if p.country else 'plain'}|{base}"


class CandidateFinder:
    """All candidates of one document, with their features (one instance per document)."""

    def __init__(self, doc: Doc, extractor, lex: EventLexicon, ranker=None) -> None:
        self.doc = doc
        self.ranker = ranker
        self._quad: dict[int, dict[int, float]] = {}
        self._reading_memo: dict[str, set[str]] = {}
        self._bags: dict[int, list[str]] = {}
        self._flags: dict[int, list[str]] = {}
        self._bag_memo: dict[tuple[int, str], list[str]] = {}
        self._sentence_valence: dict[int, tuple[str, str]] = {}
        self.ex = extractor
        self.lex = lex
        self.actors = {a.id: a for a in doc._.actors or []}
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.quotes = [q for q in doc._.quotes or []]

    def sentence_index(self, tok: Token) -> int:
        return bisect_right(self.sent_starts, tok.i) - 1

    # -- candidates -------------------------------------------------------------------------------------
    def find(self) -> list[Candidate]:
        out: list[Candidate] = []
        taken: set[int] = set()
        for d in self.ex.candidates():
            c = Candidate("rule", d.trigger.token, d.source, d.target, draft=d, source_token=d.source_token,
                          target_token=d.target_token, polarity=d.polarity, modality=d.modality,
                          quote=self.ex.quote_of.get(d.trigger.token.i))
            out.append(c)
            taken.add(d.trigger.token.i)
        out += self._statements(taken)
        out += self._clauses(taken)
        if self.ranker is not None:
            self._sentence_quads(out)
        for c in out:
            c.features = self.features(c)
        return out

    # -- targets ----------------------------------------------------------------------------------------
    def _mentions(self) -> dict[str, list[int]]:
        """Actor id -> the token indices that name or refer to it, in text order."""
        if not hasattr(self, "_mention_memo"):
            memo: dict[str, list[int]] = {}
            for i, aid in sorted((self.doc._.token_actor or {}).items()):
                memo.setdefault(aid, []).append(i)
            self._mention_memo = memo
        return self._mention_memo

    def target_options(self, c: Candidate) -> list[Option]:
        """The target's possible readings: none, the rules' choice, every other actor named in the sentence, and
        the actors of the two sentences before (a target named only there), each with its features."""
        doc, tok = self.doc, c.token
        k = self.sentence_index(tok)
        sent = self.sents[k]
        lo = self.sents[max(0, k - 2)].start
        src = c.source.actor if c.source is not None else None
        kind = c.draft.code.type if c.draft is not None else c.origin
        opts = [Option(None, None, ["none", f"none|{c.origin}", f"none|{kind}"])]
        seen: set[str] = set()
        if c.target is not None:
            opts.append(Option(c.target, c.target_token, self._option_features(c, c.target, c.target_token, k, True)))
            seen.add(c.target.actor or c.target.name)
        counts = {aid: len(v) for aid, v in self._mentions().items()}
        top = max(counts, key=counts.get) if counts else None
        for aid, idxs in self._mentions().items():
            if aid == src or aid in seen or aid not in self.actors:
                continue
            near = [i for i in idxs if lo <= i < sent.end]
            if not near:
                continue
            i = min(near, key=lambda j: (j < sent.start, abs(j - tok.i)))
            p = Participant.from_actor(self.actors[aid])
            f = self._option_features(c, p, i, k, False)
            if aid == top:
                f.append("topic_actor")
            f.append(f"mentions={min(counts[aid], 5)}")
            opts.append(Option(p, i, f))
            seen.add(aid)
        opts += self._phrase_options(c, k, seen, exclude=src)
        return opts

    def _phrase_options(self, c: Candidate, k: int, seen: set[str], exclude: str | None) -> list[Option]:
        """Unnamed people and groups of the sentence that no actor covers ("federal agents", "the crowd",
        "prosecutors"), read as plain participants: the phrase is their name."""
        from chronicler.stages.events.placing import people_nouns

        index = self.doc._.token_actor or {}
        people = people_nouns()
        out = []
        for t in self.sents[k]:
            if t.i in index or t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _ARG_DEPS:
                continue
            lemma = t.lemma_.lower()
            plural = t.tag_ in ("NNS", "NNPS")
            if not (lemma in people or lemma in _GROUP_NOUNS or (plural and t.pos_ == "NOUN" and lemma in _ROLE_NOUNS)):
                continue
            left = min([x.i for x in t.children if x.dep_ in ("compound", "amod", "nmod") and x.i < t.i] + [t.i])
            name = self.doc[left:t.i + 1].text
            if name in seen or name == exclude:
                continue
            seen.add(name)
            f = self._option_features(c, Participant(name=name), t.i, k, False) + ["phrase", f"phrase_lemma={lemma}"]
            out.append(Option(Participant(name=name), t.i, f))
        return out

    def source_options(self, c: Candidate) -> list[Option]:
        """The doer's possible readings: the rules' choice, the speaker of the quote the word is in (or whose cue
        is in its sentence), every actor named in the sentence and the two before, each with its features."""
        tok = c.token
        k = self.sentence_index(tok)
        sent = self.sents[k]
        lo = self.sents[max(0, k - 2)].start
        opts: list[Option] = []
        seen: set[str] = set()
        speakers = self._speakers(sent)
        if c.source is not None:
            f = self._option_features(c, c.source, c.source_token, k, True)
            if (c.source.actor or c.source.name) in speakers:
                f += ["speaker", f"speaker|{c.origin}", f"speaker|{'in_quote' if c.quote is not None else 'out'}"]
            opts.append(Option(c.source, c.source_token, f))
            seen.add(c.source.actor or c.source.name)
        counts = {aid: len(v) for aid, v in self._mentions().items()}
        for aid, idxs in self._mentions().items():
            if aid in seen or aid not in self.actors:
                continue
            near = [i for i in idxs if lo <= i < sent.end]
            if not near and aid not in speakers:
                continue
            i = min(near, key=lambda j: (j < sent.start, abs(j - tok.i))) if near else None
            p = Participant.from_actor(self.actors[aid])
            f = self._option_features(c, p, i, k, False)
            if aid in speakers:
                f += ["speaker", f"speaker|{c.origin}", f"speaker|{'in_quote' if c.quote is not None else 'out'}"]
            f.append(f"mentions={min(counts[aid], 5)}")
            opts.append(Option(p, i, f))
            seen.add(aid)
        opts += self._phrase_options(c, k, seen, exclude=None)
        return opts

    def _speakers(self, sent) -> set[str]:
        """Who speaks in a sentence: the speakers of the quotes that overlap it (actor id, else name)."""
        out = set()
        for q in self.quotes:
            if q.speaker is not None and q.start < sent.end_char and sent.start_char < q.end:
                out.add(q.speaker.actor or q.speaker.name)
        return out

    def _option_features(self, c: Candidate, p: Participant, i: int | None, k: int, current: bool) -> list[str]:
        doc, tok = self.doc, c.token
        kind = c.draft.code.type if c.draft is not None else c.origin
        actor = self.actors.get(p.actor) if p.actor else None
        akind = actor.kind if actor is not None else ("placed" if p.country else "plain")
        f = [f"akind={akind}", f"akind|{kind}={akind}", f"origin={c.origin}"]
        if current:
            f += ["current", f"current|{kind}"]
        if i is None:
            return f + ["no_token"]
        t = doc[i]
        where = "before" if i < tok.i else "after"
        same = self.sentence_index(t) == k
        dist = abs(i - tok.i)
        f += [f"where={where}" if same else "prev_sentence", f"dep={t.dep_}", f"dep|{kind}={t.dep_}",
              f"where|{kind}={where if same else 'prev'}", f"dist={0 if dist < 3 else 1 if dist < 8 else 2 if dist < 16 else 3}",
              f"pos={t.pos_}", f"head={t.head.lemma_.lower()}", f"headdep={t.head.dep_}"]
        if t.head.i == tok.i:
            f.append(f"child_of_trigger={t.dep_}")
        if any(a.i == tok.i for a in t.ancestors):
            f.append("under_trigger")
        if c.quote is not None and c.quote.start <= t.idx < c.quote.end:
            f.append("in_quote")
        if t.dep_ == "poss":
            f.append("possessive")
            if t.head.i == tok.i:
                f.append(f"poss_of_trigger|{tok.pos_}")
        if t.pos_ == "PRON":
            f.append(f"pron={t.lower_}")
            if p.actor is None and p.name.lower() == t.lower_:
                f.append("pron_unresolved")
        f.append(f"ent={t.ent_type_ or '-'}")
        if p.actor is None and not p.country and t.pos_ == "NOUN" and t.ent_type_ == "":
            f.append("plain_noun")
        if t.dep_ == "pobj":  # "criticism from Democrats", "battered by the FBI", "talks with Iran"
            prep = t.head.lower_
            f.append(f"prep={prep}")
            if t.head.head.i == tok.i:
                f += [f"trigger_prep={prep}", f"trigger_prep|{kind}={prep}"]
            elif t.head.dep_ == "agent":
                f.append("agent_elsewhere")
        # a nominal trigger carried by a verb: "heaped criticism on the president", "held talks with Iran"
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj", "nsubjpass", "attr"):
            gov = tok.head if tok.dep_ != "pobj" else tok.head.head
            if t.head.i == gov.i:
                f += [f"governor_arg={t.dep_}", f"governor_arg|{kind}={t.dep_}"]
            elif t.dep_ == "pobj" and t.head.head.i == gov.i:
                f += [f"governor_prep={t.head.lower_}", f"governor_prep|{kind}={t.head.lower_}"]
        return f


    def _sentence_quads(self, cands: list[Candidate]) -> None:
        """The quad-class model's reading of each sentence that has a candidate (with the rules' events in it)."""
        from types import SimpleNamespace

        from chronicler.stages.events.ranker import sentence_features

        by_sent: dict[int, list] = {}
        for c in cands:
            k = self.sentence_index(c.token)
            events = by_sent.setdefault(k, [])
            d = c.draft
            if d is not None and d.source is not None and not (d.trigger.needs_target and d.target is None):
                events.append(SimpleNamespace(quad_class=d.code.quad_class, type=d.code.type, cameo=d.code.cameo,
                                              modality=d.modality, polarity=d.polarity))
        keys = sorted(by_sent)
        texts = [sentence_features(self.sents[k], by_sent[k]) for k in keys]
        for k, probs in zip(keys, self.ranker.probabilities(texts) if texts else []):
            self._quad[k] = probs

    def _statements(self, taken: set[int]) -> list[Candidate]:
        doc, out = self.doc, []
        starts = [t.idx for t in doc]
        for q in self.quotes:
            if q.speaker is None:
                continue
            actor = self.actors.get(q.speaker.actor) if q.speaker.actor else None
            source = Participant.from_actor(actor) if actor else Participant(name=q.speaker.name)
            lo, hi = bisect_left(starts, q.start), bisect_left(starts, q.end)
            if hi <= lo:
                continue
            cue = None
            if q.cue is not None:
                ci = bisect_left(starts, q.cue.start)
                cue = doc[ci] if ci < len(doc) else None
            s_tok = None
            if q.speaker.mention:
                si = bisect_left(starts, q.speaker.mention[0])
                s_tok = si if si < len(doc) else None
            seen: set[int] = set()
            for i in range(lo, hi):
                k = self.sentence_index(doc[i])
                if k in seen:
                    continue
                seen.add(k)
                sent = self.sents[k]
                anchor = cue if cue is not None and sent.start <= cue.i < sent.end else doc[i]
                if anchor.i in taken:
                    continue
                words = [t for t in doc[max(lo, sent.start):min(hi, sent.end)]]
                target, t_tok = self._named(words, source)
                pol = "negated" if cue is not None and anchor.i == cue.i and is_negated(cue) else "asserted"
                out.append(Candidate("quote", anchor, source, target, quote=q, source_token=s_tok,
                                     target_token=t_tok, polarity=pol))
        return out

    def _named(self, words: list[Token], source: Participant) -> tuple[Participant | None, int | None]:
        """The first actor named in ``words`` that is not the speaker (people and organisations first)."""
        index = self.doc._.token_actor or {}
        best = None
        for t in words:
            aid = index.get(t.i)
            if aid is None or aid == source.actor:
                continue
            actor = self.actors.get(aid)
            if actor is None:
                continue
            if source.actor is None and actor.name == source.name:
                continue
            found = (Participant.from_actor(actor), t.i)
            if actor.kind in ("person", "organization", "group"):
                return found
            best = best or found
        return best if best is not None else (None, None)

    def _clauses(self, taken: set[int]) -> list[Candidate]:
        out = []
        resolver = self.ex.resolver
        starts = parse_arrays(self.doc).idx
        cues = {bisect_left(starts, q.cue.start) for q in self.quotes if q.cue is not None}
        arrays = parse_arrays(self.doc)
        lemmas = arrays.lemma
        for i, pos in enumerate(arrays.pos):
            if pos != "VERB" or i in taken or i in cues or lemmas[i] in _SKIP_CLAUSE:
                continue
            tok = self.doc[i]
            subj = subject_of(tok)
            if subj is None:
                continue
            source = resolver.participant(subj)
            if source is None or (source.actor is None and source.country is None):
                continue
            target = t_tok = None
            for o in object_candidates(tok):
                p = resolver.participant(o)
                if p is not None and (p.actor or p.country) and not (p.actor and p.actor == source.actor):
                    target, t_tok = p, o.i
                    break
            pol = "negated" if is_negated(tok) else "asserted"
            out.append(Candidate("clause", tok, source, target, source_token=subj.i, target_token=t_tok,
                                 polarity=pol, quote=self.ex.quote_of.get(tok.i)))
        return out

    # -- features ---------------------------------------------------------------------------------------
    def _readings(self, lemma: str) -> set[str]:
        """The PLOVER types the CAMEO verb dictionary reads this lemma as (any of its patterns)."""
        if lemma not in self._reading_memo:
            from chronicler.stages.events.cameo_dictionary import cameo_dictionary

            kinds = set()
            for code in cameo_dictionary().codes_of(lemma):
                found = self.lex.codes.get(code)
                if found is not None and found.type:
                    kinds.add(found.type)
            self._reading_memo[lemma] = kinds
        return self._reading_memo[lemma]

    def _valence(self, c: Candidate, sent) -> tuple[str, str]:
        """How negative and how positive the candidate's words are: the statement's words in this sentence for a
        statement, else the sentence's."""
        lex = valence()
        doc = self.doc
        if c.origin == "quote" and c.quote is not None:
            words = [t for t in sent if c.quote.start <= t.idx < c.quote.end]
        else:
            k = self.sentence_index(c.token)
            if k in self._sentence_valence:
                return self._sentence_valence[k]
            words = list(sent)
        neg = pos = 0.0
        negated = False
        for t in words:
            if t.dep_ == "neg":
                negated = True
            v = lex.get(t.lower_, lex.get(t.lemma_.lower(), 0.0))
            if v < 0:
                neg -= v
            elif v > 0:
                pos += v
        if negated:
            neg, pos = max(neg, pos * 0.5), pos * 0.5
        del doc
        out = _bucket(neg), _bucket(pos)
        if not (c.origin == "quote" and c.quote is not None):
            self._sentence_valence[self.sentence_index(c.token)] = out
        return out

    def _headline(self, sent) -> bool:
        art = self.doc._.article
        span = getattr(art, "title_span", None) if art is not None else None
        return span is not None and sent.start_char < span[1]

    def features(self, c: Candidate) -> list[str]:
        tok, doc = c.token, self.doc
        lemma = tok.lemma_.lower()
        k = self.sentence_index(tok)
        sent = self.sents[k]
        d = c.draft
        rule = d.code.type if d is not None else "-"
        src_kind = _kind(doc, c.source, c.source_token, self.actors)
        tgt_kind = _kind(doc, c.target, c.target_token, self.actors)
        flags = self._sentence_flags(k)
        f = [f"origin={c.origin}", f"lemma={lemma}", f"pos={tok.pos_}", f"dep={tok.dep_}", f"rule={rule}",
             f"lemma_rule={lemma}|{rule}", f"origin_rule={c.origin}|{rule}", f"pol={c.polarity}",
             f"src={src_kind}", f"tgt={tgt_kind}",
             f"origin_tgt={c.origin}|{'none' if c.target is None else 'some'}", flags[0]]
        if d is not None:
            f += [f"cameo2={d.code.cameo[:2]}", f"mod={d.modality}", f"key={d.trigger.key}",
                  f"frame={d.frame.kind if d.frame else '-'}", f"kind={d.trigger.kind}"]
            if d.trigger.needs_target and d.target is None:
                f.append("needs_target_missing")
            if d.source_from_quote:
                f.append("source_from_quote")
            if d.implied:
                f.append("implied_source")
            if d.source is None:
                f.append("no_source")
        for t, code in ((self.lex.verbs.get(lemma), "v"), (self.lex.nouns.get(lemma), "n")):
            if t is not None:
                f.append(f"reading_{code}={t.type or 'stmt'}")
        for kind in self._readings(lemma):
            f.append(f"reading_c={kind}")
        neg, pos = self._valence(c, sent)
        f += [f"neg={neg}", f"pos={pos}", f"{c.origin}|neg={neg}", f"{c.origin}|pos={pos}",
              f"tgt{'1' if c.target is not None else '0'}|neg={neg}|pos={pos}"]
        if lemma in self.lex.frames:
            f.append(f"frame_word={self.lex.frames[lemma]}")
        q = c.quote
        if q is not None:
            f += [f"quote={q.kind}|{q.attribution}", f"origin_quote={c.origin}|{q.attribution}"]
            if q.cue is not None:
                f.append(f"cue={q.cue.text.lower()}")
        words = aux_words(tok) if tok.pos_ in ("VERB", "AUX") else set()
        if words & HEDGE_AUX or "would" in words:
            f.append("hedged")
        if words & FUTURE_AUX:
            f.append("future")
        f += flags[1:]
        if is_negated(tok):
            f.append("negated_word")
        if tok.i in self.ex.quote_of:
            f.append("inside_quote")
        for role, p in (("src", c.source), ("tgt", c.target)):
            actor = self.actors.get(p.actor) if p is not None and p.actor else None
            if actor is not None:
                f += [f"{role}_sector={actor.sector or '-'}", f"{role}_sector|{rule}={actor.sector or '-'}"]
            elif p is not None and p.country:
                f.append(f"{role}_sector=placed")
        if d is not None:
            f.append(f"rule_quad={d.code.quad_class}")
        if c.source is not None and c.target is not None and c.source.country and c.target.country:
            border = "cross" if c.source.country != c.target.country else "home"
            f += [f"border={border}", f"border|{rule}={border}"]
        if c.source is not None and c.target is not None:
            f.append(f"pair={src_kind.split('|')[0]}>{tgt_kind.split('|')[0]}")
        quad = self._quad.get(k)
        if quad:
            top = max(quad, key=quad.get)
            f += [f"qc_top={top}", f"qc_top={top}|{'hi' if quad[top] > 0.6 else 'lo'}"]
            if d is not None:
                f.append(f"qc_rule={round(quad.get(d.code.quad_class, 0.0) * 4)}")
        head = tok.head
        f.append(f"head={head.lemma_.lower()}" if head.i != tok.i else "head=ROOT")
        for ch in tok.children:
            if ch.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "prep", "xcomp", "ccomp"):
                f.append(f"arg={ch.dep_}|{ch.lemma_.lower()}")
        if q is not None and c.source is not None and q.speaker is not None and (
                (q.speaker.actor and q.speaker.actor == c.source.actor) or q.speaker.name == c.source.name):
            f.append("source_is_speaker")
        if c.origin == "quote" and q is not None:
            content = {t.lemma_.lower() for t in sent if q.start <= t.idx < q.end and t.pos_ in _CONTENT_POS
                       and not t.is_stop and t.is_alpha}
            f += [f"qw={w}" for w in sorted(content)]
        if len(self.sents) <= 2:  # a sentence given alone (a coded-sentence set, a lead): its own weights
            f += ["short_doc"] + [f"short|{x}" for x in f if x.startswith(
                ("origin", "rule=", "lemma_rule=", "src=", "tgt=", "pair=", "mod=", "frame=", "cameo2="))]
        f += self._bag_features(k, "w=")
        if c.origin != "rule":
            f += self._bag_features(k, f"wo={c.origin}|")
        return f

    def _sentence_flags(self, k: int) -> list[str]:
        """Features of the sentence itself: its place (headline, or its number), a condition, a question."""
        if k not in self._flags:
            sent = self.sents[k]
            flags = ["headline" if self._headline(sent) else f"sent={min(k, 5)}"]
            if any(t.lower_ == "if" for t in sent):
                flags.append("if_in_sentence")
            text = sent.text.rstrip()
            if text.endswith("?") or text.endswith("?\""):
                flags.append("question")
            self._flags[k] = flags
        return self._flags[k]

    def _bag_features(self, k: int, prefix: str) -> list[str]:
        key = (k, prefix)
        if key not in self._bag_memo:
            self._bag_memo[key] = [prefix + w for w in self._bag(k)]
        return self._bag_memo[key]

    def _bag(self, k: int) -> list[str]:
        """The sentence's content lemmas, sorted (worked out once per sentence)."""
        if k not in self._bags:
            self._bags[k] = sorted({t.lemma_.lower() for t in self.sents[k] if t.pos_ in _CONTENT_POS
                                    and not t.is_stop and t.is_alpha})
        return self._bags[k]


# -- the model ----------------------------------------------------------------------------------------------


@dataclass
class Decision:
    """Two linear models: is this candidate an event at all (calibrated), and of which type if so."""
    event: LinearModel
    kind: LinearModel
    threshold: float
    target: LinearModel | None = None
    source: LinearModel | None = None
    arguments_weight: float = 0.0
    sentence_threshold: float | None = None  # a sentence given alone: the type's probability alone, this bar

    def __post_init__(self) -> None:
        if self.sentence_threshold is None:
            self.sentence_threshold = self.threshold

    def choose_target(self, c: Candidate, finder: "CandidateFinder") -> Option | None:
        """The option the target model scores highest (None when there is no model or no option)."""
        return self.pick_target(c, finder)[0]

    def choose_source(self, c: Candidate, finder: "CandidateFinder") -> Option | None:
        return self.pick_source(c, finder)[0]

    def pick_target(self, c: Candidate, finder: "CandidateFinder") -> tuple[Option | None, float]:
        """The target model's choice and the chance it is not wrong: that of naming the right target, plus that of
        the event having none (where a target is chosen); 1.0: no model, no option."""
        if self.target is None:
            return None, 1.0
        options = finder.target_options(c)
        key = (c.source.actor or c.source.name) if c.source is not None else None
        options = [o for o in options if o.target is None or (o.target.actor or o.target.name) != key]
        chosen, p = _best(self.target, options)
        if chosen is not None and chosen.target is not None:
            # a target is wrong only where the event has another one: the "no target" reading's chance adds
            none = next((o for o in options if o.target is None), None)
            if none is not None:
                p = min(1.0, p + self.target.probabilities(none.features).get("1", 0.0))
        return chosen, p

    def pick_source(self, c: Candidate, finder: "CandidateFinder") -> tuple[Option | None, float]:
        """The source model's choice and its probability of naming the right doer (1.0: no model, no option)."""
        if self.source is None:
            return None, 1.0
        options = finder.source_options(c)
        own = next((o for o in options if own_doer(o.features)), None)
        if own is not None:  # "the US military raid": the noun's own modifier names its doer
            return own, self.source.probabilities(own.features).get("1", 0.0)
        return _best(self.source, options)

    def arguments_factor(self, p_source: float, p_target: float) -> float:
        """How much the event's confidence keeps once its doer and target are chosen: the chance both are right
        (the option models' probabilities) to the power ``arguments_weight`` (0: the type's probability alone).
        A candidate whose doer or target is doubtful is a false triple more often than a false type. Applied to
        whole articles only (more than two sentences): the option models learned their confidence on articles,
        and a sentence given alone (a coded-sentence set) has no context to resolve its arguments from, so its
        events keep the type's probability (as the decision's ``short_doc`` weights keep such sentences apart)."""
        if self.arguments_weight <= 0:
            return 1.0
        return max(p_source * p_target, 1e-6) ** self.arguments_weight

    def probabilities(self, c: Candidate, floor: float = 0.0) -> dict[str, float]:
        """P(no event) and P(event of each type). Below ``floor`` no type can reach it: the type model is not
        run (every type then 0)."""
        p_event = self.event.probabilities(c.features).get("EVENT", 0.0)
        if p_event < floor:
            return {NONE: 1.0 - p_event, **{k: 0.0 for k in self.kind.classes}}
        out = {k: p_event * v for k, v in self.kind.probabilities(c.features).items()}
        out[NONE] = 1.0 - p_event
        return out


OWN_DOER_DEPS = frozenset({"nmod", "compound", "amod", "poss"})


def own_doer(features: list[str]) -> bool:
    """The rules' doer is the nominal trigger's own modifier or possessor ("the US military raid", "Russia's
    bombing"): the phrase itself says who acts, and the source model does not overrule it (54 such events of the
    train split, out of fold: where the rules' doer was wrong the model's other choice was never right, and it
    was wrong twice where the rules' was right)."""
    return "current" in features and any(
        f.startswith("child_of_trigger=") and f.split("=", 1)[1] in OWN_DOER_DEPS for f in features)


def _best(model: LinearModel, options: list[Option]) -> tuple[Option | None, float]:
    if not options:
        return None, 1.0
    scored = [(model.probabilities(o.features).get("1", 0.0), n) for n, o in enumerate(options)]
    p, n = max(scored, key=lambda x: (x[0], -x[1]))
    return options[n], p


def code_for(lex: EventLexicon, kind: str, draft: Draft | None) -> Code:
    if draft is not None and draft.code.type == kind:
        return draft.code
    return lex.codes[DEFAULT_CODES[kind]]


def threshold_setting(default: float) -> float:
    value = os.environ.get("CHRONICLER_EVENTS_THRESHOLD")
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError:
        return default


def decision_switched_on() -> bool:
    """``CHRONICLER_EVENTS_DECISION=off`` turns the learned decisions off, in every language."""
    return os.environ.get("CHRONICLER_EVENTS_DECISION", "on").lower() not in ("off", "0", "no")


@lru_cache(maxsize=1)
def load_decision() -> Decision | None:
    if not decision_switched_on():
        return None
    try:
        data = json.loads(resources.files("chronicler.stages.events").joinpath(MODEL_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return Decision(LinearModel(data["event"]), LinearModel(data["type"]), threshold_setting(float(data["threshold"])),
                    LinearModel(data["target"]) if data.get("target") else None,
                    LinearModel(data["source"]) if data.get("source") else None,
                    float(data.get("arguments_weight", 0.0)),
                    threshold_setting(float(data.get("sentence_threshold", data["threshold"]))))


def all_events() -> bool:
    return os.environ.get("CHRONICLER_ALL_EVENTS", "").lower() in ("1", "on", "yes", "true")
