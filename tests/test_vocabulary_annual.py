"""The year-end predicates of vocabulary/annual.py: pass, fail, missing and wording."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from award_rules import Individual, Outcome, Unit
from award_rules.context import Context
from award_rules.facts import Duration
from predicate_helpers import bind, person, predicate, unit

YEAR_END = dt.date(2019, 12, 31)
AWARD = "national.advanced_worker"


# --- helpers -----------------------------------------------------------------


def run(
    name: str, args: dict[str, Any], nominee: Individual | Unit, as_of: dt.date = YEAR_END
) -> Outcome:
    """Evaluate ``name`` with ``args`` for ``nominee`` on ``as_of`` (year: that of as_of)."""
    ctx = Context(nominee, as_of, award_id=AWARD)
    return predicate(name).evaluate(bind(name, args), ctx)


def finding(
    name: str,
    args: dict[str, Any],
    nominee: Individual | Unit,
    lang: str,
    as_of: dt.date = YEAR_END,
) -> str:
    """The finding, in ``lang``, of evaluating ``name`` for ``nominee``."""
    outcome = run(name, args, nominee, as_of)
    return predicate(name).finding(bind(name, args), outcome, lang)


def requirement(name: str, args: dict[str, Any], lang: str) -> str:
    """The requirement, in ``lang``, of predicate ``name`` with ``args``."""
    return predicate(name).requirement(bind(name, args), lang)


def problems(name: str, args: dict[str, Any], subject: str) -> list[str]:
    """What the predicate's load-time check says about ``args`` for ``subject``."""
    return predicate(name).check(bind(name, args), subject)


def hired(start: str, end: str | None = None, **fields: Any) -> Individual:
    """A person with one service period from ``start``."""
    return person(service=[{"start": start, "end": end}], **fields)


def absence(kind: str, start: str, end: str) -> dict[str, str]:
    """An absence record."""
    return {"kind": kind, "start": start, "end": end}


# --- subjects ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "subjects"),
    [
        ("months_worked", {"individual"}),
        ("absence_days", {"individual"}),
        ("initiatives", {"individual"}),
        ("research_topics", {"individual"}),
        ("award_each_year", {"individual", "unit"}),
        ("ratings_count", {"individual", "unit"}),
        ("members", {"unit"}),
    ],
)
def test_annual_predicate_subjects(name: str, subjects: set[str]) -> None:
    """Each year-end predicate applies to the nominee kinds its data exists for."""
    assert set(predicate(name).subjects) == subjects


# --- months_worked -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "min_months", "passed"),
    [
        ("2019-03-01", 10, True),  # exactly 10 months
        ("2019-03-02", 10, False),  # a day short
        ("2019-05-01", 10, False),  # 8 months: NĐ 91/2017's new hire
        ("2019-05-01", 6, True),  # 8 months: enough for TT 01/2024
        ("2019-07-02", 6, False),  # a day short of 6 months
    ],
)
def test_months_worked_threshold(start: str, min_months: int, passed: bool) -> None:
    """Service inside the year is measured against min_months, end dates inclusive."""
    assert run("months_worked", {"min_months": min_months}, hired(start)).passed is passed


def test_months_worked_counts_only_the_year_under_review() -> None:
    """Service before 1 January is not counted: a 2010 hire has 12 months in 2019."""
    outcome = run("months_worked", {"min_months": 12}, hired("2010-01-01"))
    assert outcome.passed is True
    assert outcome.found == Duration(1)


def test_months_worked_twelve_months_means_the_whole_year() -> None:
    """min_months 12 asks for the whole year: a single day missing fails."""
    outcome = run("months_worked", {"min_months": 12}, hired("2019-01-02"))
    assert outcome.passed is False
    assert outcome.found == Duration(0, 11, 30)


