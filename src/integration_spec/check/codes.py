"""The catalogue of codes: every rule's, and the reserved codes of the readers.

One place answers both "may a configuration name this code?" and "what does it mean?".
"""

from __future__ import annotations

from integration_spec.analysis.codes import ANALYSIS_INPUT_CODES
from integration_spec.architecture.codes import CODE_TABLE
from integration_spec.check.config import CONFIG_CODES
from integration_spec.rules.registry import all_rules, rule_by_code
from integration_spec.source import IO_CODES
from integration_spec.spec.codes import PARSE_CODES


def reserved_codes() -> dict[str, str]:
    """Codes of findings that come from reading, not from rules, with their meaning."""
    return {
        **IO_CODES,
        **PARSE_CODES,
        **{code.value: meaning for code, (_, meaning) in CODE_TABLE.items()},
        **CONFIG_CODES,
        **ANALYSIS_INPUT_CODES,
    }


def known_codes() -> frozenset[str]:
    """Every code a configuration may name: rules and the reserved reader codes."""
    return frozenset({rule.code for rule in all_rules()} | set(reserved_codes()))


def explain_code(code: str) -> str | None:
    """Documentation of a rule or a reserved code, or ``None`` when there is none."""
    rule = rule_by_code(code)
    if rule is not None:
        from integration_spec.rules.docs import explain  # only `explain` pays for the docs

        return explain(rule)
    wanted = code.strip().upper()
    meaning = reserved_codes().get(wanted)
    return f"# {wanted}\n\n{meaning}\n" if meaning is not None else None
