"""A host's own award ids: an extra layer's ``awards.yaml`` adds ids; clashes need ``replaces``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from award_rules import CriteriaError, NomineeError, load_catalog
from award_rules.cli import main
from conftest import EXAMPLES_DIR, RETIREMENT

HOST = """\
awards:
  province.chairman_certificate:
    name: {vi: Bằng khen của Chủ tịch UBND tỉnh, en: Provincial chairman's certificate}
"""
RECORD = {
    "kind": "individual",
    "id": "HP-7",
    "full_name": "Lê Thị Hoa",
    "service": [{"start": "2001-01-01", "end": "2020-03-31"}],
    "retirement_date": "2020-04-01",
    "awards": [{"award": "province.chairman_certificate", "year": 2018}],
}
DAY = dt.date(2020, 7, 20)


def layer(tmp_path: Path, registry: str, name: str = "host") -> Path:
    """A folder holding only an ``awards.yaml``."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "awards.yaml").write_text(registry, encoding="utf-8")
    return folder


def test_a_host_layer_adds_its_own_award_ids(tmp_path: Path) -> None:
    """An id in an extra layer's registry is known, named, and accepted in records."""
    catalog = load_catalog(extra=[layer(tmp_path, HOST)])
    assert "province.chairman_certificate" in catalog.known_awards
    entry = catalog.awards["province.chairman_certificate"]
    assert entry.name.vi == "Bằng khen của Chủ tịch UBND tỉnh"
    assert entry.layer == str(tmp_path / "host")
    assert catalog.awards["vss.dg_certificate"].layer == "shipped"
    assert catalog.evaluate(RECORD, RETIREMENT, DAY).status == "eligible"


def test_without_the_layer_the_host_id_is_refused() -> None:
    """The same record is refused by the shipped catalog alone, with "did you mean"."""
    with pytest.raises(NomineeError) as caught:
        load_catalog().evaluate(RECORD, RETIREMENT, DAY)
    (problem,) = caught.value.diagnostics
    assert problem.path == "awards[0].award"
    assert problem.message == "unknown award id 'province.chairman_certificate'"


def test_redeclaring_a_shipped_id_is_a_located_conflict(tmp_path: Path) -> None:
    """A layer's entry for an id the shipped registry has is ``layer-conflict`` at its key."""
    clash = "awards:\n  vss.dg_certificate:\n    name: {vi: A, en: B}\n"
    with pytest.raises(CriteriaError) as caught:
        load_catalog(extra=[layer(tmp_path, clash)])
    (problem,) = caught.value.diagnostics
    assert problem.code == "layer-conflict"
    assert problem.location is not None
    assert (Path(problem.location.file).name, problem.location.line) == ("awards.yaml", 2)
    assert problem.location.column == 3
    assert "replaces: true" in problem.hint


def test_replaces_true_renames_an_id_below(tmp_path: Path) -> None:
    """With ``replaces: true`` the layer's names win and the entry belongs to the layer."""
    renamed = "awards:\n  vss.dg_certificate:\n    name: {vi: A, en: B}\n    replaces: true\n"
    catalog = load_catalog(extra=[layer(tmp_path, renamed)])
    assert catalog.award_name("vss.dg_certificate").en == "B"  # type: ignore[union-attr]
    assert catalog.awards["vss.dg_certificate"].layer == str(tmp_path / "host")
    assert not [w for w in catalog.warnings if w.code == "replaces-nothing"]


def test_replaces_with_nothing_below_is_a_warning(tmp_path: Path) -> None:
    """``replaces: true`` on a new id loads, with a ``replaces-nothing`` warning."""
    new = HOST + "    replaces: true\n"
    catalog = load_catalog(extra=[layer(tmp_path, new)])
    warnings = [w for w in catalog.warnings if w.code == "replaces-nothing"]
    assert [w.path for w in warnings] == ["awards.province.chairman_certificate.replaces"]
    assert "province.chairman_certificate" in catalog.known_awards


@pytest.mark.parametrize(
    ("entry", "message", "hint", "column"),
    [
        ("    replace: true\n", "unknown key 'replace'", "did you mean replaces?", 5),
        ("    replaces: yes\n", "replaces must be true or false", "", 15),
        ("    precondition: 1\n", "precondition must be true or false", "", 19),
    ],
)
def test_a_bad_entry_key_or_flag_is_refused(
    tmp_path: Path, entry: str, message: str, hint: str, column: int
) -> None:
    """Unknown keys (with a suggestion) and flags other than true/false are registry errors."""
    with pytest.raises(CriteriaError) as caught:
        load_catalog(extra=[layer(tmp_path, HOST + entry)])
    (problem,) = caught.value.diagnostics
    assert problem.code == "registry"
    assert problem.message.endswith(message)
    assert problem.hint == hint
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (4, column)


def test_two_host_layers_clash_with_each_other(tmp_path: Path) -> None:
    """A second layer redeclaring the first layer's id conflicts too, naming that layer."""
    first, second = layer(tmp_path, HOST, "one"), layer(tmp_path, HOST, "two")
    with pytest.raises(CriteriaError) as caught:
        load_catalog(extra=[first, second])
    (problem,) = caught.value.diagnostics
    assert problem.message == (
        f"award id 'province.chairman_certificate' is already declared by layer {str(first)!r}"
    )


def test_a_base_without_registry_keeps_the_shipped_one_under_a_host_registry(
    tmp_path: Path,
) -> None:
    """The regression: a host layer's registry no longer hides the shipped one from a base."""
    base = EXAMPLES_DIR / "criteria"  # an example criterion, no awards.yaml
    assert not list(base.rglob("awards.yaml"))
    catalog = load_catalog(base, extra=[layer(tmp_path, HOST)])
    assert "vss.dg_certificate" in catalog.awards
    assert "province.chairman_certificate" in catalog.awards


def test_check_with_criteria_add_accepts_the_host_id(tmp_path: Path) -> None:
    """``check --criteria-add`` judges a record naming the host's id; without it, exit 2."""
    nominee = tmp_path / "nominee.json"
    nominee.write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    host = layer(tmp_path, HOST)
    args = ["check", str(nominee), "--award", RETIREMENT, "--as-of", "2020-07-20"]
    out, err = io.StringIO(), io.StringIO()
    assert main([*args, "--criteria-add", str(host)], out, err) == 0
    out, err = io.StringIO(), io.StringIO()
    assert main(args, out, err) == 2
    assert "awards[0].award: unknown award id 'province.chairman_certificate'" in err.getvalue()