def test_months_worked_stops_at_the_evaluation_date() -> None:
    """Judged on 30 June, a full-time worker has 6 months, not 12."""
    outcome = run("months_worked", {"min_months": 10}, hired("2010-01-01"), dt.date(2019, 6, 30))
    assert outcome.passed is False
    assert outcome.found == Duration(0, 6, 0)


def test_months_worked_deducts_sick_leave_but_not_maternity_leave() -> None:
    """Sick leave is deducted by default; maternity leave and training count as work."""
    sick = hired("2010-01-01", absences=[absence("sick", "2019-04-01", "2019-06-30")])
    maternity = hired("2010-01-01", absences=[absence("maternity", "2019-01-01", "2019-06-30")])
    training = hired("2010-01-01", absences=[absence("training", "2019-02-01", "2019-07-31")])
    assert run("months_worked", {"min_months": 10}, sick).found == Duration(0, 9, 0)
    assert run("months_worked", {"min_months": 10}, sick).passed is False
    assert run("months_worked", {"min_months": 10}, maternity).passed is True
    assert run("months_worked", {"min_months": 10}, training).passed is True


def test_months_worked_counted_absences_is_configurable() -> None:
    """Listing `sick` in counted_absences keeps sick leave as work time."""
    nominee = hired("2010-01-01", absences=[absence("sick", "2019-04-01", "2019-06-30")])
    args = {"min_months": 10, "counted_absences": ["maternity", "sick"]}
    assert run("months_worked", args, nominee).passed is True


def test_months_worked_merges_periods_and_counts_out_of_sector_work() -> None:
    """Overlapping periods count once; work outside the sector is still work."""
    nominee = person(
        service=[
            {"start": "2019-01-01", "end": "2019-06-30", "in_sector": False},
            {"start": "2019-06-01", "end": "2019-10-31"},
        ]
    )
    outcome = run("months_worked", {"min_months": 10}, nominee)
    assert outcome.passed is True
    assert outcome.found == Duration(0, 10, 0)


def test_months_worked_missing_without_service() -> None:
    """With no service periods at all, work time is unknown (not zero)."""
    outcome = run("months_worked", {"min_months": 6}, person())
    assert outcome.passed is None
    assert outcome.missing == ("service",)
    assert predicate("months_worked").can_be_missing(bind("months_worked", {"min_months": 6}))


def test_months_worked_evidence_names_the_deducted_absence() -> None:
    """The evidence lists the spans worked and the absence deducted."""
    nominee = hired("2019-01-01", absences=[absence("unpaid", "2019-03-01", "2019-03-31")])
    outcome = run("months_worked", {"min_months": 10}, nominee)
    assert "worked 2019-01-01..2019-02-28" in outcome.evidence
    assert "absences[0]: unpaid deducted" in outcome.evidence


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "Thời gian làm việc trong năm từ 10 tháng trở lên"),
        ("en", "At least 10 months of work in the year"),
    ],
)
def test_months_worked_requirement_wording(lang: str, expected: str) -> None:
    """The requirement names the number of months."""
    assert requirement("months_worked", {"min_months": 10}, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected", "missing"),
    [
        ("vi", "8 tháng trong năm 2019", "không có dữ liệu quá trình công tác"),
        ("en", "8 months in 2019", "no service history recorded"),
    ],
)
def test_months_worked_finding_wording(lang: str, expected: str, missing: str) -> None:
    """The finding gives the time worked and the year, or says the history is missing."""
    assert finding("months_worked", {"min_months": 10}, hired("2019-05-01"), lang) == expected
    assert finding("months_worked", {"min_months": 10}, person(), lang) == missing


@pytest.mark.parametrize("months", [0, 13])
def test_months_worked_refuses_impossible_thresholds(months: int) -> None:
    """min_months lies between 1 and 12."""
    with pytest.raises(ValidationError):
        bind("months_worked", {"min_months": months})


