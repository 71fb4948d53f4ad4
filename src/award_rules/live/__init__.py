"""Live sessions: HR events in, eligibility changes out.

:mod:`.events` validates events and applies them to a nominee's record;
:mod:`.session` keeps records current and reports each change of status.
"""

from __future__ import annotations

from .events import EVENT_TYPES, Event, EventError, apply_event, parse_event
from .session import EligibilityChange, LiveSession

__all__ = [
    "EVENT_TYPES",
    "EligibilityChange",
    "Event",
    "EventError",
    "LiveSession",
    "apply_event",
    "parse_event",
]
