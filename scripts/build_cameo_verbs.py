"""Build ``stages/events/cameo_verbs.tsv`` from PETRARCH2's CAMEO verb dictionaries (MIT, openeventdata/petrarch2).

    python scripts/build_cameo_verbs.py [PETRARCH2_DIR] > src/chronicler/stages/events/cameo_verbs.tsv

Reads ``CAMEO.2.0.txt`` (PETRARCH2's syntactic patterns: head nouns after the verb, ``(PREP NOUN)`` phrases,
``{MODIFIER HEAD}`` phrases, ``&SYNSET`` lists, ``$`` source and ``+`` target markers) and, for the verbs that
file lacks, ``CAMEO.verbpatterns.150430.txt`` (the older TABARI lists: verbs and their code, and the patterns
that are one noun or one preposition and noun after the verb). Formats: ``dictionaries.rst`` beside them.

Each output row is one pattern over the dependency parse, matched by ``stages/events/cameo_dictionary.py``:

    lemma  particle  subject  object  modifier  preposition  prep_object  roles  cameo

``lemma`` is the verb's lemma; ``particle`` a word after it that belongs to the verb ("cordon off", "ask for");
``subject`` the head noun of its subject; ``object`` the head noun of its object (or a word such as "off" that
the parser may read as a particle); ``modifier`` a word modifying that head ("financial aid");
``preposition``/``prep_object`` a prepositional phrase on the verb ("(FOR RETRIAL)"; the object may be empty:
"(AGAINST)"). ``roles`` says where the dictionary puts the target or source when not in the default places
(``target=subject`` for "+ * ...", ``target=pobj`` for "(TO +)", ``source=pobj`` for "(FROM $)",
``target=object`` for "* +"). ``cameo`` is the code, brought to the nearest code of ``cameo.tsv`` (the
official CAMEO->PLOVER table), or ``---``: the pattern names no event (it overrides the verb's own code).
Patterns with more than one noun phrase or prepositional phrase after the verb, or codes split between the two
actors (``[175:145]``), are left out: they are the dictionary's most sentence-specific rows.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "knowledge" / "petrarch2"
CAMEO_TSV = ROOT / "src" / "chronicler" / "stages" / "events" / "cameo.tsv"
PREPOSITIONS = {"about", "against", "among", "as", "at", "between", "by", "for", "from", "in", "into", "of", "off",
                "on", "onto", "over", "to", "toward", "towards", "under", "upon", "with", "within", "without",
                "through", "across", "after", "before", "behind", "near", "around", "out", "up", "down"}
_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"^[A-Z][A-Z'\-]*$")


def known_codes() -> set[str]:
    out = set()
    for line in CAMEO_TSV.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(line.split("\t")[0])
    return out


def nearest(code: str, codes: set[str]) -> str | None:
    """The code itself, else its parent (4 -> 3 digits), else its root with a 0 ("19" -> "190")."""
    code = code.strip()
    if code == "---":
        return "---"
    if not code.isdigit():
        return None
    for candidate in (code, code[:3], code[:2] + "0"):
        if candidate in codes:
            return candidate
    return None


def singular(word: str) -> str:
    """The dictionary writes nouns as they appear ("FILES", "SUPPLIES"); the parse gives lemmas."""
    w = word.lower().strip("_")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ws")):
        return w[:-1]
    return w


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = line.split("#")[0].rstrip()
        if text.startswith("&"):
            current = text.strip().rstrip("_")
            sets[current] = []
        elif text.startswith("+") and current is not None:
            sets[current].append(text[1:].strip())
        elif text.strip() and not text.startswith("+"):
            current = None
    return sets


def phrases(item: str, synsets: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(head, modifier) pairs for a noun item: WORD, {MOD HEAD}, &SET, in lemma form; a set stays a reference
    ("&currency") that the matcher looks up, so the file holds each pattern once."""
    words = item.strip("{}").split()
    if not words:
        return []

    def ref(w: str) -> str | None:
        return "&" + w[1:].rstrip("_").lower() if w.startswith("&") and w.rstrip("_") in synsets else None

    last = words[-1]
    if last.startswith("&"):
        head = ref(last)
    else:
        flat = last.replace("_", " ").split()
        head = singular(flat[-1]) if flat and all(_WORD.match(x) for x in flat) else None
    if head is None:
        return []
    mod = ""
    if len(words) > 1:
        prev = words[-2]
        mod = ref(prev) if prev.startswith("&") else prev.replace("_", " ").split()[-1].lower()
        if mod is None or (not mod.startswith("&") and not _WORD.match(mod.upper())):
            return []
    return [(head, mod)]


