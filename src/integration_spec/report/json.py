"""The versioned JSON report (docs/report-format.md, docs/schema/report.schema.json).

Scripts and other tools read this shape, so it only changes with ``REPORT_FORMAT_VERSION``.
"""

from __future__ import annotations

import json
from typing import Any

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import REPORT_FORMAT_VERSION, Report, RuleInfo
from integration_spec.report._rules import rules_by_code

TOOL_NAME = "integration-spec"


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The report as indented JSON; ``color`` and ``quiet`` are ignored."""
    return json.dumps(as_document(report), indent=2, ensure_ascii=False) + "\n"


def as_document(report: Report) -> dict[str, Any]:
    """The JSON-ready document, for callers that embed it (tests, the MCP server)."""
    rules = rules_by_code(report)
    return {
        "version": REPORT_FORMAT_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "architecture": report.architecture,
        "summary": _summary(report),
        "diagnostics": [_diagnostic(d, rules) for d in report.all_diagnostics()],
    }


def _summary(report: Report) -> dict[str, int]:
    return {
        "files": len(report.files),
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "info": report.count(Severity.INFO),
        "suppressed": sum(file_report.suppressed for file_report in report.files),
    }


def _diagnostic(diagnostic: Diagnostic, rules: dict[str, RuleInfo]) -> dict[str, Any]:
    """One finding; ``path`` is null for findings that belong to no file."""
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "path": diagnostic.path or None,
        "line": diagnostic.line,
        "end_line": diagnostic.end_line,
        "hint": diagnostic.hint,
        "fixable": diagnostic.fixable,
        "rule_name": rules[diagnostic.code].name,
        "related": [
            {"path": place.path, "line": place.line, "message": place.message}
            for place in diagnostic.related
        ],
    }
