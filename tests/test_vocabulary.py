"""The built-in predicates: pass, fail and missing cases, wording, arguments, registration."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from award_rules import (
    Args,
    Individual,
    NoArgs,
    NodeResult,
    Outcome,
    Predicate,
    Unit,
    Vocabulary,
    default_vocabulary,
)
from award_rules.context import Context
from award_rules.facts import Duration
from predicate_helpers import VOCAB, bind, person, predicate, unit

AS_OF = dt.date(2020, 7, 20)
AWARD = "vss.dg_certificate.retirement"

BUILT_INS = [
    "absence_days",
    "achievements_after_discipline",
    "after_award",
    "alive",
    "award_each_year",
    "field",
    "initiatives",
    "led_unit_rating",
    "meets_criteria",
    "members",
    "months_worked",
    "no_discipline",
    "no_pending_case",
    "not_new_hire",
    "not_received_award",
    "pledge_signed_by",
    "rating_streak",
    "ratings_at_least",
    "ratings_count",
    "received_award",
    "registered",
    "research_topics",
    "result",
    "retired",
    "service_years",
    "title_registered",
    "unit_age",
]


# --- helpers -----------------------------------------------------------------


def run(
    name: str,
    args: dict[str, Any],
    nominee: Individual | Unit,
    as_of: dt.date = AS_OF,
    award_id: str = AWARD,
    **context: Any,
) -> Outcome:
    """Evaluate predicate ``name`` with ``args`` for ``nominee`` on ``as_of``."""
    ctx = Context(nominee, as_of, award_id=award_id, **context)
    return predicate(name).evaluate(bind(name, args), ctx)


def finding(
    name: str, args: dict[str, Any], nominee: Individual | Unit, lang: str, as_of: dt.date = AS_OF
) -> str:
    """The finding, in ``lang``, of evaluating ``name`` for ``nominee``."""
    outcome = run(name, args, nominee, as_of)
    return predicate(name).finding(bind(name, args), outcome, lang)


def requirement(name: str, args: dict[str, Any], lang: str) -> str:
    """The requirement, in ``lang``, of predicate ``name`` with ``args``."""
    return predicate(name).requirement(bind(name, args), lang)


def service(start: str, end: str | None = None, in_sector: bool = True) -> dict[str, Any]:
    """A service period record."""
    return {"start": start, "end": end, "in_sector": in_sector}


def discipline(day: str, form: str = "reprimand") -> dict[str, Any]:
    """A discipline record decided on ``day``."""
    return {"form": form, "decided_on": day}


def ratings(**by_year: str) -> list[dict[str, Any]]:
    """Rating records from keyword arguments such as ``y2019="good"``."""
    return [{"year": int(key[1:]), "level": level} for key, level in by_year.items()]


# --- the default vocabulary ---------------------------------------------------


def test_default_vocabulary_holds_every_built_in():
    """default_vocabulary() registers exactly the documented predicates."""
    assert VOCAB.names() == BUILT_INS
    assert len(VOCAB) == len(BUILT_INS)
    assert [p.name for p in VOCAB] == BUILT_INS


@pytest.mark.parametrize("name", BUILT_INS)
def test_every_built_in_has_both_labels(name: str):
    """Each built-in predicate carries a non-empty Vietnamese and English label."""
    label = predicate(name).label
    assert label["vi"]
    assert label["en"]


@pytest.mark.parametrize(
    ("name", "subjects"),
    [
        ("service_years", {"individual"}),
        ("retired", {"individual"}),
        ("alive", {"individual"}),
        ("unit_age", {"unit"}),
        ("result", {"unit"}),
        ("no_discipline", {"individual", "unit"}),
        ("field", {"individual", "unit"}),
    ],
)
def test_built_in_subjects(name: str, subjects: set[str]):
    """Predicates declare which nominee kinds they apply to."""
    assert predicate(name).subjects == frozenset(subjects)


# --- service_years -------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "passed", "length"),
    [
        ("2020-07-19", True, Duration(10, 0, 0)),
        ("2020-07-18", False, Duration(9, 11, 29)),
    ],
)
def test_service_years_end_date_is_inclusive(end: str, passed: bool, length: Duration):
    """20/07/2010 to 19/07/2020 (end inclusive) is exactly 10 years; a day less is not."""
    outcome = run("service_years", {"min_years": 10}, person(service=[service("2010-07-20", end)]))
    assert outcome.passed is passed
    assert outcome.found == length


def test_service_years_open_period_runs_to_evaluation_date():
    """An open period counts up to and including the evaluation date."""
    nominee = person(service=[service("2010-07-21")])
    outcome = run("service_years", {"min_years": 10}, nominee)
    assert outcome.passed is True
    assert outcome.found == Duration(10, 0, 0)
    assert outcome.note["cutoff"] == AS_OF
    assert outcome.evidence == ("service 2010-07-21..2020-07-20",)


def test_service_years_until_retirement_projects_open_period():
    """counted_until=retirement counts an open period up to the day before retirement."""
    nominee = person(service=[service("2010-07-20")], retirement_date="2020-07-20")
    as_of = dt.date(2020, 1, 15)
    projected = run(
        "service_years", {"min_years": 10, "counted_until": "retirement"}, nominee, as_of
    )
    assert projected.passed is True
    assert projected.found == Duration(10, 0, 0)
    assert projected.note["cutoff"] == dt.date(2020, 7, 19)
    today = run("service_years", {"min_years": 10}, nominee, as_of)
    assert today.passed is False
    assert today.note["cutoff"] == as_of


def test_service_years_until_retirement_stops_before_retirement_day():
    """The retirement day itself is not counted: a period ending later is clipped."""
    nominee = person(service=[service("2010-07-21", "2021-12-31")], retirement_date="2020-07-20")
    outcome = run("service_years", {"min_years": 10, "counted_until": "retirement"}, nominee)
    assert outcome.passed is False
    assert outcome.found == Duration(9, 11, 29)
    assert outcome.evidence == ("service 2010-07-21..2020-07-19",)


def test_service_years_until_retirement_without_date_uses_evaluation_date():
    """With no retirement date recorded, counted_until=retirement counts to the evaluation date."""
    nominee = person(service=[service("2010-07-21")])
    outcome = run("service_years", {"min_years": 10, "counted_until": "retirement"}, nominee)
    assert outcome.note["cutoff"] == AS_OF
    assert outcome.found == Duration(10, 0, 0)
    assert outcome.passed is True


def test_service_years_missing_without_service_periods():
    """No service periods at all leaves the check undetermined, missing "service"."""
    outcome = run("service_years", {"min_years": 10}, person())
    assert outcome.passed is None
    assert outcome.missing == ("service",)


@pytest.mark.parametrize(("in_sector_only", "passed"), [(True, False), (False, True)])
def test_service_years_in_sector_only(in_sector_only: bool, passed: bool):
    """Out-of-sector periods count only when in_sector_only is false."""
    nominee = person(
        service=[
            service("2005-01-01", "2012-12-31", in_sector=False),
            service("2013-01-01", "2020-07-20"),
        ]
    )
    args = {"min_years": 10, "in_sector_only": in_sector_only}
    assert run("service_years", args, nominee).passed is passed


def test_service_years_gaps_not_counted():
    """A gap between two periods is not counted as service."""
    nominee = person(service=[service("2000-01-01", "2004-12-31"), service("2016-01-01")])
    outcome = run("service_years", {"min_years": 10}, nominee)
    assert outcome.passed is False
    assert outcome.found == Duration(9, 6, 20)


def test_service_years_min_months():
    """min_months raises the threshold: 10 years is not 10 years 1 month."""
    nominee = person(service=[service("2010-07-21")])
    assert run("service_years", {"min_years": 10, "min_months": 1}, nominee).passed is False
    assert run("service_years", {"min_years": 9, "min_months": 11}, nominee).passed is True


def test_service_years_required_value_is_a_duration():
    """The required value is reported as years, months and days."""
    args = bind("service_years", {"min_years": 10, "min_months": 6})
    assert predicate("service_years").required_value(args) == {
        "years": 10,
        "months": 6,
        "days": 0,
    }


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (
            {"min_years": 10, "counted_until": "retirement"},
            "vi",
            "Thời gian công tác trong Ngành từ 10 năm trở lên, tính đến khi nghỉ hưu",
        ),
        (
            {"min_years": 10, "counted_until": "retirement"},
            "en",
            "At least 10 years of service in the sector, counted up to retirement",
        ),
        (
            {"min_years": 5, "min_months": 6, "in_sector_only": False},
            "vi",
            "Thời gian công tác từ 5 năm 6 tháng trở lên",
        ),
        ({"min_years": 1}, "en", "At least 1 year of service in the sector"),
    ],
)
def test_service_years_requirement_wording(args: dict[str, Any], lang: str, expected: str):
    """The requirement names the duration, the sector and the cut-off in words."""
    assert requirement("service_years", args, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "8 years 3 months (as of 19/07/2020)"),
        ("vi", "8 năm 3 tháng (tính đến 19/07/2020)"),
    ],
)
def test_service_years_finding_wording(lang: str, expected: str):
    """The finding shows the length as years and months and the cut-off date."""
    nominee = person(service=[service("2012-04-20")], retirement_date="2020-07-20")
    args = {"min_years": 10, "counted_until": "retirement"}
    assert finding("service_years", args, nominee, lang) == expected


def test_service_years_finding_when_missing():
    """With no service recorded the finding says so instead of a duration."""
    assert finding("service_years", {"min_years": 10}, person(), "en") == (
        "no service history recorded"
    )
    assert "không có dữ liệu" in finding("service_years", {"min_years": 10}, person(), "vi")


# --- retired -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("retirement_date", "or_in_evaluation_year", "passed"),
    [
        ("2020-07-20", False, True),
        ("2019-01-01", False, True),
        ("2020-07-21", False, False),
        ("2020-12-31", False, False),
        ("2020-12-31", True, True),
        ("2020-07-21", True, True),
        ("2021-01-01", True, False),
    ],
)
def test_retired(retirement_date: str, or_in_evaluation_year: bool, passed: bool):
    """Retired on or before the evaluation date; later that year only with the flag."""
    nominee = person(retirement_date=retirement_date)
    outcome = run("retired", {"or_in_evaluation_year": or_in_evaluation_year}, nominee)
    assert outcome.passed is passed
    assert outcome.found == dt.date.fromisoformat(retirement_date)


def test_retired_without_date_fails():
    """No retirement date is a plain fail (not missing): the person is still working."""
    outcome = run("retired", {}, person())
    assert outcome.passed is False
    assert outcome.missing == ()


def test_retired_defaults_to_evaluation_year():
    """or_in_evaluation_year is on by default."""
    assert bind("retired", {}).or_in_evaluation_year is True  # type: ignore[attr-defined]
    assert run("retired", {}, person(retirement_date="2020-11-01")).passed is True


@pytest.mark.parametrize(
    ("args", "lang", "phrase"),
    [
        ({}, "vi", "nghỉ hưu trong năm đánh giá"),
        ({}, "en", "retiring in the year under review"),
        ({"or_in_evaluation_year": False}, "vi", "Đã nghỉ hưởng chế độ hưu trí"),
    ],
)
def test_retired_requirement_wording(args: dict[str, Any], lang: str, phrase: str):
    """The requirement mentions the evaluation year only when it counts."""
    assert phrase in requirement("retired", args, lang)


def test_retired_requirement_without_flag_omits_year():
    """Without or_in_evaluation_year the requirement does not mention the year."""
    assert "năm đánh giá" not in requirement("retired", {"or_in_evaluation_year": False}, "vi")


def test_retired_finding_wording():
    """The finding gives the pension start date, or says none is recorded."""
    assert finding("retired", {}, person(retirement_date="2020-07-01"), "en") == (
        "on a pension from 01/07/2020"
    )
    assert finding("retired", {}, person(retirement_date="2020-07-01"), "vi") == (
        "nghỉ hưu từ 01/07/2020"
    )
    assert finding("retired", {}, person(), "en") == "no retirement date recorded"


# --- alive ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("death_date", "passed"),
    [(None, True), ("2020-07-21", True), ("2020-07-20", False), ("2019-05-01", False)],
)
def test_alive(death_date: str | None, passed: bool):
    """Alive unless a death date on or before the evaluation date is recorded."""
    outcome = run("alive", {}, person(death_date=death_date))
    assert outcome.passed is passed


def test_alive_wording():
    """The alive finding gives the date of death, or says none is recorded."""
    assert finding("alive", {}, person(death_date="2020-07-01"), "en") == "died on 01/07/2020"
    assert finding("alive", {}, person(death_date="2020-07-01"), "vi") == "đã mất ngày 01/07/2020"
    assert finding("alive", {}, person(), "en") == "no date of death recorded"
    assert "truy tặng" in requirement("alive", {}, "vi")


def test_alive_takes_no_arguments():
    """alive rejects any argument."""
    with pytest.raises(ValidationError):
        bind("alive", {"on": "2020-01-01"})


# --- unit_age ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "passed"),
    [(dt.date(2020, 7, 20), True), (dt.date(2020, 7, 19), False), (dt.date(2030, 1, 1), True)],
)
def test_unit_age_anniversary(as_of: dt.date, passed: bool):
    """A unit founded on 20/07/2010 is 10 years old on 20/07/2020, not the day before."""
    outcome = run("unit_age", {"min_years": 10}, unit(established_on="2010-07-20"), as_of)
    assert outcome.passed is passed


def test_unit_age_missing_without_established_on():
    """No establishment date leaves unit_age undetermined, missing "established_on"."""
    outcome = run("unit_age", {"min_years": 10}, unit())
    assert outcome.passed is None
    assert outcome.missing == ("established_on",)


def test_unit_age_min_months():
    """min_months adds to the threshold."""
    nominee = unit(established_on="2010-01-20")
    assert run("unit_age", {"min_years": 10, "min_months": 6}, nominee).passed is True
    assert run("unit_age", {"min_years": 10, "min_months": 7}, nominee).passed is False


def test_unit_age_from_month_end_never_negative():
    """A unit founded on 31/01/2010 is over 10 years 1 month old on 01/03/2020."""
    nominee = unit(established_on="2010-01-31")
    outcome = run("unit_age", {"min_years": 10, "min_months": 1}, nominee, dt.date(2020, 3, 1))
    assert outcome.found.days >= 0
    assert outcome.passed is True


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "established on 20/07/2010: 10 years as of 20/07/2020"),
        ("vi", "thành lập ngày 20/07/2010, được 10 năm tính đến 20/07/2020"),
    ],
)
def test_unit_age_finding_wording(lang: str, expected: str):
    """The finding gives the founding date, the age and the evaluation date."""
    assert finding("unit_age", {"min_years": 10}, unit(established_on="2010-07-20"), lang) == (
        expected
    )


def test_unit_age_requirement_and_missing_wording():
    """The requirement names the age; a missing date is said in words."""
    assert requirement("unit_age", {"min_years": 10}, "vi") == "Thành lập từ 10 năm trở lên"
    assert requirement("unit_age", {"min_years": 10}, "en") == "Established at least 10 years ago"
    assert finding("unit_age", {"min_years": 10}, unit(), "en") == (
        "no establishment date recorded"
    )


# --- result --------------------------------------------------------------------


def results(**by_year: dict[str, Any]) -> list[dict[str, Any]]:
    """Yearly result records from keyword arguments such as ``y2020={"score": 90}``."""
    return [{"year": int(key[1:]), **values} for key, values in by_year.items()]


@pytest.mark.parametrize(
    ("bounds", "value", "passed"),
    [
        ({"min": 100}, 100, True),
        ({"min": 100}, 99.9, False),
        ({"max": 5}, 5, True),
        ({"max": 5}, 5.5, False),
        ({"above": 100}, 100, False),
        ({"above": 100}, 100.5, True),
        ({"min": 90, "max": 110}, 111, False),
    ],
)
def test_result_bounds(bounds: dict[str, float], value: float, passed: bool):
    """min and max are inclusive, above is strict."""
    nominee = unit(results=results(y2020={"plan_completion_pct": value}))
    outcome = run("result", {"field": "plan_completion_pct", **bounds}, nominee)
    assert outcome.passed is passed
    assert outcome.found == value


def test_result_previous_year():
    """year: previous reads the result of the year before the evaluation."""
    nominee = unit(results=results(y2019={"score": 95}, y2020={"score": 50}))
    outcome = run("result", {"field": "score", "min": 90, "year": "previous"}, nominee)
    assert outcome.passed is True
    assert outcome.note["year"] == 2019
    assert outcome.evidence == ("results[2019].score = 95",)


@pytest.mark.parametrize(
    "records",
    [[], results(y2020={"score": 95}), results(y2019={"plan_completion_pct": 100})],
)
def test_result_missing(records: list[dict[str, Any]]):
    """No figure for the year (no record, or the field unset) leaves the check undetermined."""
    outcome = run("result", {"field": "plan_completion_pct", "min": 100}, unit(results=records))
    assert outcome.passed is None
    assert outcome.missing == ("results[2020].plan_completion_pct",)


def test_result_wording():
    """The result requirement names the figure, the year and the bounds in words."""
    args = {"field": "plan_completion_pct", "min": 95.5, "max": 120}
    assert requirement("result", args, "vi") == (
        "Tỷ lệ hoàn thành kế hoạch (%) (năm đánh giá): từ 95,5 trở lên, không quá 120"
    )
    assert requirement("result", {"field": "score", "above": 80}, "en") == (
        "Emulation score (the year under review): above 80"
    )
    nominee = unit(results=results(y2020={"plan_completion_pct": 96.5}))
    assert finding("result", args, nominee, "en") == "96.5 (2020)"
    assert finding("result", args, nominee, "vi") == "96,5 (2020)"
    assert finding("result", args, unit(), "en") == "no figure for 2020"


def test_result_check_min_above_max():
    """check() reports min above max as a condition that can never be true."""
    pred = predicate("result")
    bad = bind("result", {"field": "score", "min": 10, "max": 5})
    good = bind("result", {"field": "score", "min": 5, "max": 10})
    assert any("min 10" in problem for problem in pred.check(bad, "unit"))
    assert pred.check(good, "unit") == []


# --- no_discipline and windows -----------------------------------------------


@pytest.mark.parametrize(
    ("window", "decided_on", "passed"),
    [
        ("ever", "1990-01-01", False),
        ("ever", "2020-07-20", False),
        ("ever", "2020-07-21", True),
        ("evaluation_year", "2020-01-01", False),
        ("evaluation_year", "2019-12-31", True),
        ({"last_years": 3}, "2018-01-01", False),
        ({"last_years": 3}, "2017-12-31", True),
        ({"last_years": 1}, "2020-01-01", False),
        ({"last_years": 1}, "2019-12-31", True),
    ],
)
def test_no_discipline_date_windows(window: Any, decided_on: str, passed: bool):
    """A discipline inside the window (boundaries inclusive) fails; just outside passes."""
    nominee = person(disciplines=[discipline(decided_on)])
    assert run("no_discipline", {"window": window}, nominee).passed is passed


@pytest.mark.parametrize(
    ("decided_on", "passed"),
    [
        ("2009-12-31", True),
        ("2010-01-01", False),
        ("2012-12-31", False),
        ("2014-06-01", True),
        ("2016-01-01", False),
        ("2020-07-20", False),
    ],
)
def test_no_discipline_in_sector_service(decided_on: str, passed: bool):
    """in_sector_service looks only inside in-sector periods, ends included, gaps excluded."""
    nominee = person(
        service=[
            service("2010-01-01", "2012-12-31"),
            service("2013-01-01", "2015-12-31", in_sector=False),
            service("2016-01-01"),
        ],
        disciplines=[discipline(decided_on)],
    )
    assert run("no_discipline", {"window": "in_sector_service"}, nominee).passed is passed


def test_no_discipline_in_sector_service_missing_without_service():
    """in_sector_service with no service periods is undetermined, missing "service"."""
    outcome = run("no_discipline", {"window": "in_sector_service"}, person())
    assert outcome.passed is None
    assert outcome.missing == ("service",)


@pytest.mark.parametrize(("decided_on", "passed"), [("2010-07-19", True), ("2010-07-20", False)])
def test_no_discipline_since_established(decided_on: str, passed: bool):
    """since_established starts on the unit's establishment date, inclusive."""
    nominee = unit(established_on="2010-07-20", disciplines=[discipline(decided_on)])
    assert run("no_discipline", {"window": "since_established"}, nominee).passed is passed


