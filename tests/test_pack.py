"""The criteria pack of issue 5: every award, in every regime, with its leaves and sources."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from award_rules.catalog import Catalog
from award_rules.cli import main
from award_rules.criteria.loader import BoundGroup, BoundLeaf, BoundNode, CriteriaVersion
from conftest import CRITERIA, ROOT

NOMINEES = ROOT / "examples" / "nominees" / "pack"

R1 = (dt.date(2004, 7, 1), dt.date(2017, 9, 30))  # Law 2003; NĐ 42/2010, NĐ 65/2014
R2 = (dt.date(2017, 10, 1), dt.date(2023, 12, 31))  # NĐ 91/2017
R3 = (dt.date(2024, 1, 1), dt.date(2025, 6, 30))  # Law 2022; NĐ 98/2023; TT 01/2024
R4 = (dt.date(2025, 7, 1), None)  # NĐ 152/2025
R1_R2 = (R1[0], R2[1])
R3_R4 = (R3[0], None)
# NĐ 65/2014 took effect on 20/08/2014 (its Art. 30): issue 9 splits R1 there.
R1A = (R1[0], dt.date(2014, 8, 19))  # Law 2003 with NĐ 42/2010
R1B = (dt.date(2014, 8, 20), R1[1])  # NĐ 65/2014

# Award id -> its versions (from, until), oldest first. Where a rule did not
# change between two regimes one version spans them (its review note says so).
VERSIONS: dict[str, list[tuple[dt.date, dt.date | None]]] = {
    "national.advanced_worker": [R1A, R1B, R2, R3, R4],
    "national.grassroots_emulation_fighter": [R1A, R1B, R2, R3_R4],
    "national.ministerial_emulation_fighter": [R1_R2, R3, R4],
    "national.emulation_fighter": [R1A, R1B, R2, R3, R4],
    "national.advanced_collective": [R1_R2, R3_R4],
    "national.excellent_collective": [R1_R2, R3_R4],
    "government.emulation_flag": [R1_R2, R3_R4],
    "national.ministerial_certificate": [R1A, R1B, R2, R3, R4],
    "government.pm_certificate": [R1A, R1B, R2, R3, R4],
    "state.labor_medal.third": [R1A, R1B, R2, R3, R4],
    "vss.commemorative_medal": [
        (dt.date(2004, 10, 15), dt.date(2011, 8, 27)),
        (dt.date(2011, 8, 28), None),
    ],
    "vss.advanced_worker": [(dt.date(2011, 1, 4), None)],
    "vss.grassroots_emulation_fighter": [(dt.date(2011, 1, 4), None)],
}

# The year-end titles, judged for a year with the version in force on 31 December.
ANNUAL = {
    "national.advanced_worker",
    "national.grassroots_emulation_fighter",
    "national.ministerial_emulation_fighter",
    "national.emulation_fighter",
    "national.advanced_collective",
    "national.excellent_collective",
    "government.emulation_flag",
    "vss.advanced_worker",
    "vss.grassroots_emulation_fighter",
}

# The leaf (and group) ids the issue names, per version start.
ISSUE_IDS: dict[str, dict[dt.date, set[str]]] = {
    "national.advanced_worker": {
        R1B[0]: {"rating_good", "new_hire", "absence_days", "no_discipline", "led_unit"},
        R2[0]: {"rating_good", "new_hire", "no_discipline"},
        R3[0]: {"rating_good", "new_hire", "no_discipline", "no_pending_case"},
        R4[0]: {"rating_good", "new_hire", "no_discipline", "no_pending_case", "after_discipline"},
    },
    "national.grassroots_emulation_fighter": {
        R1B[0]: {"advanced_worker", "achievement"},
        R2[0]: {"advanced_worker", "achievement"},
        R3[0]: {"advanced_worker", "achievement"},
    },
    "national.ministerial_emulation_fighter": {
        R1[0]: {"consecutive_grassroots", "wide_initiative"},
        R3[0]: {"consecutive_grassroots", "wide_initiative", "no_pending_case"},
        R4[0]: {"consecutive_grassroots", "wide_initiative", "no_pending_case", "after_discipline"},
    },
    "national.emulation_fighter": {
        **{start: {"consecutive_ministerial", "national_achievement"} for start in (R1A[0], R2[0])},
        R1B[0]: {"consecutive_ministerial", "after_second_title", "national_achievement"},
        R3[0]: {"consecutive_ministerial", "national_achievement", "no_pending_case"},
        R4[0]: {
            "consecutive_ministerial",
            "national_achievement",
            "no_pending_case",
            "after_discipline",
        },
    },
    "vss.commemorative_medal": {
        start: {"not_previously_awarded", "alive", "service_years"}
        for start in (dt.date(2004, 10, 15), dt.date(2011, 8, 28))
    },
}


def nominee(name: str, **changes: Any) -> dict[str, Any]:
    """A nominee file of examples/nominees/pack, with fields replaced."""
    data = yaml.safe_load((NOMINEES / f"{name}.yaml").read_text(encoding="utf-8"))
    return {**data, **changes}


def cli(*argv: str) -> tuple[int, str]:
    """Run the command line; return the exit status and everything printed."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


