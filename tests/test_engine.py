"""The engine end to end: catalog, verdicts, explanations, earliest dates, batches."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import award_rules.vocabulary.service as service_module
from award_rules import (
    Catalog,
    NomineeError,
    NotInForceError,
    SubjectMismatchError,
    UnknownAwardError,
    load_catalog,
    load_nominee,
)
from award_rules.facts import spans_length
from conftest import CRITERIA, NOMINEES, REGISTRATION, RETIREMENT, SMALL

ON_ANNIVERSARY = dt.date(2020, 7, 20)


def official(**changes: Any) -> dict[str, Any]:
    """A retiring official with 25 years in the sector; ``changes`` override fields."""
    data: dict[str, Any] = {
        "kind": "individual",
        "id": "T-1",
        "full_name": "Nguyễn Văn Thử",
        "service": [{"start": "1995-10-01", "end": "2020-03-31"}],
        "retirement_date": "2020-04-01",
    }
    data.update(changes)
    return data


def division(**changes: Any) -> dict[str, Any]:
    """A division founded in 2005, rated good every year since."""
    data: dict[str, Any] = {
        "kind": "unit",
        "id": "D-1",
        "name": "Phòng Thử",
        "level": "division",
        "established_on": "2005-03-01",
        "ratings": [{"year": y, "level": "good"} for y in range(2005, 2020)],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("file_name", "award", "status", "failed", "missing"),
    [
        ("retiring_official.yaml", RETIREMENT, "eligible", [], []),
        ("short_service_official.yaml", RETIREMENT, "ineligible", ["service_years"], []),
        ("disciplined_official.yaml", RETIREMENT, "ineligible", ["no_discipline"], []),
        ("official_no_history.yaml", RETIREMENT, "undetermined", [], ["service"]),
        ("division_2005.yaml", SMALL, "eligible", [], []),
        ("division_2010.yaml", SMALL, "ineligible", ["unit_age"], []),
        ("division_missing_rating.yaml", SMALL, "undetermined", [], ["ratings[2014]"]),
    ],
)
def test_example_verdicts(
    catalog: Catalog,
    file_name: str,
    award: str,
    status: str,
    failed: list[str],
    missing: list[str],
) -> None:
    """Each example nominee gets the verdict its file describes, with failed and missing facts."""
    verdict = catalog.evaluate(load_nominee(NOMINEES / file_name), award, ON_ANNIVERSARY)
    assert (verdict.status, verdict.failed, verdict.missing) == (status, failed, missing)


def test_exit_codes_follow_status(catalog: Catalog) -> None:
    """0 eligible, 1 ineligible, 3 undetermined."""
    codes = {
        catalog.evaluate(official(), RETIREMENT, ON_ANNIVERSARY).exit_code,
        catalog.evaluate(official(service=[]), RETIREMENT, ON_ANNIVERSARY).exit_code,
        catalog.evaluate(official(retirement_date=None), RETIREMENT, ON_ANNIVERSARY).exit_code,
    }
    assert codes == {0, 3, 1}


def test_exactly_ten_years_passes_and_one_day_short_fails(catalog: Catalog) -> None:
    """Service of exactly 10 years up to the day before retirement passes; a day less fails."""
    exact = official(service=[{"start": "2010-04-01", "end": "2020-03-31"}])
    short = official(service=[{"start": "2010-04-02", "end": "2020-03-31"}])
    assert catalog.evaluate(exact, RETIREMENT, ON_ANNIVERSARY).status == "eligible"
    verdict = catalog.evaluate(short, RETIREMENT, ON_ANNIVERSARY)
    assert verdict.failed == ["service_years"]
    assert "9 năm 11 tháng 30 ngày" in verdict.explain("vi")


def test_out_of_sector_service_does_not_count(catalog: Catalog) -> None:
    """Years outside the sector are not counted toward the 10 years."""
    nominee = official(
        service=[
            {"start": "1990-01-01", "end": "2014-12-31", "in_sector": False},
            {"start": "2015-01-01", "end": "2020-03-31"},
        ]
    )
    assert catalog.evaluate(nominee, RETIREMENT, ON_ANNIVERSARY).failed == ["service_years"]


def test_explanation_says_why_service_falls_short(catalog: Catalog) -> None:
    """The Vietnamese explanation shows 8 years 3 months against 10 years, dates as dd/mm/yyyy."""
    verdict = catalog.evaluate(
        load_nominee(NOMINEES / "short_service_official.yaml"), RETIREMENT, ON_ANNIVERSARY
    )
    text = verdict.explain()
    assert "KHÔNG ĐỦ ĐIỀU KIỆN" in text
    assert "8 năm 3 tháng (tính đến 19/07/2020)" in text
    assert "từ 10 năm trở lên" in text
    assert "Ngày xét: 20/07/2020" in text
    english = verdict.explain("en")
    assert "8 years 3 months (as of 19/07/2020)" in english
    assert "NOT ELIGIBLE" in english


def test_explanation_lists_every_condition_with_its_mark(catalog: Catalog) -> None:
    """Every leaf appears once in the explanation, marked pass, fail or unknown."""
    verdict = catalog.evaluate(official(service=[]), RETIREMENT, ON_ANNIVERSARY)
    text = verdict.explain("en")
    for leaf_id, mark in [
        ("service_years", "?"),
        ("no_discipline", "?"),
        ("not_previously_awarded", "✓"),
        ("retired", "✓"),
    ]:
        lines = [line for line in text.splitlines() if line.rstrip().endswith(f"[{leaf_id}]")]
        assert len(lines) == 1, leaf_id
        assert lines[0].strip().startswith(mark), lines[0]


def test_unknown_language_rejected(catalog: Catalog) -> None:
    """Asking for a language other than vi or en is an error, not silent Vietnamese."""
    verdict = catalog.evaluate(official(), RETIREMENT, ON_ANNIVERSARY)
    with pytest.raises(ValueError, match="unknown language"):
        verdict.explain("fr")


def test_previous_certificate_fails(catalog: Catalog) -> None:
    """An official who already holds the certificate (or a sub-id of it) is not eligible."""
    for award in ("vss.dg_certificate", "vss.dg_certificate.small_collective"):
        nominee = official(awards=[{"award": award, "year": 2015}])
        verdict = catalog.evaluate(nominee, RETIREMENT, ON_ANNIVERSARY)
        assert verdict.failed == ["not_previously_awarded"], award


def test_discipline_outside_service_ignored_by_default(catalog: Catalog) -> None:
    """The default window is in-sector service: a discipline before joining does not count."""
    nominee = official(
        service=[{"start": "2000-01-01", "end": "2020-03-31"}],
        disciplines=[{"form": "reprimand", "decided_on": "1998-05-01"}],
    )
    assert catalog.evaluate(nominee, RETIREMENT, ON_ANNIVERSARY).status == "eligible"


def test_retirement_later_in_the_year_counts(catalog: Catalog) -> None:
    """Retiring later in the evaluation year passes, counting service up to retirement."""
    nominee = official(service=[{"start": "2010-10-01"}], retirement_date="2020-10-01")
    verdict = catalog.evaluate(nominee, RETIREMENT, ON_ANNIVERSARY)
    assert verdict.status == "eligible"
    assert "tính đến 30/09/2020" in verdict.explain()


def test_earliest_eligible_for_young_unit(catalog: Catalog) -> None:
    """A unit too young is told the day it turns 10, if nothing else changes."""
    unit = division(
        established_on="2010-09-01",
        ratings=[{"year": y, "level": "good"} for y in range(2010, 2020)],
    )
    verdict = catalog.evaluate(unit, SMALL, ON_ANNIVERSARY)
    assert verdict.failed == ["unit_age"]
    assert verdict.earliest_eligible_on == dt.date(2020, 9, 1)
    assert "01/09/2020" in verdict.explain()


def test_no_earliest_date_after_the_version_ends(catalog: Catalog) -> None:
    """A unit turning 10 after the anniversary award ends gets no earliest date."""
    unit = division(
        established_on="2012-09-01",
        ratings=[{"year": y, "level": "good"} for y in range(2012, 2020)],
    )
    verdict = catalog.evaluate(unit, SMALL, ON_ANNIVERSARY)
    assert verdict.failed == ["unit_age"]
    assert verdict.earliest_eligible_on is None


def test_no_earliest_date_when_something_else_fails(catalog: Catalog) -> None:
    """Waiting does not help a disciplined unit, so there is no earliest date."""
    unit = division(
        established_on="2010-09-01",
        ratings=[{"year": y, "level": "good"} for y in range(2012, 2020)],
        disciplines=[{"form": "warning", "decided_on": "2016-01-04"}],
    )
    verdict = catalog.evaluate(unit, SMALL, ON_ANNIVERSARY)
    assert set(verdict.failed) == {"unit_age", "no_discipline"}
    assert verdict.earliest_eligible_on is None


def test_earliest_date_for_ongoing_service(catalog: Catalog) -> None:
    """An official still working reaches 10 years on the day the service completes them."""
    nominee = official(service=[{"start": "2012-01-01"}], retirement_date=None)
    verdict = catalog.evaluate(nominee, RETIREMENT, ON_ANNIVERSARY)
    # Service is counted to the evaluation date while there is no retirement date; `retired`
    # fails too, and it does not move with time, so there is no earliest date.
    assert set(verdict.failed) == {"retired", "service_years"}
    assert verdict.earliest_eligible_on is None


def test_no_earliest_date_when_eligible(catalog: Catalog) -> None:
    """An eligible nominee has no earliest date."""
    assert catalog.evaluate(official(), RETIREMENT, ON_ANNIVERSARY).earliest_eligible_on is None


def test_missing_rating_year_is_undetermined_but_a_bad_year_fails(catalog: Catalog) -> None:
    """A missing year alone leaves the verdict open; with a year rated below good it fails."""
    ratings = [{"year": y, "level": "good"} for y in range(2005, 2020) if y != 2010]
    assert catalog.evaluate(division(ratings=ratings), SMALL, ON_ANNIVERSARY).missing == [
        "ratings[2010]"
    ]
    ratings[0] = {"year": 2005, "level": "completed"}
    verdict = catalog.evaluate(division(ratings=ratings), SMALL, ON_ANNIVERSARY)
    assert verdict.status == "ineligible"
    assert verdict.failed == ["tasks_completed_well"]


def test_not_a_small_collective_fails(catalog: Catalog) -> None:
    """A provincial office is not a small collective."""
    verdict = catalog.evaluate(division(level="province"), SMALL, ON_ANNIVERSARY)
    assert verdict.failed == ["is_small_collective"]


def test_registration_precondition(catalog: Catalog) -> None:
    """Registration, a pledge before 31 March and the title registered are all required."""
    base = {"year": 2020, "titles": [RETIREMENT], "pledge_signed_on": "2020-03-30"}
    assert catalog.evaluate(
        official(registrations=[base]), REGISTRATION, ON_ANNIVERSARY
    ).failed == ["title_registered"]
    late = dict(base, pledge_signed_on="2020-04-01", titles=[REGISTRATION])
    assert catalog.evaluate(
        official(registrations=[late]), REGISTRATION, ON_ANNIVERSARY
    ).failed == ["pledge_signed_on_time"]
    assert set(catalog.evaluate(official(), REGISTRATION, ON_ANNIVERSARY).failed) == {
        "registered",
        "pledge_signed_on_time",
        "title_registered",
    }


def test_reference_to_registration_inside_another_award(tmp_path: Path) -> None:
    """A criterion that references the registration precondition reports its leaves qualified."""
    (tmp_path / "award.yaml").write_text(
        """
