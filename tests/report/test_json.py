"""The JSON format: valid against the published schema, with the documented shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import REPORT_FORMAT_VERSION, FileReport, Report
from integration_spec.report import render_report
from tests.report.reports import REPORT_NAMES, load_report, report_schema_validator


def _render(report: Report) -> Any:
    return json.loads(render_report(report, "json"))


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_output_validates_against_the_published_schema(name: str) -> None:
    report_schema_validator().validate(_render(load_report(name)))


def test_the_schema_rejects_what_the_format_never_writes() -> None:
    document = _render(load_report("two-findings"))
    broken = [
        {**document, "extra": 1},
        {**document, "version": 2},
        {**document, "summary": {**document["summary"], "errors": -1}},
        {**document, "diagnostics": [{**document["diagnostics"][0], "severity": "fatal"}]},
        {**document, "diagnostics": [{**document["diagnostics"][0], "line": 0}]},
    ]
    validator = report_schema_validator()
    for instance in broken:
        assert not validator.is_valid(instance)


def test_shape_and_order_of_a_two_finding_report() -> None:
    document = _render(load_report("two-findings"))
    assert list(document) == ["version", "tool", "architecture", "summary", "diagnostics"]
    assert document["version"] == REPORT_FORMAT_VERSION
    assert document["tool"] == {"name": "integration-spec", "version": "0.1.0"}
    assert document["summary"] == {
        "files": 2,
        "errors": 1,
        "warnings": 1,
        "info": 0,
        "suppressed": 1,
    }
    assert [(d["code"], d["line"], d["rule_name"]) for d in document["diagnostics"]] == [
        ("PS001", 3, "spec-format"),
        ("DF002", 12, "read-before-write"),
    ]


def test_run_level_findings_have_a_null_path_and_come_first() -> None:
    report = Report(
        files=(
            FileReport(
                path="a.md",
                diagnostics=(
                    Diagnostic(code="DF001", severity=Severity.INFO, message="x", path="a.md"),
                ),
            ),
        ),
        diagnostics=(Diagnostic(code="CF001", severity=Severity.ERROR, message="config"),),
    )
    first, second = _render(report)["diagnostics"]
    assert (first["code"], first["path"], first["line"]) == ("CF001", None, None)
    assert second["path"] == "a.md"


def test_non_ascii_and_control_characters_round_trip() -> None:
    message = 'Größe 注文 🎉 "quoted" <&> \\ \x1b\r\n'
    report = Report(
        diagnostics=(Diagnostic(code="CF001", severity=Severity.ERROR, message=message),)
    )
    output = render_report(report, "json")
    assert "Größe 注文 🎉" in output
    assert json.loads(output)["diagnostics"][0]["message"] == message


def test_an_empty_report_is_valid() -> None:
    document = _render(Report())
    report_schema_validator().validate(document)
    assert document["diagnostics"] == []
    assert document["architecture"] is None
