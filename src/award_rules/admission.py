"""What a catalog admits of a validated nominee, checked at every entry point.

The model accepts any well-formed record; a catalog also asks that the award
ids the records name are ones it knows (its registry, its criteria, what they
grant) and that the ``extensions`` are the ones its vocabulary declares, of
the declared types. One :class:`NomineeGate` per catalog does both.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from .errors import Diagnostic, NomineeError
from .extensions import extension_problems, typed_extensions
from .model import Individual, Unit
from .nominees import unknown_award_ids
from .vocabulary.base import ExtensionType
from .yamlfile import Document

__all__ = ["REMEMBERED_FROM", "NomineeGate"]

REMEMBERED_FROM = 64
"""Records (awards, registrations, units led) from which an admitted nominee is
remembered: below it, checking again costs less than remembering (a weak
reference made, then cleared when the record is freed)."""


class NomineeGate:
    """Award ids the records may name, and the extensions (with types) they may carry.

    The last nominee admitted with many records (:data:`REMEMBERED_FROM`) is
    remembered by a weak reference, so judging it for many awards checks it once
    (records are immutable) while the gate keeps no record alive: a nominee is
    freed as soon as its caller drops it. A small one is checked every time.
    """

    def __init__(
        self, known_awards: frozenset[str], extensions: Mapping[str, ExtensionType] | None = None
    ) -> None:
        self.known_awards = known_awards
        self.extensions: Mapping[str, ExtensionType] = dict(extensions or {})
        self._last: weakref.ref[Individual | Unit] | None = None
        """The last nominee admitted as it was (it needed no conversion)."""

    def problems(
        self, nominee: Individual | Unit, document: Document | None = None
    ) -> list[Diagnostic]:
        """Every problem, with its field path (and its place in ``document`` when given)."""
        return [
            *unknown_award_ids(nominee, self.known_awards, document),
            *extension_problems(nominee, self.extensions, document),
        ]

    def __call__(self, nominee: Individual | Unit) -> Individual | Unit:
        """``nominee``, admitted (extension dates as dates); else :class:`NomineeError`.

        A set lookup per award id and extension key: cheap enough for every call.
        """
        last = self._last
        if last is not None and last() is nominee:
            return nominee
        # Plain loops, no paths built: this runs on every call (``problems`` says where).
        known = self.known_awards
        awards, registrations = nominee.awards, nominee.registrations
        led_units = nominee.led_units if isinstance(nominee, Individual) else ()
        for record in awards:
            if record.award not in known:
                raise NomineeError(self.problems(nominee))
        for titled in (registrations, led_units):
            for item in titled:
                if not known.issuperset(item.titles):
                    raise NomineeError(self.problems(nominee))
        if nominee.extensions:
            admitted = typed_extensions(nominee, self.extensions)
            if admitted is not nominee:  # a converted copy: checked again next time
                self._last = None
                return admitted
        if len(awards) + len(registrations) + len(led_units) >= REMEMBERED_FROM:
            self._last = weakref.ref(nominee)
        return nominee
