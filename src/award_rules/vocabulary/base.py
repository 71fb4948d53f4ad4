"""The predicate protocol and the vocabulary that registers predicates by name."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType, UnionType
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, model_validator

from ..context import Context
from ..errors import closest
from ..i18n import format_value
from ..model import EXTENSION_KEY, Individual, Unit
from ..results import Outcome

__all__ = [
    "EXTENSION_TYPES",
    "Args",
    "ExtensionType",
    "NoArgs",
    "Predicate",
    "Vocabulary",
    "record_ref",
]

ExtensionType = Literal["bool", "int", "number", "string", "date"]
"""What an extension key holds: true/false, a whole number, a finite number, text, a date."""

EXTENSION_TYPES: tuple[ExtensionType, ...] = ("bool", "int", "number", "string", "date")

SUBJECTS = frozenset({"individual", "unit"})
INDIVIDUAL = frozenset({"individual"})
"""The ``subjects`` of a predicate for individuals only."""
UNIT = frozenset({"unit"})
"""The ``subjects`` of a predicate for units only."""


def individual_in(ctx: Context) -> Individual:
    """The nominee, for a predicate whose ``subjects`` admit individuals only."""
    nominee = ctx.nominee
    assert isinstance(nominee, Individual)
    return nominee


def unit_in(ctx: Context) -> Unit:
    """The nominee, for a predicate whose ``subjects`` admit units only."""
    nominee = ctx.nominee
    assert isinstance(nominee, Unit)
    return nominee


def scalar_kinds(annotation: Any) -> frozenset[type] | None:
    """The scalar types an annotation admits (``None`` when it admits anything else)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return scalar_kinds(get_args(annotation)[0])
    if origin is Literal:
        return frozenset(type(value) for value in get_args(annotation))
    if origin is Union or origin is UnionType:
        kinds: set[type] = set()
        for member in get_args(annotation):
            found = scalar_kinds(member)
            if found is None:
                return None
            kinds |= found
        return frozenset(kinds)
    if annotation in (bool, int, float, str, type(None)):
        return frozenset({annotation})
    return None


def _check_scalar(key: str, value: Any, kinds: frozenset[type] | None) -> None:
    """Refuse what pydantic's lax mode would convert: ``true`` as 1, ``2.0`` as 2, "yes"."""
    if kinds is None:
        return
    if isinstance(value, bool) and bool not in kinds:
        raise ValueError(f"{key}: expected {_kinds_text(kinds)}, got {str(value).lower()}")
    if kinds <= {bool, type(None)} and not isinstance(value, bool) and value is not None:
        raise ValueError(f"{key}: expected true or false, got {value!r}")
    if isinstance(value, float) and int in kinds and float not in kinds:
        raise ValueError(f"{key}: expected a whole number, got {value!r}")


def _kinds_text(kinds: frozenset[type]) -> str:
    words = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}
    return " or ".join(words[k] for k in (int, float, str, bool) if k in kinds) or "a value"


_INDEXES: dict[int, tuple[Sequence[object], dict[int, int]]] = {}
_INDEXES_KEPT = 64


def record_ref(field: str, records: Sequence[object], record: object) -> str:
    """``field[i]`` naming ``record`` by identity (equal records keep their own index).

    The positions of a list are indexed once (the few most recent lists are
    kept), so naming every record of a long list stays linear.
    """
    kept = _INDEXES.get(id(records))
    if kept is None or kept[0] is not records:
        kept = (records, {id(item): i for i, item in enumerate(records)})
        if len(_INDEXES) >= _INDEXES_KEPT:
            _INDEXES.clear()
        _INDEXES[id(records)] = kept
    index = kept[1].get(id(record))
    if index is None or records[index] is not record:  # the list changed since
        index = next(i for i, candidate in enumerate(records) if candidate is record)
    return f"{field}[{index}]"


