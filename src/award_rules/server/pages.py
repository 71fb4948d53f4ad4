"""The page for officials at ``/``: server-rendered, Vietnamese first, no JavaScript needed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, UploadFile

from ..catalog import Catalog
from ..criteria.layers import SHIPPED
from ..criteria.loader import CriteriaVersion
from ..errors import AwardRulesError, Diagnostic, NomineeError
from ..i18n import format_date
from ..nominees import parse_nominee
from .body import too_large
from .criteria_view import layer_name
from .exports import EXPORTS, ExportRequest, RosterExport, RosterResult
from .judging import judge, judge_entries, review_day
from .problems import Problem, problem_for
from .records import ROSTER_READERS, read_record, read_roster
from .settings import Settings
from .uploads import Upload, UploadStore
from .words import WORDS, citation_text, condition_rows, request_for

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["todate"] = lambda text: dt.date.fromisoformat(text) if text else None
FORM_OVERHEAD = 64 * 1024
"""Room for a form's other fields and multipart framing beyond the record itself."""

SHORT_FIELDS = (
    "kind",
    "id",
    "name",
    "gender",
    "birth_date",
    "unit_id",
    "position",
    "service_start",
    "service_end",
    "retirement_date",
    "level",
    "established_on",
    "ratings",
)


def _lang(value: object) -> str:
    return "en" if value == "en" else "vi"


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _year(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 1945 <= int(text) <= 2200 else None


def _listed_name(version: CriteriaVersion, lang: str) -> str:
    """An award's name in the list; a version from an added layer says which: "… [mine]"."""
    layer = layer_name(version)
    name = version.doc.name.get(lang)
    return name if layer == SHIPPED else f"{name} [{layer}]"


def _context(request: Request, lang: str, **extra: Any) -> dict[str, Any]:
    catalog: Catalog = request.app.state.catalog
    as_of, year = extra.get("as_of"), extra.get("year")
    day = review_day(as_of, year)
    awards = sorted(
        ((v.id, _listed_name(v, lang), v.doc.subject) for v in catalog.in_force_on(day)),
        key=lambda a: a[1],
    )

    def t(key: str) -> str:
        vi, en = WORDS[key]
        return en if lang == "en" else vi

    return {
        "request": request,
        "lang": lang,
        "t": t,
        "awards": awards,
        "day": day,
        "format_date": format_date,
        "exports": list(EXPORTS.values()),
        "roster_suffixes": sorted(ROSTER_READERS),
        "form": {},
        "errors": [],
        **extra,
    }


async def _form(request: Request, limit: int) -> FormData:
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        raise Problem(411, "send the form with a Content-Length")
    if int(declared) > limit + FORM_OVERHEAD:
        raise too_large(limit)
    return await request.form(max_files=2, max_fields=50, max_part_size=limit + FORM_OVERHEAD)


async def _upload(form: FormData, name: str) -> tuple[bytes, str]:
    item = form.get(name)
    if isinstance(item, UploadFile) and item.filename:
        return await item.read(), item.filename
    return b"", ""


def _short_record(form: FormData) -> dict[str, Any]:
    """The nominee record of the short form, with only the fields filled in."""
    get = {k: str(form.get(k) or "").strip() for k in SHORT_FIELDS}
    kind = get["kind"] or "individual"
    record: dict[str, Any] = {"kind": kind, "id": get["id"]}
    record["full_name" if kind == "individual" else "name"] = get["name"]
    if kind == "individual":
        for key in ("gender", "birth_date", "unit_id", "position", "retirement_date"):
            if get[key]:
                record[key] = get[key]
        if get["service_start"]:
            period = {"unit_id": get["unit_id"] or "unit", "start": get["service_start"]}
            if get["service_end"]:
                period["end"] = get["service_end"]
            record["service"] = [period]
    else:
        for key in ("level", "established_on"):
            if get[key]:
                record[key] = get[key]
    ratings = []
    for line in get["ratings"].splitlines():
        parts = line.replace(":", " ").split()
        if len(parts) == 2:
            ratings.append(
                {"year": int(parts[0]) if parts[0].isdigit() else parts[0], "level": parts[1]}
            )
        elif parts:
            ratings.append({"year": line})
    if ratings:
        record["ratings"] = ratings
    return record


def _errors(problem: Problem) -> list[str]:
    return [str(e.get("text") or e.get("message")) for e in problem.errors] or [problem.detail]


def _refused(request: Request, problem: Problem, template: str) -> Response:
    """A form refused before it was read (too large): the page, with the reason."""
    lang = _lang(request.query_params.get("lang"))
    context = _context(request, lang, errors=[problem.detail])
    return templates.TemplateResponse(request, template, context, status_code=problem.status)


@router.get("/")
def index(request: Request, lang: str = "vi", as_of: str = "", year: str = "") -> Response:
    """The form: an award in force, a date or a year, the record (pasted, uploaded or short)."""
    return templates.TemplateResponse(
        request,
        "index.html",
        _context(
            request,
            _lang(lang),
            as_of=_date(as_of),
            year=_year(year),
            form={"as_of": as_of, "year": year},
        ),
    )


@router.post("/judge")
async def judge_page(request: Request) -> Response:
    """The verdict for the record sent, under the form (sent again to switch language)."""
    settings: Settings = request.app.state.settings
    return await _with_form(request, settings.max_nominee_bytes, "index.html", _judge_form)


async def _with_form(
    request: Request,
    limit: int,
    template: str,
    handle: Callable[[Request, FormData], Awaitable[Response]],
) -> Response:
    """Read the form within ``limit`` bytes (refused on ``template`` if over), handle, close."""
    try:
        form = await _form(request, limit)
    except Problem as problem:
        return _refused(request, problem, template)
    try:
        return await handle(request, form)
    finally:
        await form.close()


async def _judge_form(request: Request, form: FormData) -> Response:
    settings: Settings = request.app.state.settings
    catalog: Catalog = request.app.state.catalog
    lang = _lang(form.get("lang"))
    as_of, year = _date(form.get("as_of")), _year(form.get("year"))
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    context = _context(request, lang, as_of=as_of, year=year, form=fields)
    status = 200
    try:
        data, filename = await _upload(form, "file")
        if len(data) > settings.max_nominee_bytes:
            raise too_large(settings.max_nominee_bytes)
        if data:
            fields["record"] = data.decode("utf-8", "replace")
            nominee = read_record(data, filename)
        elif fields.get("record", "").strip():
            nominee = read_record(fields["record"].encode(), "record")
        elif fields.get("id", "").strip():
            nominee = parse_nominee(_short_record(form))
        else:
            raise NomineeError([Diagnostic("nominee", WORDS["no_record"][lang == "en"])])
        award_id = str(form.get("award") or "")
        verdict = judge(catalog, nominee, award_id, as_of, year)
        data_view = verdict.to_dict()
        context.update(
            verdict=data_view,
            annual=catalog.is_annual(award_id),
            rows=condition_rows(data_view["conditions"], lang),
            requests=[request_for(m, lang) for m in verdict.to_request],
            source=citation_text(data_view["version"]["source"]),
        )
    except AwardRulesError as exc:
        problem = problem_for(exc)
        context["errors"] = _errors(problem)
        status = 422 if problem.status != 404 else 404
    except Problem as problem:
        context["errors"] = _errors(problem)
        status = problem.status
    return templates.TemplateResponse(request, "index.html", context, status_code=status)


@router.post("/roster")
async def roster_page(request: Request) -> Response:
    """A roster judged: the summary per award, each nominee's outcome, each bad record."""
    settings: Settings = request.app.state.settings
    return await _with_form(request, settings.max_roster_bytes, "roster.html", _roster_form)


async def _roster_form(request: Request, form: FormData) -> Response:
    catalog: Catalog = request.app.state.catalog
    lang = _lang(form.get("lang"))
    as_of, year = _date(form.get("as_of")), _year(form.get("year"))
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    awards = [str(a) for a in form.getlist("award") if a]
    context = _context(request, lang, as_of=as_of, year=year, form=fields)
    try:
        data, filename = await _upload(form, "roster")
        if not data:
            raise NomineeError([Diagnostic("roster", WORDS["no_roster"][lang == "en"])])
        for award_id in awards:
            catalog.versions(award_id)
        upload = Upload(data, filename, tuple(awards), as_of, year)
        results = _judged(catalog, upload, upload.awards)
    except AwardRulesError as exc:
        context["errors"] = _errors(problem_for(exc))
        return templates.TemplateResponse(request, "roster.html", context, status_code=422)
    export = EXPORTS.get(str(form.get("export") or ""))
    if export is not None:
        return _download(catalog, export, upload, results, lang, "roster")
    if EXPORTS:
        uploads: UploadStore = request.app.state.uploads
        context["token"] = uploads.put(upload)
    summary: dict[str, Counter[str]] = {}
    for result in results:
        if result.award_id is None:
            continue
        outcome = result.verdict.status if result.verdict else "error"
        summary.setdefault(result.award_id, Counter())[outcome] += 1
    names = {
        a: (catalog.award_name(a).get(lang) if catalog.award_name(a) else a)  # type: ignore[union-attr]
        for a in summary
    }
    context.update(
        results=results,
        summary=summary,
        names=names,
        filename=filename,
        bad=[r for r in results if r.problem is not None],
    )
    return templates.TemplateResponse(request, "roster.html", context)


def _judged(catalog: Catalog, upload: Upload, awards: tuple[str, ...]) -> list[RosterResult]:
    """Every record of the upload judged for ``awards`` (or each applicable award)."""
    return [
        RosterResult(
            entry.line,
            entry.nominee.id if entry.nominee else entry.nominee_id,
            entry.nominee,
            award_id,
            verdict,
            problem,
        )
        for entry, award_id, verdict, problem in judge_entries(
            catalog,
            read_roster(upload.data, upload.filename, catalog.vocabulary.extensions),
            awards,
            upload.as_of,
            upload.year,
        )
    ]


def _download(
    catalog: Catalog,
    export: RosterExport,
    upload: Upload,
    results: list[RosterResult],
    lang: str,
    stem: str,
) -> Response:
    asked = ExportRequest(catalog, upload.awards, upload.as_of, upload.year, lang)
    return Response(
        export.build(results, asked),
        media_type=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{stem}.{export.suffix}"'},
    )


@router.post("/roster/download")
async def roster_download(request: Request) -> Response:
    """A download offered under the roster summary: the whole roster, or one award of it."""
    catalog: Catalog = request.app.state.catalog
    uploads: UploadStore = request.app.state.uploads
    try:
        form = await _form(request, 0)
    except Problem as problem:
        return _refused(request, problem, "roster.html")
    try:
        lang = _lang(form.get("lang"))
        upload = uploads.get(str(form.get("token") or ""))
        export = EXPORTS.get(str(form.get("export") or ""))
        if upload is None or export is None:
            context = _context(request, lang, errors=[WORDS["upload_expired"][lang == "en"]])
            return templates.TemplateResponse(request, "roster.html", context, status_code=404)
        award = str(form.get("award") or "")
        if award and award not in upload.awards and upload.awards:
            award = ""
        awards = (award,) if award else upload.awards
        try:
            if award:
                catalog.versions(award)
            chosen = Upload(upload.data, upload.filename, awards, upload.as_of, upload.year)
            results = _judged(catalog, chosen, awards)
        except AwardRulesError as exc:
            context = _context(request, lang, errors=_errors(problem_for(exc)))
            return templates.TemplateResponse(request, "roster.html", context, status_code=422)
        return _download(catalog, export, chosen, results, lang, award or "roster")
    finally:
        await form.close()
