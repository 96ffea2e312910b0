"""GDELT and PLOVER exports load where real GDELT / PLOVER records load."""
import csv
import json
from datetime import datetime

from chronicler.exports import GDELT_FIELDS, event_number, gdelt_rows, lead_end, plover_records
from conftest import shared_path
from factories import TEXT, make_result


def test_gdelt_rows_have_the_61_fields_and_right_values():
    result = make_result()
    result["events"][0]["source"]["name"] = "Donald\tTrump"
    rows = gdelt_rows(result, TEXT, datetime(2026, 1, 6, 12, 30, 5), "a.txt")
    assert len(rows) == 2 and all(len(r) == 61 for r in rows)
    row = dict(zip(GDELT_FIELDS, rows[0]))
    assert row["GLOBALEVENTID"] == str(event_number(result["document"]["id"], "E1"))
    assert row["SQLDATE"] == "20260104" and row["MonthYear"] == "202601" and row["Year"] == "2026"
    assert row["Actor1Code"] == "USAGOV" and row["Actor1CountryCode"] == "USA" and row["Actor1Type1Code"] == "GOV"
    assert row["Actor1Name"] == "DONALD TRUMP"
    assert row["Actor2CountryCode"] == "CUB" and row["Actor2Type1Code"] == ""
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("040", "040", "04", "1")
    assert row["DATEADDED"] == "20260106123005" and row["SOURCEURL"] == "t.txt"
    geo = dict(zip(GDELT_FIELDS, rows[1]))
    assert geo["ActionGeo_FullName"] == "Havana" and geo["ActionGeo_CountryCode"] == "CU"  # FIPS, as GDELT
    assert geo["SQLDATE"] == "20260105"  # no event date: the publication date


def test_gdelt_rows_parse_like_the_real_gdelt_sample(tmp_path):
    sample = shared_path("formats", "gdelt2_events_sample.tsv")
    with open(sample, encoding="utf-8") as fh:
        header = next(csv.reader(fh, delimiter="\t"))
    real = [h for h in header if h != "CAMEOCodeDescription"]  # gdeltPyR's added column
    assert real == GDELT_FIELDS
    out = tmp_path / "events.tsv"
    out.write_text("".join("\t".join(r) + "\n" for r in gdelt_rows(make_result(), TEXT, None, None)), "utf-8")
    parsed = list(csv.reader(open(out, encoding="utf-8"), delimiter="\t"))
    assert [len(r) for r in parsed] == [61, 61]


def test_events_without_cameo_are_left_out_of_gdelt():
    result = make_result()
    result["events"][1]["cameo"] = None
    assert len(gdelt_rows(result, TEXT, None, None)) == 1


def test_plover_records():
    records = plover_records(make_result())
    assert [r["event"] for r in records] == ["CONSULT", "CONSULT"]
    first = records[0]
    assert first["source"] == [{"actorText": "Donald Trump", "code": "USA", "sector": "GOV"}]
    assert first["target"] == [{"actorText": "Cuba", "code": "CUB"}]
    assert first["mode"] == "claimed" and records[1]["polarity"] == "negated"
    assert TEXT[first["textInfo"]["start"]:first["textInfo"]["end"]] == first["text"]
    json.dumps(records)


def test_lead_end():
    text = "Short head\n" + "word " * 13 + "\n" + "more " * 13 + "\nlater paragraph here"
    assert text[:lead_end(text)].count("\n") == 3
