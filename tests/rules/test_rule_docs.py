"""Each rule's documented examples are its first cases: ``Fails:`` fails it, ``Passes:`` passes.

A rule's docstring (shown by ``integration-spec explain`` and in docs/rules.md) carries a
failing and a passing example as indented blocks. They are run here with the example shop's
architecture, from the shop's folder (so ``features/integrations/guest-checkout.md`` is a
file, as a checked spec is), so an example that stops showing what it claims is a failing
test, not a misleading page. A block that does not start with a title (``# ...``) is a fragment of a
spec: it is run under the title and metadata lines of a spec, the only lines every example
would otherwise repeat. A first line ``<!-- file: name.md -->`` names the spec's file.
"""

from __future__ import annotations

import re

import pytest

from integration_spec.rules.base import ProjectRule, Rule
from integration_spec.rules.registry import all_rules
from tests.conftest import EXAMPLE
from tests.rules.test_rule_cases import _architecture, run_rule

HEADER = """\
# Integration: Guest Checkout

**Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md
**Type:** User Journey
**Priority:** P1

"""

_FILE_NAME = re.compile(r"<!-- file: (\S+\.md) -->")


def example(documentation: str, label: str) -> str:
    """The indented block under ``label`` (``Fails:`` / ``Passes:``), dedented."""
    lines = documentation.splitlines()
    start = lines.index(label) + 1
    block: list[str] = []
    for line in lines[start:]:
        if line and not line.startswith("    "):
            break
        block.append(line[4:])
    return "\n".join(block).strip("\n") + "\n"


def findings(rule: type[Rule], block: str) -> list[str]:
    """The messages ``rule`` reports on one documented example."""
    file_name = "guest-checkout.md"
    named = _FILE_NAME.match(block)
    if named:
        file_name = named.group(1)
        block = block.split("\n", 1)[1]
    text = block if block.startswith("# ") else HEADER + block
    return [f.message for f in run_rule(rule.code, text, file_name, _architecture("shop"))]


SPEC_RULES = [rule for rule in all_rules() if not issubclass(rule, ProjectRule)]


@pytest.mark.parametrize("rule", SPEC_RULES, ids=lambda rule: rule.code)
def test_the_failing_example_fails(rule: type[Rule], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)  # the spec's file exists there, and its architecture
    block = example(rule.documentation(), "Fails:")
    assert findings(rule, block), f"{rule.code}'s Fails example reports nothing:\n{block}"


@pytest.mark.parametrize("rule", SPEC_RULES, ids=lambda rule: rule.code)
def test_the_passing_example_passes(rule: type[Rule], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)  # the spec's file exists there, and its architecture
    block = example(rule.documentation(), "Passes:")
    assert findings(rule, block) == [], f"{rule.code}'s Passes example:\n{block}"
