"""Facts of the host's own: ``extensions`` on nominees, declared with the checks that read them."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import Field

from award_rules import (
    Args,
    Individual,
    NomineeError,
    Outcome,
    Vocabulary,
    default_vocabulary,
    load_catalog,
    parse_nominee,
)
from award_rules.cli import main
from award_rules.receipt import Receipt, canonical_json, nominee_digest, replay
from award_rules.schemas import declared_extensions, nominee_schema
from award_rules.vocabulary import Predicate
from conftest import RETIREMENT

CRITERIA = """\
id: host.checked
name: {vi: Ví dụ, en: Example}
subject: individual
source: "Ví dụ"
in_force: {from: 2024-01-01}
conditions:
  - id: member
    check: host_facts
    min_years: 5
"""
DAY = dt.date(2024, 6, 30)
SEEN: list[Any] = []


class HostArgs(Args):
    min_years: int = Field(ge=1)


def host_vocabulary() -> Vocabulary:
    """A vocabulary with one check reading one extension of every type."""
    vocab = default_vocabulary()

    @vocab.predicate(
        "host_facts",
        args=HostArgs,
        subjects=["individual"],
        requirement={"vi": "Ít nhất {min_years} năm", "en": "At least {min_years} years"},
        extensions={
            "union_member_years": "int",
            "veteran": "bool",
            "score": "number",
            "badge": "string",
            "joined_on": "date",
        },
    )
    def host_facts(args: HostArgs, ctx: Any) -> Outcome:
        SEEN.append(dict(ctx.nominee.extensions))
        years = ctx.nominee.extensions.get("union_member_years")
        if years is None:
            return Outcome(None, missing=("extensions.union_member_years",))
        return Outcome(years >= args.min_years, years)

    return vocab


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The shipped catalog with the host's vocabulary and a layer using its check."""
    folder = tmp_path_factory.mktemp("layer")
    (folder / "checked.yaml").write_text(CRITERIA, encoding="utf-8")
    return load_catalog(extra=[folder], vocabulary=host_vocabulary())


def person(**extensions: Any) -> dict[str, Any]:
    return {"kind": "individual", "id": "X-1", "full_name": "Đỗ Mai", "extensions": extensions}


# -- the model ---------------------------------------------------------------


def test_the_model_keeps_scalar_extensions_and_dumps_them() -> None:
    """Booleans, numbers, text and dates are kept; the JSON form writes dates as ISO text."""
    nominee = Individual(
        id="X", full_name="A", extensions={"a": True, "b": 3, "c": 2.5, "d": "x", "e": DAY}
    )
    assert nominee.model_dump(mode="json")["extensions"] == {
        "a": True,
        "b": 3,
        "c": 2.5,
        "d": "x",
        "e": "2024-06-30",
    }
    assert parse_nominee(person()).extensions == {}


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        ({"Years": 1}, "an extension's key is lower-case letters"),
        ({"x": None}, "got null"),
        ({"x": [1]}, "got list"),
        ({"x": float("nan")}, "a number must be finite"),
        ({"x": float("inf")}, "a number must be finite"),
        ({"x": "  "}, "text must not be blank"),
        ({"x": "a\x1bb"}, "control character"),
    ],
)
def test_the_model_refuses_bad_keys_and_values(extensions: dict[str, Any], message: str) -> None:
    """Keys of the wrong form and values that are not finite scalars fail with the path."""
    with pytest.raises(NomineeError) as caught:
        parse_nominee(person(**extensions))
    (problem,) = caught.value.diagnostics
    assert problem.path.startswith("extensions")
    assert message in problem.message


def test_extensions_are_read_only_and_hash_with_the_record() -> None:
    """A record with extensions stays immutable and hashable; equal records hash equal."""
    a, b = parse_nominee(person(veteran=True)), parse_nominee(person(veteran=True))
    assert hash(a) == hash(b)
    with pytest.raises(TypeError):
        a.extensions["veteran"] = False  # type: ignore[index]
    assert hash(a) != hash(parse_nominee(person(veteran=False)))


def test_a_record_with_extensions_pickles_and_copies() -> None:
    """Worker processes and deep copies rebuild the read-only mapping (equal, still read-only)."""
    import copy
    import pickle

    nominee = parse_nominee(person(veteran=True, joined_on="2010-05-01"))
    for again in (pickle.loads(pickle.dumps(nominee)), copy.deepcopy(nominee)):
        assert again == nominee
        assert hash(again) == hash(nominee)
        with pytest.raises(TypeError):
            again.extensions["veteran"] = False  # type: ignore[index]


# -- declarations ------------------------------------------------------------


