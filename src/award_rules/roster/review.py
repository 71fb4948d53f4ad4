"""The year-end review of a roster: judge every record, apply the cohort rules, one row each.

:func:`review` streams, and its memory stays flat however long the roster:
records are judged one at a time (or in worker processes); when cohort rules
apply, each judged record is spooled to a temporary file and handed to a
:class:`~award_rules.roster.select.Selector`, which spools the eligible
candidates of every ruled award and keeps only counts and the units the
heads' rule needs. Once the stream ends the selection is made a partition of
whole groups at a time, and the record spool is replayed in input order beside
the decisions, merged in the same order. Rows come out one per nominee and
award (and one per rejected record, saying why), and :class:`Summary` counts
what was read, judged and rejected. The temporary files are closed (and so
gone) when the review ends, is closed early or fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..criteria.schema import LocalizedText
from .entries import Entry, Problem, RawLine
from .judge import Packed, applicable_versions, judge_packed
from .readers import Roster
from .select import Decision, Selector, UnitInfo
from .spools import Spool

__all__ = ["ReviewRow", "Summary", "review"]

REASONS_KEPT = 10_000
ELIGIBLE = Decision("eligible")
NO_DECISIONS: Mapping[str, Decision] = {}
"""A record's cohort decisions by award id, when it has none."""


