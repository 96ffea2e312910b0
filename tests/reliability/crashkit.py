"""Helpers for the reliability tests: a small corpus written here, child processes, fresh PostgreSQL databases.
(Imported by the tests as a module; not a conftest, so `from conftest import ...` elsewhere stays unambiguous.)"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"

SENTENCES = [
    "“We’re talking with Cuba,” Trump said on Sunday.",
    "Cuba's President Miguel Diaz-Canel denied being in talks with the United States.",
    "Rubio hinted at increased pressure on Havana, officials said.",
    "The European Union imposed new sanctions on Russia on Tuesday.",
    "Protesters clashed with police in Nairobi, the Red Cross said.",
    "China urged Japan to return to talks over the disputed islands.",
    "“We will not accept these terms,” the Iranian foreign minister told reporters.",
    "Israel and Hamas agreed to a ceasefire brokered by Egypt, a mediator said.",
    "The United Nations warned of famine in Sudan.",
    "Germany's chancellor met the French president in Berlin on Friday.",
    "Rebels attacked an army convoy near Goma, killing six soldiers, the army said.",
    "Brazil expelled two Venezuelan diplomats, the foreign ministry announced.",
]


def write_corpus(root: Path, copies: int = 2) -> Path:
    """A folder of short articles (JSONL and text files), with a duplicate and two unusable records."""
    root.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(copies):
        for j, s in enumerate(SENTENCES):
            lines.append(json.dumps({"id": f"r{i}-{j}", "text": f"Report {i}-{j}. {s}",
                                     "published": f"2026-01-{1 + (i * 7 + j) % 28:02d}"}))
    lines += ["{broken", json.dumps({"id": "dup", "text": f"Report 0-0. {SENTENCES[0]}"}),
              json.dumps({"id": "nul", "text": "Trump said\u0000 hello."})]
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for j, s in enumerate(SENTENCES[:4]):
        (root / f"t{j}.txt").write_text(f"Story {j}\n\n{s}", encoding="utf-8")
    return root


def start_child(*args: str) -> subprocess.Popen:
    """killed_ingest.py started in its own session (so its whole process group can be killed at once)."""
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, str(HERE / "killed_ingest.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=environ, start_new_session=True)


def kill_group(proc: subprocess.Popen) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def run_child(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run killed_ingest.py in its own session; whatever it leaves behind (workers, a Ray node) is killed."""
    proc = start_child(*args)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        kill_group(proc)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def steps_of(done: subprocess.CompletedProcess) -> int:
    for line in done.stdout.splitlines():
        if line.startswith("STEPS "):
            return int(line.split()[1])
    raise AssertionError(f"no step count: rc={done.returncode} {done.stderr[-2000:]}")


class PgDatabases:
    """Fresh, empty databases on the test server (``pg_url``), dropped by ``drop_all``."""

    def __init__(self, pg_url: str) -> None:
        self.pg_url, self.made = pg_url, []

    def fresh(self, name: str) -> str:
        import psycopg

        pg_url = self.pg_url
        with psycopg.connect(pg_url, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            con.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return pg_url.rsplit("/", 1)[0] + "/" + name

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.pg_url, autocommit=True) as con:
            for name in self.made:
                con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