def test_declarations_are_collected_from_the_registered_checks() -> None:
    """A vocabulary's ``extensions`` are its checks' declarations; copies keep them."""
    vocab = host_vocabulary()
    assert dict(vocab.extensions) == {
        "badge": "string",
        "joined_on": "date",
        "score": "number",
        "union_member_years": "int",
        "veteran": "bool",
    }
    assert dict(vocab.copy().extensions) == dict(vocab.extensions)
    assert dict(default_vocabulary().extensions) == {}


def test_a_key_declared_with_two_types_is_refused() -> None:
    """Two checks may share a key only with the same type; the registry says which."""
    vocab = host_vocabulary()

    class Other(Predicate[Args]):
        name = "other"
        extensions = {"veteran": "int"}  # noqa: RUF012 - a class-level declaration

        def evaluate(self, args: Args, ctx: Any) -> Outcome:
            return Outcome(True)

        def requirement(self, args: Args, lang: str) -> str:
            return "other"

    with pytest.raises(ValueError, match="declares extension 'veteran' as int, but 'host_facts'"):
        vocab.register(Other())
    assert "other" not in vocab
    assert vocab.extensions["veteran"] == "bool"


@pytest.mark.parametrize(
    ("extensions", "message"),
    [({"x": "integer"}, "use one of bool, int"), ({"X": "int"}, "must be lower-case")],
)
def test_a_bad_declaration_is_refused(extensions: dict[str, Any], message: str) -> None:
    """An unknown type or a key of the wrong form fails when the check is registered."""
    vocab = default_vocabulary()
    with pytest.raises(ValueError, match=message):
        vocab.predicate("bad", requirement={"vi": "x"}, extensions=extensions)(
            lambda args, ctx: Outcome(True)
        )


# -- the catalog admits declared extensions only -------------------------------


CALLS = [
    lambda c, n: c.evaluate(n, "host.checked", DAY),
    lambda c, n: c.status(n, "host.checked", DAY),
    lambda c, n: c.evaluate_all(n, DAY),
    lambda c, n: c.statuses(n, DAY),
]


