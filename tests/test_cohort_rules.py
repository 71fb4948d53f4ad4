"""Seed cohort rules: R4's heads of units, R9's district offices; reference awards at load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from award_rules import CriteriaError, load_catalog, parse_nominee
from award_rules.roster import Entry, applicable_versions, read_roster, review
from award_rules.roster.review import ReviewRow

ROOT = Path(__file__).resolve().parents[1]
WORKER = "vss.advanced_worker"
FIGHTER = "vss.grassroots_emulation_fighter"


def _entries(records: list[dict[str, Any]]) -> list[Entry]:
    return [Entry(i, parse_nominee(r), (), str(r["id"])) for i, r in enumerate(records)]


def _unit(uid: str, name: str, *, meets: bool, year: int = 2019) -> dict[str, Any]:
    """A division that meets the advanced collective title in ``year``, or misses its 50%."""
    return {
        "kind": "unit",
        "id": uid,
        "name": name,
        "level": "division",
        "parent_id": "bhxh-hai-duong",
        "ratings": [{"year": year, "level": "good"}],
        "members": [
            {
                "year": year,
                "members": 10,
                "advanced_workers": 8 if meets else 4,
                "disciplined_warning_or_above": 0,
            }
        ],
    }


def _official(
    pid: str, unit: str, position: str, *, year: int = 2019, title: str = WORKER, **extra: Any
) -> dict[str, Any]:
    """An official of ``unit`` rated good every year, registered for ``title`` in ``year``."""
    record: dict[str, Any] = {
        "kind": "individual",
        "id": pid,
        "full_name": f"Người {pid}",
        "unit_id": unit,
        "position": position,
        "service": [{"unit_id": unit, "start": "2010-01-01"}],
        "ratings": [{"year": y, "level": "good"} for y in range(2010, year + 1)],
        "registrations": [{"year": year, "titles": [title], "pledge_signed_on": f"{year}-02-01"}],
    }
    record.update(extra)
    return record


def _rows(records: list[dict[str, Any]], year: int, award: str = WORKER) -> dict[str, ReviewRow]:
    rows = review(load_catalog(), _entries(records), year, awards=[award])
    return {str(r.nominee_id): r for r in rows if r.award_id == award}


def test_a_head_is_proposed_when_the_unit_they_lead_meets_the_collective_title() -> None:
    """R4: the head of a division eligible for the advanced collective title keeps a place."""
    records = [
        _unit("D1", "Phòng Thu", meets=True),
        _official("H1", "D1", "leader"),
        _official("S1", "D1", "staff"),
    ]
    rows = _rows(records, 2019)
    assert rows["H1"].decision == "selected"
    assert "the unit they lead, Phòng Thu, is eligible for “Advanced collective”" in (
        rows["H1"].reason("en")
    )
    assert "tập thể do mình lãnh đạo, Phòng Thu, đủ điều kiện “Tập thể lao động tiên tiến”" in (
        rows["H1"].reason("vi")
    )
    assert rows["S1"].decision == "selected"


def test_a_head_is_passed_over_when_the_unit_they_lead_does_not_meet_it() -> None:
    """R4: a head whose division has 40% advanced workers (not over 50%) is passed over."""
    records = [
        _unit("D2", "Phòng Chế độ", meets=False),
        _official("H2", "D2", "leader"),
        _official("M2", "D2", "manager"),
        _official("S2", "D2", "staff"),
    ]
    rows = _rows(records, 2019)
    head = rows["H2"]
    assert head.status == "eligible"
    assert head.decision == "not_selected"
    assert head.reason("en").endswith(
        "not selected; the unit they lead, Phòng Chế độ, is not eligible for “Advanced "
        "collective” in 2019; quota not yet checked against the text"
    )
    assert "không đủ điều kiện “Tập thể lao động tiên tiến” năm 2019" in head.reason("vi")
    assert rows["M2"].decision == "selected"  # a manager does not head the unit
    assert rows["S2"].decision == "selected"


def test_a_head_whose_unit_cannot_be_judged_is_passed_over_saying_so() -> None:
    """R4: a unit with no member counts is undetermined for the title: its head waits, told why."""
    unit = _unit("D3", "Phòng Cấp sổ", meets=True)
    del unit["members"]
    rows = _rows([unit, _official("H3", "D3", "leader")], 2019)
    assert rows["H3"].decision == "not_selected"
    assert (
        "whether the unit they lead, Phòng Cấp sổ, is eligible for “Advanced collective” in "
        in (rows["H3"].reason("en"))
    )
    assert "is undetermined (data missing)" in rows["H3"].reason("en")


def test_a_head_whose_unit_is_not_in_the_roster_is_judged_on_the_recorded_title() -> None:
    """R4: with the unit not in the roster, the led_units record's titles decide."""
    with_title = _official(
        "H3",
        "D9",
        "leader",
        led_units=[{"year": 2019, "unit_id": "D9", "titles": ["national.advanced_collective"]}],
    )
    without = _official("H4", "D8", "leader")
    rows = _rows([with_title, without], 2019)
    assert rows["H3"].decision == "selected"
    assert "the unit they lead, D9, holds “Advanced collective” for 2019" in rows["H3"].reason("en")
    assert rows["H4"].decision == "not_selected"
    assert "the result of the unit they lead, D8, is not known: it is not in the roster" in (
        rows["H4"].reason("en")
    )


