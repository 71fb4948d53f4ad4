"""Judge the example nominees against the shipped criteria and print the verdicts.

Run with ``python3 dev.py demo`` (or ``python examples/demo.py`` in the venv).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from award_rules import load_catalog, load_nominee, load_nominees

HERE = Path(__file__).resolve().parent
ANNIVERSARY = dt.date(2020, 7, 20)  # the day seed 000 was published

CASES = [
    ("retiring_official.yaml", "vss.dg_certificate.retirement"),
    ("short_service_official.yaml", "vss.dg_certificate.retirement"),
    ("disciplined_official.yaml", "vss.dg_certificate.retirement"),
    ("official_no_history.yaml", "vss.dg_certificate.retirement"),
    ("division_2005.yaml", "vss.dg_certificate.small_collective"),
    ("division_2010.yaml", "vss.dg_certificate.small_collective"),
    ("division_missing_rating.yaml", "vss.dg_certificate.small_collective"),
]


def main() -> None:
    catalog = load_catalog()  # the shipped criteria/
    print(f"== Verdicts as of {ANNIVERSARY:%d/%m/%Y} ==")
    for file_name, award_id in CASES:
        nominee = load_nominee(HERE / "nominees" / file_name)
        verdict = catalog.evaluate(nominee, award_id, as_of=ANNIVERSARY)
        line = f"{verdict.status:<12} {verdict.nominee_name} — {award_id}"
        if verdict.failed:
            line += f" (failed: {', '.join(verdict.failed)})"
        if verdict.missing:
            line += f" (missing: {', '.join(verdict.missing)})"
        if verdict.earliest_eligible_on:
            line += f" (eligible from {verdict.earliest_eligible_on:%d/%m/%Y})"
        print(line)

    print()
    print("== Why: the official with 8 years 3 months ==")
    official = load_nominee(HERE / "nominees" / "short_service_official.yaml")
    print(catalog.evaluate(official, "vss.dg_certificate.retirement", ANNIVERSARY).explain("en"))

    print()
    print("== Cluster 1, 2012 (seed 003), against an example criterion ==")
    examples = load_catalog(HERE / "criteria")
    provinces = load_nominees(HERE / "cluster1_2012.yaml")
    for item in examples.evaluate_many(
        provinces, "example.cluster.plan_completed", as_of=dt.date(2012, 12, 31)
    ):
        assert item.verdict is not None, item.error
        found = item.verdict.conditions.children[1].outcome
        figure = found.found if found else None
        print(f"{item.verdict.status:<12} {item.verdict.nominee_name}: {figure}%")


if __name__ == "__main__":
    main()