id: example.year_end
name: {vi: Ví dụ, en: Example}
subject: individual
source: Example
in_force: {from: 2011-01-04}
conditions:
  - id: registration
    check: meets_criteria
    award: vss.year_end_registration
  - id: rated
    check: ratings_at_least
    years: {last: 1, to: evaluation}
""",
        encoding="utf-8",
    )
    shipped = CRITERIA / "vss" / "year_end_registration.yaml"
    (tmp_path / "registration.yaml").write_bytes(shipped.read_bytes())
    catalog = load_catalog(tmp_path)
    nominee = official(
        registrations=[
            {"year": 2020, "titles": ["example.year_end"], "pledge_signed_on": "2020-04-02"}
        ],
        ratings=[{"year": 2020, "level": "good"}],
    )
    verdict = catalog.evaluate(nominee, "example.year_end", ON_ANNIVERSARY)
    assert verdict.failed == ["registration/pledge_signed_on_time"]
    assert "Đăng ký và ký giao ước thi đua" in verdict.explain()
    registered = dict(
        nominee,
        registrations=[
            {"year": 2020, "titles": ["example.year_end"], "pledge_signed_on": "2020-03-02"}
        ],
    )
    assert catalog.evaluate(registered, "example.year_end", ON_ANNIVERSARY).eligible


def test_version_in_force_is_chosen_and_out_of_range_is_an_error(catalog: Catalog) -> None:
    """The anniversary award exists only in 2020; other dates are an error, not a verdict."""
    assert catalog.version_on(SMALL, dt.date(2020, 12, 31)).doc.in_force.until == dt.date(
        2020, 12, 31
    )
    with pytest.raises(NotInForceError, match="2021-01-01"):
        catalog.evaluate(division(), SMALL, dt.date(2021, 1, 1))


def test_versions_switch_at_their_boundary(tmp_path: Path) -> None:
    """Two versions of one award: the old applies the day before the switch, the new on the day."""
    template = """
