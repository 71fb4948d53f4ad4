"""Decision receipts: hashes of what a verdict used, and replaying them."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from award_rules import load_catalog, load_nominee, parse_nominee
from award_rules.cli import main
from award_rules.receipt import (
    Receipt,
    build_receipt,
    canonical_json,
    criteria_digest,
    nominee_digest,
    replay,
)

ROOT = Path(__file__).resolve().parents[1]
OFFICIAL = ROOT / "examples" / "nominees" / "short_service_official.yaml"
RETIREMENT = "vss.dg_certificate.retirement"
AS_OF = dt.date(2020, 7, 20)


def run(*args: str | Path) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the command line."""
    out, err = io.StringIO(), io.StringIO()
    status = main([str(a) for a in args], out, err)
    return status, out.getvalue(), err.getvalue()


def test_canonical_json_ignores_key_order_and_refuses_nan() -> None:
    """Canonical JSON sorts keys and has no spaces; NaN cannot be hashed."""
    assert canonical_json({"b": 1, "a": [1, "é"]}) == '{"a":[1,"é"],"b":1}'.encode()
    with pytest.raises(ValueError, match="JSON compliant"):
        canonical_json({"a": float("nan")})


def test_receipt_names_versions_hashes_and_the_decision() -> None:
    """A receipt holds the format, library version, criteria hash, nominee hash and decision."""
    catalog = load_catalog()
    nominee = load_nominee(OFFICIAL)
    verdict = catalog.evaluate(nominee, RETIREMENT, AS_OF)
    receipt = build_receipt(verdict).to_dict()
    assert receipt["receipt_format"] == 1
    assert receipt["library"]["name"] == "award-rules"
    assert (receipt["award_id"], receipt["as_of"], receipt["year"]) == (
        RETIREMENT,
        "2020-07-20",
        2020,
    )
    assert receipt["decision"]["status"] == "ineligible"
    assert receipt["decision"]["failed"] == ["service_years"]
    (criteria,) = receipt["criteria"]
    assert criteria["id"] == RETIREMENT
    assert criteria["role"] == "judged"
    assert criteria["sha256"] == criteria_digest(verdict.version)
    assert receipt["nominee"] == {
        "id": nominee.id,
        "kind": "individual",
        "sha256": nominee_digest(nominee),
    }
    assert "Trần" not in json.dumps(receipt, ensure_ascii=False)  # no names in a receipt


def test_referenced_criteria_are_in_the_receipt() -> None:
    """An award judged through ``meets_criteria`` lists the referenced version too."""
    catalog = load_catalog()
    nominee = load_nominee(OFFICIAL)
    verdict = catalog.evaluate(nominee, "national.grassroots_emulation_fighter", year=2019)
    receipt = build_receipt(verdict)
    roles = {c.id: c.role for c in receipt.criteria}
    assert roles["national.grassroots_emulation_fighter"] == "judged"
    assert roles["national.advanced_worker"] == "referenced"
    referenced = catalog.version_on("national.advanced_worker", dt.date(2019, 12, 31))
    shown = next(c for c in receipt.criteria if c.id == "national.advanced_worker")
    assert shown.sha256 == criteria_digest(referenced)
    assert shown.in_force.from_ == referenced.doc.in_force.from_


def test_nominee_hash_follows_values_not_formatting(tmp_path: Path) -> None:
    """The same record written differently hashes the same; a changed value does not."""
    nominee = load_nominee(OFFICIAL)
    data = nominee.model_dump(mode="json")
    as_json = tmp_path / "n.json"
    as_json.write_text(json.dumps(data, indent=4, sort_keys=False), encoding="utf-8")
    assert nominee_digest(load_nominee(as_json)) == nominee_digest(nominee)
    changed = parse_nominee({**data, "full_name": data["full_name"] + " B"})
    assert nominee_digest(changed) != nominee_digest(nominee)


def test_to_dict_carries_the_receipt_of_the_nominee_judged() -> None:
    """``Verdict.to_dict()`` ends with the receipt, built from the verdict alone."""
    catalog = load_catalog()
    nominee = load_nominee(OFFICIAL)
    verdict = catalog.evaluate(nominee, "national.grassroots_emulation_fighter", year=2019)
    data = verdict.to_dict()
    assert list(data)[-1] == "receipt"
    assert data["receipt"] == build_receipt(verdict).to_dict()
    assert data["receipt"]["nominee"]["sha256"] == nominee_digest(nominee)
    assert {c["id"] for c in data["receipt"]["criteria"]} >= {"national.advanced_worker"}


def test_criteria_digest_is_computed_once_per_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """A version's digest is remembered: the second call hashes nothing."""
    import award_rules.receipt as receipt_module

    version = load_catalog().version_on(RETIREMENT, AS_OF)
    first = criteria_digest(version)
    calls: list[object] = []
    monkeypatch.setattr(receipt_module, "_sha256", lambda data: calls.append(data) or "")
    assert criteria_digest(version) == first
    assert calls == []


