"""The review's cheap outcomes agree with full verdicts; the sample roster generator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from award_rules import Catalog, Individual, Unit, load_nominee
from award_rules.roster import Entry, Judged, applicable_versions, judge, read_roster
from award_rules.roster.sample import records, write
from conftest import ROOT


def _expected(
    catalog: Catalog, nominee: Individual | Unit | None, award_id: str, year: int
) -> tuple[object, ...]:
    assert nominee is not None
    verdict = catalog.evaluate(nominee, award_id, dt.date(year, 12, 31), year=year)
    return (
        verdict.version.owner,
        verdict.status,
        tuple(verdict.failed) if verdict.status == "ineligible" else (),
        tuple(verdict.missing) if verdict.status == "undetermined" else (),
        bool(verdict.unverified),
    )


def _got(judged: Judged) -> dict[str, tuple[object, ...]]:
    return {
        o.award_id: (o.owner, o.status, o.failed, o.missing, o.unverified) for o in judged.outcomes
    }


def test_outcomes_match_full_verdicts_on_a_generated_roster(
    catalog: Catalog, tmp_path: Path
) -> None:
    """Status, failed, missing and unverified of each row equal those of ``Catalog.evaluate``."""
    path = tmp_path / "roster.jsonl"
    write(path, 250, seed=7)
    entries = list(read_roster(path))
    versions = applicable_versions(catalog, 2020)
    judged = list(judge(catalog, entries, 2020, versions))
    statuses = set()
    for entry, item in zip(entries, judged, strict=True):
        assert entry.nominee is not None
        got = _got(item)
        fitting = {v.id for v in versions if v.doc.subject in (entry.nominee.kind, "any")}
        assert set(got) == fitting
        for award_id, outcome in got.items():
            assert outcome == _expected(catalog, entry.nominee, award_id, 2020), award_id
            statuses.add(outcome[1])
    assert statuses == {"eligible", "ineligible", "undetermined"}


@pytest.mark.parametrize("year", [2012, 2016, 2018, 2020])
def test_outcomes_match_full_verdicts_for_the_example_nominees(catalog: Catalog, year: int) -> None:
    """The example officials, units and the 2012 cluster, every year-end title of the year."""
    nominees = [load_nominee(p) for p in sorted((ROOT / "examples/nominees").glob("*.yaml"))]
    nominees += [e.nominee for e in read_roster(ROOT / "examples/cluster1_2012.yaml")]
    entries = [Entry(i, n, (), n.id) for i, n in enumerate(nominees) if n is not None]
    versions = applicable_versions(catalog, year)
    for entry, item in zip(entries, judge(catalog, entries, year, versions), strict=True):
        for award_id, outcome in _got(item).items():
            assert outcome == _expected(catalog, entry.nominee, award_id, year), (
                entry.nominee_id,
                award_id,
            )


def test_sample_roster_is_deterministic_and_readable_as_jsonl_and_yaml(tmp_path: Path) -> None:
    """The same seed gives the same records; both file forms read back without a rejection."""
    first = list(records(30, seed=3))
    assert first == list(records(30, seed=3))
    assert first != list(records(30, seed=4))
    assert sum(r["kind"] == "individual" for r in first) == 30
    for name in ("r.jsonl", "r.yaml"):
        n = write(tmp_path / name, 30, seed=3)
        entries = list(read_roster(tmp_path / name))
        assert len(entries) == n == len(first)
        assert not [e for e in entries if e.rejected]
        assert [e.nominee_id for e in entries] == [r["id"] for r in first]
