"""Property tests: any report renders in every format, and the machine formats stay valid."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report, RuleInfo
from integration_spec.report import FORMATS, render_report
from tests.report.reports import report_schema_validator, sarif_validator

ANSI = re.compile(r"\x1b\[[0-9;]*m")

_text = st.text(max_size=30)
_paths = st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=20)
_codes = st.from_regex(r"(DF|ST|IO|PS|AX|CF|ZZ)00[1-3]", fullmatch=True)
_lines = st.none() | st.integers(min_value=1, max_value=10_000)


@st.composite
def _diagnostics(draw: st.DrawFn, path: str) -> Diagnostic:
    line = draw(_lines)
    end_line = draw(st.none() | st.integers(min_value=line, max_value=20_000)) if line else None
    return Diagnostic(
        code=draw(_codes),
        severity=draw(st.sampled_from(Severity)),
        message=draw(_text),
        path=path,
        line=line,
        end_line=end_line,
        hint=draw(st.none() | _text),
        fixable=draw(st.booleans()),
    )


@st.composite
def _files(draw: st.DrawFn) -> FileReport:
    path = draw(_paths)
    diagnostics = draw(st.lists(_diagnostics(path), max_size=3))
    return FileReport(
        path=path,
        diagnostics=tuple(sorted(diagnostics, key=lambda d: d.line or 0)),
        suppressed=draw(st.integers(min_value=0, max_value=5)),
    )


_rules = st.builds(
    RuleInfo,
    code=st.just("DF001"),
    name=st.just("undeclared-field"),
    family=st.just("data-flow"),
    default_severity=st.sampled_from(Severity),
    summary=_text,
    help_uri=st.just("https://example.org/rules#df001"),
)

_reports = st.builds(
    Report,
    files=st.lists(_files(), max_size=3).map(tuple),
    rules=st.lists(_rules, max_size=1).map(tuple),
    tool_version=st.sampled_from(["", "0.1.0"]),
    architecture=st.none() | _paths,
    diagnostics=st.lists(_diagnostics(""), max_size=2).map(tuple),
)


@given(_reports)
def test_every_format_renders_any_report(report: Report) -> None:
    for output_format in FORMATS:
        assert isinstance(render_report(report, output_format), str)
    assert isinstance(render_report(report, "text", color=True), str)


@given(_reports)
def test_machine_formats_stay_valid(report: Report) -> None:
    report_schema_validator().validate(json.loads(render_report(report, "json")))
    sarif_validator().validate(json.loads(render_report(report, "sarif")))
    suite = ET.fromstring(render_report(report, "junit"))[0]
    assert suite.get("tests") == str(len(suite))


@given(_reports)
def test_one_github_line_per_finding(report: Report) -> None:
    lines = render_report(report, "github").split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(report.all_diagnostics())


@given(_reports)
def test_colour_changes_nothing_but_colour(report: Report) -> None:
    coloured = render_report(report, "text", color=True)
    assert ANSI.sub("", coloured) == render_report(report, "text")
