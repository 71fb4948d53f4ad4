"""The durable-rules engine backend: same verdicts as the native engine, isolated sessions."""

from __future__ import annotations

import atexit
import datetime as dt
import difflib
import json
import shutil
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("durable.lang")

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import award_rules.engines.durable as durable_module
from award_rules import (
    Catalog,
    Individual,
    NomineeError,
    Unit,
    load_catalog,
    load_nominee,
    parse_nominee,
)
from award_rules.engines import engine_for
from award_rules.engines.durable import DurableEngine, EngineDisagreementError
from award_rules.errors import AwardRulesError, EngineUnavailableError
from award_rules.live import LiveSession
from award_rules.testing.strategies import in_force_dates, nominees_and_dates
from conftest import (
    CRITERIA,
    EVENTS_FILE,
    NOMINEES,
    REGISTRATION,
    RETIREMENT,
    SMALL,
    examples,
    shipped_catalog,
)

ON_ANNIVERSARY = dt.date(2020, 7, 20)

SETTINGS = settings(
    max_examples=examples(40),
    deadline=None,
    database=None,
    report_multiple_bugs=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)

# Criteria that use every construct the shipped VSS ones do not: any, not, nested
# groups, a group wider than one durable rule can join, a leaf as the whole
# criterion, references (nested, and the same one reached twice).
EXTRA_CRITERIA = {
    "mixed.yaml": """
id: example.live.mixed
name: {vi: Ví dụ hỗn hợp, en: Mixed example}
subject: individual
source: Example
in_force: {from: 2016-01-01}
conditions:
  - id: registration
    check: meets_criteria
    award: vss.year_end_registration
  - id: history
    any:
      - {id: long_service, check: service_years, min_years: 15}
      - all:
          - {id: rated, check: ratings_at_least, level: good, years: {last: 3}}
          - id: not_always_excellent
            not: {id: excellent, check: ratings_at_least, level: excellent, years: {last: 2}}
      - id: no_medal
        not: {id: has_medal, check: received_award, award: state.labor_medal}
  - {id: retiring, check: meets_criteria, award: example.live.single}
""",
    "single.yaml": """
id: example.live.single
name: {vi: Nghỉ hưu, en: Retiring}
subject: individual
source: Example
in_force: {from: 2010-01-01}
conditions: {id: retired, check: retired, or_in_evaluation_year: true}
""",
    "wide.yaml": """
id: example.live.wide
name: {vi: Nhiều điều kiện, en: Many conditions}
subject: individual
source: Example
in_force: {from: 2010-01-01}
conditions:
  - id: some_service
    any:
"""
    + "".join(
        f"      - {{id: s{n}, check: service_years, min_years: {n}, in_sector_only: false}}\n"
        for n in range(30, 19, -1)
    )
    + "".join(
        f"  - {{id: not_{award.replace('.', '_')}, check: not_received_award, award: {award}}}\n"
        for award in [
            "state.independence_medal",
            "state.labor_medal",
            "state.labor_medal.first",
            "state.labor_medal.second",
            "state.labor_medal.third",
            "state.feat_medal",
            "government.emulation_flag",
            "government.pm_certificate",
            "vss.emulation_flag",
        ]
    ),
    "nested.yaml": """
id: example.live.nested
name: {vi: Lồng nhau, en: Nested}
subject: individual
source: Example
in_force: {from: 2016-01-01}
conditions:
  - {id: mixed, check: meets_criteria, award: example.live.mixed}
  - any:
      - {id: single, check: meets_criteria, award: example.live.single}
      - {id: wide, check: meets_criteria, award: example.live.wide}
""",
}


VSS_FILES = (
    "dg_certificate.retirement.yaml",
    "dg_certificate.small_collective.yaml",
    "year_end_registration.yaml",
)


