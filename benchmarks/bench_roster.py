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
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from award_rules import load_catalog
from award_rules.roster import Summary, applicable_versions, read_roster, review

YEAR = 2020


def units(provinces: int) -> list[dict[str, Any]]:
    """Provinces in clusters of nine, each with four districts and three divisions."""
    out: list[dict[str, Any]] = []
    for p in range(provinces):
        pid = f"P{p:02d}"
        out.append(
            {
                "kind": "unit",
                "id": pid,
                "name": f"BHXH tỉnh {p}",
                "level": "province",
                "cluster": str(p // 9 + 1),
                "results": [{"year": YEAR, "plan_completion_pct": 95 + p % 15, "votes": p % 9}],
            }
        )
        for d in range(4):
            out.append(
                {
                    "kind": "unit",
                    "id": f"{pid}-D{d}",
                    "name": f"BHXH huyện {p}.{d}",
                    "level": "district",
                    "parent_id": pid,
                }
            )
        for v in range(3):
            out.append(
                {
                    "kind": "unit",
                    "id": f"{pid}-V{v}",
                    "name": f"Phòng {p}.{v}",
                    "level": "division",
                    "parent_id": pid,
                    "established_on": "2005-01-01",
                }
            )
    return out


def individual(rng: random.Random, i: int, leaves: list[str]) -> dict[str, Any]:
    """One official: 1-6 service periods, ratings, registration, sometimes awards and discipline."""
    unit_id = rng.choice(leaves)
    start_year = rng.randrange(1990, 2016)
    periods = rng.randrange(1, 7)
    bounds = sorted(rng.sample(range(start_year + 1, 2020), min(periods - 1, 2019 - start_year)))
    starts = [start_year, *bounds]
    service = []
    for k, year in enumerate(starts):
        end = f"{starts[k + 1] - 1}-12-31" if k + 1 < len(starts) else None
        service.append({"unit_id": unit_id, "start": f"{year}-01-01", "end": end})
    ratings = [
        {
            "year": y,
            "level": rng.choice(("excellent", "good", "good", "completed")),
            "score": round(rng.uniform(60, 100), 1),
            "votes": rng.randrange(0, 30),
        }
        for y in range(max(start_year, YEAR - 5), YEAR + 1)
    ]
    record: dict[str, Any] = {
        "kind": "individual",
        "id": f"I{i:07d}",
        "full_name": f"Cán bộ {i}",
        "unit_id": unit_id,
        "position": rng.choice(("leader", "manager", "staff", "staff", "staff", "staff")),
        "service": service,
        "ratings": ratings,
        "registrations": [
            {
                "year": YEAR,
                "titles": ["vss.advanced_worker", "vss.grassroots_emulation_fighter"],
                "pledge_signed_on": f"{YEAR}-02-15",
            }
        ],
    }
    if rng.random() < 0.3:
        record["initiatives"] = [
            {"title": "Sáng kiến", "level": "unit", "recognized_on": f"{YEAR}-06-01"}
        ]
    if rng.random() < 0.2:
        record["awards"] = [{"award": "national.advanced_worker", "year": YEAR - 1}]
    if rng.random() < 0.03:
        record["disciplines"] = [{"form": "reprimand", "decided_on": f"{YEAR - 1}-05-05"}]
    return record


def records(count: int, seed: int = 2020) -> Iterator[dict[str, Any]]:
    """``count`` individuals after the unit tree (63 provinces)."""
    rng = random.Random(seed)
    tree = units(63)
    yield from tree
    leaves = [u["id"] for u in tree if u["level"] != "province"]
    for i in range(count):
        yield individual(rng, i, leaves)


def write(path: Path, count: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records(count):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


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
