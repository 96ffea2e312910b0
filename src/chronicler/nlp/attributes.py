"""The English model's attribute rules (tag -> part of speech, morphology and lemma exceptions) applied by table
look-up, with the same result as spaCy's ``AttributeRuler`` and a fraction of its time.

spaCy's ruler runs a ``Matcher`` of 179 token patterns over every document, which costs about an eighth of the
whole parse. Almost all of its patterns look at one word (its tag, lower case form, dependency label, whether it
is a space), so their combined effect depends only on those four values: it is worked out once per distinct
combination and kept. The few two-word patterns ("gon na", "let 's", "there is") are checked where their first
word matches. Attributes are set in the ruler's own order (a later pattern overrides an earlier one) by spaCy's
own ``set_token_attrs``, so the Doc ends up exactly as the ruler leaves it.

``load_pipeline`` puts it in place of the model's ruler when every pattern is of a kind it reads (equality,
``IN``, ``NOT_IN``, ``REGEX`` and booleans on TAG, LOWER, DEP and IS_SPACE); otherwise, or with
``CHRONICLER_FAST_ATTRIBUTES=off``, the model's ruler stays.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from chronicler.nlp.arrays import ParseArrays

_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_CACHE_LIMIT = 200_000
Key = tuple[str, str, str, bool]


class Unsupported(ValueError):
    """A pattern this table cannot read: the model's own ruler is kept."""


def _predicate(field: str, value: Any) -> Callable[[Key], bool]:
    at = _FIELDS.index(field)
    if isinstance(value, bool) or isinstance(value, str):
        return lambda key: key[at] == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda key: key[at] in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            banned = frozenset(arg)
            return lambda key: key[at] not in banned
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda key: rx.search(key[at]) is not None
    raise Unsupported(f"{field}: {value!r}")


def _token_test(spec: dict[str, Any]) -> Callable[[Key], bool]:
    if not spec or set(spec) - set(_FIELDS):
        raise Unsupported(f"token pattern {spec!r}")
    tests = [_predicate(f, v) for f, v in spec.items()]
    return lambda key: all(t(key) for t in tests)


class AttributeTable:
    """The rules of an ``AttributeRuler``, applied per word by look-up."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = list(ruler.attrs)  # normalised attributes, in the ruler's order of precedence
        # one-word patterns by the tag and the word they require (None: any), so a new word tries only its own
        self._by_word: dict[tuple[str | None, str | None], list[tuple[int, Callable[[Key], bool]]]] = {}
        self.pairs: list[tuple[int, Callable[[Key], bool], Callable[[Key], bool], int]] = []
        for n, entry in enumerate(ruler.patterns):
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and index in (0, -1):
                    tag, word = (v if isinstance(v, str) else None for v in (pattern[0].get("TAG"), pattern[0].get("LOWER")))
                    self._by_word.setdefault((tag, word), []).append((n, _token_test(pattern[0])))
                elif len(pattern) == 2 and index in (0, 1, -1, -2):
                    self.pairs.append((n, _token_test(pattern[0]), _token_test(pattern[1]), index % 2))
                else:
                    raise Unsupported(f"pattern of {len(pattern)} words at {index}")
        self._merged: dict[Key, dict] = {}  # one word's key -> its attributes from the one-word patterns
        self._firsts: dict[Key, tuple[int, ...]] = {}  # one word's key -> the pairs whose first word it matches

    def _single_ids(self, key: Key) -> list[int]:
        """The one-word patterns that hold on a word, in the ruler's order."""
        tag, word = key[0], key[1]
        tried = [p for k in ((tag, word), (tag, None), (None, word), (None, None)) for p in self._by_word.get(k, ())]
        return sorted({n for n, test in tried if test(key)})

    def _lookup(self, key: Key) -> tuple[dict, tuple[int, ...]]:
        merged = self._merged.get(key)
        if merged is None:
            if len(self._merged) > _CACHE_LIMIT:
                self._merged.clear()
                self._firsts.clear()
            merged = {}
            for n in self._single_ids(key):
                merged.update(self.attrs[n])
            self._merged[key] = merged
            self._firsts[key] = tuple(p for p, (_, first, _s, _i) in enumerate(self.pairs) if first(key))
        return merged, self._firsts[key]

    def __call__(self, doc: Doc) -> Doc:
        arrays = ParseArrays(doc)  # not the shared ones: these rules may still change a tag or a dependency label
        spaces = [bool(x) for x in doc.to_array(IS_SPACE).tolist()] if len(doc) else []  # the lexeme's flag
        keys = list(zip(arrays.tag, arrays.lower, arrays.dep, spaces))
        found = [self._lookup(k) for k in keys]
        extra: dict[int, list[int]] = {}  # word -> ids of the two-word patterns that set it
        for i, (_, firsts) in enumerate(found):
            if firsts and i + 1 < len(keys):
                for p in firsts:
                    n, _first, second, at = self.pairs[p]
                    if second(keys[i + 1]):
                        extra.setdefault(i + at, []).append(n)
        for i, (merged, _) in enumerate(found):
            if i in extra:  # rare: redo this word's rules in the ruler's order with the pairs among them
                ids = sorted(set(self._single_ids(keys[i])) | set(extra[i]))
                merged = {}
                for n in ids:
                    merged.update(self.attrs[n])
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


def fast_attributes_on() -> bool:
    return os.environ.get("CHRONICLER_FAST_ATTRIBUTES", "on").strip().lower() not in ("off", "0", "no", "false")


def use_attribute_table(nlp: Language) -> bool:
    """Put the table in place of the model's ``attribute_ruler`` (same name); False where it keeps the ruler."""
    if not fast_attributes_on() or "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        table = AttributeTable(ruler)
    except Unsupported:
        return False
    nlp.replace_pipe("attribute_ruler", "chronicler_attribute_table")
    nlp.get_pipe("attribute_ruler").table = table
    return True


class _TableComponent:
    def __init__(self) -> None:
        self.table: AttributeTable | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise RuntimeError("the attribute table has no rules: load the pipeline through load_pipeline")
        return self.table(doc)


@Language.factory("chronicler_attribute_table", assigns=["token.pos", "token.morph", "token.lemma"],
                  requires=["token.tag", "token.dep"])
def _make_table(nlp: Language, name: str) -> _TableComponent:
    return _TableComponent()
