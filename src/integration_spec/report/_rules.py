"""Rule metadata for every code a report holds, reading codes included.

The use case that makes a report puts an entry in ``report.rules`` for every code it holds,
reserved reading codes included (from the one catalogue, ``check.codes``), so formatters
never keep a table of their own. A report built by hand may lack some; those get an
entry built from the code alone.
"""

from __future__ import annotations

from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.report import Report, RuleInfo

OTHER_FAMILY = "other"


def unknown_rule(diagnostic: Diagnostic) -> RuleInfo:
    """An entry built from the code alone, for a finding the report has no rule for."""
    return RuleInfo(
        code=diagnostic.code,
        name=diagnostic.code.lower(),
        family=OTHER_FAMILY,
        default_severity=diagnostic.severity,
        summary=f"finding {diagnostic.code}",
    )


def rules_of(report: Report) -> tuple[RuleInfo, ...]:
    """The report's rules, then one built entry per other code in order of first finding."""
    known = {rule.code for rule in report.rules}
    extra: dict[str, RuleInfo] = {}
    for diagnostic in report.all_diagnostics():
        if diagnostic.code not in known and diagnostic.code not in extra:
            extra[diagnostic.code] = unknown_rule(diagnostic)
    return report.rules + tuple(extra.values())


def rules_by_code(report: Report) -> dict[str, RuleInfo]:
    """``rules_of`` keyed by code, for looking up a finding's rule name."""
    return {rule.code: rule for rule in rules_of(report)}