class Args(BaseModel):
    """Base of a predicate's arguments: immutable, unknown keys rejected, strict scalars.

    A number is never read from ``true``/``false``, a whole number never from
    ``2.0``, a yes/no never from anything but ``true``/``false``; NaN and
    infinity are refused.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _strict_scalars(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            for name, info in cls.model_fields.items():
                key = info.alias or name
                if key in data:
                    _check_scalar(key, data[key], scalar_kinds(info.annotation))
        return data


class NoArgs(Args):
    """For predicates that take no arguments."""


ArgsT = TypeVar("ArgsT", bound=Args)


class Predicate(ABC, Generic[ArgsT]):
    """A domain check a criteria leaf can name with ``check: <name>``.

    Subclasses set ``name``, ``args_model``, ``subjects`` and a short ``label``
    in both languages, and implement :meth:`evaluate` and :meth:`requirement`.
    """

    name: ClassVar[str]
    args_model: ClassVar[type[Args]] = NoArgs
    subjects: ClassVar[frozenset[str]] = SUBJECTS
    label: ClassVar[Mapping[str, str]] = {"vi": "", "en": ""}
    grows_with_time: ClassVar[bool] = False
    """True when, all records unchanged, a later date can only turn fail into pass."""
    cost: ClassVar[int] = 1
    """Rough relative cost of :meth:`holds`: the status-only path asks cheaper leaves first."""
    extensions: ClassVar[Mapping[str, ExtensionType]] = {}
    """The nominee ``extensions`` keys this check reads, with their types (see ``Vocabulary``)."""

    @abstractmethod
    def evaluate(self, args: ArgsT, ctx: Context) -> Outcome:
        """Check the nominee in ``ctx``; never raise for missing data, report it."""

    def holds(self, args: ArgsT, ctx: Context) -> bool | None:
        """Only whether the check passes (the status-only path); must agree with ``evaluate``.

        Override it where :meth:`evaluate` builds evidence that costs time.
        """
        return self.evaluate(args, ctx).passed

    @abstractmethod
    def requirement(self, args: ArgsT, lang: str) -> str:
        """What is required, in words."""

    def finding(self, args: ArgsT, outcome: Outcome, lang: str) -> str:
        """What was found, in words (default: the found value)."""
        return format_value(outcome.found, lang)

    def can_be_missing(self, args: ArgsT) -> bool:
        """True when some nominee data leaves this leaf undetermined (for case coverage)."""
        return False

    def referenced_criteria(self, args: ArgsT) -> tuple[str, ...]:
        """Award ids whose criteria this leaf evaluates (for reference checks)."""
        return ()

    def reads_award_id(self, args: ArgsT) -> bool:
        """True when the check reads ``ctx.award_id`` (the award judged at the top).

        A criteria's result is shared between the awards judged for one nominee
        and date only when none of its leaves reads it.
        """
        return False

    def mentioned_awards(self, args: ArgsT) -> tuple[str, ...]:
        """Award ids this leaf looks for in the nominee's records."""
        return ()

    def check(self, args: ArgsT, subject: str) -> list[str]:
        """Problems with the arguments that their types cannot express."""
        return []

    def required_value(self, args: ArgsT) -> Any:
        """The required value as data (for JSON output).

        By default the arguments, every one (defaults included), by the public
        names criteria authors write (``from``, ``in``; never ``from_``).
        """
        return args.model_dump(mode="json", by_alias=True, exclude_defaults=False)


class _FunctionPredicate(Predicate[Args]):
    """A predicate built from a function and message templates (see ``Vocabulary.predicate``)."""

    def __init__(
        self,
        name: str,
        function: Callable[[Any, Context], Outcome],
        args_model: type[Args],
        requirement: Mapping[str, str],
        label: Mapping[str, str],
        subjects: Iterable[str],
        extensions: Mapping[str, ExtensionType] | None = None,
    ) -> None:
        self.name = name  # type: ignore[misc]
        self.extensions = dict(extensions or {})  # type: ignore[misc]
        self.args_model = args_model  # type: ignore[misc]
        self.subjects = frozenset(subjects)  # type: ignore[misc]
        self.label = dict(label)  # type: ignore[misc]
        self._function = function
        self._requirement = dict(requirement)

    def evaluate(self, args: Args, ctx: Context) -> Outcome:
        return self._function(args, ctx)

    def requirement(self, args: Args, lang: str) -> str:
        template = self._requirement.get(lang) or self._requirement.get("vi", self.name)
        return template.format(**args.model_dump())