def node_ids(node: BoundNode) -> set[str]:
    """The ids of every leaf and named group under ``node``."""
    if isinstance(node, BoundLeaf):
        return {node.id}
    assert isinstance(node, BoundGroup)
    own = {node.id} if node.id else set()
    return own.union(*(node_ids(child) for child in node.children))


def all_versions(catalog: Catalog) -> list[CriteriaVersion]:
    """Every version of every award of the pack."""
    return [v for award_id in VERSIONS for v in catalog.versions(award_id)]


# --- loading and validation --------------------------------------------------


def test_validate_reports_no_error_and_no_warning() -> None:
    """`award-rules validate criteria` exits 0 with 0 errors and 0 warnings (no gap)."""
    code, out = cli("validate", str(CRITERIA))
    assert code == 0, out
    assert out.strip().endswith("0 errors, 0 warnings")


def test_load_catalog_has_no_warnings(catalog: Catalog) -> None:
    """The shipped catalog loads with no warning (unused parameter, version gap)."""
    assert catalog.warnings == []


@pytest.mark.parametrize("award_id", sorted(VERSIONS))
def test_each_award_has_the_expected_versions(catalog: Catalog, award_id: str) -> None:
    """Each award's versions follow the regime boundaries exactly."""
    found = [(v.doc.in_force.from_, v.doc.in_force.until) for v in catalog.versions(award_id)]
    assert found == VERSIONS[award_id]


@pytest.mark.parametrize("award_id", sorted(VERSIONS))
def test_year_end_titles_are_annual(catalog: Catalog, award_id: str) -> None:
    """Year-end titles carry annual: true in every version; commendations do not."""
    flags = {v.doc.annual for v in catalog.versions(award_id)}
    assert flags == {award_id in ANNUAL}


@pytest.mark.parametrize(
    ("award_id", "start"),
    [(award_id, start) for award_id, by_start in ISSUE_IDS.items() for start in by_start],
)
def test_leaf_ids_are_the_issues(catalog: Catalog, award_id: str, start: dt.date) -> None:
    """The leaf and group ids named by the issue are there, and no other top-level ids."""
    version = catalog.version_on(award_id, start)
    assert isinstance(version.root, BoundGroup)
    top = {child.id for child in version.root.children}
    assert top == ISSUE_IDS[award_id][start]


def test_grassroots_achievement_is_one_of_three(catalog: Catalog) -> None:
    """Under Law 2022 'achievement' is any of: excellent, an initiative, a research topic."""
    version = catalog.version_on("national.grassroots_emulation_fighter", R3[0])
    achievement = next(c for c in version.root.children if c.id == "achievement")
    assert isinstance(achievement, BoundGroup)
    assert achievement.kind == "any"
    assert [c.id for c in achievement.children] == ["excellent", "initiative", "research_topic"]


