"""The ConfliBERT actor-tag reader and the argument scorer, on hand-written sentences."""
from chronicler.eval.arguments import read_conll, score_arguments
from chronicler.model import Actor, Analysis, Article, Event, Participant, Span


def test_read_conll_spans_and_reciprocal_roles(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text("Iraqi B-S\ntroops I-S\nhit O\nthe B-T\ncamp I-T\n. O\n\nA B-R\nand O\nB B-R\nmet O\n", "utf-8")
    (text1, gold1), (text2, gold2) = read_conll(path)
    assert text1 == "Iraqi troops hit the camp ."
    assert [text1[a:b] for a, b in gold1["S"]] == ["Iraqi troops"]
    assert [text1[a:b] for a, b in gold1["T"]] == ["the camp"]
    assert [text2[a:b] for a, b in gold2["S"]] == ["A", "B"] == [text2[a:b] for a, b in gold2["T"]]


def test_score_arguments_by_mention_overlap_or_name():
    text = "Iraqi troops hit the camp ."
    actor = Actor(id="A1", name="Iraqi troops", kind="group", country="IRQ", sector="MIL", mentions=[(0, 12)])
    event = Event(id="E1", type="ASSAULT", source=Participant.from_actor(actor), evidence=Span(6, 16, "troops hit"),
                  quad_class=4, target=Participant(name="camp"))
    analysis = Analysis(article=Article(text=text), actors=[actor], events=[event])
    figs = score_arguments([(text, {"S": [(0, 12)], "T": [(17, 25)]})], [analysis])
    assert figs["source_best"] == 1.0 and figs["target_best"] == 1.0
    event.target = Participant(name="troops")
    figs = score_arguments([(text, {"S": [(0, 12)], "T": [(17, 25)]})], [analysis])
    assert figs["target_best"] == 0.0 and figs["events_found"] == 1.0