@dataclass(slots=True)
class ReviewRow:
    """One nominee and one award: verdict, selection, and the reason in both languages.

    Read-only by convention (not frozen: a review makes millions, and a frozen
    dataclass is several times slower to make).
    """

    index: int
    nominee_id: str | None
    nominee_name: str
    award_id: str
    version: str
    status: str
    """``eligible``, ``ineligible``, ``undetermined``, or ``rejected`` (a bad record)."""
    decision: str
    """``selected``, ``not_selected``, ``eligible`` (no cohort rule), or the status."""
    rank: int | None
    places: int | None
    group: str | None
    reason_vi: str
    reason_en: str
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    unverified: bool = False

    def reason(self, lang: str = "vi") -> str:
        return self.reason_en if lang == "en" else self.reason_vi

    def __reduce__(self) -> tuple[Any, ...]:
        # positional fields: the workbook's spool pickles every row
        return (
            ReviewRow,
            (
                self.index,
                self.nominee_id,
                self.nominee_name,
                self.award_id,
                self.version,
                self.status,
                self.decision,
                self.rank,
                self.places,
                self.group,
                self.reason_vi,
                self.reason_en,
                self.failed,
                self.missing,
                self.unverified,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with stable keys."""
        return {
            "nominee_id": self.nominee_id,
            "nominee_name": self.nominee_name,
            "award_id": self.award_id or None,
            "version": self.version or None,
            "status": self.status,
            "decision": self.decision,
            "rank": self.rank,
            "places": self.places,
            "group": self.group,
            "reason": {"vi": self.reason_vi, "en": self.reason_en},
            "failed": list(self.failed),
            "missing": list(self.missing),
            "unverified": self.unverified,
        }


@dataclass
class Summary:
    """What a review read, judged and rejected, and the problems it found."""

    read: int = 0
    judged: int = 0
    rejected: int = 0
    rows: int = 0
    selected: int = 0
    problems: list[Problem] = field(default_factory=list)
    """Problems of rejected records, then problems belonging to no record."""

    def text(self, lang: str = "vi") -> str:
        if lang == "en":
            return (
                f"{self.read} records read: {self.judged} judged, {self.rejected} rejected; "
                f"{self.rows} rows, {self.selected} selected"
            )
        return (
            f"Đã đọc {self.read} bản ghi: {self.judged} được xét, {self.rejected} bị loại; "
            f"{self.rows} dòng, {self.selected} được chọn"
        )


def review(
    catalog: Catalog,
    entries: Iterable[Entry],
    year: int,
    *,
    awards: Sequence[str] | None = None,
    workers: int = 1,
    selection: bool = True,
    units: Mapping[str, UnitInfo] | None = None,
    summary: Summary | None = None,
    progress: Callable[[], None] | None = None,
) -> Iterator[ReviewRow]:
    """Rows of the year-end review of ``entries`` for ``year``, in input order.

    ``awards`` limits the awards judged (default: every year-end title in
    force that is not a precondition); ``selection=False`` gives the plain
    verdicts. ``summary`` is filled in as rows are produced.
    """
    tally = summary if summary is not None else Summary()
    versions = applicable_versions(catalog, year, awards)
    titles = _Titles(catalog)

    records: Iterable[Entry | RawLine] = entries
    if workers > 1 and isinstance(entries, Roster):
        records = entries.records()  # JSON Lines are then parsed in the workers

    def counted() -> Iterator[Packed]:
        for item in judge_packed(catalog, records, year, versions, workers=workers):
            tally.read += 1
            if item[3] is None:
                tally.rejected += 1
                tally.problems.extend(item[2])
            else:
                tally.judged += 1
            if progress is not None:
                progress()
            yield item

    def rows_of(item: Packed, decisions: Mapping[str, Decision]) -> Iterator[ReviewRow]:
        for row in _rows(item, decisions, titles):
            tally.rows += 1
            if row.decision == "selected":
                tally.selected += 1
            yield row

    if not selection:
        for item in counted():
            yield from rows_of(item, NO_DECISIONS)
        return
    with Spool[Packed]() as spool, Selector(catalog, year, units=units) as selector:
        for item in counted():
            selector.add(item)
            spool.append(item)
        decisions = selector.decisions()
        pending = next(decisions, None)
        for seq, item in enumerate(spool.items()):
            mine = NO_DECISIONS
            if pending is not None and pending[0] == seq:  # the record's decisions, by award
                mine = {}
                while pending is not None and pending[0] == seq:
                    mine[pending[2]] = pending[3]
                    pending = next(decisions, None)
            yield from rows_of(item, mine)


class _Titles:
    """Condition titles by version and id, and the reasons made of them, looked up once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.cache: dict[str, dict[str, LocalizedText | None]] = {}
        self.reasons: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}

    def failed(self, award_id: str, owner: str, failed: tuple[str, ...]) -> tuple[str, str]:
        """Why an award is not met, in Vietnamese and English (the same failures recur)."""
        key = (owner, failed)
        found = self.reasons.get(key)
        if found is None:
            named = []
            for qid in failed:
                title = self.title(award_id, owner, qid)
                named.append((title.vi if title else qid, title.en if title else qid, qid))
            found = (
                "không đủ điều kiện: " + "; ".join(f"{v} [{q}]" for v, _, q in named),
                "not eligible: " + "; ".join(f"{e} [{q}]" for _, e, q in named),
            )
            if len(self.reasons) >= REASONS_KEPT:
                self.reasons.clear()
            self.reasons[key] = found
        return found

    def title(self, award_id: str, owner: str, qualified: str) -> LocalizedText | None:
        if owner not in self.cache:
            version = next(v for v in self.catalog.versions(award_id) if v.owner == owner)
            self.cache[owner] = {leaf.id: leaf.leaf.title for leaf in version.leaves()}
        return self.cache[owner].get(qualified.split("/")[0])


def _rows(item: Packed, decisions: Mapping[str, Decision], titles: _Titles) -> Iterator[ReviewRow]:
    """The rows of one record; ``decisions`` are its cohort decisions by award id."""
    index, nominee_id, problems, profile, outcomes = item
    if profile is None:
        detail = "; ".join(str(p) for p in problems)
        yield ReviewRow(
            index,
            nominee_id,
            "",
            "",
            "",
            "rejected",
            "rejected",
            None,
            None,
            None,
            f"bản ghi bị loại: {detail}",
            f"record rejected: {detail}",
        )
        return
    name = profile[1]
    for award_id, owner, status, failed, missing, unverified in outcomes:
        rank = places = group = None
        if status == "eligible":
            chosen = decisions.get(award_id) or ELIGIBLE
            vi, en = chosen.reason("vi"), chosen.reason("en")
            kind: str = chosen.decision
            rank, places, group = chosen.rank, chosen.places, chosen.group
        else:
            kind = status
            if status == "ineligible":
                vi, en = titles.failed(award_id, owner, failed)
            else:
                asked = ", ".join(missing) or "?"
                vi = f"chưa xác định: cần bổ sung {asked}"
                en = f"undetermined: request {asked}"
        yield ReviewRow(
            index,
            nominee_id,
            name,
            award_id,
            owner,
            status,
            kind,
            rank,
            places,
            group,
            vi,
            en,
            failed,
            missing,
            unverified,
        )
