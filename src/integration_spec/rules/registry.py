"""The registry: an explicit, ordered list of every rule; duplicate codes are refused."""

from __future__ import annotations

from functools import cache

from integration_spec.model.diagnostics import Severity
from integration_spec.model.report import RuleInfo
from integration_spec.rules import (
    architecture,
    boundaries,
    coordination,
    cross_spec,
    dataflow,
    failures,
    phases,
    rollout,
    structure,
    testing,
)
from integration_spec.rules.base import FAMILY_PREFIXES, Rule

RULE_DOCS_URL = "https://github.com/integration-spec/integration-spec/blob/main/docs/rules.md"

_FAMILIES = (
    structure.RULES,
    architecture.RULES,
    dataflow.RULES,
    coordination.RULES,
    failures.RULES,
    boundaries.RULES,
    phases.RULES,
    testing.RULES,
    rollout.RULES,
    cross_spec.RULES,
)

RESERVED_CODES: dict[str, tuple[str, Severity]] = {
    "IO": ("the file cannot be read", Severity.ERROR),
    "PS": ("the document's markdown could not be read as the format", Severity.WARNING),
    "AX": ("the architecture document could not be fully read", Severity.WARNING),
    "CF": ("the configuration is invalid", Severity.ERROR),
}
"""Code prefixes of findings that come from reading, not from rules."""


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, in family and code order; raises on a duplicate or misfiled code."""
    rules = tuple(rule for family in _FAMILIES for rule in family)
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        if rule.code in seen:
            raise ValueError(f"duplicate rule code {rule.code}: {seen[rule.code]} and {rule}")
        if not rule.code.startswith(FAMILY_PREFIXES[rule.family]):
            raise ValueError(f"rule {rule.code} does not carry its family prefix")
        seen[rule.code] = rule
    return rules


def rule_by_code(code: str) -> type[Rule] | None:
    """The rule with ``code`` (case-insensitive), or ``None``."""
    wanted = code.strip().upper()
    return next((rule for rule in all_rules() if rule.code == wanted), None)


def rule_info(rule: type[Rule]) -> RuleInfo:
    """The metadata an output format needs."""
    return RuleInfo(
        code=rule.code,
        name=rule.name,
        family=rule.family.value,
        default_severity=rule.severity,
        summary=rule.summary(),
        help_uri=f"{RULE_DOCS_URL}#{rule.code.lower()}-{rule.name}",
    )
