"""Layers: one's own criteria on top of the shipped pack, and the shipped cases anywhere."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from award_rules import CriteriaError, load_catalog, load_nominee
from award_rules.cli import main
from award_rules.errors import Code
from award_rules.loading import shipped_criteria_dir

ROOT = Path(__file__).resolve().parents[1]
OWN = """\
id: province.long_service
name: {vi: Giấy khen thâm niên của tỉnh, en: Provincial long-service certificate}
subject: individual
source: Quyết định 1/QĐ-UBND
in_force: {from: 2020-01-01}
conditions:
  - id: service_years
    check: service_years
    min_years: 20
"""
RETIREMENT = "vss.dg_certificate.retirement"
NOMINEE = ROOT / "criteria" / "nominees" / "retiring_official.yaml"


def cli(*args: object) -> tuple[int, str]:
    """Exit status and stdout+stderr of the CLI."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue() + err.getvalue()


def own_layer(tmp_path: Path, text: str = OWN, name: str = "long_service.yaml") -> Path:
    """A folder ``mine`` holding one criteria file."""
    layer = tmp_path / "mine"
    layer.mkdir(exist_ok=True)
    (layer / name).write_text(text, encoding="utf-8")
    return layer


def shipped_retirement(replaces: str | None, min_years: int = 15) -> str:
    """The shipped retirement criteria, with a new threshold and maybe 'replaces'."""
    text = (shipped_criteria_dir() / "vss" / "dg_certificate.retirement.yaml").read_text("utf-8")
    text = text.replace("value: 10\n", f"value: {min_years}\n")
    if replaces:
        text = text.replace("in_force:\n", f"replaces: {replaces}\nin_force:\n")
    return text


def test_a_layer_adds_an_award_to_the_shipped_pack(tmp_path: Path) -> None:
    """load_catalog(extra=[dir]) has the shipped awards and the layer's, each with its layer."""
    catalog = load_catalog(extra=[own_layer(tmp_path)])
    assert RETIREMENT in catalog
    own = catalog.versions("province.long_service")[0]
    assert own.layer == str(tmp_path / "mine")
    assert catalog.versions(RETIREMENT)[0].layer == "shipped"


def test_overlapping_a_shipped_version_needs_replaces(tmp_path: Path) -> None:
    """A layer's version overlapping a shipped one without 'replaces' is a layer-conflict."""
    layer = own_layer(tmp_path, shipped_retirement(None), "retirement.yaml")
    with pytest.raises(CriteriaError) as info:
        load_catalog(extra=[layer])
    (problem,) = info.value.diagnostics
    assert problem.code == Code.LAYER_CONFLICT
    assert "replaces: version" in problem.hint


@pytest.mark.parametrize("replaces", ["version", "award"])
def test_replaces_takes_the_place_of_the_shipped_version(tmp_path: Path, replaces: str) -> None:
    """With 'replaces', the layer's version is the one evaluated."""
    layer = own_layer(tmp_path, shipped_retirement(replaces, 30), "retirement.yaml")
    catalog = load_catalog(extra=[layer])
    (version,) = catalog.versions(RETIREMENT)
    assert version.layer == str(layer)
    verdict = catalog.evaluate(load_nominee(NOMINEE), RETIREMENT, dt.date(2020, 7, 20))
    assert verdict.failed == ["service_years"]


def test_replaces_with_nothing_below_is_a_warning(tmp_path: Path) -> None:
    """'replaces' on a new award replaces nothing: a warning, the award still loads."""
    text = OWN.replace("in_force:", "replaces: award\nin_force:")
    catalog = load_catalog(extra=[own_layer(tmp_path, text)])
    assert [w.code for w in catalog.warnings] == [Code.REPLACES_NOTHING]


def test_symlinked_files_and_folders_are_followed(tmp_path: Path) -> None:
    """A folder of symlinks loads; a link back up is skipped with a warning."""
    real = own_layer(tmp_path)
    links = tmp_path / "links"
    (links / "sub").mkdir(parents=True)
    os.symlink(real / "long_service.yaml", links / "sub" / "own.yaml")
    os.symlink(links, links / "sub" / "loop")
    catalog = load_catalog(extra=[links])
    assert "province.long_service" in catalog
    assert [w.code for w in catalog.warnings] == [Code.SYMLINK_LOOP]