@cache
def criteria_dir(with_examples: bool) -> Path:
    """Three shipped VSS criteria (and the examples above), in a folder of their own."""
    folder = Path(tempfile.mkdtemp(prefix="award-rules-durable-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name in VSS_FILES:
        (folder / name).write_bytes((CRITERIA / "vss" / name).read_bytes())
    if with_examples:
        for name, text in EXTRA_CRITERIA.items():
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@cache
def extended() -> Catalog:
    """The three VSS criteria and the examples."""
    return load_catalog(criteria_dir(True))


@cache
def vss_only() -> Catalog:
    """The three VSS criteria alone (the ones the example events are about)."""
    return load_catalog(criteria_dir(False))


@cache
def durable_for(which: str) -> DurableEngine:
    # check=False: the verdicts are compared here, not by the engine's own cross-check.
    return DurableEngine(shipped_catalog() if which == "shipped" else extended(), check=False)


def outcome(evaluate: Any, nominee: Any, award_id: str, day: dt.date) -> tuple[Any, ...]:
    """What a verdict says (or the error raised), for comparing engines."""
    try:
        verdict = evaluate(nominee, award_id, day)
    except AwardRulesError as exc:
        return ("error", type(exc).__name__, str(exc))
    return (
        verdict.status,
        verdict.failed,
        verdict.missing,
        verdict.earliest_eligible_on,
        verdict.unverified,
        verdict.explain("en"),
    )


def compare(which: str, nominee: Individual | Unit, award_id: str, day: dt.date) -> None:
    """Both engines say the same; the message is the counter-example, ready to replay."""
    catalog = shipped_catalog() if which == "shipped" else extended()
    native = outcome(catalog.evaluate, nominee, award_id, day)
    durable = outcome(durable_for(which).evaluate, nominee, award_id, day)
    if native != durable:
        data = {"kind": nominee.kind, **nominee.model_dump(mode="json", exclude_defaults=True)}
        fields = ("status", "failed", "missing", "earliest", "unverified", "explanation")
        differ = [f for f, a, b in zip(fields, native, durable, strict=False) if a != b]
        lines = [
            f"  {f}: native {a!r} / durable {b!r}"
            for f, a, b in zip(fields, native, durable, strict=False)
            if a != b and f != "explanation"
        ]
        if "explanation" in differ:
            diff = difflib.unified_diff(
                str(native[-1]).splitlines(),
                str(durable[-1]).splitlines(),
                "native",
                "durable",
                lineterm="",
            )
            lines.append("\n".join(diff))
        pytest.fail(
            f"engines disagree ({', '.join(differ)}) on {award_id} as of {day.isoformat()} for\n"
            f"{json.dumps(data, ensure_ascii=False)}\n" + "\n".join(lines)
        )


# -- a simple strategy of nominees, 2005-2020 --------------------------------------------

AWARD_IDS = ["vss.dg_certificate", "state.labor_medal", "vss.emulation_flag"]
TITLES = sorted(set(shipped_catalog().ids()) | set(extended().ids()))
YEARS = st.integers(2003, 2020)


def days(first: int = 1995, last: int = 2020) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))


