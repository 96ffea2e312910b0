"""Scoring of the Spanish gold formats on hand-built records and analyses (no model); the real files when
../shared is there (marked shared and spanish)."""
import json

import pytest

from chronicler.eval.ner import _sentence, _score
from chronicler.eval.parallel import score as score_parallel
from chronicler.eval.spanish import score_articles, score_sentences, spanish_format
from chronicler.model import Actor, Analysis, Article, Event, Participant, Span


def event(kind, cameo, quad, start, end, source="Miguel Díaz-Canel", actor="A1", country="CUB"):
    return Event(id="E", type=kind, cameo=cameo, quad_class=quad, source=Participant(source, actor, country, country),
                 evidence=Span(start, end, "x"), trigger=Span(start, end, "x"), confidence=0.5)


def analysis(text, events, language="es", actors=()):
    return Analysis(article=Article(text=text, language=language), actors=list(actors), events=events)


def test_article_triggers_match_by_overlap_quad_class_and_source():
    text = "Los estudiantes protestaron y la policía detuvo a diez."
    gold = {"events": [
        {"quad": "material_conflict", "trigger": {"start": 16, "end": 27}, "source": [{"start": 4, "end": 15,
                                                                                      "text": "estudiantes"}]},
        {"quad": "material_conflict", "trigger": {"start": 40, "end": 45}, "source": []},
        {"quad": "verbal_conflict", "trigger": {"start": 0, "end": 3}, "source": []}]}
    students = Actor("A1", "estudiantes", "group", mentions=[(4, 15)])
    ours = [event("PROTEST", "140", 4, 16, 27, "estudiantes", "A1", None),
            event("COERCE", "173", 4, 40, 45, "policía", None, None),
            event("SUPPORT", "051", 1, 30, 37)]  # matches nothing
    f = score_articles([gold], [analysis(text, ours, actors=[students])])
    assert f["matched"] == 2 and f["precision"] == pytest.approx(2 / 3) and f["recall"] == pytest.approx(2 / 3)
    assert f["source_recall"] == pytest.approx(1 / 3)  # the arrest has no gold source: not matched with one
    assert f["language_es"] == 1.0


def test_a_trigger_of_another_quad_class_does_not_match():
    gold = {"events": [{"quad": "verbal_conflict", "trigger": {"start": 0, "end": 5}, "source": []}]}
    f = score_articles([gold], [analysis("abcde", [event("PROTEST", "140", 4, 0, 5)])])
    assert f["matched"] == 0 and f["f1"] == 0.0


def test_sentences_type_recall_old_labels_and_codes():
    recs = [{"text": "a", "events": [{"plover": "DEMAND", "cameo": "10", "sourcetext": "Los maestros",
                                      "sourcecode": "---"}]},
            {"text": "b", "events": [{"plover": None, "cameo": "190", "sourcetext": "guerrilleros",
                                      "sourcecode": "COLREB"}]},
            {"text": "c", "events": []},
            {"text": "d", "events": [{"plover": "PROTEST"}], "evaluate": False}]
    ours = [analysis("a", [event("REQUEST", "100", 3, 0, 1, "maestros", None, None)]),
            analysis("b", [Event("E", "ASSAULT", Participant("FARC", "A2", "COL", "COLREB"), Span(0, 1, "b"), 4,
                                 cameo="190")]),
            analysis("c", []), analysis("d", [])]
    f = score_sentences(recs, ours)
    assert f["sentences"] == 3 and f["gold_events"] == 2 and f["type_recall"] == 1.0
    assert f["source_words_found"] == 0.5 and f["source_code_accuracy"] == 1.0
    assert f["no_event_sentences_quiet"] == 1.0


def test_parallel_agreement():
    en = analysis("x", [event("CONSULT", "040", 1, 0, 1), event("REJECT", "120", 3, 0, 1)], "en",
                  [Actor("A1", "Cuba", "country", "CUB")])
    es = analysis("y", [event("CONSULT", "040", 1, 0, 1)], "es", [Actor("A1", "Cuba", "country", "CUB"),
                                                                 Actor("A2", "EE.UU.", "country", "USA")])
    f = score_parallel([(en, es)])
    assert f["event_type_agreement"] == pytest.approx(2 / 3) and f["actor_code_agreement"] == pytest.approx(2 / 3)
    assert f["language_en"] == f["language_es"] == 1.0


def test_conll_entities_and_exact_match():
    text, ents = _sentence([("Sao", "B-LOC"), ("Paulo", "I-LOC"), ("(", "O"), ("EFE", "B-ORG"), (")", "O")])
    assert text == "Sao Paulo ( EFE )" and ents == {(0, 9, "LOC"), (12, 15, "ORG")}
    s = _score([ents], [{(0, 9, "LOC"), (12, 15, "PER")}])
    assert s["LOC"]["f1"] == 1.0 and s["ORG"]["recall"] == 0.0 and s["all"]["precision"] == 0.5


def test_formats_are_told_from_the_first_record(tmp_path):
    for name, rec, kind in (("a.jsonl", {"id": "x", "text": "t", "events": [], "entities": []}, "articles"),
                            ("s.jsonl", {"id": "x", "doc": "d", "text": "t", "events": []}, "sentences"),
                            ("p.jsonl", {"id": "x", "text_en": "a", "text_es": "b"}, "parallel"),
                            ("e.jsonl", {"text": "t", "event": "AGREE"}, None)):
        path = tmp_path / name
        path.write_text(json.dumps(rec), "utf-8")
        assert spanish_format(path) == kind


@pytest.mark.shared
@pytest.mark.spanish
def test_eval_reads_the_spanish_sentences(analyzer, spanish, tmp_path):
    from chronicler import eval as evaluation
    from conftest import shared_path

    path = shared_path("data", "es", "events", "up_protest_cameo", "dev.jsonl")
    head = tmp_path / "head.jsonl"
    head.write_text("\n".join(path.read_text("utf-8").splitlines()[:12]), "utf-8")
    figures = evaluation.run("events", str(head), analyzer)
    assert figures["kind"] == "spanish_sentences" and figures["language_es"] == 1.0
    assert "PLOVER type recall" in evaluation.report("events", figures)
