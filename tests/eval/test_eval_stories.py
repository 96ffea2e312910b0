"""The stories evaluation's parts: B-cubed over a fold, dates packed into a few days, grouped CV (no model)."""
from datetime import date

from chronicler.eval.stories import GRID, bcubed, cross_validate, packed_days


def items():
    rows = []
    for k, (story, day) in enumerate([("a", "2010-05-17"), ("a", "2010-05-19"), ("b", "2013-01-30"),
                                      ("b", "2013-01-30"), ("c", "2019-02-15"), ("d", "2019-02-20")]):
        rows.append({"id": f"i{k}", "story": story, "published": day})
    return rows


def test_bcubed_over_a_subset_takes_predicted_stories_whole():
    gold = {"1": "a", "2": "a", "3": "b", "4": "b"}
    pred = {"1": "x", "2": "x", "3": "x", "4": "y"}  # 3 joined the story of 1 and 2
    whole = bcubed(pred, gold)
    fold = bcubed(pred, gold, ["1", "2"])
    assert fold["recall"] == 1.0 and abs(fold["precision"] - 2 / 3) < 1e-9  # 3, from another fold, counts
    assert whole["f1"] < 1.0 and bcubed(pred, gold, ["4"])["precision"] == 1.0


def test_packed_days_keep_each_storys_spacing_and_bring_stories_together():
    rows = items()
    as_published = packed_days(rows, None)
    assert as_published["i1"] == date(2010, 5, 19)
    one_day = packed_days(rows, 1)
    assert len({one_day[r["id"]] for r in rows if r["id"] in ("i0", "i2", "i4", "i5")}) == 1  # each story's start
    assert (one_day["i1"] - one_day["i0"]).days == 2  # story a keeps its two days
    two = packed_days(rows, 2)
    assert {(two[f"i{k}"] - date(2020, 1, 1)).days for k in (0, 2, 4, 5)} == {0, 1}


def test_cross_validation_chooses_on_other_folds_and_scores_held_out():
    rows = items()
    gold = {r["id"]: r["story"] for r in rows}

    def run(its, t, days):  # perfect at 0.3 and above, everything one story below
        return {r["id"]: (r["story"] if t >= 0.3 else "all") for r in its}
    out = cross_validate(rows, run, 0.3)
    assert all(t >= 0.3 for t in out["thresholds"]) and set(out["thresholds"]) <= set(GRID)
    assert out["f1"] == {name: 1.0 for name in out["f1"]} and len(out["f1"]) == 4
    assert bcubed(run(rows, 0.1, None), gold)["precision"] < 0.5
