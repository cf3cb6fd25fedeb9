from __future__ import annotations

from integration_spec.draft.contracts import (
    endpoint_for,
    events_published,
    new_entry_endpoint,
    reused_endpoints,
    shared_types,
)
from integration_spec.draft.plan import Operation, OpKind
from integration_spec.model.architecture import Architecture
from tests.draft.helpers import guest, plan


def _endpoint(architecture: Architecture, module: str, name: str, kind: OpKind) -> str | None:
    found = architecture.find(module)
    assert found is not None
    endpoint = endpoint_for(found, Operation(name, kind))
    return str(endpoint) if endpoint else None


def test_operations_are_matched_to_their_endpoints(shop: Architecture) -> None:
    assert (
        _endpoint(shop, "identity", "StartGuestSession", OpKind.COMMAND) == "POST /sessions/guest"
    )
    assert _endpoint(shop, "checkout", "PlaceOrder", OpKind.COMMAND) == (
        "POST /checkout/{id}/place-order"
    )
    assert _endpoint(shop, "payments", "VoidAuthorization", OpKind.COMMAND) == (
        "POST /payments/{id}/void"
    )
    assert _endpoint(shop, "inventory", "GetAvailability", OpKind.QUERY) == (
        "GET /availability/{sku}"
    )
    # A query never takes the endpoint that starts something.
    assert _endpoint(shop, "identity", "GetGuestSession", OpKind.QUERY) is None
    # An undo never takes the endpoint of the forward command.
    assert _endpoint(shop, "identity", "ExpireGuestSession", OpKind.COMMAND) is None


def test_reused_endpoints_are_listed_and_not_created(shop: Architecture) -> None:
    flow, saga = guest(shop)
    routes = {str(route.endpoint) for route in reused_endpoints(shop, flow, saga)}
    assert {
        "POST /sessions/guest",
        "POST /checkout/guest",
        "POST /payments/authorizations",
    } <= routes
    assert new_entry_endpoint(shop, flow) is None


def test_an_entry_without_endpoint_gets_a_new_one_on_its_own_path(ledger: Architecture) -> None:
    flow, _ = plan(ledger, ("alerts", "accounts"), "send an alert")
    created = new_entry_endpoint(ledger, flow)
    assert created is not None
    assert (created.method, created.path, created.module) == (
        "POST",
        "/alerts/send-alert",
        "alerts",
    )


def test_events_published_carry_the_value_objects_they_evidently_hold(
    shop: Architecture,
) -> None:
    flow, saga = plan(shop, ("checkout", "notifications"), "place the order and notify")
    (row,) = events_published(shop, flow, saga)
    assert (row.event, row.module) == ("OrderPlaced", "checkout")
    assert row.payload.startswith("OrderId")
    assert "step 1" in row.when


def test_shared_types_list_what_crosses_boundaries_and_the_kernel(shop: Architecture) -> None:
    flow, saga = guest(shop)
    text = shared_types(shop, flow, saga)
    assert "- `GuestSession`: owned by identity, read by cart, checkout, payments" in text
    assert "From foundation, unchanged: Money" in text
