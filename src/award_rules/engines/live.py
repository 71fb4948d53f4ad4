"""Live sessions: HR events in, eligibility changes out.

A :class:`LiveSession` keeps each nominee's record, updated by the events a
host system posts (a hire, a rating, a discipline, a retirement...). Each
event re-evaluates only the nominee it concerns, for every award of the
session, and the session reports each change of status as an
:class:`EligibilityChange` (to a callback, an iterator, and as the return
value of :meth:`LiveSession.post`).

Events are mappings (decoded JSON) with ``type``, ``nominee`` (the id) and
``date`` (ISO ``YYYY-MM-DD``: the day it happened, and the evaluation date
unless the session's ``as_of`` is fixed), plus the payload of the type:

==================== ==========================================================
type                 payload (``date`` is the default of the optional dates)
==================== ==========================================================
nominee_registered   the nominee's fields, as in a nominee file, without ``id``:
                     ``kind`` and ``full_name`` (individual) or ``name`` and
                     ``level`` (unit); records (``service``, ``ratings``...)
                     may be given to seed the history
service_started      ``unit_id``, ``start``, ``in_sector`` (default true)
service_ended        ``end`` (last day, inclusive), ``unit_id`` (which ongoing
                     period, when several)
award_granted        ``award``, ``year`` (default: the date's), ``decision``,
                     ``decided_on``
discipline_decided   ``form``, ``decided_on``, ``ends_on``, ``decision``
rating_recorded      ``year``, ``level``
registration_made    ``year`` (default: the date's), ``titles``,
                     ``pledge_signed_on``
retired              ``retirement_date``
unit_established     ``established_on``
==================== ==========================================================

A nominee must be registered (``nominee_registered``) before any other event
about it: a name and a kind cannot be guessed. Records are kept in a canonical
order (service by start, ratings and registrations by year...), so the same
events in any order give the same records. An invalid event raises
:class:`EventError` naming the event (its index in the session, or its line)
and leaves the session as it was.

Nothing here imports durable-rules; ``engine="durable"`` imports it when the
session is created.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TextIO

from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError

from ..errors import (
    AwardRulesError,
    NomineeError,
    NotInForceError,
    SubjectMismatchError,
    closest,
)
from ..model import (
    DisciplineForm,
    Individual,
    IsoDate,
    RatingLevel,
    Text,
    Unit,
    Year,
)
from ..nominees import parse_nominee
from . import Evaluator, engine_for

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..verdict import Status, Verdict

__all__ = [
    "EVENT_TYPES",
    "EligibilityChange",
    "Event",
    "EventError",
    "LiveSession",
    "apply_event",
    "parse_event",
    "run_watch",
]


class EventError(AwardRulesError):
    """An event is invalid (shape, values, or what it says about the nominee).

    ``reason`` is the problem; ``index`` (1-based, in the session) and ``line``
    (in a file of events) say which event, when known.
    """

    def __init__(
        self,
        reason: str,
        *,
        index: int | None = None,
        line: int | None = None,
        event_type: str | None = None,
        nominee_id: str | None = None,
    ) -> None:
        self.reason = reason
        self.index = index
        self.line = line
        self.event_type = event_type
        self.nominee_id = nominee_id
        where = f"line {line}" if line is not None else "event"
        if line is None and index is not None:
            where = f"event {index}"
        about = ""
        if event_type and nominee_id:
            about = f" ({event_type} for {nominee_id!r})"
        elif event_type:
            about = f" ({event_type})"
        super().__init__(f"{where}{about}: {reason}")

    def located(self, *, index: int | None, line: int | None) -> EventError:
        """The same error, naming the event's index and line."""
        return EventError(
            self.reason,
            index=index,
            line=line,
            event_type=self.event_type,
            nominee_id=self.nominee_id,
        )


# -- events ---------------------------------------------------------------------------


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    nominee: Text
    date: IsoDate


class NomineeRegistered(_Event):
    """A new nominee; every other field is the nominee's (validated by the domain model)."""

    model_config = ConfigDict(frozen=True, extra="allow")
    type: Literal["nominee_registered"]


class ServiceStarted(_Event):
    type: Literal["service_started"]
    unit_id: Text | None = None
    start: IsoDate | None = None
    in_sector: StrictBool = True


class ServiceEnded(_Event):
    type: Literal["service_ended"]
    end: IsoDate | None = None
    unit_id: Text | None = None


class AwardGranted(_Event):
    type: Literal["award_granted"]
    award: Text
    year: Year | None = None
    decision: Text | None = None
    decided_on: IsoDate | None = None


class DisciplineDecided(_Event):
    type: Literal["discipline_decided"]
    form: DisciplineForm
    decided_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    decision: Text | None = None


