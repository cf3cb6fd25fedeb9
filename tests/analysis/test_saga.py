"""The saga planner on small specs: roles, structure breaks, the Compensation section."""

from __future__ import annotations

from integration_spec.facts import saga_plan as plan_saga
from integration_spec.facts.steps import effect_in
from integration_spec.facts.undo import undo_clauses
from integration_spec.model.analysis import Recovery, StepRole
from integration_spec.model.spec import (
    CompensationBlock,
    FlowStep,
    IntegrationSpec,
    ListEntry,
    ModuleInvolvement,
)


def _spec(*steps: FlowStep, blocks: tuple[CompensationBlock, ...] = ()) -> IntegrationSpec:
    modules = tuple(
        ModuleInvolvement(module=name, role="Both", changes="")
        for name in dict.fromkeys(step.module for step in steps)
    )
    return IntegrationSpec(title="t", modules=modules, flow_steps=steps, compensation=blocks)


def _step(name: str, module: str, action: str, **fields: str) -> FlowStep:
    return FlowStep(name=name, module=module, action=action, **fields)


RESERVE = _step("Reserve", "inventory", "Reserve the stock", compensation="Release it")
CHARGE = _step("Charge", "payments", "Charge the card")
NOTIFY = _step("Notify", "email", "Send the receipt", failure="Retry with backoff")


def test_empty_flow_has_an_empty_plan() -> None:
    plan = plan_saga(IntegrationSpec(title="t"))
    assert plan.steps == ()
    assert plan.pivot is None


def test_marked_pivot_wins_over_inference() -> None:
    marked = _step(
        "Place", "orders", "Place the order; this is the point of no return", compensation="x"
    )
    plan = plan_saga(_spec(RESERVE, marked, NOTIFY))
    assert plan.pivot == 2
    assert plan.pivot_source == "marked"
    # A receipt after the pivot is a notification: nothing to undo, nothing to retry for.
    assert plan.roles() == (StepRole.COMPENSATABLE, StepRole.PIVOT, StepRole.CONTROL)


def test_side_effect_before_a_marked_pivot_without_compensation_is_a_break() -> None:
    marked = _step("Place", "orders", "Place the order; point of no return")
    plan = plan_saga(_spec(CHARGE, marked, NOTIFY))
    assert plan.roles()[0] is StepRole.UNCOMPENSATED
    kinds = [finding.kind for finding in plan.findings]
    assert kinds == ["no-compensation-before-pivot"]
    assert plan.failure_at(2).final_state.startswith("Half done")


def test_step_after_the_pivot_that_is_not_retried_is_a_break() -> None:
    record = _step("Record", "ledger", "Record the payment")
    plan = plan_saga(_spec(RESERVE, CHARGE, record))
    assert plan.roles() == (StepRole.COMPENSATABLE, StepRole.PIVOT, StepRole.RETRIABLE)
    assert [finding.kind for finding in plan.findings] == ["not-retriable-after-pivot"]
    assert plan.failure_at(3).recovery is Recovery.FORWARD
    assert plan.failure_at(3).final_state.startswith("Stuck")


def test_a_verb_after_a_modal_is_not_an_effect() -> None:
    verify = _step("Verify", "customers", "Check that the customer may place orders")
    plan = plan_saga(_spec(RESERVE, verify, CHARGE))
    assert plan.roles()[1] is StepRole.READ_ONLY


def test_fully_compensatable_saga_has_no_pivot() -> None:
    book = _step("Book", "hotels", "Book a room", compensation="Cancel the room")
    plan = plan_saga(_spec(RESERVE, book))
    assert plan.pivot is None
    assert [a.step for a in plan.failure_at(2).compensations] == [1]


def test_this_is_the_point_of_no_return_in_a_failure_line_marks_the_step_itself() -> None:
    # "this" in a step's own bullet is the step; "past the point of no return" is not.
    pay = _step(
        "Pay",
        "payments",
        "Charge the card",
        failure="Card declined: release it. This is the point of no return",
    )
    past = _step("Ship", "shipping", "Ship it", failure="Retry; we are past the point of no return")
    plan = plan_saga(_spec(RESERVE, pay, past))
    assert (plan.pivot, plan.pivot_source) == (2, "marked")
    assert plan.roles() == (StepRole.COMPENSATABLE, StepRole.PIVOT, StepRole.RETRIABLE)


def test_several_markers_are_reported() -> None:
    first = _step("A", "a", "Place it; point of no return")
    second = _step("B", "b", "Ship it; point of no return")
    plan = plan_saga(_spec(first, second))
    assert "several-pivots" in [finding.kind for finding in plan.findings]


def _block(trigger: str, *entries: str) -> CompensationBlock:
    return CompensationBlock(
        trigger=trigger,
        steps=tuple(ListEntry(text=entry, line=90 + i) for i, entry in enumerate(entries)),
    )


