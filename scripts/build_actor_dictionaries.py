"""Build ``stages/actors/phoenix.json.gz``: the PETRARCH2 / Phoenix actor and agent dictionaries as a prebuilt index.

Reads (MIT, openeventdata/petrarch2 at commit 676801cd; format in ``dictionaries.rst``):
- ``Phoenix.Countries.actors.txt``: countries with their other names, cities and provinces; office holders
  and national bodies with CAMEO codes and date ranges (``[RUSGOV >080508]``);
- ``Phoenix.International.actors.txt``: IGOs (``IGOUNO``), NGOs, multinationals;
- ``Phoenix.MilNonState.actors.txt``: armed non-state groups;
- ``Phoenix.agents.txt``: role words -> sector (``FOREIGN_!MINIST! [~GOV]``), with their plurals.

Every CAMEO code is converted here, once, into the contract's vocabulary: ISO3 country (or IGO) and a sector
(CAMEO's MED and JRN are MED, as the annotation codebook names media; INS and SEP are REB, MUS is MOS, as ``roles.tsv`` writes them). The code itself is kept:
IGO bodies keep their own (IGOUNO, IGOEURNAT ...). Names are indexed by ``dictionary_key`` (case, accents,
hyphens and the article "al-" ignored), so "Kim Jong-un" finds KIM_JONG_UN.

Output (gzipped JSON, loaded by ``stages/actors/dictionaries.py``):
    {"version", "source", "codes": [[cameo, country, sector], ...],
     "records": [[kind, default code index or -1, [[code index, from, to], ...]], ...],
     "names": {key: record index or [indexes]}, "regions": {key: ISO3}, "surnames": {key: record index},
     "skeletons": {transliteration-blind key: record index or [indexes]},
     "agents": {key: [code index, kind]}}
Dates are integers YYYYMMDD (0 and 99999999 for open ends).

    python scripts/build_actor_dictionaries.py [DICTIONARY_DIR] [OUT]
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from chronicler.stages.actors.dictionaries import dictionary_key, skeleton_key  # noqa: E402

SOURCE = "openeventdata/petrarch2@676801cd data/dictionaries (MIT)"
VERSION = 1
FILES = {"C": "Phoenix.Countries.actors.txt", "I": "Phoenix.International.actors.txt",
         "M": "Phoenix.MilNonState.actors.txt"}

# CAMEO country codes that are not ISO 3166 alpha-3 (the CAMEO codebook's historical and special codes).
CAMEO_COUNTRY = {"KSV": "XKX", "TMP": "TLS", "SRP": "SRB", "SCG": "SRB", "YUG": "SRB", "FRY": "SRB",
                 "USR": "RUS", "CSK": "CZE", "DDR": "DEU"}
# CAMEO role and sector codes -> the contract's sector (roles.tsv's vocabulary).
SECTOR = {c: c for c in "COP GOV JUD MIL OPP REB SPY UAF PTY AGR BUS CRM CVL EDU ELI ENV HLH LAB LEG REF RAD NGO "
                        "REL MOS CHR JEW BUD HIN".split()}
SECTOR.update({"MED": "MED", "JRN": "MED", "INS": "REB", "SEP": "REB", "MUS": "MOS", "HRI": "NGO", "PPL": "CVL",
               "SIK": "REL", "JAN": "REL", "BAH": "REL", "ZRO": "REL", "TAO": "REL", "SHN": "REL", "CON": "REL",
               "DRZ": "REL", "PAG": "REL", "ATH": "REL", "ADR": "REL", "ALE": "REL"})
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^\d{6}(\d{2})?$")
# words that make a name a body, not a person (checked on the primary name)
BODY_WORDS = frozenset("""army forces force ministry party council committee police government parliament assembly
front movement union league brigade brigades organization organisation group agency office court guard guards
navy corps command service services bureau department authority commission congress senate cabinet militia
regiment division battalion unit units company corporation bank association federation alliance network
coalition institute university school hospital church news radio television times post agency fund program
programme mission ministries armies parties committees agencies companies militias bodies""".split())


def iso_countries() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def convert(code: str, iso: set[str]) -> tuple[str | None, str | None]:
    """A CAMEO code -> (country: ISO3, IGO or None; sector or None)."""
    code = code.strip("~").upper()
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not parts or not parts[0]:
        return None, None
    head, rest = parts[0], parts[1:]
    sector = next((SECTOR[p] for p in rest if p in SECTOR), None)
    if head in iso or head in CAMEO_COUNTRY:
        return CAMEO_COUNTRY.get(head, head), sector
    if head == "IGO":
        return "IGO", sector
    if head == "NGO":
        return "IGO", "NGO"  # international NGOs act across borders: IGO, sector NGO (organizations.tsv)
    if head == "MNC":
        country = next((CAMEO_COUNTRY.get(p, p) for p in rest if p in iso or p in CAMEO_COUNTRY), None)
        return country, "BUS"
    if head == "IMG":
        return None, "REB"
    if head in SECTOR:
        return None, SECTOR[head]
    return None, sector  # a region (AFR, MEA, WST ...): no country


def parse_date(text: str, upper: bool) -> int | None:
    if not _DATE.match(text):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy <= 29 else "19") + text
    value = int(text)
    return value if 1000_00_00 < value < 3000_00_00 else None


def parse_restriction(body: str) -> tuple[str, int, int] | None:
    """ "RUSGOV >080508" -> ("RUSGOV", 20080508, 99999999); "RUSELI" -> ("RUSELI", 0, 99999999)."""
    bits = body.split()
    if not bits:
        return None
    code = bits[0]
    if len(bits) == 1:
        return code, 0, 99999999
    rng = bits[1]
    if rng.startswith("<"):
        end = parse_date(rng[1:], True)
        return (code, 0, end) if end else None
    if rng.startswith(">"):
        start = parse_date(rng[1:], False)
        return (code, start, 99999999) if start else None
    if "-" in rng:
        a, b = rng.split("-", 1)
        start, end = parse_date(a, False), parse_date(b, True)
        return (code, start, end) if start and end and start <= end else None
    return None


def names_of(raw: str) -> list[str]:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ["ADEN ABYAN ISLAMIC ARMY", "AAIA"]."""
    out = []
    for piece in raw.split("+"):
        inner = re.findall(r"\(([^)]*)\)", piece)
        text = re.sub(r"\([^)]*\)", " ", piece).replace("_", " ")
        text = " ".join(text.split())
        if text:
            out.append(text)
        out += [i.strip("_ ") for i in inner if i.strip("_ ").isalpha() and len(i.strip("_ ")) >= 3]
    return out