def test_every_leaf_cites_document_and_article(catalog: Catalog) -> None:
    """A reviewer can go from any leaf of the pack to the document and article it encodes."""
    uncited = [
        f"{v.id}@{v.doc.in_force.from_}:{leaf.id}"
        for v in all_versions(catalog)
        for leaf in v.leaves()
        if leaf.leaf.source is None or not leaf.leaf.source.article
    ]
    assert uncited == []


def test_every_version_has_a_review_with_a_note(catalog: Catalog) -> None:
    """Every version says whether it was checked against the text, and what was read."""
    for version in all_versions(catalog):
        review = version.doc.review
        assert review is not None, version.id
        assert review.note, version.id


@pytest.mark.parametrize(
    ("award_id", "start"),
    [
        ("national.advanced_worker", R1[0]),
        ("national.advanced_worker", R4[0]),
        ("national.grassroots_emulation_fighter", R1[0]),
        ("national.ministerial_emulation_fighter", R4[0]),
        ("national.emulation_fighter", R4[0]),
        ("national.advanced_collective", R3[0]),
        ("national.excellent_collective", R1[0]),
        ("government.emulation_flag", R1[0]),
        ("national.ministerial_certificate", R1[0]),
        ("government.pm_certificate", R1[0]),
        ("state.labor_medal.third", R1[0]),
        ("vss.commemorative_medal", dt.date(2004, 10, 15)),
        ("vss.commemorative_medal", dt.date(2011, 8, 28)),
    ],
)
def test_versions_from_recalled_or_guessed_text_are_unverified(
    catalog: Catalog, award_id: str, start: dt.date
) -> None:
    """Versions resting on RECALLED lines or guesses are shipped unverified."""
    review = catalog.version_on(award_id, start).doc.review
    assert review is not None
    assert review.status.value == "unverified"


def test_the_caps_are_not_leaves(catalog: Catalog) -> None:
    """The 15% and 20% caps are cohort rules: no leaf encodes them, the notes say so."""
    fighter = catalog.version_on("national.grassroots_emulation_fighter", R2[0])
    flag = catalog.version_on("government.emulation_flag", R2[0])
    assert fighter.doc.review is not None
    assert "15%" in (fighter.doc.review.note or "")
    assert "20%" in Path(flag.file).read_text(encoding="utf-8")
    for version in (fighter, flag):
        for leaf in version.leaves():
            assert "15" not in str(leaf.args.model_dump())
            assert "20" not in str(leaf.args.model_dump())


def test_sector_titles_compose_by_reference(catalog: Catalog) -> None:
    """VSS's titles are the national title plus the registration, referred to, not copied."""
    for award_id, national in (
        ("vss.advanced_worker", "national.advanced_worker"),
        ("vss.grassroots_emulation_fighter", "national.grassroots_emulation_fighter"),
    ):
        (version,) = catalog.versions(award_id)
        leaves = version.leaves()
        assert {leaf.predicate.name for leaf in leaves} == {"meets_criteria"}
        referenced = {
            ref for leaf in leaves for ref in leaf.predicate.referenced_criteria(leaf.args)
        }
        assert referenced == {national, "vss.year_end_registration"}
        assert version.doc.granted_award == national


def test_new_award_ids_are_registered(catalog: Catalog) -> None:
    """Award records use ids of awards.yaml; the pack's new ids have names there."""
    for award_id in (
        "national.ministerial_emulation_fighter",
        "national.ministerial_certificate",
        "national.advanced_collective",
        "national.excellent_collective",
        "national.ministerial_emulation_flag",
    ):
        assert award_id in catalog.awards, award_id
        assert catalog.awards[award_id].name.vi