def test_no_discipline_since_established_missing_without_date():
    """since_established on a unit with no establishment date is undetermined."""
    outcome = run("no_discipline", {"window": "since_established"}, unit())
    assert outcome.passed is None
    assert outcome.missing == ("established_on",)


@pytest.mark.parametrize(
    ("form", "from_form", "passed"),
    [
        ("reprimand", "warning", True),
        ("warning", "warning", False),
        ("dismissal", "warning", False),
        ("reprimand", "reprimand", False),
    ],
)
def test_no_discipline_from_form(form: str, from_form: str, passed: bool):
    """Only discipline of from_form or heavier counts."""
    nominee = person(disciplines=[discipline("2015-03-01", form)])
    assert run("no_discipline", {"from_form": from_form}, nominee).passed is passed


def test_no_discipline_evidence_and_found():
    """A failing no_discipline lists the records it found, with their indexes."""
    nominee = person(disciplines=[discipline("2001-01-01"), discipline("2019-05-02", "warning")])
    outcome = run("no_discipline", {"window": {"last_years": 5}}, nominee)
    assert outcome.passed is False
    assert outcome.evidence == ("disciplines[1]: warning 2019-05-02",)
    assert [d.decided_on for d in outcome.found] == [dt.date(2019, 5, 2)]


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (
            {"window": "in_sector_service"},
            "vi",
            "Không bị kỷ luật trong thời gian công tác trong Ngành",
        ),
        ({"window": "ever"}, "en", "Not disciplined at any time"),
        ({"window": {"last_years": 3}}, "vi", "Không bị kỷ luật trong 3 năm gần nhất"),
        ({"window": "since_established"}, "en", "Not disciplined since establishment"),
        (
            {"window": "evaluation_year", "from_form": "warning"},
            "vi",
            "Không bị kỷ luật từ hình thức cảnh cáo trở lên trong năm đánh giá",
        ),
        (
            {"from_form": "salary_downgrade"},
            "en",
            "No discipline of salary downgrade or heavier at any time",
        ),
    ],
)
def test_no_discipline_requirement_wording(args: dict[str, Any], lang: str, expected: str):
    """The requirement names the window and the lightest form counted."""
    assert requirement("no_discipline", args, lang) == expected


