"""The selection streams: spooled candidates, partitions of whole groups, decisions merged in order.

The answer must not depend on how the candidates are partitioned (tiny
partitions, many merges of decisions), must match a plain in-memory ranking,
and the temporary files must be gone after a review, finished or not.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from award_rules import load_catalog, parse_nominee
from award_rules.roster import Entry, applicable_versions, read_roster, review, sample
from award_rules.roster.judge import Packed, judge_packed
from award_rules.roster.select import Decision, select_packed
from test_selection import HEAD, _unit  # the selection tests' example flag (before its rule), units

# the module, not the function ``award_rules.roster.select`` the package exports
select_module = importlib.import_module("award_rules.roster.select")

YEAR = sample.YEAR
FLAG = (
    HEAD
    + """\
selection:
  group: cluster
  quota: {places: $places}
  ranking: [votes]
  tie_break: nominee_id
"""
)


@pytest.fixture(scope="module")
def sample_judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Packed]]:
    """The shipped catalog and a generated roster of 1,500 officials, judged once."""
    catalog = load_catalog()
    path = tmp_path_factory.mktemp("sample") / "roster.jsonl"
    sample.write(path, 1500)
    versions = applicable_versions(catalog, YEAR)
    return catalog, list(judge_packed(catalog, read_roster(path), YEAR, versions))


@pytest.mark.parametrize(("partition_size", "max_open"), [(1, 128), (2, 3), (7, 128), (97, 2)])
def test_partition_size_does_not_change_the_decisions(
    sample_judged: tuple[Any, list[Packed]],
    partition_size: int,
    max_open: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tiny partitions (and merging the decisions often) decide exactly as one partition does."""
    catalog, judged = sample_judged
    whole = select_packed(catalog, judged, YEAR, partition_size=10**9)
    assert {d.decision for d in whole.values()} >= {"selected", "not_selected"}
    monkeypatch.setattr(select_module, "MAX_OPEN", max_open)
    parted = select_packed(catalog, judged, YEAR, partition_size=partition_size)
    assert parted == whole


def test_groups_larger_than_a_partition_rank_whole(
    sample_judged: tuple[Any, list[Packed]],
) -> None:
    """With partitions of 2, each group still has ranks 1..n and one count of places."""
    catalog, judged = sample_judged
    decisions = select_packed(catalog, judged, YEAR, partition_size=2)
    groups: dict[tuple[str, str | None], list[Decision]] = defaultdict(list)
    for (_, award), decision in decisions.items():
        if decision.rank is not None:
            groups[(award, decision.group)].append(decision)
    assert max(len(members) for members in groups.values()) > 2
    for members in groups.values():
        assert sorted(d.rank for d in members) == list(range(1, len(members) + 1))
        assert len({d.places for d in members}) == 1
        chosen = sorted(d.rank or 0 for d in members if d.decision == "selected")
        places = members[0].places
        if places is not None and chosen:
            assert len(chosen) <= places


def test_review_rows_do_not_depend_on_the_partition_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review's rows, row for row, are the same with partitions of 3 as with one partition."""
    catalog = load_catalog()
    path = tmp_path / "roster.jsonl"
    sample.write(path, 400)
    monkeypatch.setattr(select_module, "PARTITION_SIZE", 10**9)
    whole = [row.to_dict() for row in review(catalog, read_roster(path), YEAR)]
    monkeypatch.setattr(select_module, "PARTITION_SIZE", 3)
    parted = [row.to_dict() for row in review(catalog, read_roster(path), YEAR)]
    assert len(parted) == len(whole) > 400
    assert parted == whole


@pytest.fixture(scope="module")
def flag_catalog(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A catalog of one flag: plan above 100%, two places per cluster by votes, then id."""
    path = tmp_path_factory.mktemp("flag") / "flag.yaml"
    path.write_text(FLAG, encoding="utf-8")
    return load_catalog(path)


@settings(max_examples=25, deadline=None)
@given(
    units=st.lists(
        st.tuples(st.sampled_from("123"), st.sampled_from([90.0, 101.0, 120.0]), st.integers(0, 4)),
        max_size=30,
    ),
    partition_size=st.integers(1, 8),
)
def test_selection_matches_a_plain_ranking(
    flag_catalog: Any, units: list[tuple[str, float, int]], partition_size: int
) -> None:
    """Per cluster, the two with the most votes (then the lower id) among those above plan."""
    records = [_unit(f"u{i:02d}", c, plan, votes) for i, (c, plan, votes) in enumerate(units)]
    entries = [Entry(i, parse_nominee(r), (), str(r["id"])) for i, r in enumerate(records)]
    judged = list(judge_packed(flag_catalog, entries, 2020))
    decisions = select_packed(flag_catalog, judged, 2020, partition_size=partition_size)
    expected: dict[int, tuple[str, int]] = {}
    by_cluster: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
    for i, (cluster, plan, votes) in enumerate(units):
        if plan > 100:
            by_cluster[cluster].append((-votes, f"u{i:02d}", i))
    for members in by_cluster.values():
        for rank, (_, _, i) in enumerate(sorted(members), start=1):
            expected[i] = ("selected" if rank <= 2 else "not_selected", rank)
    got = {i: (d.decision, d.rank) for (i, _), d in decisions.items()}
    assert got == expected


def _open_in(directory: Path) -> list[str]:
    """The files this process holds open in ``directory`` (deleted ones too)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(directory)):
            found.append(target)
    return found


needs_proc = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="open files listed from /proc"
)


@pytest.fixture
def spooled_roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A generated roster of 200 officials, and the folder temporary files go to."""
    roster = tmp_path / "roster.jsonl"
    sample.write(roster, 200)
    spools = tmp_path / "spools"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    return roster, spools


@needs_proc
def test_temporary_files_are_gone_after_a_review(
    spooled_roster: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mid-review the spools are open in the temporary directory; after it, none is, none left."""
    roster, spools = spooled_roster
    monkeypatch.setattr(select_module, "PARTITION_SIZE", 5)  # partition files as well
    rows = review(load_catalog(), read_roster(roster), YEAR)
    next(rows)
    assert len(_open_in(spools)) > 3
    n = 1 + sum(1 for _ in rows)
    assert n > 200
    assert _open_in(spools) == []
    assert list(spools.iterdir()) == []


@needs_proc
def test_temporary_files_are_gone_after_a_review_closed_early(
    spooled_roster: tuple[Path, Path],
) -> None:
    """A review closed after its first row, or failing mid-stream, leaves no file open or behind."""
    roster, spools = spooled_roster
    catalog = load_catalog()
    rows = review(catalog, read_roster(roster), YEAR)
    next(rows)
    assert _open_in(spools) != []
    rows.close()
    assert _open_in(spools) == []

    def failing() -> Iterator[Entry]:
        for n, entry in enumerate(read_roster(roster)):
            if n == 150:
                raise RuntimeError("the source failed")
            yield entry

    with pytest.raises(RuntimeError, match="the source failed"):
        list(review(catalog, failing(), YEAR))
    assert _open_in(spools) == []
    assert list(spools.iterdir()) == []