def read_actor_file(path: Path, tag: str) -> list[dict]:
    records: list[dict] = []
    current = None
    for line in path.read_text("latin-1").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = _CODE.findall(line)
        name_part = _CODE.sub(" ", line)
        if line.startswith("+"):
            if current is not None:
                current["names"] += names_of(name_part[1:].strip())
        elif line[0].isspace():
            if current is None:
                continue
        else:
            current = {"tag": tag, "names": names_of(name_part.strip()), "codes": []}
            records.append(current)
        for body in codes:
            r = parse_restriction(body)
            if r is not None and current is not None:
                current["codes"].append(r)
    return [r for r in records if r["names"] and r["codes"]]


def _prominent(dated: list[tuple[str, int, int]], converted: list) -> bool:
    """A government office held eight years or more (an open range counts to 2016, where the files end)."""
    for code, start, end in dated:
        if "GOV" in code[3:6] and start:
            years = (min(end, 20160101) - start) // 10000
            if years >= 8:
                return True
    return False


def kind_of(record: dict, country_only: bool) -> str:
    if country_only:
        return "country"
    dated = any(not (s == 0 and e == 99999999) for _c, s, e in record["codes"])
    if record["tag"] != "C" and not dated:  # IGOs, NGOs, companies; their heads carry dates
        return "organization"
    words = {w.lower() for w in record["names"][0].split()}
    return "organization" if words & BODY_WORDS else "person"


def agent_forms(line: str, subs: dict[str, list[str]]) -> tuple[list[str], str] | None:
    """ "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]" -> (["ATTORNEY GENERAL", "ATTORNEYS GENERAL"], "~GOVATG")."""
    codes = _CODE.findall(line)
    if not codes:
        return None
    code = codes[0].strip()
    head = _CODE.split(line)[0]
    plural = re.search(r"\{([^}]*)\}", head)
    root = re.sub(r"\{[^}]*\}", " ", head).strip()
    if not root:
        return None
    marker = re.search(r"!([A-Z]+)!", root)
    if marker and marker.group(1) in subs:
        roots = [root.replace(marker.group(0), s) for s in subs[marker.group(1)]]
        return [r.replace("_", " ").strip() for r in roots], code
    forms = [root]
    if plural is not None:
        forms += plural.group(1).split()
    elif not root.endswith("_"):
        base = root.rstrip("_")
        if base.endswith("Y") and not base.endswith(("AY", "EY", "OY")):
            forms.append(base[:-1] + "IES")
        elif base.endswith(("SS", "SH", "CH", "X")):
            forms.append(base + "ES")
        elif not base.endswith("S"):
            forms.append(base + "S")
    return [" ".join(f.replace("_", " ").split()) for f in forms if f.strip("_ ")], code


