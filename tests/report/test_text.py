"""The text format: ruff-like lines, the summary line, and colour that changes only colour."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report
from integration_spec.report import render_report
from tests.report.reports import REPORT_NAMES, load_report

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _report(*diagnostics: Diagnostic, suppressed: int = 0) -> Report:
    return Report(files=(FileReport(path="a.md", diagnostics=diagnostics, suppressed=suppressed),))


_BASE = Diagnostic(code="DF002", severity=Severity.ERROR, message="m", path="a.md", line=3)


def _finding(**overrides: Any) -> Diagnostic:
    return replace(_BASE, **overrides)


def test_a_finding_is_one_ruff_like_line() -> None:
    output = render_report(_report(_finding(message="step 3 reads x")), "text")
    assert output.splitlines()[0] == "a.md:3: DF002 [error] step 3 reads x"


def test_hint_is_indented_and_fixable_is_marked() -> None:
    output = render_report(_report(_finding(hint="write x first", fixable=True)), "text")
    first, second = output.splitlines()[:2]
    assert first.endswith("m (fixable with --fix)")
    assert second == "    hint: write x first"
    assert "1 fixable with --fix." in output


def test_summary_counts_severities_files_and_suppressed() -> None:
    report = _report(
        _finding(),
        _finding(severity=Severity.WARNING),
        _finding(severity=Severity.WARNING),
        _finding(severity=Severity.INFO),
        suppressed=4,
    )
    assert render_report(report, "text").splitlines()[-1] == (
        "Found 1 error, 2 warnings, 1 info in 1 file (4 suppressed)."
    )


def test_a_clean_run_says_so() -> None:
    report = Report(files=(FileReport(path="a.md"), FileReport(path="b.md")))
    assert render_report(report, "text") == "All checks passed: 2 files, no findings.\n"


def test_later_lines_of_a_message_are_indented() -> None:
    output = render_report(_report(_finding(message="one\r\ntwo\nthree")), "text")
    assert output.splitlines()[:3] == ["a.md:3: DF002 [error] one", "    two", "    three"]


def test_control_characters_cannot_reach_the_terminal() -> None:
    output = render_report(_report(_finding(message="\x1b[2Jcleared\x07")), "text")
    assert "\x1b" not in output
    assert "\x07" not in output
    assert "\ufffd[2Jcleared\ufffd" in output


def test_files_are_grouped_in_report_order_after_run_level_findings() -> None:
    report = Report(
        diagnostics=(Diagnostic(code="CF001", severity=Severity.ERROR, message="config"),),
        files=(
            FileReport(path="b.md", diagnostics=(_finding(path="b.md"),)),
            FileReport(path="clean.md"),
            FileReport(path="a.md", diagnostics=(_finding(path="a.md"),)),
        ),
    )
    blocks = render_report(report, "text").split("\n\n")
    assert [block.split(":")[0] for block in blocks[:3]] == ["<input>", "b.md", "a.md"]


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_colour_changes_nothing_but_colour(name: str) -> None:
    report = load_report(name)
    coloured = render_report(report, "text", color=True)
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == render_report(report, "text")


def test_colour_never_reads_markup_in_messages() -> None:
    output = render_report(
        _report(_finding(message="[bold]not bold[/bold] [red]x")), "text", color=True
    )
    assert "[bold]not bold[/bold] [red]x" in ANSI.sub("", output)


def test_colour_ignores_no_color_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    assert ANSI.search(render_report(_report(_finding()), "text", color=True))
