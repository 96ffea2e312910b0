"""Convert the leaders and office holders of ../shared/knowledge/leaders into the actors stage's data file.

    python scripts/build_office_holders.py [LEADERS_DIR] [OUT]

Reads ``ministers.csv`` (national office holders of 178 countries since 2000, Wikidata via the
every-politician scrapers), ``world_leaders_wikidata.csv`` (heads of state and government in office in 2022)
and ``reign_leaderlist_3_21.csv`` (REIGN's effective leader of every state; only its names of two words or more,
its surnames alone name no one) and writes ``office_holders.json.gz`` next to the actors stage:
``{"source", "offices": [[name, country, position, sector, start, end], ...], "keys": {key: [office index, ...]}}``
(keys: the lexicon's look-up keys of the name as news writes it, ``lexicon.name_variants``, computed here so that
loading is one JSON read; ISO dates, partial dates filled to the first of the month or year, end empty while in
office). Spells that ended before 1990 are left out, and so are
positions that are no office (a first lady) and ambassadorships (many, little known, and their holders'
names are borne by others in the news).

The position's sector follows the annotation codebook: ministers, secretaries, presidents, prime ministers,
governors, mayors and ambassadors GOV; courts, justices, judges, prosecutors and attorneys general JUD (a
minister or secretary of justice is GOV); speakers and members of a legislature LEG; chiefs of staff and
commanders of the armed forces MIL (their ministers and secretaries are GOV); police chiefs and the FBI's
director COP; religious offices (the Pope) REL.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SINCE = "1990-01-01"
_JUD = re.compile(r"\b(Court|Justice|Judge|Attorney[- ]General|Prosecutor|Solicitor[- ]General)\b", re.I)
_LEG = re.compile(r"\b(Speaker|Senate|Senator|Parliament|Congress|Legislat|National Assembly|Duma|Knesset|"
                  r"Member of the|Chair(?:man|woman|person)? of the .*Committee)\b", re.I)
_MIL = re.compile(r"\b(Chief of (?:the )?(?:General |Defen[cs]e )?Staff|Chiefs of Staff|Commander|Army|Navy|Air Force|"
                  r"Armed Forces|Marine Corps|Military)\b", re.I)
_COP = re.compile(r"\b(Police|Federal Bureau of Investigation|FBI|Gendarmerie)\b", re.I)
_NO_OFFICE = re.compile(r"\b(First Lady|First Gentleman|Spouse|[Aa]mbassador)\b", re.I)
_CIVIL = re.compile(r"\b(Minister|Ministry|Secretary|Cabinet|President of the Government|Prime)\b", re.I)


def sector_of(position: str) -> str:
    if re.search(r"\b(Pope|Patriarch|Archbishop|Bishop|Imam|Mufti|Rabbi)\b", position, re.I):
        return "REL"  # a religious office, even where it heads a state (the Pope)
    if re.search(r"\b(Minister|Ministry|Secretary|Cabinet)\b", position):
        return "JUD" if re.search(r"\bAttorney[- ]General\b", position) else "GOV"
    if _JUD.search(position):
        return "JUD"
    if _COP.search(position):
        return "COP"
    if _CIVIL.search(position):
        return "GOV"
    if _LEG.search(position):
        return "LEG"
    if _MIL.search(position):
        return "MIL"
    if _COP.search(position):
        return "COP"
    return "GOV"


def iso_date(text: str, end: bool = False) -> str:
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-01"
    if re.fullmatch(r"\d{4}", text):
        return text + ("-12-31" if end else "-01-01")
    return ""


def clean_name(name: str) -> str:
    return " ".join(name.replace("\t", " ").split())


def ministers(path: Path) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            name = clean_name(r["person"])
            if not name or re.fullmatch(r"Q\d+", name) or _NO_OFFICE.search(r["position"]):
                continue
            start, end = iso_date(r["start"]), iso_date(r["end"], end=True)
            rows.append((name, r["country"], clean_name(r["position"]), sector_of(r["position"]), start, end))
    return rows


def world_leaders(path: Path, country_of: dict[str, str]) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            iso3 = country_of.get(r["country"])
            name = clean_name(r["officeholderLabel"])
            if not iso3 or not name or re.fullmatch(r"Q\d+", name):
                continue
            start = iso_date(r["start_year"])
            end = iso_date(r["end_year"], end=True) if r["end_year"] else ""
            rows.append((name, iso3, clean_name(r["positionLabel"]), sector_of(r["positionLabel"]), start, end))
    return rows


# Correlates-of-War state letters that are not ISO 3166 alpha-3
COW_ISO3 = {"UKG": "GBR", "GMY": "DEU", "SPN": "ESP", "SAL": "SLV", "FRN": "FRA", "ITA": "ITA", "CHN": "CHN",
            "RUS": "RUS", "JPN": "JPN", "ROK": "KOR", "PRK": "PRK", "IRN": "IRN", "IRQ": "IRQ", "ISR": "ISR",
            "TUR": "TUR", "SAU": "SAU", "EGY": "EGY", "IND": "IND", "PAK": "PAK", "AFG": "AFG", "CAN": "CAN",
            "MEX": "MEX", "CUB": "CUB", "VEN": "VEN", "COL": "COL", "BRA": "BRA", "ARG": "ARG", "CHL": "CHL",
            "PER": "PER", "AUL": "AUS", "NEW": "NZL", "SAF": "ZAF", "NIG": "NGA", "KEN": "KEN", "ETH": "ETH",
            "SUD": "SDN", "LIB": "LBY", "ALG": "DZA", "MOR": "MAR", "TUN": "TUN", "SYR": "SYR", "LEB": "LBN",
            "JOR": "JOR", "UKR": "UKR", "POL": "POL", "HUN": "HUN", "CZR": "CZE", "GRC": "GRC", "POR": "PRT",
            "NTH": "NLD", "BEL": "BEL", "SWZ": "CHE", "AUS": "AUT", "SWD": "SWE", "NOR": "NOR", "DEN": "DNK",
            "FIN": "FIN", "IRE": "IRL", "USA": "USA", "PHI": "PHL", "INS": "IDN", "MAL": "MYS", "THI": "THA",
            "VTM": "VNM", "MYA": "MMR", "BNG": "BGD", "SRI": "LKA", "NEP": "NPL", "TAW": "TWN", "ZIM": "ZWE",
            "UGA": "UGA", "TAZ": "TZA", "RWA": "RWA", "DRC": "COD", "ANG": "AGO", "MZM": "MOZ", "GHA": "GHA",
            "SEN": "SEN", "MLI": "MLI", "NIR": "NER", "CHA": "TCD", "CAO": "CMR", "YEM": "YEM", "OMA": "OMN",
            "UAE": "ARE", "QAT": "QAT", "KUW": "KWT", "BAH": "BHR", "BLR": "BLR", "GRG": "GEO", "ARM": "ARM",
            "AZE": "AZE", "KZK": "KAZ", "UZB": "UZB", "TKM": "TKM", "KYR": "KGZ", "TAJ": "TJK", "SER": "SRB",
            "CRO": "HRV", "BOS": "BIH", "SLO": "SVN", "MAC": "MKD", "ALB": "ALB", "BUL": "BGR", "RUM": "ROU",
            "MLD": "MDA", "EST": "EST", "LAT": "LVA", "LIT": "LTU", "ECU": "ECU", "BOL": "BOL", "PAR": "PRY",
            "URU": "URY", "GUA": "GTM", "HON": "HND", "NIC": "NIC", "COS": "CRI", "PAN": "PAN", "DOM": "DOM",
            "HAI": "HTI", "JAM": "JAM", "SOM": "SOM", "ERI": "ERI", "DJI": "DJI", "ZAM": "ZMB", "MAW": "MWI",
            "BOT": "BWA", "NAM": "NAM", "LES": "LSO", "MAG": "MDG", "CAM": "KHM", "LAO": "LAO", "MON": "MNG",
            "SIN": "SGP", "BHU": "BTN", "KOS": "XKX", "MNG": "MNE", "CYP": "CYP", "ICE": "ISL", "LUX": "LUX"}


def reign(path: Path) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            name = clean_name(r["leader"])
            iso3 = COW_ISO3.get(r["stateabb"])
            if not iso3 or len(name.split()) < 2 or not r["syear"]:
                continue
            start = f"{int(r['syear']):04d}-{int(r['smonth'] or 1):02d}-{int(r['sdate'] or 1):02d}"
            end = f"{int(r['eyear']):04d}-{int(r['emonth'] or 12):02d}-01" if r["eyear"] else ""
            rows.append((name, iso3, "Leader", "GOV", start, end))
    return rows


def country_names() -> dict[str, str]:
    import pycountry

    out = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                out[getattr(c, attr)] = c.alpha_3
    out.update({"United States of America": "USA", "People's Republic of China": "CHN", "Russia": "RUS",
                "Iran": "IRN", "Syria": "SYR", "Venezuela": "VEN", "Bolivia": "BOL", "South Korea": "KOR",
                "North Korea": "PRK", "Vietnam": "VNM", "Laos": "LAO", "Tanzania": "TZA", "Moldova": "MDA",
                "Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG", "State of Palestine": "PSE",
                "Vatican City": "VAT", "Turkey": "TUR", "Czech Republic": "CZE", "North Macedonia": "MKD",
                "Kosovo": "XKX", "Taiwan": "TWN", "Ivory Coast": "CIV", "Cape Verde": "CPV", "East Timor": "TLS",
                "The Gambia": "GMB", "Federated States of Micronesia": "FSM", "Kingdom of the Netherlands": "NLD",
                "Brunei": "BRN", "Eswatini": "SWZ", "Sahrawi Arab Democratic Republic": "ESH"})
    return out


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "knowledge" / "leaders"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "src" / "chronicler" / "stages" / "actors" / "office_holders.json.gz"
    rows = ministers(src / "ministers.csv") + world_leaders(src / "world_leaders_wikidata.csv", country_names()) \
        + reign(src / "reign_leaderlist_3_21.csv")
    kept = sorted({r for r in rows if not r[5] or r[5] >= SINCE})
    from chronicler.stages.actors.lexicon import key, name_variants

    keys: dict[str, list[int]] = {}
    for i, r in enumerate(kept):
        for k in sorted({key(v) for v in name_variants(r[0])}):
            keys.setdefault(k, []).append(i)
    data = {"source": "../shared/knowledge/leaders (Wikidata CC0 via every-politician-scrapers; REIGN), built by "
                      "scripts/build_office_holders.py", "offices": [list(r) for r in kept], "keys": keys}
    out.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), mtime=0))
    print(f"{out}: {len(kept)} offices of {len({r[0] for r in kept})} people, {len(keys)} keys; {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
