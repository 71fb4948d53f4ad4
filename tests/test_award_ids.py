"""Award ids in nominee data are checked against the registry; ``--year`` is strict."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from award_rules import NomineeError, load_catalog, parse_nominee
from award_rules.admission import REMEMBERED_FROM, NomineeGate
from award_rules.cli import main
from award_rules.nominees import read_nominees, unknown_award_ids

OFFICIAL = (
    Path(__file__).resolve().parents[1] / "examples" / "nominees" / "short_service_official.yaml"
)
NOMINEE = """\
kind: individual
id: HP-1
full_name: Nguyễn Văn A
service:
  - {start: 2000-01-01, end: 2020-03-31}
retirement_date: 2020-04-01
awards:
  - {award: vss.commemorative_medal, year: 2008}
  - {award: vss.commemorative_medall, year: 2010}
registrations:
  - {year: 2019, titles: [national.advanced_workr, vss.year_end_registration]}
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the command line."""
    out, err = io.StringIO(), io.StringIO()
    status = main([str(a) for a in args], out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def nominee_file(tmp_path: Path) -> Path:
    """A nominee whose records misspell two award ids."""
    path = tmp_path / "nominee.yaml"
    path.write_text(NOMINEE, encoding="utf-8")
    return path


def test_unknown_award_ids_name_path_location_and_suggestion(nominee_file: Path) -> None:
    """Each unknown id gets its field path, file position and the closest known ids."""
    catalog = load_catalog()
    ((nominee, document),) = read_nominees(nominee_file)
    problems = unknown_award_ids(nominee, {*catalog.ids(), *catalog.awards}, document)
    assert [p.path for p in problems] == ["awards[1].award", "registrations[0].titles[0]"]
    assert [p.code for p in problems] == ["unknown-award", "unknown-award"]
    assert "vss.commemorative_medal" in problems[0].hint
    assert "national.advanced_worker" in problems[1].hint
    assert [(p.location.line, p.location.column) for p in problems if p.location] == [
        (9, 13),
        (11, 27),
    ]


def test_known_ids_pass_and_a_host_can_add_its_own() -> None:
    """Ids in the registry pass; a host's own ids pass once it declares them."""
    record = {
        "kind": "unit",
        "id": "U",
        "name": "N",
        "level": "division",
        "awards": [{"award": "host.own_prize", "year": 2020}],
    }
    nominee = parse_nominee(record)
    catalog = load_catalog()
    known = {*catalog.ids(), *catalog.awards}
    assert [p.path for p in unknown_award_ids(nominee, known)] == ["awards[0].award"]
    assert unknown_award_ids(nominee, {*known, "host.own_prize"}) == []


def test_check_refuses_a_misspelt_award_id_in_the_records(nominee_file: Path) -> None:
    """The once-only medal is not judged again on a misspelt record: exit 2, located."""
    status, out, err = run("check", nominee_file, "--award", "vss.commemorative_medal")
    assert status == 2
    assert out == ""
    assert f"{nominee_file}:9:13: awards[1].award: unknown award id" in err
    assert "did you mean vss.commemorative_medal" in err


@pytest.mark.parametrize("year", ["0", "-1", "1899", "2201", "10000", "2019.0", "x"])
def test_year_out_of_range_is_a_usage_error(year: str) -> None:
    """``--year`` outside the judged years (1900-2200) or not a whole number exits 2."""
    status, _, err = run(
        "check",
        OFFICIAL,
        "--award",
        "national.advanced_worker",
        f"--year={year}",
    )
    assert status == 2
    assert "--year" in err
    assert "Traceback" not in err
    if year.lstrip("-").isdigit():
        assert "from 1900 to 2200" in err


def test_year_with_a_non_annual_award_is_a_usage_error() -> None:
    """``--year`` is refused for an award that is not judged for a year."""
    status, out, err = run(
        "check",
        OFFICIAL,
        "--award",
        "vss.dg_certificate.retirement",
        "--year",
        "2019",
    )
    assert status == 2
    assert out == ""
    assert "not judged for a year" in err


def test_year_with_an_annual_award_is_judged() -> None:
    """``--year`` with a year-end title is accepted and judged (exit 0, 1 or 3)."""
    status, out, _ = run(
        "check",
        OFFICIAL,
        "--award",
        "national.advanced_worker",
        "--year",
        "2019",
        "--lang",
        "en",
    )
    assert status in (0, 1, 3)
    assert "2019" in out


def test_check_reads_the_nominee_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """``check -`` reads the nominee from standard input through the same gate."""
    text = OFFICIAL.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))
    status, out, _ = run(
        "check",
        "-",
        "--award",
        "vss.dg_certificate.retirement",
        "--as-of",
        "2020-07-20",
        "--lang",
        "en",
    )
    assert status == 1
    assert "Trần Văn Bình" in out


MISSPELT = {
    "kind": "individual",
    "id": "HP-1",
    "full_name": "Nguyễn Văn A",
    "service": [{"start": "2000-01-01", "end": "2020-03-31"}],
    "retirement_date": "2020-04-01",
    "awards": [
        {"award": "vss.commemorative_medal", "year": 2008},
        {"award": "vss.commemorative_medall", "year": 2010},
    ],
    "registrations": [{"year": 2019, "titles": ["national.advanced_workr"]}],
}