class RatingRecorded(_Event):
    type: Literal["rating_recorded"]
    year: Year
    level: RatingLevel


class RegistrationMade(_Event):
    type: Literal["registration_made"]
    year: Year | None = None
    titles: tuple[Text, ...] = ()
    pledge_signed_on: IsoDate | None = None


class Retired(_Event):
    type: Literal["retired"]
    retirement_date: IsoDate | None = None


class UnitEstablished(_Event):
    type: Literal["unit_established"]
    established_on: IsoDate | None = None


Event = (
    NomineeRegistered
    | ServiceStarted
    | ServiceEnded
    | AwardGranted
    | DisciplineDecided
    | RatingRecorded
    | RegistrationMade
    | Retired
    | UnitEstablished
)
"""A validated event."""

_MODELS: dict[str, type[_Event]] = {
    "nominee_registered": NomineeRegistered,
    "service_started": ServiceStarted,
    "service_ended": ServiceEnded,
    "award_granted": AwardGranted,
    "discipline_decided": DisciplineDecided,
    "rating_recorded": RatingRecorded,
    "registration_made": RegistrationMade,
    "retired": Retired,
    "unit_established": UnitEstablished,
}

EVENT_TYPES: tuple[str, ...] = tuple(_MODELS)
"""Every event type a session accepts."""

_ENVELOPE = ("type", "nominee", "date")


def _problems(error: ValidationError) -> str:
    parts = []
    for item in error.errors(include_url=False):
        where = ".".join(str(p) for p in item["loc"]) or "(event)"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "missing":
            message = "required"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def parse_event(data: object) -> Event:
    """Validate one event (a mapping); :class:`EventError` says what is wrong."""
    if not isinstance(data, Mapping):
        raise EventError(f"expected an object with {', '.join(_ENVELOPE)}; got {data!r}")
    kind = data.get("type")
    nominee = data.get("nominee")
    nominee_id = nominee if isinstance(nominee, str) else None
    if not isinstance(kind, str) or kind not in _MODELS:
        near = closest(kind, _MODELS) if isinstance(kind, str) else []
        hint = f"did you mean {near[0]}?" if near else f"one of: {', '.join(EVENT_TYPES)}"
        what = "missing 'type'" if kind is None else f"unknown event type {kind!r}"
        raise EventError(f"{what} ({hint})", nominee_id=nominee_id)
    try:
        event = _MODELS[kind].model_validate(dict(data))
    except ValidationError as exc:
        raise EventError(_problems(exc), event_type=kind, nominee_id=nominee_id) from None
    return event  # type: ignore[return-value]


# -- applying an event to a record (pure) --------------------------------------------


def apply_event(record: Individual | Unit | None, event: Event) -> Individual | Unit:
    """The nominee's record after ``event`` (a new model; ``record`` is unchanged)."""

    def fail(reason: str) -> EventError:
        return EventError(reason, event_type=event.type, nominee_id=event.nominee)

    if isinstance(event, NomineeRegistered):
        if record is not None:
            raise fail(f"nominee {event.nominee!r} is already registered")
        fields = dict(event.model_extra or {})
        if "id" in fields:
            raise fail("give the id as 'nominee', not 'id'")
        return _validated({**fields, "id": event.nominee}, fail)
    if record is None:
        raise fail(
            f"nominee {event.nominee!r} is not registered: send a nominee_registered event first"
        )
    data = record.model_dump()
    individual_only = (ServiceStarted, ServiceEnded, Retired)
    if isinstance(event, individual_only) and not isinstance(record, Individual):
        raise fail(f"{event.type} applies to individuals; {record.id!r} is a unit")
    if isinstance(event, UnitEstablished) and not isinstance(record, Unit):
        raise fail(f"unit_established applies to units; {record.id!r} is an individual")
    day = event.date
    if isinstance(event, ServiceStarted):
        start = event.start or day
        if any(p["start"] == start and p["unit_id"] == event.unit_id for p in data["service"]):
            raise fail(f"a service period starting on {start.isoformat()} is already recorded")
        period = {"unit_id": event.unit_id, "start": start, "in_sector": event.in_sector}
        data["service"] = [*data["service"], period]
    elif isinstance(event, ServiceEnded):
        data["service"] = _end_service(data["service"], event, fail)
    elif isinstance(event, AwardGranted):
        award = {
            "award": event.award,
            "year": event.year or day.year,
            "decision": event.decision,
            "decided_on": event.decided_on or day,
        }
        data["awards"] = [*data["awards"], award]
    elif isinstance(event, DisciplineDecided):
        discipline = {
            "form": event.form,
            "decided_on": event.decided_on or day,
            "ends_on": event.ends_on,
            "decision": event.decision,
        }
        data["disciplines"] = [*data["disciplines"], discipline]
    elif isinstance(event, RatingRecorded):
        if any(r["year"] == event.year for r in data["ratings"]):
            raise fail(f"a rating for {event.year} is already recorded")
        data["ratings"] = [*data["ratings"], {"year": event.year, "level": event.level}]
    elif isinstance(event, RegistrationMade):
        year = event.year or day.year
        if any(r["year"] == year for r in data["registrations"]):
            raise fail(f"a registration for {year} is already recorded")
        registration = {
            "year": year,
            "titles": event.titles,
            "pledge_signed_on": event.pledge_signed_on,
        }
        data["registrations"] = [*data["registrations"], registration]
    elif isinstance(event, Retired):
        data["retirement_date"] = _set_once(
            "retirement_date", data["retirement_date"], event.retirement_date or day, fail
        )
    else:
        assert isinstance(event, UnitEstablished)
        data["established_on"] = _set_once(
            "established_on", data["established_on"], event.established_on or day, fail
        )
    return _validated(data, fail)


