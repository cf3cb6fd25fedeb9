"""How a spec in the seed's format states its undos in prose, read into the saga plan.

Each spec here is parsed by the real parser; what is asserted is the plan a reader of the
spec would draw: which step each failure undoes, in which order, and which step is the pivot.
"""

from __future__ import annotations

from integration_spec import analyze
from integration_spec._api import parse_spec_text
from integration_spec.facts import spec_facts
from integration_spec.facts.undo import read_trigger, undo_clauses
from integration_spec.model.analysis import SagaPlan

_STEPS = """# Integration: Transfer

## Modules Involved
| Module | Role | Changes |
|--------|------|---------|
| transfers | Both | The transfer record |
| accounts | Both | Debits and credits |

## Data Flow

### Flow Steps

1. **Create Transfer** (transfers)
   - Action: Create the transfer in status Started
   - Output: `TransferCreated`
   - Failure: rejected before anything is stored — nothing to undo

2. **Debit Source** (accounts)
   - Action: Debit the source account
   - Output: `SourceDebited`
   - Failure: insufficient funds — see Compensation

3. **Credit Destination** (accounts){note}
   - Action: Credit the destination account
   - Output: `DestinationCredited`
   - Failure: destination unknown — see Compensation

4. **Complete Transfer** (transfers)
   - Action: Set the transfer status to Completed
   - Output: `TransferCompleted`
   - Failure: retried until it succeeds

## Failure Modes

### Compensation

{compensation}
"""


def _plan(compensation: str, note: str = "") -> SagaPlan:
    text = _STEPS.format(compensation=compensation, note=note)
    return analyze(parse_spec_text(text, "transfer.md")).saga


def _undone(plan: SagaPlan, step: int) -> list[int]:
    return [action.step for action in plan.failure_at(step).compensations]


def test_the_sentences_after_a_condition_carry_its_recovery() -> None:
    # The undo of step 1 is written in the paragraph's second sentence, with no "if".
    plan = _plan(
        "If the debit is refused, no money has moved yet. The saga sends "
        "`MarkTransferFailedCommand` to cancel the transfer and ends.\n\n"
        "If the destination cannot be found after the source was debited, the saga first "
        "reverses the debit. Only then does it cancel the transfer."
    )
    assert _undone(plan, 2) == [1]
    assert _undone(plan, 3) == [2, 1]


def test_a_pivot_stated_after_the_module_in_the_step_title_is_the_pivot() -> None:
    plan = _plan(
        "If the credit fails, reverse the debit and cancel the transfer.",
        " — point of no return",
    )
    assert (plan.pivot, plan.pivot_source) == (3, "marked")
    assert plan.steps[2].module == "accounts"


def test_the_failure_of_an_undo_is_no_failure_of_a_step() -> None:
    text = _STEPS.format(
        note="",
        compensation="If the debit is refused, cancel the transfer.\n\n"
        "If the undo of the debit itself fails, still run the remaining undo of the transfer.",
    )
    facts = spec_facts(parse_spec_text(text, "transfer.md"))
    about_undo = [s for s in facts.compensation.statements if "itself" in s.trigger]
    assert about_undo == []  # it says how undos behave, not what a failing step undoes
    assert _undone(facts.saga, 2) == [1]


def test_an_after_clause_ends_with_its_own_clause() -> None:
    trigger = read_trigger(
        "If the destination cannot be found after the source was debited, the saga sends "
        "ReturnMoneyOfFailedTransferCommand."
    )
    assert trigger is not None
    assert trigger.failed == ("the", "destination")


def test_an_undo_named_as_a_thing_the_flow_runs_is_an_undo() -> None:
    assert [c.verb for c in undo_clauses("the workflow still calls the flight cancellation")] == [
        "cancel"
    ]
    assert undo_clauses("the cancellation does nothing") == []


def test_a_which_clause_remarks_on_the_undo_before_it() -> None:
    clauses = undo_clauses("cancel the flight, which deletes the flight that step 4 confirmed")
    assert [clause.text for clause in clauses] == ["cancel the flight"]


def test_a_clause_with_a_verb_of_its_own_is_no_further_object_of_the_undo() -> None:
    clauses = undo_clauses(
        "Ordering cancels the order, and the cancellation notes which items were short"
    )
    assert [clause.text for clause in clauses] == ["Ordering cancels the order"]


def test_a_compensation_list_of_labelled_scenarios_is_one_scenario_per_item() -> None:
    text = _STEPS.format(
        note="",
        compensation="- Debit refused: cancel the transfer.\n"
        "- Destination not found: reverse the debit, then cancel the transfer.",
    )
    facts = spec_facts(parse_spec_text(text, "transfer.md"))
    section = [s for s in facts.compensation.statements if s.source.value == "section"]
    assert [(s.trigger, s.failing) for s in section] == [
        ("Debit refused", 1),
        ("Destination not found", 2),
    ]
    assert _undone(facts.saga, 3) == [2, 1]


_UNKNOWN_VERB = """# Integration: Ticket

## Modules Involved
| Module | Role | Changes |
|--------|------|---------|
| seats | Both | Seat holds |
| payments | Both | Payments |
| delivery | Consumer | Tickets |

## Data Flow

### Flow Steps

1. **Hold Seat** (seats)
   - Action: Reserve the seat for the order
   - Failure: no seat free — nothing to undo

2. **Check Payment Limit** (payments)
   - Action: Check that the payment is within the buyer's limit (read-only)
   - Failure: over the limit — release the seat

3. **Take Payment** (payments)
   - Action: Process the payment for the ticket
   - Failure: card declined — release the seat

4. **Issue Ticket** (delivery)
   - Action: Issue the ticket
   - Failure: printer down — see Compensation

## Failure Modes

### Compensation

If issuing the ticket fails after payment:
1. Refund the payment.
2. Release the seat.
"""


def test_an_undo_names_the_one_step_about_its_object_when_no_verb_is_known() -> None:
    # "process" is not an effect verb, but the spec refunds the payment: the step changed
    # data. The check about the payment only reads, so it is not a candidate.
    plan = analyze(parse_spec_text(_UNKNOWN_VERB, "ticket.md")).saga
    roles = {step.number: step.role.value for step in plan.steps}
    assert roles[2] == "read-only"
    assert roles[3] == "compensatable"
    assert _undone(plan, 4) == [3, 1]
