"""The durable engine on groups wider than 64 conditions, and on rulesets too large for it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

pytest.importorskip("durable.lang")

from award_rules import load_catalog, load_nominee
from award_rules.cli import main
from award_rules.engines.durable import DurableEngine, RulesetTooLargeError

ROOT = Path(__file__).resolve().parents[1]
NOMINEE = ROOT / "examples" / "nominees" / "retiring_official.yaml"
ON = dt.date(2020, 7, 20)


def wide(folder: Path, leaves: int, kind: str = "all") -> Path:
    """A layer holding one award whose ``kind`` group has ``leaves`` service checks."""
    folder.mkdir(parents=True, exist_ok=True)
    conditions = "\n".join(
        f"    - id: s{i}\n      check: service_years\n      min_years: {1 + i % 40}"
        for i in range(leaves)
    )
    (folder / "wide.yaml").write_text(
        "id: province.wide\nname: {vi: Rộng, en: Wide}\nsubject: individual\n"
        "source: Quyết định 1/QĐ-UBND\nin_force: {from: 2020-01-01}\n"
        f"conditions:\n  - {kind}:\n{conditions}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("kind", ["all", "any"])
@pytest.mark.parametrize("leaves", [65, 100, 200])
def test_groups_wider_than_64_agree_with_the_native_engine(
    tmp_path: Path, kind: str, leaves: int
) -> None:
    """Over 64 conditions in one group (two levels of splitting) give the native verdict."""
    catalog = load_catalog(extra=[wide(tmp_path / "mine", leaves, kind)])
    nominee = load_nominee(NOMINEE)
    native = catalog.evaluate(nominee, "province.wide", ON)
    engine = DurableEngine(catalog)
    try:
        durable = engine.evaluate(nominee, "province.wide", ON)
    finally:
        engine.close()
    assert durable.status == native.status
    assert durable.failed == native.failed
    assert durable.explain("en") == native.explain("en")


def test_a_ruleset_too_large_for_durable_is_a_clear_error(tmp_path: Path) -> None:
    """A catalog durable-rules would hang on is refused at once, naming the largest criteria."""
    catalog = load_catalog(extra=[wide(tmp_path / "mine", 400)])
    with pytest.raises(RulesetTooLargeError, match=r"province\.wide@2020-01-01, 400 conditions"):
        DurableEngine(catalog)
    out, err = io.StringIO(), io.StringIO()
    args = [
        "check",
        str(NOMINEE),
        "--award",
        "province.wide",
        "--as-of",
        "2020-07-20",
        "--engine",
        "durable",
        "--criteria-add",
        str(tmp_path / "mine"),
    ]
    assert main(args, out, err) == 2
    assert "use the native engine" in err.getvalue()
    assert "Traceback" not in err.getvalue()
