"""Live sessions with the native engine: events in, eligibility changes out (no durable-rules)."""

from __future__ import annotations

import datetime as dt
import io
import json
import runpy
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from award_rules import Catalog, UnknownAwardError, Verdict, load_catalog
from award_rules.cli import run_watch
from award_rules.engines import engine_for
from award_rules.errors import AwardRulesError, EngineUnavailableError
from award_rules.live import (
    EVENT_TYPES,
    EligibilityChange,
    EventError,
    LiveSession,
    apply_event,
    parse_event,
)
from award_rules.model import Individual, Unit
from conftest import CRITERIA, EVENTS_FILE, REGISTRATION, RETIREMENT, ROOT, SMALL, examples

UNAVAILABLE = (
    "durable-rules engine needs the extra: pip install 'award-rules[durable]' "
    "(not available on Python 3.13+)"
)

SETTINGS = settings(
    max_examples=examples(40),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


VSS_FILES = (
    "dg_certificate.retirement.yaml",
    "dg_certificate.small_collective.yaml",
    "year_end_registration.yaml",
)


def vss_catalog(folder: Path) -> Catalog:
    """The three VSS criteria shipped in criteria/vss, alone (other criteria are not followed)."""
    for name in VSS_FILES:
        (folder / name).write_bytes((CRITERIA / "vss" / name).read_bytes())
    return load_catalog(folder)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return vss_catalog(tmp_path_factory.mktemp("vss"))


def event(type_: str, nominee: str, date: str, /, **payload: Any) -> dict[str, Any]:
    """An event mapping, as a host system would post it."""
    return {"type": type_, "nominee": nominee, "date": date, **payload}


def official(nominee: str = "HP-1", date: str = "2020-01-02", **fields: Any) -> dict[str, Any]:
    """A nominee_registered event for an official in the sector since 2005."""
    data: dict[str, Any] = {
        "kind": "individual",
        "full_name": "Nguyễn Văn Thử",
        "service": [{"start": "2005-03-01"}],
    }
    return event("nominee_registered", nominee, date, **{**data, **fields})


def division(nominee: str = "D-1", date: str = "2020-01-02", **fields: Any) -> dict[str, Any]:
    """A nominee_registered event for a division founded in 2008, rated good 2008-2018."""
    data: dict[str, Any] = {
        "kind": "unit",
        "name": "Phòng Thử",
        "level": "division",
        "established_on": "2008-04-01",
        "ratings": [{"year": y, "level": "good"} for y in range(2008, 2019)],
    }
    return event("nominee_registered", nominee, date, **{**data, **fields})


def summary(changes: list[EligibilityChange]) -> list[tuple[str, str, str | None, str]]:
    return [(c.nominee_id, c.award_id, c.old_status, c.new_status) for c in changes]


# -- changes ---------------------------------------------------------------------------


def test_first_evaluation_reports_every_followed_award(catalog: Catalog) -> None:
    """Registering a nominee judges it for every award it can have, old status None."""
    session = LiveSession(catalog)
    changes = session.post(official())
    assert summary(changes) == [
        ("HP-1", RETIREMENT, None, "ineligible"),
        ("HP-1", REGISTRATION, None, "ineligible"),
    ]
    assert all(isinstance(c.verdict, Verdict) for c in changes)
    assert changes[0].date == dt.date(2020, 1, 2)
    assert changes[0].event_index == 1


def test_only_status_changes_are_emitted(catalog: Catalog) -> None:
    """An event that leaves every status as it was emits nothing."""
    session = LiveSession(catalog)
    session.post(official())
    assert (
        session.post(event("rating_recorded", "HP-1", "2020-01-20", year=2019, level="good")) == []
    )
    changed = session.post(event("retired", "HP-1", "2020-06-01"))
    assert summary(changed) == [("HP-1", RETIREMENT, "ineligible", "eligible")]
    assert changed[0].verdict.failed == []


def test_changes_go_to_callback_and_iterator(catalog: Catalog) -> None:
    """on_change sees each change; changes() drains the queue once."""
    seen: list[EligibilityChange] = []
    session = LiveSession(catalog, on_change=seen.append, queue_changes=True)
    session.post(official())
    session.post(event("retired", "HP-1", "2020-06-01"))
    queued = list(session.changes())
    assert [c.new_status for c in seen] == ["ineligible", "ineligible", "eligible"]
    assert queued == seen
    assert list(session.changes()) == []


def test_callback_alone_does_not_queue(catalog: Catalog) -> None:
    """With a callback and no queue_changes, nothing piles up in the queue."""
    seen: list[EligibilityChange] = []
    session = LiveSession(catalog, on_change=seen.append)
    session.post(official())
    assert len(seen) == 2
    assert list(session.changes()) == []


def test_only_the_concerned_nominee_is_reevaluated(catalog: Catalog) -> None:
    """An event re-evaluates its own nominee and no other."""
    judged: list[str] = []

    class Spy:
        def evaluate(
            self,
            nominee: Individual | Unit | Mapping[str, Any],
            award_id: str,
            as_of: dt.date | None = None,
            *,
            year: int | None = None,
        ) -> Verdict:
            assert isinstance(nominee, Individual | Unit)
            judged.append(nominee.id)
            return catalog.evaluate(nominee, award_id, as_of, year=year)

    session = LiveSession(catalog, engine=Spy())
    session.post(official("A"))
    session.post(official("B"))
    judged.clear()
    session.post(event("rating_recorded", "B", "2020-01-20", year=2019, level="good"))
    assert judged == ["B", "B"]


def test_default_awards_fit_kind_and_date(catalog: Catalog) -> None:
    """Units follow the unit awards in force; the anniversary award stops after 2020."""
    session = LiveSession(catalog)
    first = session.post(division())
    assert [c.award_id for c in first] == [SMALL, REGISTRATION]
    later = LiveSession(catalog)
    assert [c.award_id for c in later.post(division(date="2021-02-01"))] == [REGISTRATION]


def test_explicit_awards_and_unknown_ids(catalog: Catalog) -> None:
    """Only the awards asked for are followed; an unknown id fails at once."""
    session = LiveSession(catalog, awards=[RETIREMENT])
    assert [c.award_id for c in session.post(official())] == [RETIREMENT]
    assert session.post(division()) == []  # an individual's award: skipped for a unit
    with pytest.raises(UnknownAwardError):
        LiveSession(catalog, awards=["vss.dg_certificate.retirment"])


def test_fixed_as_of_is_the_evaluation_date(catalog: Catalog) -> None:
    """With as_of fixed, every verdict is judged on that date whatever the event's date."""
    session = LiveSession(catalog, as_of=dt.date(2020, 7, 20))
    changes = session.post(official(date="2020-01-02"))
    assert {c.verdict.as_of for c in changes} == {dt.date(2020, 7, 20)}


def test_advance_reports_changes_due_to_time(catalog: Catalog) -> None:
    """A unit turning ten becomes eligible when time advances, with no event."""
    session = LiveSession(catalog, awards=[SMALL])
    young = division(
        established_on="2010-09-01",
        ratings=[{"year": y, "level": "good"} for y in range(2010, 2020)],
    )
    [first] = session.post(young)
    assert first.new_status == "ineligible"
    assert first.verdict.earliest_eligible_on == dt.date(2020, 9, 1)
    assert session.advance(dt.date(2020, 8, 31)) == []
    [turned] = session.advance(dt.date(2020, 9, 1))
    assert (turned.old_status, turned.new_status, turned.event_index) == (
        "ineligible",
        "eligible",
        None,
    )


def test_queries_reflect_the_latest_verdicts(catalog: Catalog) -> None:
    """status(), verdict(), statuses(), nominee() and nominee_ids() read the session."""
    session = LiveSession(catalog)
    session.post(division())
    session.post(event("rating_recorded", "D-1", "2020-01-20", year=2019, level="good"))
    assert session.status("D-1", SMALL) == "eligible"
    verdict = session.verdict("D-1", SMALL)
    assert verdict is not None
    assert verdict.as_of == dt.date(2020, 1, 20)
    assert session.status("D-1", RETIREMENT) is None
    assert session.statuses() == {("D-1", SMALL): "eligible", ("D-1", REGISTRATION): "ineligible"}
    record = session.nominee("D-1")
    assert isinstance(record, Unit)
    assert record.rating_for(2019) is not None
    assert session.nominee_ids() == ["D-1"]


# -- applying events --------------------------------------------------------------------


def test_every_event_type_updates_the_record() -> None:
    """Each event type changes the record as documented, defaults from the event's date."""
    person = apply_event(None, parse_event(official(service=[])))
    steps = [
        event("service_started", "HP-1", "2010-01-04", unit_id="u1"),
        event("service_ended", "HP-1", "2019-12-31"),
        event("award_granted", "HP-1", "2015-05-05", award="vss.dg_certificate"),
        event("discipline_decided", "HP-1", "2016-02-02", form="reprimand"),
        event("rating_recorded", "HP-1", "2017-01-10", year=2016, level="excellent"),
        event("registration_made", "HP-1", "2018-02-01", titles=["vss.emulation_fighter"]),
        event("retired", "HP-1", "2020-01-01"),
    ]
    for step in steps:
        person = apply_event(person, parse_event(step))
    assert isinstance(person, Individual)
    assert [(p.unit_id, p.start, p.end) for p in person.service] == [
        ("u1", dt.date(2010, 1, 4), dt.date(2019, 12, 31))
    ]
    assert (person.awards[0].year, person.awards[0].decided_on) == (2015, dt.date(2015, 5, 5))
    assert person.disciplines[0].decided_on == dt.date(2016, 2, 2)
    assert person.ratings[0].year == 2016
    assert person.registrations[0].year == 2018
    assert person.retirement_date == dt.date(2020, 1, 1)
    unit = apply_event(None, parse_event(division(established_on=None)))
    unit = apply_event(unit, parse_event(event("unit_established", "D-1", "2007-06-01")))
    assert isinstance(unit, Unit)
    assert unit.established_on == dt.date(2007, 6, 1)
    assert set(EVENT_TYPES) == {"nominee_registered", *(s["type"] for s in steps)} | {
        "unit_established"
    }


def test_records_are_kept_in_canonical_order() -> None:
    """Ratings posted out of order are stored by year, so events commute."""
    unit = apply_event(None, parse_event(division(ratings=[])))
    for year in (2012, 2009, 2010):
        rated = event("rating_recorded", "D-1", "2020-01-01", year=year, level="good")
        unit = apply_event(unit, parse_event(rated))
    assert [r.year for r in unit.ratings] == [2009, 2010, 2012]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {"type": "rating_recordd", "nominee": "HP-1", "date": "2020-01-01"},
            "unknown event type 'rating_recordd' (did you mean rating_recorded?)",
        ),
        ({"nominee": "HP-1", "date": "2020-01-01"}, "missing 'type'"),
        (
            event("rating_recorded", "HP-1", "2020-13-01", year=2019, level="good"),
            "date: expected a date as YYYY-MM-DD, got '2020-13-01'",
        ),
        (event("rating_recorded", "HP-1", "2020-01-01", year=2019), "level: required"),
        (
            event("rating_recorded", "HP-1", "2020-01-01", year=2019, level="good", x=1),
            "x: unknown field",
        ),
        (
            event("rating_recorded", "HP-9", "2020-01-01", year=2019, level="good"),
            "nominee 'HP-9' is not registered: send a nominee_registered event first",
        ),
        (
            event("unit_established", "HP-1", "2020-01-01"),
            "unit_established applies to units; 'HP-1' is an individual",
        ),
        (
            event("service_ended", "HP-1", "2020-01-01", unit_id="elsewhere"),
            "no ongoing service period in unit 'elsewhere' to end",
        ),
        (
            event("rating_recorded", "HP-1", "2020-01-01", year=2018, level="good"),
            "a rating for 2018 is already recorded",
        ),
        (
            event("service_ended", "HP-1", "2001-01-01"),
            "service[0]: end 2001-01-01 is before start 2005-03-01",
        ),
        (official(), "nominee 'HP-1' is already registered"),
        (
            official("HP-2", full_name=""),
            "full_name: text must not be blank",
        ),
        (official("HP-3", id="x"), "give the id as 'nominee', not 'id'"),
        (["not", "a", "mapping"], "expected an object with type, nominee, date"),
    ],
)
def test_invalid_events_are_refused_and_change_nothing(
    catalog: Catalog, bad: Any, message: str
) -> None:
    """An invalid event raises EventError naming it, and the session stays as it was."""
    session = LiveSession(catalog)
    session.post(official())
    session.post(event("rating_recorded", "HP-1", "2019-01-10", year=2018, level="good"))
    record, statuses = session.nominee("HP-1"), session.statuses()
    with pytest.raises(EventError) as caught:
        session.post(bad)
    assert message in str(caught.value)
    assert str(caught.value).startswith("event 3")
    assert caught.value.index == 3
    assert isinstance(caught.value, AwardRulesError)
    assert session.nominee("HP-1") == record
    assert session.statuses() == statuses
    assert session.nominee_ids() == ["HP-1"]
    # The session goes on.
    assert summary(session.post(event("retired", "HP-1", "2020-06-01"))) == [
        ("HP-1", RETIREMENT, "ineligible", "eligible")
    ]


