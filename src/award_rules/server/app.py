"""The application: the catalog loaded once, the API, the page, errors, tokens, CORS, logs."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..catalog import Catalog
from ..errors import AwardRulesError
from ..loading import load_catalog
from ..yamlfile import dotted
from .api import router as api_router
from .apidocs import DOCS_POLICY, DOCS_URL, mount_api_docs
from .pages import router as page_router
from .problems import PROBLEM_MEDIA_TYPE, Problem, problem_for
from .rosterfiles import XLSX_MEDIA_TYPE  # noqa: F401  (registers the review's files)
from .schemas import components
from .security import OPEN_PATHS, check_bearer
from .settings import Settings
from .uploads import UploadStore

__all__ = ["create_app"]

log = logging.getLogger("award_rules.server")
HERE = Path(__file__).parent

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details, with each problem's field path.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "path": {"type": ["string", "null"]},
                    "message": {"type": "string"},
                    "line": {"type": ["integer", "null"]},
                    "column": {"type": ["integer", "null"]},
                    "code": {"type": "string"},
                    "hint": {"type": ["string", "null"]},
                    "text": {"type": "string"},
                },
                "required": ["message"],
            },
        },
        "suggestions": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["type", "title", "status", "detail"],
}


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
PAGE_POLICY = (
    "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""The page needs no script at all; inline styles carry only the conditions' depth."""


def problem_response(problem: Problem, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The problem as ``application/problem+json`` with its status (and headers, like Allow)."""
    headers = dict(headers or {})
    if problem.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(
        problem.to_dict(),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return problem_response(exc)


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for item in exc.errors():
        path = dotted([p for p in item["loc"] if isinstance(p, str | int)])
        message = str(item["msg"]).removeprefix("Value error, ")
        errors.append(
            {"path": path, "message": message, "code": "request", "text": f"{path}: {message}"}
        )
    detail = errors[0]["text"] if errors else "invalid request"
    return problem_response(Problem(422, str(detail), errors))


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return problem_response(Problem(exc.status_code, str(exc.detail)), exc.headers)


async def _on_library_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AwardRulesError)
    return problem_response(problem_for(exc))


async def _on_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return problem_response(Problem(500, "internal error (logged on the server)"))


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(components(app.state.catalog))
            schemas["Problem"] = PROBLEM_SCHEMA
            settings: Settings = app.state.settings
            if settings.tokens:
                schema["components"]["securitySchemes"] = {
                    "bearer": {"type": "http", "scheme": "bearer"}
                }
                schema["security"] = [{"bearer": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    return build


def create_app(settings: Settings | None = None, catalog: Catalog | None = None) -> FastAPI:
    """The service for ``settings``; the catalog is loaded once here (read-only afterwards)."""
    settings = settings or Settings()
    app = FastAPI(
        title="award-rules",
        version=__version__,
        description="Eligibility of VSS officials and units for emulation titles and awards, "
        "explained condition by condition in Vietnamese and English.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.catalog = catalog or load_catalog(settings.criteria, extra=settings.criteria_add)
    app.state.uploads = UploadStore()
    app.state.schemas = {}  # published schemas, built on first request (see api._built_once)
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(HTTPException, _on_http)
    app.add_exception_handler(AwardRulesError, _on_library_error)
    app.add_exception_handler(Exception, _on_error)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        path = request.url.path
        if settings.tokens and not path.startswith(OPEN_PATHS):
            try:
                check_bearer(request.headers.get("authorization"), settings.tokens)
            except Problem as problem:
                log.info("%s %s 401", request.method, path)
                return problem_response(problem)
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        response.headers["Content-Security-Policy"] = (
            DOCS_POLICY if path.startswith(DOCS_URL) else PAGE_POLICY
        )
        log.info(
            "%s %s %d %.1f ms",
            request.method,
            path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    mount_api_docs(app, "/api/openapi.json")
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    return app
