from __future__ import annotations

from integration_spec.draft.coordination import (
    async_events,
    plan_links,
    shared_state,
    sync_calls,
)
from integration_spec.draft.failures import plan_saga
from integration_spec.draft.flow import build_stages, depends
from integration_spec.draft.plan import Flow, LinkKind
from integration_spec.draft.vocabulary import parse_query
from integration_spec.model.architecture import Architecture


def _flow(architecture: Architecture, order: tuple[str, ...], text: str | None = None) -> Flow:
    query = parse_query("x", text)
    return plan_links(architecture, build_stages(architecture, order, query))


def test_calls_only_go_where_dependencies_allow(shop: Architecture) -> None:
    flow = _flow(shop, ("notifications", "identity", "cart", "checkout", "payments", "checkout"))
    for link in flow.calls():
        assert depends(shop, flow.caller(link), flow.callee(link)), link


def test_a_later_stage_reads_an_earlier_module_it_depends_on(shop: Architecture) -> None:
    flow = _flow(shop, ("identity", "cart"))
    (link,) = flow.links
    assert link.kind is LinkKind.READ
    assert (flow.caller(link), flow.callee(link), link.name) == (
        "cart",
        "identity",
        "GetGuestSession",
    )


def test_an_earlier_stage_hands_work_to_a_module_it_depends_on(shop: Architecture) -> None:
    flow = _flow(shop, ("checkout", "payments"), "pay")
    (link,) = flow.links
    assert link.kind is LinkKind.COMMAND
    assert (flow.caller(link), flow.callee(link)) == ("checkout", "payments")


def test_without_a_dependency_data_travels_as_a_declared_event(shop: Architecture) -> None:
    flow = _flow(shop, ("checkout", "notifications"), "place the order and notify")
    (link,) = flow.links
    assert link.kind is LinkKind.EVENT
    assert link.name == "OrderPlaced"
    assert not link.new


def test_an_undeclared_event_is_named_as_new(shop: Architecture) -> None:
    flow = _flow(shop, ("cart", "notifications"), "merge the guest cart")
    (link,) = flow.events()
    assert link.new
    saga = plan_saga(shop, flow)
    (row,) = async_events(flow, saga)
    assert row.purpose.endswith("(new event)")


def test_shared_state_has_one_owner_strong_for_reads_eventual_for_events(
    shop: Architecture,
) -> None:
    flow = _flow(shop, ("identity", "cart", "checkout", "notifications"), "guest checkout")
    rows = {row.data: row for row in shared_state(flow)}
    assert rows["GuestSession"].owner == "identity"
    assert rows["GuestSession"].consistency == "Strong"
    assert rows["GuestSession"].readers == ("cart", "checkout", "notifications")
    events = [row for row in rows.values() if row.consistency == "Eventual"]
    assert events
    for row in events:
        assert row.readers == ("notifications",)


def test_sync_calls_table_lists_compensation_calls(shop: Architecture) -> None:
    flow = _flow(shop, ("checkout", "payments", "checkout"), "pay and place the order")
    calls = sync_calls(flow, plan_saga(shop, flow))
    purposes = {(call.caller, call.callee, call.method): call.purpose for call in calls}
    assert purposes[("checkout", "payments", "VoidAuthorization")].startswith("Compensation")