def test_retirement_is_set_once(catalog: Catalog) -> None:
    """The same retirement posted twice is harmless; a different date is refused."""
    session = LiveSession(catalog)
    session.post(official())
    session.post(event("retired", "HP-1", "2020-06-01"))
    assert session.post(event("retired", "HP-1", "2020-06-01")) == []
    with pytest.raises(EventError, match="retirement_date is already 2020-06-01"):
        session.post(event("retired", "HP-1", "2020-07-01"))


def test_event_error_names_the_line(catalog: Catalog) -> None:
    """A line number given to post() is what the error names."""
    session = LiveSession(catalog)
    with pytest.raises(EventError, match=r"^line 17 \(retired for 'X'\): nominee 'X' is not"):
        session.post(event("retired", "X", "2020-01-01"), line=17)


# -- order does not matter ----------------------------------------------------------------


@st.composite
def event_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A consistent set of events about one official and one division, in a valid order."""
    day = st.dates(dt.date(2005, 1, 1), dt.date(2020, 12, 31))
    events = [official("P", "2020-01-01", service=[]), division("U", "2020-01-01", ratings=[])]
    starts = draw(st.lists(day, unique=True, max_size=3))
    for i, start in enumerate(starts):
        events.append(
            event("service_started", "P", "2020-01-01", unit_id=f"u{i}", start=str(start))
        )
    if starts and draw(st.booleans()):
        end = draw(st.dates(starts[0], dt.date(2020, 12, 31)))
        events.append(event("service_ended", "P", str(end), unit_id="u0", end=str(end)))
    for nominee, first in (("P", 2005), ("U", 2008)):
        years = draw(st.lists(st.integers(first, 2020), unique=True, max_size=6))
        levels = st.sampled_from(["excellent", "good", "completed", "not_completed"])
        for year in years:
            events.append(
                event("rating_recorded", nominee, "2020-01-01", year=year, level=draw(levels))
            )
        for year in draw(st.lists(st.integers(2018, 2020), unique=True, max_size=2)):
            pledge = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            titles = draw(st.lists(st.sampled_from([REGISTRATION, SMALL, RETIREMENT]), max_size=2))
            events.append(
                event(
                    "registration_made",
                    nominee,
                    str(pledge),
                    year=year,
                    titles=titles,
                    pledge_signed_on=str(pledge),
                )
            )
        for decided in draw(st.lists(day, max_size=2)):
            events.append(event("discipline_decided", nominee, str(decided), form="reprimand"))
        if draw(st.booleans()):
            events.append(
                event("award_granted", nominee, str(draw(day)), award="vss.dg_certificate")
            )
    if draw(st.booleans()):
        events.append(event("retired", "P", str(draw(day))))
    return events


def in_valid_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Registrations first and each service_ended after the start it ends; else as given."""

    def rank(item: dict[str, Any]) -> int:
        return {"nominee_registered": 0, "service_ended": 2}.get(item["type"], 1)

    return sorted(events, key=rank)


