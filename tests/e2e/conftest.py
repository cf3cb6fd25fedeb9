"""Run the installed console script, as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Run:
    """What one command printed and how it exited."""

    exit_code: int
    stdout: str
    stderr: str


def _executable() -> str:
    beside_python = Path(sys.executable).parent / "integration-spec"
    found = str(beside_python) if beside_python.exists() else shutil.which("integration-spec")
    if found is None:
        pytest.fail("the integration-spec command is not installed (pip install -e .)")
    return found


@pytest.fixture
def ispec() -> Callable[..., Run]:
    """Call ``integration-spec`` with arguments; return exit code and output."""
    executable = _executable()

    def run(
        *args: str,
        cwd: Path | None = None,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Run:
        environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        environment.pop("GITHUB_ACTIONS", None)
        environment.update(env or {})
        completed = subprocess.run(
            [executable, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            check=False,
        )
        return Run(completed.returncode, completed.stdout, completed.stderr)

    return run
