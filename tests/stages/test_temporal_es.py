"""Spanish dates resolved against the published date (Tuesday 6 January 2026), and kept unresolved without one."""
from datetime import date

from chronicler.stages.temporal_es import find_dates_es

PUB = date(2026, 1, 6)


def one(text, published=PUB, future=False):
    found = find_dates_es(text, published=published, future=future)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


def test_weekdays_look_back_unless_future():
    assert one("negó el lunes que haya conversaciones").date == date(2026, 1, 5)
    assert one("dijo Trump el domingo a bordo").date == date(2026, 1, 4)
    assert one("el pasado martes").date == date(2025, 12, 30)
    assert one("se reunirán el jueves", future=True).date == date(2026, 1, 8)


def test_day_of_month_and_year():
    assert one("dijo Rubio el 3 de enero").date == date(2026, 1, 3)
    assert one("el 28 de diciembre").date == date(2025, 12, 28)  # read in January: last year's
    assert one("el 15 de marzo de 2019").date == date(2019, 3, 15)


def test_deictic_words():
    assert one("Ayer hubo protestas").date == date(2026, 1, 5)
    assert one("la huelga de hoy").date == date(2026, 1, 6)
    assert one("la madrugada de anteayer").date == date(2026, 1, 4)


def test_relative_without_published_date_keeps_text():
    m = one("negó el lunes", published=None)
    assert m.date is None and m.text == "el lunes"
    assert one("el 3 de enero de 2026", published=None).date == date(2026, 1, 3)
    assert find_dates_es("la mañana del lunes", published=PUB)[0].text == "lunes"  # "mañana" as morning: no date