def synset_rows(synsets: dict[str, list[str]]) -> list[tuple[str, str]]:
    """("&name", "head,head,...") with each member's head word in lemma form."""
    out = []
    for name, members in synsets.items():
        heads = sorted({singular(m.replace("_", " ").split()[-1]) for m in members if m.replace("_", " ").split()})
        heads = [h for h in heads if _WORD.match(h.upper())]
        if heads:
            out.append(("&" + name[1:].lower(), ",".join(heads)))
    return out


_ITEM = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")


def parse_pattern(body: str, synsets: dict[str, list[str]]) -> list[dict] | None:
    """One "- PRE * POST" pattern -> field dicts (several where a synset expands), or None when left out."""
    if body.count("*") != 1:
        return None
    pre, post = body.split("*")
    pre_items = _ITEM.findall(pre)
    post_items = _ITEM.findall(post)
    base = {"subject": "", "object": "", "modifier": "", "preposition": "", "prep_object": "", "roles": ""}
    roles = []
    subjects: list[tuple[str, str]] = [("", "")]
    for item in pre_items:
        if item == "+":
            roles.append("target=subject")
        elif item in ("$", "%", "^"):
            continue
        elif item.startswith("("):
            return None
        else:
            found = phrases(item, synsets)
            if not found or subjects != [("", "")]:
                return None
            subjects = found
    objects: list[tuple[str, str]] = [("", "")]
    preps: list[tuple[str, str, str]] = [("", "", "")]
    for item in post_items:
        if item in ("$", "^", "%"):
            continue
        if item == "+":
            roles.append("target=object")
            continue
        if item.startswith("("):
            inner = _ITEM.findall(item[1:-1])
            if not inner or inner[0].lower() not in PREPOSITIONS or preps != [("", "", "")]:
                return None
            prep = inner[0].lower()
            rest = [x for x in inner[1:] if x not in ("^", "%")]
            if rest == ["+"]:
                roles.append("target=pobj")
                preps = [(prep, "", "")]
            elif rest == ["$"]:
                roles.append("source=pobj")
                preps = [(prep, "", "")]
            elif not rest:
                preps = [(prep, "", "")]
            elif len(rest) == 1:
                found = phrases(rest[0], synsets)
                if not found:
                    return None
                preps = [(prep, h, m) for h, m in found]
            else:
                return None
            continue
        if objects != [("", "")]:
            return None  # a second noun phrase after the verb: too specific
        found = phrases(item, synsets)
        if not found:
            return None
        objects = found
    out = []
    for s_head, _ in subjects:
        for o_head, o_mod in objects:
            for prep, p_head, p_mod in preps:
                row = dict(base, subject=s_head, object=o_head, modifier=o_mod or p_mod, preposition=prep,
                           prep_object=p_head, roles=",".join(roles))
                out.append(row)
    return out


def parse_verb(line: str) -> tuple[str, str, str | None] | None:
    """A verb line -> (lemma, particle, own code or None). "+ASK_FOR {...} [020]" -> ("ask", "for", "020")."""
    text = line.split("#")[0]
    code = _CODE.search(text)
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", text).strip()
    if not text or " " in text:
        return None
    parts = text.split("_")
    if text.startswith("+"):
        parts[0] = parts[0][1:]
        lemma, rest = parts[0], parts[1:]
    elif len(parts) == 1:
        lemma, rest = parts[0], []
    else:
        return None  # "WIRE_+TAP": a word before the verb
    if not lemma or not _WORD.match(lemma) or len(rest) > 1 or (rest and not _WORD.match(rest[0])):
        return None
    return lemma.lower(), (rest[0].lower() if rest else ""), (code.group(1).strip() if code else None)


def read_blocks(path: Path) -> list[tuple[str | None, list[tuple[str, str, str | None]], list[tuple[str, str]]]]:
    """(block code, verbs, [(pattern body, code)]) per "--- NAME [CODE] ---" block."""
    blocks = []
    current = None
    for line in path.read_text("latin-1").splitlines():
        if line.startswith("---"):
            code = _CODE.search(line)
            current = (code.group(1).strip() if code else "---", [], [])
            blocks.append(current)
            continue
        if current is None or not line.strip() or line.startswith(("#", "~", "&")):
            continue
        if line.startswith("-"):
            text, _, comment = line[1:].partition("#")
            code = _CODE.search(text)
            if code:
                current[2].append((text[:code.start()].strip(), code.group(1).strip(), comment_verbs(comment)))
        elif line.startswith("+") and line[1:2].isalpha() and "_" not in line.split()[0]:
            continue  # a synset member written under a block by mistake
        else:
            verb = parse_verb(line)
            if verb is not None:
                current[1].append(verb)
    return blocks


def comment_verbs(comment: str) -> str:
    """The verbs a pattern was written for, from its comment ("# SEND , DEPLOY <ab 31 Dec 2005>" -> "send,deploy")."""
    words = re.sub(r"<[^>]*>", "", comment).replace(",", " ").split()
    return ",".join(w.lower().replace("_", " ") for w in words if _WORD.match(w) and len(w) > 2)


