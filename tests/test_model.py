"""Tests for award_rules.model: validation, strictness, cross-field checks, helpers."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest
from pydantic import ValidationError

from award_rules.model import (
    AwardRecord,
    Discipline,
    DisciplineForm,
    Gender,
    Individual,
    Initiative,
    InitiativeLevel,
    Position,
    Rating,
    RatingLevel,
    Registration,
    ServicePeriod,
    Unit,
    UnitLevel,
    YearResult,
    nominee_adapter,
)

# --------------------------------------------------------------------------- helpers


def person_data(**overrides: Any) -> dict[str, Any]:
    """A valid individual as a plain mapping (as loaded from YAML/JSON)."""
    data: dict[str, Any] = {
        "kind": "individual",
        "id": "p-001",
        "full_name": "Nguyễn Văn An",
        "gender": "male",
        "birth_date": "1970-05-01",
        "unit_id": "vss.hn",
        "position": "staff",
        "service": [
            {"unit_id": "vss.hn", "start": "1995-01-01", "end": "2005-12-31"},
            {"unit_id": "vss.hcm", "start": "2006-01-01", "in_sector": False},
        ],
        "ratings": [
            {"year": 2019, "level": "excellent"},
            {"year": 2020, "level": "good"},
        ],
        "awards": [
            {
                "award": "bang_khen.tgd",
                "year": 2018,
                "decision": "123/QĐ-BHXH",
                "decided_on": "2018-12-20",
            },
        ],
        "disciplines": [
            {"form": "reprimand", "decided_on": "2015-03-01", "ends_on": "2016-02-28"},
        ],
        "registrations": [
            {"year": 2020, "titles": ["cstd_co_so"], "pledge_signed_on": "2020-02-15"},
        ],
        "retirement_date": "2030-06-01",
        "initiatives": [
            {"title": "Số hoá hồ sơ", "level": "sector", "recognized_on": "2019-11-11"},
        ],
    }
    data.update(overrides)
    return data


def unit_data(**overrides: Any) -> dict[str, Any]:
    """A valid unit as a plain mapping (as loaded from YAML/JSON)."""
    data: dict[str, Any] = {
        "kind": "unit",
        "id": "vss.hn.thu",
        "name": "Phòng Quản lý thu",
        "level": "division",
        "parent_id": "vss.hn",
        "established_on": "2010-07-20",
        "cluster": "cum-1",
        "remote_area": False,
        "ratings": [{"year": 2019, "level": "good"}],
        "registrations": [{"year": 2019, "titles": ["tap_the_ldxs"]}],
        "results": [
            {
                "year": 2019,
                "plan_completion_pct": 101.5,
                "score": 95,
                "health_insurance_coverage_pct": 90,
            },
        ],
    }
    data.update(overrides)
    return data


def first_error(exc_info: pytest.ExceptionInfo[ValidationError]) -> dict[str, Any]:
    """The first error of a caught ValidationError."""
    errors = exc_info.value.errors()
    assert errors, "a ValidationError must carry at least one error"
    return dict(errors[0])


# --------------------------------------------------------------------------- validation


def test_individual_validates_from_plain_dict() -> None:
    """An individual mapping with ISO strings becomes typed records."""
    person = Individual.model_validate(person_data())
    assert person.kind == "individual"
    assert person.gender is Gender.MALE
    assert person.position is Position.STAFF
    assert person.birth_date == dt.date(1970, 5, 1)
    assert person.retirement_date == dt.date(2030, 6, 1)
    assert person.service[0] == ServicePeriod(
        unit_id="vss.hn", start=dt.date(1995, 1, 1), end=dt.date(2005, 12, 31)
    )
    assert person.service[1].end is None
    assert person.service[1].in_sector is False
    assert person.ratings[0] == Rating(year=2019, level=RatingLevel.EXCELLENT)
    assert person.awards[0].decided_on == dt.date(2018, 12, 20)
    assert person.disciplines[0].form is DisciplineForm.REPRIMAND
    assert person.registrations[0].titles == ("cstd_co_so",)
    assert person.initiatives[0].level is InitiativeLevel.SECTOR


def test_unit_validates_from_plain_dict() -> None:
    """A unit mapping becomes a Unit with typed level, dates and results."""
    unit = Unit.model_validate(unit_data())
    assert unit.kind == "unit"
    assert unit.level is UnitLevel.DIVISION
    assert unit.established_on == dt.date(2010, 7, 20)
    assert unit.dissolved_on is None
    assert unit.results[0].plan_completion_pct == 101.5
    assert unit.results[0].score == 95
    assert unit.results[0].health_insurance_coverage_pct == 90


def test_minimal_individual_uses_defaults() -> None:
    """Only id and full_name are required; collections default to empty tuples."""
    person = Individual.model_validate({"id": "x", "full_name": "X"})
    assert person.kind == "individual"
    assert person.service == ()
    assert person.ratings == ()
    assert person.awards == ()
    assert person.disciplines == ()
    assert person.registrations == ()
    assert person.initiatives == ()
    assert person.birth_date is None


def test_service_period_defaults_in_sector_true() -> None:
    """A service period with no in_sector flag counts as in the sector."""
    assert ServicePeriod.model_validate({"start": "2000-01-01"}).in_sector is True


@pytest.mark.parametrize(
    ("data", "expected_type"),
    [(person_data(), Individual), (unit_data(), Unit)],
    ids=["individual", "unit"],
)
def test_nominee_adapter_discriminates_by_kind(data: dict[str, Any], expected_type: type) -> None:
    """nominee_adapter picks Individual or Unit from the ``kind`` field."""
    nominee = nominee_adapter.validate_python(data)
    assert type(nominee) is expected_type
    assert nominee.id == data["id"]


def test_nominee_adapter_validates_json() -> None:
    """nominee_adapter also accepts JSON text with ISO date strings."""
    nominee = nominee_adapter.validate_json(
        '{"kind": "unit", "id": "u", "name": "U", "level": "province",'
        ' "established_on": "1995-10-01"}'
    )
    assert isinstance(nominee, Unit)
    assert nominee.established_on == dt.date(1995, 10, 1)


@pytest.mark.parametrize("kind", ["person", "Individual", None])
def test_nominee_adapter_rejects_unknown_or_missing_kind(kind: str | None) -> None:
    """A nominee with an unknown or missing ``kind`` is rejected."""
    data = person_data()
    if kind is None:
        del data["kind"]
    else:
        data["kind"] = kind
    with pytest.raises(ValidationError) as exc_info:
        nominee_adapter.validate_python(data)
    assert first_error(exc_info)["type"] in {"union_tag_invalid", "union_tag_not_found"}


def test_nominee_adapter_rejects_unit_fields_under_individual_kind() -> None:
    """A unit's fields under ``kind: individual`` fail (no silent cross-typing)."""
    data = unit_data(kind="individual")
    with pytest.raises(ValidationError) as exc_info:
        nominee_adapter.validate_python(data)
    locs = {err["loc"] for err in exc_info.value.errors()}
    assert ("individual", "full_name") in locs
    assert ("individual", "level") in locs


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-07-20", dt.date(2020, 7, 20)),
        ("2020-02-29", dt.date(2020, 2, 29)),
    ],
)
def test_iso_date_string_accepted(text: str, expected: dt.date) -> None:
    """An ISO YYYY-MM-DD string becomes a date."""
    assert ServicePeriod(start=text).start == expected  # type: ignore[arg-type]


