"""Hypothesis strategies for saga-shaped specs, written the way the seed's format is.

The generic :data:`tests.strategies.specs` is random words: its steps seldom change data,
so it seldom plans a saga. These documents are made of the phrases people write in the
seed's format (an action that reserves, charges or only checks; a Failure bullet that
retries, refuses or undoes an earlier step; a Compensation section; a point of no
return), in random combinations, so a saga plan with pivots, compensations and gaps comes
out of most of them.
"""

from __future__ import annotations

from hypothesis import strategies as st

MODULES = ("orders", "payments", "inventory", "shipping", "notifications")

# (action phrase, the undo phrase a later step or the Compensation section may use)
_CHANGES = (
    ("reserves the items in stock", "release the reservation"),
    ("creates the order in PENDING", "cancel the order"),
    ("charges the card for the total", "refund the charge"),
    ("books the shipment slot", "cancel the booking"),
    ("authorizes the payment", "void the authorization"),
)
_READS = (
    "checks that the customer exists; nothing is written",
    "reads the price list",
    "validates the address",
)
_CONTROLS = ("sends the confirmation email", "waits 10 minutes for the reply")
_FAILURES = (
    "",
    "retry 3 times with backoff",
    "the request is refused and the caller is told",
    "retried until it succeeds; the step is idempotent",
)
_PIVOT = "This is the point of no return: once it succeeds the saga only moves forward"


@st.composite
def saga_spec_texts(draw: st.DrawFn) -> str:
    """A spec in the seed's format whose flow steps change, read and undo in random ways."""
    count = draw(st.integers(min_value=1, max_value=6))
    steps: list[str] = []
    undoable: list[tuple[int, str]] = []  # (step number, undo phrase) of earlier changes
    pivots = draw(st.sets(st.integers(min_value=1, max_value=count), max_size=2))
    used: list[str] = []
    for number in range(1, count + 1):
        module = draw(st.sampled_from(MODULES))
        used += [module] if module not in used else []
        kind = draw(st.sampled_from(("change", "change", "read", "control")))
        if kind == "change":
            action, undo = draw(st.sampled_from(_CHANGES))
        else:
            action, undo = draw(st.sampled_from(_READS if kind == "read" else _CONTROLS)), ""
        failure = draw(st.sampled_from(_FAILURES))
        if undoable and draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(undoable), min_size=1, max_size=3, unique=True))
            failure = ", then ".join(phrase for _, phrase in reversed(chosen))
        if number in pivots:
            failure = f"{failure}. {_PIVOT}" if failure else _PIVOT
        lines = [
            f"{number}. **Step {number}** ({module})",
            f"   - Input: request {number}",
            f"   - Action: {module} {action}",
            f"   - Output: result {number}",
        ]
        if failure:
            lines.append(f"   - Failure: {failure}")
        steps.append("\n".join(lines))
        if undo:
            undoable.append((number, undo))
    compensation = ""
    if undoable and draw(st.booleans()):
        # Newest first is the right order; a permutation may be wrong, and the step the
        # block is about may be one that is not there (renumbered steps).
        order = draw(st.permutations(list(reversed(undoable))))
        trigger = draw(st.sampled_from([undoable[-1][0] + 1, undoable[-1][0], count + 2]))
        items = "\n".join(
            f"{index}. {phrase.capitalize()}." for index, (_, phrase) in enumerate(order, start=1)
        )
        compensation = f"\n### Compensation\nIf step {trigger} fails:\n{items}\n"
    if draw(st.booleans()):
        compensation += f"\nStep {draw(st.integers(1, count + 1))} is the point of no return.\n"
    modules = "\n".join(f"| {module} | Both | Its part of the flow |" for module in used)
    return (
        "# Integration: Generated Saga\n\n"
        "## Overview\nA generated flow across several modules.\n\n"
        "## Modules Involved\n\n| Module | Role | Changes |\n|---|---|---|\n"
        f"{modules}\n\n"
        "## Data Flow\n\n### Flow Steps\n\n" + "\n\n".join(steps) + "\n\n"
        "## Failure Modes\n\n| Failure | Impact | Detection | Recovery |\n|---|---|---|---|\n"
        "| Payments timeout | Unknown charge | No answer in 10 s | Retry with the same key |\n"
        + compensation
    )