def test_no_discipline_finding_wording():
    """The finding lists forms and dates, or says there is none."""
    nominee = person(disciplines=[discipline("2015-03-01")])
    assert finding("no_discipline", {}, nominee, "en") == "disciplined: reprimand (01/03/2015)"
    assert finding("no_discipline", {}, nominee, "vi") == "bị kỷ luật: khiển trách (01/03/2015)"
    assert finding("no_discipline", {}, person(), "en") == "no discipline recorded"


@pytest.mark.parametrize("name", ["no_discipline", "received_award", "not_received_award"])
@pytest.mark.parametrize(
    ("window", "subject", "fits"),
    [
        ("ever", "individual", True),
        ("ever", "unit", True),
        ("ever", "any", True),
        ({"last_years": 5}, "any", True),
        ("evaluation_year", "unit", True),
        ("in_sector_service", "individual", True),
        ("in_sector_service", "unit", False),
        ("in_sector_service", "any", False),
        ("since_established", "unit", True),
        ("since_established", "individual", False),
        ("since_established", "any", False),
    ],
)
def test_window_must_fit_the_subject(name: str, window: Any, subject: str, fits: bool):
    """check() reports windows that make no sense for the award's subject."""
    args = {"window": window}
    if name != "no_discipline":
        args["award"] = "vss.dg_certificate"
    problems = predicate(name).check(bind(name, args), subject)
    assert (problems == []) is fits
    if not fits:
        assert "does not apply" in problems[0]


