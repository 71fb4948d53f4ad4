"""Hypothesis strategies for the domain model: dates, service, records, nominees.

Every strategy gives valid models (the model's own validators run on each
example), and every knob states something that holds of every example:
``service_histories(as_of=day, min_years=9, max_years=11)`` gives periods whose
in-sector service on ``day``, counted as :func:`award_rules.facts.service_length`
counts it, is between 9 and 11 years.

Strategies of one value are named like hypothesis' own (``ratings()`` gives a
:class:`~award_rules.model.Rating`); ``*_histories`` give a tuple of records.

The package has one module per kind of strategy, and this one gathers them:

- :mod:`.records`: one record (a date, a service period, a rating...), and
  service and rating histories;
- :mod:`.host_facts`: a nominee's ``extensions``, the keys a catalog declares
  with values of their declared types;
- :mod:`.nominees`: individuals and units with their records (and extensions);
- :mod:`.catalog_aware`: for one award of a catalog, the dates it gives
  verdicts on and nominees that reach its verdicts (carrying the extensions
  the catalog declares, so that the catalog admits them);
- :mod:`.added_time`: the same nominee with more time behind it.

This package needs hypothesis, which award-rules itself does not depend on.
"""

from __future__ import annotations

from ._knobs import ALL_LEVELS, DEFAULT_AWARD_IDS, GOOD_OR_BETTER, MAX_DATE, MIN_DATE
from .added_time import more_time
from .catalog_aware import (
    criteria_leaves,
    evaluation_spans,
    extensions_for_kind,
    in_force_dates,
    is_annual,
    nominees_and_dates,
    nominees_for,
    related_award_ids,
)
from .host_facts import JUDGED_DATES, extension_values, extensions
from .nominees import individuals, units
from .records import (
    absences,
    award_records,
    dates,
    disciplines,
    initiatives,
    member_counts,
    rating_histories,
    ratings,
    registrations,
    research_topics,
    service_histories,
    service_periods,
    year_results,
)

__all__ = [
    "ALL_LEVELS",
    "DEFAULT_AWARD_IDS",
    "GOOD_OR_BETTER",
    "JUDGED_DATES",
    "MAX_DATE",
    "MIN_DATE",
    "absences",
    "award_records",
    "criteria_leaves",
    "dates",
    "disciplines",
    "evaluation_spans",
    "extension_values",
    "extensions",
    "extensions_for_kind",
    "in_force_dates",
    "individuals",
    "initiatives",
    "is_annual",
    "member_counts",
    "more_time",
    "nominees_and_dates",
    "nominees_for",
    "rating_histories",
    "ratings",
    "registrations",
    "related_award_ids",
    "research_topics",
    "service_histories",
    "service_periods",
    "units",
    "year_results",
]
