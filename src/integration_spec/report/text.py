"""The ruff-like terminal output: one line per finding, grouped by file, then a summary.

The plain path builds strings only; Rich is imported only when colour is asked for, so the
common no-colour run (CI logs, pipes) stays fast to start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import Report

if TYPE_CHECKING:
    from rich.text import Text

FIXABLE = "(fixable with --fix)"
INDENT = "    "

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "blue",
}


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """Every finding, then the summary line; ANSI colours when ``color``.

    ``quiet`` leaves out the summary (ruff's ``--quiet``): a clean run prints nothing.
    """
    if color:
        return _render_color(report, quiet=quiet)
    groups = ["\n".join(_plain_lines(group)) for group in _groups(report)]
    if quiet:
        return "\n\n".join(groups) + "\n" if groups else ""
    return "\n\n".join([*groups, _summary(report)]) + "\n"


def _groups(report: Report) -> Iterator[tuple[Diagnostic, ...]]:
    """Run-level findings first, then each file's, skipping files without findings."""
    if report.diagnostics:
        yield report.diagnostics
    for file_report in report.files:
        if file_report.diagnostics:
            yield file_report.diagnostics


def _headline(diagnostic: Diagnostic) -> str:
    """``path:line: CODE [severity] message``, the part editors and CI logs link."""
    location = _continued(diagnostic.location())
    return f"{location}: {diagnostic.code} [{diagnostic.severity.value}]"


def _continued(text: str) -> str:
    """Terminal-safe text: later lines indented, so only findings start at column one.

    Control characters from a spec (an ESC could recolour or clear the terminal) are replaced;
    tabs become spaces, as Rich would expand them anyway.
    """
    lines = (_CONTROL.sub("\ufffd", line.replace("\t", " ")) for line in text.splitlines())
    return f"\n{INDENT}".join(lines)


def _plain_lines(diagnostics: tuple[Diagnostic, ...]) -> Iterator[str]:
    for diagnostic in diagnostics:
        line = f"{_headline(diagnostic)} {_continued(diagnostic.message)}"
        if diagnostic.fixable:
            line += f" {FIXABLE}"
        yield line
        if diagnostic.hint:
            yield f"{INDENT}hint: {_continued(diagnostic.hint)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _summary(report: Report) -> str:
    """The closing line; its numbers are the ones the exit code is decided from."""
    files = _plural(len(report.files), "file")
    suppressed = sum(file_report.suppressed for file_report in report.files)
    if not report.all_diagnostics():
        tail = f" ({suppressed} suppressed)" if suppressed else ""
        return f"All checks passed: {files}, no findings{tail}."
    counts = ", ".join(
        [
            _plural(report.count(Severity.ERROR), "error"),
            _plural(report.count(Severity.WARNING), "warning"),
            f"{report.count(Severity.INFO)} info",
        ]
    )
    summary = f"Found {counts} in {files} ({suppressed} suppressed)."
    fixable = sum(1 for diagnostic in report.all_diagnostics() if diagnostic.fixable)
    if fixable:
        summary += f"\n{fixable} fixable with --fix."
    return summary


def _render_color(report: Report, *, quiet: bool = False) -> str:
    """The same lines styled by Rich, captured as a string with ANSI escapes."""
    from rich.console import Console
    from rich.text import Text

    console = Console(
        force_terminal=True,
        color_system="standard",
        highlight=False,
        emoji=False,
        markup=False,
        no_color=False,
        width=10_000,
    )
    with console.capture() as capture:
        for index, group in enumerate(_groups(report)):
            if index:
                console.print()
            for diagnostic in group:
                for line in _styled_lines(diagnostic):
                    console.print(line, soft_wrap=True)
        if not quiet:
            if report.all_diagnostics():
                console.print()
            console.print(Text(_summary(report), style="bold"), soft_wrap=True)
    return capture.get()


def _styled_lines(diagnostic: Diagnostic) -> Iterator[Text]:
    """Text objects, never markup: messages may hold ``[brackets]`` Rich would parse."""
    from rich.text import Text

    style = _SEVERITY_STYLE[diagnostic.severity]
    line = Text.assemble(
        (_continued(diagnostic.location()), "bold"),
        ": ",
        (diagnostic.code, style),
        " ",
        (f"[{diagnostic.severity.value}]", style),
        " ",
        _continued(diagnostic.message),
    )
    if diagnostic.fixable:
        line.append(f" {FIXABLE}", style="cyan")
    yield line
    if diagnostic.hint:
        yield Text.assemble(INDENT, ("hint:", "dim"), " ", _continued(diagnostic.hint))