# --- received_award / not_received_award ---------------------------------------


def award(award_id: str, year: int, decided_on: str | None = None, **extra: Any) -> dict[str, Any]:
    """An award record."""
    return {"award": award_id, "year": year, "decided_on": decided_on, **extra}


@pytest.mark.parametrize(
    ("record", "received"),
    [
        ("vss.dg_certificate", True),
        ("vss.dg_certificate.retirement", True),
        ("vss.dg_certificate_extra", False),
        ("vss.emulation_flag", False),
    ],
)
def test_award_matches_dotted_sub_ids(record: str, received: bool):
    """An award or its dotted sub-ids count; an id merely sharing a prefix does not."""
    nominee = person(awards=[award(record, 2015)])
    args = {"award": "vss.dg_certificate"}
    assert run("received_award", args, nominee).passed is received
    assert run("not_received_award", args, nominee).passed is (not received)


@pytest.mark.parametrize(
    ("record", "window", "inside"),
    [
        (award("vss.dg_certificate", 2018), {"last_years": 3}, True),
        (award("vss.dg_certificate", 2017), {"last_years": 3}, False),
        (award("vss.dg_certificate", 2017, "2018-01-01"), {"last_years": 3}, True),
        (award("vss.dg_certificate", 2018, "2017-12-31"), {"last_years": 3}, False),
        (award("vss.dg_certificate", 2020), "evaluation_year", True),
        (award("vss.dg_certificate", 2020, "2020-07-21"), "ever", False),
        (award("vss.dg_certificate", 2021), "ever", False),
        (award("vss.dg_certificate", 1999), "ever", True),
    ],
)
def test_award_windows(record: dict[str, Any], window: Any, inside: bool):
    """Awards are placed by decision date when known, else by year; windows are inclusive."""
    nominee = person(awards=[record])
    args = {"award": "vss.dg_certificate", "window": window}
    assert run("received_award", args, nominee).passed is inside
    assert run("not_received_award", args, nominee).passed is (not inside)


def test_award_in_sector_service_window():
    """in_sector_service places awards by decision date inside service periods."""
    nominee = person(
        service=[service("2010-01-01", "2012-12-31")],
        awards=[award("vss.dg_certificate", 2014, "2014-05-01")],
    )
    args = {"award": "vss.dg_certificate", "window": "in_sector_service"}
    assert run("not_received_award", args, nominee).passed is True
    assert run("received_award", args, nominee).passed is False


@pytest.mark.parametrize("name", ["received_award", "not_received_award"])
def test_award_window_missing(name: str):
    """A window that cannot be resolved (no establishment date) leaves the check undetermined."""
    args = {"award": "vss.dg_certificate", "window": "since_established"}
    outcome = run(name, args, unit())
    assert outcome.passed is None
    assert outcome.missing == ("established_on",)


@pytest.mark.parametrize(("count", "passed"), [(1, True), (2, True), (3, False)])
def test_received_award_min_count(count: int, passed: bool):
    """min_count asks for that many matching records."""
    nominee = person(awards=[award("vss.emulation_flag", 2018), award("vss.emulation_flag", 2019)])
    args = {"award": "vss.emulation_flag", "min_count": count}
    outcome = run("received_award", args, nominee)
    assert outcome.passed is passed
    assert len(outcome.found) == 2


def test_award_evidence_and_mentions():
    """Award checks cite the records found and name the award they look for."""
    nominee = person(awards=[award("state.labor_medal", 2010), award("vss.dg_certificate", 2015)])
    args = {"award": "vss.dg_certificate"}
    outcome = run("not_received_award", args, nominee)
    assert outcome.evidence == ("awards[1]: vss.dg_certificate 2015",)
    for name in ("received_award", "not_received_award"):
        assert predicate(name).mentioned_awards(bind(name, args)) == ("vss.dg_certificate",)


def test_award_wording():
    """Award checks word the award, the count and the window; findings list the years."""
    args = {"award": "vss.dg_certificate", "window": {"last_years": 5}, "min_count": 2}
    assert requirement("received_award", args, "vi") == (
        "Đã được tặng “vss.dg_certificate” ít nhất 2 lần trong 5 năm gần nhất"
    )
    assert requirement("not_received_award", {"award": "vss.dg_certificate"}, "en") == (
        "Has not received 'vss.dg_certificate' at any time"
    )
    nominee = person(awards=[award("vss.dg_certificate", 2015, decision="QĐ 12/QĐ-BHXH")])
    plain = {"award": "vss.dg_certificate"}
    assert finding("not_received_award", plain, nominee, "en") == ("received: 2015 (QĐ 12/QĐ-BHXH)")
    assert finding("received_award", plain, person(), "vi") == "chưa được tặng"


# --- ratings_at_least ----------------------------------------------------------


def test_ratings_at_least_every_year_good():
    """Every year of the span rated good or better passes."""
    nominee = person(ratings=ratings(y2017="good", y2018="excellent", y2019="good"))
    outcome = run("ratings_at_least", {"years": {"from": 2017, "to": 2019}}, nominee)
    assert outcome.passed is True
    assert outcome.missing == ()
    assert set(outcome.found) == {2017, 2018, 2019}


def test_ratings_at_least_lower_rating_fails_despite_missing_year():
    """A year rated lower decides False even when another year is missing."""
    nominee = person(ratings=ratings(y2017="good", y2019="completed"))
    outcome = run("ratings_at_least", {"years": {"from": 2017, "to": 2019}}, nominee)
    assert outcome.passed is False
    assert outcome.missing == ()
    assert outcome.note["below"] == [2019]


def test_ratings_at_least_only_missing_years_undetermined():
    """Years with no rating and none below leave the check undetermined, naming each year."""
    nominee = person(ratings=ratings(y2013="good", y2015="excellent"))
    outcome = run("ratings_at_least", {"years": {"from": 2013, "to": 2016}}, nominee)
    assert outcome.passed is None
    assert outcome.missing == ("ratings[2014]", "ratings[2016]")


@pytest.mark.parametrize(
    ("level", "passed"), [("completed", True), ("good", True), ("excellent", False)]
)
def test_ratings_at_least_level(level: str, passed: bool):
    """The level is a floor: better ratings count, worse do not."""
    nominee = person(ratings=ratings(y2018="good", y2019="good"))
    args = {"level": level, "years": {"last": 2}}
    assert run("ratings_at_least", args, nominee).passed is passed


