"""How many of a group may be chosen (quota, leaders' share, per-unit cap), and why, in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..catalog import Catalog
from ..criteria.selection import Quota, ReferenceAward, Selection, apply_rounding, resolve_number

__all__ = [
    "UNCHECKED",
    "count_places",
    "leaders_full",
    "leaders_limit",
    "quota_pending",
    "unit_full",
]

UNCHECKED = ("chỉ tiêu chưa được đối chiếu văn bản", "quota not yet checked against the text")
"""The note of every decision under a selection marked ``status: unverified``."""


def quota_pending(quota: Quota | None, day: dt.date) -> tuple[str, str]:
    """Why the quota does not bind on ``day`` yet (empty when it does, or there is none)."""
    if quota is None or quota.applies_on(day):
        return ("", "")
    since = quota.from_.strftime("%d/%m/%Y") if quota.from_ else ""
    return (f"chỉ tiêu áp dụng từ {since}", f"the quota applies from {since}")


def count_places(
    catalog: Catalog,
    selection: Selection,
    parameters: Mapping[str, Any],
    eligible: int,
    reference: int,
) -> tuple[int, tuple[str, str]]:
    """A group's places and how counted (``reference``: how many of it meet a share's award)."""
    quota = selection.quota
    assert quota is not None
    counts: list[int] = []
    vi: list[str] = []
    en: list[str] = []
    if quota.places is not None:
        fixed = int(resolve_number(quota.places, parameters))
        counts.append(fixed)
        vi.append(f"{fixed} suất")
        en.append(f"{fixed} place{'' if fixed == 1 else 's'}")
    if quota.share is not None:
        percent = resolve_number(quota.share.percent, parameters)
        if isinstance(quota.share.of, ReferenceAward):
            base = reference
            award = catalog.award_name(quota.share.of.award)
            of_vi = f"{base} người đạt “{award.vi if award else quota.share.of.award}”"
            of_en = f"{base} meeting “{award.en if award else quota.share.of.award}”"
        else:
            base = eligible
            of_vi, of_en = f"{base} đối tượng đủ điều kiện", f"{base} eligible"
        exact = percent * base / 100
        count = apply_rounding(exact, quota.share.rounding)
        counts.append(count)
        shown = f"{exact:.2f}".rstrip("0").rstrip(".")
        pct = f"{percent:g}"
        words = {
            "down": ("làm tròn xuống", "rounded down"),
            "up": ("làm tròn lên", "rounded up"),
            "nearest": ("làm tròn", "rounded to nearest"),
        }[quota.share.rounding]
        vi.append(f"{pct}% của {of_vi} = {shown}, {words[0]} thành {count}")
        en.append(f"{pct}% of {of_en} = {shown}, {words[1]} to {count}")
    joiner = ("; lấy số nhỏ hơn", "; the smaller applies") if len(counts) > 1 else ("", "")
    return min(counts), (", ".join(vi) + joiner[0], ", ".join(en) + joiner[1])


def leaders_limit(
    selection: Selection, parameters: Mapping[str, Any], places: int
) -> tuple[int | None, tuple[str, str]]:
    """How many of ``places`` leaders and managers may take (``None``: no limit), how counted."""
    rule = selection.constraints.leaders_share
    if rule is None:
        return None, ("", "")
    percent = resolve_number(rule.max_percent, parameters)
    limit = apply_rounding(percent * places / 100, rule.rounding)
    return limit, (
        f"tối đa {percent:g}% của {places} suất = {limit}",
        f"at most {percent:g}% of {places} places = {limit} leaders and managers",
    )


def leaders_full(limit_text: tuple[str, str]) -> tuple[str, str]:
    """Why a leader or manager is passed over: the leaders' share (``limit_text``) is taken."""
    return (
        f"đã đủ tỷ lệ lãnh đạo, quản lý ({limit_text[0]})",
        f"the leaders' share is reached ({limit_text[1]})",
    )


def unit_full(unit_name: str, cap: int, parent: bool) -> tuple[str, str]:
    """Why a candidate is passed over: their unit (``parent``: parent unit) has ``cap`` places."""
    return (
        f"{unit_name} đã đủ {cap} suất (tối đa {cap} mỗi đơn vị{' cấp trên' if parent else ''})",
        f"{unit_name} already has its {cap} place{'' if cap == 1 else 's'} (at most {cap} per "
        f"{'parent unit' if parent else 'unit'})",
    )
