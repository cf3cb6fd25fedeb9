"""``check`` imports nothing heavy it does not use: start-up is part of every pre-commit run.

The command runs in a fresh interpreter on a copy of the example project; the modules
loaded by the end are compared with the packages ``check`` must never need.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

HEAVY = ("networkx", "pydantic", "rich", "yaml", "markdown_it", "jinja2")
_PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules))))
sys.argv = ["integration-spec", "check", "--all", "--format", "json"]
from integration_spec.cli.main import main
main()
"""


def _loaded(project: Path) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=project, capture_output=True, text=True, check=False
    )
    assert completed.returncode in (0, 1), completed.stderr
    return set(json.loads(completed.stdout.strip().splitlines()[-1]))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "shop"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".integration-spec-cache"))
    return copy


def test_check_loads_no_heavy_package(project: Path) -> None:
    loaded = _loaded(project)
    assert sorted(name for name in loaded if name.split(".")[0] in HEAVY) == []


def test_a_cached_architecture_is_not_read_again(project: Path) -> None:
    _loaded(project)  # fills the cache
    again = _loaded(project)
    assert "integration_spec.architecture.markdown_reader" not in again
    assert "integration_spec.rules.docs" not in again
