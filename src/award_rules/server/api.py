"""The JSON API under ``/api``: awards, criteria, judging one nominee or a roster, schemas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import AfterValidator, Field

from .. import __version__
from ..catalog import Catalog
from ..errors import AwardRulesError
from ..model import IsoDate
from ..request import DATE_PATTERN, date_in_range
from ..schemas import declared_extensions, nominee_schema, verdict_schema
from .body import read_body
from .criteria_view import award_summary, criteria_view
from .examples import nominee_examples, roster_example
from .judging import judge, review_day, review_lines, roster_lines, verdict_json
from .problems import PROBLEM_MEDIA_TYPE, Problem, problem_for
from .records import ROSTER_READERS, read_record, read_roster
from .rosterfiles import XLSX_MEDIA_TYPE
from .settings import Settings

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

EvaluationDate = Annotated[
    IsoDate, AfterValidator(date_in_range), Field(json_schema_extra={"pattern": DATE_PATTERN})
]
AsOf = Annotated[
    EvaluationDate | None,
    Query(
        description="Evaluation date, YYYY-MM-DD (default: today; for annual titles, "
        "31 December of the year)"
    ),
]
Year = Annotated[
    int | None,
    Query(ge=1945, le=2200, description="Year under review, for year-end titles"),
]
Lang = Annotated[Literal["vi", "en"], Query(description="Language of the explanation")]
PROBLEM = {
    "description": "A problem (RFC 9457)",
    "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def _catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _checked(catalog: Catalog, award_ids: list[str]) -> list[str]:
    """The award ids, each known (404 with "did you mean" otherwise)."""
    for award_id in award_ids:
        try:
            catalog.versions(award_id)
        except AwardRulesError as exc:
            raise problem_for(exc) from None
    return award_ids


@router.get("/health", summary="Health check")
def health(request: Request) -> dict[str, Any]:
    """The service is up and its criteria are loaded."""
    return {"status": "ok", "version": __version__, "awards": len(_catalog(request).ids())}


@router.get(
    "/awards", summary="Awards in force on a date (or for a year)", responses={422: PROBLEM}
)
def awards(request: Request, as_of: AsOf = None, year: Year = None) -> dict[str, Any]:
    """The awards whose criteria are in force on ``as_of`` (default: 31 December of ``year``,
    else today), one version each."""
    catalog = _catalog(request)
    day = review_day(as_of, year)
    return {
        "as_of": day.isoformat(),
        "awards": [award_summary(v, catalog) for v in catalog.in_force_on(day)],
    }


@router.get(
    "/awards/{award_id}",
    summary="One award's criteria, in words and as data",
    responses={404: PROBLEM, 422: PROBLEM},
)
def award(request: Request, award_id: str, as_of: AsOf = None, year: Year = None) -> dict[str, Any]:
    """Every version of the award's criteria, or the one in force on ``as_of`` / for ``year``.

    Each condition is given in Vietnamese and English with its legal source; ``criteria``
    holds the version as written in its YAML file.
    """
    catalog = _catalog(request)
    _checked(catalog, [award_id])
    day = as_of or (dt.date(year, 12, 31) if year else None)
    try:
        return criteria_view(catalog, award_id, day)
    except AwardRulesError as exc:
        raise problem_for(exc) from None


@router.post(
    "/judge",
    summary="Judge one nominee for one award",
    responses={
        200: {
            "description": "The verdict",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Verdict"}}},
        },
        404: PROBLEM,
        413: PROBLEM,
        422: PROBLEM,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/Nominee"},
                    "examples": nominee_examples(),
                },
                "application/yaml": {"schema": {"$ref": "#/components/schemas/Nominee"}},
            },
        }
    },
)
async def judge_one(
    request: Request,
    award: Annotated[str, Query(description="Award id, e.g. vss.dg_certificate.retirement")],
    as_of: AsOf = None,
    year: Year = None,
    lang: Lang = "vi",
) -> Any:
    """The nominee record (JSON or YAML) in the body; the verdict with every condition,
    what was required, what was found, and the explanation in ``lang`` as ``text``."""
    catalog = _catalog(request)
    _checked(catalog, [award])
    body = await read_body(request, _settings(request).max_nominee_bytes)
    try:
        nominee = read_record(body)
        return verdict_json(judge(catalog, nominee, award, as_of, year), lang)
    except AwardRulesError as exc:
        raise problem_for(exc) from None


@router.post(
    "/roster",
    summary="Judge a roster: JSON Lines in, JSON Lines out, in input order",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "One JSON object a line: {line, nominee, award, status, verdict} "
            "or {line, nominee, award, status: 'error', error: problem}",
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        },
        404: PROBLEM,
        413: PROBLEM,
        415: PROBLEM,
        422: PROBLEM,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/x-ndjson": {
                    "schema": {"type": "string"},
                    "examples": roster_example(),
                },
                "text/csv": {"schema": {"type": "string"}},
                XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def roster(
    request: Request,
    award: Annotated[
        list[str] | None,
        Query(
            description="Award ids (repeatable); default: every award in force for the nominee's "
            "kind"
        ),
    ] = None,
    as_of: AsOf = None,
    year: Year = None,
    lang: Lang = "vi",
) -> StreamingResponse:
    """One nominee record a line (JSON Lines), or a CSV file or an Excel workbook of the
    roster template (by Content-Type). Each output line is a verdict or a located error
    (field path, line; sheet, row and column for a table); a bad record never stops the
    roster."""
    catalog = _catalog(request)
    awards_asked = _checked(catalog, award or [])
    body = await read_body(request, _settings(request).max_roster_bytes)
    entries = read_roster(body, f"body.{_roster_suffix(request)}", catalog.vocabulary.extensions)
    if year is not None and as_of is None and not awards_asked:  # the year-end review
        lines = review_lines(catalog, entries, year)
    else:
        lines = roster_lines(catalog, entries, awards_asked, as_of, year, lang)
    return StreamingResponse(lines, media_type="application/x-ndjson")


ROSTER_MEDIA_TYPES = {"text/csv": "csv", XLSX_MEDIA_TYPE: "xlsx"}
"""Roster bodies other than JSON Lines, by Content-Type (when their reader is registered)."""


def _roster_suffix(request: Request) -> str:
    """The roster format the request's Content-Type names; JSON Lines by default."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    suffix = ROSTER_MEDIA_TYPES.get(media, "jsonl")
    if suffix not in ROSTER_READERS:
        raise Problem(
            415, f"{media} rosters need the roster extra: pip install 'award-rules[roster]'"
        )
    return suffix


@router.get("/schemas/nominee", summary="JSON Schema of a nominee record")
def schema_nominee(request: Request) -> dict[str, Any]:
    """What ``award-rules schema`` prints for the service's catalog: the data others send.

    ``extensions`` holds the keys and types the catalog's checks declare, if any.
    """
    return _built_once(
        request,
        "nominee",
        lambda: nominee_schema(extensions=declared_extensions(_catalog(request))),
    )


@router.get("/schemas/verdict", summary="JSON Schema of a verdict")
def schema_verdict(request: Request) -> dict[str, Any]:
    """The shape of a verdict as ``/api/judge`` returns it (``Verdict.to_dict()`` plus text)."""
    return _built_once(request, "verdict", verdict_schema)


def _built_once(request: Request, name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A published schema, built on the first request and kept: the catalog is read-only."""
    built: dict[str, dict[str, Any]] = request.app.state.schemas
    found = built.get(name)
    if found is None:
        found = built[name] = build()
    return found
