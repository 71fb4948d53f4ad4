"""Live sessions: records kept current by events, eligibility changes out (see ``events``).

Nothing here imports durable-rules; ``engine="durable"`` imports it when the
session is created.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..engines import Evaluator, engine_for
from ..errors import NotInForceError, SubjectMismatchError
from ..model import Individual, Unit
from .events import EventError, apply_event, parse_event

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..verdict import Status, Verdict

__all__ = ["EligibilityChange", "LiveSession"]


# -- the session ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EligibilityChange:
    """A nominee's status for an award changed (``old_status`` is ``None`` the first time)."""

    nominee_id: str
    award_id: str
    old_status: Status | None
    new_status: Status
    verdict: Verdict = field(repr=False)
    event_index: int | None = None
    """The session index of the event that caused it (``None`` for :meth:`LiveSession.advance`)."""

    @property
    def date(self) -> dt.date:
        """The evaluation date."""
        return self.verdict.as_of

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        """JSON-ready: nominee, award, old, new, date, failed, missing, explanation in ``lang``."""
        verdict = self.verdict
        earliest = verdict.earliest_eligible_on
        return {
            "nominee": self.nominee_id,
            "award": self.award_id,
            "old": self.old_status,
            "new": self.new_status,
            "date": verdict.as_of.isoformat(),
            "failed": verdict.failed,
            "missing": verdict.missing,
            "earliest_eligible_on": earliest.isoformat() if earliest else None,
            "explanation": verdict.explain(lang),
        }


class LiveSession:
    """Nominees' records kept current by events; eligibility re-evaluated per event.

    ``awards``: the award ids to follow (default: every award of the catalog
    that fits the nominee's kind and is in force on the evaluation date).
    ``engine``: ``"native"``, ``"durable"`` (one durable-rules engine per
    catalog, shared by its sessions), or any object with the
    :meth:`Catalog.evaluate` signature. ``as_of``: a fixed evaluation date
    (default: each event's date). Changes go to ``on_change`` and, unless
    ``queue_changes`` is false (its default when ``on_change`` is given), to
    the queue that :meth:`changes` drains.

    Posting is serialised by a lock, so a session may be shared by threads.
    """

    def __init__(
        self,
        catalog: Catalog,
        awards: Iterable[str] | None = None,
        engine: str | Evaluator = "native",
        as_of: dt.date | None = None,
        *,
        on_change: Callable[[EligibilityChange], object] | None = None,
        queue_changes: bool | None = None,
    ) -> None:
        self.catalog = catalog
        self.awards = tuple(awards) if awards is not None else None
        for award_id in self.awards or ():
            catalog.versions(award_id)  # UnknownAwardError now, not at the first event
        self.engine = engine_for(catalog, engine) if isinstance(engine, str) else engine
        self.as_of = as_of
        self._on_change = on_change
        self._queue_changes = on_change is None if queue_changes is None else queue_changes
        self._pending: deque[EligibilityChange] = deque()
        self._records: dict[str, Individual | Unit] = {}
        self._verdicts: dict[tuple[str, str], Verdict] = {}
        self._posted = 0
        self._lock = threading.RLock()

    # -- events -----------------------------------------------------------------------
    def post(self, event: Mapping[str, Any], *, line: int | None = None) -> list[EligibilityChange]:
        """Apply one event and re-evaluate its nominee; the status changes it caused.

        Raises :class:`EventError` (naming the event's index, or ``line``) and
        changes nothing when the event is invalid.
        """
        with self._lock:
            self._posted += 1
            index = self._posted
            try:
                parsed = parse_event(event)
                record = apply_event(self._records.get(parsed.nominee), parsed)
                refused = self.catalog.admit.problems(record)  # award ids, extensions
                if refused:
                    raise EventError(
                        "; ".join(str(d) for d in refused),
                        event_type=parsed.type,
                        nominee_id=parsed.nominee,
                    )
            except EventError as exc:
                raise exc.located(index=index, line=line) from None
            day = self.as_of or parsed.date
            verdicts = self._judge(record, day)
            self._records[record.id] = record
            return self._commit(record.id, verdicts, index)

    def post_many(self, events: Iterable[Mapping[str, Any]]) -> list[EligibilityChange]:
        """Post each event in turn (stops at the first invalid one); every change."""
        changes: list[EligibilityChange] = []
        for event in events:
            changes.extend(self.post(event))
        return changes

    def advance(self, day: dt.date) -> list[EligibilityChange]:
        """Re-evaluate every nominee on ``day`` (time passes with no event); the changes."""
        with self._lock:
            changes: list[EligibilityChange] = []
            for nominee_id in sorted(self._records):
                verdicts = self._judge(self._records[nominee_id], day)
                changes.extend(self._commit(nominee_id, verdicts, None))
            return changes

    def _judge(self, record: Individual | Unit, day: dt.date) -> list[Verdict]:
        if self.awards is not None:
            award_ids: Sequence[str] = self.awards
        else:
            award_ids = [
                version.id
                for version in self.catalog.in_force_on(day)
                if version.doc.subject in ("any", record.kind)
            ]
        verdicts = []
        for award_id in award_ids:
            try:
                verdicts.append(self.engine.evaluate(record, award_id, day))
            except (NotInForceError, SubjectMismatchError):
                continue  # not an award this nominee can be judged for on this day
        return verdicts

    def _commit(
        self, nominee_id: str, verdicts: list[Verdict], index: int | None
    ) -> list[EligibilityChange]:
        changes = []
        for verdict in verdicts:
            key = (nominee_id, verdict.award_id)
            previous = self._verdicts.get(key)
            self._verdicts[key] = verdict
            old = previous.status if previous is not None else None
            if old != verdict.status:
                changes.append(
                    EligibilityChange(
                        nominee_id, verdict.award_id, old, verdict.status, verdict, index
                    )
                )
        for change in changes:
            if self._queue_changes:
                self._pending.append(change)
            if self._on_change is not None:
                self._on_change(change)
        return changes

    # -- reading ----------------------------------------------------------------------
    def changes(self) -> Iterator[EligibilityChange]:
        """The queued changes not read yet, oldest first (the iterator drains the queue)."""
        while self._pending:
            yield self._pending.popleft()

    def nominee(self, nominee_id: str) -> Individual | Unit:
        """The nominee's current record (``KeyError`` if never registered)."""
        return self._records[nominee_id]

    def nominee_ids(self) -> list[str]:
        """Every registered nominee id, sorted."""
        return sorted(self._records)

    def verdict(self, nominee_id: str, award_id: str) -> Verdict | None:
        """The latest verdict for the nominee and award, if it was judged."""
        return self._verdicts.get((nominee_id, award_id))

    def status(self, nominee_id: str, award_id: str) -> Status | None:
        """The latest status for the nominee and award, if it was judged."""
        verdict = self.verdict(nominee_id, award_id)
        return verdict.status if verdict is not None else None

    def statuses(self) -> dict[tuple[str, str], Status]:
        """Every latest status, by (nominee id, award id)."""
        return {key: verdict.status for key, verdict in sorted(self._verdicts.items())}

    @property
    def posted(self) -> int:
        """How many events were posted (valid or not)."""
        return self._posted
