"""Cohort rules: the selection block (validated with locations) and select() over a roster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from award_rules import CriteriaError, load_catalog
from award_rules.criteria.selection import apply_rounding
from award_rules.roster import Entry, applicable_versions, review
from award_rules.roster.review import ReviewRow

ROOT = Path(__file__).resolve().parents[1]

HEAD = """\
id: example.cohort.flag
annual: true
name: {vi: Cờ (ví dụ), en: Flag (example)}
subject: unit
source: An example
in_force: {from: 2020-01-01}
parameters:
  places:
    value: 2
    note: an example
conditions:
  - id: plan
    check: result
    field: plan_completion_pct
    above: 100
"""


def _catalog(tmp_path: Path, selection: str) -> Any:
    path = tmp_path / "flag.yaml"
    path.write_text(HEAD + selection, encoding="utf-8")
    return load_catalog(path)


def test_selection_with_a_bad_group_is_located(tmp_path: Path) -> None:
    """A selection with an unknown group is a load error at its line and column."""
    with pytest.raises(CriteriaError) as caught:
        _catalog(
            tmp_path, "selection:\n  group: province\n  quota: {places: 2}\n  ranking: [votes]\n"
        )
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.path == "selection.group"
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (17, 10)


def test_selection_unknown_parameter_suggests_the_closest(tmp_path: Path) -> None:
    """``$plaes`` in a selection is an unknown parameter with "did you mean $places?"."""
    with pytest.raises(CriteriaError) as caught:
        _catalog(
            tmp_path,
            "selection:\n  group: cluster\n  quota: {places: $plaes}\n  ranking: [votes]\n",
        )
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "unknown-parameter"
    assert diagnostic.hint == "did you mean $places?"
    assert diagnostic.location is not None
    assert diagnostic.location.line == 18


def test_selection_needs_places_or_share(tmp_path: Path) -> None:
    """A quota with neither places nor share is refused."""
    with pytest.raises(CriteriaError, match="give places, share, or both"):
        _catalog(tmp_path, "selection:\n  group: cluster\n  quota: {}\n  ranking: [votes]\n")


def test_parameter_used_only_by_the_selection_is_not_unused(tmp_path: Path) -> None:
    """A parameter referenced only by the selection raises no unused-parameter warning."""
    catalog = _catalog(
        tmp_path, "selection:\n  group: cluster\n  quota: {places: $places}\n  ranking: [votes]\n"
    )
    assert catalog.warnings == []


@pytest.mark.parametrize(
    ("value", "rounding", "expected"),
    [
        (10.2, "down", 10),
        (10.2, "up", 11),
        (10.5, "nearest", 11),
        (10.0, "up", 10),
        (0.4, "down", 0),
    ],
)
def test_rounding_rules(value: float, rounding: str, expected: int) -> None:
    """Shares become places by the stated rounding rule."""
    assert apply_rounding(value, rounding) == expected


def _unit(uid: str, cluster: str, plan: float, votes: int | None) -> dict[str, Any]:
    result: dict[str, Any] = {"year": 2020, "plan_completion_pct": plan}
    if votes is not None:
        result["votes"] = votes
    return {
        "kind": "unit",
        "id": uid,
        "name": f"BHXH {uid}",
        "level": "province",
        "cluster": cluster,
        "results": [result],
    }


def _entries(records: list[dict[str, Any]]) -> list[Entry]:
    from award_rules import parse_nominee

    return [Entry(i, parse_nominee(r), (), str(r["id"])) for i, r in enumerate(records)]


def test_places_per_cluster_ranked_by_votes_with_tie_break(tmp_path: Path) -> None:
    """Two places per cluster go to the most votes; equal votes fall to the tie-break (id)."""
    catalog = _catalog(
        tmp_path,
        "selection:\n  group: cluster\n  quota: {places: $places}\n"
        "  ranking: [votes]\n  tie_break: nominee_id\n",
    )
    records = [
        _unit("a", "1", 105, 3),
        _unit("b", "1", 101, 7),
        _unit("c", "1", 110, 3),
        _unit("d", "1", 99, 9),
        _unit("e", "2", 103, None),
    ]
    rows = {r.nominee_id: r for r in review(catalog, _entries(records), 2020)}
    assert rows["b"].decision == "selected"
    assert rows["b"].rank == 1
    assert rows["a"].decision == "selected"
    assert rows["a"].rank == 2
    assert rows["c"].decision == "not_selected"
    assert rows["c"].rank == 3
    assert rows["d"].decision == "ineligible"
    assert rows["e"].decision == "selected"
    assert rows["c"].reason("en") == (
        "eligible, ranked 3rd for 2 places in emulation cluster 1 (quota: 2 places): not selected"
    )
    assert rows["c"].reason("vi").startswith("đủ điều kiện, xếp thứ 3 cho 2 suất tại cụm thi đua 1")


def _people(n_advanced: int, fighters: list[tuple[str, str, float]]) -> list[dict[str, Any]]:
    """A unit U1 with ``n_advanced`` advanced workers, some of them with an initiative.

    U1 itself meets the advanced collective title in 2019, so that its leaders
    are not passed over for their unit's result (R4's heads of units).
    """
    service = [{"unit_id": "U1", "start": "2015-01-01"}]
    records: list[dict[str, Any]] = [
        {
            "kind": "unit",
            "id": "U1",
            "name": "BHXH tỉnh Hải Dương",
            "level": "province",
            "ratings": [{"year": 2019, "level": "good"}],
            "members": [
                {
                    "year": 2019,
                    "members": n_advanced + 10,
                    "advanced_workers": n_advanced,
                    "disciplined_warning_or_above": 0,
                }
            ],
        }
    ]
    with_initiative = {pid for pid, _, _ in fighters}
    details = {pid: (position, score) for pid, position, score in fighters}
    for i in range(n_advanced):
        pid = f"P{i:03d}"
        position, score = details.get(pid, ("staff", 50.0))
        person: dict[str, Any] = {
            "kind": "individual",
            "id": pid,
            "full_name": f"Người {i}",
            "unit_id": "U1",
            "position": position,
            "service": service,
            "ratings": [{"year": 2019, "level": "good", "score": score}],
        }
        if pid in with_initiative:
            person["initiatives"] = [
                {"title": "Sáng kiến", "level": "unit", "recognized_on": "2019-06-01"}
            ]
        records.append(person)
    return records


def _national(year: int, records: list[dict[str, Any]]) -> dict[str, ReviewRow]:
    catalog = load_catalog()
    awards = ["national.grassroots_emulation_fighter"]
    rows = review(catalog, _entries(records), year, awards=awards)
    return {
        str(r.nominee_id): r for r in rows if r.award_id == "national.grassroots_emulation_fighter"
    }


def test_fifteen_percent_of_the_units_advanced_workers() -> None:
    """NĐ 91/2017 Art. 9(3): 15% of 68 advanced workers = 10 places, ranked by score."""
    fighters = [(f"P{i:03d}", "staff", 60.0 + i) for i in range(12)]
    rows = _national(2019, _people(68, fighters))
    chosen = sorted(pid for pid, r in rows.items() if r.decision == "selected")
    assert chosen == [f"P{i:03d}" for i in range(2, 12)]
    twelfth = rows["P000"]
    assert (twelfth.decision, twelfth.rank, twelfth.places) == ("not_selected", 12, 10)
    assert twelfth.reason("en") == (
        "eligible, ranked 12th for 10 places in BHXH tỉnh Hải Dương (quota: 15% of 68 meeting "
        "“Advanced worker” = 10.2, rounded down to 10): not selected"
    )
    assert "15% của 68 người đạt “Lao động tiên tiến” = 10.2, làm tròn xuống thành 10" in (
        twelfth.reason("vi")
    )
    assert rows["P050"].decision == "ineligible"


def test_quota_dated_later_than_the_version_does_not_bind_before() -> None:
    """The Government flag's 20% cap (from 01/10/2017) does not bind a 2016 review."""
    catalog = load_catalog()
    records = [
        {
            "kind": "unit",
            "id": f"U{i}",
            "name": f"BHXH {i}",
            "level": "province",
            "results": [{"year": 2016, "plan_completion_pct": 105 + i}],
            "awards": [{"award": "vss.emulation_flag", "year": 2016}],
        }
        for i in range(3)
    ]
    award = "government.emulation_flag"
    rows = [r for r in review(catalog, _entries(records), 2016, awards=[award])]
    eligible = [r for r in rows if r.status == "eligible"]
    assert eligible, [r.reason("en") for r in rows]
    assert all(r.decision == "eligible" and r.rank is None for r in eligible)
    assert "the quota applies from 01/10/2017" in eligible[0].reason("en")


