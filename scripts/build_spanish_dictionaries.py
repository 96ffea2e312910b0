"""Build ``stages/actors/es/actors.json.gz``: UniversalPetrarch's Spanish actor and agent dictionaries as a
prebuilt index, in the format of ``stages/actors/phoenix.json.gz`` (read by the same ``Dictionaries`` class).

Reads (MIT, openeventdata/UniversalPetrarch at commit 067552d8, data/dictionaries/spanish; the copy in
``../shared/knowledge/universal-petrarch-es``, which already leaves out the parts written from the validation
sentences):
- ``actors_unified_181220.txt``: four older files merged, each opened by ``# FROM FORMER DICTIONARY: NAME``:
  International (IGOs, NGOs, companies: tag I), MilNonState (armed groups: tag M) and Countries (countries, their
  other names and demonyms, office holders: tag C), with dated CAMEO codes (``[VENGOV >060901]``);
- ``agents_181220.txt``: Spanish role words with sector codes (``JEFE_CRIMINAL_ [~CRM]``), ``!X!`` substitutions.

Codes are converted as for PETRARCH2 (``scripts/build_actor_dictionaries.py``: ISO3 country or IGO, sector).
A record whose codes are all bare countries is a name of that country ("CUBANO_ [CUB]", "LA_HABANA_ [CUB]"):
it goes to ``regions``, which the Spanish actors stage reads as country names and demonyms.

    python scripts/build_spanish_dictionaries.py [DICTIONARY_DIR] [OUT]
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_spec = importlib.util.spec_from_file_location("build_actor_dictionaries", ROOT / "scripts" / "build_actor_dictionaries.py")
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)  # type: ignore[union-attr]

from chronicler.stages.actors.dictionaries import dictionary_key  # noqa: E402

SOURCE = "openeventdata/UniversalPetrarch@067552d8 data/dictionaries/spanish (MIT)"
ACTORS = "actors_unified_181220.txt"
AGENTS = "agents_181220.txt"
_SECTION = re.compile(r"#\s*FROM FORMER DICTIONARY:\s*(\S+)")


def section_tag(name: str) -> str:
    low = name.lower()
    if low.startswith("international"):
        return "I"
    if low.startswith("milnonstate"):
        return "M"
    return "C"


def read_actor_lines(lines: list[str]) -> list[dict]:
    """``build_actor_dictionaries.read_actor_file`` over UTF-8 lines, with the tag of each merged section."""
    records: list[dict] = []
    current = None
    tag = "I"
    for raw in lines:
        m = _SECTION.search(raw)
        if m:
            tag, current = section_tag(m.group(1)), None
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = base._CODE.findall(line)
        name_part = base._CODE.sub(" ", line)
        if line.startswith("+"):
            if current is not None:
                current["names"] += base.names_of(name_part[1:].strip())
        elif line[0].isspace():
            if current is None:
                continue
        else:
            current = {"tag": tag, "names": base.names_of(name_part.strip()), "codes": []}
            records.append(current)
        for body in codes:
            r = base.parse_restriction(body)
            if r is not None and current is not None:
                current["codes"].append(r)
    return [r for r in records if r["names"] and r["codes"]]


def read_agent_lines(lines: list[str]) -> list[tuple[list[str], str]]:
    subs: dict[str, list[str]] = {}
    out = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        m = re.match(r"^!([A-Z]+)!_?=_?(.*)$", line)
        if m:
            subs[m.group(1)] = [s.strip("_ ") for s in m.group(2).split(",") if s.strip("_ ")]
            continue
        found = base.agent_forms(line, subs)
        if found:
            out.append(found)
    return out


def build(directory: Path) -> dict:
    iso = base.iso_countries()
    codes: list[list] = []
    code_index: dict[str, int] = {}

    def code_id(cameo: str) -> int:
        cameo = cameo.strip("~").upper()
        if cameo not in code_index:
            country, sector = base.convert(cameo, iso)
            code_index[cameo] = len(codes)
            codes.append([cameo, country, sector])
        return code_index[cameo]

    records: list[list] = []
    names: dict[str, list[int]] = {}
    regions: dict[str, set[str]] = {}
    lines = (directory / ACTORS).read_text("utf-8").splitlines()
    for rec in read_actor_lines(lines):
        plain = [c for c, s, e in rec["codes"] if s == 0 and e == 99999999]
        dated = [(c, s, e) for c, s, e in rec["codes"] if not (s == 0 and e == 99999999)]
        converted = [base.convert(c, iso) for c, _s, _e in rec["codes"]]
        if rec["tag"] == "C" and all(country and not sector for country, sector in converted):
            countries = {country for country, _ in converted}
            for n in rec["names"]:
                regions.setdefault(dictionary_key(n), set()).update(countries)
            continue
        idx = len(records)
        kind = "group" if rec["tag"] == "M" else base.kind_of(rec, False)
        records.append([kind, code_id(plain[-1]) if plain else -1, [[code_id(c), s, e] for c, s, e in dated]])
        for n in rec["names"]:
            k = dictionary_key(n)
            if k and idx not in names.setdefault(k, []):
                names[k].append(idx)
    agents: dict[str, list] = {}
    for forms, code in read_agent_lines((directory / AGENTS).read_text("utf-8").splitlines()):
        cid = code_id(code)
        for n, form in enumerate(forms):
            k = dictionary_key(form)
            if k and k not in agents:
                agents[k] = [cid, "person" if n == 0 else "group"]
    return {
        "version": base.VERSION, "source": SOURCE, "codes": codes, "records": records,
        "names": {k: v[0] if len(v) == 1 else v for k, v in sorted(names.items())},
        "regions": {k: next(iter(v)) for k, v in sorted(regions.items()) if len(v) == 1},
        "surnames": {}, "skeletons": {},
        "agents": dict(sorted(agents.items())),
    }


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "knowledge" / "universal-petrarch-es"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "src" / "chronicler" / "stages" / "actors" / "es" / "actors.json.gz"
    data = build(directory)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    out.write_bytes(gzip.compress(payload, mtime=0))
    print(f"{out}: {len(data['records'])} records, {len(data['names'])} names, {len(data['regions'])} country "
          f"names, {len(data['agents'])} role words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
