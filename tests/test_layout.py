"""The shape of the package: data flows one way, nothing imports its way back to the catalog."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "award_rules"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """award_rules modules ``path`` imports anywhere in it (type-only and lazy imports too)."""
    here = _module(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("award_rules")}


def test_nothing_the_catalog_imports_imports_the_catalog() -> None:
    """No import cycle runs through ``catalog``; engines and live sessions sit above it."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}
    reached: set[str] = set()
    todo = sorted(graph["award_rules.catalog"] - {"award_rules"})
    while todo:
        name = todo.pop()
        if name in reached or name == "award_rules":
            continue
        reached.add(name)
        todo.extend(graph[name])
    assert "award_rules.catalog" not in reached
    assert not {n for n in reached if n.startswith(("award_rules.engines", "award_rules.live"))}


def test_the_design_page_names_every_module_and_only_real_ones() -> None:
    """docs/design.md draws every top-level module and package, and names no module that is gone."""
    import re

    page = (SRC.parent / "docs" / "design.md").read_text(encoding="utf-8")
    named = set(re.findall(r"award_rules(?:\.[a-z_0-9]+)+", page))
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    top = {m for m in modules if m.count(".") == 1 and not m.endswith(("__main__", "__init__"))}
    assert top - named == set(), "modules missing from docs/design.md"
    gone = {name for name in named if name not in modules and name.rsplit(".", 1)[0] not in modules}
    assert gone == set(), "docs/design.md names modules that do not exist"
