"""The `watch` and `alerts` commands (wired into chronicler.cli)."""
from __future__ import annotations

import argparse
import json
import sys

from chronicler.errors import ChroniclerError


def add_parsers(sub, default_db: str) -> None:
    w = sub.add_parser("watch", help="follow RSS/Atom feeds and article URLs; ingest each new item once")
    w.add_argument("sources", nargs="+", metavar="FEED_OR_URL")
    w.add_argument("--db", help=f"store (default ./{default_db})")
    w.add_argument("--every", help="poll again every DURATION (15m, 30s, 2h); without it, poll once")
    w.add_argument("--rounds", type=int, help="with --every: stop after this many polls")
    w.add_argument("--timeout", type=float, default=10.0, help="seconds per request (10)")
    w.add_argument("--per-host", type=float, default=1.0, help="seconds between requests to one host (1)")
    w.add_argument("--retries", type=int, default=2, help="retries with back-off on timeouts and 5xx (2)")

    a = sub.add_parser("alerts", help="alert rules: add, list, remove; and the alerts fired")
    asub = a.add_subparsers(dest="alerts_command", required=True)
    add = asub.add_parser("add", help="add a rule (all given conditions must hold)")
    add.add_argument("--actor", help="source or target name (substring) or code")
    add.add_argument("--country", help="source or target country, ISO3")
    add.add_argument("--type", help="PLOVER event type, e.g. THREATEN")
    add.add_argument("--quad-class", type=int, choices=[1, 2, 3, 4])
    add.add_argument("--goldstein-below", type=float, help="Goldstein score at most this")
    add.add_argument("--goldstein-above", type=float, help="Goldstein score at least this")
    add.add_argument("--disputes", action="store_true", help="new disputes (with --actor/--country: theirs)")
    add.add_argument("--to", action="append", required=True, metavar="TARGET",
                     help="- (stdout), a file (JSON lines appended) or an http(s) webhook URL; repeatable")
    lst = asub.add_parser("list", help="the rules")
    lst.add_argument("--format", choices=["table", "json"], default="table")
    rm = asub.add_parser("remove", help="remove a rule")
    rm.add_argument("id")
    shown = asub.add_parser("fired", help="the alerts fired, newest first")
    shown.add_argument("--rule")
    shown.add_argument("--limit", type=int, default=50)
    for p in (add, lst, rm, shown):
        p.add_argument("--db", help=f"store (default ./{default_db})")


def run_watch(args: argparse.Namespace) -> int:
    from chronicler.alerts import Deliverer, check_document
    from chronicler.feeds.fetch import Fetcher
    from chronicler.feeds.watch import Watcher, parse_every, watch
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.progress import Progress
    from chronicler.render import safe
    from chronicler.store import open_store

    every = parse_every(args.every) if args.every else None
    analyzer = Analyzer(args.model)
    fetcher = Fetcher(timeout=args.timeout, per_host_interval=args.per_host, retries=args.retries)
    with open_store(args.db) as store:
        deliverer = Deliverer(store)
        progress: Progress | None = None

        def log(message: str) -> None:
            if progress is None or progress._bar is None:
                print(f"chronicler: {safe(message, 300)}", file=sys.stderr, flush=True)

        watcher = Watcher(store, lambda article: analyzer.analyze(article).to_dict(), fetcher=fetcher,
                          on_document=lambda result, _text, item: check_document(store, result, deliverer,
                                                                                  item.url), log=log)

        def one_round(n: int, stats) -> None:
            print(f"chronicler: poll {n}: " + ", ".join(f"{k} {v}" for k, v in stats.to_dict().items()),
                  file=sys.stderr, flush=True)

        def poll_with_progress(sources):
            nonlocal progress
            progress = Progress("watch", None)
            try:
                stats = watcher.poll(sources, on_item=lambda s: progress.update(
                    s.processed, total=s.queued, added=s.added, failed=s.failed))
            finally:
                progress.close()
                progress = None
            return stats

        try:
            rounds = watch(poll_with_progress, args.sources, every, rounds=args.rounds, on_round=one_round)
        except KeyboardInterrupt:
            return 130
    added = sum(r.added for r in rounds)
    failed = sum(r.failed for r in rounds)
    return 0 if added or not failed or any(r.duplicates or r.not_modified for r in rounds) else 1


def run_alerts(args: argparse.Namespace) -> int:
    from chronicler.alerts import make_rule, rule_id
    from chronicler.render import render_rows
    from chronicler.store import open_store

    cmd = args.alerts_command
    with open_store(args.db, read_only=cmd in ("list", "fired")) as store:
        if cmd == "add":
            rule = make_rule(actor=args.actor, country=args.country, type=args.type, quad_class=args.quad_class,
                             goldstein_below=args.goldstein_below, goldstein_above=args.goldstein_above,
                             disputes=args.disputes)
            rid = rule_id(rule, args.to)
            if any(r["id"] == rid for r in store.rules()):
                raise ChroniclerError(f"rule {rid} exists already")
            store.add_rule(rid, rule, json.dumps(args.to))
            print(rid)
        elif cmd == "list":
            rows = [{"id": r["id"], "conditions": json.dumps(r["rule"]) if args.format == "table" else r["rule"],
                     "deliver": r["deliver"], "created_at": r["created_at"]} for r in store.rules()]
            sys.stdout.write(render_rows(rows, args.format))
        elif cmd == "remove":
            if not store.remove_rule(args.id):
                raise ChroniclerError(f"no rule {args.id}")
        else:
            for alert in store.alerts(rule=args.rule, limit=args.limit):
                sys.stdout.write(json.dumps(alert, ensure_ascii=False) + "\n")
    return 0
