"""Replay a year of HR events for a province; print each eligibility change and why.

Run in the venv, from the repository root::

    python examples/live_province_year.py                    # native engine, English
    python examples/live_province_year.py --engine durable   # durable-rules (Rete) engine
    python examples/live_province_year.py --lang vi

The events (``examples/events/province_2020.jsonl``) are those an HR system of
BHXH tỉnh Hải Dương would send in 2020: the records loaded in January, ratings,
emulation registrations, a hire, a new team, a retirement, the anniversary
certificate granted, a discipline. Time passes too: at the end of each month
every nominee is judged again, so a team turning ten shows up without an event.
The three VSS awards of the shipped criteria are followed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from award_rules import load_catalog
from award_rules.errors import AwardRulesError, EngineUnavailableError
from award_rules.explain import node_texts
from award_rules.live import EligibilityChange, LiveSession

HERE = Path(__file__).resolve().parent
EVENTS = HERE / "events" / "province_2020.jsonl"
YEAR_END = dt.date(2020, 12, 31)
FOLLOWED = (
    "vss.dg_certificate.retirement",
    "vss.dg_certificate.small_collective",
    "vss.year_end_registration",
)

WORDS = {
    "en": {
        None: "first judged",
        "eligible": "ELIGIBLE",
        "ineligible": "not eligible",
        "undetermined": "undetermined",
        "met": "every condition is met",
        "missing": "missing",
        "from": "would be eligible from",
        "time": "time passed",
    },
    "vi": {
        None: "lần xét đầu",
        "eligible": "ĐỦ ĐIỀU KIỆN",
        "ineligible": "không đủ điều kiện",
        "undetermined": "chưa xác định",
        "met": "đáp ứng mọi điều kiện",
        "missing": "thiếu",
        "from": "sẽ đủ điều kiện từ",
        "time": "thời gian trôi qua",
    },
}


def month_ends(year: int) -> list[dt.date]:
    """The last day of each month of ``year``."""
    return [
        dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        for month in range(1, 13)
    ]


def reasons(change: EligibilityChange, lang: str) -> list[str]:
    """Why the verdict is what it is, one line per deciding condition."""
    words = WORDS[lang]
    verdict = change.verdict
    if verdict.status == "eligible":
        return [words["met"]]
    lines = []
    for leaf in verdict.conditions.leaves():
        if leaf.id in verdict.failed and leaf.passed is False:
            texts = node_texts(leaf, lang)
            lines.append(f"✗ {texts['label']}: {texts['found']}")
    if verdict.missing:
        lines.append(f"? {words['missing']}: {', '.join(verdict.missing)}")
    if verdict.earliest_eligible_on:
        lines.append(f"→ {words['from']} {verdict.earliest_eligible_on:%d/%m/%Y}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--engine", choices=("native", "durable"), default="native")
    parser.add_argument("--lang", choices=("en", "vi"), default="en")
    parser.add_argument("--events", type=Path, default=EVENTS, help="a JSON-lines file")
    args = parser.parse_args(argv)
    words = WORDS[args.lang]
    causes: dict[int, str] = {}

    def show(change: EligibilityChange) -> None:
        verdict = change.verdict
        cause = causes.get(change.event_index or 0, words["time"])
        print(
            f"{change.date:%d/%m/%Y}  {verdict.nominee_name} ({change.nominee_id}) — "
            f"{verdict.award_name.get(args.lang)}: "
            f"{words[change.old_status]} → {words[change.new_status]}  [{cause}]"
        )
        for line in reasons(change, args.lang):
            print(f"            {line}")

    catalog = load_catalog()
    try:
        session = LiveSession(catalog, FOLLOWED, engine=args.engine, on_change=show)
    except EngineUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"== {args.events.name}, {args.engine} engine ==")
    clock = iter(month_ends(YEAR_END.year))
    next_tick = next(clock)
    lines = args.events.read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        event = json.loads(text)
        day = dt.date.fromisoformat(event["date"])
        while next_tick < day:  # the months that ended before this event
            session.advance(next_tick)
            next_tick = next(clock, YEAR_END + dt.timedelta(days=1))
        causes[session.posted + 1] = event["type"]
        try:
            session.post(event, line=number)
        except AwardRulesError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    while next_tick <= YEAR_END:
        session.advance(next_tick)
        next_tick = next(clock, YEAR_END + dt.timedelta(days=1))

    print()
    print(f"== {YEAR_END:%d/%m/%Y} ==")
    for (nominee_id, award_id), status in session.statuses().items():
        print(f"{status:<13} {nominee_id:<20} {award_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
