"""Renderers: JSON is versioned and complete, markdown pastes, text is stable."""

from __future__ import annotations

import json

import pytest

from integration_spec import parse_spec
from integration_spec.analysis.api import analyze, triage_spec
from integration_spec.analysis.render import render_analysis, render_triage
from integration_spec.model.analysis import AnalysisReport
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def report() -> AnalysisReport:
    return analyze(parse_spec(FIXTURES / "analysis" / "trip-booking.md"))


def test_json_is_versioned_and_serialises_everything(report: AnalysisReport) -> None:
    document = json.loads(render_analysis(report, "json"))
    assert document["version"] == 1
    assert document["saga"]["steps"][2]["role"] == "pivot"
    assert document["faults"]["scenarios"] == report.faults.scenarios
    assert document["faults"]["inconsistencies"][0]["cause"] == "compensation:2"


def test_markdown_has_tables_and_mermaid(report: AnalysisReport) -> None:
    text = render_analysis(report, "markdown")
    assert text.startswith("## Analysis: Trip Booking\n")
    assert "| Step | Module | Name | Role | Compensation | Why |" in text
    assert text.count("```mermaid") == 2
    assert "60 scenarios ran" in text


def test_plain_text_has_no_escape_codes(report: AnalysisReport) -> None:
    text = render_analysis(report, "text")
    assert "\x1b[" not in text
    assert "Saga plan" in text
    assert "compensation of step 2" in text
    assert "```" not in text


def test_rich_text_draws_tables(report: AnalysisReport) -> None:
    text = render_analysis(report, "text", rich=True)
    assert "Saga plan" in text
    assert "┃" in text or "│" in text


def test_triage_formats() -> None:
    result = triage_spec(parse_spec(FIXTURES / "analysis" / "order-saga.md"))
    assert "Decision: integration spec" in render_triage(result, "text")
    assert json.loads(render_triage(result, "json"))["decision"] == "integration-spec"
    assert "| Indicator | Threshold |" in render_triage(result, "markdown")


def test_unknown_format_is_refused(report: AnalysisReport) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_analysis(report, "sarif")
