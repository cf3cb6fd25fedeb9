"""Published sagas written in the seed's format by someone who never saw this parser.

Each project under ``tests/fixtures/sagas/`` is one case of the shared saga facts; the
plan's accuracy on them is measured by ``benchmarks/bench_sagas.py``. Here: every one is
read as a spec, planned step by step, and checked, through the real commands, without an
input error or a crash.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integration_spec import analyze
from integration_spec._api import load_architecture, parse_spec_text
from tests.conftest import FIXTURES

PROJECTS = sorted(path for path in (FIXTURES / "sagas").iterdir() if path.is_dir())


@pytest.mark.parametrize("project", PROJECTS, ids=lambda path: path.name)
def test_every_flow_step_of_a_published_saga_is_planned(project: Path) -> None:
    mapping = json.loads((project / "steps.json").read_text("utf-8"))
    spec_path = project / mapping["spec"]
    spec = parse_spec_text(spec_path.read_text("utf-8"), str(spec_path))
    architecture = load_architecture(project / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md")
    assert architecture.modules, "the architecture names its modules"
    plan = analyze(spec, architecture).saga
    assert [step.number for step in plan.steps] == [int(flow) for flow in mapping["steps"]]
    assert all(step.reason for step in plan.steps)