def final_state(catalog: Catalog, events: list[dict[str, Any]], **options: Any) -> Any:
    session = LiveSession(catalog, **options)
    for item in events:
        session.post(item)
    session.advance(dt.date(2020, 12, 31))
    return session.statuses(), [session.nominee(n) for n in session.nominee_ids()]


@SETTINGS
@given(data=st.data())
def test_any_order_of_the_same_events_ends_the_same(catalog: Catalog, data: st.DataObject) -> None:
    """Any order of the same events gives the same final records and statuses."""
    events = data.draw(event_sets())
    shuffled = in_valid_order(data.draw(st.permutations(events)))
    expected = final_state(catalog, events)
    assert final_state(catalog, shuffled) == expected, json.dumps(shuffled, indent=1)
    fixed = {"as_of": dt.date(2020, 7, 20)}
    assert final_state(catalog, shuffled, **fixed) == final_state(catalog, events, **fixed)


# -- run_watch ---------------------------------------------------------------------------


def test_run_watch_prints_changes_as_json_lines(catalog: Catalog) -> None:
    """Each change is one JSON line with nominee, award, old, new, date and explanation."""
    lines = [
        json.dumps(division("D-1", "2020-01-02")),
        "",
        json.dumps(event("rating_recorded", "D-1", "2020-01-20", year=2019, level="good")),
    ]
    out, err = io.StringIO(), io.StringIO()
    assert run_watch(catalog, lines, out, engine="native", lang="en", err=err) == 0
    assert err.getvalue() == ""
    printed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(p["line"], p["award"], p["old"], p["new"]) for p in printed] == [
        (1, SMALL, None, "undetermined"),
        (1, REGISTRATION, None, "ineligible"),
        (3, SMALL, "undetermined", "eligible"),
    ]
    assert printed[0]["missing"] == ["ratings[2019]"]
    assert printed[2]["date"] == "2020-01-20"
    assert printed[2]["nominee"] == "D-1"
    assert "Verdict: ELIGIBLE" in printed[2]["explanation"]


