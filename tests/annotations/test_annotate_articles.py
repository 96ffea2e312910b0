"""scripts/annotate_articles.py: copies of one BBC story fall in one group and split."""
import hashlib
import importlib.util
from pathlib import Path

from tests.conftest import shared_path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "annotate_articles.py"
spec = importlib.util.spec_from_file_location("annotate_articles", SCRIPT)
A = importlib.util.module_from_spec(spec)
spec.loader.exec_module(A)


def test_a_copy_takes_the_group_of_the_first_file_with_its_text(tmp_path):
    for name, text in (("003.txt", "Blair speaks."), ("005.txt", "Howard replies."), ("160.txt", "Blair speaks.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert A._bbc_first_copy(tmp_path / "160.txt").name == "003.txt"
    assert A._bbc_first_copy(tmp_path / "005.txt").name == "005.txt"
    assert A._bbc_entry(tmp_path / "160.txt")["group"] == "bbc:0"  # 003's block of 50, not 160's (bbc:3)


def test_copies_of_one_bbc_story_share_a_split_in_the_manifest():
    root = shared_path("corpora", "bbc")
    splits: dict[str, set[str]] = {}
    for e in A.manifest():
        if e["corpus"] == "bbc":
            digest = hashlib.sha256((root / e["key"]).read_bytes()).hexdigest()
            splits.setdefault(digest, set()).add(e["split"])
    assert splits and all(len(s) == 1 for s in splits.values())
