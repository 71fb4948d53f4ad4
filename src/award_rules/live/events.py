"""Events: what HR systems post to a live session, validated and applied to a record.

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

The session itself is in :mod:`award_rules.live.session`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError

from ..errors import AwardRulesError, NomineeError, closest
from ..model import DisciplineForm, Individual, IsoDate, RatingLevel, Text, Unit, Year
from ..nominees import parse_nominee

__all__ = ["EVENT_TYPES", "Event", "EventError", "apply_event", "parse_event"]


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
