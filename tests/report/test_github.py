"""The GitHub Actions format: one workflow command per finding, escaped as the runner parses."""

from __future__ import annotations

import pytest

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report, RuleInfo
from integration_spec.report import render_report
from integration_spec.report.github import escape_data, escape_property
from tests.report.reports import load_report

_RULE = RuleInfo(
    code="DF002",
    name="read-before-write",
    family="data-flow",
    default_severity=Severity.ERROR,
    summary="s",
)


def _render(*diagnostics: Diagnostic) -> list[str]:
    report = Report(files=(FileReport(path="a.md", diagnostics=diagnostics),), rules=(_RULE,))
    return render_report(report, "github").splitlines()


def test_a_finding_with_lines_and_title() -> None:
    finding = Diagnostic(
        code="DF002",
        severity=Severity.ERROR,
        message="reads x",
        path="specs/a.md",
        line=12,
        end_line=14,
    )
    assert _render(finding) == [
        "::error file=specs/a.md,line=12,endLine=14,title=DF002 read-before-write::reads x"
    ]


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "::error "), (Severity.WARNING, "::warning "), (Severity.INFO, "::notice ")],
)
def test_severity_picks_the_command(severity: Severity, command: str) -> None:
    finding = Diagnostic(code="DF002", severity=severity, message="m", path="a.md", line=1)
    assert _render(finding)[0].startswith(command)


def test_data_escapes_percent_cr_and_lf_only() -> None:
    assert escape_data("100% a,b: c\r\nd") == "100%25 a,b: c%0D%0Ad"


def test_properties_also_escape_colon_and_comma() -> None:
    assert escape_property("C:\\specs\\a,b 100%.md\n") == "C%3A\\specs\\a%2Cb 100%25.md%0A"


def test_escaping_is_applied_before_the_separators() -> None:
    assert escape_data("%0A") == "%250A"


def test_hint_follows_the_message_on_its_own_annotation_line() -> None:
    finding = Diagnostic(
        code="DF002", severity=Severity.ERROR, message="m", path="a.md", line=1, hint="h: x"
    )
    assert _render(finding)[0].endswith("::m%0Ahint: h: x")


def test_without_path_or_line_only_known_properties_are_written() -> None:
    lines = render_report(load_report("run-level"), "github").splitlines()
    assert lines[0].startswith("::error title=CF001 invalid-toml::")
    assert lines[1].startswith("::warning file=architecture.yaml,title=AX006 ")


def test_each_finding_is_exactly_one_line_whatever_its_text() -> None:
    report = load_report("escaping")
    assert len(render_report(report, "github").splitlines()) == len(report.all_diagnostics())


def test_a_message_cannot_forge_properties() -> None:
    finding = Diagnostic(
        code="DF002",
        severity=Severity.WARNING,
        message="x\n::error file=evil.md::forged",
        path="a.md,line=99",
        line=1,
    )
    (line,) = _render(finding)
    command, data = line.split("::", 2)[1:]
    assert command == "warning file=a.md%2Cline=99,line=1,title=DF002 read-before-write"
    assert data == "x%0A::error file=evil.md::forged"


def test_a_clean_run_prints_nothing() -> None:
    assert render_report(load_report("clean"), "github") == ""
    assert render_report(Report(), "github") == ""