def test_the_last_nominee_s_digest_is_remembered_weakly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The receipts of every award judged for one record digest it once; another record
    (even equal, even with the same id) is digested afresh; the record is not kept alive."""
    import gc
    import weakref

    import award_rules.receipt as receipt_module

    nominee = load_nominee(OFFICIAL)
    first = nominee_digest(nominee)
    hashed: list[object] = []
    real = receipt_module._sha256
    monkeypatch.setattr(receipt_module, "_sha256", lambda data: hashed.append(data) or real(data))
    catalog = load_catalog()
    for award_id in (RETIREMENT, "vss.commemorative_medal"):
        assert (
            catalog.evaluate(nominee, award_id, AS_OF).to_dict()["receipt"]["nominee"]["sha256"]
            == first
        )
    assert [d for d in hashed if isinstance(d, dict) and "full_name" in d] == []
    renamed = parse_nominee({**nominee.model_dump(mode="json"), "full_name": "Lê Thị B"})
    assert nominee_digest(renamed) != first
    assert nominee_digest(load_nominee(OFFICIAL)) == first
    assert len([d for d in hashed if isinstance(d, dict) and "full_name" in d]) == 2
    gone = weakref.ref(nominee)
    del nominee
    gc.collect()
    assert gone() is None


def test_replay_reproduces_and_reports_differences(tmp_path: Path) -> None:
    """Replaying with the same inputs reproduces; changed data or criteria are named."""
    catalog = load_catalog()
    nominee = load_nominee(OFFICIAL)
    receipt = build_receipt(catalog.evaluate(nominee, RETIREMENT, AS_OF))
    assert replay(receipt, nominee, catalog).reproduced
    data = nominee.model_dump(mode="json")
    data["service"] = [{**period, "in_sector": True} for period in data["service"]]
    report = replay(receipt, parse_nominee(data), catalog)
    assert not report.reproduced
    assert any(d.startswith("nominee record") for d in report.differences)
    assert any(
        d.startswith("decision status: ineligible then, eligible now") for d in report.differences
    )


def test_check_json_carries_a_receipt_that_replays(tmp_path: Path) -> None:
    """``check --format json`` has a receipt; ``replay`` on it reproduces (exit 0)."""
    status, out, _ = run(
        "check", OFFICIAL, "--award", RETIREMENT, "--as-of", "2020-07-20", "--format", "json"
    )
    assert status == 1
    verdict_file = tmp_path / "verdict.json"
    verdict_file.write_text(out, encoding="utf-8")
    assert out.count('"receipt_format"') == 1  # printed once
    Receipt.model_validate(json.loads(out)["receipt"])
    status, out, err = run("replay", verdict_file, OFFICIAL)
    assert (status, err) == (0, "")
    assert out.startswith("reproduced: vss.dg_certificate.retirement for HP-1022")


def test_replay_with_changed_criteria_says_what_differs(tmp_path: Path) -> None:
    """Replaying against edited criteria exits 1 and names the criteria whose hash changed."""
    status, out, _ = run(
        "check", OFFICIAL, "--award", RETIREMENT, "--as-of", "2020-07-20", "--format", "json"
    )
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_text(json.dumps(json.loads(out)["receipt"]), encoding="utf-8")
    criteria = tmp_path / "criteria"
    shutil.copytree(ROOT / "criteria", criteria)
    target = next(
        p
        for p in criteria.rglob("*.yaml")
        if "id: vss.dg_certificate.retirement" in p.read_text(encoding="utf-8")
    )
    target.write_text(
        target.read_text(encoding="utf-8").replace("value: 10", "value: 8", 1), encoding="utf-8"
    )
    status, out, err = run("replay", receipt_file, OFFICIAL, "--criteria", criteria)
    assert status == 1, err
    assert "NOT reproduced" in out
    assert "criteria vss.dg_certificate.retirement" in out


def test_a_bad_receipt_is_a_located_error(tmp_path: Path) -> None:
    """A receipt with a wrong field is exit 2 with file, line and path."""
    path = tmp_path / "receipt.yaml"
    path.write_text(
        "receipt_format: 1\nlibrary: {version: '1'}\naward_id: x\n"
        "as_of: 2020-01-01\nyear: 2020.5\n",
        encoding="utf-8",
    )
    status, out, err = run("replay", path, OFFICIAL)
    assert status == 2
    assert out == ""
    assert f"{path}:5:7: year:" in err


def test_receipt_schema_accepts_receipts_and_refuses_broken_ones() -> None:
    """``schema --kind receipt`` describes the receipt ``check --format json`` carries."""
    from jsonschema import Draft202012Validator, FormatChecker

    status, out, _ = run("schema", "--kind", "receipt")
    assert status == 0
    schema = json.loads(out)
    assert schema["$id"] == "urn:award-rules:schema:receipt:v1"
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    _, verdict, _ = run(
        "check", OFFICIAL, "--award", RETIREMENT, "--as-of", "2020-07-20", "--format", "json"
    )
    receipt = json.loads(verdict)["receipt"]
    assert validator.is_valid(receipt)
    broken = {**receipt, "nominee": {**receipt["nominee"], "sha256": "x"}}
    assert not validator.is_valid(broken)
