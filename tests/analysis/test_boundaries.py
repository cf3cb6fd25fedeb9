"""Boundary findings against the example architecture."""

from __future__ import annotations

import pytest

from integration_spec import load_architecture, parse_spec
from integration_spec.facts import spec_facts
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import (
    FlowStep,
    IntegrationSpec,
    ModuleInvolvement,
    SharedStateEntry,
    SyncCall,
)
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def shop() -> Architecture:
    return load_architecture(EXAMPLE / "docs/architecture/SYSTEM-ARCHITECTURE.md")


def _involved(*rows: tuple[str, str]) -> tuple[ModuleInvolvement, ...]:
    return tuple(ModuleInvolvement(module=m, role=r, changes="") for m, r in rows)


def test_examples_respect_their_boundaries(shop: Architecture) -> None:
    for spec_path in sorted((EXAMPLE / "features/integrations").glob("*.md")):
        assert spec_facts(parse_spec(spec_path), shop).boundaries == (), spec_path.name


def test_call_into_a_higher_phase_and_a_new_cycle(shop: Architecture) -> None:
    spec = IntegrationSpec(
        title="t",
        modules=_involved(("pricing", "Both"), ("cart", "Both"), ("checkout", "Both")),
        flow_steps=(FlowStep(name="s", module="pricing"),),
        sync_calls=(
            SyncCall(caller="pricing", callee="cart", method="GetCart", purpose="", line=40),
        ),
    )
    kinds = [finding.kind for finding in spec_facts(spec, shop).boundaries]
    assert kinds == ["new-dependency-cycle"]  # cart depends on pricing already


def test_call_against_dependencies(shop: Architecture) -> None:
    spec = IntegrationSpec(
        title="t",
        modules=_involved(("payments", "Both"), ("catalog", "Both")),
        flow_steps=(FlowStep(name="s", module="payments"),),
        sync_calls=(
            SyncCall(caller="payments", callee="catalog", method="GetProduct", purpose="", line=7),
        ),
    )
    [finding] = spec_facts(spec, shop).boundaries
    assert finding.kind == "call-against-dependencies"
    assert finding.related_rule == "AR006"


def test_call_into_a_higher_build_phase(shop: Architecture) -> None:
    spec = IntegrationSpec(
        title="t",
        modules=_involved(("catalog", "Both"), ("notifications", "Both")),
        flow_steps=(FlowStep(name="s", module="catalog"),),
        sync_calls=(
            SyncCall(caller="catalog", callee="notifications", method="Send", purpose="", line=9),
        ),
    )
    [finding] = spec_facts(spec, shop).boundaries
    assert finding.kind == "call-into-higher-phase"
    assert finding.line == 9


def test_writes_to_foreign_data_and_a_writing_consumer(shop: Architecture) -> None:
    spec = IntegrationSpec(
        title="t",
        modules=_involved(
            ("checkout", "Both"), ("inventory", "Producer"), ("notifications", "Consumer")
        ),
        flow_steps=(
            FlowStep(
                name="Pending", module="checkout", action="Create the stock reservation", line=3
            ),
            FlowStep(
                name="Mail",
                module="notifications",
                action="Update `reservations` with the mail id",
                line=5,
            ),
        ),
        shared_state=(
            SharedStateEntry(
                data="Stock reservation", owner="inventory", readers=("checkout",), consistency=""
            ),
        ),
    )
    kinds = sorted(finding.kind for finding in spec_facts(spec, shop).boundaries)
    assert kinds == [
        "consumer-writes",
        "undeclared-crossing",
        "writes-foreign-data",
        "writes-foreign-table",
    ]


def test_without_architecture_only_the_spec_is_compared() -> None:
    spec = IntegrationSpec(
        title="t",
        modules=_involved(("a", "Both"), ("b", "Both")),
        flow_steps=(FlowStep(name="s", module="a"), FlowStep(name="t", module="b")),
        sync_calls=(SyncCall(caller="b", callee="a", method="M", purpose=""),),
    )
    assert spec_facts(spec, None).boundaries == ()