def test_run_watch_reports_bad_lines_and_goes_on(catalog: Catalog) -> None:
    """A bad line is reported with its number; later lines still count; the status is 2."""
    lines = [
        "{not json",
        json.dumps(event("retired", "nobody", "2020-01-01")),
        json.dumps(official()),
    ]
    out, err = io.StringIO(), io.StringIO()
    assert run_watch(catalog, lines, out, engine="native", lang="vi", err=err) == 2
    assert err.getvalue().splitlines() == [
        "award-rules: error: line 1: invalid JSON: Expecting property name enclosed in "
        "double quotes (column 2)",
        "award-rules: error: line 2 (retired for 'nobody'): nominee 'nobody' is not "
        "registered: send a nominee_registered event first",
    ]
    printed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [p["line"] for p in printed] == [3, 3]
    assert "Kết luận: KHÔNG ĐỦ ĐIỀU KIỆN" in printed[0]["explanation"]


def test_run_watch_refuses_duplicate_keys_with_line_and_column(catalog: Catalog) -> None:
    """An event line with a key twice is refused (line and column), not read last-wins."""
    good = json.dumps(official())
    twice = good[:-1] + ', "kind": "unit"}'
    out, err = io.StringIO(), io.StringIO()
    assert run_watch(catalog, [twice, good], out, engine="native", lang="en", err=err) == 2
    column = twice.rindex('"kind"') + 1
    assert err.getvalue().splitlines() == [
        f"award-rules: error: line 1: duplicate key 'kind' (column {column})"
    ]
    assert {json.loads(line)["line"] for line in out.getvalue().splitlines()} == {2}