@st.composite
def nominees(draw: st.DrawFn, kind: str) -> Individual | Unit:
    """An individual or a unit with service, ratings, disciplines, awards, registrations."""
    exemplary = draw(st.booleans())
    data: dict[str, Any] = {"kind": kind, "id": "N-1"}
    if kind == "individual":
        data["full_name"] = "Người Thử"
        periods = []
        for start in draw(st.lists(days(1990), max_size=3)):
            end = draw(st.none() | st.dates(start, dt.date(2021, 12, 31)))
            periods.append(
                {"start": start, "end": end, "in_sector": draw(st.booleans()) or exemplary}
            )
        if exemplary:  # long in-sector service, retiring around the years judged
            periods.append({"start": draw(days(1985, 2004)), "end": None, "in_sector": True})
        data["service"] = periods
        retiring = days(2015, 2021) if exemplary else st.none() | days(2010, 2022)
        data["retirement_date"] = draw(retiring)
        first_year = 2003
    else:
        data["name"] = "Đơn vị Thử"
        data["level"] = draw(st.sampled_from(["division", "division", "district", "province"]))
        founded = draw(st.none() | days(1995, 2020))
        data["established_on"] = founded
        first_year = founded.year if founded else 2003
    levels = st.sampled_from(["excellent", "good", "completed", "not_completed"])
    if exemplary:
        data["ratings"] = [{"year": y, "level": "good"} for y in range(first_year, 2021)]
    else:
        years = draw(st.lists(st.integers(first_year, 2020), unique=True, max_size=8))
        data["ratings"] = [{"year": y, "level": draw(levels)} for y in years]
    if not exemplary:
        forms = st.sampled_from(["reprimand", "warning", "demotion"])
        data["disciplines"] = [
            {"form": draw(forms), "decided_on": day}
            for day in draw(st.lists(days(2000), max_size=2))
        ]
        data["awards"] = [
            {"award": draw(st.sampled_from(AWARD_IDS)), "year": year}
            for year in draw(st.lists(YEARS, max_size=2))
        ]
    registrations = []
    if exemplary:  # registered for every title each year, the pledge signed in February
        for year in range(2010, 2022):
            pledge = dt.date(year, 2, draw(st.integers(1, 28)))
            registrations.append({"year": year, "titles": TITLES, "pledge_signed_on": pledge})
    free_years = st.lists(st.integers(2010, 2021), unique=True, max_size=3)
    for year in [] if exemplary else draw(free_years):
        pledge = draw(st.none() | st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        titles = draw(st.lists(st.sampled_from(TITLES), max_size=3))
        registrations.append({"year": year, "titles": titles, "pledge_signed_on": pledge})
    data["registrations"] = registrations
    try:
        return parse_nominee(data)
    except NomineeError:
        reject()


def subject_kinds(catalog: Catalog, award_id: str) -> list[str]:
    subjects = {version.doc.subject for version in catalog.versions(award_id)}
    return ["individual", "unit"] if "any" in subjects else sorted(subjects)


SHIPPED_IDS = shipped_catalog().ids()
EXTENDED_IDS = extended().ids()


# -- differential tests -------------------------------------------------------------------


@pytest.mark.parametrize("award_id", SHIPPED_IDS)
@SETTINGS
@given(data=st.data())
def test_engines_agree_on_shipped_criteria(award_id: str, data: st.DataObject) -> None:
    """For generated nominees and every shipped criterion, both engines give the same verdict."""
    catalog = shipped_catalog()
    kind = data.draw(st.sampled_from(subject_kinds(catalog, award_id)), label="kind")
    nominee = data.draw(nominees(kind), label="nominee")
    day = data.draw(in_force_dates(catalog, award_id) | days(2005), label="as_of")
    compare("shipped", nominee, award_id, day)


@pytest.mark.parametrize("award_id", SHIPPED_IDS)
@SETTINGS
@given(data=st.data())
def test_engines_agree_on_library_strategies(award_id: str, data: st.DataObject) -> None:
    """The library's own nominee strategies (exemplary and free nominees) agree too."""
    nominee, day = data.draw(
        nominees_and_dates(shipped_catalog(), award_id), label="nominee, as_of"
    )
    compare("shipped", nominee, award_id, day)


@pytest.mark.parametrize("award_id", [a for a in EXTENDED_IDS if a.startswith("example.")])
@SETTINGS
@given(data=st.data())
def test_engines_agree_on_groups_and_references(award_id: str, data: st.DataObject) -> None:
    """any, not, wide groups, leaf criteria and nested references agree with the native engine."""
    nominee = data.draw(nominees("individual"), label="nominee")
    day = data.draw(days(2016), label="as_of")
    compare("extended", nominee, award_id, day)


@pytest.mark.parametrize(
    ("file_name", "award_id"),
    [
        ("retiring_official.yaml", RETIREMENT),
        ("short_service_official.yaml", RETIREMENT),
        ("disciplined_official.yaml", RETIREMENT),
        ("official_no_history.yaml", RETIREMENT),
        ("division_2005.yaml", SMALL),
        ("division_2010.yaml", SMALL),
        ("division_missing_rating.yaml", SMALL),
        ("division_2005.yaml", REGISTRATION),
    ],
)
def test_example_nominees_get_the_native_verdict(file_name: str, award_id: str) -> None:
    """The example nominees' verdicts are identical, JSON form and explanations included."""
    nominee = load_nominee(NOMINEES / file_name)
    native = shipped_catalog().evaluate(nominee, award_id, ON_ANNIVERSARY)
    durable = durable_for("shipped").evaluate(nominee, award_id, ON_ANNIVERSARY)
    assert durable.to_dict() == native.to_dict()
    assert durable.explain("vi") == native.explain("vi")
    assert durable.earliest_eligible_on == native.earliest_eligible_on


def test_references_are_reported_with_both_ids() -> None:
    """A failure inside a referenced criterion reads reference/leaf, as natively."""
    person = {
        "kind": "individual",
        "id": "R-1",
        "full_name": "Người Thử",
        "service": [{"start": "2000-01-01"}],
        "retirement_date": "2020-10-01",
        "registrations": [{"year": 2020, "titles": ["example.live.nested"]}],
    }
    native = extended().evaluate(person, "example.live.nested", ON_ANNIVERSARY)
    durable = durable_for("extended").evaluate(person, "example.live.nested", ON_ANNIVERSARY)
    assert durable.failed == native.failed == ["mixed/registration/pledge_signed_on_time"]
    assert durable.to_dict() == native.to_dict()


# -- what durable-rules holds -------------------------------------------------------------


def test_group_values_are_derived_by_rules() -> None:
    """Only leaf facts are asserted; the rules derive every group's fact, up to the root."""
    engine = DurableEngine(extended())
    person = load_nominee(NOMINEES / "retiring_official.yaml")
    verdict = engine.evaluate(person, "example.live.mixed", ON_ANNIVERSARY)
    facts = {fact["node"]: fact for fact in engine.facts(person.id) if fact["t"] == "node"}
    root = facts["example.live.mixed@2016-01-01/conditions"]
    assert (
        root["value"] == {True: "pass", False: "fail", None: "unknown"}[verdict.conditions.passed]
    )
    assert facts["example.live.mixed@2016-01-01/conditions.1"]["value"] in {"pass", "fail"}
    # the reference copies the root of the referenced (leaf-only) criterion
    single_root = facts["example.live.single@2010-01-01/conditions"]["value"]
    assert facts["example.live.mixed@2016-01-01/conditions.2"]["value"] == single_root
    refs = [fact for fact in engine.facts(person.id) if fact["t"] == "ref"]
    assert {fact["target"] for fact in refs} == {
        "vss.year_end_registration@2011-01-04/conditions",
        "example.live.single@2010-01-01/conditions",
    }
    engine.close()


def test_wide_groups_are_split_and_still_agree() -> None:
    """A group of 11 children becomes nested groups of at most 8; the value is the same."""
    engine = DurableEngine(extended())
    person = {
        "kind": "individual",
        "id": "W-1",
        "full_name": "Người Thử",
        "service": [{"start": "1995-01-01", "end": "2019-12-31", "in_sector": False}],
    }
    verdict = engine.evaluate(person, "example.live.wide", ON_ANNIVERSARY)
    assert verdict.status == "eligible"  # 25 years: s20..s25 pass
    names = {fact["node"] for fact in engine.facts("W-1")}
    assert "example.live.wide@2010-01-01/conditions.0~0.0" in names
    assert "example.live.wide@2010-01-01/conditions.0~0.1" in names
    engine.close()


def test_each_nominee_has_its_own_session() -> None:
    """Facts of one nominee are never in another's session."""
    engine = DurableEngine(shipped_catalog())
    official = load_nominee(NOMINEES / "retiring_official.yaml")
    other = load_nominee(NOMINEES / "short_service_official.yaml")
    engine.evaluate(official, RETIREMENT, ON_ANNIVERSARY)
    engine.evaluate(other, RETIREMENT, ON_ANNIVERSARY)
    assert engine.sessions() == [official.id, other.id]
    for nominee, root in ((official, "pass"), (other, "fail")):
        facts = engine.facts(nominee.id)
        assert {fact["nominee"] for fact in facts} == {nominee.id}
        assert {fact["sid"] for fact in facts} == {nominee.id}
        [top] = [
            f for f in facts if f["node"] == "vss.dg_certificate.retirement@2016-01-01/conditions"
        ]
        assert top["value"] == root
    engine.close()


def test_sessions_are_rebuilt_for_each_evaluation() -> None:
    """A second evaluation of the same nominee starts from a fresh session."""
    engine = DurableEngine(shipped_catalog())
    official = load_nominee(NOMINEES / "retiring_official.yaml")
    engine.evaluate(official, RETIREMENT, ON_ANNIVERSARY)
    engine.evaluate(official, REGISTRATION, ON_ANNIVERSARY)
    owners = {fact["node"].split("/")[0] for fact in engine.facts(official.id)}
    assert owners == {"vss.year_end_registration@2011-01-04"}
    engine.close()


def test_kept_sessions_are_bounded() -> None:
    """keep_sessions keeps the latest nominees' sessions only; 0 keeps none."""
    people = [dict(kind="individual", id=f"K-{n}", full_name="Người Thử") for n in range(4)]
    engine = DurableEngine(shipped_catalog(), keep_sessions=2)
    for person in people:
        engine.evaluate(person, RETIREMENT, ON_ANNIVERSARY)
    assert engine.sessions() == ["K-2", "K-3"]
    assert engine.facts("K-0") == []
    assert engine.facts("K-3") != []
    engine.close()
    none_kept = DurableEngine(shipped_catalog(), keep_sessions=0)
    assert none_kept.evaluate(people[0], RETIREMENT, ON_ANNIVERSARY).status == "ineligible"
    assert none_kept.sessions() == []
    assert none_kept.facts("K-0") == []
    none_kept.close()
    with pytest.raises(ValueError, match="keep_sessions"):
        DurableEngine(shipped_catalog(), keep_sessions=5000)


def test_many_nominees_beyond_durables_session_limit() -> None:
    """More nominees than durable-rules holds sessions for are judged correctly."""
    engine = DurableEngine(shipped_catalog(), keep_sessions=8)
    for n in range(1100):
        person = {"kind": "individual", "id": f"M-{n}", "full_name": "Người Thử"}
        assert engine.evaluate(person, RETIREMENT, ON_ANNIVERSARY).status == "ineligible"
    assert len(engine.sessions()) == 8
    engine.close()


# -- isolation ----------------------------------------------------------------------------


def test_two_catalogs_never_see_each_others_facts(tmp_path: Path) -> None:
    """Two engines, one nominee id: each judges by its own criteria and holds its own facts."""
    strict = CRITERIA / "vss" / "dg_certificate.retirement.yaml"
    text = strict.read_text(encoding="utf-8").replace("value: 10\n", "value: 30\n", 1)
    (tmp_path / "retirement.yaml").write_text(text, encoding="utf-8")
    other = DurableEngine(load_catalog(tmp_path))
    mine = DurableEngine(shipped_catalog())
    assert other.ruleset_name != mine.ruleset_name
    official = load_nominee(NOMINEES / "retiring_official.yaml")
    assert mine.evaluate(official, RETIREMENT, ON_ANNIVERSARY).status == "eligible"
    assert other.evaluate(official, RETIREMENT, ON_ANNIVERSARY).status == "ineligible"
    assert mine.evaluate(official, RETIREMENT, ON_ANNIVERSARY).status == "eligible"
    root = "vss.dg_certificate.retirement@2016-01-01/conditions"
    values = {
        name: {f["node"]: f["value"] for f in engine.facts(official.id)}[root]
        for name, engine in (("mine", mine), ("other", other))
    }
    assert values == {"mine": "pass", "other": "fail"}
    other.close()
    assert mine.facts(official.id) != []  # closing one engine leaves the other's sessions
    mine.close()


def test_threads_get_correct_results() -> None:
    """Eight threads evaluating at once, on two engines, get the native verdicts."""
    engines = [DurableEngine(shipped_catalog()), DurableEngine(extended())]
    catalogs = [shipped_catalog(), extended()]
    cases = []
    for n in range(48):
        person = {
            "kind": "individual",
            "id": f"T-{n % 7}",  # the same ids in several threads at once
            "full_name": "Người Thử",
            "service": [{"start": dt.date(2000 + n % 15, 1 + n % 12, 1).isoformat()}],
            "retirement_date": "2020-05-01" if n % 3 else None,
            "disciplines": [{"form": "reprimand", "decided_on": "2015-01-01"}]
            if n % 5 == 0
            else [],
        }
        cases.append((n % 2, person, RETIREMENT if n % 2 == 0 else "example.live.nested"))
    expected = [catalogs[i].evaluate(p, a, ON_ANNIVERSARY).to_dict() for i, p, a in cases]
    workers = 8
    start = threading.Barrier(workers)
    results: dict[int, dict[str, Any]] = {}

    def work(first: int) -> None:
        start.wait(timeout=30)
        for k in range(first, len(cases), workers):
            index, person, award_id = cases[k]
            results[k] = engines[index].evaluate(person, award_id, ON_ANNIVERSARY).to_dict()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(work, first) for first in range(workers)]:
            future.result()
    assert [results[k] for k in range(len(cases))] == expected
    assert {verdict["status"] for verdict in expected} == {"eligible", "ineligible"}
    for engine in engines:
        engine.close()


