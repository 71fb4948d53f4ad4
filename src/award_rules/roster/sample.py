"""A generated roster for trying the review at scale: a unit tree and many officials.

63 provinces in emulation clusters of nine, each with four district offices
and three divisions, then ``count`` officials in them with 1-6 service
periods, yearly ratings (scores and votes), the year's registration, and
sometimes an initiative, an earlier award or a discipline. The same seed gives
the same roster. Write one as JSON Lines (or a YAML list)::

    python -m award_rules.roster.sample roster.jsonl --individuals 100000

The benchmark (``benchmarks/bench_roster.py``) and the tests use it too.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["PROVINCES", "YEAR", "individual", "main", "records", "units", "write"]

YEAR = 2020
"""The year under review the generated records are made for."""

PROVINCES = 63


def units(provinces: int = PROVINCES, year: int = YEAR) -> list[dict[str, Any]]:
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
                "results": [{"year": year, "plan_completion_pct": 95 + p % 15, "votes": p % 9}],
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


def individual(rng: random.Random, i: int, leaves: list[str], year: int = YEAR) -> dict[str, Any]:
    """One official: 1-6 service periods, ratings, registration, sometimes awards and discipline."""
    unit_id = rng.choice(leaves)
    start_year = rng.randrange(year - 30, year - 4)
    periods = rng.randrange(1, 7)
    bounds = sorted(
        rng.sample(range(start_year + 1, year), min(periods - 1, year - 1 - start_year))
    )
    starts = [start_year, *bounds]
    service = []
    for k, begin in enumerate(starts):
        end = f"{starts[k + 1] - 1}-12-31" if k + 1 < len(starts) else None
        service.append({"unit_id": unit_id, "start": f"{begin}-01-01", "end": end})
    ratings = [
        {
            "year": y,
            "level": rng.choice(("excellent", "good", "good", "completed")),
            "score": round(rng.uniform(60, 100), 1),
            "votes": rng.randrange(0, 30),
        }
        for y in range(max(start_year, year - 5), year + 1)
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
                "year": year,
                "titles": ["vss.advanced_worker", "vss.grassroots_emulation_fighter"],
                "pledge_signed_on": f"{year}-02-15",
            }
        ],
    }
    if rng.random() < 0.3:
        record["initiatives"] = [
            {"title": "Sáng kiến", "level": "unit", "recognized_on": f"{year}-06-01"}
        ]
    if rng.random() < 0.2:
        record["awards"] = [{"award": "national.advanced_worker", "year": year - 1}]
    if rng.random() < 0.03:
        record["disciplines"] = [{"form": "reprimand", "decided_on": f"{year - 1}-05-05"}]
    return record


def records(count: int, seed: int = 2020, year: int = YEAR) -> Iterator[dict[str, Any]]:
    """The unit tree (63 provinces), then ``count`` officials."""
    rng = random.Random(seed)
    tree = units(PROVINCES, year)
    yield from tree
    leaves = [u["id"] for u in tree if u["level"] != "province"]
    for i in range(count):
        yield individual(rng, i, leaves, year)


def write(path: Path | str, count: int, *, seed: int = 2020, year: int = YEAR) -> int:
    """Write the roster to ``path``: JSON Lines, or a YAML list for ``.yaml``/``.yml``.

    Returns the number of records (the units and the officials).
    """
    path = Path(path)
    n = 0
    yaml_list = path.suffix.lower() in (".yaml", ".yml")
    with path.open("w", encoding="utf-8") as handle:
        for record in records(count, seed, year):
            line = json.dumps(record, ensure_ascii=False)
            handle.write(f"- {line}\n" if yaml_list else f"{line}\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    """``python -m award_rules.roster.sample FILE --individuals N``."""
    parser = argparse.ArgumentParser(
        prog="python -m award_rules.roster.sample", description=__doc__.splitlines()[0]
    )
    parser.add_argument("file", type=Path, help="where to write: .jsonl (or .yaml)")
    parser.add_argument("--individuals", type=int, default=100_000, metavar="N")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--year", type=int, default=YEAR)
    args = parser.parse_args(argv)
    n = write(args.file, args.individuals, seed=args.seed, year=args.year)
    print(f"wrote {args.file}: {n} records ({args.individuals} officials), year {args.year}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
