"""The ``award-rules`` command: a thin shell over the public API that owns exit codes.

Exit status: 0 eligible (or success), 1 ineligible (or a check failed),
3 undetermined, 2 bad input or usage, 4 an internal error (a bug: please report).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any, TextIO, cast

from . import __version__
from .catalog import Catalog
from .commands import commands
from .commands.common import (
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    criteria_option,
    iso_date,
    layers_option,
    load_criteria,
    year_arg,
)
from .criteria.loader import BoundGroup, BoundLeaf, BoundNode, CriteriaVersion
from .criteria.schema import ReviewStatus
from .engines import engine_for, engine_names
from .errors import AwardRulesError, Code, CriteriaError, Diagnostic, NomineeError
from .i18n import format_date, format_value, pick
from .loading import collect, shipped_criteria_dir
from .model import Individual, Unit
from .nominees import read_nominees
from .reading import InputError, default_limits
from .reading.jsondata import parse_json
from .reading.lines import LineTooLong, ReadsLines, bounded_lines
from .schemas import declared_extensions, nominee_schema, receipt_schema, verdict_schema
from .testing.cases import LoadedCase
from .vocabulary import default_vocabulary

__all__ = ["main", "run_watch"]

_date = iso_date


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="award-rules",
        description="Decide whether a nominee is eligible for an award, and explain why.",
    )
    parser.add_argument("--version", action="version", version=f"award-rules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="judge one nominee for one award")
    check.add_argument(
        "file", type=Path, metavar="FILE", help="nominee file (YAML or JSON; - for stdin)"
    )
    check.add_argument(
        "--award", required=True, metavar="ID", help="award id, e.g. vss.dg_certificate.retirement"
    )
    check.add_argument(
        "--as-of", type=_date, metavar="DATE", help="evaluation date (YYYY-MM-DD, default today)"
    )
    check.add_argument(
        "--year",
        type=year_arg,
        metavar="YEAR",
        help="year under review, for year-end titles (default: the year of --as-of)",
    )
    check.add_argument(
        "--engine",
        choices=engine_names(),
        default="native",
        help="rules engine (durable needs the 'durable' extra)",
    )
    check.add_argument("--lang", choices=("vi", "en"), default="vi")
    check.add_argument("--format", choices=("text", "json"), default="text")
    criteria_option(check)

    listing = sub.add_parser("list", help="awards in force on a date")
    listing.add_argument("--as-of", type=_date, metavar="DATE", help="default today")
    listing.add_argument(
        "--year", type=year_arg, metavar="YEAR", help="awards in force on 31 December of YEAR"
    )
    listing.add_argument(
        "--all",
        action="store_true",
        help="every version, in force or not, preconditions included (marked as such)",
    )
    listing.add_argument("--lang", choices=("vi", "en"), default="vi")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    criteria_option(listing)

    show = sub.add_parser("show", help="an award's criteria in words")
    show.add_argument("award", metavar="ID")
    show.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="show the version in force on DATE (default: every version)",
    )
    show.add_argument(
        "--year",
        type=year_arg,
        metavar="YEAR",
        help="show the version in force on 31 December of YEAR",
    )
    show.add_argument("--lang", choices=("vi", "en"), default="vi")
    criteria_option(show)

    validate = sub.add_parser("validate", help="check criteria files; report every problem")
    validate.add_argument(
        "dir",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="criteria directory or file (default: the shipped criteria)",
    )
    validate.add_argument("--format", choices=("text", "json"), default="text")
    layers_option(validate)

    test = sub.add_parser("test", help="run the *.cases.yaml test cases of criteria")
    test.add_argument(
        "dir",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="directory (or case file) to search for *.cases.yaml (default: the shipped "
        "criteria, wherever award-rules is installed)",
    )
    test.add_argument(
        "--coverage",
        action="store_true",
        help="report, per condition, whether cases made it pass, fail and "
        "go missing; an unexercised condition makes the run fail",
    )
    test.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="language of the explanations in failure reports",
    )
    test.add_argument(
        "--mutate",
        action="store_true",
        help="mutation testing: change the criteria in small ways and list the changes "
        "no case notices, with a score (the cases must pass first)",
    )

    watch = sub.add_parser(
        "watch", help="replay events (JSON lines) and print eligibility changes as they happen"
    )
    watch.add_argument("events", metavar="EVENTS_FILE", help="JSON lines file, or - for stdin")
    watch.add_argument(
        "--award",
        action="append",
        metavar="ID",
        help="watch this award (repeatable; default: every award that fits)",
    )
    watch.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="judge every change on this date (default: each event's date)",
    )
    watch.add_argument("--engine", choices=engine_names(), default="native")
    watch.add_argument("--lang", choices=("vi", "en"), default="vi")
    criteria_option(watch)

    schema = sub.add_parser("schema", help="JSON Schema of nominee data, a verdict or a receipt")
    schema.add_argument(
        "--kind",
        choices=("nominee", "individual", "unit", "receipt", "verdict"),
        default="nominee",
    )
    criteria_option(schema)  # a nominee's extensions: as the catalog's checks declare them

    for command in commands():
        command.configure(sub.add_parser(command.name, help=command.help))
    return parser


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage error (or --help)
        return int(exc.code or 0)
    command = COMMANDS.get(args.command) or next(
        c.run for c in commands() if c.name == args.command
    )
    try:
        return command(args, out, err)
    except (CriteriaError, NomineeError) as exc:
        for diagnostic in exc.diagnostics:
            print(f"award-rules: error: {diagnostic}", file=err)
        return EXIT_USAGE
    except (AwardRulesError, UsageError) as exc:
        print(f"award-rules: error: {exc}", file=err)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as exc:  # never a bare traceback for the user
        if os.environ.get("AWARD_RULES_DEBUG"):
            raise
        print(
            f"award-rules: internal error: {type(exc).__name__}: {exc} "
            "(set AWARD_RULES_DEBUG=1 for a traceback, and please report it)",
            file=err,
        )
        return EXIT_INTERNAL


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_criteria(args)


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if str(args.file) != "-" and not args.file.is_file():
        raise UsageError(f"no such nominee file: {args.file}")
    catalog = _catalog(args)
    if args.year is not None and not catalog.is_annual(args.award):
        raise UsageError(
            f"--year is for year-end titles; {args.award} is not judged for a year (use --as-of)"
        )
    nominee = _one_nominee(args.file, catalog)
    evaluator = engine_for(catalog, args.engine)
    verdict = evaluator.evaluate(nominee, args.award, args.as_of, year=args.year)
    if args.format == "json":
        data = verdict.to_dict()
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    else:
        print(verdict.explain(args.lang), file=out)
    return verdict.exit_code


def _one_nominee(path: Path, catalog: Catalog) -> Individual | Unit:
    """The single nominee of a file, its award ids checked against the catalog's registry."""
    found = read_nominees(path)
    if len(found) != 1:
        raise UsageError(f"{path}: expected one nominee, found {len(found)}")
    nominee, document = found[0]
    problems = catalog.admit.problems(nominee, document)
    if problems:
        raise NomineeError(problems)
    return catalog.admit(nominee)


