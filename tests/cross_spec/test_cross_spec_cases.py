"""Data-driven cross-spec cases: multi-spec projects built from the example shop."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec.check.run import CheckRequest, run_check
from integration_spec.rules.base import ProjectRule
from integration_spec.rules.registry import all_rules
from tests.conftest import EXAMPLE, FIXTURES

CASES = yaml.safe_load((FIXTURES / "cross_spec" / "cases.yaml").read_text(encoding="utf-8"))
SPECS = ("guest-checkout", "order-fulfillment", "price-sync")


def build_project(root: Path, case: dict[str, Any]) -> Path:
    """Copy the example's architecture and the case's specs, with its replacements."""
    shutil.copytree(EXAMPLE / "docs", root / "docs")
    shutil.copy(EXAMPLE / "pyproject.toml", root / "pyproject.toml")
    folder = root / "features" / "integrations"
    folder.mkdir(parents=True)
    for name in case.get("specs", SPECS):
        text = (EXAMPLE / "features" / "integrations" / f"{name}.md").read_text(encoding="utf-8")
        for old, new in case.get("replace", {}).get(name, []):
            assert old in text, f"replace target not found in {name}: {old!r}"
            text = text.replace(old, new, 1)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}-{c['title']}" for c in CASES])
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    root = build_project(tmp_path, case)
    result = run_check(CheckRequest(all_specs=True, start=root, select=("XS",), cache=False))
    found = [d for d in result.report.all_diagnostics() if d.code.startswith(case["rule"])]
    assert len(found) == len(case["expect"]), [f"{d.path}:{d.line} {d.message}" for d in found]
    for diagnostic, expected in zip(found, case["expect"], strict=True):
        assert diagnostic.path == f"features/integrations/{expected['spec']}.md"
        assert diagnostic.line == expected["line"]
        assert expected["contains"] in diagnostic.message, diagnostic.message
        if "hint" in expected:
            assert expected["hint"] in (diagnostic.hint or "")
        # The other spec the message names is also a place tools can link (SARIF).
        for place in diagnostic.related:
            assert place.path != diagnostic.path
            assert place.location() in diagnostic.message, (place, diagnostic.message)
        if diagnostic.code != "XS001":  # nothing publishes the event: no other place
            assert diagnostic.related, diagnostic.message


def test_one_spec_alone_has_no_cross_spec_findings(tmp_path: Path) -> None:
    root = build_project(tmp_path, {"specs": ["guest-checkout"]})
    result = run_check(CheckRequest(all_specs=True, start=root, select=("XS",), cache=False))
    assert not result.report.all_diagnostics()


@pytest.mark.parametrize(
    "rule",
    [rule for rule in all_rules() if issubclass(rule, ProjectRule)],
    ids=lambda rule: rule.code,
)
def test_every_cross_spec_rule_has_a_failing_case(rule: type[ProjectRule]) -> None:
    assert any(case["rule"] == rule.code and case["expect"] for case in CASES)
    assert any(rule.code.startswith(case["rule"]) and not case["expect"] for case in CASES)