id: example.versioned
name: {{vi: Ví dụ, en: Example}}
subject: individual
source: Example
in_force: {{from: {start}{until}}}
conditions:
  - id: service_years
    check: service_years
    min_years: {years}
"""
    (tmp_path / "old.yaml").write_text(
        template.format(start="2010-01-01", until=", until: 2017-09-30", years=5), "utf-8"
    )
    (tmp_path / "new.yaml").write_text(
        template.format(start="2017-10-01", until="", years=10), "utf-8"
    )
    catalog = load_catalog(tmp_path)
    nominee = official(service=[{"start": "2010-01-01"}], retirement_date=None)
    assert catalog.evaluate(nominee, "example.versioned", dt.date(2017, 9, 30)).eligible
    assert not catalog.evaluate(nominee, "example.versioned", dt.date(2017, 10, 1)).eligible


def test_unknown_award_suggests_closest(catalog: Catalog) -> None:
    """A misspelled award id names the closest ids."""
    with pytest.raises(UnknownAwardError) as info:
        catalog.evaluate(official(), "vss.dg_certificate.retirment", ON_ANNIVERSARY)
    assert info.value.suggestions[0] == RETIREMENT
    assert "did you mean" in str(info.value)


def test_wrong_subject_is_a_usage_error(catalog: Catalog) -> None:
    """A unit judged for an individual's award raises, it does not get a verdict."""
    with pytest.raises(SubjectMismatchError, match="individual"):
        catalog.evaluate(division(), RETIREMENT, ON_ANNIVERSARY)