@pytest.mark.parametrize("call", CALLS, ids=["evaluate", "status", "evaluate_all", "statuses"])
@pytest.mark.parametrize("given", ["mapping", "model"])
def test_an_undeclared_key_is_refused_with_did_you_mean(host: Any, call: Any, given: str) -> None:
    """Every entry point refuses an undeclared key, for mappings and models alike."""
    record = person(union_member_yrs=12)
    nominee = record if given == "mapping" else parse_nominee(record)
    with pytest.raises(NomineeError) as caught:
        call(host, nominee)
    (problem,) = caught.value.diagnostics
    assert problem.code == "unknown-extension"
    assert problem.path == "extensions.union_member_yrs"
    assert problem.hint == "did you mean union_member_years?"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("union_member_years", 12.0, "expected a whole number, got 12.0"),
        ("union_member_years", True, "expected a whole number, got true"),
        ("union_member_years", "12", "expected a whole number, got '12'"),
        ("veteran", 1, "expected true or false, got 1"),
        ("score", "9.5", "expected a number, got '9.5'"),
        ("score", False, "expected a number, got false"),
        ("badge", 7, "expected text, got 7"),
        ("joined_on", "30/06/2020", "expected a date as YYYY-MM-DD, got '30/06/2020'"),
        ("joined_on", "2020-02-30", "expected a date as YYYY-MM-DD, got '2020-02-30'"),
        ("joined_on", "1800-01-01", "expected a date as YYYY-MM-DD, got '1800-01-01'"),
        ("joined_on", "2010-W01-1", "expected a date as YYYY-MM-DD, got '2010-W01-1'"),
        ("score", "9" * 100_000, "expected a number, got '" + "9" * 38 + "…"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(
    host: Any, key: str, value: Any, message: str
) -> None:
    """Each declared type holds only its own values (no ``true`` as 1, no text as a number)."""
    with pytest.raises(NomineeError) as caught:
        host.evaluate(person(**{key: value}), "host.checked", DAY)
    (problem,) = caught.value.diagnostics
    assert (problem.path, problem.message) == (f"extensions.{key}", message)


def test_declared_values_reach_the_check_typed(host: Any) -> None:
    """The check reads the values as declared: a date as ``datetime.date``, numbers as given."""
    SEEN.clear()
    record = person(
        union_member_years=12, veteran=True, score=9, badge="Vàng", joined_on="2010-05-01"
    )
    verdict = host.evaluate(record, "host.checked", DAY)
    assert verdict.status == "eligible"
    assert SEEN[-1] == {
        "union_member_years": 12,
        "veteran": True,
        "score": 9,
        "badge": "Vàng",
        "joined_on": dt.date(2010, 5, 1),
    }
    assert verdict.to_dict()["conditions"]["children"][0]["found"] == 12


def test_the_catalog_keeps_no_nominee_alive_and_checks_a_converted_one_each_time(
    host: Any,
) -> None:
    """The gate remembers the last nominee weakly: once the caller drops a record, nothing
    of its personal data stays in the catalog; a record whose extensions were converted
    (a date read from text) is checked afresh, and both judge alike every time."""
    import gc
    import weakref

    plain = parse_nominee(person(union_member_years=12))
    assert host.status(plain, "host.checked", DAY) == host.status(plain, "host.checked", DAY)
    gone = weakref.ref(plain)
    del plain
    gc.collect()
    assert gone() is None
    dated = parse_nominee(person(union_member_years=12, joined_on="2010-05-01"))
    SEEN.clear()
    for _ in range(2):
        host.evaluate(dated, "host.checked", DAY)
    assert [seen["joined_on"] for seen in SEEN] == [dt.date(2010, 5, 1)] * 2


def test_a_yaml_file_s_unquoted_date_fits_a_date_or_a_text_declaration(
    host: Any, tmp_path: Path
) -> None:
    """YAML reads ``2010-05-01`` as a date: a ``date`` key keeps it, a ``string`` key gets text."""
    from award_rules import load_nominee

    path = tmp_path / "nominee.yaml"
    path.write_text(
        "kind: individual\nid: X-1\nfull_name: Đỗ Mai\nextensions:\n"
        "  union_member_years: 6\n  joined_on: 2010-05-01\n  badge: 2011-01-01\n",
        encoding="utf-8",
    )
    SEEN.clear()
    verdict = host.evaluate(load_nominee(path), "host.checked", DAY)
    assert verdict.eligible
    assert SEEN[-1]["joined_on"] == dt.date(2010, 5, 1)
    assert SEEN[-1]["badge"] == "2011-01-01"


def test_the_shipped_catalog_refuses_any_extension() -> None:
    """With no declarations, every extension key is unknown, and the hint says so."""
    record = {**person(veteran=True), "service": [{"start": "2000-01-01"}]}
    with pytest.raises(NomineeError) as caught:
        load_catalog().evaluate(record, RETIREMENT, DAY)
    (problem,) = caught.value.diagnostics
    assert problem.hint == "no check of the catalog's vocabulary declares an extension"


def test_the_durable_engine_admits_as_the_catalog_does(host: Any) -> None:
    """The durable engine refuses the same undeclared key."""
    from award_rules.engines import durable_available

    if not durable_available():
        pytest.skip("durable-rules is not installed")
    from award_rules.engines.durable import DurableEngine

    engine = DurableEngine(host)
    with pytest.raises(NomineeError):
        engine.evaluate(person(veterans=True), "host.checked", DAY)
    assert engine.evaluate(person(union_member_years=6), "host.checked", DAY).eligible


# -- receipts ------------------------------------------------------------------


def test_receipts_cover_extensions_and_replay(host: Any) -> None:
    """The nominee hash changes with an extension's value, and a receipt replays."""
    import hashlib

    first = host.evaluate(person(union_member_years=12), "host.checked", DAY)
    second = host.evaluate(person(union_member_years=13), "host.checked", DAY)
    assert first.to_dict()["receipt"]["nominee"] != second.to_dict()["receipt"]["nominee"]
    receipt = Receipt.model_validate(first.to_dict()["receipt"])
    report = replay(receipt, parse_nominee(person(union_member_years=12)), host)
    assert report.reproduced
    plain = parse_nominee(person())
    data = plain.model_dump(mode="json")
    del data["extensions"]
    assert nominee_digest(plain) == hashlib.sha256(canonical_json(data)).hexdigest()


def test_a_date_given_as_text_or_as_a_date_hashes_the_same(host: Any) -> None:
    """An ISO date and a ``datetime.date`` are the same canonical record."""
    text = host.evaluate(person(union_member_years=6, joined_on="2010-05-01"), "host.checked", DAY)
    model = Individual(
        id="X-1",
        full_name="Đỗ Mai",
        extensions={"union_member_years": 6, "joined_on": dt.date(2010, 5, 1)},
    )
    as_date = host.evaluate(model, "host.checked", DAY)
    assert text.to_dict()["receipt"]["nominee"] == as_date.to_dict()["receipt"]["nominee"]


# -- the command line and the schema ---------------------------------------------


def test_check_refuses_an_undeclared_extension_with_its_location(tmp_path: Path) -> None:
    """``award-rules check`` exits 2 with file, line and column of the key."""
    path = tmp_path / "nominee.yaml"
    path.write_text(
        "kind: individual\nid: X-1\nfull_name: Đỗ Mai\nservice: [{start: 2000-01-01}]\n"
        "extensions:\n  union_member_years: 12\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", str(path), "--award", RETIREMENT, "--as-of", "2024-06-30"], out, err)
    assert status == 2
    assert f"{path}:6:3: extensions.union_member_years: unknown extension" in err.getvalue()
    assert "Traceback" not in err.getvalue()