# --- list and show -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            "2019",
            {
                "national.advanced_worker": "01/10/2017–31/12/2023",
                "national.grassroots_emulation_fighter": "01/10/2017–31/12/2023",
                "national.ministerial_emulation_fighter": "01/07/2004–31/12/2023",
                "state.labor_medal.third": "01/10/2017–31/12/2023",
                "government.pm_certificate": "01/10/2017–31/12/2023",
                "government.emulation_flag": "01/07/2004–31/12/2023",
                "vss.commemorative_medal": "28/08/2011–...",
            },
        ),
        (
            "2025",
            {
                "national.advanced_worker": "01/07/2025–...",
                "national.grassroots_emulation_fighter": "01/01/2024–...",
                "national.ministerial_emulation_fighter": "01/07/2025–...",
                "state.labor_medal.third": "01/07/2025–...",
                "government.pm_certificate": "01/07/2025–...",
                "government.emulation_flag": "01/01/2024–...",
                "vss.advanced_worker": "04/01/2011–...",
            },
        ),
    ],
)
def test_list_by_year_shows_the_versions_in_force(year: str, expected: dict[str, str]) -> None:
    """`award-rules list --year Y` lists each title once, with the version of 31 December."""
    code, out = cli("list", "--year", year)
    assert code == 0
    assert f"31/12/{year}" in out.splitlines()[0]
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    for award_id in VERSIONS:
        assert award_id in rows, award_id
    for award_id, dates in expected.items():
        assert dates in rows[award_id], rows[award_id]


@pytest.mark.parametrize(
    ("award_id", "year", "phrases"),
    [
        (
            "national.advanced_worker",
            "2019",
            [
                "Hiệu lực: 01/10/2017–31/12/2023",
                "Yêu cầu: Không phải người mới tuyển dụng dưới 10 tháng tính đến cuối năm",
                "Căn cứ: Nghị định số 91/2017/NĐ-CP, Điều 10",
                "Căn cứ: Luật Thi đua, khen thưởng số 15/2003/QH11, Điều 24",
            ],
        ),
        (
            "national.advanced_worker",
            "2024",
            [
                "Hiệu lực: 01/01/2024–30/06/2025",
                "Yêu cầu: Không phải người mới tuyển dụng dưới 6 tháng tính đến cuối năm",
                "Căn cứ: Thông tư số 01/2024/TT-BNV",
            ],
        ),
        (
            "national.grassroots_emulation_fighter",
            "2024",
            [
                "Ít nhất một trong các điều kiện sau [achievement]:",
                "- [excellent] Hoàn thành xuất sắc nhiệm vụ trong năm",
                "Căn cứ: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23",
            ],
        ),
        (
            "government.pm_certificate",
            "2024",
            [
                "- [five_good_years] 5 năm liên tục xếp loại “hoàn thành tốt nhiệm vụ” trở lên",
                "Căn cứ: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 73 khoản 1 điểm b",
            ],
        ),
        (
            "national.excellent_collective",
            "2019",
            [
                "Yêu cầu: Số thành viên bị kỷ luật từ cảnh cáo trở lên",
                "Rà soát: unverified",
            ],
        ),
    ],
)
def test_show_by_year_prints_vietnamese_conditions_with_citations(
    award_id: str, year: str, phrases: list[str]
) -> None:
    """`award-rules show ID --year Y` prints the version's conditions in Vietnamese, cited."""
    code, out = cli("show", award_id, "--year", year)
    assert code == 0
    assert f"[{award_id}]" in out.splitlines()[0]
    for phrase in phrases:
        assert phrase in out, phrase


# --- verdicts at the regime boundaries --------------------------------------------


def status(catalog: Catalog, person: dict[str, Any], award_id: str, year: int) -> str:
    """The verdict status of ``person`` for ``award_id`` judged for ``year``."""
    return catalog.evaluate(person, award_id, year=year).status


def test_year_end_titles_use_the_version_of_31_december(catalog: Catalog) -> None:
    """Year 2017 is judged by NĐ 91/2017 (in force on 31/12/2017); 2016 by the older rules."""
    plan = catalog.index.plan("national.advanced_worker", None, 2016)
    assert (plan.version.doc.in_force.from_, plan.as_of, plan.year) == (
        R1B[0],
        dt.date(2016, 12, 31),
        2016,
    )
    for year, regime in ((2017, R2), (2024, R3), (2025, R4)):
        plan = catalog.index.plan("national.advanced_worker", None, year)
        assert plan.version.doc.in_force.from_ == regime[0]


