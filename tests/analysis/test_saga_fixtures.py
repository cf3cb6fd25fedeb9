"""Textbook sagas as specs, with their expected plans as data (tests/fixtures/analysis)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec import parse_spec
from integration_spec.analysis.api import analyze
from integration_spec.model.analysis import AnalysisReport
from integration_spec.spec.render import render_spec
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "analysis").glob("*.expected.yaml"))


def _load(case: Path) -> tuple[dict[str, Any], AnalysisReport, Path]:
    expected = yaml.safe_load(case.read_text(encoding="utf-8"))
    spec_path = case.parent / expected["spec"]
    return expected, analyze(parse_spec(spec_path)), spec_path


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name.split(".")[0])
def test_spec_is_in_canonical_form(case: Path) -> None:
    _, _, spec_path = _load(case)
    text = spec_path.read_text(encoding="utf-8")
    spec = parse_spec(spec_path)
    assert spec.diagnostics == ()
    assert render_spec(spec) == text


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name.split(".")[0])
def test_classification(case: Path) -> None:
    expected, report, _ = _load(case)
    assert [role.value for role in report.saga.roles()] == expected["roles"]
    assert report.saga.pivot == expected["pivot"]
    assert report.saga.pivot_source == expected["pivot_source"]


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name.split(".")[0])
def test_compensation_lists(case: Path) -> None:
    expected, report, _ = _load(case)
    for step, identifier in expected["compensations"].items():
        assert identifier in (report.saga.steps[step - 1].compensation or "")
    for step, plan in expected["failure_points"].items():
        point = report.saga.failure_at(step)
        assert point.recovery.value == plan["recovery"], step
        assert [action.step for action in point.compensations] == plan["undo"], step
        for action in point.compensations:
            assert expected["compensations"][action.step] in action.action
    stated = {
        point.step: point.stated_final_state
        for point in report.saga.failure_points
        if point.stated_final_state
    }
    assert stated == expected["stated_final_states"]


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name.split(".")[0])
def test_findings_and_inconsistencies(case: Path) -> None:
    expected, report, _ = _load(case)
    assert [finding.kind for finding in report.saga.findings] == expected["saga_findings"]
    assert [item.cause for item in report.faults.inconsistencies] == expected["inconsistent_causes"]
