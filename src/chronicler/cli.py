"""The command line: thin commands over the Python API (chronicler.service)."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from chronicler import __version__
from chronicler.errors import ChroniclerError


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
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="analyze one article (or a JSONL batch)")
    a.add_argument("file", nargs="?", help="article file (text or HTML), or - for standard input")
    a.add_argument("--jsonl", metavar="IN", help='batch: lines {"id", "text", "published"?, "title"?}')
    a.add_argument("--published", type=_date, help="publication date YYYY-MM-DD (resolves relative dates)")
    a.add_argument("--title", help="headline, when the text does not start with it")
    a.add_argument("--json", action="store_true", help='print the "chronicler/1" contract')

    e = sub.add_parser("eval", help="score against gold data (see ../shared/data/README.md)")
    e.add_argument("kind", choices=["quotes", "events", "actors"])
    e.add_argument("gold", help="gold file")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")
    return p


def _cmd_analyze(args: argparse.Namespace) -> int:
    from chronicler import service

    if args.jsonl:
        if args.file:
            raise ChroniclerError("give either FILE or --jsonl IN, not both")
        stats = service.analyze_jsonl(args.jsonl, sys.stdout, model=args.model, published=args.published)
        for message in stats.errors:
            print(f"chronicler: {message}", file=sys.stderr)
        print(f"chronicler: {stats.ok} analyzed, {len(stats.errors)} failed", file=sys.stderr)
        return 0 if stats.ok or not stats.errors else 1
    if not args.file:
        raise ChroniclerError("nothing to analyze: give FILE, - for standard input, or --jsonl IN")
    result = service.analyze_file(args.file, published=args.published, title=args.title, model=args.model)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from chronicler.render import render

        sys.stdout.write(render(result))
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from chronicler import eval as evaluation
    from chronicler.nlp.analyzer import Analyzer

    figures = evaluation.run(args.kind, args.gold, Analyzer(args.model))
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(evaluation.report(args.kind, figures))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _cmd_analyze(args)
        if args.command == "eval":
            return _cmd_eval(args)
    except ChroniclerError as exc:
        print(f"chronicler: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