def _file_ref(version: CriteriaVersion) -> str:
    """A version's file relative to its layer's folder (never a machine path)."""
    return version.relative_file or PurePath(version.file).name


def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    catalog = _catalog(args)
    day = args.as_of or (dt.date(args.year, 12, 31) if args.year else dt.date.today())
    versions = (
        [v for award_id in catalog.ids() for v in catalog.versions(award_id)]
        if args.all
        else catalog.in_force_on(day)
    )
    hidden: list[str] = []
    if not args.all:  # preconditions are judged through the awards that need them
        hidden = [v.id for v in versions if catalog.is_precondition(v.id)]
        versions = [v for v in versions if v.id not in hidden]
    if args.format == "json":
        rows = [
            {
                "id": v.id,
                "name": {"vi": v.doc.name.vi, "en": v.doc.name.en},
                "subject": v.doc.subject,
                "in_force": {
                    "from": v.doc.in_force.from_.isoformat(),
                    "until": v.doc.in_force.until.isoformat() if v.doc.in_force.until else None,
                },
                "file": _file_ref(v),
                "layer": v.layer,
                "precondition": catalog.is_precondition(v.id),
            }
            for v in versions
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    if not args.all:
        print(
            pick(
                args.lang,
                f"Các khen thưởng áp dụng ngày {format_date(day)}:",
                f"Awards in force on {format_date(day)}:",
            ),
            file=out,
        )
    if not versions:
        print(pick(args.lang, "  (không có)", "  (none)"), file=out)
    width = max((len(v.id) for v in versions), default=0)
    layered = len({v.layer for v in versions}) > 1
    for v in versions:
        until = format_date(v.doc.in_force.until) if v.doc.in_force.until else "..."
        origin = f"  [{v.layer}]" if layered else ""
        if catalog.is_precondition(v.id):
            origin += pick(args.lang, "  (điều kiện tiên quyết)", "  (precondition)")
        print(
            f"  {v.id:<{width}}  {v.doc.subject:<10}  "
            f"{format_date(v.doc.in_force.from_)}–{until:<10}  {v.doc.name.get(args.lang)}"
            f"{origin}",
            file=out,
        )
    if hidden:
        print(
            pick(
                args.lang,
                "Điều kiện tiên quyết, xét qua các khen thưởng cần đến (--all để liệt kê): ",
                "Preconditions, judged through the awards that need them (--all lists them): ",
            )
            + ", ".join(hidden),
            file=out,
        )
    return EXIT_OK


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    catalog = _catalog(args)
    lang = args.lang
    day = args.as_of or (dt.date(args.year, 12, 31) if args.year else None)
    versions = [catalog.version_on(args.award, day)] if day else catalog.versions(args.award)
    for index, version in enumerate(versions):
        doc = version.doc
        if index:
            print("", file=out)
        until = format_date(doc.in_force.until) if doc.in_force.until else "..."
        print(f"{doc.name.get(lang)} [{doc.id}]", file=out)
        print(pick(lang, "Đối tượng", "Subject") + f": {doc.subject}", file=out)
        print(
            pick(lang, "Hiệu lực", "In force") + f": {format_date(doc.in_force.from_)}–{until}",
            file=out,
        )
        print(pick(lang, "Căn cứ", "Source") + f": {doc.source}", file=out)
        if doc.review is not None and doc.review.status is ReviewStatus.UNVERIFIED:
            print(
                "⚠ "
                + pick(
                    lang,
                    "CHƯA KIỂM CHỨNG: tiêu chí này chưa được đối chiếu với văn bản pháp luật",
                    "UNVERIFIED: these criteria have not been checked against the legal text",
                ),
                file=out,
            )
        if doc.review is not None:
            print(
                pick(lang, "Rà soát", "Review")
                + f": {doc.review.status.value}"
                + (f" — {doc.review.note}" if doc.review.note else ""),
                file=out,
            )
        print(pick(lang, "Tệp", "File") + f": {_file_ref(version)}", file=out)
        print(pick(lang, "Lớp", "Layer") + f": {version.layer}", file=out)
        if doc.parameters:
            print(pick(lang, "Tham số", "Parameters") + ":", file=out)
            for name, parameter in doc.parameters.items():
                print(
                    f"  {name} = {format_value(parameter.value, lang)}  # {parameter.note}",
                    file=out,
                )
        print(pick(lang, "Điều kiện", "Conditions") + ":", file=out)
        _show_node(version.root, lang, 1, out)
    return EXIT_OK


def _show_node(node: BoundNode, lang: str, depth: int, out: TextIO) -> None:
    indent = "  " * depth
    if isinstance(node, BoundLeaf):
        text = node.predicate.requirement(node.args, lang)
        title = node.leaf.title.get(lang) if node.leaf.title else None
        review = node.leaf.review
        flag = ""
        if review is not None and review.status is ReviewStatus.UNVERIFIED:
            flag = "  ⚠ " + pick(lang, "CHƯA KIỂM CHỨNG", "UNVERIFIED")
        print(f"{indent}- [{node.id}] {title or text}{flag}", file=out)
        if title and title != text:
            print(f"{indent}    " + pick(lang, "Yêu cầu", "Required") + f": {text}", file=out)
        if node.leaf.source is not None:
            print(
                f"{indent}    " + pick(lang, "Căn cứ", "Source") + f": {node.leaf.source}", file=out
            )
        return
    assert isinstance(node, BoundGroup)
    words = {
        "all": pick(lang, "Tất cả các điều kiện sau", "All of"),
        "any": pick(lang, "Ít nhất một trong các điều kiện sau", "At least one of"),
        "not": pick(lang, "Không được", "Not"),
    }[node.kind]
    label = f" [{node.id}]" if node.id else ""
    print(f"{indent}{words}{label}:", file=out)
    for child in node.children:
        _show_node(child, lang, depth + 1, out)


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    root: Path = args.dir or shipped_criteria_dir()
    if not root.exists():
        raise UsageError(f"no such file or directory: {root}")
    for layer in args.criteria_add:
        if not layer.exists():
            raise UsageError(f"no such criteria folder: {layer}")
    result, files = collect(root, default_vocabulary(), extra=args.criteria_add)
    diagnostics = list(result.diagnostics)
    if not result.versions and not result.errors:
        diagnostics.append(Diagnostic(Code.EMPTY, f"no criteria found in {root}"))
    errors = [d for d in diagnostics if d.severity == "error"]
    if args.format == "json":
        print(
            json.dumps(
                {
                    "files": files,
                    "versions": len(result.versions),
                    "diagnostics": [d.to_dict() for d in diagnostics],
                },
                ensure_ascii=False,
                indent=2,
            ),
            file=out,
        )
    else:
        for diagnostic in diagnostics:
            print(str(diagnostic), file=out)
        print(
            f"{files} files, {len(result.versions)} criteria versions: "
            f"{len(errors)} errors, {len(diagnostics) - len(errors)} warnings",
            file=out,
        )
    return EXIT_FAILED if errors else EXIT_OK


def _test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .testing.cases import case_files, load_case_file
    from .testing.runner import CatalogCache, Coverage, run_case

    root: Path = args.dir or shipped_criteria_dir()
    if not root.exists():
        raise UsageError(f"no such file or directory: {root}")
    files = case_files(root)
    if not files:
        raise UsageError(f"no *.cases.yaml files under {root}")
    catalogs, coverage = CatalogCache(), Coverage()
    passed = failed = broken = 0
    every: list[LoadedCase] = []
    for path in files:
        try:
            cases = load_case_file(path)
        except CriteriaError as exc:
            broken += 1
            for diagnostic in exc.diagnostics:
                print(f"error: {diagnostic}", file=out)
            continue
        every.extend(cases)
        for case in cases:
            try:
                catalog = catalogs.for_case(case)
            except CriteriaError as exc:
                broken += 1
                for diagnostic in exc.diagnostics:
                    print(f"error: {diagnostic}", file=out)
                break
            result = run_case(case, catalog)
            if result.verdict is not None:
                coverage.record(result.verdict)
            if result.passed:
                passed += 1
            else:
                failed += 1
                print(result.report(args.lang), file=out)
                print("", file=out)
    gaps = coverage.gaps(catalogs.catalogs()) if args.coverage else []
    if args.coverage:
        _print_coverage(coverage, catalogs.catalogs(), out)
    summary = f"{passed} passed, {failed} failed"
    if broken:
        summary += f", {broken} files could not be loaded"
    print(summary, file=out)
    if broken:
        return EXIT_USAGE
    if args.mutate:
        if failed:
            print("mutation testing needs every case to pass first", file=out)
            return EXIT_FAILED
        return _mutate(every, out)
    return EXIT_FAILED if failed or gaps else EXIT_OK


def _mutate(cases: list[LoadedCase], out: TextIO) -> int:
    from .testing.mutate import run_mutation

    groups: dict[tuple[Path, bool], list[LoadedCase]] = {}
    for case in cases:
        groups.setdefault((case.criteria_dir, case.on_shipped), []).append(case)
    survivors = 0
    for (directory, on_shipped), group in groups.items():
        report = run_mutation(directory, group, on_shipped=on_shipped)
        print(f"Mutants of {_shown(str(directory))}:", file=out)
        print(report.report(), file=out)
        survivors += len(report.of("survived"))
    return EXIT_FAILED if survivors else EXIT_OK


def _shown(file: str) -> str:
    """A path relative to the working directory when it lies below it."""
    try:
        return str(Path(file).relative_to(Path.cwd()))
    except ValueError:
        return file


def _print_coverage(coverage: Any, catalogs: list[Catalog], out: TextIO) -> None:
    marks = {True: "pass", False: "fail", None: "missing"}
    print("Coverage of conditions (outcomes the cases produced / needed):", file=out)
    current = ""
    for award, since, leaf, needed, seen in coverage.rows(catalogs):
        if f"{award}@{since}" != current:
            current = f"{award}@{since}"
            print(f"  {award} (in force from {since})", file=out)
        cells = [
            f"{marks[o]} {'✓' if o in seen else '✗'}" for o in (True, False, None) if o in needed
        ]
        print(f"    {leaf:<28} {'  '.join(cells)}", file=out)
    gaps = coverage.gaps(catalogs)
    if gaps:
        print("Never exercised:", file=out)
        for gap in gaps:
            print(
                f"  {_shown(gap.file)}: {gap.award} [{gap.leaf}] never {', '.join(gap.never)}",
                file=out,
            )
    else:
        print("Every condition was made to pass and fail (and go missing where it can).", file=out)


def _watch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    catalog = _catalog(args)
    options: dict[str, Any] = {
        "engine": args.engine,
        "lang": args.lang,
        "err": err,
        "as_of": args.as_of,
        "awards": args.award,
    }
    if args.events == "-":
        return run_watch(catalog, sys.stdin.buffer, out, **options)
    path = Path(args.events)
    if not path.is_file():
        raise UsageError(f"no such events file: {path}")
    with path.open("rb") as lines:
        return run_watch(catalog, lines, out, **options)


def run_watch(
    catalog: Catalog,
    lines: Iterable[str | bytes] | ReadsLines,
    out: TextIO,
    *,
    engine: str = "native",
    lang: str = "vi",
    err: TextIO | None = None,
    as_of: dt.date | None = None,
    awards: Iterable[str] | None = None,
) -> int:
    """Read events as JSON lines; print each eligibility change as one JSON line.

    A bad line (not UTF-8, invalid JSON, a key twice, over the input limits, an
    invalid event) is reported on ``err`` (default standard error) as
    ``award-rules: error: line N: ... (column C)`` and skipped; blank lines are
    ignored. Returns 0, or 2 if any line was bad.

    ``lines`` is an iterable of lines, or a binary stream with ``readline``
    (a file opened ``"rb"``, ``sys.stdin.buffer``): a stream is read at most
    ``Limits.max_bytes + 1`` bytes at a time, so an over-long line is reported
    without ever being held in memory.
    """
    from .live import EligibilityChange, EventError, LiveSession

    errors = err if err is not None else sys.stderr
    line_of: dict[int, int] = {}

    def emit(change: EligibilityChange) -> None:
        data = {"line": line_of.get(change.event_index or 0), **change.to_dict(lang)}
        print(json.dumps(data, ensure_ascii=False), file=out, flush=True)

    def bad(number: int, reason: str) -> None:
        print(f"award-rules: error: line {number}: {reason}", file=errors)

    session = LiveSession(catalog, awards, engine=engine, as_of=as_of, on_change=emit)
    limits, source = default_limits(), "events"
    failures = 0
    if hasattr(lines, "readline"):
        items: Iterable[str | bytes | LineTooLong] = bounded_lines(
            cast("ReadsLines", lines), limits.max_bytes
        )
    else:
        items = lines
    for number, raw in enumerate(items, 1):
        if isinstance(raw, LineTooLong):
            bad(number, raw.message)
            failures += 1
            continue
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            bad(number, f"not UTF-8 text (byte {exc.start + 1})")
            failures += 1
            continue
        text = text.strip()
        if not text:
            continue
        try:
            data = parse_json(text, source, limits, first_line=number).data
        except InputError as exc:
            bad(number, _event_problem(exc.diagnostic))
            failures += 1
            continue
        line_of[session.posted + 1] = number
        try:
            session.post(data, line=number)
        except EventError as exc:
            print(f"award-rules: error: {exc}", file=errors)
            failures += 1
    return 2 if failures else 0


def _event_problem(diagnostic: Diagnostic) -> str:
    """What is wrong with an event line, with its column (the line is said before)."""
    message = diagnostic.message
    if diagnostic.code == "json-syntax":
        message = "invalid JSON: " + message.removeprefix("JSON syntax error: ").removesuffix(" at")
    column = diagnostic.location.column if diagnostic.location else None
    return f"{message} (column {column})" if column else message


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.kind == "receipt":
        schema = receipt_schema()
    elif args.kind == "verdict":
        schema = verdict_schema()
    else:
        schema = nominee_schema(args.kind, extensions=declared_extensions(_catalog(args)))
    print(json.dumps(schema, ensure_ascii=False, indent=2), file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "check": _check,
    "list": _list,
    "show": _show,
    "validate": _validate,
    "schema": _schema,
    "test": _test,
    "watch": _watch,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