def test_new_hire_with_8_months_2019_versus_2024(catalog: Catalog) -> None:
    """8 months of work: short of NĐ 91/2017's 10 months, enough for TT 01/2024's 6."""
    in_2019 = catalog.evaluate(nominee("new_hire"), "national.advanced_worker", year=2019)
    assert in_2019.status == "ineligible"
    assert in_2019.failed == ["new_hire"]
    hired_2024 = nominee(
        "new_hire", service=[{"start": "2024-05-01"}], ratings=[{"year": 2024, "level": "good"}]
    )
    in_2024 = catalog.evaluate(hired_2024, "national.advanced_worker", year=2024)
    assert in_2024.status == "eligible"
    assert "tuyển dụng từ 01/05/2024: 8 tháng" in in_2024.explain("vi")


def test_new_hire_2023_versus_2024(catalog: Catalog) -> None:
    """The same 8-month hire fails in 2023 and passes in 2024: the change is at 01/01/2024."""
    for year, expected in ((2023, "ineligible"), (2024, "eligible")):
        person = nominee(
            "new_hire",
            service=[{"start": f"{year}-05-01"}],
            ratings=[{"year": year, "level": "good"}],
        )
        assert status(catalog, person, "national.advanced_worker", year) == expected


def test_long_sick_leave_2016_versus_2017(catalog: Catalog) -> None:
    """43 working days of sick leave bar the title under NĐ 65/2014, not under NĐ 91/2017."""
    for year, expected in ((2016, "ineligible"), (2017, "eligible")):
        sick = [{"kind": "sick", "start": f"{year}-03-01", "end": f"{year}-04-28"}]
        person = nominee("official", absences=sick)
        assert status(catalog, person, "national.advanced_worker", year) == expected


def test_excellent_year_without_initiative_2023_versus_2024(catalog: Catalog) -> None:
    """Excellent but no initiative: not CSTĐCS under NĐ 91/2017, CSTĐCS under Law 2022."""
    person = nominee("innovator", initiatives=[])
    in_2023 = catalog.evaluate(person, "national.grassroots_emulation_fighter", year=2023)
    in_2024 = catalog.evaluate(person, "national.grassroots_emulation_fighter", year=2024)
    assert (in_2023.status, in_2023.failed) == ("ineligible", ["initiative", "research_topic"])
    assert in_2024.status == "eligible"


def test_member_warned_2023_versus_2024(catalog: Catalog) -> None:
    """A member warned bars the collective titles before 2024, not under Law 2022."""
    for award_id in ("national.advanced_collective", "national.excellent_collective"):
        for year, expected in ((2023, "ineligible"), (2024, "eligible")):
            figures = {
                "year": year,
                "members": 20,
                "completed_duties": 20,
                "advanced_workers": 16,
                "grassroots_fighters": 2,
                "disciplined_warning_or_above": 1,
            }
            unit = nominee("division", members=[figures])
            assert status(catalog, unit, award_id, year) == expected, (award_id, year)


@pytest.mark.parametrize(
    ("award_id", "awards", "ratings"),
    [
        (
            "government.pm_certificate",
            [("national.ministerial_certificate", 2015)]
            + [("national.grassroots_emulation_fighter", y) for y in (2020, 2022, 2023)],
            {},
        ),
        (
            "state.labor_medal.third",
            [("government.pm_certificate", 2018)]
            + [("national.grassroots_emulation_fighter", y) for y in (2020, 2022, 2023)],
            {2021: "excellent"},
        ),
        (
            "national.ministerial_certificate",
            [("national.grassroots_emulation_fighter", y) for y in (2022, 2023, 2024)],
            {},
        ),
    ],
)
def test_commendations_change_on_1_january_2024(
    catalog: Catalog, award_id: str, awards: list[tuple[str, int]], ratings: dict[int, str]
) -> None:
    """A 'good' official's record is not enough on 31/12/2023 and is on 31/12/2024 (Law 2022)."""
    person = nominee(
        "official",
        awards=[{"award": a, "year": y} for a, y in awards],
        ratings=[{"year": y, "level": ratings.get(y, "good")} for y in range(2015, 2026)],
    )
    before = catalog.evaluate(person, award_id, dt.date(2023, 12, 31))
    after = catalog.evaluate(person, award_id, dt.date(2024, 12, 31))
    assert before.status == "ineligible"
    assert after.status == "eligible"
    assert before.version.doc.in_force.until == R2[1]
    assert after.version.doc.in_force.from_ == R3[0]