def test_date_object_accepted() -> None:
    """A datetime.date instance is accepted as is."""
    assert ServicePeriod(start=dt.date(2001, 2, 3)).start == dt.date(2001, 2, 3)


def test_datetime_rejected() -> None:
    """A datetime (date and time) is rejected, not truncated to its date."""
    with pytest.raises(ValidationError) as exc_info:
        ServicePeriod(start=dt.datetime(2020, 1, 1, 0, 0))
    error = first_error(exc_info)
    assert error["loc"] == ("start",)
    assert "date and time" in error["msg"]


@pytest.mark.parametrize("value", [1_577_836_800, 20200101, 0, 1.5e9, True])
def test_number_rejected_as_date(value: object) -> None:
    """Numbers (e.g. Unix timestamps) are never coerced to dates."""
    with pytest.raises(ValidationError) as exc_info:
        ServicePeriod.model_validate({"start": value})
    error = first_error(exc_info)
    assert error["loc"] == ("start",)
    assert "YYYY-MM-DD" in error["msg"]


@pytest.mark.parametrize(
    "text",
    [
        " 2020-07-20 ",  # as JSON Schema's format "date": no surrounding spaces
        "2020-13-01",
        "2019-02-29",
        "2020-04-31",
        "2020-1-1",
        "20-01-01",
        "",
        "yesterday",
        "2020-01-01T00:00:00",
        "01/02/2020",
    ],
)
def test_malformed_date_string_rejected(text: str) -> None:
    """Malformed or impossible date strings are rejected with a YYYY-MM-DD hint."""
    with pytest.raises(ValidationError) as exc_info:
        Discipline.model_validate({"form": "warning", "decided_on": text})
    error = first_error(exc_info)
    assert error["loc"] == ("decided_on",)
    assert "YYYY-MM-DD" in error["msg"]
    assert repr(text) in error["msg"]


