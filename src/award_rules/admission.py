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

__all__ = ["NomineeGate"]


class NomineeGate:
    """Award ids the records may name, and the extensions (with types) they may carry.

    The last nominee admitted is remembered by a weak reference, so judging one
    record for many awards checks it once (records are immutable) while the
    gate keeps no record alive: a nominee is freed as soon as its caller drops it.
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
        if not self._knows_awards_of(nominee):
            raise NomineeError(self.problems(nominee))
        if nominee.extensions:
            admitted = typed_extensions(nominee, self.extensions)
            if admitted is not nominee:  # a converted copy: checked again next time
                self._last = None
                return admitted
        self._last = weakref.ref(nominee)
        return nominee

    def _knows_awards_of(self, nominee: Individual | Unit) -> bool:
        """Whether every award id of the records is known (no paths built: the common case).

        Plain loops: this runs on every call.
        """
        known = self.known_awards
        for record in nominee.awards:
            if record.award not in known:
                return False
        for registration in nominee.registrations:
            if not known.issuperset(registration.titles):
                return False
        if isinstance(nominee, Individual):  # not ``.kind``: a model's attributes are slow to read
            for led in nominee.led_units:
                if not known.issuperset(led.titles):
                    return False
        return True
