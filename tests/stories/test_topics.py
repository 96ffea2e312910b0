"""Topics: stories of one subject grouped, on hand-built story states (no model)."""
from datetime import date

from chronicler.stories.topics import topics


def story(sid, day, terms, docs=2):
    d = date.fromisoformat(day)
    return {"id": sid, "title": sid, "first_seen": d, "last_seen": d, "num_documents": docs,
            "total": {t: w for t, w in terms.items()}}


MUELLER = {"mueller": 3.0, "counsel": 1.5, "russia": 1.2, "indictment": 1.0}


def test_stories_of_one_subject_within_weeks_group_others_stay_apart():
    rows = [story("s1", "2019-01-18", {**MUELLER, "buzzfeed": 2.5, "cohen": 2.0}),
            story("s2", "2019-01-25", {**MUELLER, "stone": 3.0, "wikileaks": 2.0}),
            story("s3", "2019-01-20", {"salmon": 3.0, "norway": 2.0, "export": 1.0}),
            story("s4", "2019-05-02", {**MUELLER, "barr": 3.0, "testimony": 2.0})]  # months later
    [group] = topics(rows)
    assert [s["id"] for s in group] == ["s1", "s2"]


def test_a_shared_common_word_is_no_topic():
    rows = [story("s1", "2019-01-18", {"government": 3.0, "minister": 2.0, "buzzfeed": 1.0}),
            story("s2", "2019-01-19", {"government": 3.0, "minister": 2.0, "salmon": 1.0})]
    assert topics(rows) == []  # alike, but no specific term in common


def test_topics_chain_by_single_link_and_come_latest_first():
    a = {"tender": 1.0, "piedmont": 3.0, "usair": 3.0}
    rows = [story("s1", "1987-03-04", {**a, "twa": 2.0}), story("s2", "1987-03-10", {**a, "bid": 2.0}),
            story("s3", "1987-03-30", {**a, "merger": 2.0}),
            story("s4", "1987-04-20", {"texaco": 3.0, "pennzoil": 3.0, "court": 1.0}),
            story("s5", "1987-04-22", {"texaco": 3.0, "pennzoil": 3.0, "bond": 1.0})]
    groups = topics(rows)
    assert [[s["id"] for s in g] for g in groups] == [["s4", "s5"], ["s1", "s2", "s3"]]
