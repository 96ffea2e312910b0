"""The README stays honest: its set-up commands, CLI lines and Python example match the code."""
import re
import shlex

import pytest

from chronicler.cli import _parser
from conftest import REPO

README = (REPO / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"```(?:sh|python)\n(.*?)```", README, re.S)


def cli_lines():
    for block in BLOCKS:
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("chronicler "):
                yield line


def test_readme_opens_with_the_two_commands():
    first, second = BLOCKS[0].strip(), BLOCKS[1].strip()
    assert "pip install ." in first and "chronicler analyze examples/" in first
    example = re.search(r"examples/\S+", first).group(0)
    assert (REPO / example).is_file()
    assert second == "bash scripts/test.sh"
    assert "bash scripts/test.sh" in (REPO / ".ci" / "run").read_text("utf-8")


@pytest.mark.parametrize("line", list(cli_lines()))
def test_every_documented_cli_line_parses(line):
    words = shlex.split(re.sub(r"[\[\]|]", " ", line).replace("...", ""))[1:]
    sub = _parser()._subparsers._group_actions[0].choices
    command = words[0]
    assert command in sub, line
    parser = sub[command]
    nested = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    if nested:  # e.g. `chronicler alerts add ...`: the options of the sub-command
        assert words[1] in nested[0].choices, line
        parser = nested[0].choices[words[1]]
    known = {opt for action in parser._actions for opt in action.option_strings}
    for word in words[1:]:
        if word.startswith("--"):
            assert word in known, f"{line}: {word} is not an option of {command}"


def test_python_example_runs(monkeypatch):
    monkeypatch.chdir(REPO)
    block = next(b for b in BLOCKS if "import chronicler" in b)
    namespace = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert namespace["result"]["quotes"]