AGREEMENT = [
    ({"a_1": True, "b": 2, "c": 2.5, "d": "text", "e": "2024-01-01"}, True),
    ({"A": 1}, False),
    ({"1a": 1}, False),
    ({"a": None}, False),
    ({"a": []}, False),
    ({"a": {}}, False),
    ({"a": "   "}, False),
    ({"a": "\u001b[31m"}, False),
    ({"a" * 65: 1}, False),
]


@pytest.mark.parametrize(("extensions", "valid"), AGREEMENT)
def test_schema_and_library_agree_on_extensions(extensions: dict[str, Any], valid: bool) -> None:
    """The published schema accepts exactly the extensions the model accepts."""
    record = json.loads(json.dumps(person(**extensions)))
    validator = Draft202012Validator(nominee_schema(), format_checker=FormatChecker())
    assert validator.is_valid(record) is valid
    try:
        parse_nominee(record)
    except NomineeError:
        accepted = False
    else:
        accepted = True
    assert accepted is valid


def test_an_exact_schema_for_declared_extensions(host: Any) -> None:
    """``nominee_schema(extensions=...)`` admits the declared keys and types only."""
    schema = nominee_schema("individual", extensions=host.vocabulary.extensions)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert validator.is_valid(person(union_member_years=3, joined_on="2010-05-01"))
    assert not validator.is_valid(person(union_member_yrs=3))
    assert not validator.is_valid(person(veteran=1))
    assert not validator.is_valid(person(joined_on="30/06/2020"))


@pytest.fixture
def host_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The command line loading catalogs with the host's vocabulary; a criteria folder using it."""
    monkeypatch.setattr("award_rules.loading.default_vocabulary", host_vocabulary)
    (tmp_path / "checked.yaml").write_text(CRITERIA, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("kind", ["nominee", "individual"])
def test_the_schema_command_follows_the_catalog_s_declarations(host_cli: Path, kind: str) -> None:
    """``schema --criteria DIR`` admits the declared keys of their types and no other key."""
    out, err = io.StringIO(), io.StringIO()
    status = main(["schema", "--kind", kind, "--criteria", str(host_cli)], out, err)
    assert (status, err.getvalue()) == (0, "")
    validator = Draft202012Validator(json.loads(out.getvalue()), format_checker=FormatChecker())
    assert validator.is_valid(
        person(union_member_years=3, veteran=True, score=9.5, badge="Vàng", joined_on="2010-05-01")
    )
    assert not validator.is_valid(person(union_member_yrs=3))
    assert not validator.is_valid(person(union_member_years="3"))
    assert not validator.is_valid(person(joined_on="30/06/2020"))


UNIT_RECORD = {"kind": "unit", "id": "U-1", "name": "Phòng Kế hoạch", "level": "division"}


@pytest.mark.parametrize("kind", ["nominee", "individual", "unit"])
def test_the_schema_command_without_declarations_admits_no_extension(kind: str) -> None:
    """The shipped checks declare no extension: ``schema`` admits none, as the catalog does."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["schema", "--kind", kind], out, err) == 0
    printed = json.loads(out.getvalue())
    assert printed == nominee_schema(kind, extensions={})  # type: ignore[arg-type]
    bare = person() if kind != "unit" else dict(UNIT_RECORD)
    extended = {**bare, "extensions": {"any_key": 1}}
    assert Draft202012Validator(printed).is_valid(bare)
    assert not Draft202012Validator(printed).is_valid(extended)
    assert Draft202012Validator(nominee_schema(kind)).is_valid(extended)  # type: ignore[arg-type]
    with pytest.raises(NomineeError):
        load_catalog().admit(parse_nominee(extended))


def test_declared_extensions_are_what_the_catalog_admits(host: Any) -> None:
    """A catalog publishes its declarations; none for the shipped checks."""
    assert declared_extensions(host) == dict(host.vocabulary.extensions)
    assert declared_extensions(load_catalog()) == {}


def test_the_schema_command_refuses_bad_criteria_with_their_location(tmp_path: Path) -> None:
    """A missing folder or a broken file exits 2 with where it is, never a traceback."""
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "award.yaml").write_text("id: x.y\nname: [unclosed\n", encoding="utf-8")
    for folder, where in [(tmp_path / "nowhere", "nowhere"), (broken, f"{broken / 'award.yaml'}:")]:
        for option in ("--criteria", "--criteria-add"):
            out, err = io.StringIO(), io.StringIO()
            status = main(["schema", option, str(folder)], out, err)
            assert (status, out.getvalue()) == (2, ""), option
            assert "award-rules: error:" in err.getvalue()
            assert where in err.getvalue()
            assert "Traceback" not in err.getvalue()
