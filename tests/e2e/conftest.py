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


def _limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.fixture
def ispec() -> Callable[..., Run]:
    """Call ``integration-spec`` with arguments; return exit code and output."""
    executable = _executable()

    def run(
        *args: str,
        cwd: Path | None = None,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        file_size_limit: int | None = None,
    ) -> Run:
        """``file_size_limit`` makes every write past that many bytes fail (EFBIG), as a
        full disk would: the command sees a real operating-system error."""
        environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        environment.pop("GITHUB_ACTIONS", None)
        environment.pop("FORCE_COLOR", None)
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
            preexec_fn=_limit(file_size_limit) if file_size_limit is not None else None,
        )
        return Run(completed.returncode, completed.stdout, completed.stderr)

    return run