@pytest.mark.parametrize("text", ["20200101", "2020-W01-3"])
def test_non_extended_iso_date_string_rejected(text: str) -> None:
    """Only the documented YYYY-MM-DD form is accepted, not other ISO 8601 date forms."""
    with pytest.raises(ValidationError):
        ServicePeriod.model_validate({"start": text})


# --------------------------------------------------------------------------- strictness


@pytest.mark.parametrize(
    ("model", "data", "extra"),
    [
        (Individual, person_data(kind="individual"), "nickname"),
        (Unit, unit_data(), "headcount"),
        (ServicePeriod, {"start": "2000-01-01"}, "role"),
        (Rating, {"year": 2020, "level": "good"}, "note"),
        (AwardRecord, {"award": "a", "year": 2020}, "amount"),
        (Discipline, {"form": "warning", "decided_on": "2020-01-01"}, "reason"),
        (Registration, {"year": 2020}, "deadline"),
        (YearResult, {"year": 2020}, "rank"),
        (Initiative, {"title": "t", "level": "unit", "recognized_on": "2020-01-01"}, "x"),
    ],
)
def test_unknown_field_rejected(model: type, data: dict[str, Any], extra: str) -> None:
    """Every record rejects fields it does not define."""
    with pytest.raises(ValidationError) as exc_info:
        model.model_validate({**data, extra: 1})  # type: ignore[attr-defined]
    error = first_error(exc_info)
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == (extra,)


def test_unknown_nested_field_rejected_with_location() -> None:
    """An unknown field inside a nested record is reported at its nested location."""
    data = person_data(ratings=[{"year": 2020, "level": "good", "comment": "ok"}])
    with pytest.raises(ValidationError) as exc_info:
        Individual.model_validate(data)
    assert first_error(exc_info)["loc"] == ("ratings", 0, "comment")


@pytest.mark.parametrize("value", ["yes", "true", "True", 1, 0, "1"])
def test_in_sector_requires_real_bool(value: object) -> None:
    """in_sector is a strict bool: strings and integers are rejected."""
    with pytest.raises(ValidationError) as exc_info:
        ServicePeriod.model_validate({"start": "2000-01-01", "in_sector": value})
    assert first_error(exc_info)["loc"] == ("in_sector",)


@pytest.mark.parametrize("value", ["yes", 1])
def test_remote_area_requires_real_bool(value: object) -> None:
    """A unit's remote_area is a strict bool."""
    with pytest.raises(ValidationError) as exc_info:
        Unit.model_validate(unit_data(remote_area=value))
    assert first_error(exc_info)["loc"] == ("remote_area",)


