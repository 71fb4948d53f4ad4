"""Benchmark: mutation testing of the shipped pack, as ratios measured in one run.

A mutant re-binds only the documents it changes; the files are parsed once.
The cost of a mutant is reported relative to loading the shipped pack once
(``load_catalog()``), measured in the same run: a mutant should cost well under
one load, or the run would be as slow as reloading the pack for every mutant.
Run with ``python3 benchmarks/bench_mutation.py``.
"""

from __future__ import annotations

import time

from award_rules import load_catalog
from award_rules.loading import shipped_criteria_dir
from award_rules.testing.cases import case_files, load_case_file
from award_rules.testing.mutate import run_mutation

TARGET = 0.5
"""A mutant (binding, compiling, running the relevant cases) should cost < half a load."""


def main() -> None:
    start = time.perf_counter()
    for _ in range(3):
        load_catalog()
    load = (time.perf_counter() - start) / 3
    root = shipped_criteria_dir()
    cases = [case for path in case_files(root) for case in load_case_file(path)]
    start = time.perf_counter()
    report = run_mutation(root, cases)
    elapsed = time.perf_counter() - start
    per_mutant = elapsed / max(len(report.results), 1)
    ratio = per_mutant / load
    print(f"{len(report.results)} mutants, {len(cases)} cases: {elapsed:.1f}s")
    print(f"one load of the pack: {load * 1000:.0f} ms; one mutant: {per_mutant * 1000:.0f} ms")
    print(f"mutant / load = {ratio:.2f} (target < {TARGET}) {'OK' if ratio < TARGET else 'SLOW'}")
    print(f"score {report.score:.0%}")


if __name__ == "__main__":
    main()
