"""What the parser reads from a document in the seed's format, and from real-world drift."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec import parse_spec, parse_spec_text
from integration_spec.model.diagnostics import Severity
from integration_spec.model.spec import IntegrationSpec, SectionKey
from tests.conftest import FIXTURES

SPECS = FIXTURES / "specs"


def _resolve(spec: IntegrationSpec, expression: str) -> Any:
    """Evaluate ``a.b[0].c`` or ``len(a.b)`` against the spec."""
    if expression.startswith("len(") and expression.endswith(")"):
        return len(_resolve(spec, expression[4:-1]))
    value: Any = spec
    for part in expression.replace("]", "").split("."):
        name, *indexes = part.split("[")
        value = getattr(value, name)
        for index in indexes:
            value = value[int(index)]
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, SectionKey):
        return value.value
    return value


VARIANT_CASES = [
    (name, expression, expected)
    for name, expectations in yaml.safe_load((SPECS / "variants.yaml").read_text()).items()
    for expression, expected in expectations.items()
]


@pytest.mark.parametrize(("name", "expression", "expected"), VARIANT_CASES)
def test_variant_document(name: str, expression: str, expected: Any) -> None:
    spec = parse_spec(SPECS / "variants" / name)
    assert _plain(_resolve(spec, expression)) == expected


def test_seed_format_fills_every_field() -> None:
    spec = parse_spec(SPECS / "canonical" / "format-example.md")
    assert spec.title == "Guest Checkout"
    assert spec.architecture == "docs/architecture/SYSTEM-ARCHITECTURE.md"
    assert spec.spec_type == "User Journey"
    assert spec.priority_level == "P1"
    assert spec.summary == "Let a visitor buy without creating an account."
    assert spec.overview == "Free markdown, kept verbatim."
    assert [row.module for row in spec.modules] == ["Cart"]
    assert spec.diagrams[0].content.startswith("[Cart] ──(CartSnapshot)──> [Checkout]")
    step = spec.flow_steps[1]
    assert (step.name, step.module, step.trigger, step.compensation) == (
        "Authorize payment",
        "Payments",
        "CheckoutStarted",
        "Void the authorization",
    )
    assert step.field_lines["failure"] == step.line + 5
    assert spec.sync_calls[0].method == "GetCartSnapshot"
    assert spec.async_events[0].subscribers == ("Email", "Inventory")
    assert spec.shared_state[0].consistency == "Eventual"
    assert spec.failure_modes[0].recovery == "Retry 3 times with backoff"
    assert [s.text for s in spec.compensation[0].steps] == [
        "Release the cart snapshot",
        "Cart is editable again; no order exists",
    ]
    assert spec.shared_types.startswith("Free markdown")
    assert spec.endpoints[0].path == "/checkout/guest"
    assert spec.events_published[0].payload == "orderId, total"
    phase = spec.phases[0]
    assert (phase.number, phase.title, phase.modules) == (1, "Foundation", ("Cart", "Checkout"))
    assert [(d.text, d.done) for d in phase.deliverables] == [
        ("Guest cart persistence", False),
        ("Session key type", True),
    ]
    assert phase.exit_criteria == "A guest cart survives a page reload"
    assert spec.unit_tests[0].focus == "Snapshot freezes prices"
    assert spec.integration_tests[0].modules == ("Checkout", "Cart")
    assert spec.e2e_tests[0].verification == "Order confirmed e-mail"
    assert spec.feature_flags[0].default == "off"
    assert spec.migration_steps[0].text.startswith("Create the guest cart table")
    assert spec.diagnostics == ()


def test_every_section_location_is_recorded() -> None:
    spec = parse_spec(SPECS / "canonical" / "format-example.md")
    found = {location.key for location in spec.sections}
    assert found == set(SectionKey) - {SectionKey.PREAMBLE, SectionKey.RELATED}
    overview = spec.section(SectionKey.OVERVIEW)
    assert overview is not None
    assert (overview.line, overview.end_line) == (11, 12)
    assert spec.section(SectionKey.RELATED) is None


def test_ragged_table_row_is_an_error_with_its_line() -> None:
    text = (
        "# Integration: T\n\n## Modules Involved\n"
        "| Module | Role | Changes |\n|---|---|---|\n| Cart | Both |\n"
    )
    spec = parse_spec_text(text, "ragged.md")
    [diagnostic] = spec.diagnostics
    assert (diagnostic.code, diagnostic.severity, diagnostic.line) == ("PS001", Severity.ERROR, 6)
    assert "2 cells but the header has 3" in diagnostic.message
    assert spec.modules[0].changes == ""


def test_step_without_module_is_reported() -> None:
    spec = parse_spec_text("### Flow Steps\n1. **Lonely step**\n   - Input: x\n", "s.md")
    [diagnostic] = spec.diagnostics
    assert (diagnostic.code, diagnostic.line) == ("PS004", 2)
    assert spec.flow_steps[0].name == "Lonely step"


def test_unknown_table_column_is_reported_not_read() -> None:
    text = (
        "## Feature Flags\n| Flag | Purpose | Default | Owner |\n|-|-|-|-|\n| f | p | off | me |\n"
    )
    spec = parse_spec_text(text, "f.md")
    assert spec.feature_flags[0].default == "off"
    assert [d.code for d in spec.diagnostics] == ["PS003"]


def test_fenced_lines_starting_with_hash_are_not_headings() -> None:
    text = "## Shared Types\n```\n# Overview\n## Flow Steps\n```\n"
    spec = parse_spec_text(text)
    assert spec.section(SectionKey.OVERVIEW) is None
    assert "# Overview" in spec.shared_types


@pytest.mark.parametrize("path", sorted((SPECS / "variants").glob("*.md")), ids=lambda p: p.name)
def test_variant_fixture_has_expectations(path: Path) -> None:
    assert path.name in yaml.safe_load((SPECS / "variants.yaml").read_text())