@pytest.mark.parametrize("year", ["2020", 2020.0, True])
def test_rating_year_must_be_int(year: object) -> None:
    """A year given as text, float or bool is rejected, never parsed."""
    with pytest.raises(ValidationError) as exc_info:
        Rating.model_validate({"year": year, "level": "good"})
    assert first_error(exc_info)["loc"] == ("year",)


@pytest.mark.parametrize("year", [1899, 2201])
def test_year_out_of_range_rejected(year: int) -> None:
    """Years outside 1900..2200 are rejected."""
    with pytest.raises(ValidationError) as exc_info:
        AwardRecord.model_validate({"award": "a", "year": year})
    assert first_error(exc_info)["loc"] == ("year",)


@pytest.mark.parametrize("year", [1900, 2200])
def test_year_range_bounds_inclusive(year: int) -> None:
    """The year bounds 1900 and 2200 themselves are accepted."""
    assert Registration(year=year).year == year


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("plan_completion_pct", "101.5"),
        ("plan_completion_pct", -1),
        ("plan_completion_pct", True),
        ("score", "95"),
        ("health_insurance_coverage_pct", 100.5),
        ("health_insurance_coverage_pct", "90"),
    ],
)
def test_year_result_numbers_strict(field: str, value: object) -> None:
    """Unit result numbers are never parsed from text and stay in range."""
    with pytest.raises(ValidationError) as exc_info:
        YearResult.model_validate({"year": 2020, field: value})
    assert first_error(exc_info)["loc"][0] == field


def test_health_insurance_coverage_accepts_bounds() -> None:
    """Coverage of 0 and 100 percent are both valid."""
    low = YearResult(year=2020, health_insurance_coverage_pct=0)
    high = YearResult(year=2020, health_insurance_coverage_pct=100.0)
    assert low.health_insurance_coverage_pct == 0
    assert high.health_insurance_coverage_pct == 100.0


@pytest.mark.parametrize("value", ["team", "DIVISION", 3])
def test_unknown_unit_level_rejected(value: object) -> None:
    """An enum value outside the defined set (or of the wrong case) is rejected."""
    with pytest.raises(ValidationError) as exc_info:
        Unit.model_validate(unit_data(level=value))
    assert first_error(exc_info)["loc"] == ("level",)


@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_empty_text_rejected(value: str) -> None:
    """Text fields must be non-empty after white space is stripped."""
    with pytest.raises(ValidationError) as exc_info:
        Individual.model_validate(person_data(full_name=value))
    assert first_error(exc_info)["loc"] == ("full_name",)


def test_text_number_rejected() -> None:
    """A number is not accepted where text is expected."""
    with pytest.raises(ValidationError) as exc_info:
        Individual.model_validate(person_data(id=42))
    assert first_error(exc_info)["loc"] == ("id",)


# --------------------------------------------------------------------------- cross-field


def test_service_period_end_before_start_rejected() -> None:
    """A service period ending before it starts is rejected with both dates named."""
    with pytest.raises(ValidationError) as exc_info:
        ServicePeriod.model_validate({"start": "2010-01-02", "end": "2010-01-01"})
    msg = first_error(exc_info)["msg"]
    assert "end 2010-01-01 is before start 2010-01-02" in msg


def test_service_period_single_day_allowed() -> None:
    """A service period may start and end on the same (inclusive) day."""
    period = ServicePeriod(start=dt.date(2010, 1, 1), end=dt.date(2010, 1, 1))
    assert period.start == period.end


def test_nested_service_period_error_location() -> None:
    """A bad service period inside an individual is located at service[i]."""
    data = person_data(
        service=[{"start": "2000-01-01"}, {"start": "2010-01-02", "end": "2010-01-01"}]
    )
    with pytest.raises(ValidationError) as exc_info:
        Individual.model_validate(data)
    error = first_error(exc_info)
    assert error["loc"] == ("service", 1)
    assert "before start" in error["msg"]


