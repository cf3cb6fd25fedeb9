"""Rule metadata for every code a report holds, reading codes included.

Findings from reading input (``IO``, ``PS``, ``AX``, ``CF``) come from no rule, so the report's
``rules`` lack them; SARIF, GitHub and JSON still want a name and a summary for each code.
"""

from __future__ import annotations

from collections.abc import Mapping

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import Report, RuleInfo

READING_FAMILY = "reading"
"""The family of the reserved codes, which come from reading rather than from a rule."""

RESERVED_PREFIXES: Mapping[str, tuple[str, str, Severity]] = {
    "IO": ("unreadable-input", "the file cannot be read", Severity.ERROR),
    "PS": (
        "spec-format",
        "the document's markdown could not be read as the format",
        Severity.WARNING,
    ),
    "AX": (
        "architecture-reading",
        "the architecture document could not be fully read",
        Severity.WARNING,
    ),
    "CF": ("invalid-configuration", "the configuration is invalid", Severity.ERROR),
}
"""Name, summary and default severity per reserved prefix.

Mirrors ``rules.registry.RESERVED_CODES`` (a test keeps them equal); not imported from there
because formatters sit below the rules and importing the registry loads every rule.
"""


def reading_rule(diagnostic: Diagnostic) -> RuleInfo:
    """A rule entry built from the code alone, for findings no registered rule made."""
    reserved = RESERVED_PREFIXES.get(diagnostic.code[:2])
    if reserved is None:
        return RuleInfo(
            code=diagnostic.code,
            name=diagnostic.code.lower(),
            family="other",
            default_severity=diagnostic.severity,
            summary=f"finding {diagnostic.code}",
        )
    name, summary, severity = reserved
    return RuleInfo(
        code=diagnostic.code,
        name=name,
        family=READING_FAMILY,
        default_severity=severity,
        summary=summary,
    )


def rules_of(report: Report) -> tuple[RuleInfo, ...]:
    """The report's rules, then one built entry per other code in order of first finding."""
    known = {rule.code for rule in report.rules}
    extra: dict[str, RuleInfo] = {}
    for diagnostic in report.all_diagnostics():
        if diagnostic.code not in known and diagnostic.code not in extra:
            extra[diagnostic.code] = reading_rule(diagnostic)
    return report.rules + tuple(extra.values())


def rules_by_code(report: Report) -> dict[str, RuleInfo]:
    """``rules_of`` keyed by code, for looking up a finding's rule name."""
    return {rule.code: rule for rule in rules_of(report)}