# --- absence_days ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "days", "passed"),
    [
        ("2019-07-25", 39, True),  # Monday 3 June to Thursday 25 July: 39 days, no holiday
        ("2019-07-26", 40, False),  # one more working day: the limit is reached
        ("2019-07-28", 40, False),  # the weekend after it adds nothing
    ],
)
def test_absence_days_counts_working_days(end: str, days: int, passed: bool) -> None:
    """Monday to Friday are counted; 40 days absent fail 'fewer than 40'."""
    nominee = hired("2010-01-01", absences=[absence("sick", "2019-06-03", end)])
    outcome = run("absence_days", {"fewer_than": 40}, nominee)
    assert (outcome.passed, outcome.found) == (passed, days)


def test_absence_days_ignores_counted_kinds_and_merges_overlaps() -> None:
    """Maternity leave is not an absence; overlapping absences count once."""
    nominee = hired(
        "2010-01-01",
        absences=[
            absence("maternity", "2019-01-01", "2019-06-30"),
            absence("sick", "2019-09-02", "2019-09-06"),
            absence("unpaid", "2019-09-05", "2019-09-13"),
        ],
    )
    outcome = run("absence_days", {"fewer_than": 40}, nominee)
    assert outcome.found == 9  # 2-13 September less Monday 2 September, National Day
    assert outcome.passed is True


def test_absence_days_clips_to_the_year_under_review() -> None:
    """Only the days inside the year count; an absence from the year before is cut."""
    nominee = hired("2010-01-01", absences=[absence("sick", "2018-12-24", "2019-01-04")])
    assert run("absence_days", {"fewer_than": 40}, nominee).found == 3  # 1 January is a holiday


def test_absence_days_never_missing() -> None:
    """No absences recorded means no days absent: met, never undetermined."""
    outcome = run("absence_days", {"fewer_than": 40}, person())
    assert (outcome.passed, outcome.found) == (True, 0)
    assert not predicate("absence_days").can_be_missing(bind("absence_days", {"fewer_than": 40}))


@pytest.mark.parametrize(
    ("lang", "required", "found"),
    [
        ("vi", "Nghỉ dưới 40 ngày làm việc trong năm", "nghỉ 5 ngày làm việc trong năm 2019"),
        ("en", "Fewer than 40 working days absent in the year", "5 working days absent in 2019"),
    ],
)
def test_absence_days_wording(lang: str, required: str, found: str) -> None:
    """Requirement and finding name the limit, the days and the year."""
    nominee = hired("2010-01-01", absences=[absence("sick", "2019-03-04", "2019-03-08")])
    assert requirement("absence_days", {"fewer_than": 40}, lang) == required
    assert finding("absence_days", {"fewer_than": 40}, nominee, lang) == found


# --- initiatives and research_topics ---------------------------------------------

INITIATIVES = [
    {"title": "Số hoá hồ sơ", "level": "unit", "recognized_on": "2019-11-15"},
    {"title": "Đối chiếu dữ liệu", "level": "sector", "recognized_on": "2017-10-10"},
]


@pytest.mark.parametrize(
    ("args", "passed", "found"),
    [
        ({}, True, ["Số hoá hồ sơ"]),  # unit level, in the year
        ({"min_level": "sector"}, False, []),  # the sector one is from 2017
        ({"min_level": "sector", "window": {"last_years": 3}}, True, ["Đối chiếu dữ liệu"]),
        ({"min_level": "national", "window": "ever"}, False, []),
        ({"window": "ever", "min_count": 2}, True, ["Số hoá hồ sơ", "Đối chiếu dữ liệu"]),
        ({"min_count": 2}, False, ["Số hoá hồ sơ"]),
    ],
)
def test_initiatives_level_window_and_count(
    args: dict[str, Any], passed: bool, found: list[str]
) -> None:
    """Initiatives count when wide enough, inside the window, and numerous enough."""
    outcome = run("initiatives", args, person(initiatives=INITIATIVES))
    assert outcome.passed is passed
    assert sorted(outcome.found) == sorted(found)


