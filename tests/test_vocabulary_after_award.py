"""The predicate after_award (vocabulary/after_award.py): counting only after an earlier award."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from award_rules import Individual, Outcome
from award_rules.context import Context
from predicate_helpers import bind, person, predicate

AS_OF = dt.date(2021, 12, 31)
CERT = "government.pm_certificate"


def run(args: dict[str, Any], nominee: Individual, as_of: dt.date = AS_OF) -> Outcome:
    """Evaluate after_award with ``args`` for ``nominee`` on ``as_of``."""
    ctx = Context(nominee, as_of, award_id="state.labor_medal.third")
    return predicate("after_award").evaluate(bind("after_award", args), ctx)


def words(args: dict[str, Any], nominee: Individual, lang: str) -> tuple[str, str]:
    """The requirement and the finding, in ``lang``."""
    found = predicate("after_award").finding(bind("after_award", args), run(args, nominee), lang)
    return predicate("after_award").requirement(bind("after_award", args), lang), found


def excellent(*years: int) -> list[dict[str, Any]]:
    """Excellent ratings for ``years``."""
    return [{"year": y, "level": "excellent"} for y in years]


YEARS = {"award": CERT, "count": "rated_years", "level": "excellent", "min_count": 5}


def test_years_count_only_after_the_award_year() -> None:
    """Five excellent years 2017-2021 follow a 2016 award; a 2017 award leaves four."""
    ratings = excellent(*range(2010, 2022))
    after_2016 = person(ratings=ratings, awards=[{"award": CERT, "year": 2016}])
    after_2017 = person(ratings=ratings, awards=[{"award": CERT, "year": 2017}])
    assert (run(YEARS, after_2016).passed, run(YEARS, after_2016).found) == (True, 5)
    assert (run(YEARS, after_2017).passed, run(YEARS, after_2017).found) == (False, 4)


def test_the_latest_award_is_counted_from() -> None:
    """With two certificates, the years count from the later one (NĐ 65/2014 Art. 2(4))."""
    nominee = person(
        ratings=excellent(*range(2010, 2022)),
        awards=[{"award": CERT, "year": 2012}, {"award": CERT, "year": 2019}],
    )
    assert run(YEARS, nominee).found == 2


def test_an_award_decided_after_the_evaluation_date_is_ignored() -> None:
    """A certificate decided after the evaluation date is not the previous award."""
    nominee = person(
        ratings=excellent(*range(2010, 2022)),
        awards=[
            {"award": CERT, "year": 2015, "decided_on": "2015-12-20"},
            {"award": CERT, "year": 2022, "decided_on": "2022-03-01"},
        ],
    )
    assert run(YEARS, nominee).found == 6


def test_no_previous_award_fails_and_says_so() -> None:
    """Without the earlier award nothing counts, and the finding names the award."""
    nominee = person(ratings=excellent(*range(2010, 2022)))
    assert run(YEARS, nominee).passed is False
    assert words(YEARS, nominee, "en")[1] == "'government.pm_certificate' not received"


def test_a_lower_rating_breaks_the_run() -> None:
    """A 'good' year inside the following years breaks the consecutive run."""
    ratings = [*excellent(2017, 2018, 2020, 2021), {"year": 2019, "level": "good"}]
    nominee = person(ratings=ratings, awards=[{"award": CERT, "year": 2016}])
    assert (run(YEARS, nominee).passed, run(YEARS, nominee).found) == (False, 2)


def test_a_missing_rating_is_missing_only_when_it_could_complete_the_run() -> None:
    """An unrated year is missing if enough years follow the award; otherwise a failure."""
    ratings = excellent(2016, 2017, 2018, 2019, 2020)
    long_ago = person(ratings=ratings, awards=[{"award": CERT, "year": 2015}])
    recent = person(ratings=ratings, awards=[{"award": CERT, "year": 2018}])
    outcome = run(YEARS, long_ago)
    assert (outcome.passed, outcome.missing) == (None, ("ratings[2021]",))
    assert run(YEARS, recent).passed is False


def test_initiatives_count_after_the_decision_date() -> None:
    """Initiatives recognised on or before the decision date do not count."""
    args = {"award": CERT, "count": "initiatives", "min_level": "sector", "min_count": 2}
    initiatives = [
        {"title": "A", "level": "sector", "recognized_on": "2016-12-20"},
        {"title": "B", "level": "national", "recognized_on": "2017-05-01"},
        {"title": "C", "level": "unit", "recognized_on": "2018-05-01"},
        {"title": "D", "level": "sector", "recognized_on": "2019-05-01"},
    ]
    decided = person(
        initiatives=initiatives,
        awards=[{"award": CERT, "year": 2016, "decided_on": "2016-12-20"}],
    )
    assert (run(args, decided).passed, run(args, decided).found) == (True, 2)
    later = person(
        initiatives=initiatives,
        awards=[{"award": CERT, "year": 2017, "decided_on": "2017-06-01"}],
    )
    assert (run(args, later).passed, run(args, later).found) == (False, 1)


def test_research_topics_and_titles_are_counted_the_same_way() -> None:
    """Research topics by acceptance date, titles by decision date or year."""
    topics = {"award": CERT, "count": "research_topics", "min_count": 1}
    titles = {
        "award": CERT,
        "count": "titles",
        "of_award": "national.grassroots_emulation_fighter",
        "min_count": 3,
    }
    nominee = person(
        research_topics=[{"title": "T", "level": "unit", "accepted_on": "2016-06-01"}],
        awards=[{"award": CERT, "year": 2016}]
        + [
            {"award": "national.grassroots_emulation_fighter", "year": y}
            for y in (2016, 2018, 2019)
        ],
    )
    assert run(topics, nominee).passed is False
    assert (run(titles, nominee).passed, run(titles, nominee).found) == (False, 2)


def test_wording_in_both_languages() -> None:
    """The requirement and the finding read in Vietnamese and English."""
    nominee = person(ratings=excellent(*range(2017, 2022)), awards=[{"award": CERT, "year": 2016}])
    vi = words(YEARS, nominee, "vi")
    en = words(YEARS, nominee, "en")
    assert vi[0].startswith("5 năm tiếp theo liên tục xếp loại “hoàn thành xuất sắc nhiệm vụ”")
    assert "sau quyết định tặng “government.pm_certificate” lần gần nhất" in vi[0]
    assert vi[1] == "được tặng năm 2016; 5 năm liên tục trong 2017–2021"
    assert en[1] == "awarded 2016; 5 consecutive years in 2017-2021"


@pytest.mark.parametrize(
    ("args", "subject", "problem"),
    [
        ({"award": CERT, "count": "titles", "min_count": 1}, "individual", "give 'of_award'"),
        (
            {"award": CERT, "count": "rated_years", "min_count": 1, "of_award": "a.b"},
            "individual",
            "give 'of_award'",
        ),
        ({"award": CERT, "count": "initiatives", "min_count": 1}, "unit", "individuals only"),
    ],
)
def test_load_time_checks(args: dict[str, Any], subject: str, problem: str) -> None:
    """Arguments that do not fit the count are refused when the criteria load."""
    problems = predicate("after_award").check(bind("after_award", args), subject)
    assert any(problem in p for p in problems)


def test_mentioned_awards_include_the_title() -> None:
    """Loading checks both the award counted from and the title counted."""
    args = bind(
        "after_award", {"award": CERT, "count": "titles", "of_award": "x.y", "min_count": 1}
    )
    assert predicate("after_award").mentioned_awards(args) == (CERT, "x.y")


DAYS = st.dates(dt.date(2019, 12, 25), dt.date(2020, 1, 5))
"""Days around the award's decision and the evaluation date, so that they often coincide."""


