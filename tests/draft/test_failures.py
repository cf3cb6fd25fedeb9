from __future__ import annotations

from integration_spec.draft.failures import (
    compensation_block,
    failure_modes,
    pivot_index,
    step_compensation,
)
from integration_spec.facts.failures import read_failure_row
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import FailureMode
from tests.draft.helpers import guest, plan


def failure_category(row: FailureMode) -> str | None:
    return read_failure_row(row.failure, row.impact, row.detection, row.recovery).cases[0].category


def test_the_last_write_on_the_main_path_is_the_pivot(shop: Architecture) -> None:
    flow, saga = guest(shop)
    assert saga.pivot == 6  # Place order
    assert pivot_index(flow) == 6


def test_steps_an_event_starts_come_after_the_pivot(shop: Architecture) -> None:
    flow, saga = plan(shop, ("checkout", "payments", "checkout", "notifications"), "pay, order")
    assert saga.pivot == 2
    assert flow.stages[3].module == "notifications"


def test_every_write_before_the_pivot_is_compensated_by_its_own_module(
    shop: Architecture,
) -> None:
    flow, saga = guest(shop)
    undo = {
        flow.stages[item.stage].operation.name: (item.operation, item.compensator)
        for item in saga.compensations
    }
    assert undo == {
        "StartGuestSession": ("ExpireGuestSession", "checkout"),
        "StartGuestCheckout": ("CancelOrder", None),
        "AuthorizePayment": ("VoidAuthorization", "checkout"),
    }


def test_compensation_plan_runs_in_reverse_and_names_the_point_of_no_return(
    shop: Architecture,
) -> None:
    flow, saga = guest(shop)
    (block,) = compensation_block(flow, saga)
    assert block.trigger == "If checkout fails after payments succeeds:"
    texts = [entry.text for entry in block.steps]
    assert [text.split(":")[0] for text in texts[:3]] == ["payments", "checkout", "identity"]
    assert "Step 7 (Place order) is the point of no return" in texts[-1]


def test_the_first_change_nothing_undoes_is_the_point_of_no_return(ledger: Architecture) -> None:
    # SendAlert has no undo command: nothing after it can be compensated, so it is the
    # pivot and the account step after it is retried rather than left uncompensated.
    flow, saga = plan(ledger, ("accounts", "alerts", "accounts"), "open an account and alert")
    assert saga.pivot == 1
    assert [item.stage for item in saga.compensations] == [0]
    assert step_compensation(flow, saga, flow.stages[2]) is None


def test_an_owner_no_later_module_may_call_is_told_by_a_failure_event(
    ledger: Architecture,
) -> None:
    # accounts depends on ledger's owner neither way round, so it cannot call its undo
    # command: its failure event tells ledger.
    flow, saga = plan(ledger, ("ledger", "accounts"), "post, open")
    assert flow.stages[saga.pivot or 0].operation.name == "OpenAccount"
    assert saga.failure_event == "OpenAccountFailed"
    assert saga.failure_subscribers == ("ledger",)
    assert step_compensation(flow, saga, flow.stages[0]) == "ReverseEntry, on OpenAccountFailed"


def _category_fits(row: FailureMode) -> bool:
    recovery = row.recovery.casefold()
    expected = {
        "Network": ("retry", "outbox"),
        "Business": ("compensate", "escalate"),
        "System": ("circuit breaker",),
        "Data": ("concurrency", "idempotent"),
    }
    category = failure_category(row)
    return category is None or any(word in recovery for word in expected[category])


def test_failure_modes_cover_every_hop_and_every_step_in_the_four_categories(
    shop: Architecture,
) -> None:
    flow, saga = guest(shop)
    rows = failure_modes(shop, flow, saga)
    failures = [row.failure for row in rows]
    for link in flow.calls():
        assert any(link.name in text and text.startswith("Timeout") for text in failures)
    for stage in flow.stages:
        if stage.writes:
            assert f"{stage.operation.name} rejected by {stage.module}" in failures
    assert {failure_category(row) for row in rows} >= {"Network", "Business", "System", "Data"}
    assert all(row.recovery for row in rows)
    assert all(_category_fits(row) for row in rows)


def test_event_hops_have_delivery_and_duplicate_rows(shop: Architecture) -> None:
    flow, saga = plan(shop, ("checkout", "notifications"), "place the order and notify")
    failures = [row.failure for row in failure_modes(shop, flow, saga)]
    assert "Message broker unreachable when checkout publishes OrderPlaced" in failures
    assert "OrderPlaced delivered twice or out of order to notifications" in failures