# -- failures -----------------------------------------------------------------------------


def test_durable_missing_gives_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without durable-rules the engine cannot be created; the error names the extra."""
    monkeypatch.setitem(sys.modules, "durable.lang", None)
    with pytest.raises(EngineUnavailableError) as caught:
        DurableEngine(shipped_catalog())
    assert str(caught.value) == durable_module.UNAVAILABLE_MESSAGE
    assert str(caught.value) == (
        "durable-rules engine needs the extra: pip install 'award-rules[durable]' "
        "(not available on Python 3.13+)"
    )
    assert durable_module.durable_available() is False


def test_a_wrong_rule_is_caught_by_the_native_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """If a compiled rule derived a wrong value, the cross-check would say so."""

    def always_pass(node: str, value: Any) -> Any:
        def action(c: Any) -> None:
            c.assert_fact({"t": "node", "id": f"n:{node}", "node": node, "value": "pass"})

        return action

    monkeypatch.setattr(durable_module, "_assert_node", always_pass)
    engine = DurableEngine(shipped_catalog())
    official = load_nominee(NOMINEES / "short_service_official.yaml")
    with pytest.raises(EngineDisagreementError, match="durable-rules says pass"):
        engine.evaluate(official, RETIREMENT, ON_ANNIVERSARY)
    unchecked = DurableEngine(shipped_catalog(), check=False)
    assert unchecked.evaluate(official, RETIREMENT, ON_ANNIVERSARY).status == "eligible"
    engine.close()
    unchecked.close()


def test_a_failing_action_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """durable-rules swallows an action's exception; the engine raises it."""

    def broken(node: str, value: Any) -> Any:
        def action(c: Any) -> None:
            raise ValueError("broken rule")

        return action

    monkeypatch.setattr(durable_module, "_assert_node", broken)
    engine = DurableEngine(shipped_catalog())
    official = load_nominee(NOMINEES / "retiring_official.yaml")
    with pytest.raises(RuntimeError, match=r"a durable-rules action failed: .*broken rule"):
        engine.evaluate(official, RETIREMENT, ON_ANNIVERSARY)
    assert engine.sessions() == []
    engine.close()


