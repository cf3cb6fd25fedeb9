"""`modules` and `init architecture` through the installed command, as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from integration_spec._api import json_schema
from tests.conftest import FIXTURES

pytestmark = pytest.mark.e2e
HOSPITAL = FIXTURES / "architectures" / "hospital.md"
DOCUMENT = Path("docs/architecture/SYSTEM-ARCHITECTURE.md")


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def ispec(*args: str, cwd: Path) -> Run:
    beside = Path(sys.executable).parent / "integration-spec"
    executable = str(beside) if beside.exists() else shutil.which("integration-spec")
    assert executable, "the integration-spec command is not installed (pip install -e .)"
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    completed = subprocess.run(
        [executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / DOCUMENT).parent.mkdir(parents=True)
    shutil.copy(HOSPITAL, tmp_path / DOCUMENT)
    return tmp_path


def _write(project: Path, text: str) -> None:
    (project / DOCUMENT).write_text(text, encoding="utf-8")


def test_json_always_carries_the_evidence(project: Path) -> None:
    result = ispec("modules", "--format", "json", cwd=project)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, json_schema("modules"))
    appointments = next(m for m in data["modules"] if m["name"] == "appointments")
    dependencies = [e for e in appointments["evidence"] if e["field"] == "dependencies"]
    assert {e["value"] for e in dependencies} == {"patients", "staff"}
    assert all(e["line"] == 11 and "Upstream contexts" in e["construct"] for e in dependencies)


def test_text_shows_the_evidence_only_when_verbose(project: Path) -> None:
    plain = ispec("modules", cwd=project)
    verbose = ispec("modules", "--verbose", cwd=project)
    assert "evidence:" not in plain.stdout
    assert "domain_events: PatientRegistered  (line 27, heading 'patients" in verbose.stdout
    assert "AX018" in plain.stderr  # the unused column is said, never silently dropped


def test_a_document_without_modules_is_refused_with_the_way_out(project: Path) -> None:
    _write(project, "# Notes\n\n## Overview\n\nWe have a frontend and a backend.\n")
    result = ispec("modules", cwd=project)
    assert result.exit_code == 2
    assert "AX001 no modules found" in result.stderr
    assert "integration-spec init architecture" in result.stderr


def test_skipped_candidates_are_listed_with_how_to_go_on(project: Path) -> None:
    text = HOSPITAL.read_text(encoding="utf-8")
    _write(project, text + "\n## Runtime\n\n| Service | Purpose |\n|---|---|\n| Lab | Tests |\n")
    result = ispec("modules", cwd=project)
    assert result.exit_code == 0
    assert "'Lab'" in result.stderr
    assert "note: the reader skipped 1 module-like name" in result.stderr


def test_init_writes_architecture_yaml_that_then_wins(project: Path) -> None:
    text = HOSPITAL.read_text(encoding="utf-8")
    _write(project, text + "\n## Runtime\n\n| Service | Purpose |\n|---|---|\n| Lab | Tests |\n")
    written = ispec("init", "architecture", cwd=project)
    assert written.exit_code == 0, written.stderr
    target = project / DOCUMENT.parent / "architecture.yaml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, json_schema("architecture"))
    assert [module["name"] for module in data["modules"]][:2] == ["patients", "staff"]
    assert '#  - name: "Lab"' in target.read_text(encoding="utf-8")

    read = ispec("modules", "--format", "json", cwd=project)
    assert read.exit_code == 0, read.stderr
    assert json.loads(read.stdout)["path"].endswith("architecture.yaml")
    assert "AX019" in read.stderr


def test_init_never_overwrites_without_force(project: Path) -> None:
    target = project / DOCUMENT.parent / "architecture.yaml"
    target.write_text("title: mine\nmodules: [a]\n", encoding="utf-8")
    refused = ispec("init", "architecture", cwd=project)
    assert refused.exit_code == 2
    assert "exists" in refused.stderr
    assert target.read_text(encoding="utf-8") == "title: mine\nmodules: [a]\n"
    forced = ispec("init", "architecture", "--force", cwd=project)
    assert forced.exit_code == 0
    assert "patients" in target.read_text(encoding="utf-8")


def test_init_writes_nothing_outside_the_project(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "architecture.yaml"
    result = ispec("init", "architecture", "--output", str(outside), cwd=project)
    assert result.exit_code == 2
    assert "outside the project root" in result.stderr
    assert not outside.exists()


def test_init_marks_what_the_document_did_not_say(project: Path) -> None:
    _write(project, "# Shop\n\n## Modules\n\n- **orders** — takes orders\n- **billing**\n")
    result = ispec("init", "architecture", "--stdout", cwd=project)
    assert result.exit_code == 0
    assert 'responsibility: "TODO: say in one sentence what billing owns"' in result.stdout
    assert "phase: null  # TODO" in result.stdout
    assert not (project / DOCUMENT.parent / "architecture.yaml").exists()


def test_init_without_an_agent_or_a_subcommand_says_what_to_give(project: Path) -> None:
    result = ispec("init", cwd=project)
    assert result.exit_code == 2
    assert "--agent" in result.stderr
    assert "init architecture" in result.stderr


def test_init_refuses_an_agent_together_with_the_architecture(project: Path) -> None:
    result = ispec("init", "--agent", "claude", "architecture", cwd=project)
    assert result.exit_code == 2
    assert "do not combine" in result.stderr
    assert not (project / DOCUMENT.parent / "architecture.yaml").exists()
    assert not (project / ".claude").exists()