def test_initiatives_after_the_evaluation_date_do_not_count() -> None:
    """An initiative recognised after the evaluation date is not yet there."""
    outcome = run("initiatives", {}, person(initiatives=INITIATIVES), dt.date(2019, 11, 14))
    assert outcome.passed is False


def test_initiatives_missing_only_with_a_service_window() -> None:
    """Window in_sector_service needs service periods; other windows never go missing."""
    outcome = run("initiatives", {"window": "in_sector_service"}, person(initiatives=INITIATIVES))
    assert outcome.passed is None
    assert outcome.missing == ("service",)
    initiatives = predicate("initiatives")
    assert initiatives.can_be_missing(bind("initiatives", {"window": "in_sector_service"}))
    assert not initiatives.can_be_missing(bind("initiatives", {}))


def test_initiatives_window_must_fit_an_individual() -> None:
    """A unit window (since_established) is refused when the criteria are loaded."""
    assert problems("initiatives", {"window": "since_established"}, "individual")
    assert problems("initiatives", {"window": "in_sector_service"}, "individual") == []


@pytest.mark.parametrize(
    ("name", "args", "lang", "expected"),
    [
        (
            "initiatives",
            {},
            "vi",
            "Có ít nhất 1 sáng kiến được công nhận cấp cơ sở trở lên trong năm đánh giá",
        ),
        (
            "initiatives",
            {"min_level": "sector", "window": {"last_years": 3}},
            "en",
            "At least 1 recognised initiative(s) at sector (ministry) level or wider "
            "in the last 3 years",
        ),
        (
            "research_topics",
            {"min_level": "national", "min_count": 2},
            "vi",
            "Có ít nhất 2 đề tài khoa học được nghiệm thu cấp toàn quốc trở lên trong năm đánh giá",
        ),
        (
            "research_topics",
            {},
            "en",
            "At least 1 accepted research topic(s) at grassroots level or wider "
            "in the year under review",
        ),
    ],
)
def test_achievement_requirement_wording(
    name: str, args: dict[str, Any], lang: str, expected: str
) -> None:
    """Requirements name the count, the kind of achievement, the level and the window."""
    assert requirement(name, args, lang) == expected


@pytest.mark.parametrize(
    ("lang", "none", "unknown"),
    [
        ("vi", "không có", "không xác định được khoảng thời gian cần xét"),
        ("en", "none", "the period to look in could not be determined"),
    ],
)
def test_initiatives_finding_wording(lang: str, none: str, unknown: str) -> None:
    """The finding lists the titles found, says none, or says the window is unknown."""
    found = finding("initiatives", {}, person(initiatives=INITIATIVES), lang)
    assert found == "1: Số hoá hồ sơ"
    assert finding("initiatives", {}, person(), lang) == none
    assert finding("initiatives", {"window": "in_sector_service"}, person(), lang) == unknown


def test_research_topics_pass_and_fail() -> None:
    """Research topics are looked for by their acceptance date and level."""
    topics = [{"title": "Dự báo quỹ", "level": "sector", "accepted_on": "2019-05-02"}]
    nominee = person(research_topics=topics, initiatives=INITIATIVES)
    assert run("research_topics", {"min_level": "sector"}, nominee).passed is True
    assert run("research_topics", {"min_level": "national"}, nominee).passed is False
    assert run("research_topics", {}, person(initiatives=INITIATIVES)).passed is False
    outcome = run("research_topics", {}, nominee)
    assert outcome.evidence == ("research_topics[0]: Dự báo quỹ (2019-05-02)",)


def test_research_topics_missing_with_a_service_window() -> None:
    """Like initiatives, only the service window can leave research topics undetermined."""
    outcome = run("research_topics", {"window": "in_sector_service"}, person())
    assert (outcome.passed, outcome.missing) == (None, ("service",))


# --- award_each_year -------------------------------------------------------------

FIGHTER = "national.grassroots_emulation_fighter"