def test_the_led_units_record_names_the_unit_a_head_leads() -> None:
    """R4: a head seconded to lead D1 is judged on D1, not on the unit of their post."""
    records = [
        _unit("D1", "Phòng Thu", meets=True),
        _unit("D2", "Phòng Chế độ", meets=False),
        _official("H5", "D2", "leader", led_units=[{"year": 2019, "unit_id": "D1"}]),
        _official("H6", "D1", "leader", led_units=[{"year": 2019, "unit_id": "D2"}]),
    ]
    rows = _rows(records, 2019)
    assert rows["H5"].decision == "selected"
    assert rows["H6"].decision == "not_selected"


def test_the_heads_rule_binds_from_nd_65_2014() -> None:
    """R4: before 20/08/2014 (a 2013 review) a head of a failing unit stays eligible."""
    records = [
        _unit("D2", "Phòng Chế độ", meets=False, year=2013),
        _official("H2", "D2", "leader", year=2013),
    ]
    rows = _rows(records, 2013)
    assert (rows["H2"].decision, rows["H2"].rank) == ("eligible", None)


def test_the_grassroots_fighter_heads_rule_binds_before_its_quota() -> None:
    """R4 binds from 2014, the 15% quota from 01/10/2017: in 2016 a failing unit's head is out."""
    initiative = [{"title": "Sáng kiến", "level": "unit", "recognized_on": "2016-06-01"}]
    led = [{"year": 2016, "unit_id": "D2", "rating": "good"}]
    records = [
        _unit("D2", "Phòng Chế độ", meets=False, year=2016),
        _official(
            "H2", "D2", "leader", year=2016, title=FIGHTER, initiatives=initiative, led_units=led
        ),
        _official("S2", "D2", "staff", year=2016, title=FIGHTER, initiatives=initiative),
    ]
    rows = _rows(records, 2016, FIGHTER)
    assert rows["H2"].status == "eligible", rows["H2"].reason("en")
    assert rows["H2"].decision == "not_selected"
    assert "the quota applies from 01/10/2017" in rows["H2"].reason("en")
    assert rows["S2"].decision == "selected"
    assert rows["S2"].places is None  # no quota yet: no limit


def test_a_review_judges_the_collective_title_heads_are_measured_by() -> None:
    """Asking for the advanced worker alone also judges the advanced collective its heads need."""
    ids = [v.id for v in applicable_versions(load_catalog(), 2019, [WORKER])]
    assert ids == [WORKER, "national.advanced_collective"]


# R9: the district offices of cluster 1 in 2012 (seed 003)

DISTRICTS = ROOT / "examples" / "cluster1_2012_districts.yaml"
SEED_DISTRICTS = [
    "bhxh-an-duong",
    "bhxh-lap-thach",
    "bhxh-mong-cai",
    "bhxh-phu-cu",
    "bhxh-yen-dung",
]


def _cluster_rows(award: str) -> dict[str, ReviewRow]:
    rows = review(load_catalog(), read_roster(DISTRICTS), 2012, awards=[award])
    return {str(r.nominee_id): r for r in rows}


def test_cluster_example_reproduces_the_five_district_flags() -> None:
    """Seed 003: Móng Cái, An Dương, Lập Thạch, Phù Cừ and Yên Dũng get the VSS flag for 2012."""
    rows = _cluster_rows("vss.emulation_flag.district")
    chosen = sorted(pid for pid, r in rows.items() if r.decision == "selected")
    assert chosen == SEED_DISTRICTS