def test_ratings_at_least_last_years_end_at_previous():
    """years: {last: N} defaults to the N years ending the year before the evaluation."""
    nominee = person(ratings=ratings(y2017="good", y2018="good", y2019="good", y2020="completed"))
    outcome = run("ratings_at_least", {"years": {"last": 3}}, nominee)
    assert outcome.passed is True
    assert list(outcome.found) == [2017, 2018, 2019]


def test_ratings_at_least_from_established():
    """from: established starts at the unit's founding year."""
    nominee = unit(
        established_on="2017-05-01", ratings=ratings(y2017="good", y2018="good", y2019="good")
    )
    outcome = run("ratings_at_least", {"years": {"from": "established"}}, nominee)
    assert outcome.passed is True
    assert list(outcome.found) == [2017, 2018, 2019]


def test_ratings_at_least_from_service_start():
    """from: service_start starts at the first year of in-sector service."""
    nominee = person(
        service=[service("2015-01-01", "2016-12-31", in_sector=False), service("2018-03-01")],
        ratings=ratings(y2018="good", y2019="good", y2020="good"),
    )
    args = {"years": {"from": "service_start", "to": "evaluation"}}
    outcome = run("ratings_at_least", args, nominee)
    assert outcome.passed is True
    assert list(outcome.found) == [2018, 2019, 2020]


@pytest.mark.parametrize(
    ("nominee", "missing"),
    [
        (unit(), ("established_on",)),
        (person(), ("service",)),
    ],
)
def test_ratings_at_least_missing_anchor(nominee: Individual | Unit, missing: tuple[str, ...]):
    """A span anchored on an unknown date is undetermined, missing that fact."""
    anchor = "established" if isinstance(nominee, Unit) else "service_start"
    outcome = run("ratings_at_least", {"years": {"from": anchor}}, nominee)
    assert outcome.passed is None
    assert outcome.missing == missing


def test_ratings_at_least_check_anchor_fits_subject():
    """check() reports a year anchor that cannot apply to the award's subject."""
    args = bind("ratings_at_least", {"years": {"from": "established"}})
    assert predicate("ratings_at_least").check(args, "individual") != []


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (
            {"years": {"from": "established"}},
            "vi",
            "Xếp loại “hoàn thành tốt nhiệm vụ” trở lên mỗi năm từ năm thành lập "
            "đến năm trước năm đánh giá",
        ),
        (
            {"level": "excellent", "years": {"last": 2, "to": "evaluation"}},
            "en",
            "Rated 'completed duties excellently' or better 2 years up to the year under review",
        ),
    ],
)
def test_ratings_at_least_requirement_wording(args: dict[str, Any], lang: str, expected: str):
    """The requirement names the level and the span of years."""
    assert requirement("ratings_at_least", args, lang) == expected


def test_ratings_at_least_finding_wording():
    """The finding lists each year's rating, and says which years have none."""
    nominee = person(ratings=ratings(y2018="good"))
    args = {"years": {"from": 2018, "to": 2019}}
    assert finding("ratings_at_least", args, nominee, "en") == (
        "2018: completed duties well; 2019: no rating"
    )
    assert finding("ratings_at_least", args, nominee, "vi") == (
        "2018: hoàn thành tốt nhiệm vụ; 2019: chưa có xếp loại"
    )


# --- rating_streak -------------------------------------------------------------


def test_rating_streak_passes():
    """Enough consecutive years up to the evaluation year pass."""
    nominee = person(ratings=ratings(y2018="good", y2019="excellent", y2020="good"))
    outcome = run("rating_streak", {"min_years": 3}, nominee)
    assert outcome.passed is True
    assert outcome.found == 3
    assert outcome.evidence == ("ratings 2018..2020",)


def test_rating_streak_broken_by_lower_rating():
    """A lower rating inside the needed years fails."""
    nominee = person(ratings=ratings(y2018="good", y2019="completed", y2020="good"))
    outcome = run("rating_streak", {"min_years": 3}, nominee)
    assert outcome.passed is False
    assert outcome.found == 1
    assert outcome.evidence == ("ratings[2019] breaks the streak",)


def test_rating_streak_missing_breaking_year():
    """A missing year where the streak stops leaves the check undetermined."""
    nominee = person(ratings=ratings(y2018="good", y2020="good"))
    outcome = run("rating_streak", {"min_years": 3}, nominee)
    assert outcome.passed is None
    assert outcome.found == 1
    assert outcome.missing == ("ratings[2019]",)


def test_rating_streak_known_break_behind_missing_year_fails():
    """2020 good, 2019 missing, 2018 completed: 3 good years in a row are impossible."""
    nominee = person(ratings=ratings(y2018="completed", y2020="good"))
    outcome = run("rating_streak", {"min_years": 3}, nominee)
    assert outcome.passed is False


def test_rating_streak_ending_previous():
    """ending: previous counts back from the year before the evaluation."""
    nominee = person(ratings=ratings(y2018="good", y2019="good"))
    outcome = run("rating_streak", {"min_years": 2, "ending": "previous"}, nominee)
    assert outcome.passed is True
    assert outcome.note["end"] == 2019


def test_rating_streak_wording():
    """The streak requirement names the years and level; the finding the count."""
    args = {"min_years": 3, "level": "excellent"}
    assert requirement("rating_streak", args, "vi") == (
        "3 năm liên tục xếp loại “hoàn thành xuất sắc nhiệm vụ” trở lên, tính đến năm đánh giá"
    )
    nominee = person(ratings=ratings(y2019="excellent", y2020="excellent"))
    assert finding("rating_streak", args, nominee, "en") == "2 consecutive years up to 2020"


# --- registered ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("year_ref", "registered_year", "passed"),
    [
        ("evaluation", 2020, True),
        ("evaluation", 2019, False),
        ("previous", 2019, True),
        (2018, 2018, True),
    ],
)
def test_registered(year_ref: Any, registered_year: int, passed: bool):
    """registered looks for a registration record of the year named."""
    nominee = person(registrations=[{"year": registered_year}])
    outcome = run("registered", {"year": year_ref}, nominee)
    assert outcome.passed is passed
    assert outcome.evidence == (("registrations[0]",) if passed else ())


def test_registered_wording():
    """The registration requirement and finding name the year."""
    assert requirement("registered", {}, "vi") == "Có đăng ký thi đua cho năm đánh giá"
    assert finding("registered", {}, person(registrations=[{"year": 2020}]), "en") == (
        "registered for 2020"
    )
    assert finding("registered", {}, person(), "vi") == "không có đăng ký thi đua năm 2020"


# --- pledge_signed_by ----------------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "passed"),
    [("2019-12-20", True), ("2020-03-31", True), ("2020-04-01", False)],
)
def test_pledge_signed_by_deadline(signed: str, passed: bool):
    """The pledge is due on 31 March, inclusive."""
    nominee = person(registrations=[{"year": 2020, "pledge_signed_on": signed}])
    outcome = run("pledge_signed_by", {}, nominee)
    assert outcome.passed is passed
    assert outcome.note["deadline"] == dt.date(2020, 3, 31)


@pytest.mark.parametrize("inclusive", [True, False])
@pytest.mark.parametrize("signed", ["2020-03-30", "2020-03-31", "2020-04-01", None])
def test_pledge_status_only_check_agrees_with_evaluate(signed: str | None, inclusive: bool):
    """holds() reads ``inclusive`` as evaluate() does: 31 March is late when it is false."""
    nominee = person(registrations=[{"year": 2020, "pledge_signed_on": signed}])
    args = {"inclusive": inclusive}
    ctx = Context(nominee, AS_OF, award_id=AWARD)
    held = predicate("pledge_signed_by").holds(bind("pledge_signed_by", args), ctx)
    assert held is run("pledge_signed_by", args, nominee).passed
    assert held is (signed == "2020-03-30" or (inclusive and signed == "2020-03-31"))


