"""A generic comparison on one field of the nominee (level, position, remote_area...)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

from pydantic import Field, model_validator

from ..context import Context
from ..errors import closest
from ..i18n import format_value, pick
from ..model import Individual, Unit
from ..results import Outcome
from .base import Args, Predicate

__all__ = ["FieldCompare", "comparable_fields"]

_SCALARS = (str, int, float, bool)


def comparable_fields(subject: str) -> dict[str, type]:
    """Scalar fields of the subject's model that ``field`` can compare, with their types."""
    if subject == "any":
        individual, unit = _scalar_fields(Individual), _scalar_fields(Unit)
        return {k: v for k, v in individual.items() if unit.get(k) is v}
    return _scalar_fields(Individual if subject == "individual" else Unit)


def _scalar_fields(model: type[Individual] | type[Unit]) -> dict[str, type]:
    fields: dict[str, type] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            options = [t for t in typing.get_args(annotation) if t is not type(None)]
            annotation = options[0] if len(options) == 1 else None
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        base = annotation
        if name != "kind" and isinstance(base, type) and issubclass(base, (*_SCALARS, dt.date)):
            fields[name] = base
    return fields


class FieldArgs(Args):
    field: str
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_in: list[Any] | None = None
    min: float | None = None
    max: float | None = None

    model_config = {"frozen": True, "extra": "forbid", "populate_by_name": True}

    @model_validator(mode="after")
    def _one_operator(self) -> FieldArgs:
        given = [n for n in ("equals", "in_", "not_in") if getattr(self, n) is not None]
        bounded = self.min is not None or self.max is not None
        if len(given) + bounded != 1:
            raise ValueError("give exactly one of: equals, in, not_in, or min/max")
        return self


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


class FieldCompare(Predicate[FieldArgs]):
    """Compare one scalar field of the nominee with ``equals``, ``in``, ``not_in`` or bounds."""

    name = "field"
    args_model = FieldArgs
    label = {"vi": "Thông tin", "en": "Record"}

    def evaluate(self, args: FieldArgs, ctx: Context) -> Outcome:
        value = _plain(getattr(ctx.nominee, args.field, None))
        if value is None:
            return Outcome(None, missing=(args.field,))
        evidence = (f"{args.field} = {value}",)
        if args.equals is not None:
            passed = value == args.equals
        elif args.in_ is not None:
            passed = value in args.in_
        elif args.not_in is not None:
            passed = value not in args.not_in
        else:
            passed = (args.min is None or value >= args.min) and (
                args.max is None or value <= args.max
            )
        return Outcome(passed, value, evidence)

    def can_be_missing(self, args: FieldArgs) -> bool:
        models = [m for m in (Individual, Unit) if args.field in m.model_fields]
        return any(m.model_fields[args.field].default is None for m in models)

    def requirement(self, args: FieldArgs, lang: str) -> str:
        f = args.field
        if args.equals is not None:
            return pick(
                lang,
                f"{f} là {format_value(args.equals, lang)}",
                f"{f} is {format_value(args.equals, lang)}",
            )
        if args.in_ is not None:
            return pick(
                lang,
                f"{f} thuộc: {format_value(args.in_, lang)}",
                f"{f} is one of: {format_value(args.in_, lang)}",
            )
        if args.not_in is not None:
            return pick(
                lang,
                f"{f} không thuộc: {format_value(args.not_in, lang)}",
                f"{f} is none of: {format_value(args.not_in, lang)}",
            )
        parts = []
        if args.min is not None:
            parts.append(
                pick(
                    lang,
                    f"từ {format_value(args.min, lang)}",
                    f"at least {format_value(args.min, lang)}",
                )
            )
        if args.max is not None:
            parts.append(
                pick(
                    lang,
                    f"đến {format_value(args.max, lang)}",
                    f"at most {format_value(args.max, lang)}",
                )
            )
        return f"{f}: {' '.join(parts)}"

    def finding(self, args: FieldArgs, outcome: Outcome, lang: str) -> str:
        if outcome.found is None:
            return pick(lang, f"không có {args.field}", f"no {args.field} recorded")
        return f"{args.field} = {format_value(outcome.found, lang)}"

    def check(self, args: FieldArgs, subject: str) -> list[str]:
        fields = comparable_fields(subject)
        kind = fields.get(args.field)
        if kind is None:
            near = closest(args.field, fields)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            whom = {"individual": "an individual", "unit": "a unit"}.get(
                subject, "individuals and units alike"
            )
            return [f"unknown field {args.field!r} for {whom}{hint}"]
        bounded = args.min is not None or args.max is not None
        if bounded and (kind is bool or not issubclass(kind, int | float)):
            return [f"min and max compare numbers; {args.field!r} is not a number"]
        if args.min is not None and args.max is not None and args.min > args.max:
            return [f"min {args.min} is above max {args.max}: this can never be true"]
        if issubclass(kind, Enum):
            allowed = [member.value for member in kind]
            given = (
                [args.equals]
                if args.equals is not None
                else [*(args.in_ or []), *(args.not_in or [])]
            )
            for value in given:
                if value not in allowed:
                    near = closest(str(value), allowed)
                    hint = f"did you mean {near[0]!r}?" if near else f"one of {allowed}"
                    return [f"{args.field!r} cannot be {value!r}; {hint}"]
        return []
