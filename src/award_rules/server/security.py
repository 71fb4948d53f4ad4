"""Bearer tokens, compared in constant time; the health check and static files stay open."""

from __future__ import annotations

import hmac

from .problems import Problem

__all__ = ["OPEN_PATHS", "check_bearer"]

OPEN_PATHS = ("/api/health", "/static/")
"""Paths served without a token (a load balancer's probe, the stylesheet)."""


def check_bearer(authorization: str | None, tokens: frozenset[str]) -> None:
    """Raise a 401 :class:`Problem` unless ``authorization`` is ``Bearer <a known token>``."""
    scheme, _, given = (authorization or "").partition(" ")
    matched = False
    for token in tokens:  # every token compared, so timing does not tell which one is close
        matched |= hmac.compare_digest(given.strip().encode(), token.encode())
    if scheme.lower() != "bearer" or not matched:
        raise Problem(
            401,
            "a valid bearer token is required: send 'Authorization: Bearer <token>'",
        )
