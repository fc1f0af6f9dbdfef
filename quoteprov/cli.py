"""The command line: ``quoteprov extract`` and ``quoteprov track``.

Every failure a user can cause ends in one line on stderr, ``quoteprov: error:
…``, and exit status 2; output goes to stdout, or to ``--output`` written
atomically so that a failed run never destroys an earlier result.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from quoteprov import __version__
from quoteprov.errors import InputError, OptionError, QuoteprovError
from quoteprov.io import read_articles, read_references, write_atomically
from quoteprov.models import Article, Reference, Report
from quoteprov.parallel import available_cores
from quoteprov.pipeline import Progress, extraction_report, track
from quoteprov.report import to_json, to_text

__all__ = ["main"]

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"quoteprov: error: {message} (see 'quoteprov --help')\n")


def _jobs(value: str) -> int:
    """``--jobs``: a number of cores, 0 for all of them."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"a whole number of cores, 0 for all of them; got {value!r}")
    return jobs or available_cores()


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", metavar="PATH", nargs="+", help=".txt or .jsonl files, or folders of them")
    parser.add_argument(
        "--format",
        choices=("text", "json", "parquet"),
        help="output format: text (the default) or json; with --engine spark, json (JSON Lines, "
        "the default there) or parquet",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="report an unreadable file on stderr and go on with the others",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on stderr but errors")
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="cores to use, 0 for all of them (default 1); the output is the same for any number",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quoteprov",
        description="Quote provenance: the quotations in a pile of articles, who said them, "
        "which are the same remark, and how faithfully each is rendered.",
    )
    parser.add_argument("--version", action="version", version=f"quoteprov {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    extract = commands.add_parser(
        "extract", help="list every quotation with its offsets, kind, speaker and cue"
    )
    _add_common(extract)
    tracking = commands.add_parser(
        "track", help="group quotes into remarks and judge how faithfully each article renders them"
    )
    _add_common(tracking)
    tracking.add_argument(
        "--reference",
        metavar="FILE.jsonl",
        action="append",
        default=[],
        help="primary-source statements (id, speaker, text; optional source, date); may repeat",
    )
    tracking.add_argument(
        "--engine",
        choices=("embedded", "spark"),
        default="embedded",
        help="embedded (default), or spark: the same pipeline on Apache Spark (needs quoteprov[spark]), "
        "writing the tables articles/, quotes/ and remarks/ under the folder given by -o",
    )
    tracking.add_argument(
        "--master", default="local[*]", help="with --engine spark: the Spark master (default: local[*])"
    )
    return parser


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomically(Path(output), text)
    else:
        sys.stdout.write(text)


def _progress(quiet: bool) -> Progress | None:
    """Progress on stderr, when stderr is a terminal and --quiet is not given."""
    if quiet or not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\rquoteprov: {stage} {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def _read(args: argparse.Namespace) -> list[Article]:
    def on_skip(message: str) -> None:
        print(f"quoteprov: skipped: {message}", file=sys.stderr)

    return read_articles(args.paths, skip_bad=args.skip_bad, on_skip=on_skip)


def _run(args: argparse.Namespace, build: Callable[[list[Article], Progress | None], Report]) -> int:
    if args.format == "parquet":
        raise OptionError("--format parquet needs --engine spark")
    args.format = args.format or "text"
    articles = _read(args)
    report = build(articles, _progress(args.quiet))
    _emit(to_json(report) if args.format == "json" else to_text(report), args.output)
    if not args.quiet and args.output:
        print(
            f"quoteprov: {len(report.quotes)} quotes from {len(articles)} articles -> {args.output}",
            file=sys.stderr,
        )
    return 0


def _run_spark(args: argparse.Namespace, references: list[Reference]) -> int:
    """``track --engine spark``: the articles read here, tracked on Spark, the
    tables written under ``-o`` (through a temporary folder, renamed when complete)."""
    fmt = args.format or "json"
    if fmt == "text":
        raise OptionError("--engine spark writes tables: use --format json (JSON Lines) or parquet")
    if not args.output:
        raise OptionError("--engine spark needs -o FOLDER for the tables")
    if args.jobs is not None:
        raise OptionError(
            "--jobs is for the embedded engine; Spark's cores are set by --master, e.g. local[4]"
        )
    target = Path(args.output)
    if target.exists():
        raise InputError(f"{target}: already exists; give a new folder for the tables")
    try:
        import pyspark  # noqa: F401, PLC0415

        from quoteprov import spark as engine  # noqa: PLC0415 (pyspark is an optional extra)
    except ImportError:
        raise OptionError("--engine spark needs pyspark: pip install 'quoteprov[spark]'") from None
    articles = _read(args)
    from pyspark.sql import SparkSession  # noqa: PLC0415

    active = SparkSession.getActiveSession()
    spark = active or engine.session(args.master)
    if active is None:
        spark.sparkContext.setLogLevel("ERROR")
    work = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        rows = [{"id": a.id, "text": a.text, "title": a.title, "source": a.source} for a in articles]
        frame = spark.createDataFrame(rows, schema="id string, text string, title string, source string")
        engine.track(frame, references=references).write(str(work), fmt=fmt)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if active is None:
            spark.stop()
    if not args.quiet:
        print(f"quoteprov: {len(articles)} articles tracked on Spark -> {target}/", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command == "extract":
            return _run(
                args,
                lambda articles, progress: extraction_report(
                    articles, progress=progress, jobs=args.jobs or 1
                ),
            )
        if args.command == "track":
            references = [r for path in args.reference for r in read_references(path)]
            if args.engine == "spark":
                return _run_spark(args, references)
            return _run(
                args,
                lambda articles, progress: track(
                    articles, references=references, progress=progress, jobs=args.jobs or 1
                ),
            )
    except QuoteprovError as exc:
        print(f"quoteprov: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("quoteprov: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    raise AssertionError(f"unknown command {args.command!r}")  # argparse rejects it first


if __name__ == "__main__":
    sys.exit(main())