def test_discipline_ends_before_decided_rejected() -> None:
    """A discipline ending before its decision is rejected."""
    with pytest.raises(ValidationError) as exc_info:
        Discipline.model_validate(
            {"form": "warning", "decided_on": "2020-05-01", "ends_on": "2020-04-30"}
        )
    assert "ends_on 2020-04-30 is before decided_on 2020-05-01" in first_error(exc_info)["msg"]


def test_discipline_ending_on_decision_day_allowed() -> None:
    """ends_on may equal decided_on."""
    record = Discipline(
        form=DisciplineForm.WARNING, decided_on=dt.date(2020, 5, 1), ends_on=dt.date(2020, 5, 1)
    )
    assert record.ends_on == record.decided_on


@pytest.mark.parametrize(
    ("builder", "field", "records", "message"),
    [
        (
            person_data,
            "ratings",
            [{"year": 2020, "level": "good"}, {"year": 2020, "level": "excellent"}],
            "a rating for year 2020 is given twice",
        ),
        (
            unit_data,
            "ratings",
            [{"year": 2019, "level": "good"}, {"year": 2019, "level": "good"}],
            "a rating for year 2019 is given twice",
        ),
        (
            person_data,
            "registrations",
            [{"year": 2020}, {"year": 2020, "titles": ["x"]}],
            "a registration for year 2020 is given twice",
        ),
        (
            unit_data,
            "registrations",
            [{"year": 2021}, {"year": 2021}],
            "a registration for year 2021 is given twice",
        ),
        (
            unit_data,
            "results",
            [{"year": 2019, "score": 1}, {"year": 2019, "score": 2}],
            "a result for year 2019 is given twice",
        ),
    ],
    ids=[
        "individual-rating",
        "unit-rating",
        "individual-registration",
        "unit-registration",
        "unit-result",
    ],
)
def test_duplicate_year_rejected(
    builder: Any, field: str, records: list[dict[str, Any]], message: str
) -> None:
    """A year recorded twice in ratings, registrations or results is rejected."""
    with pytest.raises(ValidationError) as exc_info:
        nominee_adapter.validate_python(builder(**{field: records}))
    error = first_error(exc_info)
    assert message in error["msg"]
    assert error["loc"] == (builder()["kind"],)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"service": [{"start": "1970-04-30"}]},
            "service[0] starts on 1970-04-30, before birth 1970-05-01",
        ),
        ({"retirement_date": "1970-04-30"}, "retirement_date 1970-04-30 is before birth"),
        ({"death_date": "1969-12-31"}, "death_date 1969-12-31 is before birth"),
        ({"ratings": [{"year": 1969, "level": "good"}]}, "a rating for 1969 is before birth"),
    ],
    ids=["service", "retirement", "death", "rating"],
)
def test_individual_dates_before_birth_rejected(overrides: dict[str, Any], message: str) -> None:
    """Service, retirement, death and ratings before birth are rejected, naming the field."""
    data = person_data(birth_date="1970-05-01", **overrides)
    with pytest.raises(ValidationError) as exc_info:
        Individual.model_validate(data)
    error = first_error(exc_info)
    assert error["loc"] == ()
    assert message in error["msg"]


def test_service_starting_on_birth_day_allowed() -> None:
    """The boundary: service starting on the birth date itself is not rejected."""
    person = Individual.model_validate(
        person_data(birth_date="1970-05-01", service=[{"start": "1970-05-01"}])
    )
    assert person.service[0].start == person.birth_date


def test_service_after_death_rejected() -> None:
    """A service period starting after death is rejected."""
    data = person_data(
        death_date="2010-01-01", retirement_date=None, service=[{"start": "2010-01-02"}]
    )
    with pytest.raises(ValidationError) as exc_info:
        Individual.model_validate(data)
    assert "after death 2010-01-01" in first_error(exc_info)["msg"]


