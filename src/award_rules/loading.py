"""Loading a catalog: the shipped criteria, the layers on top, checked and compiled."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .catalog import Catalog
from .criteria.layers import collect_layers, layers_for
from .criteria.loader import REGISTRY_NAME, LoadResult
from .errors import Code, CriteriaError, Diagnostic
from .vocabulary import Vocabulary, default_vocabulary

__all__ = ["collect", "load_catalog", "shipped_criteria_dir"]


def shipped_criteria_dir() -> Path:
    """The criteria shipped with the package (inside the wheel, or the repository's)."""
    packaged = Path(str(resources.files("award_rules"))) / "_shipped_criteria"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "criteria"


def collect(
    root: Path, vocabulary: Vocabulary, *, extra: Sequence[Path | str] = ()
) -> tuple[LoadResult, int]:
    """Load every criteria file under ``root`` (then each ``extra`` layer) and check them.

    Returns the result (versions, award names, every diagnostic) and the number
    of files read. The shipped ``awards.yaml`` is read too unless a layer has its own.
    """
    shipped = shipped_criteria_dir()
    base = None if root.resolve() == shipped.resolve() else root
    layers = layers_for(base, extra, shipped)
    return collect_layers(layers, vocabulary, shipped_registry=shipped / REGISTRY_NAME)


def load_catalog(
    path: Path | str | None = None,
    *,
    extra: Sequence[Path | str] = (),
    vocabulary: Vocabulary | None = None,
) -> Catalog:
    """Load, check and compile criteria: ``path`` (default: the shipped ones), then ``extra``.

    Each folder of ``extra`` is a layer on top of the ones before it (see
    :mod:`award_rules.criteria.layers`). Raises :class:`CriteriaError` listing
    every problem with its file, line and column.
    """
    vocab = vocabulary or default_vocabulary()
    root = Path(path) if path is not None else shipped_criteria_dir()
    result, _ = collect(root, vocab, extra=extra)
    if result.errors:
        raise CriteriaError(result.errors)
    if not result.versions:
        raise CriteriaError([Diagnostic(Code.EMPTY, f"no criteria found in {root}")])
    return Catalog(result, vocab)
