"""Packaging: pyproject and environment.yml agree; the core imports light."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).parent.parent
CONDA_NAMES = {"matplotlib": "matplotlib-base"}  # conda-forge's lighter build of the same package


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].strip().lower()


def _spec(requirement: str) -> str:
    """The version part; extras such as psycopg's [binary] are a PyPI matter, conda has no extras."""
    return re.sub(r"^\[[^\]]*\]", "", requirement[len(_name(requirement)) :].strip()).strip()


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = {_name(d): _spec(d) for d in project["dependencies"]}
    env_lines = (ROOT / "environment.yml").read_text().splitlines()
    conda = {}
    start = env_lines.index("dependencies:") + 1
    for line in env_lines[start:]:
        if line.strip() == "- pip:":
            break
        m = re.match(r"  - ([A-Za-z0-9_.-]+)(.*)$", line)
        if m and m[1] not in {"pip", "python"}:
            conda[m[1].lower()] = m[2].strip()
    expected = {CONDA_NAMES.get(name, name): spec for name, spec in deps.items()}
    assert conda == expected
    assert env_lines[-1].strip() == "- -e ."
    assert "conda-forge" in (ROOT / "environment.yml").read_text()
    python = re.search(r"- python(.*)", (ROOT / "environment.yml").read_text())[1].strip()
    assert python == project["requires-python"]


def test_import_is_light():
    code = (
        "import sys, okr_workshop\n"
        "heavy = {'ipywidgets', 'IPython', 'matplotlib', 'nbconvert', 'openpyxl', 'pandas', 'papermill'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_contracts_hold():
    """The layers and the Jupyter-free core, as import-linter checks them (pyproject [tool.importlinter])."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.is_file():
        pytest.fail("lint-imports is missing: pip install -e '.[test]' (import-linter is a test dependency)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's package, not another installed copy
    done = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
    assert "2 kept, 0 broken" in done.stdout


def test_license_is_an_spdx_expression():
    """``license = "MIT"`` (PEP 639), which needs setuptools 77; the TOML table form prints a deprecation banner."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["license"] == "MIT"
    assert not any(c.startswith("License ::") for c in data["project"].get("classifiers", []))
    setuptools = next(r for r in data["build-system"]["requires"] if _name(r) == "setuptools")
    assert tuple(int(x) for x in _spec(setuptools).removeprefix(">=").split(".")) >= (77,)


def test_wheel_builds_without_deprecation_banner(tmp_path):
    """What ``make venv`` prints while building: no setuptools deprecation (needs the package index)."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if done.returncode != 0 and "setuptools" in done.stdout + done.stderr and "Could not" in done.stdout + done.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert done.returncode == 0, done.stderr[-2000:]
    log = done.stdout + done.stderr
    assert "deprecated" not in log.lower(), [line for line in log.splitlines() if "deprecat" in line.lower()]
    wheel = next(tmp_path.glob("okr_workshop-*.whl"))
    import zipfile

    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        assert "License-Expression: MIT" in z.read(meta).decode()
