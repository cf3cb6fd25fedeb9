from __future__ import annotations

from integration_spec.draft.coordination import plan_links
from integration_spec.draft.flow import (
    build_stages,
    module_roles,
    orchestrator,
    plan_order,
    stage_roles,
    topological,
)
from integration_spec.draft.plan import OpKind, StageRole
from integration_spec.draft.vocabulary import parse_query
from integration_spec.model.architecture import Architecture

GUEST = ("identity", "pricing", "inventory", "payments", "cart", "checkout")


def test_dependencies_come_before_their_dependents(shop: Architecture) -> None:
    order = topological(shop, ["checkout", "cart", "identity", "pricing"], {})
    assert order == ["identity", "pricing", "cart", "checkout"]


def test_the_module_depending_on_most_others_orchestrates(shop: Architecture) -> None:
    assert orchestrator(shop, GUEST, {}) == "checkout"


def test_guest_checkout_order_is_a_saga_around_the_orchestrator(shop: Architecture) -> None:
    query = parse_query("guest-checkout", "Purchase without account")
    order = plan_order(shop, GUEST, query)
    # Reads first (dependencies before dependents), then checkout starts, commands
    # payments (the description makes it act), and completes.
    assert order == ("identity", "pricing", "inventory", "cart", "checkout", "payments", "checkout")


def test_modules_the_orchestrator_does_not_depend_on_react_last(shop: Architecture) -> None:
    order = plan_order(shop, ("notifications", "cart", "checkout"), parse_query("x", None))
    assert order[-1] == "notifications"
    assert order.index("cart") < order.index("checkout")


def test_stage_roles_follow_who_depends_on_whom(shop: Architecture) -> None:
    order = ("identity", "cart", "checkout", "payments", "checkout")
    roles = stage_roles(shop, order, parse_query("guest-checkout", "Purchase without account"))
    assert roles == (
        StageRole.INITIATOR,
        StageRole.PROVIDER,
        StageRole.STEP,
        StageRole.TARGET,
        StageRole.STEP,
    )


def test_operations_fit_the_role_and_the_description(shop: Architecture) -> None:
    query = parse_query("guest-checkout", "Purchase without account")
    stages = build_stages(shop, plan_order(shop, GUEST, query), query)
    chosen = [(stage.module, stage.operation.name) for stage in stages]
    assert chosen == [
        ("identity", "StartGuestSession"),
        ("pricing", "QuoteOrder"),
        ("inventory", "GetAvailability"),
        ("cart", "GetCartSnapshot"),
        ("checkout", "StartGuestCheckout"),
        ("payments", "AuthorizePayment"),
        ("checkout", "PlaceOrder"),
    ]
    providers = [stage for stage in stages if stage.role is StageRole.PROVIDER]
    assert all(stage.operation.kind is OpKind.QUERY for stage in providers)


def test_a_module_without_operations_gets_an_empty_operation(ledger: Architecture) -> None:
    stages = build_stages(ledger, ("kernel", "accounts"), parse_query("x", None))
    assert stages[0].operation.kind is OpKind.NONE
    assert stages[0].state == "KernelData"


def test_roles_from_the_data_each_module_creates_or_reads(shop: Architecture) -> None:
    query = parse_query("guest-checkout", "Purchase without account")
    flow = plan_links(shop, build_stages(shop, plan_order(shop, GUEST, query), query))
    roles = module_roles(flow)
    assert roles["identity"] == "Producer"  # starts the session, others read it
    assert roles["pricing"] == "Producer"  # only serves quotes
    assert roles["cart"] == "Both"  # reads prices and stock, serves its snapshot
    assert roles["checkout"] == "Both"
    # Payments is commanded (that is not reading) but reads the guest session: Both.
    assert roles["payments"] == "Both"


def test_a_module_that_only_reads_is_a_consumer(ledger: Architecture) -> None:
    query = parse_query("x", None)
    flow = plan_links(ledger, build_stages(ledger, ("ledger", "reports"), query))
    assert module_roles(flow) == {"ledger": "Producer", "reports": "Consumer"}
