"""One spec through the rules: findings stamped with code and severity, then filtered.

Order of filters: configuration (select, ignore, severity ``off``), per-path ignores, inline
suppression comments, the baseline. Every filtered finding is counted, never lost silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integration_spec.check.baseline import Baseline
from integration_spec.check.codes import known_codes
from integration_spec.check.config import OFF, Config, matches
from integration_spec.check.fixes import ragged_row_fixes
from integration_spec.check.suppression import find_suppressions
from integration_spec.facts import spec_facts
from integration_spec.facts.sections import reads_as_spec
from integration_spec.facts.system import system_facts
from integration_spec.markdown.document import Document, parse_document
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.rules.base import Fix, ProjectRule, Rule, RuleContext
from integration_spec.rules.registry import all_rules, rule_by_code
from integration_spec.spec.parse import parse_spec_document

ALWAYS_ON = ("IO", "CF")
"""Codes no selection can hide: the file or the configuration could not be used."""


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """The findings of one document and the fixes that go with some of them."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    fixes: tuple[Fix, ...]
    suppressed: int
    kept_for_baseline: tuple[tuple[Diagnostic, str], ...] = ()
    """Findings after suppression and before the baseline, with their line's text."""


def select_rules(config: Config) -> tuple[type[Rule], ...]:
    """The rules this configuration runs."""
    return tuple(rule for rule in all_rules() if _enabled(rule.code, config))


def _enabled(code: str, config: Config) -> bool:
    if code.startswith(ALWAYS_ON):
        return True
    if config.select and not matches(code, config.select):
        return False
    if matches(code, config.ignore):
        return False
    return config.severity.get(code) != OFF


def _severity(code: str, default: Severity, config: Config) -> Severity:
    level = config.severity.get(code)
    return Severity(level) if level and level != OFF else default


def configured_severity(code: str, config: Config | None) -> Severity | None:
    """The level findings of rule ``code`` have under ``config``; ``None`` when it is off.

    Without a configuration the rule's default level (``None`` for an unknown code).

    ``analyze`` grades its findings with this, so its exit code follows the same levels as
    ``check``'s (a rule re-levelled or ignored in the configuration is so in both).
    """
    rule = rule_by_code(code)
    if rule is None:
        return None
    if config is None:
        return rule.severity
    if not _enabled(code, config):
        return None
    return _severity(code, rule.severity, config)


def check_document(
    text: str,
    path: str,
    *,
    architecture: Architecture | None,
    config: Config,
    rules: Sequence[type[Rule]],
    baseline: Baseline | None = None,
) -> FileOutcome:
    """Parse ``text`` once, run ``rules`` and apply every filter."""
    document = parse_document(text)
    spec = parse_spec_document(document, path)
    context = RuleContext(
        spec=spec,
        architecture=architecture,
        text=document.text,
        path=path,
        lines=document.lines,
        document=document,
    )
    found: list[tuple[Diagnostic, Fix | None]] = []
    parse_problems = any(d.code == "PS001" for d in spec.diagnostics)
    ragged = ragged_row_fixes(document) if parse_problems else {}
    for diagnostic in spec.diagnostics:
        if _enabled(diagnostic.code, config):
            fix = ragged.get(diagnostic.line or 0) if diagnostic.code == "PS001" else None
            found.append((_restamp(diagnostic, config, fix is not None), fix))
    spec_like = reads_as_spec(spec)
    for rule in rules:
        if rule.needs_architecture and architecture is None:
            continue
        if not spec_like and not rule.reads_other_documents:
            continue
        severity = _severity(rule.code, rule.severity, config)
        for finding in rule().check(context):
            diagnostic = Diagnostic(
                code=rule.code,
                severity=severity,
                message=finding.message,
                path=path,
                line=finding.line,
                end_line=finding.end_line,
                hint=finding.hint,
                fixable=finding.fix is not None,
            )
            found.append((diagnostic, finding.fix))
    return _filter(path, found, config, document, baseline)


