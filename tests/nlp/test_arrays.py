"""The shared parse arrays agree with spaCy's Token API on hand-built Docs (no model needed)."""
from spacy.tokens import Doc
from spacy.vocab import Vocab

from chronicler.nlp.arrays import parse_arrays


def _doc():
    words = ["Talks", "must", "Resume", ",", "the", "island", "said", "."]
    return Doc(Vocab(), words=words, spaces=[True, True, False, True, True, True, False, False],
               pos=["NOUN", "AUX", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
               tags=["NNS", "MD", "VB", ",", "DT", "NN", "VBD", "."],
               lemmas=["talk", "must", "Resume", ",", "the", "island", "say", "."],
               heads=[2, 2, 6, 6, 5, 6, 6, 6],
               deps=["nsubj", "aux", "ccomp", "punct", "det", "nsubj", "ROOT", "punct"])


def test_arrays_match_the_token_api():
    doc = _doc()
    arrays = parse_arrays(doc)
    assert arrays.text == [t.text for t in doc]
    assert arrays.lower == [t.lower_ for t in doc]
    assert arrays.lemma == [t.lemma_.lower() for t in doc]  # lower-cased: "Resume" -> "resume"
    assert arrays.pos == [t.pos_ for t in doc]
    assert arrays.tag == [t.tag_ for t in doc]
    assert arrays.dep == [t.dep_ for t in doc]
    assert arrays.head == [t.head.i for t in doc]  # heads before and after the word, and the root's own
    assert arrays.idx == [t.idx for t in doc]
    assert arrays.root(4, 6) == doc[4:6].root.i == 5


def test_arrays_are_kept_per_document_by_identity():
    first, second = _doc(), _doc()
    assert parse_arrays(first) is parse_arrays(first)
    assert parse_arrays(second) is not parse_arrays(first)
    empty = Doc(Vocab(), words=[])
    assert parse_arrays(empty).dep == [] and parse_arrays(empty).head == []
