"""Benchmark: loading the shipped criteria against importing the library.

Target: ``load_catalog()`` of the shipped criteria takes at most 3x the time
of ``import award_rules`` (both in a fresh interpreter). Each round runs one
fresh process that times the import and then the load; rounds alternate
between PyYAML's C parser and the pure-Python one, and the medians are
compared.

Also: a roster given as one YAML list of 4,000 units loads within 1.5x the
time of the same units as 4,000 documents (the old reader was quadratic in
the list's length: 22 s against 1.7 s).

Run with ``.venv/bin/python benchmarks/bench_loading.py [ROUNDS]``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 3.0
ROSTER_TARGET = 1.5

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


def _roster(directory: Path, size: int, *, documents: bool) -> Path:
    import yaml

    units = [
        {
            "kind": "unit",
            "id": f"U-{i}",
            "name": f"Phòng {i}",
            "level": "division",
            "established_on": "2005-01-01",
            "ratings": [{"year": y, "level": "good"} for y in range(2006, 2020)],
        }
        for i in range(size)
    ]
    path = directory / f"roster_{size}_{'docs' if documents else 'list'}.yaml"
    text = (
        yaml.safe_dump_all(units, allow_unicode=True)
        if documents
        else yaml.safe_dump(units, allow_unicode=True)
    )
    path.write_text(text, encoding="utf-8")
    return path


def roster(rounds: int) -> int:
    """Print the list/documents ratio of loading a 4,000-unit roster; 0 within its target."""
    from award_rules import load_nominees

    with tempfile.TemporaryDirectory() as directory:
        as_list = _roster(Path(directory), 4000, documents=False)
        as_documents = _roster(Path(directory), 4000, documents=True)
        small = _roster(Path(directory), 1000, documents=False)
        times: dict[Path, list[float]] = {as_list: [], as_documents: [], small: []}
        load_nominees(small)  # warm up: first-call costs are not the roster's
        for _ in range(max(1, rounds // 2)):
            for path in times:  # CPU time: other processes on the machine do not count
                start = time.process_time()
                load_nominees(path)
                times[path].append(time.process_time() - start)
    median = {path: statistics.median(values) for path, values in times.items()}
    ratio = median[as_list] / median[as_documents]
    verdict = "ok" if ratio <= ROSTER_TARGET else "OVER TARGET"
    print(
        f"roster of 4,000 units: as a list {median[as_list] * 1000:7.1f} ms, as documents "
        f"{median[as_documents] * 1000:7.1f} ms, ratio {ratio:5.2f}x "
        f"(target <= {ROSTER_TARGET}x) {verdict}"
    )
    print(
        f"  (scaling, for information: 1,000 units {median[small] * 1000:7.1f} ms, "
        f"4,000 units {median[as_list] / median[small]:4.1f}x that; Python's garbage "
        "collector makes large rosters somewhat superlinear)"
    )
    return 0 if ratio <= ROSTER_TARGET else 1


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
    return status | roster(rounds)


if __name__ == "__main__":
    sys.exit(main())
