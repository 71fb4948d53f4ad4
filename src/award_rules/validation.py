"""One translator from pydantic ``ValidationError`` to located diagnostics.

Used for criteria files, predicate arguments, case files and nominees. Beyond
locating each error (``file:line:column`` and the field path), it suggests:

- for an unknown key, the closest key the model knows ("did you mean ...?");
  an unknown key that is a misspelling of a missing required key is reported
  once, as the unknown key, instead of twice;
- for a value outside an enumeration (``Literal`` or ``Enum``), the closest
  allowed value.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError
from pydantic_core import ErrorDetails

from .errors import Code, Diagnostic, SourceLocation, closest
from .yamlfile import Document, data_path, dotted

__all__ = ["did_you_mean", "from_validation_error", "known_keys"]

PathKey = tuple[str | int, ...]
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


KEY_CUTOFF = 0.75
"""How close a key must be to a known one to be suggested (keys are short: be strict)."""


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """``"did you mean x or y?"`` for the candidates close to ``word``, else ``""``."""
    near = closest(word, candidates, cutoff=cutoff)
    return f"did you mean {' or '.join(near)}?" if near else ""


def from_validation_error(
    error: ValidationError,
    document: Document | None,
    *,
    data: Any = None,
    model: Any = None,
    prefix: PathKey = (),
    code: str = Code.SCHEMA,
    field_word: str = "key",
    messages: Callable[[ErrorDetails], str | None] | None = None,
    empty_path: str = "",
    relocate: Callable[[PathKey], PathKey | None] | None = None,
) -> list[Diagnostic]:
    """One diagnostic per problem in ``error``, located in ``document``.

    ``data`` is what was validated (default: the document's data); ``model`` the
    type it was validated as (to suggest keys); ``prefix`` where ``data`` sits
    in the document; ``field_word`` names keys in messages ("key", "field");
    ``messages`` may override the message of an error; ``relocate`` may move an
    error at a data path to another path of the document (a value that came from
    a parameter is reported where the parameter is written).
    """
    root = document.data if data is None and document is not None else data
    items = error.errors(include_url=False)
    misspelt = _misspelt_required(items, root, model)
    skipped = {missing for missing, _, _ in misspelt}
    merged = {stranger: hint for _, stranger, hint in misspelt}
    items = [i for i in items if tuple(i["loc"]) not in skipped]
    extra = {tuple(i["loc"]) for i in items if i["type"] == "extra_forbidden"}
    for _, stranger, _hint in misspelt:
        if stranger not in extra:  # a model that keeps unknown keys: report it all the same
            items.append({"type": "extra_forbidden", "loc": stranger, "msg": "", "input": None})
    items = _one_per_union(items, root)
    out: list[Diagnostic] = []
    for item in items:
        loc = tuple(item["loc"])
        shown: list[str | int] = data_path(root, loc)
        message = item["msg"].removeprefix("Value error, ")
        hint = ""
        kind = item["type"]
        if kind in ("extra_forbidden", "missing"):
            key = str(loc[-1])
            if not shown or shown[-1] != key:
                shown.append(key)
            if kind == "extra_forbidden":
                message = f"unknown {field_word} {key!r}"
                hint = merged.get(loc, "") or did_you_mean(
                    key, _unknown_key_candidates(model, loc), KEY_CUTOFF
                )
            else:
                message = f"missing required {field_word} {key!r}"
        elif kind in ("literal_error", "enum") and isinstance(item.get("input"), str):
            allowed = _QUOTED.findall(str((item.get("ctx") or {}).get("expected", "")))
            hint = did_you_mean(str(item["input"]), allowed)
        custom = messages(item) if messages is not None else None
        if custom is not None:
            message = custom
        moved = relocate(tuple(shown)) if relocate is not None else None
        is_key = kind == "extra_forbidden"
        where: SourceLocation | None
        if moved is not None and document is not None:
            where = document.location(moved, key=is_key)
            path = dotted(moved)
        else:
            where = document.location((*prefix, *loc), key=is_key) if document is not None else None
            path = dotted([*_prefix_shown(document, prefix), *shown]) or empty_path
        out.append(Diagnostic(code, message, where, path=path, hint=hint))
    return _dedupe(out)


_SHAPE_ERRORS = frozenset({"model_type", "dict_type", "model_attributes_type", "list_type"})


def _one_per_union(items: list[ErrorDetails], root: Any) -> list[ErrorDetails]:
    """For a value of a union (a name or a mapping), keep the error of the branch it meant.

    A string given where a name or a mapping is allowed is reported against the
    names only ("did you mean"), not also as "not a mapping"; a mapping with a
    problem inside is reported by that problem, not also as "not a name".
    """
    paths = [tuple(data_path(root, i["loc"])) for i in items]
    named = {p for p, i in zip(paths, items, strict=True) if i["type"] in ("literal_error", "enum")}
    deeper = {p[:end] for p in paths for end in range(len(p))}
    return [
        i
        for p, i in zip(paths, items, strict=True)
        if not (i["type"] in _SHAPE_ERRORS and p in named)
        and not (
            i["type"] in ("literal_error", "enum")
            and isinstance(i.get("input"), dict)
            and p in deeper
        )
    ]


def _prefix_shown(document: Document | None, prefix: PathKey) -> list[str | int]:
    return data_path(document.data, prefix) if document is not None and prefix else []


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for d in diagnostics:
        key = (str(d.location), d.path, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _misspelt_required(
    items: Sequence[ErrorDetails], root: Any, model: Any
) -> list[tuple[tuple[Any, ...], tuple[Any, ...], str]]:
    """(missing key's location, the unknown key misspelling it, the hint) triples."""
    out: list[tuple[tuple[Any, ...], tuple[Any, ...], str]] = []
    missing = [tuple(i["loc"]) for i in items if i["type"] == "missing"]
    for loc in missing:
        parent_loc = loc[:-1]
        walked = data_path(root, parent_loc)
        parent = _at(root, walked)
        if not isinstance(parent, dict):
            continue
        known = known_keys(model, parent_loc) or set()
        strangers = [k for k in parent if isinstance(k, str) and k not in known]
        near = closest(str(loc[-1]), strangers, n=1, cutoff=KEY_CUTOFF)
        if near:
            out.append((loc, (*parent_loc, near[0]), f"did you mean {loc[-1]}?"))
    return out


def _at(data: Any, walked: Sequence[str | int]) -> Any:
    for element in walked:
        data = data[element]
    return data


def _unknown_key_candidates(model: Any, loc: tuple[Any, ...]) -> set[str]:
    return known_keys(model, loc[:-1]) or set()


def known_keys(model: Any, loc: Sequence[Any]) -> set[str] | None:
    """The keys the model accepts at ``loc`` (a pydantic error location), if a model is there."""
    if model is None:
        return None
    found = _walk(model, tuple(loc))
    if isinstance(found, type) and issubclass(found, BaseModel):
        return {f.alias or name for name, f in found.model_fields.items()}
    return None


def _unwrap(tp: Any) -> tuple[Any, str | None]:
    tag = None
    while get_origin(tp) is Annotated:
        args = get_args(tp)
        for meta in args[1:]:
            if isinstance(meta, Tag):
                tag = meta.tag
        tp = args[0]
    return tp, tag


def _members(tp: Any) -> list[tuple[Any, str | None]]:
    return [_unwrap(m) for m in get_args(tp)]


def _walk(tp: Any, loc: tuple[Any, ...]) -> Any:
    tp, _ = _unwrap(tp)
    if not loc:
        return tp
    head, rest = loc[0], loc[1:]
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = _members(tp)
        for member, tag in members:
            name = getattr(member, "__name__", "")
            if isinstance(head, str) and head in (tag, name, name.lower()):
                return _walk(member, rest)
        for member, _tag in members:
            found = _walk(member, loc)
            if found is not None:
                return found
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            if head in (name, field.alias):
                return _walk(field.annotation, rest)
        return None
    if origin in (list, tuple, set, frozenset) and isinstance(head, int):
        args = get_args(tp)
        return _walk(args[0], rest) if args else None
    if origin is dict:
        args = get_args(tp)
        return _walk(args[1], rest) if len(args) == 2 else None
    return None
