"""Benchmark: the year-end review of a generated roster, as rates and ratios measured in one run.

A unit tree (provinces in clusters, districts, divisions) and individuals with
1-6 service periods, yearly ratings (with scores and votes), registrations,
awards and a few disciplines are written as JSON Lines. One run prints:

- records/s for parsing alone (reading and validating the roster);
- records/s for the review (every applicable award, with selection) with 1
  and with 2 workers, and the ratios against the targets: 1 worker within 4x
  parse alone, 2 workers at least 1.6x 1 worker;
- ``award-rules review --format xlsx`` of the roster in a separate process
  (time, peak memory), and the proposal workbook read back with openpyxl;
- the peak memory of a separate process streaming the review (``batch``, no
  selection, and ``review`` with it) over a larger JSON Lines roster; target
  under 200 MB for both. With selection the candidates are spooled and ranked
  a partition of whole groups at a time (:class:`award_rules.roster.select.Selector`),
  so the peak does not grow with the roster either: it is bounded by
  ``PARTITION_SIZE`` candidates and the largest group.

Parsing alone and the reviews with 1 and 2 workers run in turn, ``--repeat``
rounds (the order reversed every other round); each ratio is the median of its
per-round ratios and each time a median, with the CPU time beside the wall time
(steadier on a shared machine). The roster comes from
:mod:`award_rules.roster.sample`, which writes one for you too
(``python -m award_rules.roster.sample roster.jsonl --individuals 100000``).
Sizes are arguments so it can be tried small::

    python benchmarks/bench_roster.py --individuals 2000 --stream 20000 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import interleaved

from award_rules import load_catalog
from award_rules.roster import Summary, applicable_versions, read_roster, review, sample
from award_rules.roster.sample import YEAR, records

__all__ = ["main", "records", "write"]  # records: the generator, as tests import it from here


def write(path: Path, count: int) -> int:
    return sample.write(path, count)


def rate(label: str, n: int, seconds: float, cpu: float | None = None) -> None:
    extra = f"  (CPU {cpu:6.1f} s)" if cpu is not None else ""
    print(f"{label:<44} {n:>9} records {seconds:8.1f} s  {n / seconds:9.0f} records/s{extra}")


def child(code: str, *args: str) -> tuple[float, float, str]:
    """Run ``code`` in a fresh process: wall seconds, its peak memory (MB), what it printed.

    The code prints its own peak (``ru_maxrss``, KiB on Linux) on its last line.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    *lines, peak = done.stdout.strip().splitlines()
    return time.perf_counter() - start, int(peak) / 1024, "\n".join(lines)


PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def stream_peak(path: Path, selection: bool) -> float:
    """Peak resident memory (MB) of a child process reviewing ``path`` into /dev/null."""
    code = (
        "import sys\n"
        "from award_rules import load_catalog\n"
        "from award_rules.roster import read_roster, review\n"
        "catalog = load_catalog()\n"
        "n = 0\n"
        f"for row in review(catalog, read_roster(sys.argv[1]), {YEAR}, selection={selection}):\n"
        "    n += 1\n"
    ) + PEAK
    return child(code, str(path))[1]


def workbook(roster: Path, book: Path) -> None:
    """``award-rules review --format xlsx`` in a child process, then the workbook read back."""
    code = (
        "import sys\n"
        "from award_rules.cli import main\n"
        f"code = main(['review', sys.argv[1], '--year', '{YEAR}', '--format', 'xlsx',"
        " '--output', sys.argv[2]])\n"
        "print(code)\n"
    ) + PEAK
    seconds, peak, code_printed = child(code, str(roster), str(book))
    size = book.stat().st_size / 1024 / 1024
    print(
        f"review --format xlsx (CLI, one process): {seconds:6.1f} s, peak {peak:4.0f} MB, "
        f"exit {code_printed}, {size:.1f} MB written"
    )
    import openpyxl

    start = time.perf_counter()
    opened = openpyxl.load_workbook(book, read_only=True)
    rows = {name: sum(1 for _ in opened[name].iter_rows()) for name in opened.sheetnames}
    summary = next(opened[opened.sheetnames[0]].iter_rows(values_only=True))[0]
    opened.close()
    print(
        f"read back with openpyxl: {time.perf_counter() - start:6.1f} s, "
        f"{len(rows)} sheets, {sum(rows.values())} rows; {summary}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--individuals", type=int, default=100_000)
    parser.add_argument("--stream", type=int, default=1_000_000, help="records for the memory run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (medians)")
    parser.add_argument("--skip-stream", action="store_true")
    parser.add_argument("--skip-xlsx", action="store_true")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.jsonl"
        n = write(roster, args.individuals)
        print(f"roster: {n} records ({args.individuals} individuals, 63 provinces), year {YEAR}")
        awards = ", ".join(v.id for v in applicable_versions(catalog, YEAR))
        print(f"awards judged (those that fit each nominee): {awards}")
        print(
            f"{args.repeat} rounds, parse and the reviews in turn: medians, ratios within a round; "
            "the machine may be shared: CPU times are steadier"
        )

        summary = Summary()

        def parse_alone() -> int:
            return sum(1 for _ in read_roster(roster))

        def reviewed(workers: int) -> Callable[[], int]:
            def run() -> int:
                nonlocal summary
                summary = Summary()
                for _ in review(
                    catalog, read_roster(roster), YEAR, workers=workers, summary=summary
                ):
                    pass
                return summary.read

            return run

        rounds = interleaved(
            {"parse": parse_alone, "review 1": reviewed(1), "review 2": reviewed(2)}, args.repeat
        )
        parse, parse_cpu = rounds.median("parse"), rounds.median("parse", cpu=True)
        rate("parse alone", rounds.results["parse"], parse, parse_cpu)
        for workers in (1, 2):
            name = f"review {workers}"
            rate(
                f"review with selection, {workers} worker(s)",
                rounds.results[name],
                rounds.median(name),
                rounds.median(name, cpu=True) if workers == 1 else None,
            )
        print(f"  ({summary.text('en')})")
        one = rounds.ratio("review 1", "parse")
        one_cpu = rounds.median("review 1", cpu=True) / parse_cpu
        speedup = rounds.ratio("review 1", "review 2")
        print(
            f"review, 1 worker / parse alone: {one:5.1f}x wall, {one_cpu:5.1f}x CPU "
            f"(target <= 4x)  {'met' if one <= 4 else 'NOT met'} (wall), "
            f"{'met' if one_cpu <= 4 else 'NOT met'} (CPU)"
        )
        print(
            f"review, 2 workers speed-up:     {speedup:5.2f}x (target >= 1.6x) "
            f"{'met' if speedup >= 1.6 else 'NOT met'}  ({os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f})"
        )
        if not args.skip_xlsx:
            workbook(roster, Path(tmp) / "proposal.xlsx")
        if args.skip_stream:
            return 0
        big = Path(tmp) / "stream.jsonl"
        m = write(big, args.stream)
        for selection in (False, True):
            peak = stream_peak(big, selection)
            label = "review with selection" if selection else "batch (no selection)"
            print(
                f"peak memory streaming {m} records, {label}: {peak:6.0f} MB  (target < 200 MB) "
                f"{'met' if peak < 200 else 'NOT met'}"
            )
    print(
        f"(this process's peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