def read_agents(path: Path) -> list[tuple[list[str], str]]:
    subs: dict[str, list[str]] = {}
    out = []
    for line in path.read_text("latin-1").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        m = re.match(r"^!([A-Z]+)!\s*=\s*(.*)$", line)
        if m:
            subs[m.group(1)] = [s.strip() for s in m.group(2).split(",") if s.strip()]
            continue
        found = agent_forms(line, subs)
        if found:
            out.append(found)
    return out


def build(directory: Path) -> dict:
    iso = iso_countries()
    codes: list[list] = []
    code_index: dict[str, int] = {}

    def code_id(cameo: str) -> int:
        cameo = cameo.strip("~").upper()
        if cameo not in code_index:
            country, sector = convert(cameo, iso)
            code_index[cameo] = len(codes)
            codes.append([cameo, country, sector])
        return code_index[cameo]

    records: list[list] = []
    names: dict[str, list[int]] = {}
    regions: dict[str, set[str]] = {}
    surnames: dict[str, set[int]] = {}
    for tag, filename in FILES.items():
        for rec in read_actor_file(directory / filename, tag):
            plain = [c for c, s, e in rec["codes"] if s == 0 and e == 99999999]
            dated = [(c, s, e) for c, s, e in rec["codes"] if not (s == 0 and e == 99999999)]
            converted = [convert(c, iso) for c, _s, _e in rec["codes"]]
            if tag == "C" and all(country and not sector for country, sector in converted):
                # a country's or place's names (Crimea, Gaza): a region of the one country they all give
                countries = {country for country, _ in converted}
                for n in rec["names"]:
                    regions.setdefault(dictionary_key(n), set()).update(countries)
                continue
            idx = len(records)
            kind = "group" if tag == "M" else kind_of(rec, False)
            records.append([kind, code_id(plain[-1]) if plain else -1, [[code_id(c), s, e] for c, s, e in dated]])
            for n in rec["names"]:
                k = dictionary_key(n)
                if k and idx not in names.setdefault(k, []):
                    names[k].append(idx)
            if kind == "person" and _prominent(dated, converted):
                last = dictionary_key(rec["names"][0]).split()[-1:]
                if last and len(last[0]) >= 4 and last[0].isalpha():
                    surnames.setdefault(last[0], set()).add(idx)
    bearers: dict[str, set[int]] = {}  # word -> records with a name containing it: a surname must be rare
    for k, ids in names.items():
        for w in k.split():
            bearers.setdefault(w, set()).update(ids)
    skeletons: dict[str, set[int]] = {}  # names of people and bodies by their transliteration-blind key
    for k, ids in names.items():
        sk = skeleton_key(k)
        if len(sk) >= 6:  # shorter skeletons collide ("Joseph Monka" is not "Joseph Mungai")
            skeletons.setdefault(sk, set()).update(ids)
    agents: dict[str, list] = {}
    for forms, code in read_agents(directory / "Phoenix.agents.txt"):
        cid = code_id(code)
        for n, form in enumerate(forms):
            k = dictionary_key(form)
            if k and k not in agents:
                words = {w.rstrip("s") for w in k.split()} | set(k.split())
                body = bool(words & BODY_WORDS)
                agents[k] = [cid, "organization" if body else "person" if n == 0 else "group"]
    return {
        "version": VERSION, "source": SOURCE, "codes": codes, "records": records,
        "names": {k: v[0] if len(v) == 1 else v for k, v in sorted(names.items())},
        "regions": {k: next(iter(v)) for k, v in sorted(regions.items()) if len(v) == 1},
        # bare surnames of office holders of eight years and more, where one such person bears it ("Museveni")
        "surnames": {k: next(iter(v)) for k, v in sorted(surnames.items())
                     if len(v) == 1 and len(bearers.get(k, ())) == 1 and k not in names and k not in regions},
        "skeletons": {k: sorted(v)[0] if len(v) == 1 else sorted(v) for k, v in sorted(skeletons.items())
                      if k not in names},
        "agents": dict(sorted(agents.items())),
    }


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[1]
    directory = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "knowledge" / "petrarch2"
    out = Path(argv[2]) if len(argv) > 2 else root / "src" / "chronicler" / "stages" / "actors" / "phoenix.json.gz"
    data = build(directory)
    blob = json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    with gzip.GzipFile(out, "wb", mtime=0) as f:  # mtime 0: the same input gives the same bytes
        f.write(blob)
    print(f"{out}: {len(data['records'])} records, {len(data['names'])} names, {len(data['regions'])} regions, "
          f"{len(data['agents'])} agent forms, {len(data['codes'])} codes; {out.stat().st_size} bytes",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
