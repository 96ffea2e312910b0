"""Spanish events: event words with their arguments -> coded Event records, over the Universal Dependencies
parse of the Spanish model (nsubj, obj, obl + case, ccomp, xcomp, advcl + mark).

- triggers: a verb of verbs.tsv (lemma, "lemma+se", "lemma prep") or, failing that, a pattern of
  UniversalPetrarch's dictionary on the verb's object or prepositional phrase (its verbs' own codes alone are too
  mixed to make an event: on the dev sets, dropping them raised whole-article F1 0.298 -> 0.345 and protest type
  recall 0.333 -> 0.336, CAMEO sentences 0.475 -> 0.487, lowered Colombian notes 0.728 -> 0.640); a noun of
  nouns.tsv (a word, a noun and the adjective after it, or three words: "huelga de hambre", "alto el fuego");
- source: the verb's subject (through "miles de estudiantes" to the people counted), the "por" phrase of a
  passive, the subject of the verb that governs an infinitive; Spanish leaves out subjects: a verb with none
  takes the speaker of the quotation it is in, else nobody (no event);
- target: the object, else an "a / contra / con / hacia / ante" phrase; for nouns, their "de" phrase by the
  noun's role ("la captura de Maduro": patient) and "contra / con" phrases; the subject of a light verb
  ("realizaron una protesta") is the noun's source;
- frames (frames.tsv): deny ("negó que haya conversaciones": the complement negated and claimed; the denial a
  REJECT), threaten ("amenazó con cortar"), request ("pidió a Cuba que negocie"), reject, claim ("dijo que"),
  intend ("prometió"), fail, consider;
- mood: "no"/"nunca" negate; "podría", a conditional or "si" make it hypothetical; a future or "va a" makes it
  intended (conflict: threatened, coded THREATEN as the English stage does).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from chronicler.model import Actor, Event, Location, Participant, Quote
from chronicler.nlp.spans import original_text, text_span
from chronicler.stages.events.es.lexicon import SpanishEventLexicon, fold
from chronicler.stages.disputes import SYMMETRIC
from chronicler.stages.events.lexicon import Code
from chronicler.stages.temporal_es import find_dates_es

TARGET_CASES = ("a", "al", "contra", "con", "hacia", "ante", "sobre")
PARTITIVES = frozenset({"mil", "miles", "millar", "millares", "cientos", "centenar", "centenares", "decena",
                        "decenas", "docena", "docenas", "grupo", "grupos", "parte", "mayoría", "millones", "millón",
                        "todos", "unos", "varios", "muchos", "cientos", "numeroso", "número", "columna"})
LIGHT_VERBS = frozenset({"realizar", "llevar", "hacer", "convocar", "iniciar", "mantener", "protagonizar",
                         "organizar", "celebrar", "efectuar", "lanzar", "emprender", "declarar", "sostener",
                         "tener", "haber", "estar", "participar", "anunciar", "cumplir", "continuar", "encabezar",
                         "dirigir", "perpetrar", "cometer", "imponer", "aplicar", "entablar", "reanudar"})
_ABSORBING = {"threaten", "request", "reject"}
CLAUSE_TARGETS = frozenset({"ACCUSE", "REJECT", "REQUEST"})
OWNER_TARGETS = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
SHORT_DOC = 2  # sentences: a document this short is read by the rules alone
NOT_PARTIES = frozenset({  # words the parse may give as a doer or target that name no one
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "sept", "set", "oct", "nov", "dic", "enero",
    "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
    "noviembre", "diciembre", "efe", "afp", "ap", "dpa", "ansa", "hora", "dia", "semana", "mes", "ano", "vez",
    "veces", "millon", "millones", "parte", "resto", "caso", "casos", "medida", "medidas"})


@dataclass
class Draft:
    token: Token
    code: Code
    kind: str  # verb | noun
    source: Participant | None = None
    target: Participant | None = None
    source_tok: Token | None = None
    target_tok: Token | None = None
    polarity: str = "asserted"
    modality: str = "actual"
    tokens: list[int] = field(default_factory=list)
    dropped: bool = False
    from_quote: bool = False
    needs_target: bool = False
    frame: str | None = None
    inherited: bool = False  # the source is a subject Spanish left out, read from the clause before
    probability: float | None = None  # the learned decision's, where one is loaded
    words: set[int] = field(default_factory=set)  # a noun of several words: all of its tokens


def _case(tok: Token) -> str:
    """The preposition of a nominal (its "case" child, "de" in "del")."""
    words = [c.lower_ for c in tok.children if c.dep_ == "case" and c.i < tok.i]
    if not words:
        return ""
    w = " ".join(words)
    return {"del": "de", "al": "a"}.get(w, w)


def _is_se(tok: Token) -> bool:
    return tok.lower_ == "se" and tok.dep_ in ("obj", "iobj", "expl:pass", "expl:pv", "expl")


_PASSIVE_AUX = frozenset({"ser", "resultar", "quedar", "salir"})


def _passive(verb: Token) -> bool:
    """"fueron dispersados", "han resultado heridos", "quedó detenido": the subject is acted on ("se detuvo a" is
    impersonal, with no subject, not passive here)."""
    if "Part" not in verb.morph.get("VerbForm") and verb.pos_ != "ADJ":
        return False
    if any(c.dep_ in ("aux", "aux:pass", "cop") and fold(c.lemma_) in _PASSIVE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and fold(verb.head.lemma_) in _PASSIVE_AUX


class SpanishExtractor:
    def __init__(self, doc: Doc, lex: SpanishEventLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = original_text(doc)
        self.index = doc._.token_actor or {}
        self.actors = {a.id: a for a in doc._.actors or []}
        self.quotes = [q for q in doc._.quotes or [] if q.attribution == "speech"]
        self.quote_of = self._quote_index(self.quotes)
        article = doc._.article
        self.published = article.published if article is not None else None
        self.drafts: dict[int, Draft] = {}

    @cached_property
    def sentence_numbers(self) -> dict[int, int]:
        """Each sentence's first token -> its number in the document (0: the first, usually the headline)."""
        return {sent.start: n for n, sent in enumerate(self.doc.sents)}

    def _quote_index(self, quotes: list[Quote]) -> dict[int, Quote]:
        if not quotes:
            return {}
        starts = [t.idx for t in self.doc]
        out = {}
        for q in quotes:
            for i in range(bisect_left(starts, q.start), bisect_left(starts, q.end)):
                out[i] = q
        return out

    # -- participants ------------------------------------------------------------------------------------------
    def actor(self, tok: Token) -> Actor | None:
        for t in (tok, *[c for c in tok.children if c.dep_ in ("flat", "appos", "amod", "compound")]):
            aid = self.index.get(t.i)
            if aid in self.actors:
                return self.actors[aid]
        return None

    def participant(self, tok: Token | None, acted_on: bool = False) -> tuple[Participant | None, Token | None]:
        """The party a word names: an actor, a proper name, a plain noun phrase (as a target, ``acted_on``, only
        one that can stand for people: see below), the country of a demonym; else None."""
        if tok is None or tok.pos_ in ("PRON", "DET") and tok.lower_ in ("que", "quien", "quienes", "se", "lo",
                                                                        "la", "los", "las", "le", "les"):
            return None, None
        if fold(tok.text) in NOT_PARTIES or not tok.text[:1].isalnum():  # a dateline's month or wire, a mark
            return None, None
        if fold(tok.lemma_ or tok.text) in PARTITIVES or tok.pos_ == "NUM":  # "miles de estudiantes"
            inner = next((c for c in tok.children if c.dep_ == "nmod" and _case(c) == "de"), None)
            if inner is not None:
                return self.participant(inner, acted_on)
        actor = self.actor(tok)
        if actor is not None and actor.country is None:  # "guerrilleros del Frente 13 de las FARC": the FARC's
            inner = self._owner(tok)
            if inner is not None:
                return Participant.from_actor(inner[0]), inner[1]
        if actor is not None:
            return Participant.from_actor(actor), tok
        if tok.pos_ == "PROPN":
            lo = tok
            hi = max([tok, *[c for c in tok.children if c.dep_ == "flat"]], key=lambda t: t.i)
            span = text_span(self.doc, lo.idx, hi.idx + len(hi.text))
            if span is not None:
                return Participant(name=span.text), tok
        if tok.pos_ == "NOUN" and tok.i not in self.drafts:  # "comunidades indígenas": named, not coded
            p = self.noun_phrase(tok)
            # a thing acted upon is no target: a plain noun stands for people only in the plural ("comerciantes",
            # "vecinos"), with its country ("la empresa estatal venezolana") or as a role ("el portavoz"); not
            # "derogó el decreto", "negó cualquier vínculo"
            if p is None or fold(tok.lemma_) in NOT_PARTIES or (
                    acted_on and not ("Plur" in tok.morph.get("Number") or p.country or self._role_word(tok))):
                return None, None
            return p, tok
        if tok.pos_ == "ADJ":  # "la operación militar estadounidense": the country of a demonym
            from chronicler.stages.actors.es.lexicon import spanish_lexicon

            iso3 = spanish_lexicon().country(tok.text)
            if iso3 is not None:
                actor = next((a for a in self.actors.values() if a.kind == "country" and a.country == iso3), None)
                if actor is not None:
                    return Participant.from_actor(actor), tok
                return Participant(name=spanish_lexicon().en.name_of(iso3), country=iso3, code=iso3), tok
        return None, None

    @staticmethod
    def _role_word(tok: Token) -> bool:
        """A title or role ("el presidente", "el portavoz"): a person, though of no country we know."""
        from chronicler.stages.actors.es.lexicon import key, singular, spanish_lexicon

        roles = spanish_lexicon().roles  # our own list: UniversalPetrarch's agents hold "decreto" and such
        return any(form in roles for text in {tok.lemma_ or tok.text, tok.text} for form in singular(key(text)))

    def _owner(self, tok: Token, depth: int = 2) -> tuple[Actor, Token] | None:
        """An actor with a country in the "de" phrases below a word ("del Frente 13 de las FARC")."""
        if depth == 0:
            return None
        for c in tok.children:
            if c.dep_ in ("nmod", "flat", "appos") and c.i > tok.i:
                actor = self.actor(c)
                if actor is not None and actor.country:
                    return actor, c
                found = self._owner(c, depth - 1)
                if found is not None:
                    return found
        return None

    def noun_phrase(self, tok: Token) -> Participant | None:
        """A plain noun as a participant: the noun with the adjectives after it ("comunidades indígenas"), its
        country where an adjective or "de" phrase gives one."""
        from chronicler.stages.actors.es.lexicon import spanish_lexicon

        if not tok.text[:1].isalnum():
            return None
        words = [tok] + [c for c in tok.children if c.dep_ == "amod" and c.i > tok.i and c.i - tok.i <= 3]
        hi = max(words, key=lambda t: t.i)
        span = text_span(self.doc, tok.idx, hi.idx + len(hi.text))
        if span is None:
            return None
        country = None
        lex = spanish_lexicon()
        for c in tok.children:
            if c.dep_ in ("amod", "nmod") and c.i > tok.i:
                aid = self.index.get(c.i)
                actor = self.actors.get(aid) if aid else None
                country = (actor.country if actor is not None and actor.kind == "country" else None) \
                    or (lex.country(c.text) if c.dep_ == "amod" else None)
                if country:
                    break
        return Participant(name=span.text, country=country, code=country)

    def subject(self, verb: Token) -> Token | None:
        cur = verb
        for _ in range(4):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None:
                return subj
            if cur.dep_ in ("conj", "xcomp") or (cur.dep_ in ("advcl", "acl") and "Inf" in cur.morph.get("VerbForm")):
                cur = cur.head  # "se reunieron y acordaron", "amenazó con cortar": the first verb's subject
                continue
            return None
        return None

    def dropped_subject(self, verb: Token) -> Token | None:
        """Spanish leaves out a subject it has just named: a finite verb in the third person without one takes
        the subject of the clause before it in its sentence, else of the main clause of the sentence before
        ("Los maestros iniciaron una huelga. Exigen aumentos salariales.")."""
        if "Fin" not in verb.morph.get("VerbForm") or "3" not in verb.morph.get("Person") \
                or any(_is_se(c) for c in verb.children):  # "se detuvo a": impersonal, nobody named
            return None
        number = verb.morph.get("Number")
        sent = verb.sent
        for tok in reversed(self.doc[sent.start:verb.i]):
            if tok.dep_ == "nsubj" and tok.head.i != verb.i and tok.head.pos_ in ("VERB", "AUX") \
                    and tok.head.morph.get("Number") == number:
                return tok
        if sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
            if subj is not None and prev.root.morph.get("Number") == number and subj.pos_ in ("PROPN", "NOUN"):
                return subj
        return None

    def agent_of_passive(self, verb: Token) -> Token | None:
        return next((c for c in verb.children if c.dep_ in ("obj", "obl") and _case(c) == "por"), None)

    def speaker(self, tok: Token) -> Participant | None:
        """The speaker of the quotation a word is in (kept for reported speech too: limiting it to direct
        quotations lowered all four dev sets, whole-article F1 0.350 -> 0.338)."""
        quote = self.quote_of.get(tok.i)
        if quote is None or quote.speaker is None:
            return None
        actor = self.actors.get(quote.speaker.actor) if quote.speaker.actor else None
        return Participant.from_actor(actor) if actor is not None else Participant(name=quote.speaker.name)

    # -- triggers ----------------------------------------------------------------------------------------------
    def _verb_code(self, verb: Token) -> tuple[Code | None, bool, list[int]]:
        """(code, needs a target, extra token indices) of a verb, or (None, ...)."""
        lemma = fold(verb.lemma_ or verb.text)
        reflexive = any(_is_se(c) for c in verb.children)
        if " " in lemma:  # "reunirse" -> "reunir él": the model splits an attached clitic into the lemma
            lemma = lemma.split()[0]
            reflexive = reflexive or fold(verb.text).endswith("se")
        preps = [(_case(c), c) for c in verb.children if c.dep_ in ("obl", "obj", "iobj", "advcl", "xcomp")]
        preps += [(m.lower_, c) for c in verb.children if c.dep_ in ("advcl", "xcomp")
                  for m in c.children if m.dep_ == "mark"]
        for prep, c in preps:
            if prep and f"{lemma} {prep}" in self.lex.verbs:
                return self.lex.verbs[f"{lemma} {prep}"], False, [c.i]
        if reflexive and f"{lemma}+se" in self.lex.verbs:
            return self.lex.verbs[f"{lemma}+se"], False, []
        if lemma in self.lex.verbs and not (reflexive and f"{lemma}+se" in self.lex.verbs):
            if lemma == "manifestar" and not reflexive:
                return None, False, []
            return self.lex.verbs[lemma], False, []
        if not self.lex.dict_verbs or lemma not in self.lex.dict_verbs:
            return None, False, []
        for c in verb.children:  # UniversalPetrarch's patterns: the object, or a phrase with its preposition
            if c.dep_ in ("obj", "obl", "xcomp"):
                if fold(c.lemma_ or c.text) in self.lex.nouns or fold(c.text) in self.lex.nouns:
                    continue  # an event noun of our own list is its own event ("realizaron una marcha": PROTEST)
                key = (lemma, _case(c), fold(c.lemma_ or c.text))
                if key in self.lex.dict_patterns:
                    code = self.lex.dict_patterns[key]
                    return code, False, [c.i]
        return None, False, []  # the dictionary's verb alone: its codes are too mixed to stand on their own

    def find_triggers(self) -> None:
        for tok in self.doc:
            if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
                code, needs_target, extra = self._verb_code(tok)
                if code is not None and code.type:
                    self.drafts[tok.i] = Draft(tok, code, "verb", tokens=[tok.i, *extra], needs_target=needs_target)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ == "":
                lemma = fold(tok.lemma_ or tok.text)
                adjective = next((fold(c.text) for c in tok.children if c.dep_ == "amod" and c.i == tok.i + 1), "")
                three = " ".join([lemma] + [fold(t.text) for t in self.doc[tok.i + 1:tok.i + 3]])
                found = self.lex.nouns.get(three) or (adjective and self.lex.nouns.get(f"{lemma} {adjective}")) \
                    or self.lex.nouns.get(lemma) or self.lex.nouns.get(fold(tok.text))
                before = " ".join(fold(t.text) for t in self.doc[max(0, tok.i - 1):tok.i + 1])
                if found is not None and found[0].type and before not in self.lex.idioms:
                    self.drafts[tok.i] = Draft(tok, found[0], "noun", tokens=[tok.i])
                    self.drafts[tok.i].frame = "patient" if found[1] else None
                    width = 3 if self.lex.nouns.get(three) is found else \
                        2 if adjective and self.lex.nouns.get(f"{lemma} {adjective}") is found else 1
                    self.drafts[tok.i].words = set(range(tok.i, tok.i + width))  # "huelga de hambre": one noun

    # -- arguments ---------------------------------------------------------------------------------------------
    def _pick(self, toks: list[Token], exclude: Participant | None = None,
              acted_on: bool = False) -> tuple[Participant | None, Token | None]:
        named = None
        for t in toks:
            p, pt = self.participant(t, acted_on)
            if p is None or (exclude is not None and _same(p, exclude)):
                continue
            if p.actor is not None or p.country is not None:
                return p, pt
            if named is None:
                named = (p, pt)
        return named or (None, None)

    def verb_arguments(self, d: Draft) -> None:
        verb = d.token
        passive = _passive(verb) or (fold(verb.lemma_) in _PASSIVE_AUX and any(  # "resultaron heridos"
            c.dep_ in ("obj", "xcomp") and ("Part" in c.morph.get("VerbForm") or c.pos_ == "ADJ")
            for c in verb.children))
        subj = self.subject(verb)
        if verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm") and subj is None:
            # "los estudiantes detenidos por la policía": the noun is acted on, "por" names the doer
            agent = self.agent_of_passive(verb)
            d.source, d.source_tok = self.participant(agent) if agent is not None else (None, None)
            d.target, d.target_tok = self.participant(verb.head, acted_on=True)
            return
        if passive:
            agent = self.agent_of_passive(verb)
            d.source, d.source_tok = self.participant(agent) if agent is not None else (None, None)
            d.target, d.target_tok = self.participant(subj, acted_on=True) if subj is not None else (None, None)
            return
        if subj is None and self.speaker(verb) is None:
            subj = self.dropped_subject(verb)
            d.inherited = subj is not None
        if subj is not None:
            if subj.lower_ in ("que", "quien", "quienes", "cual") and subj.head.dep_ == "acl":
                subj = subj.head.head  # "los estudiantes que protestaron", "la operación que derrocó y capturó"
            d.source, d.source_tok = self.participant(subj)
            event = self.drafts.get(subj.i)
            if d.source is None and event is not None and event.kind == "noun":
                d.source, d.source_tok = event.source, event.source_tok  # "la operación que capturó a X"
        objects = [c for c in verb.children if c.dep_ in ("obj", "iobj") and not _is_se(c)]
        obliques = [c for c in verb.children if c.dep_ in ("obl", "nmod") and _case(c) in TARGET_CASES]
        # Spanish marks a person acted on with "a": such a phrase before a bare object ("amenazaron de muerte a
        # los candidatos")
        marked = [c for c in objects + obliques if _case(c) in ("a", "al")]
        d.target, d.target_tok = self._pick(marked + [c for c in objects + obliques if c not in marked], d.source, True)
        if d.target is None:
            # a thing given or cut off and whom it goes to: "cortar el petróleo que Venezuela enviaba a Cuba",
            # "suspendió la ayuda destinada a Haití": the one it goes to is acted upon
            for obj in objects:
                to = [t for t in obj.subtree if t.i != obj.i and t.dep_ in ("obl", "nmod", "iobj")
                      and _case(t) in ("a", "al", "para") and self.actor(t) is not None]
                d.target, d.target_tok = self._pick(to[:1], d.source, True)
                if d.target is not None:
                    break
        if d.target is None and d.code.type in OWNER_TARGETS:
            # criticising or defending a thing is acting on its owner: "calificó de ilegales las sanciones de
            # Washington", "rechazó el plan del Gobierno"
            for obj in objects:
                owner = [c for c in obj.children if c.dep_ in ("nmod", "amod") and c.i > obj.i
                         and (_case(c) in ("de", "del") or c.dep_ == "amod") and self.actor(c) is not None]
                d.target, d.target_tok = self._pick(owner[:1], d.source, True)
                if d.target is not None:
                    break
        if d.target is None and d.code.type in CLAUSE_TARGETS and fold(verb.lemma_) not in self.lex.frames:
            # "criticó que el Gobierno utilice la ayuda", "rechazó que Washington imponga": whom it is about
            for c in verb.children:
                if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "que" for m in c.children):
                    subj = self.subject(c)
                    p, pt = self.participant(subj) if subj is not None else (None, None)
                    if p is not None and (p.actor or p.country) and (d.source is None or not _same(p, d.source)):
                        d.target, d.target_tok = p, pt
                    break

    def noun_arguments(self, d: Draft) -> None:
        noun = d.token
        mods = [c for c in noun.children if c.dep_ in ("nmod", "amod", "appos") and c.i not in d.words]
        de = [c for c in mods if _case(c) == "de" or (c.dep_ == "amod" and c.i > noun.i)]
        others = [c for c in mods if _case(c) in ("contra", "con", "a", "hacia", "ante", "entre", "en contra de")]
        patient = d.frame == "patient"
        d.frame = None
        by = [c for c in mods if _case(c) == "por"]  # "la captura de Maduro por Estados Unidos"
        if by:
            d.source, d.source_tok = self._pick(by)
        if patient:
            d.target, d.target_tok = self._pick(de, acted_on=True)
        elif d.source is None:
            d.source, d.source_tok = self._pick([c for c in de if c.dep_ != "amod"])
            if d.source is None:  # "la protesta estudiantil", "ataques estadounidenses"
                d.source, d.source_tok = self._pick([c for c in de if c.dep_ == "amod"])
        if d.target is None:
            d.target, d.target_tok = self._pick(others, d.source, True)
        # the noun's phrase: "una jornada de protesta", "la ola de huelgas": the container noun's doers are
        # the event's ("los maestros iniciaron una jornada de protesta")
        phrase = noun
        while phrase.dep_ == "nmod" and phrase.head.pos_ == "NOUN" and _case(phrase) in ("de", "") \
                and phrase.head.i not in self.drafts and phrase.head.i != phrase.i:
            phrase = phrase.head
        if d.source is None and phrase is not noun:
            d.source, d.source_tok = self._pick([c for c in phrase.children if c.dep_ == "nmod" and c.i != noun.i
                                                 and _case(c) == "de" and c.i not in self.drafts])
        head = phrase.head
        light = fold(head.lemma_) in LIGHT_VERBS or (
            phrase.dep_ == "obj" or (phrase.dep_ == "obl" and _case(phrase) in ("en", "a", "")))
        if d.source is None and phrase.dep_ in ("obj", "obl", "nsubj") and head.pos_ in ("VERB", "AUX") \
                and head.i not in self.drafts and light and fold(head.lemma_) not in self.lex.frames:
            if phrase.dep_ != "nsubj":  # "realizaron una protesta", "participaron en la marcha"
                subj = self.subject(head) or self.dropped_subject(head)
                if subj is not None:
                    d.source, d.source_tok = self.participant(subj)
                if d.target is None:
                    targets = [c for c in head.children if c.dep_ in ("obl",) and _case(c) in TARGET_CASES]
                    d.target, d.target_tok = self._pick(targets, d.source, True)
            d.tokens.append(head.i)

    # -- frames and mood -----------------------------------------------------------------------------------------
    def governing(self, d: Draft) -> Token | None:
        """The verb whose complement the event is in: "negó [estar en negociaciones]", "amenazó con [cortar]"."""
        cur = d.token
        if d.kind == "noun":
            cur = cur.head
            if cur.i == d.token.i:
                return None
            predicate = any(c.dep_ == "cop" for c in cur.children)  # "que las conversaciones estaban en marcha"
            if cur.pos_ not in ("VERB", "AUX") and not (predicate and d.token.dep_ == "nsubj"):
                return None
            if fold(cur.lemma_) in self.lex.frames and d.token.dep_ in ("obj", "nsubj"):
                return cur  # "niega conversaciones": the noun is the frame verb's object
            if cur.i in self.drafts:
                return None
        for _ in range(2):
            if cur.dep_ in ("ccomp", "xcomp", "advcl", "csubj") and cur.head.i != cur.i:
                head = cur.head
                if fold(head.lemma_) in self.lex.frames:
                    return head
                cur = head
                continue
            if cur.dep_ == "conj":
                cur = cur.head
                continue
            break
        return None

    def apply_frame(self, d: Draft) -> None:
        ftok = self.governing(d)
        if ftok is None:
            return
        kind = self.lex.frames[fold(ftok.lemma_)]
        if kind == "deny" and any(_is_se(c) for c in ftok.children):
            kind = "reject"  # "se negó a renunciar": a refusal, not a denial of a fact
        framer = self.drafts.get(ftok.i)
        holder_tok = self.subject(ftok)
        holder, _ = self.participant(holder_tok) if holder_tok is not None else (None, None)
        if holder is None:
            holder = self.speaker(ftok)
        d.frame = kind
        if kind in _ABSORBING and framer is not None and not framer.dropped and framer.token.i != d.token.i:
            if framer.target is None:
                if kind == "request":
                    subj = self.subject(d.token) if d.kind == "verb" else None
                    asked, _ = self.participant(subj) if subj is not None and subj.i != (holder_tok.i if holder_tok
                                                                                        is not None else -1) \
                        else (None, None)
                    framer.target = asked or d.target
                else:
                    framer.target = d.target
            framer.tokens.extend(d.tokens)
            if d.code.type and d.code.type != framer.code.type and d.code.type != "THREATEN":
                # the act asked for, threatened or refused is recorded too, as the codebook says ("exigió a Israel
                # que permita la entrada": REQUEST, and CONCEDE requested of Israel; "se negó a renunciar": a
                # negated CONCEDE beside the REJECT)
                if kind == "request":
                    d.modality = "requested"
                    if framer.target is not None and (d.source is None or (framer.source is not None
                                                                           and _same(d.source, framer.source))):
                        d.source, d.source_tok = framer.target, framer.target_tok
                elif kind == "threaten":
                    d.modality = "threatened"
                    d.source = d.source or framer.source
                else:
                    d.polarity = "negated"
                    d.source = d.source or framer.source
                if d.target is not None and d.source is not None and _same(d.target, d.source):
                    d.target = None
                return
            d.dropped = True
            return
        if kind == "consider":
            d.dropped = True
            return
        talked_of = d.kind == "noun" and d.token.dep_ == "nsubj" and d.code.type not in SYMMETRIC
        if d.source is None and not talked_of:  # "aseguró que las conversaciones estaban en marcha": the
            d.source = holder  # claimant's talks; not "dijo que las sanciones son ilegales"
        if kind == "deny":
            d.polarity = "negated" if d.polarity == "asserted" else "asserted"
            d.modality = "claimed"
            if framer is not None and framer.target is None:
                framer.target = d.target if d.target is not None and (
                    framer.source is None or not _same(d.target, framer.source)) else None
        elif kind == "fail":
            d.polarity = "negated"
        elif kind == "claim":
            if d.modality == "actual":
                d.modality = "claimed"
        elif kind == "intend":
            d.modality = "threatened" if d.code.type == "THREATEN" else "intended"
            if framer is not None:
                framer.dropped = True
        elif kind in _ABSORBING:  # the frame verb is no event of its own ("advirtió que")
            if kind == "threaten":
                d.code, d.modality = self._threat(d.code), "threatened"
            elif kind == "request":
                d.code = self.lex.code("020") or d.code
            elif kind == "reject":
                d.code = self.lex.code("120") or d.code

    def _threat(self, code: Code) -> Code:
        return self.lex.code("138" if code.quad_class == 4 else "130") or code

    def negated(self, tok: Token) -> bool:
        return any(c.dep_ == "advmod" and fold(c.lower_) in self.lex.negations for c in tok.children) or any(
            c.dep_ in ("mark", "case") and c.lower_ == "sin" for c in tok.children)

    def apply_mood(self, d: Draft) -> None:
        tok = d.token
        verb = tok if d.kind == "verb" else (tok.head if tok.head.pos_ in ("VERB", "AUX") else tok)
        if self.negated(verb) or (verb is not tok and self.negated(tok)):
            d.polarity = "negated" if d.polarity == "asserted" else "asserted"
        auxes = [c for c in verb.children if c.dep_ == "aux"]
        lemmas = {fold(a.lemma_) for a in auxes}
        moods = set(verb.morph.get("Mood")) | {m for a in auxes for m in a.morph.get("Mood")}
        tenses = set(verb.morph.get("Tense")) | {m for a in auxes for m in a.morph.get("Tense")}
        head = verb.head if verb.dep_ == "xcomp" else None  # "podría atacar", "va a atacar"
        if head is not None:
            lemmas.add(fold(head.lemma_))
            moods |= set(head.morph.get("Mood"))
            tenses |= set(head.morph.get("Tense"))
        conditional = any(c.dep_ == "mark" and c.lower_ == "si" for c in verb.children)
        if "poder" in lemmas or "Cnd" in moods or conditional:
            d.modality = "hypothetical"
        elif ("Fut" in tenses or "ir" in lemmas) and d.modality in ("actual", "claimed") and d.frame in (None, "claim"):
            # a violent act to come is a threat ("atacará"); a deployment, an arrest or a charge to come, and any
            # cooperation, is the act itself, intended ("desplegará tropas", "imputará", "se reunirán", "donará"),
            # as the whole-article codebook records them
            if (d.code.quad_class == 4 and d.code.type not in ("MOBILIZE", "COERCE")) or d.code.type == "THREATEN":
                d.code, d.modality = self._threat(d.code), "threatened"
            else:
                d.modality = "intended"
        if d.modality == "actual" and tok.i in self.quote_of:
            d.modality = "claimed"

    # -- the whole document --------------------------------------------------------------------------------------
    def drafts_in_order(self) -> list[Draft]:
        self.find_triggers()
        for d in sorted(self.drafts.values(), key=lambda d: d.kind != "noun"):  # nouns first: verbs read them
            if d.kind == "verb":
                self.verb_arguments(d)
            else:
                self.noun_arguments(d)
        for d in self.drafts.values():  # an event noun that is the object of an event verb is part of it
            tok = d.token
            if d.kind == "noun" and tok.dep_ in ("obj",) and tok.head.i in self.drafts \
                    and fold(tok.head.lemma_) not in self.lex.frames \
                    and not self.drafts[tok.head.i].code.cameo.startswith("15"):  # "custodió la marcha": two
                head = self.drafts[tok.head.i]
                d.dropped = True
                if head.target is None:
                    head.target, head.target_tok = d.target, d.target_tok
        for i in sorted(self.drafts, reverse=True):
            if not self.drafts[i].dropped:
                self.apply_frame(self.drafts[i])
        for d in self.drafts.values():
            if not d.dropped:
                self.apply_mood(d)
        for d in self.drafts.values():
            if d.dropped:
                continue
            if d.source is None and not (d.kind == "noun" and d.token.dep_ == "nsubj"):
                # a quotation's event is its speaker's ("No hay conversaciones"), but not a noun it talks about
                # ("las sanciones son ilegales")
                d.source = self.speaker(d.token)
                d.from_quote = d.source is not None
            if d.source is None and d.code.cameo.startswith(("172", "173", "174", "15")):
                d.source = self.authorities(d)  # "fue detenido en Caracas": the authorities of the place
                d.inherited = d.source is not None
            if d.target is not None and d.source is not None and _same(d.target, d.source):
                d.target = None
            for t in (d.source_tok, d.target_tok):
                if t is not None:
                    d.tokens.append(t.i)
        return [d for _, d in sorted(self.drafts.items()) if not d.dropped and d.source is not None
                and d.code.type and not (d.needs_target and d.target is None)]

    def location(self, tok: Token) -> Location | None:
        from chronicler.stages.actors.es.lexicon import spanish_lexicon

        lex = spanish_lexicon()
        for ent in tok.sent.ents:  # "en Caracas": a place the sentence puts something in
            if ent.label_ != "LOC" or not any(c.dep_ == "case" and c.lower_ == "en" for c in ent.root.children):
                continue
            place = lex.en.place(ent.text)
            if place is not None:
                return Location(place.name, place.country, place.lat, place.lon)
            iso3 = lex.country(ent.text) or lex.en.region(ent.text)
            if iso3 is not None:
                return Location(ent.text if lex.en.region(ent.text) else lex.en.name_of(iso3), iso3, None, None)
        return None

    def authorities(self, d: Draft) -> Participant | None:
        """The acts only a state's authorities perform (CAMEO 172-174: bans, arrests, expulsions; 15: shows of
        police or military force, "un fuerte operativo policial") told without a doer are those authorities', of
        the place where they happen, as the English stage (implied.py) reads them; no place, no event."""
        location = self.location(d.token)
        if location is None or not location.country:
            return None
        from chronicler.stages.actors.es.lexicon import spanish_lexicon

        return Participant(name=f"autoridades de {location.name}", country=location.country, code=location.country)

    def home(self, location: Location | None) -> str | None:
        """The country an event happens in: its place, else the dateline's (or a place its sentence names)."""
        if location is not None and location.country:
            return location.country
        article = self.doc._.article
        if article is not None and article.dateline:
            from chronicler.stages.actors.es.lexicon import spanish_lexicon

            lex = spanish_lexicon()
            first = article.dateline.split(",")[0]
            return lex.country(article.dateline) or lex.place_country(first) or lex.country(first)
        return None

    def place_domestic(self, d: Draft, location: Location | None) -> None:
        """Parties named without a country (guerrillas, students, "the police") are of the country the event
        happens in, as CAMEO and PLOVER coders code them (the English stage does the same)."""
        if all(p is None or p.country for p in (d.source, d.target)):
            return
        home = self.home(location)
        if home is None:
            return
        for p in (d.source, d.target):
            if p is None or p.country:
                continue
            actor = self.actors.get(p.actor) if p.actor else None
            if actor is None or actor.kind == "person":
                continue  # a person's country is theirs; a plain noun ("el petróleo") is no party to place
            p.country = home
            p.code = home + (actor.sector or "") if actor is not None and actor.sector else home

    def features(self, d: Draft) -> list[str]:
        """What the learned decision (``es/decision.py``) reads of a draft: the word and its dictionary
        reading, its part and place in the parse, polarity and mood, the frame, whether its doer and target are
        actors (and which), whether it is quoted, the sentence's place, a question or a condition."""
        tok, sent = d.token, d.token.sent
        lemma = fold(tok.lemma_)
        t = d.code.type or "-"
        f = [f"lemma={lemma}", f"lemma|{t}", f"type={t}", f"cameo={d.code.cameo}", f"cameo2={d.code.cameo[:2]}",
             f"quad={d.code.quad_class}", f"kind={d.kind}", f"pos={tok.pos_}", f"dep={tok.dep_}",
             f"pol={d.polarity}", f"mod={d.modality}", f"mod|{t}={d.modality}", f"frame={d.frame or '-'}",
             f"head={fold(tok.head.lemma_) if tok.head.i != tok.i else 'ROOT'}"]
        for role, p in (("src", d.source), ("tgt", d.target)):
            if p is None:
                f.append(f"{role}=none")
                continue
            actor = self.actors.get(p.actor) if p.actor else None
            kind = actor.kind if actor is not None else ("placed" if p.country else "plain")
            f += [f"{role}={kind}", f"{role}|{t}={kind}"]
            if actor is not None:
                f.append(f"{role}_sector={actor.sector or '-'}")
        for flag, on in (("from_quote", d.from_quote), ("inherited", d.inherited), ("needs_target", d.needs_target),
                         ("in_quote", tok.i in self.quote_of)):
            if on:
                f.append(flag)
        k = self.sentence_numbers.get(sent.start, 0)
        f.append(f"sent={min(k, 5)}")
        text = sent.text.rstrip()
        if text.endswith("?") or text.startswith("¿"):
            f.append("question")
        if any(x.lower_ == "si" and x.dep_ == "mark" for x in sent):
            f.append("si_in_sentence")
        if d.source is not None and d.target is not None:
            f.append(f"border={'home' if d.source.country == d.target.country else 'cross'}"
                     if d.source.country and d.target.country else "border=-")
        return f

    def events(self) -> list[Event]:
        from chronicler.stages.events.es.decision import load_decision_es

        drafts = self.drafts_in_order()
        # the decision learned whole articles, where most sentences hold no event; a sentence given alone (a coded
        # sentence, a one-line note) is another task: the rules' events stand there, with the rules' confidence
        decision = load_decision_es()
        if decision is not None and len(self.sentence_numbers) <= SHORT_DOC:
            decision = None
        events = []
        date_cache: dict[int, list] = {}
        for d in drafts:
            if decision is not None:
                d.probability = decision.probability(self.features(d))
                if not decision.keeps(d.probability):
                    continue
            tok = d.token
            sent = tok.sent
            inside = [i for i in d.tokens if sent.start <= i < sent.end]
            lo, hi = min(inside), max(inside)
            evidence = text_span(self.doc, self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text))
            if evidence is None:
                continue
            quote = self.quote_of.get(tok.i)
            date = date_text = None
            if quote is not None and quote.date_text:
                date, date_text = quote.date, quote.date_text
            else:
                if sent.start not in date_cache:
                    date_cache[sent.start] = find_dates_es(self.text, sent.start_char, sent.end_char, self.published,
                                                           d.modality in ("intended", "threatened"))
                found = date_cache[sent.start]
                if found:
                    best = min(found, key=lambda m: abs(m.start - tok.idx))
                    date, date_text = best.date, best.text
            location = self.location(tok)
            self.place_domestic(d, location)
            events.append(Event(
                id="", type=d.code.type, cameo=d.code.cameo, quad_class=d.code.quad_class, goldstein=d.code.goldstein,
                polarity=d.polarity, modality=d.modality, source=d.source, target=d.target, date=date,
                date_text=date_text, location=location, evidence=evidence,
                quote=quote.id if quote else None,
                confidence=confidence(d) if d.probability is None else round(d.probability, 4),
                trigger=text_span(self.doc, tok.idx, tok.idx + len(tok.text))))
        events.sort(key=lambda e: (-round(e.confidence, 6), e.evidence.start))
        for n, e in enumerate(events, 1):
            e.id = f"E{n}"
        return events


def _same(a: Participant, b: Participant) -> bool:
    return (a.actor is not None and a.actor == b.actor) or (a.actor is None and b.actor is None and a.name == b.name)


def confidence(d: Draft) -> float:
    score = 0.45 if d.kind == "verb" else 0.4
    if d.source is not None and (d.source.actor or d.source.country):
        score += 0.2
    if d.target is not None and (d.target.actor or d.target.country):
        score += 0.15
    if d.from_quote or d.inherited:
        score -= 0.1
    if d.modality == "hypothetical":
        score -= 0.15
    if d.frame == "claim":
        score -= 0.05
    if d.needs_target:  # the dictionary's verb alone
        score -= 0.05
    return max(0.05, min(0.95, score))


def extract_events_es(doc: Doc, lex: SpanishEventLexicon) -> list[Event]:
    return SpanishExtractor(doc, lex).events()
