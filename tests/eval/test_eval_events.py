from types import SimpleNamespace

import pytest

from chronicler.eval.events import macro_f1, read_quadclass, score_plover, score_quadclass
from chronicler.model import Event, Participant, Span
from conftest import shared_path


def _ev(type_, src, tgt=None, quad=1):
    return Event(id="E1", type=type_, source=Participant("s", country=src), evidence=Span(0, 1, "x"),
                 quad_class=quad, target=Participant("t", country=tgt) if tgt else None)


def test_plover_scoring_maps_old_labels_and_checks_countries():
    records = [
        {"event": "FIGHT", "source": [{"code": "SRB"}], "target": [{"code": "ALB"}]},
        {"event": "DEMAND", "source": [{"code": "CHN"}], "target": [{"code": "USA"}]},
        {"event": "AGREE", "source": [{"code": "USA"}, {"code": "JOR"}], "target": ""},
    ]
    analyses = [SimpleNamespace(events=[_ev("ASSAULT", "SRB", "ALB")]),
                SimpleNamespace(events=[_ev("ACCUSE", "CHN"), _ev("REQUEST", "CHN", "GBR")]),
                SimpleNamespace(events=[_ev("AGREE", "JOR", "USA")])]
    f = score_plover(records, analyses)
    assert f["type_recall"] == 1.0
    assert f["triple_accuracy"] == pytest.approx(2 / 3)
    assert f["type_precision"] == pytest.approx(3 / 4)
    assert f["first_event_accuracy"] == pytest.approx(2 / 3)


def test_quadclass_scores():
    assert macro_f1([0, 1, 1], [0, 1, 1]) == 1.0
    f = score_quadclass([0, 1, 2, 2], [0, 1, 2, 0])
    assert f["accuracy"] == 0.75 and f["macro_f1"] == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)


def test_quadclass_file_reads():
    rows = read_quadclass(shared_path("data", "events", "conflibert", "quadclass_train.tsv"))
    assert len(rows) > 1000 and {label for _, label in rows} == {0, 1, 2, 3, 4}


def test_plover_dev_subset_recall(analyzer, tmp_path):
    from chronicler.eval.events import evaluate

    lines = shared_path("data", "events", "plover_gsr", "dev.jsonl").read_text("utf-8").splitlines()[::6]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines), "utf-8")
    figures = evaluate(str(sample), analyzer)
    assert figures["records"] == len(lines)
    assert figures["type_recall"] >= 0.5


def test_quadclass_eval_never_reports_scores_on_the_rankers_training_data(analyzer, tmp_path):
    from chronicler.eval.events import evaluate, report

    lines = "Iran attacked Iraq.\t4\nFrance praised Germany.\t1\nThe weather was mild.\t0\n"
    other = tmp_path / "quad_dev.tsv"
    other.write_text(lines, "utf-8")
    live = evaluate(str(other), analyzer)
    assert live["sentences"] == 3 and live["cross_validated"] is None and live["accuracy"] == 1.0
    same_name = tmp_path / "quadclass_train.tsv"  # the file the shipped ranker was trained on
    same_name.write_text(lines, "utf-8")
    figures = evaluate(str(same_name), analyzer)
    assert figures["cross_validated"] is not None
    assert figures["macro_f1"] == figures["cross_validated"]["macro_f1"]
    assert figures["rules_only"]["sentences"] == 3
    assert "cross-validated" in report(figures)
