"""The one catalogue of codes: every rule's, and the reserved codes of reading and configuration.

One place answers "may a configuration or option name this code?", "what does it mean?",
"what do SARIF and JSON call it?" and "does it make the run exit 2?". The ``IO`` and ``CF``
codes are defined here; the spec parser (``PS``), the architecture readers (``AX``) and the
analysis commands (``AN``) define theirs beside the code that reports them, and this
catalogue gathers them, refusing a code defined twice.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import RuleInfo

READING_FAMILY = "reading"
CONFIGURATION_FAMILY = "configuration"
INPUT_FAMILY = "analysis-input"
EXPORT_FAMILY = "export"

EXIT_INPUT_ERROR = 2
INPUT_ERROR_PREFIXES = ("IO",)
"""Codes of input that could not be used at all: a report holding one exits with code 2."""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """A reserved code: what it is called, what it means, how loud it is by default."""

    code: str
    name: str
    family: str
    severity: Severity
    meaning: str


_ERROR = Severity.ERROR
_WARNING = Severity.WARNING

IO_CODES: tuple[CodeInfo, ...] = tuple(
    CodeInfo(code, name, READING_FAMILY, _ERROR, meaning)
    for code, name, meaning in (
        ("IO001", "file-not-found", "The file does not exist."),
        ("IO002", "is-a-directory", "A directory was given where a file was expected."),
        ("IO003", "empty-file", "The file is empty (or only white space)."),
        (
            "IO004",
            "not-utf8",
            "The file is not valid UTF-8; the message gives the line and column.",
        ),
        ("IO005", "binary-file", "The file looks binary (it contains NUL bytes)."),
        ("IO006", "file-too-large", "The file is larger than the limit for a document."),
        (
            "IO007",
            "unreadable-file",
            "The file cannot be read (permissions or another operating-system error), or a "
            "file it refers to could not be looked up.",
        ),
        (
            "IO008",
            "cannot-write",
            "A file could not be written (permissions, a read-only or full disk, a parent that "
            "is not a directory); nothing was changed.",
        ),
        (
            "IO009",
            "would-overwrite",
            "The output file already exists; it is replaced only with --force.",
        ),
        (
            "IO010",
            "not-a-regular-file",
            "The output path is a FIFO, a device, a directory or a symbolic link; the tool "
            "writes only regular files, even with --force.",
        ),
        (
            "IO011",
            "outside-project",
            "A fix would write a file outside the project root (through a symbolic link or "
            "a glob); it was not written.",
        ),
        (
            "IO012",
            "no-specs",
            "No spec was found where the command looked (a folder without .md files, or "
            "globs that match nothing).",
        ),
    )
)
"""Input that cannot be used: every one makes the run exit with code 2."""

CONFIG_CODES: tuple[CodeInfo, ...] = tuple(
    CodeInfo(code, name, CONFIGURATION_FAMILY, severity, meaning)
    for code, name, severity, meaning in (
        ("CF001", "invalid-toml", _ERROR, "The configuration file is not valid TOML."),
        (
            "CF002",
            "unknown-setting",
            _ERROR,
            "The configuration has a setting integration-spec does not know.",
        ),
        (
            "CF003",
            "invalid-setting",
            _ERROR,
            "A setting has a value of the wrong type or an unusable value (a severity level "
            "that does not exist, an absolute or empty glob, a path with a NUL).",
        ),
        (
            "CF004",
            "unknown-code",
            _ERROR,
            "A rule code in select, ignore, severity or per-path-ignores (in the "
            "configuration or on the command line) names no rule.",
        ),
        ("CF005", "invalid-baseline", _ERROR, "The baseline file cannot be read as a baseline."),
        (
            "CF006",
            "no-architecture",
            _WARNING,
            "No architecture document was found, so the rules that compare with it did not run.",
        ),
        (
            "CF007",
            "unknown-suppressed-code",
            _WARNING,
            "A suppression comment names a code that does not exist, so it silences nothing.",
        ),
    )
)


def _gathered() -> tuple[CodeInfo, ...]:
    """The readers' codes, in the catalogue's shape (imported here only)."""
    from integration_spec.analysis.codes import ANALYSIS_INPUT_CODES
    from integration_spec.architecture.codes import CODE_TABLE, ArchitectureCode
    from integration_spec.export.codes import EXPORT_CODES
    from integration_spec.spec.codes import PARSE_CODES

    enum.unique(ArchitectureCode)  # an alias would hide a code from iteration
    return (
        *(
            CodeInfo(code, "spec-format", READING_FAMILY, Severity.WARNING, meaning)
            for code, meaning in PARSE_CODES.items()
        ),
        *(
            CodeInfo(code.value, "architecture-reading", READING_FAMILY, severity, meaning)
            for code, (severity, meaning) in CODE_TABLE.items()
        ),
        *(
            CodeInfo(code, "analysis-input", INPUT_FAMILY, _ERROR, meaning)
            for code, meaning in ANALYSIS_INPUT_CODES.items()
        ),
        *(
            CodeInfo(code, "export", EXPORT_FAMILY, _severity_of_export(code), meaning)
            for code, meaning in EXPORT_CODES.items()
        ),
    )


def _severity_of_export(code: str) -> Severity:
    """EX0xx stop an export (errors); EX1xx leave something out of it (warnings)."""
    return _WARNING if code.startswith("EX1") else _ERROR


@cache
def reserved() -> Mapping[str, CodeInfo]:
    """Every reserved code, by code; a code defined twice is refused."""
    table: dict[str, CodeInfo] = {}
    for info in (*IO_CODES, *CONFIG_CODES, *_gathered()):
        if info.code in table:
            raise ValueError(f"reserved code {info.code} is defined twice")
        table[info.code] = info
    return table


def reserved_codes() -> dict[str, str]:
    """Codes of findings that come from reading, not from rules, with their meaning."""
    return {code: info.meaning for code, info in reserved().items()}


@cache
def known_codes() -> frozenset[str]:
    """Every code a configuration, an option or a suppression comment may name."""
    from integration_spec.rules.registry import all_rules

    rules = {rule.code for rule in all_rules()}
    clash = rules & set(reserved())
    if clash:
        raise ValueError(f"rule codes {sorted(clash)} are also reserved codes")
    return frozenset(rules | set(reserved()))


def is_input_error(code: str) -> bool:
    """Whether a finding of ``code`` means input could not be used (exit code 2)."""
    return code.startswith(INPUT_ERROR_PREFIXES)


def exit_code(diagnostics: Iterable[Diagnostic], *, strict: bool) -> int:
    """2 unusable input, 1 errors (warnings too when ``strict``), 0 otherwise."""
    worst = 0
    for diagnostic in diagnostics:
        if is_input_error(diagnostic.code):
            return EXIT_INPUT_ERROR
        if diagnostic.severity is Severity.ERROR or (
            strict and diagnostic.severity is Severity.WARNING
        ):
            worst = 1
    return worst


def reserved_rule_info(code: str) -> RuleInfo | None:
    """What SARIF, GitHub and JSON show for a reserved code, or ``None`` for a rule's."""
    info = reserved().get(code)
    if info is None:
        return None
    return RuleInfo(
        code=info.code,
        name=info.name,
        family=info.family,
        default_severity=info.severity,
        summary=info.meaning,
    )