def test_list_and_show_tell_the_layer(tmp_path: Path) -> None:
    """`list --criteria-add` marks each version's layer; `show` prints it."""
    layer = own_layer(tmp_path)
    code, out = cli("list", "--as-of", "2021-01-01", "--criteria-add", layer, "--lang", "en")
    assert code == 0
    line = next(x for x in out.splitlines() if "province.long_service" in x)
    assert line.endswith(f"[{layer}]")
    code, out = cli("list", "--all", "--format", "json", "--criteria-add", layer)
    rows = {r["id"]: r["layer"] for r in json.loads(out)}
    assert rows["province.long_service"] == str(layer)
    assert rows[RETIREMENT] == "shipped"
    code, out = cli("show", "province.long_service", "--criteria-add", layer, "--lang", "en")
    assert f"Layer: {layer}" in out


def test_validate_checks_the_layers_together(tmp_path: Path) -> None:
    """`validate --criteria-add` reports a conflict between a layer and the shipped pack."""
    layer = own_layer(tmp_path, shipped_retirement(None), "retirement.yaml")
    code, out = cli("validate", "--criteria-add", layer)
    assert code == 1
    assert "layer-conflict" not in out  # the message, not the code, is printed
    assert "overlaps the version of layer 'shipped'" in out


def test_cases_of_a_layer_run_on_the_shipped_pack(tmp_path: Path) -> None:
    """A case file with 'base: shipped' is judged with the shipped pack underneath."""
    layer = own_layer(tmp_path)
    (layer / "long_service.cases.yaml").write_text(
        "base: shipped\nas_of: 2020-07-20\n"
        f"nominee: {NOMINEE}\n"
        "cases:\n"
        "  - name: 24 years is enough\n"
        "    award: province.long_service\n"
        "    expect: {status: eligible}\n"
        "  - name: the shipped award is there too\n"
        f"    award: {RETIREMENT}\n"
        "    expect: {status: eligible}\n",
        encoding="utf-8",
    )
    code, out = cli("test", layer, "--coverage")
    assert "2 passed, 0 failed" in out
    assert "province.long_service" in out
    assert RETIREMENT not in out.split("Coverage")[1]  # coverage is of the layer only
    assert code == 1  # service_years never failed


def test_shipped_cases_run_from_a_copy_of_the_pack(tmp_path: Path) -> None:
    """The shipped pack copied anywhere (as in a wheel) runs its cases: nominees travel."""
    copy = tmp_path / "pack"
    shutil.copytree(shipped_criteria_dir(), copy)
    code, out = cli("test", copy)
    assert code == 0, out
    assert " 0 failed" in out


def test_test_without_a_path_runs_the_shipped_cases(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`award-rules test` with no path tests the shipped pack, from any directory."""
    monkeypatch.chdir(tmp_path)
    code, out = cli("test")
    assert code == 0, out
    passed = int(out.strip().splitlines()[-1].split()[0])
    assert passed > 100


def test_verdict_names_its_criteria_file_relative_to_its_layer(tmp_path: Path) -> None:
    """``version.file`` in ``to_dict()`` is relative to the layer's folder, never absolute."""
    layer = tmp_path / "mine"
    (layer / "deep").mkdir(parents=True)
    (layer / "deep" / "retirement.yaml").write_text(
        shipped_retirement("version", 30), encoding="utf-8"
    )
    nominee = load_nominee(NOMINEE)
    shipped = load_catalog().evaluate(nominee, RETIREMENT, dt.date(2020, 7, 20)).to_dict()
    assert shipped["version"]["file"] == "vss/dg_certificate.retirement.yaml"
    own = load_catalog(extra=[layer]).evaluate(nominee, RETIREMENT, dt.date(2020, 7, 20))
    assert own.to_dict()["version"]["file"] == "deep/retirement.yaml"
    assert str(tmp_path) not in json.dumps(own.to_dict(), ensure_ascii=False)
    single = load_catalog(layer / "deep" / "retirement.yaml").evaluate(
        nominee, RETIREMENT, dt.date(2020, 7, 20)
    )
    assert single.to_dict()["version"]["file"] == "retirement.yaml"