@pytest.mark.parametrize(
    "records", [[], [{"year": 2020}], [{"year": 2019, "pledge_signed_on": "2019-01-10"}]]
)
def test_pledge_without_date_fails(records: list[dict[str, Any]]):
    """No pledge date for the year counts as not signed (False, not missing)."""
    outcome = run("pledge_signed_by", {}, person(registrations=records))
    assert outcome.passed is False
    assert outcome.missing == ()


def test_pledge_custom_deadline_and_year():
    """deadline and year arguments move the cut-off."""
    nominee = person(registrations=[{"year": 2019, "pledge_signed_on": "2019-02-14"}])
    args = {"deadline": "02-15", "year": "previous"}
    outcome = run("pledge_signed_by", args, nominee)
    assert outcome.passed is True
    assert outcome.note["deadline"] == dt.date(2019, 2, 15)


def test_pledge_leap_day_deadline_rejected():
    """A 29 February deadline is refused when loading: it does not exist every year."""
    predicate = default_vocabulary().get("pledge_signed_by")
    assert predicate is not None
    with pytest.raises(ValidationError, match="exists every year"):
        predicate.args_model.model_validate({"deadline": "02-29"})


def test_pledge_wording():
    """The pledge requirement shows the deadline as dd/mm; the finding the signing date."""
    assert requirement("pledge_signed_by", {}, "vi") == (
        "Ký giao ước thi đua trước hoặc vào ngày 31/03 của năm đánh giá"
    )
    assert "31/03" in requirement("pledge_signed_by", {}, "en")
    nominee = person(registrations=[{"year": 2020, "pledge_signed_on": "2020-03-31"}])
    assert finding("pledge_signed_by", {}, nominee, "en") == "signed on 31/03/2020"
    assert finding("pledge_signed_by", {}, person(), "en") == "no pledge signed for 2020"
    assert finding("pledge_signed_by", {}, person(), "vi") == "không có ngày ký giao ước năm 2020"


# --- title_registered ----------------------------------------------------------


@pytest.mark.parametrize(
    ("titles", "passed"),
    [
        (["vss.dg_certificate.retirement"], True),
        (["vss.dg_certificate"], True),
        (["vss.emulation_flag", "vss.dg_certificate"], True),
        (["vss.dg_certificate.small_collective"], False),
        (["vss.dg"], False),
        ([], False),
    ],
)
def test_title_registered_defaults_to_award_being_evaluated(titles: list[str], passed: bool):
    """Without a title, the award under evaluation (or a registered parent id) must be listed."""
    nominee = person(registrations=[{"year": 2020, "titles": titles}])
    outcome = run("title_registered", {}, nominee, award_id="vss.dg_certificate.retirement")
    assert outcome.passed is passed
    assert outcome.note["wanted"] == "vss.dg_certificate.retirement"


def test_title_registered_child_does_not_cover_parent():
    """Registering a sub-id does not cover its parent id."""
    nominee = person(registrations=[{"year": 2020, "titles": ["vss.dg_certificate.retirement"]}])
    outcome = run("title_registered", {}, nominee, award_id="vss.dg_certificate")
    assert outcome.passed is False


def test_title_registered_explicit_title_and_year():
    """An explicit award and year override the award being evaluated and the year."""
    nominee = person(registrations=[{"year": 2019, "titles": ["vss.emulation_flag"]}])
    args = {"award": "vss.emulation_flag", "year": "previous"}
    assert run("title_registered", args, nominee).passed is True
    assert run("title_registered", {"award": "vss.emulation_flag"}, nominee).passed is False
    pred = predicate("title_registered")
    assert pred.mentioned_awards(bind("title_registered", args)) == ("vss.emulation_flag",)
    assert pred.mentioned_awards(bind("title_registered", {})) == ()


def test_title_registered_no_registration_fails():
    """No registration for the year is a fail, never missing."""
    outcome = run("title_registered", {}, person())
    assert outcome.passed is False
    assert outcome.missing == ()
    assert outcome.found == []


def test_title_registered_wording():
    """The finding names the title looked for and what was registered."""
    nominee = person(registrations=[{"year": 2020, "titles": ["vss.dg_certificate"]}])
    assert finding("title_registered", {}, nominee, "en") == (
        "looked for 'vss.dg_certificate.retirement'; registered: vss.dg_certificate"
    )
    assert finding("title_registered", {}, person(), "vi") == (
        "tìm “vss.dg_certificate.retirement”; đã đăng ký: không có"
    )
    assert requirement("title_registered", {}, "vi") == (
        "Danh hiệu được đề nghị có trong đăng ký thi đua năm đánh giá"
    )
    assert "'vss.emulation_flag'" in requirement(
        "title_registered", {"award": "vss.emulation_flag"}, "en"
    )


# --- field ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "passed"),
    [
        ({"field": "level", "equals": "division"}, True),
        ({"field": "level", "equals": "province"}, False),
        ({"field": "level", "in": ["district", "division"]}, True),
        ({"field": "level", "in": ["central"]}, False),
        ({"field": "level", "not_in": ["central", "province"]}, True),
        ({"field": "level", "not_in": ["division"]}, False),
        ({"field": "remote_area", "equals": False}, True),
        ({"field": "remote_area", "equals": True}, False),
        ({"field": "name", "equals": "Phòng Thu"}, True),
    ],
)
def test_field_on_unit(args: dict[str, Any], passed: bool):
    """field compares enum fields by value, booleans and text as they are."""
    outcome = run("field", args, unit())
    assert outcome.passed is passed


def test_field_enum_found_by_value():
    """The found value of an enum field is its plain value."""
    outcome = run("field", {"field": "position", "equals": "leader"}, person(position="leader"))
    assert outcome.passed is True
    assert outcome.found == "leader"
    assert outcome.evidence == ("position = leader",)


@pytest.mark.parametrize("name", ["position", "gender", "no_such_field"])
def test_field_missing_value(name: str):
    """A field with no value (or no such field) leaves the check undetermined."""
    outcome = run("field", {"field": name, "equals": "x"}, person())
    assert outcome.passed is None
    assert outcome.missing == (name,)


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        ({"field": "level", "equals": "division"}, "vi", "level là division"),
        (
            {"field": "level", "in": ["district", "division"]},
            "en",
            "level is one of: district, division",
        ),
        ({"field": "level", "not_in": ["central"]}, "vi", "level không thuộc: central"),
        ({"field": "remote_area", "equals": True}, "en", "remote_area is yes"),
        ({"field": "score", "min": 1, "max": 3.5}, "en", "score: at least 1 at most 3.5"),
    ],
)
def test_field_requirement_wording(args: dict[str, Any], lang: str, expected: str):
    """The field requirement names the field and the comparison."""
    assert requirement("field", args, lang) == expected


def test_field_finding_wording():
    """The field finding shows the value, or says it is not recorded."""
    args = {"field": "level", "equals": "division"}
    assert finding("field", args, unit(), "en") == "level = division"
    missing = {"field": "position", "equals": "leader"}
    assert finding("field", missing, person(), "en") == "no position recorded"
    assert finding("field", missing, person(), "vi") == "không có position"


@pytest.mark.parametrize(
    ("args", "subject", "phrase"),
    [
        ({"field": "levl", "equals": "division"}, "unit", "did you mean level"),
        ({"field": "position", "equals": "leader"}, "unit", "unknown field 'position'"),
        ({"field": "level", "equals": "division"}, "any", "unknown field 'level'"),
        ({"field": "remote_area", "min": 1, "max": 0}, "unit", "is not a number"),
    ],
)
def test_field_check_problems(args: dict[str, Any], subject: str, phrase: str):
    """check() reports unknown fields (suggesting close names) and min above max."""
    problems = predicate("field").check(bind("field", args), subject)
    assert len(problems) == 1
    assert phrase in problems[0]