def _restamp(diagnostic: Diagnostic, config: Config, fixable: bool) -> Diagnostic:
    return Diagnostic(
        code=diagnostic.code,
        severity=_severity(diagnostic.code, diagnostic.severity, config),
        message=diagnostic.message,
        path=diagnostic.path,
        line=diagnostic.line,
        end_line=diagnostic.end_line,
        hint=diagnostic.hint,
        fixable=fixable,
        related=diagnostic.related,
    )


def _filter(
    path: str,
    found: list[tuple[Diagnostic, Fix | None]],
    config: Config,
    document: Document,
    baseline: Baseline | None,
) -> FileOutcome:
    ignored_here = _per_path_ignores(path, config)
    lines = document.lines
    suppressions = find_suppressions(document) if "<!--" in document.text else None
    if suppressions is not None:
        found = [*found, *((d, None) for d in suppressions.unknown_codes(known_codes(), path))]
    kept: list[tuple[Diagnostic, Fix | None]] = []
    suppressed = 0
    for diagnostic, fix in found:
        if matches(diagnostic.code, ignored_here) or (
            suppressions is not None and suppressions.silences(diagnostic.code, diagnostic.line)
        ):
            suppressed += 1
            continue
        kept.append((diagnostic, fix))
    kept.sort(key=lambda pair: (pair[0].line or 0, pair[0].code, pair[0].message))
    with_text = tuple((d, _line_text(lines, d.line)) for d, _ in kept)
    final: list[tuple[Diagnostic, Fix | None]] = []
    for (diagnostic, fix), (_, line_text) in zip(kept, with_text, strict=True):
        if baseline is not None and baseline.absorbs(diagnostic, line_text):
            suppressed += 1
            continue
        final.append((diagnostic, fix))
    return FileOutcome(
        path=path,
        diagnostics=tuple(d for d, _ in final),
        fixes=tuple(fix for _, fix in final if fix is not None),
        suppressed=suppressed,
        kept_for_baseline=with_text,
    )


def _line_text(lines: tuple[str, ...], line: int | None) -> str:
    if line is None or not 1 <= line <= len(lines):
        return ""
    return lines[line - 1]


def _per_path_ignores(path: str, config: Config) -> tuple[str, ...]:
    return config.per_path_codes(path)


def check_project(
    texts: Sequence[tuple[str, str, Architecture | None]],
    *,
    config: Config,
    rules: Sequence[type[Rule]],
) -> dict[str, list[Diagnostic]]:
    """The cross-spec pass: project rules over all ``(text, path, architecture)`` at once.

    Run after the per-file pass and never cached per file, since each finding depends on
    the other specs. Configuration, per-path ignores and inline suppressions apply as
    for any finding; returns the findings by path.
    """
    project_rules = [rule for rule in rules if issubclass(rule, ProjectRule)]
    if len(texts) < 2 or not project_rules:
        return {}
    documents: dict[str, Document] = {}
    read = []
    architecture = next((arch for _, _, arch in texts if arch is not None), None)
    for text, path, spec_architecture in texts:
        document = parse_document(text)
        documents[path] = document
        spec = parse_spec_document(document, path)
        if reads_as_spec(spec):  # a design note kept beside the specs is ST014's alone
            read.append((path, spec_facts(spec, spec_architecture)))
    system = system_facts(read, architecture)
    found: dict[str, list[tuple[Diagnostic, Fix | None]]] = {}
    for rule in project_rules:
        severity = _severity(rule.code, rule.severity, config)
        for finding in rule().check_system(system):
            found.setdefault(finding.path, []).append(
                (
                    Diagnostic(
                        code=rule.code,
                        severity=severity,
                        message=finding.message,
                        path=finding.path,
                        line=finding.line,
                        hint=finding.hint,
                        related=finding.related,
                    ),
                    None,
                )
            )
    return {
        path: list(_filter(path, pairs, config, documents[path], None).diagnostics)
        for path, pairs in found.items()
    }
