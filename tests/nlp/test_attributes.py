"""The attribute table leaves every Doc exactly as spaCy's AttributeRuler would."""
import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from chronicler.nlp.attributes import AttributeTable, Unsupported, use_attribute_table

WORDS = ["There", "'s", "gon", "na", "be", "rain", ",", "y'", "all", ":", "\n ", "it", "is", "not", "so"]
TAGS = ["EX", "VBZ", "VBG", "TO", "VB", "NN", ",", "PRP", "DT", ":", "_SP", "PRP", "VBZ", "RB", "RB"]
DEPS = ["expl", "ROOT", "aux", "aux", "xcomp", "attr", "punct", "nsubj", "appos", "punct", "dep", "nsubj",
        "ccomp", "neg", "advmod"]


def _ruler(vocab: Vocab) -> AttributeRuler:
    ruler = AttributeRuler(vocab, name="attribute_ruler")
    ruler.add([[{"TAG": "VBZ"}]], {"POS": "VERB", "MORPH": "Number=Sing"})
    ruler.add([[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], {"POS": "AUX", "LEMMA": "be"})  # overrides POS
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}]], {"POS": "VERB"}, index=1)  # and back again
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    ruler.add([[{"TAG": {"NOT_IN": ["VBZ", "RB", "_SP"]}}]], {"MORPH": "Foo=Bar"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"TAG": "RB", "LOWER": "not"}], [{"TAG": "RB", "LOWER": "never"}]], {"POS": "PART", "LEMMA": "not"})
    ruler.add([[{"TAG": "NN"}]], {"TAG": "NNS", "POS": "NOUN"})
    return ruler


def _doc(vocab: Vocab) -> Doc:
    return Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=[1, 1, 4, 4, 1, 1, 1, 1, 7, 1, 9, 12, 1, 12, 12])


def _state(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_table_equals_the_ruler_on_every_kind_of_pattern():
    vocab = spacy.blank("en").vocab  # with the English lexical attributes (lower case, is_space)
    ruler = _ruler(vocab)
    expected, got = _doc(vocab), _doc(vocab)
    ruler(expected)
    table = AttributeTable(ruler)
    table(got)
    assert _state(got) == _state(expected)
    assert got[1].pos_ == "VERB" and got[1].lemma_ == "be"  # a later pair pattern wins over earlier words' rules
    assert got[12].pos_ == "AUX" and got[3].lemma_ == "to" and got[7].lemma_ == "you"
    assert got[10].pos_ == "SPACE" and got[13].pos_ == "PART" and got[5].tag_ == "NNS"
    again = _doc(vocab)
    table(again)  # from the table's memory of the words it has seen
    assert _state(again) == _state(expected)


def test_patterns_the_table_cannot_read_keep_the_ruler():
    vocab = Vocab()
    ruler = AttributeRuler(vocab, name="attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}]], {"LEMMA": "abc"})
    with pytest.raises(Unsupported):
        AttributeTable(ruler)
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    assert use_attribute_table(nlp) is False
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_switch_keeps_the_ruler(monkeypatch):
    monkeypatch.setenv("CHRONICLER_FAST_ATTRIBUTES", "off")
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert use_attribute_table(nlp) is False


@pytest.mark.model
def test_loaded_pipeline_parses_as_the_model_does(nlp):
    from chronicler.config import resolve_model

    stock = spacy.load(resolve_model())
    assert type(nlp.get_pipe("attribute_ruler")).__name__ != "AttributeRuler"  # the table is in use
    text = ("Y'all ain't gonna believe it, let's go. There is hope, there's more. C'mon, we gotta win!\n\n"
            "He gets what he got; they won't, don't and can't. It's 5 p.m. and the U.S. isn't there.")
    ours = nlp.make_doc(text)
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
        ours = nlp.get_pipe(name)(ours)
    assert _state(ours) == _state(stock(text))
