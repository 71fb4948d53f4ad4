"""Benchmark: the year-end review of a generated roster, as rates and ratios measured in one run.

A unit tree (provinces in clusters, districts, divisions) and individuals with
1-6 service periods, yearly ratings (with scores and votes), registrations,
awards and a few disciplines are written as JSON Lines. One run prints:

- records/s for parsing alone (reading and validating the roster);
- records/s for the review (every applicable award, with selection) with 1
  and with 2 workers, and the ratios against the targets: 1 worker within 4x
  parse alone, 2 workers at least 1.6x 1 worker;
- the peak memory of a separate process streaming the review (``batch``, no
  selection, and ``review`` with it) over a larger JSON Lines roster; target
  under 200 MB.

Sizes are arguments so it can be tried small::

    python benchmarks/bench_roster.py --individuals 2000 --stream 20000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from award_rules import load_catalog
from award_rules.roster import Summary, applicable_versions, read_roster, review, sample
from award_rules.roster.sample import YEAR


def write(path: Path, count: int) -> int:
    return sample.write(path, count)


def rate(label: str, n: int, seconds: float) -> float:
    print(f"{label:<44} {n:>9} records {seconds:8.1f} s  {n / seconds:9.0f} records/s")
    return seconds


def stream_peak(path: Path, selection: bool) -> float:
    """Peak resident memory (MB) of a child process reviewing ``path`` into /dev/null."""
    code = (
        "import sys, resource\n"
        "from award_rules import load_catalog\n"
        "from award_rules.roster import read_roster, review\n"
        "catalog = load_catalog()\n"
        "n = 0\n"
        f"for row in review(catalog, read_roster(sys.argv[1]), {YEAR}, selection={selection}):\n"
        "    n += 1\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True
    )
    return int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--individuals", type=int, default=100_000)
    parser.add_argument("--stream", type=int, default=1_000_000, help="records for the memory run")
    parser.add_argument("--skip-stream", action="store_true")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.jsonl"
        n = write(roster, args.individuals)
        print(f"roster: {n} records ({args.individuals} individuals, 63 provinces), year {YEAR}")
        awards = ", ".join(v.id for v in applicable_versions(catalog, YEAR))
        print(f"awards judged (those that fit each nominee): {awards}")

        start = time.perf_counter()
        parsed = sum(1 for _ in read_roster(roster))
        parse = rate("parse alone", parsed, time.perf_counter() - start)

        timings = {}
        for workers in (1, 2):
            summary = Summary()
            start = time.perf_counter()
            for _ in review(catalog, read_roster(roster), YEAR, workers=workers, summary=summary):
                pass
            timings[workers] = rate(
                f"review with selection, {workers} worker(s)",
                summary.read,
                time.perf_counter() - start,
            )
        print(f"  ({summary.text('en')})")
        one = timings[1] / parse
        speedup = timings[1] / timings[2]
        print(
            f"review, 1 worker / parse alone: {one:5.1f}x  (target <= 4x)  "
            f"{'met' if one <= 4 else 'NOT met'}"
        )
        print(
            f"review, 2 workers speed-up:     {speedup:5.2f}x (target >= 1.6x) "
            f"{'met' if speedup >= 1.6 else 'NOT met'}"
        )
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
