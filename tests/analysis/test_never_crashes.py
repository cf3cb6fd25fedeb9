"""Whatever a spec says, the analysis answers and every format renders it."""

from __future__ import annotations

import json

from hypothesis import given, settings

from integration_spec.analysis.api import analyze, triage_spec
from integration_spec.analysis.render import render_analysis, render_triage
from integration_spec.model.spec import IntegrationSpec
from tests.strategies import specs


@settings(max_examples=150)
@given(specs)
def test_analysis_never_crashes(spec: IntegrationSpec) -> None:
    report = analyze(spec)
    assert len(report.saga.steps) == len(spec.flow_steps)
    assert len(report.saga.failure_points) == len(spec.flow_steps)
    assert report.faults.step_failures == 4 * len(spec.flow_steps)
    assert sum(report.faults.outcomes.values()) == report.faults.scenarios
    assert sum(item.scenarios for item in report.faults.inconsistencies) == (
        report.faults.inconsistent
    )
    pivots = [plan for plan in report.saga.steps if plan.role.value == "pivot"]
    assert len(pivots) <= 1
    for output_format in ("text", "markdown"):
        assert render_analysis(report, output_format)
    json.loads(render_analysis(report, "json"))


@settings(max_examples=100)
@given(specs)
def test_triage_never_crashes(spec: IntegrationSpec) -> None:
    result = triage_spec(spec)
    assert render_triage(result, "text")
    json.loads(render_triage(result, "json"))