def test_cluster_example_gives_a_reason_to_every_other_district() -> None:
    """Passed over by the one-per-province cap, ranked below the places, or under the plan."""
    rows = _cluster_rows("vss.emulation_flag.district")
    uong_bi = rows["bhxh-uong-bi"]
    assert (uong_bi.decision, uong_bi.rank) == ("not_selected", 2)
    assert "BHXH tỉnh Quảng Ninh already has its 1 place (at most 1 per parent unit)" in (
        uong_bi.reason("en")
    )
    assert "BHXH tỉnh Quảng Ninh đã đủ 1 suất (tối đa 1 mỗi đơn vị cấp trên)" in uong_bi.reason(
        "vi"
    )
    gia_loc = rows["bhxh-gia-loc"]
    assert gia_loc.reason("en").startswith(
        "eligible, ranked 7th for 5 places in emulation cluster 1 (quota: 5 places): not selected"
    )
    assert rows["bhxh-son-duong"].decision == "ineligible"
    assert "plan_exceeded" in rows["bhxh-son-duong"].to_dict()["failed"]
    assert rows["bhxh-hai-duong"].decision == "ineligible"  # a province is not a district office


def test_district_example_keeps_the_provinces_and_their_flags() -> None:
    """The districts example holds cluster1_2012.yaml's provinces unchanged, so their flags hold."""
    provinces = yaml.safe_load((ROOT / "examples" / "cluster1_2012.yaml").read_text("utf-8"))
    everything = yaml.safe_load(DISTRICTS.read_text("utf-8"))
    assert everything[: len(provinces)] == provinces
    rows = _cluster_rows("vss.emulation_flag.province")
    chosen = sorted(pid for pid, r in rows.items() if r.decision == "selected")
    assert chosen == ["bhxh-hai-duong", "bhxh-tuyen-quang"]


def test_a_district_counts_in_the_cluster_of_its_province() -> None:
    """A district office with no cluster of its own is ranked in its parent's cluster."""
    rows = _cluster_rows("vss.emulation_flag.district")
    assert {rows[pid].group for pid in SEED_DISTRICTS} == {"1"}


# Reference awards of a selection, checked when the catalog loads

HEAD = """\
id: example.cohort.fighter
annual: true
name: {vi: Chiến sĩ (ví dụ), en: Fighter (example)}
subject: individual
source: An example
in_force: {from: 2020-01-01}
parameters:
  unit_award:
    value: national.advanced_colective
    note: an example
conditions:
  - id: rated
    check: ratings_at_least
    level: good
    years: {last: 1, to: evaluation}
"""
NO_PARAMETER = HEAD.replace(
    "parameters:\n  unit_award:\n    value: national.advanced_colective\n    note: an example\n",
    "",
)


def _load(tmp_path: Path, selection: str, head: str = HEAD) -> Any:
    path = tmp_path / "fighter.yaml"
    path.write_text(head + selection, encoding="utf-8")
    return load_catalog(None, extra=[path])


def _error(tmp_path: Path, selection: str, head: str = HEAD) -> Any:
    with pytest.raises(CriteriaError) as caught:
        _load(tmp_path, selection, head)
    mine = [
        d
        for d in caught.value.diagnostics
        if d.location and d.location.file.endswith("fighter.yaml")
    ]
    assert len(mine) == 1, caught.value.diagnostics
    return mine[0]


def test_a_quota_of_an_unknown_award_is_a_located_load_error(tmp_path: Path) -> None:
    """A share 'of: {award: national.advanced_worke}' fails at load, located, with did you mean."""
    selection = (
        "selection:\n  group: unit\n  quota:\n    share:\n      percent: 15\n"
        "      of: {award: national.advanced_worke}\n  ranking: [score]\n"
    )
    diagnostic = _error(tmp_path, selection, NO_PARAMETER)
    assert diagnostic.code == "unknown-award"
    assert "unknown award id 'national.advanced_worke'" in diagnostic.message
    assert diagnostic.hint.startswith("did you mean national.advanced_worker or")
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (17, 19)