def _end_service(
    periods: Sequence[dict[str, Any]], event: ServiceEnded, fail: Callable[[str], EventError]
) -> list[dict[str, Any]]:
    ongoing = [
        i
        for i, p in enumerate(periods)
        if p["end"] is None and (event.unit_id is None or p["unit_id"] == event.unit_id)
    ]
    if not ongoing:
        unit = f" in unit {event.unit_id!r}" if event.unit_id else ""
        raise fail(f"no ongoing service period{unit} to end")
    latest = max(ongoing, key=lambda i: periods[i]["start"])
    out = [dict(p) for p in periods]
    out[latest]["end"] = event.end or event.date
    return out


def _set_once(
    name: str, current: dt.date | None, value: dt.date, fail: Callable[[str], EventError]
) -> dt.date:
    if current is not None and current != value:
        raise fail(f"{name} is already {current.isoformat()}")
    return value


_ORDER: dict[str, Callable[[Any], Any]] = {
    "service": lambda p: (p.start, p.end or dt.date.max, p.unit_id or "", p.in_sector),
    "ratings": lambda r: r.year,
    "registrations": lambda r: r.year,
    "awards": lambda a: (a.year, a.award, a.decided_on or dt.date.min, a.decision or ""),
    "disciplines": lambda d: (
        d.decided_on,
        d.form.severity,
        d.ends_on or dt.date.max,
        d.decision or "",
    ),
}
"""Canonical order of each kind of record, so that events commute."""


def _validated(data: dict[str, Any], fail: Callable[[str], EventError]) -> Individual | Unit:
    """The record validated by the domain model, its records in canonical order."""
    try:
        record = parse_nominee(data)
    except NomineeError as exc:
        problems = (
            d.message if d.path in ("", "(nominee)") else f"{d.path}: {d.message}"
            for d in exc.diagnostics
        )
        raise fail("; ".join(problems)) from None
    update = {
        key: tuple(sorted(getattr(record, key), key=order))
        for key, order in _ORDER.items()
        if hasattr(record, key)
    }
    return record.model_copy(update=update)


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


# -- the command line's loop -------------------------------------------------------------


def run_watch(
    catalog: Catalog,
    lines: Iterable[str],
    out: TextIO,
    *,
    engine: str = "native",
    lang: str = "vi",
    err: TextIO | None = None,
    as_of: dt.date | None = None,
    awards: Iterable[str] | None = None,
) -> int:
    """Read events as JSON lines; print each eligibility change as one JSON line.

    A bad line (invalid JSON, an invalid event) is reported on ``err`` (default
    standard error) as ``award-rules: error: line N: ...`` and skipped; blank
    lines are ignored. Returns 0, or 2 if any line was bad.
    """
    errors = err if err is not None else sys.stderr
    line_of: dict[int, int] = {}

    def emit(change: EligibilityChange) -> None:
        data = {"line": line_of.get(change.event_index or 0), **change.to_dict(lang)}
        print(json.dumps(data, ensure_ascii=False), file=out, flush=True)

    session = LiveSession(catalog, awards, engine=engine, as_of=as_of, on_change=emit)
    bad = 0
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        if not text:
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            print(
                f"award-rules: error: line {number}: invalid JSON: {exc.msg} (column {exc.colno})",
                file=errors,
            )
            bad += 1
            continue
        line_of[session.posted + 1] = number
        try:
            session.post(data, line=number)
        except EventError as exc:
            print(f"award-rules: error: {exc}", file=errors)
            bad += 1
    return 2 if bad else 0