def test_no_birth_date_skips_birth_checks() -> None:
    """Without a birth date, early service dates are not checked against it."""
    person = Individual.model_validate(
        person_data(birth_date=None, service=[{"start": "1901-01-01"}])
    )
    assert person.service[0].start == dt.date(1901, 1, 1)


def test_unit_rating_before_established_rejected() -> None:
    """A unit's rating for a year before it was established is rejected."""
    data = unit_data(established_on="2010-07-20", ratings=[{"year": 2009, "level": "good"}])
    with pytest.raises(ValidationError) as exc_info:
        Unit.model_validate(data)
    msg = first_error(exc_info)["msg"]
    assert "a rating for 2009 is before the unit was established" in msg
    assert "2010-07-20" in msg


def test_unit_rating_in_established_year_allowed() -> None:
    """A rating for the founding year itself is allowed."""
    unit = Unit.model_validate(
        unit_data(established_on="2010-07-20", ratings=[{"year": 2010, "level": "good"}])
    )
    assert unit.rating_for(2010) is not None


def test_unit_dissolved_before_established_rejected() -> None:
    """A unit dissolved before it was established is rejected."""
    data = unit_data(established_on="2010-07-20", dissolved_on="2010-07-19")
    with pytest.raises(ValidationError) as exc_info:
        Unit.model_validate(data)
    error = first_error(exc_info)
    assert error["loc"] == ()
    assert "dissolved_on 2010-07-19 is before established_on 2010-07-20" in error["msg"]


@pytest.mark.parametrize("builder", [person_data, unit_data], ids=["individual", "unit"])
def test_pledge_signed_after_registration_year_rejected(builder: Any) -> None:
    """A pledge signed in a later year than the registration year is rejected."""
    data = builder(registrations=[{"year": 2020, "pledge_signed_on": "2021-01-01"}])
    with pytest.raises(ValidationError) as exc_info:
        nominee_adapter.validate_python(data)
    msg = first_error(exc_info)["msg"]
    assert "registration 2020" in msg
    assert "pledge_signed_on 2021-01-01" in msg


@pytest.mark.parametrize("signed", ["2019-12-15", "2020-12-31"])
def test_pledge_signed_before_or_during_year_allowed(signed: str) -> None:
    """A pledge signed the year before or during the registration year is accepted."""
    person = Individual.model_validate(
        person_data(registrations=[{"year": 2020, "pledge_signed_on": signed}])
    )
    assert person.registrations[0].pledge_signed_on == dt.date.fromisoformat(signed)


# --------------------------------------------------------------------------- text


def test_vietnamese_name_normalised_to_nfc() -> None:
    """A name given in NFD is stored in NFC."""
    nfc = "Nguyễn Thị Lan"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc  # the test is meaningful only if the forms differ
    person = Individual.model_validate(person_data(full_name=nfd))
    assert person.full_name == nfc
    assert unicodedata.is_normalized("NFC", person.full_name)


def test_nested_text_normalised_and_stripped() -> None:
    """Nested text (titles, award ids, unit names) is NFC-normalised and stripped."""
    title = "Chiến sĩ thi đua"
    nfd = unicodedata.normalize("NFD", title)
    person = Individual.model_validate(
        person_data(
            registrations=[{"year": 2020, "titles": [f"  {nfd} "]}],
            awards=[{"award": f"\t{unicodedata.normalize('NFD', 'Bằng khen')}\n", "year": 2020}],
        )
    )
    assert person.registrations[0].titles == (title,)
    assert person.awards[0].award == "Bằng khen"
    unit = Unit.model_validate(unit_data(name=unicodedata.normalize("NFD", "Phòng Quản lý thu")))
    assert unit.name == "Phòng Quản lý thu"


# --------------------------------------------------------------------------- enums & helpers


def test_rating_level_rank_ordering() -> None:
    """RatingLevel.rank orders excellent > good > completed > not_completed."""
    assert RatingLevel.EXCELLENT.rank == 3
    assert RatingLevel.NOT_COMPLETED.rank == 0
    ranks = [level.rank for level in RatingLevel]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(ranks)


