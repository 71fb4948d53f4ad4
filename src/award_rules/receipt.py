"""Decision receipts: what a verdict rests on, so it can be proved and replayed later.

A receipt names the library version, every criteria version the verdict used
(the judged award's and those it references through ``meets_criteria``) with
its dates and the SHA-256 of a canonical form, the SHA-256 of the canonical
nominee record, the date and year judged, and the decision. Canonical form:
the validated data as JSON with sorted keys, no spaces, UTF-8 — so a change of
formatting, comments or key order in a file leaves the hashes unchanged, and a
change of any value changes them. :func:`replay` judges again and says what
differs. No names or other personal data are in a receipt: only ids and hashes.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from . import __version__
from .criteria.loader import CriteriaVersion
from .model import Individual, IsoDate, Unit

if TYPE_CHECKING:
    from .criteria.loader import BoundNode
    from .verdict import Verdict

__all__ = [
    "RECEIPT_FORMAT",
    "Receipt",
    "ReplayReport",
    "build_receipt",
    "canonical_json",
    "criteria_digest",
    "nominee_digest",
    "replay",
]

RECEIPT_FORMAT = 1
"""Version of the receipt's shape; bumped when a field changes meaning."""


def canonical_json(data: Any) -> bytes:
    """``data`` as canonical JSON bytes: sorted keys, no spaces, UTF-8."""
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def _sha256(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


DIGESTS_KEPT = 4096
"""Criteria digests remembered (a version's digest never changes; one per loaded version)."""

_digests: dict[int, tuple[CriteriaVersion, str]] = {}


def criteria_digest(version: CriteriaVersion) -> str:
    """SHA-256 of a criteria version's validated content (its file's path not included).

    Computed once per loaded version and remembered.
    """
    found = _digests.get(id(version))
    if found is not None and found[0] is version:
        return found[1]
    digest = _sha256(version.doc.model_dump(mode="json", by_alias=True))
    if len(_digests) >= DIGESTS_KEPT:
        _digests.clear()
    _digests[id(version)] = (version, digest)  # the version kept alive: its id is not reused
    return digest


_last_nominee: tuple[weakref.ref[Individual | Unit], str] | None = None
"""The last nominee digested, by a weak reference (no record kept alive), and its digest."""


def nominee_digest(nominee: Individual | Unit) -> str:
    """SHA-256 of the canonical nominee record (as validated: NFC text, ISO dates).

    The record's ``extensions`` (facts of the host's own) are part of it; an
    empty ``extensions`` is left out, so a record without any hashes as it did
    before extensions existed. Records are immutable: the last one's digest is
    remembered, so the receipts of every award judged for it digest it once.
    """
    global _last_nominee
    last = _last_nominee
    if last is not None and last[0]() is nominee:
        return last[1]
    data = nominee.model_dump(mode="json")
    if not data.get("extensions"):
        data.pop("extensions", None)
    digest = _sha256(data)
    _last_nominee = (weakref.ref(nominee), digest)
    return digest


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class InForce(_Strict):
    """The dates a criteria version is in force."""

    from_: IsoDate = Field(alias="from")
    until: IsoDate | None = None


class CriteriaUsed(_Strict):
    """One criteria version a verdict used."""

    id: StrictStr
    role: Literal["judged", "referenced"]
    in_force: InForce
    sha256: StrictStr = Field(pattern=r"^[0-9a-f]{64}$")


class NomineeUsed(_Strict):
    """The nominee judged: id, kind and the hash of the record."""

    id: StrictStr
    kind: Literal["individual", "unit"]
    sha256: StrictStr = Field(pattern=r"^[0-9a-f]{64}$")


class Decision(_Strict):
    """What was decided."""

    status: Literal["eligible", "ineligible", "undetermined"]
    failed: tuple[StrictStr, ...] = ()
    missing: tuple[StrictStr, ...] = ()
    earliest_eligible_on: IsoDate | None = None


class Library(_Strict):
    """The library that decided."""

    name: Literal["award-rules"] = "award-rules"
    version: StrictStr


class Receipt(_Strict):
    """A decision receipt (see the module docstring); ``to_dict`` gives its JSON form."""

    receipt_format: Literal[1] = 1
    library: Library
    award_id: StrictStr
    as_of: IsoDate
    year: StrictInt
    decision: Decision
    criteria: tuple[CriteriaUsed, ...]
    nominee: NomineeUsed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return self.model_dump(mode="json", by_alias=True)


def _references(node: BoundNode) -> list[str]:
    from .criteria.loader import BoundLeaf

    if isinstance(node, BoundLeaf):
        return list(node.predicate.referenced_criteria(node.args))
    return [ref for child in node.children for ref in _references(child)]


def _versions_used(
    verdict: Verdict,
) -> list[tuple[Literal["judged", "referenced"], CriteriaVersion]]:
    """The judged version, then every version it references (transitively), each once.

    References are resolved as evaluation resolved them: through the verdict's
    context, on its date and for its year under review.
    """
    used: list[tuple[Literal["judged", "referenced"], CriteriaVersion]] = [
        ("judged", verdict.version)
    ]
    ctx = verdict.context
    if ctx.resolve is None:
        return used
    seen = {verdict.version.id}
    pending = _references(verdict.version.root)
    while pending:
        award_id = pending.pop(0)
        if award_id in seen:
            continue
        seen.add(award_id)
        version = getattr(ctx.resolve(award_id, ctx.as_of, ctx.year), "version", None)
        if not isinstance(version, CriteriaVersion):
            raise TypeError(f"the resolver gave no criteria version for {award_id!r}")
        used.append(("referenced", version))
        pending.extend(_references(version.root))
    return used


def build_receipt(verdict: Verdict) -> Receipt:
    """The receipt of ``verdict``, built from the verdict alone (no catalog needed).

    The nominee is the one the verdict judged (``verdict.context.nominee``), and
    referenced criteria are those the verdict's context resolves.
    """
    nominee = verdict.context.nominee
    criteria = [
        CriteriaUsed(
            id=version.id,
            role=role,
            in_force=InForce(from_=version.doc.in_force.from_, until=version.doc.in_force.until),
            sha256=criteria_digest(version),
        )
        for role, version in _versions_used(verdict)
    ]
    return Receipt(
        library=Library(version=__version__),
        award_id=verdict.award_id,
        as_of=verdict.as_of,
        year=verdict.year,
        decision=Decision(
            status=verdict.status,
            failed=tuple(verdict.failed),
            missing=tuple(verdict.missing),
            earliest_eligible_on=verdict.earliest_eligible_on,
        ),
        criteria=tuple(criteria),
        nominee=NomineeUsed(id=nominee.id, kind=nominee.kind, sha256=nominee_digest(nominee)),
    )


@dataclass(frozen=True)
class ReplayReport:
    """The outcome of a replay: whether the decision reproduces, and what differs."""

    receipt: Receipt
    again: Receipt
    differences: list[str] = field(default_factory=list)

    @property
    def reproduced(self) -> bool:
        """True when the same inputs gave the same decision."""
        return not self.differences


def _diff(old: Receipt, new: Receipt) -> list[str]:
    out: list[str] = []
    if old.nominee != new.nominee:
        out.append(
            f"nominee record: sha256 {old.nominee.sha256[:12]}… then, "
            f"{new.nominee.sha256[:12]}… now (the data differs)"
        )
    before = {c.id: c for c in old.criteria}
    after = {c.id: c for c in new.criteria}
    for award_id in sorted(before.keys() | after.keys()):
        was, now = before.get(award_id), after.get(award_id)
        if was is None:
            out.append(f"criteria {award_id}: used now, not then")
        elif now is None:
            out.append(f"criteria {award_id}: used then, not now")
        elif was != now:
            out.append(
                f"criteria {award_id}: in force from {was.in_force.from_} "
                f"(sha256 {was.sha256[:12]}…) then, from {now.in_force.from_} "
                f"(sha256 {now.sha256[:12]}…) now"
            )
    for name in ("status", "failed", "missing", "earliest_eligible_on"):
        was_value, now_value = getattr(old.decision, name), getattr(new.decision, name)
        if was_value != now_value:
            out.append(f"decision {name}: {_shown(was_value)} then, {_shown(now_value)} now")
    if old.library.version != new.library.version and out:
        out.append(f"library: award-rules {old.library.version} then, {new.library.version} now")
    return out


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


class Judge(Protocol):
    """What :func:`replay` judges with: a catalog (or an engine) with ``evaluate``."""

    def evaluate(
        self,
        nominee: Individual | Unit,
        award_id: str,
        as_of: Any = None,
        *,
        year: int | None = None,
    ) -> Verdict: ...


def replay(receipt: Receipt, nominee: Individual | Unit, catalog: Judge) -> ReplayReport:
    """Judge ``nominee`` again as the receipt says, with ``catalog``; report what differs."""
    verdict = catalog.evaluate(nominee, receipt.award_id, receipt.as_of, year=receipt.year)
    again = build_receipt(verdict)
    return ReplayReport(receipt, again, _diff(receipt, again))
