"""Diagnostics: the one value every reader, rule and analysis reports problems with."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; configuration may change a rule's default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    """Another place a finding is about: the other spec of a cross-spec conflict."""

    path: str
    line: int | None
    message: str
    """What is there (``publisher stated here``), shown beside the place."""

    def location(self) -> str:
        """``path:line``, or ``path`` alone without a line."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """An immutable finding that points at a file and line (like flake8's Violation)."""

    code: str
    severity: Severity
    message: str
    path: str = ""
    line: int | None = None
    end_line: int | None = None
    hint: str | None = None
    fixable: bool = False
    related: tuple[RelatedLocation, ...] = ()
    """The other places the finding names, for tools that link them (SARIF)."""

    def location(self) -> str:
        """``path:line`` as editors and CI annotate it (``path`` alone without a line)."""
        if self.line is None:
            return self.path or "<input>"
        return f"{self.path or '<input>'}:{self.line}"

    def format_text(self) -> str:
        """One line in the ruff style: ``path:line: CODE message``."""
        text = f"{self.location()}: {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text
