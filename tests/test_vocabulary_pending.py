"""The predicate no_pending_case (vocabulary/pending.py) and the model's pending cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from award_rules import Individual, Outcome, Unit
from award_rules.context import Context
from award_rules.model import PendingCase
from predicate_helpers import bind, person, predicate, unit

AS_OF = dt.date(2024, 12, 31)


def run(nominee: Individual | Unit, args: dict[str, Any] | None = None) -> Outcome:
    """Evaluate no_pending_case on AS_OF."""
    ctx = Context(nominee, AS_OF, award_id="national.advanced_worker")
    return predicate("no_pending_case").evaluate(bind("no_pending_case", args or {}), ctx)


def case(kind: str, opened: str, closed: str | None = None) -> dict[str, Any]:
    """A pending-case record."""
    return {"kind": kind, "opened_on": opened, "closed_on": closed}


@pytest.mark.parametrize(
    ("record", "passed"),
    [
        (case("discipline_review", "2024-11-01"), False),
        (case("investigation", "2024-06-01", "2025-01-15"), False),
        (case("complaint", "2024-03-01", "2024-12-31"), True),  # resolved that day
        (case("complaint", "2024-03-01", "2024-09-30"), True),
        (case("investigation", "2025-01-02"), True),  # opened after the evaluation date
    ],
)
def test_a_case_open_on_the_evaluation_date_bars(record: dict[str, Any], passed: bool) -> None:
    """Only a case opened and not yet resolved on the evaluation date bars the award."""
    assert run(person(pending_cases=[record])).passed is passed


def test_units_are_checked_the_same_way() -> None:
    """A collective under investigation is barred too."""
    assert run(unit(pending_cases=[case("investigation", "2024-02-01")])).passed is False
    assert run(unit()).passed is True


def test_kinds_narrow_what_bars() -> None:
    """With kinds: [complaint], an open investigation does not bar."""
    nominee = person(pending_cases=[case("investigation", "2024-02-01")])
    assert run(nominee, {"kinds": ["complaint"]}).passed is True
    assert run(nominee, {"kinds": ["investigation"]}).passed is False


def test_evidence_and_wording() -> None:
    """The finding names the case and its date, in both languages."""
    nominee = person(pending_cases=[case("discipline_review", "2024-11-01")])
    outcome = run(nominee)
    args = bind("no_pending_case", {})
    assert outcome.evidence == ("pending_cases[0]: discipline_review opened 2024-11-01",)
    no_pending = predicate("no_pending_case")
    assert (
        no_pending.finding(args, outcome, "vi") == "đang có: đang xem xét kỷ luật (từ 01/11/2024)"
    )
    assert (
        no_pending.finding(args, outcome, "en")
        == "pending: discipline under review (since 01/11/2024)"
    )
    assert no_pending.requirement(args, "en").startswith("Not under discipline review")
    narrow = bind("no_pending_case", {"kinds": ["complaint"]})
    assert no_pending.requirement(narrow, "vi") == (
        "Không có vụ việc đang xem xét: khiếu nại, tố cáo chưa được giải quyết"
    )


def test_a_case_closed_before_it_opened_is_refused() -> None:
    """closed_on before opened_on is a data error."""
    with pytest.raises(ValidationError, match="closed_on 2024-01-01 is before opened_on"):
        PendingCase.model_validate(case("complaint", "2024-02-01", "2024-01-01"))


def test_an_unknown_kind_is_refused() -> None:
    """Only the three kinds of pending case are accepted."""
    with pytest.raises(ValidationError):
        person(pending_cases=[case("rumour", "2024-02-01")])