def old_pattern(body: str) -> list[dict] | None:
    """TABARI's linear patterns: only "* NOUN" and "* PREP NOUN" (with $ / + markers) are kept."""
    if body.count("*") != 1:
        return None
    pre, post = body.split("*")
    if pre.strip():
        return None
    words = [w for w in post.split() if w not in ("^", "%")]
    roles = []
    if words and words[-1] in ("+", "$"):
        roles.append("target=pobj" if words[-1] == "+" else "source=pobj")
        words = words[:-1]
    if len(words) == 1 and _WORD.match(words[0]) and words[0].lower() not in PREPOSITIONS:
        return [{"subject": "", "object": singular(words[0]), "modifier": "", "preposition": "", "prep_object": "",
                 "roles": ""}] if not roles else None
    if len(words) == 2 and words[0].lower() in PREPOSITIONS and _WORD.match(words[1]):
        return [{"subject": "", "object": "", "modifier": "", "preposition": words[0].lower(),
                 "prep_object": singular(words[1]), "roles": ""}] if not roles else None
    if len(words) == 1 and words[0].lower() in PREPOSITIONS and roles:
        return [{"subject": "", "object": "", "modifier": "", "preposition": words[0].lower(), "prep_object": "",
                 "roles": ",".join(roles)}]
    return None


PATTERN_FIELDS = ("subject", "object", "modifier", "preposition", "prep_object", "roles")


def build(folder: Path) -> tuple[list[tuple[str, str]], list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(synsets, verbs as (lemma, particle, block, code), patterns as (block, fields..., code))."""
    codes = known_codes()
    modern_path, old_path = folder / "CAMEO.2.0.txt", folder / "CAMEO.verbpatterns.150430.txt"
    synsets = read_synsets(modern_path.read_text("latin-1").splitlines())
    verbs: dict[tuple[str, str], tuple[str, str]] = {}
    patterns: dict[tuple[str, ...], str] = {}  # (block, fields..., verbs) -> code
    seen_lemmas: set[str] = set()
    n = 0
    for modern, path in ((True, modern_path), (False, old_path)):
        for block_code, block_verbs, block_patterns in read_blocks(path):
            block_verbs = [v for v in block_verbs if modern or v[0] not in seen_lemmas]
            if not block_verbs:
                continue
            n += 1
            block = str(n)
            for lemma, particle, own in block_verbs:
                code = own or block_code
                cameo = nearest(code, codes) if code != "---" else "---"
                if cameo is not None:
                    verbs.setdefault((lemma, particle), (block, cameo))
            for body, code, for_verbs in block_patterns:
                cameo = nearest(code, codes) if ":" not in code else None
                if cameo is None:
                    continue
                parsed = parse_pattern(body, synsets) if modern else old_pattern(body)
                for fields in parsed or ():
                    if not (fields["subject"] or fields["object"] or fields["preposition"]):
                        continue  # markers alone ("+ *"): nothing to match beyond the verb
                    key = (block,) + tuple(fields[f] for f in PATTERN_FIELDS)
                    if key + ("",) not in patterns:
                        patterns[key + ("",)] = cameo  # the first row of a pattern holds for the whole block
                    elif patterns[key + ("",)] != cameo and for_verbs:
                        # the same pattern with another code: for the verbs its comment names ("# DEPLOY")
                        patterns.setdefault(key + (for_verbs,), cameo)
            if modern:
                seen_lemmas.update(v[0] for v in block_verbs)
    used = {b for b, _ in verbs.values()}
    return (synset_rows(synsets), [k + v for k, v in verbs.items()],
            [k + (c,) for k, c in patterns.items() if k[0] in used])


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    synsets, verbs, patterns = build(folder)
    out = sys.stdout
    out.write("# generated by scripts/build_cameo_verbs.py from PETRARCH2's CAMEO.2.0.txt and "
              "CAMEO.verbpatterns.150430.txt (MIT, openeventdata/petrarch2)\n")
    out.write("# S  &set  head,head,...   (a synonym set: its members' head words)\n")
    out.write("# V  lemma  particle  block  cameo   (a verb of a synonym block; cameo --- : no event alone)\n")
    out.write("# P  block  " + "  ".join(PATTERN_FIELDS) + "  verbs  cameo   (a pattern of a block's verbs; "
              "with verbs: of those only)\n")
    for row in synsets:
        out.write("\t".join(("S",) + row) + "\n")
    for row in sorted(verbs):
        out.write("\t".join(("V",) + row) + "\n")
    for row in sorted(patterns, key=lambda r: (int(r[0]),) + r[1:]):
        out.write("\t".join(("P",) + row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
