"""The diagnostic codes of the architecture readers, each defined once with its meaning.

Codes are stable: tests, suppressions and users' CI configuration refer to them.
"""

from __future__ import annotations

from enum import StrEnum

from integration_spec.model.diagnostics import Diagnostic, Severity


class ArchitectureCode(StrEnum):
    """What an architecture reader reports; ``CODE_TABLE`` gives severity and meaning."""

    NO_MODULES = "AX001"
    UNKNOWN_DEPENDENCY = "AX002"
    ROW_SKIPPED = "AX003"
    UNKNOWN_BUILD_ORDER_ENTRY = "AX004"
    DUPLICATE_MODULE = "AX005"
    DEPENDENCY_CYCLE = "AX006"
    PHASE_ORDER = "AX007"
    RAGGED_ROW = "AX008"
    ITEM_SKIPPED = "AX009"
    YAML_SYNTAX = "AX010"
    YAML_NOT_MAPPING = "AX011"
    YAML_INVALID_VALUE = "AX012"
    YAML_UNKNOWN_KEY = "AX013"
    LABELS_SKIPPED = "AX014"
    TABLE_SKIPPED = "AX015"
    CONFLICT = "AX016"
    NOT_IN_BUILD_ORDER = "AX017"
    COLUMNS_SKIPPED = "AX018"
    OVERRIDDEN = "AX019"
    TODO_LEFT = "AX020"


CODE_TABLE: dict[ArchitectureCode, tuple[Severity, str]] = {
    ArchitectureCode.NO_MODULES: (
        Severity.WARNING,
        "no modules found: no module table, module headings or module list",
    ),
    ArchitectureCode.UNKNOWN_DEPENDENCY: (
        Severity.WARNING,
        "a dependency names no module of the document (info when nothing similar exists)",
    ),
    ArchitectureCode.ROW_SKIPPED: (
        Severity.INFO,
        "a module-table row was skipped (empty name, not a name, infrastructure)",
    ),
    ArchitectureCode.UNKNOWN_BUILD_ORDER_ENTRY: (
        Severity.WARNING,
        "a build-order entry names no module of the document",
    ),
    ArchitectureCode.DUPLICATE_MODULE: (
        Severity.WARNING,
        "a module is listed twice in one table, list or set of headings; merged",
    ),
    ArchitectureCode.DEPENDENCY_CYCLE: (
        Severity.WARNING,
        "modules depend on each other in a cycle",
    ),
    ArchitectureCode.PHASE_ORDER: (
        Severity.WARNING,
        "a module depends on a module of the same or a later build phase",
    ),
    ArchitectureCode.RAGGED_ROW: (
        Severity.ERROR,
        "a module-table row has more cells than the header (their text is lost); "
        "a warning when it has fewer (they read as empty)",
    ),
    ArchitectureCode.ITEM_SKIPPED: (
        Severity.INFO,
        "a list item or heading that could name a module was skipped",
    ),
    ArchitectureCode.YAML_SYNTAX: (Severity.ERROR, "architecture.yaml is not valid YAML"),
    ArchitectureCode.YAML_NOT_MAPPING: (
        Severity.ERROR,
        "architecture.yaml does not hold a mapping at the top level",
    ),
    ArchitectureCode.YAML_INVALID_VALUE: (
        Severity.ERROR,
        "a value in architecture.yaml has the wrong type or is missing",
    ),
    ArchitectureCode.YAML_UNKNOWN_KEY: (
        Severity.ERROR,
        "architecture.yaml has a key the format lacks",
    ),
    ArchitectureCode.LABELS_SKIPPED: (
        Severity.INFO,
        "labels in a module's section that the reader does not use",
    ),
    ArchitectureCode.TABLE_SKIPPED: (
        Severity.INFO,
        "a table with a module-like column was not read as a module table",
    ),
    ArchitectureCode.CONFLICT: (
        Severity.WARNING,
        "two parts of the document state different values for one fact",
    ),
    ArchitectureCode.NOT_IN_BUILD_ORDER: (
        Severity.INFO,
        "the document has a build order that leaves a module out",
    ),
    ArchitectureCode.COLUMNS_SKIPPED: (
        Severity.INFO,
        "columns of a module table that no module field takes (an owning team, a status)",
    ),
    ArchitectureCode.OVERRIDDEN: (
        Severity.INFO,
        "an architecture.yaml beside the markdown document is read instead of it",
    ),
    ArchitectureCode.TODO_LEFT: (
        Severity.WARNING,
        "architecture.yaml still holds a TODO marker that 'init architecture' wrote",
    ),
}
"""Default severity and one-line meaning of every code."""


def report(
    code: ArchitectureCode,
    message: str,
    *,
    path: str,
    line: int | None,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """Build a diagnostic with the code's default severity unless ``severity`` is given."""
    return Diagnostic(
        code=code.value,
        severity=severity or CODE_TABLE[code][0],
        message=message,
        path=path,
        line=line,
        hint=hint,
    )


def ragged_severity(written: int, width: int) -> Severity | None:
    """How bad a ragged table row is.

    Cells beyond the header are lost (the code's default, an error); missing cells are read
    as empty, so a short row is only a warning.
    """
    return None if written > width else Severity.WARNING