def test_run_watch_applies_the_input_limits(catalog: Catalog) -> None:
    """Deep nesting, oversize lines, NaN and control characters are located errors; the run
    goes on to the next line."""
    from award_rules.reading import Limits, set_default_limits

    good = json.dumps(official())
    lines = [
        "[" * 30 + "]" * 30,
        json.dumps(event("retired", "HP-1", "2020-01-02", note="x" * len(good))),
        '{"type": "retired", "nominee": "HP-1", "date": "2020-01-02", "n": NaN}',
        '{"type": "retired\\u001b", "nominee": "HP-1", "date": "2020-01-02"}',
        '{"type": "retired\x1b", "nominee": "HP-1", "date": "2020-01-02"}',
        good,
    ]
    limit = len(good) + 10
    previous = set_default_limits(Limits(max_bytes=limit, max_depth=20))
    try:
        out, err = io.StringIO(), io.StringIO()
        assert run_watch(catalog, lines, out, engine="native", lang="en", err=err) == 2
    finally:
        set_default_limits(previous)
    problems = err.getvalue().splitlines()
    assert [p.split(":")[2].strip() for p in problems] == [f"line {n}" for n in range(1, 6)]
    assert "nested" in problems[0]
    assert "(column " in problems[0]
    assert f"larger than the limit of {limit} bytes" in problems[1]
    assert "NaN" in problems[2]
    assert problems[2].endswith(f"(column {lines[2].index('NaN') + 1})")
    assert "U+001B" in problems[3]
    assert problems[3].endswith(f"(column {lines[3].index('retired')})")  # the string's quote
    assert problems[4].endswith("control character U+001B is not allowed (column 18)")
    assert {json.loads(line)["line"] for line in out.getvalue().splitlines()} == {6}