def test_bad_nominee_data_names_the_field(catalog: Catalog) -> None:
    """Invalid nominee data raises NomineeError with the field path."""
    bad = official(service=[{"start": "2020-01-01", "end": "2019-01-01"}])
    with pytest.raises(NomineeError) as info:
        catalog.evaluate(bad, RETIREMENT, ON_ANNIVERSARY)
    assert info.value.diagnostics[0].path == "service[0]"
    assert "before start" in info.value.diagnostics[0].message


def test_evaluate_many_never_stops_at_a_bad_record(catalog: Catalog) -> None:
    """A batch reports bad records in place and still judges the rest."""
    items = catalog.evaluate_many(
        [official(id="A"), {"kind": "individual", "id": "B"}, official(id="C", service=[])],
        RETIREMENT,
        ON_ANNIVERSARY,
    )
    assert [i.nominee_id for i in items] == ["A", "B", "C"]
    statuses = [item.verdict.status if item.verdict else None for item in items]
    assert statuses == ["eligible", None, "undetermined"]
    assert isinstance(items[1].error, NomineeError)


def test_to_dict_is_json_ready_with_stable_keys(catalog: Catalog) -> None:
    """to_dict() round-trips through JSON and has the documented keys."""
    verdict = catalog.evaluate(
        load_nominee(NOMINEES / "short_service_official.yaml"), RETIREMENT, ON_ANNIVERSARY
    )
    data = json.loads(json.dumps(verdict.to_dict(), ensure_ascii=False))
    assert list(data) == [
        "award",
        "award_name",
        "nominee",
        "as_of",
        "year",
        "status",
        "failed",
        "missing",
        "to_request",
        "earliest_eligible_on",
        "version",
        "unverified",
        "conditions",
        "explanation",
        "receipt",
    ]
    leaf = data["conditions"]["children"][0]
    assert leaf["id"] == "service_years"
    assert leaf["passed"] is False
    assert leaf["found"] == {"years": 8, "months": 3, "days": 0}
    assert leaf["required"] == {"years": 10, "months": 0, "days": 0}
    assert leaf["evidence"] == ["service 2012-04-20..2020-07-19"]
    assert set(leaf["text"]) == {"vi", "en"}
    assert data["version"]["in_force"] == {"from": "2016-01-01", "until": None}