def titles(*years: int, award: str = FIGHTER) -> list[dict[str, Any]]:
    """Award records of ``award`` for ``years``."""
    return [{"award": award, "year": year} for year in years]


@pytest.mark.parametrize(
    ("years", "args", "passed", "held"),
    [
        ((2017, 2018, 2019), {}, True, [2017, 2018, 2019]),
        ((2016, 2017, 2019), {}, False, [2017, 2019]),
        ((2016, 2017, 2018), {"ending": "previous"}, True, [2016, 2017, 2018]),
        ((2016, 2017, 2018), {}, False, [2017, 2018]),
        ((2015, 2016, 2017), {"ending": 2017}, True, [2015, 2016, 2017]),
    ],
)
def test_award_each_year(
    years: tuple[int, ...], args: dict[str, Any], passed: bool, held: list[int]
) -> None:
    """Every year of the run up to `ending` must hold the award."""
    outcome = run(
        "award_each_year", {"award": FIGHTER, "years": 3, **args}, person(awards=titles(*years))
    )
    assert (outcome.passed, outcome.found) == (passed, held)


def test_award_each_year_matches_sub_ids_and_nothing_else() -> None:
    """A dotted sub-id counts as the award; a different award does not."""
    records = [*titles(2018, 2019, award=FIGHTER + ".special"), *titles(2017, award="vss.x.y")]
    outcome = run("award_each_year", {"award": FIGHTER, "years": 2}, person(awards=records))
    assert outcome.passed is True
    outcome = run("award_each_year", {"award": FIGHTER, "years": 3}, person(awards=records))
    assert outcome.passed is False


def test_award_each_year_never_missing_and_names_its_award() -> None:
    """No award records means not held (never undetermined); the award id is checked on load."""
    args = {"award": FIGHTER, "years": 2}
    outcome = run("award_each_year", args, unit())
    assert (outcome.passed, outcome.missing) == (False, ())
    each_year = predicate("award_each_year")
    assert not each_year.can_be_missing(bind("award_each_year", args))
    assert each_year.mentioned_awards(bind("award_each_year", args)) == (FIGHTER,)


@pytest.mark.parametrize(
    ("lang", "required", "found"),
    [
        (
            "vi",
            f"Được tặng “{FIGHTER}” 3 năm liên tục, đến năm đánh giá",
            "được tặng: 2017, 2019; thiếu: 2018",
        ),
        (
            "en",
            f"Received '{FIGHTER}' in each of 3 consecutive years up to the year under review",
            "received: 2017, 2019; lacking: 2018",
        ),
    ],
)
def test_award_each_year_wording(lang: str, required: str, found: str) -> None:
    """The finding says which years hold the award and which lack it."""
    args = {"award": FIGHTER, "years": 3}
    assert requirement("award_each_year", args, lang) == required
    assert finding("award_each_year", args, person(awards=titles(2017, 2019)), lang) == found
    full = finding("award_each_year", args, person(awards=titles(2017, 2018, 2019)), lang)
    assert full.endswith("2017, 2018, 2019")
    assert "thiếu" not in full
    assert "lacking" not in full


# --- ratings_count ---------------------------------------------------------------


def rated(**by_year: str) -> list[dict[str, Any]]:
    """Rating records from keyword arguments such as ``y2019="good"``."""
    return [{"year": int(key[1:]), "level": level} for key, level in by_year.items()]


LAST_FIVE = {"last": 5, "to": "evaluation"}


