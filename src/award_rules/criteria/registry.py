"""The award registry, ``awards.yaml``: award ids known by name, layer by layer.

Each entry is ``id: {name: {vi, en}, precondition: bool, replaces: bool}``.
A layer above the first (a host's own folder, ``extra=`` / ``--criteria-add``)
may add ids of its own; an id a layer below already declares is a
``layer-conflict`` unless the entry says ``replaces: true`` (then its name
and flags win), and ``replaces: true`` with nothing below is a warning
(``replaces-nothing``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from ..errors import Code, Diagnostic, SourceLocation, closest
from ..yamlfile import Document
from .schema import LocalizedText

__all__ = ["ENTRY_KEYS", "AwardName", "load_registry", "stack_awards"]

ENTRY_KEYS = ("name", "precondition", "replaces")
"""The keys an entry of ``awards.yaml`` may have."""


@dataclass(frozen=True, slots=True)
class AwardName:
    """An award known by id (from ``awards.yaml``), with its names."""

    id: str
    name: LocalizedText
    file: str
    precondition: bool = False
    """A precondition of other awards (``precondition: true``): judged through the
    awards that reference it, never listed or proposed as an award itself."""
    replaces: bool = False
    """The entry replaces the same id declared by a layer below (``replaces: true``)."""
    layer: str = ""
    """The layer whose registry declared it."""
    location: SourceLocation | None = field(default=None, compare=False)
    """Where the entry is written."""


def load_registry(
    documents: Sequence[Document],
    awards: dict[str, AwardName],
    diagnostics: list[Diagnostic],
    *,
    layer: str = "",
) -> None:
    """Read the entries of an ``awards.yaml`` of ``layer`` into ``awards``; problems too."""
    for document in documents:
        entries = document.data.get("awards") if isinstance(document.data, dict) else None
        if not isinstance(entries, dict):
            diagnostics.append(
                Diagnostic(
                    Code.REGISTRY,
                    "expected a mapping 'awards: {id: {name: {vi, en}}}'",
                    document.location(),
                )
            )
            continue
        for award_id, entry in entries.items():
            found = _entry(document, str(award_id), entry, diagnostics, layer)
            if found is not None:
                awards[found.id] = found


def _entry(
    document: Document, award_id: str, entry: object, diagnostics: list[Diagnostic], layer: str
) -> AwardName | None:
    where = ("awards", award_id)
    if not isinstance(entry, Mapping):
        entry = {}
    problems: list[Diagnostic] = []
    for key in entry:
        if key not in ENTRY_KEYS:
            near = closest(str(key), ENTRY_KEYS, n=1)
            problems.append(
                Diagnostic(
                    Code.REGISTRY,
                    f"award {award_id!r}: unknown key {key!r}",
                    document.location((*where, key), key=True),
                    hint=f"did you mean {near[0]}?" if near else f"use {', '.join(ENTRY_KEYS)}",
                )
            )
    try:
        name = LocalizedText.model_validate(entry.get("name"))
    except ValidationError:
        problems.append(
            Diagnostic(
                Code.REGISTRY,
                f"award {award_id!r} needs name: {{vi: ..., en: ...}}",
                document.location(where),
            )
        )
    flags: dict[str, bool] = {}
    for key in ("precondition", "replaces"):
        value = entry.get(key, False)
        if not isinstance(value, bool):
            problems.append(
                Diagnostic(
                    Code.REGISTRY,
                    f"award {award_id!r}: {key} must be true or false",
                    document.location((*where, key)),
                )
            )
        flags[key] = value is True
    diagnostics.extend(problems)
    if problems:
        return None
    return AwardName(
        award_id,
        name,
        document.file,
        flags["precondition"],
        replaces=flags["replaces"],
        layer=layer,
        location=document.location(where, key=True),
    )


def stack_awards(
    below: Mapping[str, AwardName], above: Mapping[str, AwardName]
) -> tuple[dict[str, AwardName], list[Diagnostic]]:
    """The registry of ``below`` with the layer ``above`` on top; and the conflicts.

    An id of ``above`` already in ``below`` replaces it only with ``replaces: true``.
    """
    merged = dict(below)
    problems: list[Diagnostic] = []
    for award_id, entry in above.items():
        taken = below.get(award_id)
        if taken is not None and not entry.replaces:
            problems.append(
                Diagnostic(
                    Code.LAYER_CONFLICT,
                    f"award id {award_id!r} is already declared by layer {taken.layer!r}",
                    entry.location,
                    path=f"awards.{award_id}",
                    hint="choose an id of your own (such as 'province.…'), or say "
                    "'replaces: true' to rename the id below",
                )
            )
            continue
        if taken is None and entry.replaces:
            problems.append(
                Diagnostic(
                    Code.REPLACES_NOTHING,
                    f"award id {award_id!r}: 'replaces: true' but no layer below declares it",
                    entry.location,
                    path=f"awards.{award_id}.replaces",
                    severity="warning",
                )
            )
        merged[award_id] = entry
    return merged, problems
