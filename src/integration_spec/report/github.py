"""GitHub Actions workflow commands, which show findings as annotations on the diff.

Escaping follows GitHub's runner (``toolkit/packages/core/src/command.ts``): data escapes
``%``, CR and LF; property values also escape ``:`` and ``,``, which separate properties.
"""

from __future__ import annotations

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import Report, RuleInfo
from integration_spec.report._rules import rules_by_code

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """One ``::error``/``::warning``/``::notice`` line per finding.

    ``color`` and ``quiet`` are ignored.
    """
    rules = rules_by_code(report)
    lines = [_command(d, rules[d.code]) for d in report.all_diagnostics()]
    return "".join(f"{line}\n" for line in lines)


def _command(diagnostic: Diagnostic, rule: RuleInfo) -> str:
    properties = ",".join(
        f"{key}={escape_property(value)}" for key, value in _properties(diagnostic, rule)
    )
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return f"::{COMMANDS[diagnostic.severity]} {properties}::{escape_data(message)}"


def _properties(diagnostic: Diagnostic, rule: RuleInfo) -> list[tuple[str, str]]:
    """``file``, ``line`` and ``endLine`` when known, and always a ``title``."""
    properties: list[tuple[str, str]] = []
    if diagnostic.path:
        properties.append(("file", diagnostic.path))
        if diagnostic.line is not None:
            properties.append(("line", str(diagnostic.line)))
            if diagnostic.end_line is not None:
                properties.append(("endLine", str(diagnostic.end_line)))
    properties.append(("title", f"{diagnostic.code} {rule.name}"))
    return properties


def escape_data(text: str) -> str:
    """The message after ``::``: newlines would end the command early."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ``:`` and ``,``, which would end the value early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