@pytest.mark.parametrize(
    ("ratings", "min_count", "passed", "found"),
    [
        (
            rated(y2015="good", y2016="excellent", y2017="good", y2018="good", y2019="good"),
            1,
            True,
            [2016],
        ),
        (rated(y2015="good", y2016="good", y2017="good", y2018="good", y2019="good"), 1, False, []),
        (rated(y2015="excellent", y2016="good", y2017="good", y2018="good"), 1, True, [2015]),
        (
            rated(y2015="excellent", y2016="excellent", y2017="good", y2018="good"),
            3,
            None,
            [2015, 2016],
        ),
        (rated(y2015="good", y2016="good", y2017="good", y2018="good"), 2, False, []),
    ],
)
def test_ratings_count(
    ratings: list[dict[str, Any]], min_count: int, passed: bool | None, found: list[int]
) -> None:
    """Years at the level are counted; unknown years leave it open only if they could decide."""
    args = {"level": "excellent", "years": LAST_FIVE, "min_count": min_count}
    outcome = run("ratings_count", args, person(ratings=ratings))
    assert (outcome.passed, outcome.found) == (passed, found)
    if passed is None:
        assert outcome.missing == ("ratings[2019]",)


def test_ratings_count_missing_anchor() -> None:
    """A span from the first year of service is unknown without service periods."""
    args = {"level": "good", "years": {"from": "service_start", "to": "previous"}, "min_count": 1}
    outcome = run("ratings_count", args, person())
    assert (outcome.passed, outcome.missing) == (None, ("service",))
    assert predicate("ratings_count").finding(bind("ratings_count", args), outcome, "en") == (
        "the years could not be determined"
    )


def test_ratings_count_refuses_anchors_of_the_other_subject() -> None:
    """'established' is for unit awards and 'service_start' for individual awards."""
    by_service = {"level": "good", "years": {"from": "service_start"}, "min_count": 1}
    by_founding = {"level": "good", "years": {"from": "established"}, "min_count": 1}
    assert problems("ratings_count", by_service, "individual") == []
    assert problems("ratings_count", by_service, "unit") == [
        "year anchor 'service_start' applies only to individual awards"
    ]
    assert problems("ratings_count", by_founding, "individual") == [
        "year anchor 'established' applies only to unit awards"
    ]


@pytest.mark.parametrize(
    ("lang", "required", "found"),
    [
        (
            "vi",
            "Ít nhất 1 năm xếp loại “hoàn thành xuất sắc nhiệm vụ” trở lên, "
            "xét 5 năm liên tục đến năm đánh giá",
            "1 năm: 2016",
        ),
        (
            "en",
            "At least 1 year rated 'completed duties excellently' or better, "
            "5 years up to the year under review",
            "1 years: 2016",
        ),
    ],
)
def test_ratings_count_wording(lang: str, required: str, found: str) -> None:
    """Requirement names the count, the level and the span; the finding lists the years."""
    args = {"level": "excellent", "years": LAST_FIVE, "min_count": 1}
    ratings = rated(y2015="good", y2016="excellent", y2017="good", y2018="good", y2019="good")
    assert requirement("ratings_count", args, lang) == required
    assert finding("ratings_count", args, person(ratings=ratings), lang) == found


# --- members -------------------------------------------------------------------


def counts(**fields: Any) -> dict[str, Any]:
    """A member-count record for 2019 with 20 members, plus ``fields``."""
    return {"year": 2019, "members": 20, **fields}


@pytest.mark.parametrize(
    ("args", "record", "passed"),
    [
        ({"field": "advanced_workers", "share_above_pct": 50}, counts(advanced_workers=11), True),
        ({"field": "advanced_workers", "share_above_pct": 50}, counts(advanced_workers=10), False),
        ({"field": "advanced_workers", "min_share_pct": 70}, counts(advanced_workers=14), True),
        ({"field": "advanced_workers", "min_share_pct": 70}, counts(advanced_workers=13), False),
        ({"field": "completed_duties", "min_share_pct": 100}, counts(completed_duties=20), True),
        ({"field": "completed_duties", "min_share_pct": 100}, counts(completed_duties=19), False),
        ({"field": "grassroots_fighters", "min_count": 1}, counts(grassroots_fighters=1), True),
        ({"field": "grassroots_fighters", "min_count": 1}, counts(grassroots_fighters=0), False),
        (
            {"field": "disciplined_warning_or_above", "max_count": 0},
            counts(disciplined_warning_or_above=0),
            True,
        ),
        (
            {"field": "disciplined_warning_or_above", "max_count": 0},
            counts(disciplined_warning_or_above=1),
            False,
        ),
    ],
)
def test_members_shares_and_counts(args: dict[str, Any], record: dict[str, Any], passed: bool):
    """Shares compare with 'at least' or 'more than', counts with bounds."""
    assert run("members", args, unit(members=[record])).passed is passed