@pytest.mark.parametrize(
    ("args", "subject"),
    [
        ({"field": "level", "equals": "division"}, "unit"),
        ({"field": "position", "in": ["leader", "manager"]}, "individual"),
        ({"field": "id", "equals": "p1"}, "any"),
    ],
)
def test_field_check_accepts_known_fields(args: dict[str, Any], subject: str):
    """check() is silent for a field the subject has."""
    assert predicate("field").check(bind("field", args), subject) == []


def test_field_check_rejects_bounds_on_non_numeric_field():
    """check() reports min/max on a field that is not a number."""
    args = bind("field", {"field": "birth_date", "min": 1960})
    assert predicate("field").check(args, "individual") != []


# --- meets_criteria ------------------------------------------------------------


@pytest.mark.parametrize("passed", [True, False, None])
def test_meets_criteria_follows_reference(passed: bool | None):
    """meets_criteria passes, fails or is undetermined as the referenced criteria are."""
    calls: list[tuple[str, dt.date, int]] = []
    referenced = NodeResult(id=None, kind="all", passed=passed)

    class Referenced:
        def reference(self, ctx: Context) -> NodeResult:
            return referenced

        def holds(self, ctx: Context) -> bool | None:
            return passed

    def resolve(award_id: str, as_of: dt.date, year: int) -> Referenced:
        calls.append((award_id, as_of, year))
        return Referenced()

    args = bind("meets_criteria", {"award": "vss.year_end_registration"})
    ctx = Context(person(), AS_OF, award_id=AWARD, resolve=resolve)
    outcome = predicate("meets_criteria").evaluate(args, ctx)
    assert outcome.passed is passed
    assert outcome.children == (referenced,)
    assert predicate("meets_criteria").holds(args, ctx) is passed
    assert calls == [("vss.year_end_registration", AS_OF, AS_OF.year)] * 2


@pytest.mark.parametrize(
    ("passed", "lang", "expected"),
    [(True, "en", "met"), (False, "vi", "không đạt"), (None, "en", "not enough data to decide")],
)
def test_meets_criteria_finding_wording(passed: bool | None, lang: str, expected: str):
    """The finding says met, not met, or not enough data."""
    args = bind("meets_criteria", {"award": "vss.year_end_registration"})
    outcome = Outcome(passed, passed)
    assert predicate("meets_criteria").finding(args, outcome, lang) == expected


def test_meets_criteria_requirement_and_reference():
    """The requirement names the award; referenced_criteria returns it."""
    args = {"award": "vss.year_end_registration"}
    assert requirement("meets_criteria", args, "vi") == (
        "Đạt các điều kiện của “vss.year_end_registration”"
    )
    pred = predicate("meets_criteria")
    assert pred.referenced_criteria(bind("meets_criteria", args)) == ("vss.year_end_registration",)


# --- argument validation -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("service_years", {}),
        ("service_years", {"min_years": -1}),
        ("service_years", {"min_years": 10, "min_months": 12}),
        ("service_years", {"min_years": 10, "counted_until": "death"}),
        ("service_years", {"min_years": 10, "unknown": 1}),
        ("unit_age", {"min_years": 10, "min_months": -1}),
        ("retired", {"or_in_evaluation_year": "maybe"}),
        ("result", {"field": "score"}),
        ("result", {"field": "turnover", "min": 1}),
        ("result", {"field": "score", "min": 1, "year": "next"}),
        ("no_discipline", {"window": "yesterday"}),
        ("no_discipline", {"window": {"last_years": 0}}),
        ("no_discipline", {"from_form": "scolding"}),
        ("received_award", {"award": "Bằng khen"}),
        ("received_award", {"award": "vss"}),
        ("received_award", {"award": "vss.dg_certificate", "min_count": 0}),
        ("not_received_award", {"award": "vss.dg_certificate", "min_count": 2}),
        ("ratings_at_least", {}),
        ("ratings_at_least", {"years": {}}),
        ("ratings_at_least", {"years": {"from": 2015, "last": 3}}),
        ("ratings_at_least", {"years": {"last": 0}}),
        ("ratings_at_least", {"years": {"from": "birth"}}),
        ("ratings_at_least", {"level": "great", "years": {"last": 2}}),
        ("rating_streak", {"min_years": 0}),
        ("pledge_signed_by", {"deadline": "31-03"}),
        ("pledge_signed_by", {"deadline": "3-31"}),
        ("pledge_signed_by", {"deadline": "02-30"}),
        ("pledge_signed_by", {"deadline": "March 31"}),
        ("title_registered", {"award": "dg certificate"}),
        ("field", {"field": "level"}),
        ("field", {"field": "level", "equals": "division", "in": ["division"]}),
        ("field", {"field": "level", "not_in": ["central"], "min": 1}),
        ("field", {"field": "level", "equals": "division", "bogus": 1}),
        ("meets_criteria", {"award": "year_end_registration"}),
    ],
)
def test_invalid_arguments_rejected(name: str, args: dict[str, Any]):
    """Invalid argument values raise pydantic's ValidationError."""
    with pytest.raises(ValidationError):
        bind(name, args)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("field", {"field": "level", "in": ["division"]}),
        ("field", {"field": "remote_area", "min": 0}),
        ("field", {"field": "remote_area", "max": 1, "min": 0}),
        ("result", {"field": "score", "above": 0}),
        ("ratings_at_least", {"years": {"from": "established", "to": "evaluation"}}),
        ("ratings_at_least", {"years": {"last": 100}}),
        ("pledge_signed_by", {"deadline": "12-31"}),
        ("no_discipline", {"window": {"last_years": 5}, "from_form": "forced_resignation"}),
    ],
)
def test_valid_arguments_accepted(name: str, args: dict[str, Any]):
    """Well-formed arguments validate into the predicate's argument model."""
    assert isinstance(bind(name, args), predicate(name).args_model)


def test_arguments_are_frozen():
    """Bound arguments are immutable."""
    args = bind("service_years", {"min_years": 10})
    with pytest.raises(ValidationError):
        args.min_years = 5  # type: ignore[attr-defined]


def test_error_messages_explain_the_rule():
    """Validation messages say what is wrong in words."""
    with pytest.raises(ValidationError, match="exactly one of"):
        bind("field", {"field": "level"})
    with pytest.raises(ValidationError, match="at least one of min, max, above"):
        bind("result", {"field": "score"})
    with pytest.raises(ValidationError, match="MM-DD"):
        bind("pledge_signed_by", {"deadline": "31/03"})
    with pytest.raises(ValidationError, match="exactly one of 'from' and 'last'"):
        bind("ratings_at_least", {"years": {"from": 2015, "last": 3}})


# --- registering host predicates -----------------------------------------------


class MinScoreArgs(Args):
    """Arguments of the host predicates below."""

    min_score: int


def _score_outcome(args: MinScoreArgs, ctx: Context) -> Outcome:
    nominee = ctx.nominee
    assert isinstance(nominee, Unit)
    result = nominee.result_for(ctx.year)
    if result is None or result.score is None:
        return Outcome(None, missing=(f"results[{ctx.year}].score",))
    return Outcome(result.score >= args.min_score, result.score)