def test_commendation_version_follows_the_date_not_the_year(catalog: Catalog) -> None:
    """A commendation is judged with the version in force on the evaluation date."""
    person = nominee("innovator")
    june = catalog.evaluate(person, "government.pm_certificate", dt.date(2025, 6, 30))
    july = catalog.evaluate(person, "government.pm_certificate", dt.date(2025, 7, 1))
    assert june.version.doc.in_force.from_ == R3[0]
    assert july.version.doc.in_force.from_ == R4[0]
    assert june.unverified == ()
    assert july.unverified == (
        "government.pm_certificate",
        "government.pm_certificate:after_discipline",
    )


def test_vss_title_needs_the_registration(catalog: Catalog) -> None:
    """VSS's advanced worker is the national title plus the year-end registration."""
    person = nominee("official")
    assert status(catalog, person, "national.advanced_worker", 2019) == "eligible"
    verdict = catalog.evaluate(person, "vss.advanced_worker", year=2019)
    assert verdict.status == "ineligible"
    assert all(name.startswith("registration/") for name in verdict.failed)
    registered = nominee(
        "official",
        registrations=[
            {"year": 2019, "titles": ["vss.advanced_worker"], "pledge_signed_on": "2019-02-15"}
        ],
    )
    assert status(catalog, registered, "vss.advanced_worker", 2019) == "eligible"


# --- unverified criteria warn -------------------------------------------------------


@pytest.mark.parametrize(
    ("award_id", "person", "year", "unverified"),
    [
        ("national.advanced_worker", "official", 2013, "national.advanced_worker"),
        ("national.advanced_worker", "official", 2024, "national.advanced_worker:no_discipline"),
        ("national.advanced_worker", "official", 2025, "national.advanced_worker"),
        ("vss.commemorative_medal", "official", 2020, "vss.commemorative_medal"),
        ("government.emulation_flag", "division", 2019, "government.emulation_flag"),
        ("state.labor_medal.third", "innovator", 2013, "state.labor_medal.third"),
    ],
)
def test_unverified_criteria_warn(
    catalog: Catalog, award_id: str, person: str, year: int, unverified: str
) -> None:
    """A verdict resting on an unverified criterion lists it and warns in the explanation."""
    verdict = catalog.evaluate(nominee(person), award_id, dt.date(year, 12, 31))
    assert unverified in verdict.unverified
    assert "chưa được đối chiếu" in verdict.explain("vi")
    assert unverified in verdict.explain("vi")


def test_verified_versions_do_not_warn(catalog: Catalog) -> None:
    """A verdict resting only on verified criteria carries no warning."""
    verdict = catalog.evaluate(nominee("official"), "national.advanced_worker", year=2019)
    assert verdict.unverified == ()
    assert "chưa được đối chiếu" not in verdict.explain("vi")


def test_check_json_lists_unverified() -> None:
    """`award-rules check --format json` lists the unverified criteria a verdict rests on."""
    code, out = cli(
        "check",
        str(NOMINEES / "official.yaml"),
        "--award",
        "national.advanced_worker",
        "--year",
        "2025",
        "--format",
        "json",
    )
    assert code == 0, out
    unverified = json.loads(out)["unverified"]
    assert unverified == [
        "national.advanced_worker",
        "national.advanced_worker:no_discipline",
        "national.advanced_worker:after_discipline",
    ]


def test_pack_cases_pass_with_full_coverage() -> None:
    """`award-rules test criteria --coverage` passes and leaves no condition unexercised."""
    code, out = cli("test", str(CRITERIA), "--coverage")
    assert code == 0, out
    assert "Every condition was made to pass and fail" in out
    assert ", 0 failed" in out