@pytest.mark.parametrize(
    ("members", "missing"),
    [
        ([], "members[2019].advanced_workers"),
        ([counts(completed_duties=20)], "members[2019].advanced_workers"),
        ([{**counts(advanced_workers=15), "year": 2018}], "members[2019].advanced_workers"),
    ],
)
def test_members_missing(members: list[dict[str, Any]], missing: str) -> None:
    """No record for the year, or no figure for the field, leaves the condition open."""
    args = {"field": "advanced_workers", "min_share_pct": 70}
    outcome = run("members", args, unit(members=members))
    assert (outcome.passed, outcome.missing) == (None, (missing,))
    assert predicate("members").can_be_missing(
        bind("members", {"field": "advanced_workers", "min_share_pct": 70})
    )


def test_members_year_previous() -> None:
    """year: previous reads the figures of the year before the year under review."""
    record = {**counts(advanced_workers=15), "year": 2018}
    args = {"field": "advanced_workers", "min_share_pct": 70, "year": "previous"}
    assert run("members", args, unit(members=[record])).passed is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"field": "advanced_workers"}, "give at least one of"),
        ({"field": "advanced_workers", "min_count": 3, "max_count": 2}, "can never be true"),
    ],
)
def test_members_check_refuses_empty_or_impossible_bounds(
    args: dict[str, Any], message: str
) -> None:
    """A leaf with no bound, or contradictory bounds, is refused when loaded."""
    found = problems("members", args, "unit")
    assert len(found) == 1
    assert message in found[0]


def test_members_refuses_shares_above_100() -> None:
    """Shares are percentages between 0 and 100."""
    with pytest.raises(ValidationError):
        bind("members", {"field": "advanced_workers", "min_share_pct": 120})


@pytest.mark.parametrize(
    ("args", "lang", "required"),
    [
        (
            {"field": "advanced_workers", "share_above_pct": 50},
            "vi",
            "Số thành viên đạt Lao động tiên tiến (năm đánh giá): trên 50%",
        ),
        (
            {"field": "advanced_workers", "share_above_pct": 50},
            "en",
            "Members holding Advanced worker (the year under review): more than 50%",
        ),
        (
            {"field": "grassroots_fighters", "min_count": 1, "year": "previous"},
            "en",
            "Members holding Grassroots emulation fighter "
            "(the year before the year under review): at least 1",
        ),
        (
            {"field": "completed_duties", "min_share_pct": 100, "max_count": 30},
            "vi",
            "Số thành viên hoàn thành nhiệm vụ (năm đánh giá): từ 100% trở lên, không quá 30",
        ),
    ],
)
def test_members_requirement_wording(args: dict[str, Any], lang: str, required: str) -> None:
    """The requirement names the members counted, the year and every bound."""
    assert requirement("members", args, lang) == required


@pytest.mark.parametrize(
    ("lang", "found", "none"),
    [
        ("vi", "16/20 thành viên (80.0%) năm 2019", "không có số liệu năm 2019"),
        ("en", "16 of 20 members (80.0%) in 2019", "no figures for 2019"),
    ],
)
def test_members_finding_wording(lang: str, found: str, none: str) -> None:
    """The finding gives the count, the total, the share and the year."""
    args = {"field": "advanced_workers", "share_above_pct": 50}
    assert finding("members", args, unit(members=[counts(advanced_workers=16)]), lang) == found
    assert finding("members", args, unit(), lang) == none
