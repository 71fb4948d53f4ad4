"""Vietnamese and English wording of dates, durations and values."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from .facts import Duration

__all__ = ["LANGS", "Lang", "format_date", "format_duration", "format_value", "pick"]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def pick(lang: str, vi: str, en: str) -> str:
    """``vi`` or ``en`` by language."""
    return en if lang == "en" else vi


def format_date(day: dt.date, lang: str = "vi") -> str:
    """dd/mm/yyyy in both languages (the form used in Vietnamese documents)."""
    return day.strftime("%d/%m/%Y")


def format_duration(duration: Duration, lang: str = "vi") -> str:
    """``8 năm 3 tháng`` / ``8 years 3 months``; each part only when non-zero."""
    parts: list[str] = []
    units = (
        (duration.years, "năm", "year"),
        (duration.months, "tháng", "month"),
    )
    for amount, vi, en in units:
        if amount:
            parts.append(f"{amount} {vi}" if lang == "vi" else _plural(amount, en))
    if duration.days:
        parts.append(f"{duration.days} ngày" if lang == "vi" else _plural(duration.days, "day"))
    if not parts:
        return "0 ngày" if lang == "vi" else "0 days"
    return " ".join(parts)


def _plural(amount: int, word: str) -> str:
    return f"{amount} {word}{'' if amount == 1 else 's'}"


def format_value(value: Any, lang: str = "vi") -> str:
    """Any found or required value, in words."""
    if isinstance(value, Duration):
        return format_duration(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, bool):
        return pick(lang, "có" if value else "không", "yes" if value else "no")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(value, dict):
        return ", ".join(f"{k}: {format_value(v, lang)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v, lang) for v in value) if value else "—"
    if value is None:
        return pick(lang, "không có dữ liệu", "no data")
    return str(value)
