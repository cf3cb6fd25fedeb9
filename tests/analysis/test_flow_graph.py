"""The flow graph: typed edges, and the shape findings a reviewer needs."""

from __future__ import annotations

from integration_spec import parse_spec
from integration_spec.analysis.flow_graph import analyse_flow, build_flow_graph
from integration_spec.model.spec import (
    AsyncEvent,
    EventContract,
    FlowStep,
    IntegrationSpec,
    ModuleInvolvement,
    SyncCall,
)
from tests.conftest import EXAMPLE, FIXTURES


def _spec(*steps: FlowStep, **parts: object) -> IntegrationSpec:
    modules = parts.pop("modules", None) or tuple(
        ModuleInvolvement(module=name, role="Both", changes="")
        for name in dict.fromkeys(step.module for step in steps)
    )
    return IntegrationSpec(title="t", modules=modules, flow_steps=steps, **parts)  # type: ignore[arg-type]


def _kinds(spec: IntegrationSpec) -> list[str]:
    return [finding.kind for finding in analyse_flow(spec).findings]


def test_the_example_has_typed_edges_and_no_findings() -> None:
    spec = parse_spec(EXAMPLE / "features/integrations/guest-checkout.md")
    graph = build_flow_graph(spec)
    kinds = {kind for _, _, kind in graph.edges(data="kind")}
    assert kinds == {"performs", "flow", "event", "call", "state"}
    assert graph.has_edge("step:7", "step:8")  # OrderPlaced triggers the e-mail
    assert analyse_flow(spec).findings == ()


def test_dead_end_output() -> None:
    spec = _spec(
        FlowStep(name="Quote", module="pricing", output="PriceQuote", line=3),
        FlowStep(name="Reserve", module="inventory", input="CartSnapshot"),
    )
    [finding] = analyse_flow(spec).findings
    assert finding.kind == "dead-end"
    assert finding.steps == (1,)


def test_step_whose_trigger_nobody_publishes_is_unreachable() -> None:
    spec = _spec(
        FlowStep(name="Start", module="a"),
        FlowStep(name="Later", module="b", trigger="NeverPublished", input="Order"),
    )
    assert _kinds(spec) == ["event-without-publisher", "module-not-reached", "unreachable-step"]


def test_involved_module_never_reached() -> None:
    modules = tuple(
        ModuleInvolvement(module=name, role="Both", changes="", line=line)
        for line, name in ((5, "a"), (6, "lonely"))
    )
    spec = _spec(FlowStep(name="Only", module="a"), modules=modules)
    assert _kinds(spec) == ["module-not-reached"]


def test_cycle_of_synchronous_calls() -> None:
    calls = (
        SyncCall(caller="a", callee="b", method="M1", purpose="", line=10),
        SyncCall(caller="b", callee="c", method="M2", purpose="", line=11),
        SyncCall(caller="c", callee="a", method="M3", purpose="", line=12),
    )
    spec = _spec(FlowStep(name="s", module="a"), FlowStep(name="t", module="b"), sync_calls=calls)
    findings = [f for f in analyse_flow(spec).findings if f.kind == "call-cycle"]
    assert len(findings) == 1
    assert findings[0].message.endswith("a -> b -> c -> a")
    assert findings[0].line == 12


def test_events_without_subscriber_or_publisher() -> None:
    events = (
        AsyncEvent(event="Lonely", publisher="a", subscribers=(), purpose="", line=20),
        AsyncEvent(event="Orphan", publisher="", subscribers=("a",), purpose="", line=21),
    )
    contracts = (EventContract(event="Unheard", module="a", payload="", when="", line=30),)
    spec = _spec(FlowStep(name="s", module="a"), async_events=events, events_published=contracts)
    assert _kinds(spec) == [
        "event-without-subscriber",
        "event-without-publisher",
        "event-without-subscriber",
    ]


def test_trip_events_reach_every_step() -> None:
    spec = parse_spec(FIXTURES / "analysis" / "trip-booking.md")
    graph = build_flow_graph(spec)
    assert graph.has_edge("step:1", "step:2")
    assert graph.has_edge("step:2", "step:3")
    assert analyse_flow(spec).findings == ()