def explain_code(code: str) -> str | None:
    """Documentation of a rule or a reserved code, or ``None`` when there is none."""
    from integration_spec.rules.registry import rule_by_code

    rule = rule_by_code(code)
    if rule is not None:
        from integration_spec.rules.docs import explain  # only `explain` pays for the docs

        return explain(rule)
    wanted = code.strip().upper()
    info = reserved().get(wanted)
    if info is None:
        return None
    return (
        f"# {wanted} {info.name}\n\nfamily: {info.family} · default severity: "
        f"{info.severity.value}\n\n{info.meaning}\n"
    )


@dataclass(frozen=True, slots=True)
class RuleEntry:
    """A rule as ``integration-spec rules`` lists it."""

    info: RuleInfo
    checklist: tuple[str, ...]
    needs_architecture: bool


def rule_catalogue() -> tuple[RuleEntry, ...]:
    """Every rule, in the registry's order, with what the listing shows."""
    from integration_spec.rules.registry import all_rules, rule_info

    return tuple(
        RuleEntry(
            info=rule_info(rule),
            checklist=tuple(rule.checklist),
            needs_architecture=rule.needs_architecture,
        )
        for rule in all_rules()
    )


def checklist_codes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each item of the seed's Validation Checklist with the codes of the rules enforcing it."""
    from integration_spec.rules.base import CHECKLIST
    from integration_spec.rules.registry import all_rules

    rules = all_rules()
    return tuple(
        (item, tuple(rule.code for rule in rules if item in rule.checklist)) for item in CHECKLIST
    )


def rules_page() -> str:
    """The rules documentation page (docs/rules.md), generated from the registry."""
    from integration_spec.rules.docs import rules_page as page

    return page()
