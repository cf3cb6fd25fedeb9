"""The sample project's architecture is read completely: every module, phase, dependency, event."""

from __future__ import annotations

import pytest

from integration_spec import load_architecture
from integration_spec.model.architecture import Architecture
from tests.conftest import EXAMPLE

ARCHITECTURE = EXAMPLE / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md"


@pytest.fixture(scope="module")
def shop() -> Architecture:
    if not ARCHITECTURE.exists():
        pytest.skip(f"{ARCHITECTURE} is not written yet")
    return load_architecture(ARCHITECTURE)


def test_every_module_is_read_with_no_diagnostics(shop: Architecture) -> None:
    assert len(shop.modules) >= 9
    assert shop.diagnostics == ()


def test_every_module_has_a_phase_and_a_responsibility(shop: Architecture) -> None:
    for module in shop.modules:
        assert module.phase is not None, module.name
        assert module.responsibility, module.name


def test_dependencies_point_only_to_lower_phases(shop: Architecture) -> None:
    for module in shop.modules:
        for dependency in module.dependencies:
            other = shop.find(dependency)
            assert other is not None
            assert other.phase is not None
            assert module.phase is not None
            assert other.phase < module.phase, (module.name, dependency)


def test_every_module_but_the_shared_kernel_depends_on_it(shop: Architecture) -> None:
    foundation = shop.modules[0]
    assert foundation.phase == 1
    assert foundation.dependencies == ()
    assert all(module.depends_on(foundation.name) for module in shop.modules[1:])


def test_domain_events_and_endpoints_are_read_from_each_module_section(shop: Architecture) -> None:
    for module in shop.modules[1:]:
        assert module.domain_events, module.name
        assert module.endpoints, module.name
        assert all(
            endpoint.method and endpoint.path.startswith("/") for endpoint in module.endpoints
        )
        assert module.lines["domain_events"] > module.line


def test_the_markdown_table_and_the_sections_agree(shop: Architecture) -> None:
    checkout = shop.find("Checkout")
    assert checkout is not None
    assert "OrderPlaced" in checkout.domain_events
    assert "PlaceOrder" in checkout.commands
    assert {"payments", "shipping"} <= set(checkout.dependencies)
