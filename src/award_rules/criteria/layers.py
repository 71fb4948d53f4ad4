"""Layers of criteria: the shipped pack, then folders of one's own on top of it.

A layer may add awards and versions. It replaces what a layer below defines
only when the file says so: ``replaces: award`` drops every version of that
award from the layers below, ``replaces: version`` drops the versions below
whose dates overlap its own. A version that overlaps one below without saying
so is an error (``layer-conflict``); ``replaces`` with nothing to replace is a
warning (``replaces-nothing``). The award registry (``awards.yaml``) is
layered the same way (:mod:`.registry`): a layer adds award ids of its own,
and redeclares an id from below only with ``replaces: true``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Code, CriteriaError, Diagnostic
from ..vocabulary.base import Vocabulary
from .analysis import analyse
from .checks import check_catalog
from .files import NOMINEES_DIR, walk
from .loader import (
    REGISTRY_NAME,
    CriteriaVersion,
    LoadResult,
    diagnostic_order,
    is_criteria_file,
    load_files,
)
from .registry import stack_awards

__all__ = ["SHIPPED", "Layer", "collect_layers", "layers_for"]

SHIPPED = "shipped"
"""The name of the layer of criteria shipped with award-rules."""


@dataclass(frozen=True, slots=True)
class Layer:
    """A folder (or file) of criteria and the name its versions are shown with."""

    name: str
    root: Path


def layers_for(path: Path | str | None, extra: Sequence[Path | str], shipped: Path) -> list[Layer]:
    """The layers to load: ``path`` (default: the shipped pack), then each of ``extra``."""
    base = Layer(SHIPPED, shipped) if path is None else Layer(str(path), Path(path))
    return [base, *(Layer(str(p), Path(p)) for p in extra)]


def collect_layers(
    layers: Sequence[Layer],
    vocabulary: Vocabulary,
    *,
    shipped_registry: Path | None = None,
) -> tuple[LoadResult, int]:
    """Load every layer, apply its replacements, run the cross-file checks.

    Returns the result (versions, award names, every diagnostic sorted by file
    and line) and the number of files read. The cross-file checks and the static
    analysis run on the stacked versions. ``shipped_registry`` (the shipped
    ``awards.yaml``) is read first unless the first layer has its own.
    """
    for layer in layers:
        if not layer.root.exists():
            raise CriteriaError([Diagnostic(Code.IO, f"no such file or directory: {layer.root}")])
    merged = LoadResult()
    count = 0
    found = [_files(layer) for layer in layers]
    base_registry = any(f.name == REGISTRY_NAME for f in found[0][0]) if found else False
    if shipped_registry is not None and shipped_registry.is_file() and not base_registry:
        registry = load_files([shipped_registry], vocabulary, layer=SHIPPED)
        merged.awards.update(registry.awards)
        merged.diagnostics.extend(registry.diagnostics)
        count += 1
    for position, (layer, (files, problems)) in enumerate(zip(layers, found, strict=True)):
        count += len(files)
        loaded = load_files(files, vocabulary, layer=layer.name, root=layer.root)
        if position == 0:  # the base: its registry is the one below every layer
            merged.awards.update(loaded.awards)
        else:
            merged.awards, clashes = stack_awards(merged.awards, loaded.awards)
            merged.diagnostics.extend(clashes)
        merged.diagnostics.extend(problems)
        merged.diagnostics.extend(loaded.diagnostics)
        merged.versions, conflicts = _stack(merged.versions, loaded.versions)
        merged.diagnostics.extend(conflicts)
    merged.diagnostics.extend(check_catalog(merged.versions, merged.awards))
    merged.diagnostics.extend(analyse(merged.versions))
    merged.diagnostics.sort(key=diagnostic_order)
    return merged, count


def _files(layer: Layer) -> tuple[list[Path], list[Diagnostic]]:
    return walk(layer.root, is_criteria_file, skip_dirs=frozenset({NOMINEES_DIR}))


def _stack(
    below: list[CriteriaVersion], above: list[CriteriaVersion]
) -> tuple[list[CriteriaVersion], list[Diagnostic]]:
    """The versions of ``below`` that ``above`` keeps, plus ``above``; and the conflicts."""
    problems: list[Diagnostic] = []
    whole = {v.id for v in above if v.doc.replaces == "award"}
    kept = [v for v in below if v.id not in whole]
    for award_id in sorted(whole):
        if not any(v.id == award_id for v in below):
            first = next(v for v in above if v.id == award_id and v.doc.replaces == "award")
            problems.append(_nothing(first))
    added: list[CriteriaVersion] = []
    for version in above:
        if version.id in whole and version.doc.replaces != "version":
            added.append(version)
            continue
        overlapping = [v for v in kept if v.id == version.id and _overlap(v, version)]
        if version.doc.replaces == "version":
            if not overlapping:
                problems.append(_nothing(version))
            kept = [v for v in kept if v not in overlapping]
            added.append(version)
        elif not overlapping:
            added.append(version)
        else:
            other = overlapping[0]
            problems.append(
                Diagnostic(
                    Code.LAYER_CONFLICT,
                    f"{version.id} ({version.doc.in_force}) overlaps the version of layer "
                    f"{other.layer!r} in {other.file} ({other.doc.in_force})",
                    version.document.location(("in_force",)),
                    path="in_force",
                    hint="say 'replaces: version' to replace it, or 'replaces: award' "
                    "to replace every version of the award",
                )
            )
    return [*kept, *added], problems


def _nothing(version: CriteriaVersion) -> Diagnostic:
    return Diagnostic(
        Code.REPLACES_NOTHING,
        f"{version.id}: 'replaces: {version.doc.replaces}' but no layer below has "
        + ("this award" if version.doc.replaces == "award" else "a version on these dates"),
        version.document.location(("replaces",)),
        path="replaces",
        severity="warning",
    )


def _overlap(a: CriteriaVersion, b: CriteriaVersion) -> bool:
    fa, ua = a.doc.in_force.from_, a.doc.in_force.until
    fb, ub = b.doc.in_force.from_, b.doc.in_force.until
    return (ub is None or fa <= ub) and (ua is None or fb <= ua)