@pytest.mark.parametrize("given", ["mapping", "model"])
@pytest.mark.parametrize(
    "call",
    [
        lambda c, n: c.evaluate(n, "vss.dg_certificate.retirement", "2020-07-20"),
        lambda c, n: c.status(n, "vss.dg_certificate.retirement", "2020-07-20"),
        lambda c, n: c.evaluate_all(n, "2020-07-20"),
        lambda c, n: c.statuses(n, "2020-07-20"),
        lambda c, n: c.statuses(n, "2020-07-20", awards=["vss.dg_certificate.retirement"]),
    ],
    ids=["evaluate", "status", "evaluate_all", "statuses", "statuses-awards"],
)
def test_the_api_refuses_unknown_award_ids_in_the_records(given: str, call: Any) -> None:
    """Every catalog entry point checks the records' award ids, for mappings and models alike."""
    catalog = load_catalog()
    nominee = MISSPELT if given == "mapping" else parse_nominee(MISSPELT)
    with pytest.raises(NomineeError) as caught:
        call(catalog, nominee)
    problems = caught.value.diagnostics
    assert [p.path for p in problems] == ["awards[1].award", "registrations[0].titles[0]"]
    assert [p.code for p in problems] == ["unknown-award", "unknown-award"]
    assert problems[0].hint == "did you mean vss.commemorative_medal?"
    assert "national.advanced_worker" in problems[1].hint


def test_a_bad_record_in_a_batch_is_reported_in_its_item() -> None:
    """``evaluate_many`` reports a record's unknown award id in its item and goes on."""
    catalog = load_catalog()
    good = {**MISSPELT, "id": "HP-2", "awards": [], "registrations": []}
    items = catalog.evaluate_many([MISSPELT, good], "vss.dg_certificate.retirement", "2020-07-20")
    assert isinstance(items[0].error, NomineeError)
    assert items[0].error.diagnostics[0].path == "awards[1].award"
    assert items[1].verdict is not None


def test_known_award_ids_cover_registry_criteria_and_grants() -> None:
    """``Catalog.known_awards`` holds the registry's ids, the criteria's ids and what they grant."""
    catalog = load_catalog()
    assert set(catalog.awards) <= catalog.known_awards
    assert set(catalog.ids()) <= catalog.known_awards
    granted = {
        v.doc.granted_award for award_id in catalog.ids() for v in catalog.versions(award_id)
    }
    assert granted <= catalog.known_awards
    assert "vss.commemorative_medall" not in catalog.known_awards


def test_the_durable_engine_refuses_unknown_award_ids_too() -> None:
    """The durable engine checks the records' award ids as the catalog does."""
    from award_rules.engines import durable_available

    if not durable_available():
        pytest.skip("durable-rules is not installed")
    from award_rules.engines.durable import DurableEngine

    engine = DurableEngine(load_catalog())
    with pytest.raises(NomineeError) as caught:
        engine.evaluate(MISSPELT, "vss.dg_certificate.retirement", "2020-07-20")
    assert caught.value.diagnostics[0].path == "awards[1].award"


def test_titles_of_units_led_are_checked_too() -> None:
    """``led_units[].titles`` hold award ids as well: an unknown one is refused with its path."""
    record = {
        "kind": "individual",
        "id": "HP-3",
        "full_name": "Trần Văn C",
        "service": [{"start": "2000-01-01"}],
        "position": "leader",
        "led_units": [{"year": 2019, "unit_id": "U1", "titles": ["vss.emulation_flagg"]}],
    }
    with pytest.raises(NomineeError) as caught:
        load_catalog().status(record, "vss.dg_certificate.retirement", "2020-07-20")
    (problem,) = caught.value.diagnostics
    assert problem.path == "led_units[0].titles[0]"
    assert problem.hint.startswith("did you mean vss.emulation_flag")


class _CountingIds(frozenset[str]):
    """Known award ids that count how often they are asked (the gate's set lookups)."""

    asked = 0

    def __contains__(self, award_id: object) -> bool:
        type(self).asked += 1
        return frozenset.__contains__(self, award_id)


@pytest.mark.parametrize(("records", "checks"), [(3, 2), (REMEMBERED_FROM, 1)])
def test_a_nominee_with_many_records_is_checked_once_a_small_one_each_time(
    records: int, checks: int
) -> None:
    """The gate remembers the last nominee with many records (judged for many awards, it
    is checked once), and checks a small one again (cheaper than remembering it)."""
    catalog = load_catalog()
    known = _CountingIds(catalog.known_awards)
    gate = NomineeGate(known)
    nominee = parse_nominee(
        {
            **MISSPELT,
            "awards": [{"award": "vss.commemorative_medal", "year": 2000}] * records,
            "registrations": [],
        }
    )
    _CountingIds.asked = 0
    for _ in range(2):
        assert gate(nominee) is nominee
    assert _CountingIds.asked == records * checks
    misspelt = parse_nominee(MISSPELT)
    with pytest.raises(NomineeError):
        gate(misspelt)
