"""The vocabulary of predicates criteria leaves can use, one module per family."""

from __future__ import annotations

from .base import Args, NoArgs, Predicate, Vocabulary

__all__ = ["Args", "NoArgs", "Predicate", "Vocabulary", "default_vocabulary"]


def default_vocabulary() -> Vocabulary:
    """A fresh vocabulary holding every built-in predicate; register yours on it.

    The predicate modules are imported here, on first use, not by ``import award_rules``.
    """
    from .after_award import AfterAward
    from .annual import (
        AbsenceDays,
        AwardEachYear,
        Initiatives,
        Members,
        MonthsWorked,
        ResearchTopics,
    )
    from .awards import NotReceivedAward, ReceivedAward
    from .discipline import NoDiscipline
    from .discipline_end import AchievementsAfterDiscipline
    from .fields import FieldCompare
    from .hiring import NotNewHire
    from .leadership import LedUnitRating
    from .pending import NoPendingCase
    from .ratings import RatingsAtLeast, RatingsCount, RatingStreak
    from .reference import MeetsCriteria
    from .registration import PledgeSignedBy, Registered, TitleRegistered
    from .service import Alive, Retired, ServiceYears
    from .units import ResultThreshold, UnitAge

    return Vocabulary(
        [
            ServiceYears(),
            Retired(),
            Alive(),
            UnitAge(),
            ResultThreshold(),
            NoDiscipline(),
            ReceivedAward(),
            NotReceivedAward(),
            RatingsAtLeast(),
            RatingStreak(),
            Registered(),
            PledgeSignedBy(),
            TitleRegistered(),
            FieldCompare(),
            MeetsCriteria(),
            MonthsWorked(),
            AbsenceDays(),
            Initiatives(),
            ResearchTopics(),
            AwardEachYear(),
            RatingsCount(),
            Members(),
            AfterAward(),
            NotNewHire(),
            NoPendingCase(),
            AchievementsAfterDiscipline(),
            LedUnitRating(),
        ]
    )
