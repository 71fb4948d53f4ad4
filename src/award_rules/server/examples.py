"""OpenAPI examples taken from the repository's ``examples/`` (absent from a wheel install)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import AwardRulesError
from ..model import Individual, Unit
from ..nominees import load_nominee, load_nominees

__all__ = ["as_json", "examples_dir", "nominee_examples", "roster_example"]


def as_json(nominee: Individual | Unit) -> dict[str, Any]:
    """A nominee as the JSON other systems send: the fields given, ``kind`` first."""
    return {"kind": nominee.kind, **nominee.model_dump(mode="json", exclude_defaults=True)}


def examples_dir() -> Path | None:
    """The repository's ``examples/`` when the package runs from a checkout."""
    candidate = Path(__file__).resolve().parents[3] / "examples"
    return candidate if (candidate / "nominees").is_dir() else None


def nominee_examples() -> dict[str, dict[str, Any]]:
    """Each example nominee as an OpenAPI example object, by file stem."""
    root = examples_dir()
    out: dict[str, dict[str, Any]] = {}
    if root is None:
        return out
    for path in sorted((root / "nominees").glob("*.yaml")):
        try:
            nominee = load_nominee(path)
        except AwardRulesError:
            continue
        out[path.stem] = {
            "summary": f"examples/nominees/{path.name}",
            "value": as_json(nominee),
        }
    return out


def roster_example() -> dict[str, dict[str, Any]]:
    """The provinces of emulation cluster 1 in 2012, as JSON Lines."""
    root = examples_dir()
    if root is None or not (root / "cluster1_2012.yaml").is_file():
        return {}
    nominees = load_nominees(root / "cluster1_2012.yaml")
    lines = [json.dumps(as_json(n), ensure_ascii=False) for n in nominees]
    return {
        "cluster1_2012": {
            "summary": "examples/cluster1_2012.yaml as JSON Lines",
            "value": "\n".join(lines) + "\n",
        }
    }