def test_leaders_share_passes_over_leaders_beyond_it() -> None:
    """R4: with at most 30% of 10 places for leaders, the fourth leader in rank is passed over."""
    catalog = load_catalog()
    fighters = [(f"P{i:03d}", "leader" if i < 8 else "staff", 90.0 - i) for i in range(12)]
    records = _people(68, fighters)
    for record in records[1:]:
        record["registrations"] = [
            {
                "year": 2019,
                "titles": ["vss.grassroots_emulation_fighter"],
                "pledge_signed_on": "2019-02-01",
            }
        ]
    award = "vss.grassroots_emulation_fighter"
    rows = {
        str(r.nominee_id): r
        for r in review(catalog, _entries(records), 2019, awards=[award])
        if r.award_id == award
    }
    assert [rows[f"P{i:03d}"].rank for i in (8, 9, 10, 11)] == [1, 2, 3, 4]
    assert [rows[f"P{i:03d}"].decision for i in range(8)] == [
        "selected",
        "selected",
        "selected",
        *["not_selected"] * 5,
    ]
    passed_over = rows["P003"]
    assert passed_over.rank == 8
    assert "the leaders' share is reached (at most 30% of 10 places = 3" in passed_over.reason("en")
    assert "đã đủ tỷ lệ lãnh đạo, quản lý" in passed_over.reason("vi")
    assert sum(r.decision == "selected" for r in rows.values()) == 7


def test_preconditions_are_not_listed_as_awards() -> None:
    """The registration precondition is never judged as an award of its own in a review."""
    catalog = load_catalog()
    ids = {v.id for v in applicable_versions(catalog, 2020)}
    assert "vss.year_end_registration" not in ids
    assert catalog.awards["vss.year_end_registration"].precondition is True
    assert "vss.grassroots_emulation_fighter" in ids


def test_reference_award_of_a_quota_is_judged_too() -> None:
    """Asking for the grassroots fighter alone also judges the advanced worker its quota counts."""
    catalog = load_catalog()
    ids = [
        v.id for v in applicable_versions(catalog, 2020, ["national.grassroots_emulation_fighter"])
    ]
    assert ids == ["national.grassroots_emulation_fighter", "national.advanced_worker"]
