"""``award-rules serve``: the HTTP API and the page for officials, on uvicorn.

Loopback by default; any other address needs bearer tokens (``--token-file``)
or an explicit ``--no-auth``.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
from pathlib import Path
from typing import TextIO

from . import Command, register
from .common import EXIT_OK, EXIT_USAGE, UsageError, criteria_option, load_criteria

__all__: list[str] = []

INSTALL_HINT = "award-rules: error: serve needs the server extra: pip install 'award-rules[server]'"
SERVER_MODULES = ("fastapi", "uvicorn", "jinja2", "multipart")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of bytes, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, got {value}")
    return value


def _configure(parser: argparse.ArgumentParser) -> None:
    from ..server.settings import DEFAULT_MAX_NOMINEE_BYTES, DEFAULT_MAX_ROSTER_BYTES

    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    criteria_option(parser)
    parser.add_argument(
        "--token-file",
        type=Path,
        metavar="FILE",
        help="bearer tokens, one a line; required on a non-loopback address",
    )
    parser.add_argument(
        "--no-auth",
        action="store_true",
        help="serve a non-loopback address without tokens (trusted networks only)",
    )
    parser.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser calls from ORIGIN (repeatable; default: none)",
    )
    parser.add_argument(
        "--max-nominee-bytes",
        type=_positive,
        default=DEFAULT_MAX_NOMINEE_BYTES,
        metavar="N",
        help=f"largest nominee body (default {DEFAULT_MAX_NOMINEE_BYTES})",
    )
    parser.add_argument(
        "--max-roster-bytes",
        type=_positive,
        default=DEFAULT_MAX_ROSTER_BYTES,
        metavar="N",
        help=f"largest roster body (default {DEFAULT_MAX_ROSTER_BYTES})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="load the criteria and check the options, then exit without serving",
    )


def _missing_extra() -> bool:
    return any(importlib.util.find_spec(name) is None for name in SERVER_MODULES)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if _missing_extra():
        print(INSTALL_HINT, file=err)
        return EXIT_USAGE
    from ..server import Settings, create_app
    from ..server.settings import is_loopback, read_tokens

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {args.port}")
    if args.token_file and args.no_auth:
        raise UsageError("give --token-file or --no-auth, not both")
    tokens: frozenset[str] = frozenset()
    if args.token_file:
        try:
            tokens = read_tokens(args.token_file)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    elif not is_loopback(args.host) and not args.no_auth:
        raise UsageError(
            f"refusing to serve {args.host} without authentication: give --token-file FILE "
            "(bearer tokens, one a line), or --no-auth on a trusted network"
        )
    settings = Settings(
        criteria=args.criteria,
        criteria_add=tuple(args.criteria_add),
        tokens=tokens,
        cors_origins=tuple(args.cors_origin),
        max_nominee_bytes=args.max_nominee_bytes,
        max_roster_bytes=args.max_roster_bytes,
    )
    catalog = load_criteria(args)
    app = create_app(settings, catalog)
    auth = "bearer tokens" if tokens else "no authentication"
    layers = "".join(f"; criteria layer {layer.name}" for layer in args.criteria_add)
    print(f"award-rules: serving http://{args.host}:{args.port}/ ({auth}{layers})", file=out)
    if args.check:
        return EXIT_OK
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(
        app, host=args.host, port=args.port, log_level="info", access_log=False, server_header=False
    )
    return EXIT_OK


register(Command("serve", "serve the HTTP API and the page for officials", _configure, _run))