def _declared_extensions(predicates: Iterable[Predicate[Any]]) -> dict[str, ExtensionType]:
    """The extension keys the predicates declare; a key with two types is an error."""
    declared: dict[str, tuple[ExtensionType, str]] = {}
    for predicate in predicates:
        for key, kind in predicate.extensions.items():
            if not EXTENSION_KEY.match(key):
                raise ValueError(
                    f"predicate {predicate.name!r}: extension key {key!r} must be lower-case "
                    "letters, digits and _, starting with a letter"
                )
            if kind not in EXTENSION_TYPES:
                raise ValueError(
                    f"predicate {predicate.name!r}: extension {key!r} has type {kind!r}; "
                    f"use one of {', '.join(EXTENSION_TYPES)}"
                )
            earlier = declared.get(key)
            if earlier is not None and earlier[0] != kind:
                raise ValueError(
                    f"predicate {predicate.name!r} declares extension {key!r} as {kind}, "
                    f"but {earlier[1]!r} declares it as {earlier[0]}"
                )
            declared[key] = (kind, predicate.name)
    return {key: kind for key, (kind, _) in sorted(declared.items())}


class Vocabulary:
    """Predicates by name. Copy the default one and register your own on the copy."""

    def __init__(self, predicates: Iterable[Predicate[Any]] = ()) -> None:
        self._predicates: dict[str, Predicate[Any]] = {}
        self._extensions: dict[str, ExtensionType] = {}
        for predicate in predicates:
            self.register(predicate)

    def register(self, predicate: Predicate[Any], *, replace: bool = False) -> Predicate[Any]:
        """Add a predicate; a name already taken is an error unless ``replace``.

        The ``extensions`` keys it reads are declared with it: a key declared by
        another predicate with a different type is an error.
        """
        if not getattr(predicate, "name", ""):
            raise ValueError("a predicate needs a name")
        if predicate.name in self._predicates and not replace:
            raise ValueError(f"predicate {predicate.name!r} is already registered")
        unknown = set(predicate.subjects) - SUBJECTS
        if unknown or not predicate.subjects:
            raise ValueError(f"predicate {predicate.name!r}: subjects must be within {SUBJECTS}")
        predicates = {**self._predicates, predicate.name: predicate}
        self._extensions = _declared_extensions(predicates.values())
        self._predicates = predicates
        return predicate

    @property
    def extensions(self) -> Mapping[str, ExtensionType]:
        """Every nominee ``extensions`` key the predicates read, with its type."""
        return MappingProxyType(self._extensions)

    def predicate(
        self,
        name: str,
        *,
        requirement: Mapping[str, str],
        label: Mapping[str, str] | None = None,
        args: type[Args] = NoArgs,
        subjects: Iterable[str] = SUBJECTS,
        extensions: Mapping[str, ExtensionType] | None = None,
    ) -> Callable[[Callable[[Any, Context], Outcome]], Callable[[Any, Context], Outcome]]:
        """Register a function as a predicate; ``requirement`` templates use the args' fields.

        ``extensions`` declares the nominee ``extensions`` keys the function
        reads, with their types (``bool``, ``int``, ``number``, ``string``, ``date``).

        >>> vocab = Vocabulary()
        >>> @vocab.predicate("always", requirement={"vi": "Luôn đạt", "en": "Always passes"})
        ... def always(args, ctx):
        ...     return Outcome(passed=True)
        >>> "always" in vocab
        True
        """

        def decorate(
            function: Callable[[Any, Context], Outcome],
        ) -> Callable[[Any, Context], Outcome]:
            self.register(
                _FunctionPredicate(
                    name,
                    function,
                    args,
                    requirement,
                    label or {"vi": name, "en": name},
                    subjects,
                    extensions,
                )
            )
            return function

        return decorate

    def copy(self) -> Vocabulary:
        """An independent copy (registering on it leaves this one unchanged)."""
        return Vocabulary(self._predicates.values())

    def get(self, name: str) -> Predicate[Any] | None:
        """The predicate called ``name``, or ``None``."""
        return self._predicates.get(name)

    def suggest(self, name: str) -> list[str]:
        """Registered names close to ``name``."""
        return closest(name, self._predicates)

    def names(self) -> list[str]:
        """Every registered name, sorted."""
        return sorted(self._predicates)

    def __contains__(self, name: object) -> bool:
        return name in self._predicates

    def __iter__(self) -> Iterator[Predicate[Any]]:
        return iter(self._predicates[name] for name in self.names())

    def __len__(self) -> int:
        return len(self._predicates)
