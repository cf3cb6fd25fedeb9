"""The GitHub Action (action.yml): its check step runs as a runner would run it.

The step's script reads its inputs from the environment (never from ``${{ }}`` spliced into
the script), so it runs here unchanged under bash with the variables a runner sets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLE, REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load(
    (REPO / ".github" / "workflows" / "example.yml").read_text(encoding="utf-8")
)
GUEST = Path("features/integrations/guest-checkout.md")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the action runs bash")


def _step(step_id: str) -> dict[str, Any]:
    step: dict[str, Any] = next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)
    return step


def _run_check(
    workspace: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = workspace / "github-output"
    outputs.write_text("", encoding="utf-8")
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(workspace / "runner-temp"),
        "GITHUB_OUTPUT": str(outputs),
        "INPUT_PROJECT": inputs.get("project", "examples/shop"),
        "INPUT_SARIF": inputs.get("sarif", "true"),
        "INPUT_ARGS": inputs.get("args", ""),
    }
    environment.pop("NO_COLOR", None)
    (workspace / "runner-temp").mkdir(exist_ok=True)
    completed = subprocess.run(
        ["bash", "-c", _step("check")["run"]],
        cwd=workspace,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    values = dict(
        line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if line
    )
    return completed, values


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository checkout with the example project in examples/shop."""
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "shop")
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_the_action_installs_checks_uploads_and_then_fails() -> None:
    assert ACTION["runs"]["using"] == "composite"
    names = [step.get("uses", step.get("id", "")) for step in ACTION["runs"]["steps"]]
    assert names[0].startswith("actions/setup-python@")
    assert names[1:3] == ["install", "check"]
    assert names[3].startswith("github/codeql-action/upload-sarif@")
    upload = ACTION["runs"]["steps"][3]
    assert "always()" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    assert "exit" in ACTION["runs"]["steps"][4]["run"]
    assert set(ACTION["inputs"]) == {"project", "sarif", "args", "version", "python-version"}


def test_no_input_is_spliced_into_a_script() -> None:
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_a_clean_project_uploads_an_empty_sarif_and_exits_0(workspace: Path) -> None:
    completed, outputs = _run_check(workspace, args="--strict")
    assert completed.returncode == 0, completed.stderr
    assert outputs["exit-code"] == "0"
    log = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"] == []
    assert "All checks passed" in completed.stdout


def test_findings_point_at_files_from_the_repository_top(workspace: Path) -> None:
    spec = workspace / "examples" / "shop" / GUEST
    spec.write_text(spec.read_text("utf-8").replace("| cart | Both |", "| cart |"), "utf-8")
    _, outputs = _run_check(workspace)
    assert outputs["exit-code"] == "1"
    log = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": f"examples/shop/{GUEST}", "uriBaseId": "%SRCROOT%"}
    annotations, outputs = _run_check(workspace, sarif="false")
    assert outputs["exit-code"] == "1"
    assert annotations.stdout.startswith(f"::error file=examples/shop/{GUEST},line=22,")


def test_the_projects_workflow_runs_the_action_on_its_example() -> None:
    steps = [step for job in WORKFLOW["jobs"].values() for step in job["steps"]]
    uses = [step for step in steps if step.get("uses") == "./"]
    assert {step["with"]["project"] for step in uses} == {"examples/shop"}
    assert {step["with"].get("sarif", "true") for step in uses} == {"true", "false"}
    assert WORKFLOW["permissions"]["security-events"] == "write"