def test_close_unregisters_the_ruleset() -> None:
    """A closed engine's ruleset leaves the host; using it again is an error."""
    with DurableEngine(shipped_catalog()) as engine:
        name = engine.ruleset_name
        assert name in durable_module._host()._ruleset_directory
        engine.evaluate(
            load_nominee(NOMINEES / "retiring_official.yaml"), RETIREMENT, ON_ANNIVERSARY
        )
    assert name not in durable_module._host()._ruleset_directory
    assert "closed" in repr(engine)
    with pytest.raises(RuntimeError, match="closed"):
        engine.evaluate(
            load_nominee(NOMINEES / "retiring_official.yaml"), RETIREMENT, ON_ANNIVERSARY
        )


def test_engine_for_keeps_one_durable_engine_per_catalog() -> None:
    """engine_for gives the same DurableEngine for a catalog, another for another catalog."""
    first = engine_for(shipped_catalog(), "durable")
    assert isinstance(first, DurableEngine)
    assert engine_for(shipped_catalog(), "durable") is first
    assert engine_for(extended(), "durable") is not first


# -- live sessions on durable-rules --------------------------------------------------------


def replay(engine: str, events: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    catalog = vss_only()
    session = LiveSession(catalog, engine=engine)
    changes = []
    for event in events:
        for change in session.post(event):
            changes.append(
                (
                    change.nominee_id,
                    change.award_id,
                    change.old_status,
                    change.new_status,
                    change.verdict.explain("en"),
                )
            )
    for change in session.advance(dt.date(2020, 12, 31)):
        changes.append(
            (
                change.nominee_id,
                change.award_id,
                change.old_status,
                change.new_status,
                change.verdict.explain("en"),
            )
        )
    return changes


EXAMPLE_EVENTS = [
    json.loads(line) for line in EVENTS_FILE.read_text(encoding="utf-8").splitlines() if line
]


def test_live_session_on_durable_matches_native() -> None:
    """The example year gives the same changes, explanations included, on both engines."""
    durable = replay("durable", EXAMPLE_EVENTS)
    assert durable == replay("native", EXAMPLE_EVENTS)
    assert ("HD-0103", RETIREMENT, "eligible", "ineligible") in [c[:4] for c in durable]


@settings(SETTINGS, max_examples=examples(15))
@given(order=st.permutations(EXAMPLE_EVENTS))
def test_any_order_of_the_example_events_ends_the_same_on_durable(
    order: list[dict[str, Any]],
) -> None:
    """Shuffled (registrations first, ends after starts), the year ends in the same statuses."""
    rank = {"nominee_registered": 0, "service_ended": 2}
    shuffled = sorted(order, key=lambda event: rank.get(event["type"], 1))
    catalog = vss_only()
    finals = []
    for engine, events in (("durable", shuffled), ("native", EXAMPLE_EVENTS)):
        session = LiveSession(catalog, engine=engine, as_of=dt.date(2020, 12, 31))
        session.post_many(events)
        finals.append(session.statuses())
    assert finals[0] == finals[1]
