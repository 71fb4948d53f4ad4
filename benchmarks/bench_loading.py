"""Benchmark: loading the shipped criteria against importing the library.

Target: ``load_catalog()`` of the shipped criteria takes at most 3x the time
of ``import award_rules`` (both in a fresh interpreter). Each round runs one
fresh process that times the import and then the load; rounds alternate
between PyYAML's C parser and the pure-Python one, and the medians are
compared. Run with ``.venv/bin/python benchmarks/bench_loading.py [ROUNDS]``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

TARGET = 3.0

_PROBE = """
import json, sys, time
start = time.perf_counter()
import award_rules
imported = time.perf_counter() - start
from award_rules.reading import yaml12
if sys.argv[1] == "pure":
    yaml12.C_PARSER = False
start = time.perf_counter()
award_rules.load_catalog()
loaded = time.perf_counter() - start
print(json.dumps({"import": imported, "load": loaded}))
"""


def _round(parser: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", _PROBE, parser], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    runs: dict[str, list[dict[str, float]]] = {"c": [], "pure": []}
    for _ in range(rounds):
        for parser in runs:  # interleaved, so load on the machine hits both alike
            runs[parser].append(_round(parser))
    status = 0
    for parser, results in runs.items():
        imported = statistics.median(r["import"] for r in results)
        loaded = statistics.median(r["load"] for r in results)
        ratio = loaded / imported
        verdict = "ok" if ratio <= TARGET else "OVER TARGET"
        if parser == "c":
            status = 0 if ratio <= TARGET else 1
        print(
            f"{parser:>4} parser: import {imported * 1000:7.1f} ms, load_catalog "
            f"{loaded * 1000:7.1f} ms, ratio {ratio:5.2f}x (target <= {TARGET}x for C) {verdict}"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
