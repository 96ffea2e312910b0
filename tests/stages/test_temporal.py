from datetime import date

from chronicler.stages.temporal import find_dates

TUESDAY = date(2026, 1, 6)


def _one(text, published=TUESDAY, future=False):
    found = find_dates(text, published=published, future=future)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


def test_weekday_is_most_recent_on_or_before_published():
    assert _one("Trump said on Sunday that talks were on.").date == date(2026, 1, 4)
    assert _one("Diaz-Canel stated on Monday.").date == date(2026, 1, 5)
    assert _one("He spoke on Tuesday.").date == TUESDAY


def test_weekday_future_looks_ahead():
    assert _one("They will meet on Friday.", future=True).date == date(2026, 1, 9)


def test_month_day_takes_nearest_year():
    assert _one("Rubio said on January 3.").date == date(2026, 1, 3)
    assert _one("The raid came on December 30.").date == date(2025, 12, 30)
    assert _one("It was signed on March 4, 1999.", published=None).date == date(1999, 3, 4)


def test_relative_dates_without_published_stay_null_with_text():
    m = _one("Trump said on Sunday.", published=None)
    assert m.date is None and m.text == "on Sunday"
    assert _one("Rubio said on January 3.", published=None).date is None


def test_vague_relative_stays_null_with_text():
    m = _one("The denial comes a day after Trump claimed talks.")
    assert m.date is None and m.text == "a day after"


def test_shift_from_anchor():
    from chronicler.stages.temporal import shift_from_anchor

    monday = date(2026, 1, 5)
    assert shift_from_anchor("a day after", monday, inside=True) == date(2026, 1, 4)
    assert shift_from_anchor("a day after", monday, inside=False) == date(2026, 1, 6)
    assert shift_from_anchor("two days before", monday, inside=False) == date(2026, 1, 3)
    assert shift_from_anchor("a day after", None, inside=True) is None
    assert shift_from_anchor("last week", monday, inside=True) is None