def test_each_fact_is_computed_once_per_nominee_and_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two leaves asking for the same service length share one computation."""
    (tmp_path / "twice.yaml").write_text(
        """
id: example.twice
name: {vi: Ví dụ, en: Example}
subject: individual
source: Example
in_force: {from: 2000-01-01}
conditions:
  any:
    - {id: five, check: service_years, min_years: 5}
    - {id: ten, check: service_years, min_years: 10}
""",
        encoding="utf-8",
    )
    calls: list[int] = []

    def counting(spans: Any) -> Any:
        calls.append(1)
        return spans_length(spans)

    monkeypatch.setattr(service_module, "spans_length", counting)
    catalog = load_catalog(tmp_path)
    catalog.evaluate(official(), "example.twice", ON_ANNIVERSARY)
    assert len(calls) == 1


def test_criteria_compiled_once_per_catalog(catalog: Catalog) -> None:
    """Evaluating reuses the compiled runner: the same callable serves every nominee."""
    first = catalog.index.on(RETIREMENT, ON_ANNIVERSARY).run
    catalog.evaluate(official(), RETIREMENT, ON_ANNIVERSARY)
    assert catalog.index.on(RETIREMENT, ON_ANNIVERSARY).run is first


def test_list_in_force(catalog: Catalog) -> None:
    """Only the awards in force on the date are listed."""
    ids_2020 = {v.id for v in catalog.in_force_on(ON_ANNIVERSARY)}
    ids_2021 = {v.id for v in catalog.in_force_on(dt.date(2021, 6, 1))}
    assert SMALL in ids_2020
    assert SMALL not in ids_2021
    assert RETIREMENT in ids_2021


def test_unverified_criteria_listed(catalog: Catalog) -> None:
    """A verdict resting on unverified criteria lists them and warns in the explanation."""
    verdict = catalog.evaluate(official(), RETIREMENT, ON_ANNIVERSARY)
    assert verdict.unverified == (RETIREMENT,)
    assert verdict.to_dict()["unverified"] == [RETIREMENT]
    assert "chưa được đối chiếu với văn bản pháp luật" in verdict.explain()


def test_references_bring_their_unverified_status(tmp_path: Path) -> None:
    """A verified criterion referencing an unverified one is reported as resting on it."""
    (tmp_path / "award.yaml").write_text(
        """
id: example.verified
name: {vi: Ví dụ, en: Example}
subject: individual
source: Example
review: {status: verified, note: checked}
in_force: {from: 2011-01-04}
conditions:
  - {id: registration, check: meets_criteria, award: vss.year_end_registration}
  - {id: alive, check: alive, review: {status: unverified, note: guess}}
""",
        encoding="utf-8",
    )
    shipped = CRITERIA / "vss" / "year_end_registration.yaml"
    (tmp_path / "registration.yaml").write_bytes(shipped.read_bytes())
    verdict = load_catalog(tmp_path).evaluate(official(), "example.verified", ON_ANNIVERSARY)
    assert verdict.unverified == (REGISTRATION, "example.verified:alive")
