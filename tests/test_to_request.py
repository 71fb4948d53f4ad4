"""``to_request``: the missing facts a verdict names beside what failed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from award_rules import load_catalog, load_nominee, parse_nominee

ROOT = Path(__file__).resolve().parents[1]
NOMINEES = ROOT / "examples" / "nominees"
RETIREMENT = "vss.dg_certificate.retirement"
ON = dt.date(2020, 7, 20)
CATALOG = load_catalog()


def no_history(**changes: Any) -> dict[str, Any]:
    """The official with no service history, as data, with ``changes``."""
    data = load_nominee(NOMINEES / "official_no_history.yaml").model_dump(mode="json")
    return {**data, **changes}


def test_an_ineligible_verdict_still_names_what_to_request() -> None:
    """A failed condition does not hide the facts missing elsewhere."""
    record = no_history(retirement_date="2030-05-01")  # not retiring: fails
    verdict = CATALOG.evaluate(parse_nominee(record), RETIREMENT, ON)
    assert verdict.status == "ineligible"
    assert verdict.failed == ["retired"]
    assert verdict.missing == []
    assert verdict.to_request == ["service"]
    data = verdict.to_dict()
    assert (data["missing"], data["to_request"]) == ([], ["service"])
    assert "To request (missing, also needed for a decision): service" in verdict.explain("en")
    assert "Cần yêu cầu bổ sung (thiếu dữ liệu, cũng sẽ cần để xét): service" in verdict.explain()


def test_an_undetermined_verdict_requests_what_is_missing() -> None:
    """When undetermined, ``to_request`` holds ``missing`` and the text says it once."""
    verdict = CATALOG.evaluate(parse_nominee(no_history()), RETIREMENT, ON)
    assert verdict.status == "undetermined"
    assert verdict.to_request == verdict.missing == ["service"]
    assert "To request" not in verdict.explain("en")


def test_an_eligible_verdict_requests_nothing() -> None:
    """Nothing is requested when the nominee is eligible, nor when nothing is missing."""
    retiring = load_nominee(NOMINEES / "retiring_official.yaml")
    eligible = CATALOG.evaluate(retiring, RETIREMENT, ON)
    short = CATALOG.evaluate(load_nominee(NOMINEES / "short_service_official.yaml"), RETIREMENT, ON)
    assert (eligible.status, eligible.to_request, eligible.to_dict()["to_request"]) == (
        "eligible",
        [],
        [],
    )
    assert short.status == "ineligible"
    assert short.to_request == []