@settings(max_examples=300, deadline=None)
@given(
    count=st.sampled_from(["initiatives", "research_topics", "titles"]),
    decided=st.one_of(st.none(), DAYS),
    days=st.lists(DAYS, max_size=4),
    levels=st.lists(st.sampled_from(["unit", "sector", "national"]), min_size=4, max_size=4),
    min_count=st.integers(1, 3),
    as_of=DAYS,
)
def test_the_status_only_check_agrees_with_evaluate(
    count: str,
    decided: dt.date | None,
    days: list[dt.date],
    levels: list[str],
    min_count: int,
    as_of: dt.date,
) -> None:
    """holds() (no evidence built) gives evaluate()'s result, on the boundary days too."""
    cert: dict[str, Any] = {"award": CERT, "year": 2019}
    if decided is not None:
        cert = {**cert, "year": decided.year, "decided_on": decided.isoformat()}
    records = [
        {"title": f"T{n}", "level": level, "on": day.isoformat()}
        for n, (day, level) in enumerate(zip(days, levels, strict=False))
    ]
    nominee = person(
        awards=[cert]
        + [
            {"award": "vss.dg_certificate", "year": day.year, "decided_on": day.isoformat()}
            for day in days
        ],
        initiatives=[
            {**{k: v for k, v in r.items() if k != "on"}, "recognized_on": r["on"]} for r in records
        ],
        research_topics=[
            {**{k: v for k, v in r.items() if k != "on"}, "accepted_on": r["on"]} for r in records
        ],
    )
    args: dict[str, Any] = {"award": CERT, "count": count, "min_count": min_count}
    if count == "titles":
        args["of_award"] = "vss.dg_certificate"
    else:
        args["min_level"] = "sector"
    ctx = Context(nominee, as_of, award_id="state.labor_medal.third")
    held = predicate("after_award").holds(bind("after_award", args), ctx)
    assert held is run(args, nominee, as_of).passed


@settings(max_examples=300, deadline=None)
@given(
    awarded=st.integers(2012, 2019),
    rated=st.lists(st.sampled_from(["excellent", "good", None]), min_size=9, max_size=9),
    min_count=st.integers(1, 5),
)
def test_the_status_only_count_of_rated_years_agrees_with_evaluate(
    awarded: int, rated: list[str | None], min_count: int
) -> None:
    """holds() for rated_years gives evaluate()'s result, undetermined by a missing year too."""
    nominee = person(
        awards=[{"award": CERT, "year": awarded}],
        ratings=[
            {"year": year, "level": level}
            for year, level in zip(range(2012, 2021), rated, strict=True)
            if level is not None
        ],
    )
    args: dict[str, Any] = {"award": CERT, "count": "rated_years", "min_count": min_count}
    ctx = Context(nominee, AS_OF.replace(year=2020), award_id="state.labor_medal.third")
    held = predicate("after_award").holds(bind("after_award", args), ctx)
    assert held is run(args, nominee, AS_OF.replace(year=2020)).passed
