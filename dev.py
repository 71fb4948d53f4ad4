#!/usr/bin/env python3
"""Developer tasks with nothing but Python and pip: ``python3 dev.py demo|test|test-3.13|bench``.

- ``demo``: set up ``.venv`` and run the examples, printing verdicts, then replay
  a year of events for a province with the live engine.
- ``test``: set up ``.venv``; ruff (lint, and the format checked), mypy --strict,
  the whole pytest suite, and a check that the built wheel carries the shipped
  criteria.
- ``test-3.13``: install and run the test suite on Python 3.13 when it is
  available (pyenv's ``3.13.x``), and say so when it is not.
- ``bench``: the benchmark scripts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    """Run a command, echoing it; stop with its status when it fails."""
    print("+", " ".join(str(c) for c in command), flush=True)
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def bin_path(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_env(
    env_dir: Path,
    python: list[str] | None = None,
    extras: str = "dev",
    env: dict[str, str] | None = None,
) -> Path:
    """A virtualenv with the package installed (editable) and ``extras``; reused when current."""
    stamp = env_dir / ".award-rules-stamp"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    py = bin_path(env_dir, "python")
    if py.exists() and stamp.exists() and stamp.read_text() == want:
        return py
    if not py.exists():
        if python is None:
            venv.EnvBuilder(with_pip=True).create(env_dir)
        else:
            run(*python, "-m", "venv", env_dir, env=env)
    run(py, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(py, "-m", "pip", "install", "--quiet", "-e", f".[{extras}]")
    stamp.write_text(want)
    return py


def demo() -> None:
    py = ensure_env(ROOT / ".venv")
    run(py, ROOT / "examples" / "demo.py")
    print()
    run(py, ROOT / "examples" / "live_province_year.py")


def test() -> None:
    py = ensure_env(ROOT / ".venv")
    code = ("src", "tests", "examples", "dev.py", "benchmarks")
    run(py, "-m", "ruff", "check", *code)
    run(py, "-m", "ruff", "format", "--check", *code)
    run(py, "-m", "mypy", "--strict", "src")
    run(py, "-m", "pytest")
    wheel_check(py)


def wheel_check(py: Path) -> None:
    """Build the wheel, install it in a fresh env; list, validate and test the shipped pack.

    A decision made here (``check --format json``, from the working tree) is then
    replayed by the fresh install: its receipt must reproduce on another machine.
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        run(py, "-m", "build", "--wheel", "--outdir", tmp_dir / "dist", ROOT)
        wheel = next((tmp_dir / "dist").glob("*.whl"))
        env_dir = tmp_dir / "env"
        venv.EnvBuilder(with_pip=True).create(env_dir)
        run(bin_path(env_dir, "python"), "-m", "pip", "install", "--quiet", wheel)
        run(bin_path(env_dir, "award-rules"), "list", "--as-of", "2020-07-20", cwd=tmp_dir)
        run(bin_path(env_dir, "award-rules"), "validate", cwd=tmp_dir)
        # The shipped cases run from the wheel: their nominees travel with them.
        run(bin_path(env_dir, "award-rules"), "test", cwd=tmp_dir)
        nominee = tmp_dir / "official.yaml"
        shutil.copyfile(ROOT / "examples" / "nominees" / "retiring_official.yaml", nominee)
        decision = tmp_dir / "decision.json"
        with decision.open("w", encoding="utf-8") as out:
            subprocess.run(
                [
                    str(bin_path(ROOT / ".venv", "award-rules")),
                    "check",
                    str(nominee),
                    "--award",
                    "vss.dg_certificate.retirement",
                    "--as-of",
                    "2020-07-20",
                    "--format",
                    "json",
                ],
                stdout=out,
                check=False,
            )
        run(bin_path(env_dir, "award-rules"), "replay", decision, nominee, cwd=tmp_dir)


def find_python313() -> tuple[list[str], dict[str, str]] | None:
    """A command for Python 3.13 and the environment to run it in, or None."""
    env = dict(os.environ)
    if shutil.which("pyenv"):
        listed = subprocess.run(
            ["pyenv", "versions", "--bare"], capture_output=True, text=True, check=False
        ).stdout.split()
        found = sorted(v for v in listed if v.startswith("3.13"))
        if found:
            env["PYENV_VERSION"] = found[-1]
    exe = shutil.which("python3.13")
    if exe is None:
        return None
    probe = subprocess.run(
        [exe, "-c", "import sys; print(sys.version_info[:2] == (3, 13))"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return ([exe], env) if probe.stdout.strip() == "True" else None


def test_313() -> None:
    found = find_python313()
    if found is None:
        print("Python 3.13 is not available on this machine: skipping the 3.13 run.")
        return
    command, env = found
    py = ensure_env(ROOT / ".venv-3.13", command, env=env)
    run(py, "-m", "pytest", "-q", "-p", "no:cacheprovider")


def bench() -> None:
    py = ensure_env(ROOT / ".venv")
    run(py, ROOT / "benchmarks" / "bench_evaluate.py")
    run(py, ROOT / "benchmarks" / "bench_loading.py")
    run(py, ROOT / "benchmarks" / "bench_mutation.py")


TASKS = {"demo": demo, "test": test, "test-3.13": test_313, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in TASKS:
        print(f"usage: python3 dev.py {{{'|'.join(TASKS)}}}", file=sys.stderr)
        sys.exit(2)
    TASKS[sys.argv[1]]()
