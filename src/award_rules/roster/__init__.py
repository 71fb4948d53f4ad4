"""Rosters: whole lists of nominees read from files, judged, and selected under cohort rules.

>>> from award_rules import load_catalog
>>> from award_rules.roster import read_roster, review
>>> catalog = load_catalog()
>>> rows = list(review(catalog, read_roster("examples/cluster1_2012.yaml"), 2012))
>>> rows[0].nominee_id
'bhxh-bac-giang'
"""

from __future__ import annotations

from .entries import Entry, Problem, RawLine
from .judge import AwardOutcome, Judged, Profile, applicable_versions, judge, judge_entry
from .readers import READERS, Roster, RosterLimits, read_roster, register_reader
from .review import ReviewRow, Summary, review
from .select import Decision, UnitInfo, select

__all__ = [
    "READERS",
    "AwardOutcome",
    "Decision",
    "Entry",
    "Judged",
    "Problem",
    "Profile",
    "RawLine",
    "ReviewRow",
    "Roster",
    "RosterLimits",
    "Summary",
    "UnitInfo",
    "applicable_versions",
    "judge",
    "judge_entry",
    "read_roster",
    "register_reader",
    "review",
    "select",
]
