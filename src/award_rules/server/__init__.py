"""The HTTP service and the page for officials (the ``server`` extra: FastAPI, uvicorn, Jinja2).

``create_app(Settings(...))`` builds the ASGI app; ``award-rules serve`` runs it
on uvicorn. Importing :mod:`award_rules` (or this package) does not import
FastAPI: ``create_app`` is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .settings import Settings

if TYPE_CHECKING:
    from .app import create_app

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
