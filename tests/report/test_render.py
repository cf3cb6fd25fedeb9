"""render_report: the one entry point, and the lazy import that keeps start-up fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import Report
from integration_spec.report import FORMATS, render_report
from integration_spec.report._rules import rules_of


def test_formats_are_the_documented_five() -> None:
    assert FORMATS == ("text", "json", "sarif", "github", "junit")


def test_an_unknown_format_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown output format 'xml'.*sarif"):
        render_report(Report(), "xml")


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_ends_with_one_newline_or_is_empty(output_format: str) -> None:
    report = Report(
        diagnostics=(Diagnostic(code="CF001", severity=Severity.ERROR, message="bad config"),)
    )
    output = render_report(report, output_format)
    assert output.endswith("\n")
    assert not output.endswith("\n\n")


_IMPORTS = """
import sys
from integration_spec.model.report import Report
from integration_spec.report import render_report
render_report(Report(), {output_format!r})
heavy = {{"rich", "json", "xml.etree.ElementTree"}}
ours = {{name for name in sys.modules if name.startswith("integration_spec.report.")}}
print(sorted(ours), sorted(heavy & set(sys.modules)))
"""


@pytest.mark.parametrize(
    ("output_format", "modules", "heavy"),
    [
        ("text", ["integration_spec.report.text"], []),
        ("github", ["integration_spec.report._rules", "integration_spec.report.github"], []),
        ("json", ["integration_spec.report._rules", "integration_spec.report.json"], ["json"]),
    ],
)
def test_only_the_chosen_formatter_is_imported(
    output_format: str, modules: list[str], heavy: list[str]
) -> None:
    code = _IMPORTS.format(output_format=output_format)
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == f"{modules} {heavy}"


def test_codes_without_a_rule_get_one_built_entry_each_in_order() -> None:
    report = Report(
        diagnostics=(
            Diagnostic(code="CF002", severity=Severity.ERROR, message="a"),
            Diagnostic(code="ZZ001", severity=Severity.INFO, message="b"),
            Diagnostic(code="CF002", severity=Severity.ERROR, message="c"),
        )
    )
    rules = rules_of(report)
    assert [(r.code, r.name, r.family) for r in rules] == [
        ("CF002", "cf002", "other"),
        ("ZZ001", "zz001", "other"),
    ]
    assert rules[1].default_severity is Severity.INFO
