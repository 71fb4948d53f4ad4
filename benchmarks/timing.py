"""Contenders timed in turn, the order reversed every other round; ratios taken within a round.

A shared machine drifts between rounds: contenders run far apart would see
the drift as a difference, so every ratio is the median of per-round ratios.
Each run starts from a collected heap (``gc.collect()`` first, untimed): a
full collection falls inside a run by what ran before it, not by what the run does.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Rounds:
    """The wall and CPU seconds of each contender in each round, and what it last returned."""

    walls: dict[str, list[float]] = field(default_factory=dict)
    cpus: dict[str, list[float]] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)

    def median(self, name: str, *, cpu: bool = False) -> float:
        """The median time of ``name`` (wall, or CPU of this process)."""
        return statistics.median((self.cpus if cpu else self.walls)[name])

    def ratio(self, a: str, b: str, *, cpu: bool = False) -> float:
        """The median over rounds of ``a``'s time over ``b``'s (wall, or CPU of this process)."""
        times = self.cpus if cpu else self.walls
        return statistics.median(
            ta / tb if tb > 0 else float("inf") for ta, tb in zip(times[a], times[b], strict=True)
        )


def interleaved(runs: Mapping[str, Callable[[], Any]], repeat: int) -> Rounds:
    """Each of ``runs`` once per round, in turn, ``repeat`` rounds."""
    out = Rounds({name: [] for name in runs}, {name: [] for name in runs})
    names = list(runs)
    for n in range(repeat):
        for name in names if n % 2 == 0 else names[::-1]:
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            out.results[name] = runs[name]()
            out.walls[name].append(time.perf_counter() - start)
            out.cpus[name].append(time.process_time() - cpu)
    return out