def test_register_with_decorator():
    """@vocab.predicate registers a function; requirement templates use the args' fields."""
    vocab = default_vocabulary()

    @vocab.predicate(
        "min_score",
        requirement={"vi": "Điểm từ {min_score} trở lên", "en": "Score of at least {min_score}"},
        args=MinScoreArgs,
        subjects=["unit"],
    )
    def min_score(args: MinScoreArgs, ctx: Context) -> Outcome:
        return _score_outcome(args, ctx)

    pred = vocab.get("min_score")
    assert pred is not None
    assert pred.subjects == frozenset({"unit"})
    assert pred.label == {"vi": "min_score", "en": "min_score"}
    args = pred.args_model.model_validate({"min_score": 90})
    assert pred.requirement(args, "vi") == "Điểm từ 90 trở lên"
    assert pred.requirement(args, "en") == "Score of at least 90"
    nominee = unit(results=results(y2020={"score": 95}))
    assert pred.evaluate(args, Context(nominee, AS_OF, award_id=AWARD)).passed is True
    assert pred.evaluate(args, Context(unit(), AS_OF, award_id=AWARD)).passed is None
    assert min_score(args, Context(nominee, AS_OF, award_id=AWARD)).found == 95


def test_decorator_requirement_falls_back_to_vietnamese():
    """A template missing for a language falls back to the Vietnamese one."""
    vocab = Vocabulary()

    @vocab.predicate("always", requirement={"vi": "Luôn đạt"}, label={"vi": "Luôn", "en": "Always"})
    def always(args: NoArgs, ctx: Context) -> Outcome:
        return Outcome(passed=True)

    pred = vocab.get("always")
    assert pred is not None
    assert pred.requirement(NoArgs(), "en") == "Luôn đạt"
    assert pred.label == {"vi": "Luôn", "en": "Always"}
    assert pred.subjects == frozenset({"individual", "unit"})
    assert always(NoArgs(), Context(person(), AS_OF, award_id=AWARD)).passed is True


class MinScore(Predicate[MinScoreArgs]):
    """A host predicate written as a subclass."""

    name = "min_score"
    args_model = MinScoreArgs
    subjects = frozenset({"unit"})
    label: ClassVar[dict[str, str]] = {"vi": "Điểm", "en": "Score"}

    def evaluate(self, args: MinScoreArgs, ctx: Context) -> Outcome:
        return _score_outcome(args, ctx)

    def requirement(self, args: MinScoreArgs, lang: str) -> str:
        return f"score >= {args.min_score}"


def test_register_subclass():
    """A Predicate subclass registers and evaluates like a built-in."""
    vocab = default_vocabulary()
    registered = vocab.register(MinScore())
    assert vocab.get("min_score") is registered
    assert "min_score" in vocab
    assert len(vocab) == len(BUILT_INS) + 1
    args = MinScoreArgs(min_score=96)
    nominee = unit(results=results(y2020={"score": 95}))
    outcome = registered.evaluate(args, Context(nominee, AS_OF, award_id=AWARD))
    assert outcome.passed is False
    assert registered.finding(args, outcome, "en") == "95"
    assert registered.check(args, "unit") == []
    assert registered.required_value(args) == {"min_score": 96}


def test_duplicate_name_rejected_unless_replace():
    """Registering a taken name is an error; replace=True swaps the predicate."""
    vocab = default_vocabulary()
    vocab.register(MinScore())
    with pytest.raises(ValueError, match="already registered"):
        vocab.register(MinScore())
    with pytest.raises(ValueError, match="already registered"):
        vocab.predicate("alive", requirement={"vi": "x"})(_score_outcome)
    replacement = MinScore()
    vocab.register(replacement, replace=True)
    assert vocab.get("min_score") is replacement


def test_built_in_can_be_replaced():
    """A built-in name can be taken over with replace=True."""
    vocab = default_vocabulary()

    class Immortal(MinScore):
        name = "alive"

    vocab.register(Immortal(), replace=True)
    assert isinstance(vocab.get("alive"), Immortal)
    assert len(vocab) == len(BUILT_INS)


@pytest.mark.parametrize(
    ("subjects", "message"),
    [(["team"], "subjects must be within"), ([], "subjects must be within")],
)
def test_register_rejects_bad_subjects(subjects: list[str], message: str):
    """Subjects must be a non-empty subset of individual and unit."""
    vocab = Vocabulary()
    with pytest.raises(ValueError, match=message):
        vocab.predicate("p", requirement={"vi": "p"}, subjects=subjects)(_score_outcome)
    assert "p" not in vocab


def test_register_rejects_nameless_predicate():
    """A predicate with an empty name is refused."""
    vocab = Vocabulary()
    with pytest.raises(ValueError, match="needs a name"):
        vocab.predicate("", requirement={"vi": "p"})(_score_outcome)
    assert len(vocab) == 0


def test_copy_is_independent():
    """Registering on a copy leaves the original untouched, and vice versa."""
    original = default_vocabulary()
    copied = original.copy()
    copied.register(MinScore())
    assert "min_score" in copied
    assert "min_score" not in original
    assert "min_score" not in default_vocabulary()
    original.register(MinScore())
    copied.register(MinScore(), replace=True)
    assert original.names() == copied.names()
    assert copied.copy().get("alive") is copied.get("alive")


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("service_year", "service_years"),
        ("no_disciplin", "no_discipline"),
        ("pledge_signed", "pledge_signed_by"),
        ("unitage", "unit_age"),
    ],
)
def test_suggest_close_names(typo: str, expected: str):
    """suggest() offers the registered names closest to a misspelling, best first."""
    suggestions = VOCAB.suggest(typo)
    assert suggestions[0] == expected
    assert len(suggestions) <= 3


def test_suggest_nothing_for_unrelated_word():
    """suggest() returns nothing when no name is close."""
    assert VOCAB.suggest("zzzzzz") == []
    assert VOCAB.get("zzzzzz") is None


def test_field_compares_optional_text_fields():
    """`field` can compare optional text fields such as a unit's cluster."""
    unit = Unit.model_validate(
        {"kind": "unit", "id": "u", "name": "U", "level": "province", "cluster": "1"}
    )
    assert run("field", {"field": "cluster", "equals": "1"}, unit).passed is True
    no_cluster = Unit.model_validate({"kind": "unit", "id": "u", "name": "U", "level": "province"})
    outcome = run("field", {"field": "cluster", "equals": "1"}, no_cluster)
    assert outcome.passed is None
    assert outcome.missing == ("cluster",)


def test_rating_streak_years_before_the_unit_existed_break_it():
    """A streak cannot include years before establishment: False, not forever undetermined."""
    unit = Unit.model_validate(
        {
            "kind": "unit",
            "id": "u",
            "name": "U",
            "level": "division",
            "established_on": "2018-05-01",
            "ratings": [{"year": 2018, "level": "good"}, {"year": 2019, "level": "good"}],
        }
    )
    outcome = run(
        "rating_streak", {"min_years": 3, "ending": "previous"}, unit, dt.date(2020, 7, 20)
    )
    assert outcome.passed is False


def test_pledge_holds_agrees_with_evaluate_on_the_deadline_day_when_not_inclusive() -> None:
    """Regression: the status-only path read ``inclusive: false`` as inclusive (31 March passed)."""
    import datetime as dt

    from award_rules import load_catalog

    catalog = load_catalog()
    record = {
        "kind": "individual",
        "id": "I-1",
        "full_name": "Nguyễn Văn An",
        "ratings": [{"year": y, "level": "excellent"} for y in range(2006, 2012)],
        "registrations": [
            {"year": 2011, "titles": ["vss.advanced_worker"], "pledge_signed_on": "2011-03-31"}
        ],
        "service": [{"start": "2006-01-30", "end": "2006-01-30"}],
        "retirement_date": "2006-02-01",
    }
    day = dt.date(2011, 12, 31)
    verdict = catalog.evaluate(record, "vss.advanced_worker", day)
    assert verdict.failed == ["registration/pledge_signed_on_time"]
    assert catalog.status(record, "vss.advanced_worker", day) == verdict.status == "ineligible"
