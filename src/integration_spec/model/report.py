"""The result of a check run: what every output format renders (flake8/sqlfluff style)."""

from __future__ import annotations

from dataclasses import dataclass, field

from integration_spec.model.diagnostics import Diagnostic, Severity

REPORT_FORMAT_VERSION = 1
"""Version of the JSON report shape; bumped on any incompatible change."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleInfo:
    """What an output format needs to know about a rule (SARIF rules, JUnit names)."""

    code: str
    name: str
    family: str
    default_severity: Severity
    summary: str
    help_uri: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FileReport:
    """The findings of one file, sorted by line."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    suppressed: int = 0
    """Findings hidden by inline comments, per-path ignores or the baseline."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Every file checked, the rules that ran, and the totals exit codes are decided from."""

    files: tuple[FileReport, ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    tool_version: str = ""
    architecture: str | None = None
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    """Findings that belong to no single spec (configuration, architecture)."""

    def all_diagnostics(self) -> tuple[Diagnostic, ...]:
        """Run-level findings first, then each file's in order."""
        return self.diagnostics + tuple(d for report in self.files for d in report.diagnostics)

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for diagnostic in self.all_diagnostics() if diagnostic.severity is severity)
