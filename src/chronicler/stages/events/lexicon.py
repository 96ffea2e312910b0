"""Event language data: CAMEO codes (cameo.tsv), event verbs and nouns, and frame verbs, loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
CONFLICTUAL = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}


@dataclass(frozen=True, slots=True)
class Code:
    """One CAMEO code with its PLOVER type, quad class and Goldstein weight."""

    cameo: str
    type: str
    quad_class: int
    goldstein: float


def _rows(name: str) -> list[list[str]]:
    text = resources.files("chronicler.stages.events").joinpath(name).read_text("utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A one-word-per-line data file of the events stage (people.txt, partitives.txt, instruments.txt)."""
    return frozenset(row[0].strip() for row in _rows(name))


@dataclass(frozen=True)
class EventLexicon:
    codes: dict[str, Code]  # CAMEO code -> Code
    verbs: dict[str, Code]  # lemma or "lemma particle" -> Code
    nouns: dict[str, Code]  # noun lemma or two-word compound -> Code
    frames: dict[str, str]  # lemma -> frame (intend, threaten, request, reject, deny, claim, fail, consider)
    patient_nouns: frozenset[str] = frozenset()  # nouns whose possessor is the target ("Maduro's capture")

    @cached_property
    def claim_nouns(self) -> frozenset[str]:
        """Nouns for what someone says happened: the quotes' reporting nouns, and what a denial can deny
        ("deny+charge")."""
        from chronicler.stages.quotes.lexicon import reporting_nouns

        return reporting_nouns() | frozenset(
            k.split("+", 1)[1] for k in self.verbs if k.startswith("deny+") and k != "deny+*")

    @cached_property
    def event_nouns(self) -> frozenset[str]:
        """Nouns that tell an event in a word ("the attack", "the denial"): ours and the quotes' reporting nouns."""
        from chronicler.stages.quotes.lexicon import reporting_nouns

        return frozenset(self.nouns) | reporting_nouns()

    @cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """The verbs our entries start with ("lift" of "lift+sanction", "cut" of "cut off"): a verb whose lemma is
        not among them has no entry of ours."""
        return frozenset(k.split("+", 1)[0].split(" ", 1)[0] for k in self.verbs)

    @cached_property
    def frame_lemmas(self) -> frozenset[str]:
        """The words the frame entries start with ("agree" of "agree to")."""
        return frozenset(k.split(" ", 1)[0] for k in self.frames)

    @cached_property
    def noun_heads(self) -> frozenset[str]:
        """The head nouns our entries end with ("strike" of "hunger strike", "fire" and "cease-fire" of
        "cease-fire"): a noun whose lemma is not among them has no entry of ours."""
        out: set[str] = set()
        for key in self.nouns:
            last = key.rsplit(" ", 1)[-1]
            parts = last.split("-")
            out.update("-".join(parts[n:]) for n in range(len(parts)))
        return frozenset(out)

    def code(self, cameo: str, type_: str | None = None) -> Code:
        base = self.codes[cameo]
        return base if not type_ or type_ == base.type else Code(cameo, type_, base.quad_class, base.goldstein)

    def family(self, root: str, kind: str) -> Code:
        """The code of a root family ("13") specialised by the embedded event's kind, e.g. 13 + SANCTION."""
        cameo = _FAMILY.get((root, kind)) or _FAMILY[(root, "")]
        return self.codes[cameo]


# How an intended / threatened / requested / rejected event is coded, by the type of what is intended.
_FAMILY = {
    ("03", ""): "030", ("03", "AID"): "033", ("03", "COOPERATE"): "031", ("03", "CONSULT"): "036",
    ("03", "CONCEDE"): "035", ("03", "RETREAT"): "035", ("03", "SUPPORT"): "032", ("03", "AGREE"): "030",
    ("13", ""): "130", ("13", "SANCTION"): "131", ("13", "COERCE"): "132", ("13", "ASSAULT"): "138",
    ("13", "MOBILIZE"): "138", ("13", "PROTEST"): "133", ("13", "REJECT"): "131", ("13", "RETREAT"): "131",
    ("02", ""): "020", ("02", "AID"): "023", ("02", "COOPERATE"): "021", ("02", "CONSULT"): "026",
    ("02", "CONCEDE"): "025", ("02", "RETREAT"): "025", ("02", "SUPPORT"): "022", ("02", "AGREE"): "027",
    ("10", ""): "100", ("10", "AID"): "103", ("10", "COOPERATE"): "101", ("10", "CONSULT"): "106",
    ("10", "CONCEDE"): "105", ("10", "RETREAT"): "105", ("10", "SUPPORT"): "102", ("10", "AGREE"): "107",
    ("12", ""): "120", ("12", "AID"): "122", ("12", "COOPERATE"): "121", ("12", "CONSULT"): "125",
    ("12", "CONCEDE"): "124", ("12", "RETREAT"): "124", ("12", "SUPPORT"): "121", ("12", "AGREE"): "127",
}


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    codes = {}
    for row in _rows("cameo.tsv"):
        codes[row[0]] = Code(row[0], row[1], int(row[2]), float(row[3]))

    def coded(name: str) -> dict[str, Code]:
        out = {}
        for row in _rows(name):
            override = row[2].strip() if len(row) > 2 else ""
            out[row[0].strip().lower()] = EventLexicon.code(lexicon_stub(codes), row[1].strip(), override)
        return out

    frames = {row[0].strip().lower(): row[1].strip() for row in _rows("frames.tsv")}
    patients = frozenset(r[0].strip().lower() for r in _rows("nouns.tsv") if len(r) > 3 and r[3].strip() == "patient")
    return EventLexicon(codes=codes, verbs=coded("verbs.tsv"), nouns=coded("nouns.tsv"), frames=frames,
                        patient_nouns=patients)


def lexicon_stub(codes: dict[str, Code]) -> EventLexicon:
    return EventLexicon(codes=codes, verbs={}, nouns={}, frames={})
