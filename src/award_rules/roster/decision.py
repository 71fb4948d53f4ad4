"""A candidate's decision under a cohort rule, and its reason in Vietnamese and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Decision", "DecisionKind"]

DecisionKind = Literal["selected", "not_selected", "eligible"]


@dataclass(frozen=True, slots=True)
class Decision:
    """An eligible candidate's outcome under the award's cohort rule, with the reason."""

    decision: DecisionKind
    rank: int | None = None
    places: int | None = None
    group: str | None = None
    group_name: tuple[str, str] = ("", "")
    quota: tuple[str, str] = ("", "")
    note: tuple[str, str] = ("", "")

    def reason(self, lang: str = "vi") -> str:
        """The decision in words: rank, places, group and how the quota was counted."""
        en = lang == "en"
        pick = 1 if en else 0
        if self.decision == "eligible" and self.rank is None:
            base = "eligible" if en else "đủ điều kiện"
            return f"{base} ({self.note[pick]})" if self.note[pick] else base
        where = self.group_name[pick]
        if en:
            head = (
                "eligible, selected: ranked" if self.decision == "selected" else "eligible, ranked"
            )
            places = (
                f"for {self.places} place{'' if self.places == 1 else 's'}"
                if self.places is not None
                else "(no limit)"
            )
            text = f"{head} {_ordinal(self.rank or 0)} {places} in {where}"
        else:
            head = (
                "đủ điều kiện, được chọn: xếp thứ"
                if self.decision == "selected"
                else ("đủ điều kiện, xếp thứ")
            )
            places = f"cho {self.places} suất" if self.places is not None else "(không giới hạn)"
            text = f"{head} {self.rank} {places} tại {where}"
        if self.quota[pick]:
            text += f" ({'quota' if en else 'chỉ tiêu'}: {self.quota[pick]})"
        if self.decision == "not_selected":
            text += ": not selected" if en else ": không được chọn"
        if self.note[pick]:
            text += f"; {self.note[pick]}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with the reason in both languages."""
        return {
            "decision": self.decision,
            "rank": self.rank,
            "places": self.places,
            "group": self.group,
            "reason": {"vi": self.reason("vi"), "en": self.reason("en")},
        }


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
