"""The browsable API reference (Swagger UI) at ``/api/docs``, served from the package, offline.

FastAPI's default page loads Swagger UI from a CDN; a ministry's network may
not reach one. The assets come from the ``fastapi-offline`` package (part of
the ``server`` extra) and are served under ``/api/docs/assets``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["DOCS_POLICY", "DOCS_URL", "mount_api_docs"]

DOCS_URL = "/api/docs"
ASSETS_URL = f"{DOCS_URL}/assets"

DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""Swagger UI runs one inline script that starts it; everything else comes from this server."""


def _assets() -> Path:
    return Path(str(resources.files("fastapi_offline"))) / "static"


def mount_api_docs(app: FastAPI, openapi_url: str) -> None:
    """Serve Swagger UI for ``openapi_url`` at :data:`DOCS_URL`, its assets from the package."""
    app.mount(ASSETS_URL, StaticFiles(directory=_assets()), name="api-docs-assets")

    @app.get(DOCS_URL, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title}: API",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
        )
