"""Build ``stages/events/es/cameo_verbs.tsv`` from UniversalPetrarch's Spanish verb patterns (MIT,
openeventdata/UniversalPetrarch@067552d8 ``verbpatterns_es_190128.txt``; the copy in
``../shared/knowledge/universal-petrarch-es``), as ``scripts/build_cameo_verbs.py`` does for PETRARCH2.

    python scripts/build_spanish_verbs.py [DICTIONARY_DIR] [OUT]   (OUT: stages/events/es/cameo_verbs.tsv.gz)

The file has synonym sets (``&MILITAR`` with ``+MEMBER`` lines) and verb blocks: ``--- NAME [code] ---`` opens a
block whose verbs follow one a line (``EXIGIR [020]``: a code of its own; ``+DEJAR_DE_LADO``: a verb phrase; ``#``
comments a verb out; a verb listed in several blocks takes the code most of them give), then its patterns ``- words * words [code]``, where ``*`` is the verb, ``+`` the target,
``$`` the source, ``^`` skips words and ``&SET`` stands for a synonym set's members.

Output rows (tab-separated), matched over the Spanish parse by ``stages/events/es/lexicon.py``:

    V  lemma  cameo                      a verb and its code (---: no event on its own)
    P  lemma  preposition  word  cameo   a pattern: the first word after the verb, with the preposition that
                                         introduces it ("amenazar con", "protestar contra") or none (its object)

Only the pattern's first content word after the verb is kept (articles and ``+ $ ^`` markers skipped; a set
expanded to its members, unless it has more than ``MAX_SET``); patterns that repeat the verb's own code,
that put words before the verb, name no word after it, or carry split codes
(``[175:145]``), or put the target before the verb (``+ * HERIDOS``: the subject is acted on) are left out. Words are lower case without accents; nouns in both numbers (the parse gives
lemmas, the dictionary writes the form it met). Codes are brought to ``cameo.tsv`` (``build_cameo_verbs.nearest``).
"""
from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_cameo_verbs", ROOT / "scripts" / "build_cameo_verbs.py")
cv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cv)  # type: ignore[union-attr]

FILE = "verbpatterns_es_190128.txt"
PREPOSITIONS = {"a", "al", "ante", "con", "contra", "de", "del", "desde", "en", "entre", "hacia", "hasta", "para",
                "por", "sin", "sobre", "tras"}
ARTICLES = {"el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "su", "sus", "&articulo"}
MAX_SET = 25
_CODE = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]")


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def read(lines: list[str]) -> tuple[dict[str, list[str]], list[tuple[str, str]], list[tuple[str, str, str, str]]]:
    codes = cv.known_codes()
    synsets: dict[str, list[str]] = {}
    verbs: list[tuple[str, str]] = []
    patterns: list[tuple[str, str, str, str]] = []
    current_set = None
    block_verbs: list[str] = []
    block_code = "---"
    in_patterns = False
    for raw in lines:
        if "VERB PATTERNS" in raw:
            in_patterns, current_set = True, None
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = fold(line.strip().rstrip("_"))
                synsets[current_set] = []
            elif line.startswith("+") and current_set:
                synsets[current_set].append(fold(line[1:].strip().strip("_").replace("_", " ")))
            continue
        m = _BLOCK.match(line)
        if m:
            block_code = cv.nearest(m.group(2), codes) or "---"
            block_verbs = []
            continue
        if line.startswith("-"):
            found = _CODE.findall(line)
            if not found or ":" in found[0]:
                continue
            code = cv.nearest(found[0], codes)
            body = _CODE.sub(" ", line[1:]).split()
            if code is None or "*" not in body or "+" in body[:body.index("*")]:
                continue  # "+ * HERIDOS": the subject is the one acted on (we read subjects as doers)
            after = body[body.index("*") + 1:]
            prep, word = "", ""
            for w in after:
                lw = fold(w.strip("_"))
                if lw in ("+", "$", "^", "") or lw in ARTICLES:
                    continue
                if not prep and lw in PREPOSITIONS:
                    prep = lw
                    continue
                word = lw
                break
            if not word:
                continue
            if word.startswith("&"):
                members = synsets.get(word, [])
                if len(members) > MAX_SET:  # a set as wide as "&PERSONA" says nothing about the event
                    continue
                words = members
            else:
                words = [word.replace("_", " ")]
            if any(c.isdigit() for c in word) or word in PREPOSITIONS:
                continue
            for verb in block_verbs:
                for x in words:
                    if x and not x.startswith("&"):
                        patterns.append((verb, prep, x, code))
            continue
        text = line.strip()
        if not text or text.startswith("&"):
            continue
        own = _CODE.findall(text)
        name = _CODE.sub(" ", text).strip().lstrip("+").strip()
        if not name or not re.match(r"^[A-ZÁÉÍÓÚÑÜ_]+$", name):
            continue
        lemma = fold(name.replace("_", " "))
        code = (cv.nearest(own[0], codes) if own else None) or block_code
        block_verbs.append(lemma)
        verbs.append((lemma, code))
    return synsets, verbs, patterns


def plural_forms(word: str) -> list[str]:
    """The word and its other number, so that a lemma matches whatever form the dictionary wrote."""
    out = [word]
    if " " in word:
        return out
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    elif word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    elif word[-1:] in "aeiou":
        out.append(word + "s")
    else:
        out.append(word + "es")
    return out


def main(argv: list[str]) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "knowledge" / "universal-petrarch-es"
    _synsets, verbs, patterns = read((directory / FILE).read_text("utf-8").splitlines())
    from collections import Counter

    votes: dict[str, Counter] = {}
    for lemma, code in verbs:  # a verb listed in several blocks: the code most of them give (--- if none)
        votes.setdefault(lemma, Counter())[code] += 1
    seen_v = {lemma: next((c for c, _n in v.most_common() if c != "---"), "---") for lemma, v in votes.items()}
    rows_p: dict[tuple[str, str, str], str] = {}
    for verb, prep, word, code in patterns:
        if code == seen_v.get(verb):
            continue  # says no more than the verb
        for form in plural_forms(word):
            rows_p.setdefault((verb, prep, form), code)
    import gzip
    import io

    target = Path(argv[2]) if len(argv) > 2 else ROOT / "src" / "chronicler" / "stages" / "events" / "es" / "cameo_verbs.tsv.gz"
    out = io.StringIO()
    out.write(f"# generated by scripts/build_spanish_verbs.py from UniversalPetrarch's {FILE} (MIT, "
              "openeventdata/UniversalPetrarch@067552d8)\n")
    out.write("# V  lemma  cameo   (a verb; cameo --- : no event on its own)\n")
    out.write("# P  lemma  preposition  word  cameo   (the first word after the verb, with its preposition)\n")
    for lemma, code in sorted(seen_v.items()):
        out.write(f"V\t{lemma}\t{code}\n")
    for (verb, prep, word), code in sorted(rows_p.items()):
        out.write(f"P\t{verb}\t{prep}\t{word}\t{code}\n")
    target.write_bytes(gzip.compress(out.getvalue().encode("utf-8"), mtime=0))
    print(f"{target}: {len(seen_v)} verbs, {len(rows_p)} patterns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
