"""Two learned decisions on the actors the rules found, trained on the project's whole-article annotations
(``annotations/articles``, train split; ``scripts/train_actors.py``, cross-validated by story, day or week):

- keep: is the candidate an actor an analyst would list (a headline's Title Case words, a word fragment, a
  topic, a country named only as an adjective, a second record of someone already listed are not);
- sector: the sector of a person, organisation or group at the article's date where the rules found none
  (a newspaper's reporter MED, an investment firm BUS, a think tank NGO, a voter CVL), and where the rules found
  one the model is sure is wrong (``meta.override``: a former secretary running for president is PTY, not GOV).

Both are ``LinearModel``s over string features of the actor and the words around its mentions
(``features``), shipped as JSON beside this module; ``CHRONICLER_ACTOR_MODEL=off`` switches them off (the rules
alone); they apply to documents of five sentences or more (``MIN_SENTENCES``). The training script reads the features the stage computed (``doc.user_data[FEATURES_KEY]``, written
when ``CHRONICLER_ACTOR_FEATURES=on``) so that training and use see the same thing.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from chronicler.learn.linear import LinearModel
from chronicler.model import Actor
from chronicler.nlp.arrays import parse_arrays
from chronicler.stages.actors.lexicon import Lexicon, key
from chronicler.stages.actors.table import Table

KEEP_FILE = "actor_keep.json"
SECTOR_FILE = "actor_sector.json"
FEATURES_KEY = "chronicler_actor_features"
# a state's own government ("Cuban government": "Havana" as a doer, "the Cuban government") stays as the rules
# found it: the annotations name it as the text does ("the Obama administration", "UK government"), so the keep
# labels of these coded actors say more of the names than of the actors. Countries go through the model like
# every other candidate: a country named only as a place or an adjective ("in Venezuela", "Venezuelan oil") is
# the largest class of listed non-actors (grouped CV on the train split: found P 0.725 -> 0.762, R 0.688 -> 0.679)
STATE_GOVERNMENT = "state_gov"
MOD_OF_EVENT = "mod_of_event"


def exempt(feats: list[str]) -> bool:
    """Whether the keep model leaves the candidate as the rules found it: a state's own government, and the doer
    of an event the text names in passing ("the US military raid": the codebook's actors are those who act; 215 of
    the 273 such candidates of the train split are gold actors, and exempting them leaves the CV figures where
    they were, found P 0.773 -> 0.771, R 0.706 -> 0.707)."""
    return STATE_GOVERNMENT in feats or MOD_OF_EVENT in feats


_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "pobj", "agent", "attr"}
_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}


def _event_nouns() -> dict:
    """The nouns the events stage reads as events (``stages/events/nouns.tsv``: "raid", "strike", "talks"), from
    its lexicon (loaded once there)."""
    from chronicler.stages.events.lexicon import event_lexicon

    return event_lexicon().nouns


def enabled() -> bool:
    return os.environ.get("CHRONICLER_ACTOR_MODEL", "on").lower() not in ("off", "0", "false", "no")


def recording() -> bool:
    return os.environ.get("CHRONICLER_ACTOR_FEATURES", "off").lower() in ("on", "1", "true", "yes")


@lru_cache(maxsize=2)
def load(name: str) -> LinearModel | None:
    ref = resources.files("chronicler.stages.actors").joinpath(name)
    return LinearModel.loads(ref.read_text("utf-8")) if ref.is_file() else None


def preload_models() -> None:
    if enabled():
        load(KEEP_FILE)
        load(SECTOR_FILE)


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3+"


def _shape(name: str) -> list[str]:
    words = name.split()
    out = [f"nw={_bucket(len(words))}"]
    if words and words[0][:1].islower():
        out.append("lowerfirst")
    if any(c.isdigit() for c in name):
        out.append("digit")
    if "'s" in name or "’s" in name or name.startswith(("'", "’")):
        out.append("poss")
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        out.append("allcap_words")
    if name.isupper():
        out.append("upper")
    if words and words[-1].lower().endswith("ing"):
        out.append("ing_end")
    return out


def features(doc: Doc, table: Table, actor: Actor, lex: Lexicon, title_end: int) -> list[str]:
    """The actor's features: what it is and how the rules coded it, its name's shape and words, where and how
    its mentions stand (headline only, subject or object of a verb, possessor, adjective), the words around."""
    arrays = parse_arrays(doc)
    kind = actor.kind
    f = [f"k={kind}", f"r={actor.sector or 'none'}", f"c={'yes' if actor.country else 'no'}",
         f"k={kind}|r={actor.sector or 'none'}"]
    person = table.person_of.get(actor.id)
    if person is not None:
        f.append(f"src={person.source}")
    if actor.title:
        f.append("titled")
        f += [f"title={w}" for w in actor.title.lower().replace("-", " ").split()[-3:]]
    if kind == "organization" and actor.sector == "GOV" and actor.country and actor.name == lex.government_name(actor.country):
        f.append(STATE_GOVERNMENT)
    if actor.cameo:
        f.append("cameo")
    f += [f"{kind}|{s}" for s in _shape(actor.name)]
    words = [w.lower().strip(".,'’") for w in actor.name.split()]
    if kind != "person":
        f += [f"w={w}" for w in words[:6]]
    if words:
        f.append(f"last={words[-1]}" if kind != "person" else f"plast_len={min(len(words[-1]), 8)}")
    if key(actor.name) in lex.roles:
        f.append("name_is_role")
    mentions = sorted(set(actor.mentions))
    f.append(f"n={_bucket(len(mentions))}")
    if mentions and all(s < title_end for s, _ in mentions):
        f.append("head_only")
    if mentions and mentions[0][0] < title_end:
        f.append("in_head")
    deps = set()
    for s, e in mentions[:6]:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        dep = root.dep_
        deps.add(dep)
        f.append(f"ent={root.ent_type_ or 'none'}")
        if dep in _MODIFIER_DEPS and root.head.i > root.i and root.head.lemma_.lower() in _event_nouns() \
                and not any(table.token_actor.get(k) not in (None, actor.id) for k in range(span.end, root.head.i)):
            # who acts in an event named in passing, the party nearest the noun: in "the US military raid" the
            # US military, not the country
            f.append(MOD_OF_EVENT)
        if dep in _SUBJECT_DEPS:
            f.append(f"subj_of={root.head.lemma_.lower()}")
        elif dep in _OBJECT_DEPS and root.head.pos_ in ("VERB", "ADP"):
            f.append(f"obj_of={root.head.lemma_.lower()}")
        for i in range(max(0, span.start - 3), span.start):
            f.append(f"pre={arrays.lower[i]}")
        for i in range(span.end, min(len(doc), span.end + 3)):
            f.append(f"post={arrays.lower[i]}")
        # the words that qualify the name inside its phrase: "Republican presidential candidate Ted Cruz"
        f += [f"mod={t.lemma_.lower()}" for t in root.subtree
              if t.i < span.start and t.pos_ in ("NOUN", "PROPN", "ADJ") and t.ent_type_ != "PERSON"][-4:]
        for child in root.children:
            if child.dep_ == "appos":
                f += [f"appos={t.lower_}" for t in child.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")][:6]
    f += [f"dep={d}" for d in sorted(deps)]
    f += [f"k={kind}|dep={d}" for d in sorted(deps)]
    return sorted(set(f))


def _title_end(doc: Doc) -> int:
    article = doc._.article
    if article is not None and article.title_span:
        return article.title_span[1]
    first = next(iter(doc.sents), None)
    return first.end_char if first is not None else 0


MIN_SENTENCES = 5


def _is_article(doc: Doc) -> bool:
    """Whole articles only: the models learned from articles' openings (a headline, then the story); on a
    sentence or a phrase alone their features (headline, position, repetition) mean nothing."""
    n = 0
    for _ in doc.sents:
        n += 1
        if n >= MIN_SENTENCES:
            return True
    return False


def decide(doc: Doc, table: Table, lex: Lexicon) -> None:
    """Drop the candidates the keep model rejects and fill the sector the rules left empty; with
    ``CHRONICLER_ACTOR_FEATURES=on`` record each candidate's features (by actor object) for training."""
    record = recording()
    on = enabled() and _is_article(doc)
    if not (record or on):
        return
    keep_model = load(KEEP_FILE) if on else None
    sector_model = load(SECTOR_FILE) if on else None
    if not (record or keep_model or sector_model):
        return
    title_end = _title_end(doc)
    feats = {actor.id: features(doc, table, actor, lex, title_end) for actor in table.actors if actor.mentions}
    if record:
        doc.user_data[FEATURES_KEY] = {id(a): feats[a.id] for a in table.actors if a.id in feats}
    if sector_model is not None:
        threshold = float(sector_model.meta.get("threshold", 0.5))
        override = float(sector_model.meta.get("override", 1.1))
        for actor in table.actors:
            if actor.id in feats and actor.kind != "country" and (actor.sector is None or override <= 1.0):
                probs = sector_model.probabilities(feats[actor.id])
                best = max(probs, key=probs.get)
                if actor.sector is None and best != "NONE" and probs[best] >= threshold:
                    actor.sector = best
                elif actor.sector is not None and best not in ("NONE", actor.sector) and probs[best] >= override:
                    actor.sector = best  # the rules' sector overruled where the model is sure of another
    if keep_model is not None:
        threshold = float(keep_model.meta.get("threshold", 0.5))
        dropped = set()
        for actor in table.actors:
            if actor.id not in feats or exempt(feats[actor.id]):
                continue
            if keep_model.probabilities(feats[actor.id]).get("1", 1.0) < threshold:
                actor.mentions = []
                dropped.add(actor.id)
        if dropped:
            table.token_actor = {i: a for i, a in table.token_actor.items() if a not in dropped}
            _reclaim(doc, table)


def _reclaim(doc: Doc, table: Table) -> None:
    """Give the tokens a dropped actor held back to the kept actor whose mention covers them ("US" in "the US
    military raid" was the country's; with the country dropped it is the US military's again)."""
    for actor in table.actors:
        for s, e in actor.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            for t in span if span is not None else ():
                table.token_actor.setdefault(t.i, actor.id)