ORDER = _step("Order", "orders", "Create the order", compensation="Cancel the order (CancelOrder)")
STOCK = _step(
    "Stock", "inventory", "Reserve the stock", compensation="Release the stock (ReleaseStock)"
)
PAY = _step("Pay", "payments", "Charge the card")


def test_section_in_the_wrong_order_is_reported() -> None:
    block = _block(
        "If payments fails after inventory succeeds:",
        "Orders cancels the order (CancelOrder)",
        "Inventory releases the stock (ReleaseStock)",
        "Nothing remains",
    )
    plan = plan_saga(_spec(ORDER, STOCK, PAY, blocks=(block,)))
    kinds = [finding.kind for finding in plan.findings]
    assert kinds == ["compensation-order"]
    assert plan.findings[0].line == 91
    assert plan.failure_at(3).stated_final_state == "Nothing remains"


def test_section_missing_an_undo_step_is_reported() -> None:
    block = _block(
        "If payments fails after inventory succeeds:",
        "Inventory releases the stock (ReleaseStock)",
        "Nothing remains",
    )
    plan = plan_saga(_spec(ORDER, STOCK, PAY, blocks=(block,)))
    assert [finding.kind for finding in plan.findings] == ["compensation-missing"]
    assert plan.findings[0].steps == (1,)


def test_section_with_an_extra_undo_step_is_reported() -> None:
    block = _block(
        "If inventory fails after orders succeeds:",
        "Payments refunds the card (RefundCard)",
        "Orders cancels the order (CancelOrder)",
        "Nothing remains",
    )
    plan = plan_saga(_spec(ORDER, STOCK, PAY, blocks=(block,)))
    assert [finding.kind for finding in plan.findings] == ["compensation-extra"]


def test_section_entry_stands_in_for_a_missing_bullet() -> None:
    stock = _step("Stock", "inventory", "Reserve the stock")
    block = _block(
        "If payments fails after inventory succeeds:",
        "Inventory releases the stock (ReleaseStock)",
        "Orders cancels the order (CancelOrder)",
        "Nothing remains",
    )
    plan = plan_saga(_spec(ORDER, stock, PAY, blocks=(block,)))
    assert plan.steps[1].compensation_source == "section"
    assert plan.findings == ()


def test_a_failure_after_a_persons_cancellation_is_the_failing_step() -> None:
    """'The customer cancels after payments fails': payments is the step that fails."""
    block = _block(
        "If the customer cancels after payments fails and the stock was reserved:",
        "Inventory releases the stock (ReleaseStock)",
        "Orders cancels the order (CancelOrder)",
        "Final state: no order remains",
    )
    plan = plan_saga(_spec(ORDER, STOCK, PAY, blocks=(block,)))
    assert plan.findings == ()
    assert plan.failure_at(3).stated_final_state == "no order remains"
    assert plan.cancellation is None


def test_undoing_the_last_step_too_is_a_cancellation_of_the_finished_saga() -> None:
    """No step fails, and the last one is undone as well: the finished saga is taken back."""
    refundable = _step("Pay", "payments", "Charge the card", compensation="Refund (RefundCard)")
    block = _block(
        "If the customer cancels the completed order:",
        "Payments refunds the card (RefundCard)",
        "Inventory releases the stock (ReleaseStock)",
        "Orders cancels the order (CancelOrder)",
        "Final state: nothing is held",
    )
    plan = plan_saga(_spec(ORDER, STOCK, refundable, blocks=(block,)))
    cancellation = plan.cancellation
    assert cancellation is not None
    assert [action.step for action in cancellation.compensations] == [3, 2, 1]
    assert cancellation.cause == "the customer cancels the completed order"
    assert cancellation.stated_final_state == "nothing is held"
    assert plan.findings == ()  # the block is read, not reported as unresolved


def test_unresolved_trigger_is_reported() -> None:
    block = _block("When it rains:", "Open the umbrella")
    plan = plan_saga(_spec(ORDER, PAY, blocks=(block,)))
    assert [finding.kind for finding in plan.findings] == ["compensation-trigger-unresolved"]


def test_a_parenthesis_after_an_undo_says_more_about_it_not_a_second_undo() -> None:
    # "CancelFlightReservation (deletes the booking even if confirmed)" is one undo.
    remarked = undo_clauses("CancelFlightReservation (deletes the booking even if confirmed)")
    assert [clause.text for clause in remarked] == ["CancelFlightReservation"]
    assert {"flight", "book"} <= remarked[0].stems
    # A generic undo takes its object from the remark.
    generic = undo_clauses("Compensate (release the stock), then cancel the order")
    assert [clause.text for clause in generic] == ["release the stock", "cancel the order"]


def test_quoted_words_are_a_message_not_an_action() -> None:
    # The quoted words are what the message says; the step's own action is outside them.
    assert effect_in('Send "your order was cancelled" to the customer', "action") is None
    effect = effect_in('Publish "stock reserved" and record the booking', "action")
    assert effect is not None
    assert (effect.base, effect.objects) == ("record", ("booking",))