def test_run_watch_on_the_example_file(catalog: Catalog) -> None:
    """The example events replay without a bad line and end with the expected changes."""
    lines = EVENTS_FILE.read_text(encoding="utf-8").splitlines()
    out = io.StringIO()
    assert run_watch(catalog, lines, out, engine="native", lang="en") == 0
    printed = [json.loads(line) for line in out.getvalue().splitlines()]
    retired = [p for p in printed if p["nominee"] == "HD-0101" and p["award"] == RETIREMENT]
    assert [(p["old"], p["new"], p["date"]) for p in retired] == [
        (None, "ineligible", "2020-01-02"),
        ("ineligible", "eligible", "2020-06-01"),
    ]


# -- engines ------------------------------------------------------------------------------


def test_unknown_engine_name(catalog: Catalog) -> None:
    """An engine name other than native or durable is refused."""
    with pytest.raises(ValueError, match="unknown engine 'rete'"):
        LiveSession(catalog, engine="rete")
    assert engine_for(catalog, "native") is catalog


def test_durable_engine_missing_gives_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without durable-rules, asking for it names the extra in one line."""
    fresh = vss_catalog(tmp_path)  # no durable engine cached on it yet
    monkeypatch.setitem(sys.modules, "durable.lang", None)
    with pytest.raises(EngineUnavailableError) as caught:
        LiveSession(fresh, engine="durable")
    assert str(caught.value) == UNAVAILABLE
    assert "\n" not in str(caught.value)


def test_example_script_runs_with_the_native_engine(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/live_province_year.py replays the year and prints changes with reasons."""
    script = runpy.run_path(str(ROOT / "examples" / "live_province_year.py"), run_name="example")
    assert script["main"](["--engine", "native"]) == 0
    printed = capsys.readouterr().out
    assert "time passed" in printed  # the team turning ten at the end of September
    assert "Not disciplined during service in the sector: disciplined: warning" in printed
    assert "30/09/2020  Tổ Kiểm tra" in printed
    assert "eligible      hd-to-kiem-tra       vss.dg_certificate.small_collective" in printed
