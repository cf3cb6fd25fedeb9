"""Data-driven rule tests: every case in tests/fixtures/rules/*.yaml, plus the clean examples.

A case names one rule, a self-contained document (a spec snippet with only the sections
the rule reads) and the exact lines that rule must report there; ``expect: []`` is a
passing case. Cases name modules of the example shop's architecture unless they name
another architecture fixture.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec import load_architecture
from integration_spec.markdown.document import parse_document
from integration_spec.model.architecture import Architecture
from integration_spec.rules.base import Finding, ProjectRule, RuleContext
from integration_spec.rules.registry import all_rules, rule_by_code
from integration_spec.spec.parse import parse_spec_document
from tests.conftest import EXAMPLE, FIXTURES, REPO

CASES_DIR = FIXTURES / "rules"
EXAMPLE_SPECS = sorted((EXAMPLE / "features" / "integrations").glob("*.md"))


@dataclass(frozen=True)
class Case:
    """One rule case from a YAML file."""

    source: str
    index: int
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.data['rule']}-{self.source}-{self.index}-{self.data.get('title', '')}"


def _load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for index, data in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            cases.append(Case(path.name, index, data))
    return cases


CASES = _load_cases()


@cache
def _architecture(name: str) -> Architecture | None:
    if name == "none":
        return None
    if name == "shop":
        return load_architecture(EXAMPLE / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md")
    return load_architecture(CASES_DIR / "architectures" / name)


def document(data: dict[str, Any]) -> str:
    """The case's document, written whole in the case: nothing depends on another file's text."""
    return str(data["spec"])


def run_rule(
    code: str, text: str, file_name: str, architecture: Architecture | None
) -> list[Finding]:
    """Findings of one rule on one document."""
    rule = rule_by_code(code)
    assert rule is not None, f"no rule {code}"
    path = f"features/integrations/{file_name}"
    document = parse_document(text)
    spec = parse_spec_document(document, path)
    if rule.needs_architecture and architecture is None:
        return []
    context = RuleContext(
        spec=spec,
        architecture=architecture,
        text=document.text,
        path=path,
        lines=document.lines,
        document=document,
    )
    return list(rule().check(context))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_rule_case(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # paths in cases (file_name) are relative to the repository
    data = case.data
    findings = run_rule(
        data["rule"],
        document(data),
        data.get("file_name", "guest-checkout.md"),
        _architecture(data.get("architecture", "shop")),
    )
    expected = data.get("expect", [])
    assert [finding.line for finding in findings] == [item["line"] for item in expected], findings
    for finding, item in zip(findings, expected, strict=True):
        if "contains" in item:
            assert item["contains"] in finding.message, finding.message


@pytest.mark.parametrize(
    "rule",
    [rule for rule in all_rules() if not issubclass(rule, ProjectRule)],
    ids=lambda rule: rule.code,
)
def test_rule_has_failing_and_passing_cases(rule: type) -> None:
    # Cross-spec (project) rules have their cases as projects, in tests/cross_spec.
    mine = [case for case in CASES if case.data["rule"] == rule.code]
    assert any(case.data.get("expect") for case in mine), "no failing case"
    assert any(not case.data.get("expect") for case in mine), "no passing case"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
@pytest.mark.parametrize("spec_path", EXAMPLE_SPECS, ids=lambda path: path.name)
def test_example_specs_are_clean(rule: type, spec_path: Path) -> None:
    text = spec_path.read_text(encoding="utf-8")
    assert run_rule(rule.code, text, spec_path.name, _architecture("shop")) == []


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_rule_is_documented(rule: type) -> None:
    documentation = rule.documentation()
    assert "Fails:" in documentation
    assert "Passes:" in documentation
    assert rule.name == rule.name.lower()
    assert " " not in rule.name
