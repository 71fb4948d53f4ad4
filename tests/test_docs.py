"""Every example in README.md and docs/*.md runs, so the docs never rot.

Conventions for fenced blocks in those files:

- ``python`` blocks run in order, sharing one namespace per file, from the
  repository root.
- ``console`` blocks hold ``$ award-rules ...`` commands, each followed by the
  output it must print (``...`` on a line of its own matches any lines; a
  block with no output lines only checks the exit status). A last line
  ``(exit status N)`` gives the expected status, 0 otherwise. Other ``$``
  commands (``python3 dev.py test``) are shown, not run.
- ``yaml`` blocks whose first line is ``# test: criteria`` must load as valid
  criteria (together with the shipped ones); ``# test: nominee`` must validate
  as a nominee; ``# test: invalid-criteria`` must fail to load.
"""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest
import yaml

from award_rules import CriteriaError, load_catalog, parse_nominee
from award_rules.cli import main
from conftest import ROOT

DOC_FILES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.S | re.M)
EXIT_LINE = re.compile(r"^\(exit status (\d+)\)$")


def blocks(path: Path, language: str) -> list[tuple[int, str]]:
    """The fenced blocks of ``language`` in ``path``, with their line numbers."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        if match.group(1) == language:
            found.append((text.count("\n", 0, match.start()) + 1, match.group(2)))
    return found


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def test_docs_exist() -> None:
    """The README and the docs pages the issue asks for are present."""
    names = {p.name for p in DOC_FILES}
    assert {
        "README.md",
        "criteria-files.md",
        "domain-model.md",
        "cli.md",
        "testing-criteria.md",
        "engines.md",
        "python-api.md",
        "service.md",
        "roster.md",
        "limits-and-receipts.md",
    } <= names


@pytest.mark.parametrize("path", DOC_FILES, ids=ids(DOC_FILES))
def test_python_blocks_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python examples in the docs run without error (their asserts included)."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for line, code in blocks(path, "python"):
        try:
            exec(compile(code, f"{path.name}:{line}", "exec", dont_inherit=True), namespace)
        except Exception as exc:  # pragma: no cover - reported as the failure
            pytest.fail(f"{path.name}:{line}: python block failed: {exc!r}")


def _split_commands(block: str) -> list[tuple[str, list[str], int]]:
    commands: list[tuple[str, list[str], int]] = []
    for raw in block.splitlines():
        if raw.startswith("$ "):
            commands.append((raw[2:], [], 0))
        elif commands:
            command, output, _ = commands[-1]
            match = EXIT_LINE.match(raw.strip())
            if match:
                commands[-1] = (command, output, int(match.group(1)))
            else:
                output.append(raw.rstrip())
    return commands


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line match where a ``...`` line stands for any number of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(_matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and _matches(rest, actual[1:])


@pytest.mark.parametrize("path", DOC_FILES, ids=ids(DOC_FILES))
def test_console_blocks_match(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``award-rules`` commands in the docs print what the docs show, with that exit status."""
    monkeypatch.chdir(ROOT)
    for line, block in blocks(path, "console"):
        for command, expected, status in _split_commands(block):
            words = shlex.split(command)
            if words[0] != "award-rules":
                continue
            out, err = io.StringIO(), io.StringIO()
            code = main(words[1:], stdout=out, stderr=err)
            actual = [x.rstrip() for x in (out.getvalue() + err.getvalue()).splitlines()]
            where = f"{path.name}:{line}: {command}"
            assert code == status, f"{where}: exit status {code}, docs say {status}\n" + "\n".join(
                actual
            )
            if expected:
                assert _matches(expected, actual), (
                    f"{where}: output differs\n--- docs\n"
                    + "\n".join(expected)
                    + "\n--- actual\n"
                    + "\n".join(actual)
                )


@pytest.mark.parametrize("path", DOC_FILES, ids=ids(DOC_FILES))
def test_yaml_blocks_valid(path: Path, tmp_path: Path) -> None:
    """YAML examples marked for testing load as criteria or nominees, or fail when they should."""
    for line, block in blocks(path, "yaml"):
        first = block.splitlines()[0] if block.strip() else ""
        if first == "# test: nominee":
            parse_nominee(yaml.safe_load(block))
        elif first in ("# test: criteria", "# test: invalid-criteria"):
            target = tmp_path / f"block_{line}.yaml"
            target.write_text(block, encoding="utf-8")
            # Shipped criteria are loaded too, so examples may refer to them.
            shipped = ROOT / "criteria"
            pack = tmp_path / f"pack_{line}"
            pack.mkdir()
            for source in shipped.rglob("*.yaml"):
                if not source.name.endswith(".cases.yaml"):
                    copy = pack / source.relative_to(shipped)
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    copy.write_bytes(source.read_bytes())
            (pack / target.name).write_bytes(target.read_bytes())
            if first == "# test: criteria":
                try:
                    load_catalog(pack)
                except CriteriaError as exc:
                    pytest.fail(f"{path.name}:{line}: criteria example does not load: {exc}")
            else:
                with pytest.raises(CriteriaError):
                    load_catalog(pack)
