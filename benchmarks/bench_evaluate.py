"""Benchmark: how evaluation scales, as ratios measured in one run.

Timings on shared machines are noisy, so each figure is reported relative to a
baseline measured in the same run: validating the nominee data with pydantic,
a cost every caller pays anyway. Run with ``python3 dev.py bench``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from award_rules import Individual, Unit, load_catalog
from award_rules.model import nominee_adapter

AS_OF = dt.date(2020, 7, 20)
COUNT = 2000


def individual(rng: random.Random, i: int) -> dict[str, Any]:
    start = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 25))
    return {
        "kind": "individual",
        "id": f"I-{i}",
        "full_name": f"Cán bộ {i}",
        "service": [{"start": start.isoformat(), "end": "2020-03-31"}],
        "retirement_date": "2020-04-01",
        "ratings": [{"year": y, "level": rng.choice(["good", "excellent"])}
                    for y in range(2010, 2020)],
        "disciplines": [{"form": "reprimand", "decided_on": "2015-05-05"}] if i % 7 == 0 else [],
        "awards": [{"award": "vss.dg_certificate", "year": 2012}] if i % 11 == 0 else [],
    }


def unit(rng: random.Random, i: int) -> dict[str, Any]:
    founded = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 15))
    return {
        "kind": "unit",
        "id": f"U-{i}",
        "name": f"Phòng {i}",
        "level": "division",
        "established_on": founded.isoformat(),
        "ratings": [{"year": y, "level": "good"} for y in range(founded.year, 2020)],
    }


def timed(label: str, work: Callable[[], object], baseline: float | None = None) -> float:
    start = time.perf_counter()
    work()
    elapsed = time.perf_counter() - start
    ratio = f"{elapsed / baseline:6.1f}x baseline" if baseline else "      baseline"
    print(f"{label:<52} {elapsed * 1000:9.1f} ms  {ratio}")
    return elapsed


def main() -> None:
    rng = random.Random(2020)
    people = [individual(rng, i) for i in range(COUNT)]
    units = [unit(rng, i) for i in range(COUNT)]
    catalog = load_catalog()
    parsed_people: list[Individual | Unit] = [nominee_adapter.validate_python(p) for p in people]
    parsed_units: list[Individual | Unit] = [nominee_adapter.validate_python(u) for u in units]

    print(f"{COUNT} individuals and {COUNT} units, as of {AS_OF}")
    base = timed("validate nominee data (pydantic)",
                 lambda: [nominee_adapter.validate_python(p) for p in people])
    timed("load + check + compile the shipped catalog", load_catalog, base)
    timed("evaluate individuals (retirement certificate)",
          lambda: [catalog.evaluate(p, "vss.dg_certificate.retirement", AS_OF)
                   for p in parsed_people], base)
    timed("evaluate units (small-collective certificate)",
          lambda: [catalog.evaluate(u, "vss.dg_certificate.small_collective", AS_OF)
                   for u in parsed_units], base)
    verdicts = [catalog.evaluate(p, "vss.dg_certificate.retirement", AS_OF)
                for p in parsed_people]
    timed("render explanations (vi)", lambda: [v.explain("vi") for v in verdicts], base)
    timed("render to_dict (both languages)", lambda: [v.to_dict() for v in verdicts], base)
    statuses = {s: sum(v.status == s for v in verdicts)
                for s in ("eligible", "ineligible", "undetermined")}
    print(f"statuses (individuals): {statuses}")


if __name__ == "__main__":
    main()
