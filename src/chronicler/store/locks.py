"""Who holds a DuckDB file, and what to tell someone who cannot open it.

DuckDB's lock error names the process that holds the file ("Conflicting lock is held in ... (PID 1234)"). Where
the system shows that process's command line (/proc on Linux), the message says what it is: a `chronicler
serve` (whose HTTP API serves the same data: the address is read from its --host and --port), an ingest, or
another program, and what to do.
"""
from __future__ import annotations

import re
from pathlib import Path


def is_lock_conflict(exc: BaseException) -> bool:
    return "could not set lock" in str(exc).lower()


def holder_pid(error: str) -> int | None:
    found = re.search(r"\(PID (\d+)\)", error)
    return int(found.group(1)) if found else None


def command_line(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


COMMANDS = ("serve", "ingest", "watch", "alerts", "analyze", "events", "quotes", "actors", "disputes", "export",
            "stories", "story", "eval")


def chronicler_command(argv: list[str]) -> tuple[str, list[str]] | None:
    """('serve', the arguments after it) for a command line that runs chronicler, else None."""
    for i, arg in enumerate(argv):
        if Path(arg).name == "chronicler" or (arg == "chronicler" and i > 0 and argv[i - 1] == "-m"):
            rest = argv[i + 1:]
            k = next((k for k, a in enumerate(rest) if a in COMMANDS), None)
            return None if k is None else (rest[k], rest[k + 1:])
    return None


def _option(args: list[str], name: str, default: str) -> str:
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


def serve_url(args: list[str]) -> str:
    host = _option(args, "--host", "127.0.0.1")
    host = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host and host != "::" else host
    return f"http://{'127.0.0.1' if host == '::' else host}:{_option(args, '--port', '8000')}"


def holder_message(path: str, error: str, read_only: bool) -> str:
    """Why ``path`` cannot be opened, who holds it and how to go on."""
    want = "read" if read_only else "write to"
    pid = holder_pid(error)
    argv = command_line(pid) if pid else None
    found = chronicler_command(argv) if argv else None
    who = f"the process with PID {pid}" if pid else "another process"
    if argv:
        shown = [" ".join(a.split()) for a in argv[-8:]]
        who = "`" + " ".join(a if len(a) <= 60 else a[:59] + "…" for a in shown) + f"` (PID {pid})"
    head = f"cannot {want} store {path}: {who} holds it"
    if found and found[0] == "serve" and not read_only:
        url = serve_url(found[1])
        return (f"{head} (it reads the file, and other readers may too, but a file has one writer or readers). "
                f"Add documents through that server: POST {url}/v1/documents, or follow feeds with `chronicler "
                "serve --watch FEED`; or stop it, ingest, and start it again. Meanwhile it serves the data at "
                f"{url}/v1/events, /v1/stories and {url}/ui.")
    if found and found[0] == "serve":
        url = serve_url(found[1])
        return (f"{head} (a server holds the file for writing while it writes; one started before chronicler "
                "shared its file, the whole time). Try again in a moment, or ask that server: it serves the same "
                f"data at {url}/v1/events, /v1/quotes, /v1/stories and /v1/stories/ID (the CLI's filters, e.g. "
                f"curl '{url}/v1/events?type=THREATEN'), and the web UI at {url}/ui.")
    if found:
        return (f"{head} for writing (`chronicler {found[0]}`): wait for it to finish and try again; "
                f"set CHRONICLER_LOCK_WAIT=SECONDS to wait longer.")
    return (f"{head}. A DuckDB file has one writer, or any number of readers: wait for that process, or "
            "stop it, and try again.")
