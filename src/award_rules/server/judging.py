"""Judging over HTTP: which awards apply, one verdict, a roster streamed line by line.

Nothing here knows about HTTP; the API and the page both call it. Logs name
nominees by id only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..catalog import Catalog
from ..errors import AwardRulesError
from ..model import Individual, Unit
from ..verdict import Verdict
from .problems import Problem, problem_for
from .records import Entry

__all__ = [
    "applicable_awards",
    "judge",
    "judge_entries",
    "review_lines",
    "roster_lines",
    "verdict_json",
]

log = logging.getLogger("award_rules.server")


def review_day(as_of: dt.date | None, year: int | None) -> dt.date:
    """The day whose awards in force apply: ``as_of``, else 31 December of ``year``, else today."""
    if as_of is not None:
        return as_of
    return dt.date(year, 12, 31) if year else dt.date.today()


def applicable_awards(
    catalog: Catalog, nominee: Individual | Unit, as_of: dt.date | None, year: int | None
) -> list[str]:
    """The awards in force on the review day whose subject is the nominee's kind."""
    day = review_day(as_of, year)
    return [v.id for v in catalog.in_force_on(day) if v.doc.subject in (nominee.kind, "any")]


def judge(
    catalog: Catalog,
    nominee: Individual | Unit,
    award_id: str,
    as_of: dt.date | None,
    year: int | None,
) -> Verdict:
    """One verdict; logs the nominee's id, the award and the status, nothing else."""
    verdict = catalog.evaluate(nominee, award_id, as_of, year=year)
    log.info("judged %s for %s: %s", nominee.id, award_id, verdict.status)
    return verdict


def verdict_json(verdict: Verdict, lang: str) -> dict[str, Any]:
    """The verdict's data, with its explanation in ``lang`` as ``text``.

    The library names the criteria file relative to its criteria folder, so the
    server's own file system layout stays out of responses.
    """
    return {**verdict.to_dict(), "text": verdict.explain(lang)}


def judge_entries(
    catalog: Catalog,
    entries: Iterable[Entry],
    awards: Sequence[str],
    as_of: dt.date | None,
    year: int | None,
) -> Iterator[tuple[Entry, str | None, Verdict | None, Problem | None]]:
    """For each entry, in order: each award given (or each applicable one), judged or failed."""
    for entry in entries:
        if entry.nominee is None:
            assert entry.error is not None
            yield entry, None, None, problem_for(entry.error)
            continue
        chosen = list(awards) or applicable_awards(catalog, entry.nominee, as_of, year)
        for award_id in chosen:
            try:
                verdict = judge(catalog, entry.nominee, award_id, as_of, year)
            except AwardRulesError as exc:
                yield entry, award_id, None, problem_for(exc)
            except Exception as exc:  # a bug: say so on this line, keep going, no traceback
                log.error(
                    "internal error judging %s for %s: %s",
                    entry.nominee.id,
                    award_id,
                    type(exc).__name__,
                )
                yield entry, award_id, None, Problem(500, "internal error while judging")
            else:
                yield entry, award_id, verdict, None


def roster_lines(
    catalog: Catalog,
    entries: Iterable[Entry],
    awards: Sequence[str],
    as_of: dt.date | None,
    year: int | None,
    lang: str,
) -> Iterator[bytes]:
    """JSON Lines out, in input order: a verdict or a located problem per nominee and award."""
    for entry, award_id, verdict, problem in judge_entries(catalog, entries, awards, as_of, year):
        nominee_id = entry.nominee.id if entry.nominee else entry.nominee_id
        line: dict[str, Any] = {"line": entry.line, "nominee": nominee_id, "award": award_id}
        if verdict is not None:
            line["status"] = verdict.status
            line["verdict"] = verdict_json(verdict, lang)
        else:
            assert problem is not None
            line["status"] = "error"
            line["error"] = problem.to_dict()
        yield (json.dumps(line, ensure_ascii=False) + "\n").encode()


def review_lines(catalog: Catalog, entries: Iterable[Entry], year: int) -> Iterator[bytes]:
    """JSON Lines of the year-end review (:func:`award_rules.roster.review`), in input order.

    The awards and rows are those of ``award-rules review --year``: every year-end
    title in force for the nominee's kind, preconditions judged through them, cohort
    rules applied. A good row is ``{line, nominee, award, status, decision, rank,
    places, group, reason, failed, missing, unverified, version}``; a record that
    cannot be read is the located error line of :func:`roster_lines`.
    """
    from ..roster import entries as roster_entries
    from ..roster.review import review

    kept: dict[int, Entry] = {}

    def records() -> Iterator[roster_entries.Entry]:
        for index, entry in enumerate(entries):
            kept[index] = entry
            if entry.nominee is not None:
                yield roster_entries.Entry(index, entry.nominee, (), entry.nominee.id)
            else:
                yield roster_entries.Entry(index, None, (), entry.nominee_id)

    for row in review(catalog, records(), year):
        entry = kept[row.index]
        line: dict[str, Any] = {"line": entry.line, "nominee": row.nominee_id}
        if entry.nominee is None:
            assert entry.error is not None
            line.update(award=None, status="error", error=problem_for(entry.error).to_dict())
        else:
            data = row.to_dict()
            line.update(award=data.pop("award_id"), status=data.pop("status"))
            del data["nominee_id"], data["nominee_name"]
            line.update(data)
        yield (json.dumps(line, ensure_ascii=False) + "\n").encode()
