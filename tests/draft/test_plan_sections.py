"""Phases, tests, rollout and triage: the sections that follow from the flow and the saga."""

from __future__ import annotations

from integration_spec.draft.coordination import published_events, sync_calls
from integration_spec.draft.phases import module_ranks, phases
from integration_spec.draft.planner import DraftInputs, plan_spec
from integration_spec.draft.rollout import feature_flags, migration_steps
from integration_spec.draft.tests_plan import e2e_tests, integration_tests, unit_tests
from integration_spec.model.analysis import Decision
from integration_spec.model.architecture import Architecture
from tests.draft.helpers import guest, plan


def test_phases_follow_the_build_order(shop: Architecture) -> None:
    flow, saga = guest(shop)
    calls = sync_calls(flow, saga)
    planned = phases(
        shop,
        flow,
        saga,
        calls=calls,
        new_endpoints=(),
        tests=integration_tests(flow, saga, calls),
        flag="guest-checkout",
    )
    assert [phase.modules for phase in planned] == [
        ("identity",),
        ("pricing", "inventory", "payments"),
        ("cart",),
        ("checkout",),
    ]
    assert all(phase.goal and phase.deliverables and phase.exit_criteria for phase in planned)
    assert planned[0].deliverables[0].text == "The guest-checkout flag, default off"


def test_an_event_handler_ships_with_its_publisher(shop: Architecture) -> None:
    # notifications is built before checkout, but handles checkout's event.
    flow, saga = plan(shop, ("checkout", "notifications"), "place the order and notify")
    calls = sync_calls(flow, saga)
    planned = phases(shop, flow, saga, calls=calls, new_endpoints=(), tests=(), flag="order-mail")
    ranks = module_ranks(shop, flow.modules)
    assert ranks == {"checkout": 2, "notifications": 1}
    handler = next(
        phase
        for phase in planned
        if any("handles OrderPlaced" in d.text for d in phase.deliverables)
    )
    assert handler.number == 2
    assert "notifications" in handler.modules


def test_integration_test_per_call_and_per_event_naming_both_modules(shop: Architecture) -> None:
    flow, saga = plan(shop, ("identity", "cart", "checkout", "notifications"), "guest checkout")
    calls = sync_calls(flow, saga)
    tests = integration_tests(flow, saga, calls)
    pairs = {frozenset(test.modules) for test in tests}
    for call in calls:
        assert frozenset((call.caller, call.callee)) in pairs
    for event in published_events(flow, saga):
        for subscriber in event.subscribers:
            assert frozenset((event.publisher, subscriber)) in pairs
    assert len({test.test for test in tests}) == len(tests)


def test_unit_focus_per_module_and_e2e_per_compensation_path(shop: Architecture) -> None:
    flow, saga = guest(shop)
    units = {row.module: row.focus for row in unit_tests(shop, flow, saga)}
    assert set(units) == set(flow.modules)
    assert "a guest session expires 24 hours" in units["identity"]
    journeys = e2e_tests(flow, saga, "Guest Checkout")
    assert journeys[0].journey == "Guest Checkout: happy path"
    # Three distinct undo lists: {1}, {5, 1}, {6, 5, 1}.
    assert [row.journey for row in journeys[1:]] == [
        "Start guest checkout fails",
        "Authorize payment fails",
        "Place order fails",
    ]
    assert "VoidAuthorization (step 6), then CancelOrder (step 5)" in journeys[-1].verification


def test_rollout_flag_off_verified_steps_removal_last(shop: Architecture) -> None:
    flow, saga = guest(shop)
    (flag,) = feature_flags("guest-checkout", "Guest Checkout")
    assert (flag.flag, flag.default) == ("guest-checkout", "off")
    steps = migration_steps(
        shop, flow, saga, flag="guest-checkout", entry=None, happy_journey="happy path"
    )
    assert all("; verify: " in step.text for step in steps)
    assert steps[-1].text.startswith("Remove the guest-checkout flag")


def test_triage_recommends_a_brief_for_one_module(shop: Architecture) -> None:
    draft = plan_spec(shop, DraftInputs(name="cart-tweak", modules=("cart",)))
    assert draft.triage.decision is Decision.FEATURE_BRIEF
    assert "one module" in draft.triage.reason


def test_triage_keeps_two_modules_that_share_data_and_aggregates(shop: Architecture) -> None:
    draft = plan_spec(
        shop,
        DraftInputs(
            name="checkout-cart",
            description="Convert the cart and place the order",
            modules=("cart", "checkout"),
        ),
    )
    assert draft.triage.decision is Decision.INTEGRATION_SPEC
    assert "data flowing between them" in draft.triage.reason