def test_discipline_form_severity_ordering() -> None:
    """DisciplineForm.severity runs 1 (reprimand) to 6 (forced resignation), strictly rising."""
    severities = [form.severity for form in DisciplineForm]
    assert severities == [1, 2, 3, 4, 5, 6]
    assert DisciplineForm.REPRIMAND.severity < DisciplineForm.WARNING.severity
    assert DisciplineForm.DISMISSAL.severity < DisciplineForm.FORCED_RESIGNATION.severity


@pytest.mark.parametrize(
    ("level", "small"),
    [("division", True), ("district", False), ("province", False), ("central", False)],
)
def test_is_small_collective(level: str, small: bool) -> None:
    """Only divisions are small collectives."""
    assert Unit.model_validate(unit_data(level=level)).is_small_collective is small


def test_rating_for_and_registration_for() -> None:
    """rating_for / registration_for find a year's record, or None when absent."""
    person = Individual.model_validate(person_data())
    rating = person.rating_for(2019)
    assert rating is not None
    assert rating.level is RatingLevel.EXCELLENT
    assert person.rating_for(2018) is None
    registration = person.registration_for(2020)
    assert registration is not None
    assert registration.titles == ("cstd_co_so",)
    assert person.registration_for(2019) is None


def test_result_for() -> None:
    """Unit.result_for finds a year's results, or None when absent."""
    unit = Unit.model_validate(
        unit_data(results=[{"year": 2019, "score": 1}, {"year": 2020, "score": 2}])
    )
    result = unit.result_for(2020)
    assert result is not None
    assert result.score == 2
    assert unit.result_for(2021) is None


# --------------------------------------------------------------------------- immutability


def test_individual_is_frozen() -> None:
    """Assigning to an Individual's field raises."""
    person = Individual.model_validate(person_data())
    with pytest.raises(ValidationError) as exc_info:
        person.full_name = "Other"  # type: ignore[misc]
    assert first_error(exc_info)["type"] == "frozen_instance"
    assert person.full_name == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (ServicePeriod(start=dt.date(2000, 1, 1)), "in_sector", False),
        (Rating(year=2020, level=RatingLevel.GOOD), "level", RatingLevel.EXCELLENT),
        (Unit.model_validate(unit_data()), "level", UnitLevel.CENTRAL),
    ],
)
def test_records_are_frozen(record: Any, field: str, value: object) -> None:
    """Nested records and units reject assignment and keep their value."""
    before = getattr(record, field)
    with pytest.raises(ValidationError):
        setattr(record, field, value)
    assert getattr(record, field) == before


def test_collections_are_tuples() -> None:
    """Lists from YAML/JSON are stored as immutable tuples."""
    person = Individual.model_validate(person_data())
    assert isinstance(person.service, tuple)
    assert isinstance(person.ratings, tuple)
    assert isinstance(person.registrations[0].titles, tuple)


def test_equal_records_hash_equal() -> None:
    """Frozen records with equal content are equal and hash equally."""
    a = ServicePeriod.model_validate({"start": "2000-01-01", "end": "2001-01-01"})
    b = ServicePeriod(start=dt.date(2000, 1, 1), end=dt.date(2001, 1, 1))
    assert a == b
    assert hash(a) == hash(b)


def test_the_nominee_validators_are_built_on_first_use_not_on_import() -> None:
    """``import award_rules`` and ``load_catalog()`` build no nominee validator (a command
    that parses no nominee never pays for one); the first nominee parsed builds it."""
    import subprocess
    import sys

    code = (
        "from pydantic_core import SchemaValidator\n"
        "import award_rules\n"
        "from award_rules.model import nominee_adapter\n"
        "award_rules.load_catalog()\n"
        "print(isinstance(nominee_adapter.validator, SchemaValidator))\n"
        "award_rules.parse_nominee({'kind': 'individual', 'id': 'x', 'full_name': 'A'})\n"
        "print(isinstance(nominee_adapter.validator, SchemaValidator))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]