@pytest.mark.parametrize(
    ("award", "code", "message"),
    [
        (  # a registered award with no criteria cannot be counted in a review
            "vss.emulation_fighter",
            "unknown-reference",
            "'vss.emulation_fighter', which has no criteria to judge it by",
        ),
        (  # an individual title's quota cannot be a share of a unit title's eligible
            "national.advanced_collective",
            "reference-subject",
            "national.advanced_collective (unit) does not fit",
        ),
    ],
)
def test_a_quota_counting_an_award_it_cannot_count_is_refused(
    tmp_path: Path, award: str, code: str, message: str
) -> None:
    """A quota's share of an award without criteria, or of another kind's award, is refused."""
    selection = (
        "selection:\n  group: unit\n  quota:\n    share:\n      percent: 15\n"
        f"      of: {{award: {award}}}\n  ranking: [score]\n"
    )
    diagnostic = _error(tmp_path, selection, NO_PARAMETER)
    assert diagnostic.code == code
    assert message in diagnostic.message


def test_a_heads_award_parameter_is_checked_with_did_you_mean(tmp_path: Path) -> None:
    """heads_follow_unit's award from a parameter is checked too, naming the parameter."""
    selection = (
        "selection:\n  group: unit\n  constraints:\n    heads_follow_unit:\n"
        "      award: $unit_award\n  ranking: [score]\n"
    )
    diagnostic = _error(tmp_path, selection)
    assert diagnostic.code == "unknown-award"
    assert "'national.advanced_colective' (parameter $unit_award)" in diagnostic.message
    assert diagnostic.hint.startswith("did you mean national.advanced_collective or")
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (20, 14)


def test_a_heads_award_must_be_a_units_award(tmp_path: Path) -> None:
    """The unit a head leads meets a unit's award, not an individual title."""
    selection = (
        "selection:\n  group: unit\n  constraints:\n    heads_follow_unit:\n"
        "      award: national.advanced_worker\n  ranking: [score]\n"
    )
    diagnostic = _error(tmp_path, selection)
    assert diagnostic.code == "reference-subject"
    assert "is the result of the unit a head leads" in diagnostic.message


def test_a_heads_award_parameter_must_be_text(tmp_path: Path) -> None:
    """A `$name` standing for an award must name a parameter holding an award id."""
    head = HEAD.replace("value: national.advanced_colective", "value: 3")
    selection = (
        "selection:\n  group: unit\n  constraints:\n    heads_follow_unit:\n"
        "      award: $unit_award\n  ranking: [score]\n"
    )
    diagnostic = _error(tmp_path, selection, head)
    assert diagnostic.message == "parameter '$unit_award' must be an award id"
    assert diagnostic.path == "selection.constraints.heads_follow_unit.award"


def test_the_shipped_selections_name_awards_that_fit() -> None:
    """Every shipped selection's reference award loads: the pack raises no selection error."""
    catalog = load_catalog()
    assert catalog.warnings == []
    version = catalog.version_on(FIGHTER, dt.date(2019, 12, 31))
    assert version.doc.selection is not None
    heads = version.doc.selection.constraints.heads_follow_unit
    assert heads is not None
    assert heads.award == "$head_unit_award"


def test_per_unit_caps_the_officials_chosen_from_one_unit(tmp_path: Path) -> None:
    """per_unit: {max: 1}: of three places in the whole roster, one per unit, by score."""
    selection = (
        "selection:\n  group: all\n  quota: {places: 3}\n"
        "  constraints:\n    per_unit: {max: 1}\n  ranking: [score]\n"
    )
    path = tmp_path / "fighter.yaml"
    path.write_text(
        NO_PARAMETER.replace("example.cohort.fighter", "example.cohort.per_unit") + selection,
        encoding="utf-8",
    )
    catalog = load_catalog(path)
    people = [
        ("A1", "UA", 90.0),
        ("A2", "UA", 85.0),
        ("B1", "UB", 80.0),
        ("C1", "UC", 70.0),
    ]
    records = [
        {
            "kind": "individual",
            "id": pid,
            "full_name": pid,
            "unit_id": unit,
            "ratings": [{"year": 2020, "level": "good", "score": score}],
        }
        for pid, unit, score in people
    ]
    rows = {str(r.nominee_id): r for r in review(catalog, _entries(records), 2020)}
    assert [rows[p].decision for p in ("A1", "A2", "B1", "C1")] == [
        "selected",
        "not_selected",
        "selected",
        "selected",
    ]
    assert "UA already has its 1 place (at most 1 per unit)" in rows["A2"].reason("en")
    assert "UA đã đủ 1 suất (tối đa 1 mỗi đơn vị)" in rows["A2"].reason("vi")
