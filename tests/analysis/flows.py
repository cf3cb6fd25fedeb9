"""Generated flows for the analysis tests: long sagas whose expected plan is known."""

from __future__ import annotations

from integration_spec.model.spec import FlowStep, IntegrationSpec, ModuleInvolvement


def long_saga(steps: int, pivot: int | None = None, modules: int = 7) -> IntegrationSpec:
    """``steps`` steps over ``modules`` modules: compensatable before ``pivot``, retriable after.

    Every third step before the pivot only reads; the pivot step (1-based) is marked as the
    point of no return. Compensations of even steps are retried, the others are not, so the
    fault simulation finds both outcomes.
    """
    names = [f"module-{number}" for number in range(1, modules + 1)]
    flow = []
    for number in range(1, steps + 1):
        module = names[(number - 1) % modules]
        before = pivot is None or number < pivot
        reads = before and number % 3 == 0
        if pivot is not None and number == pivot:
            action, failure, compensation = (
                f"Charge the card for order part {number}; this is the point of no return",
                "Card declined: compensate the earlier steps",
                None,
            )
        elif reads:
            action, failure, compensation = (
                f"Verify the data of part {number}",
                "Invalid data: compensate the earlier steps",
                None,
            )
        elif before:
            retried = ", retried until it succeeds" if number % 2 == 0 else ""
            action, failure, compensation = (
                f"Reserve resource {number} for the order",
                "Timeout: retry with backoff",
                f"Release resource {number} (ReleaseResource{number}){retried}",
            )
        else:
            action, failure, compensation = (
                f"Confirm resource {number}",
                "Retry with the order id as idempotency key until it succeeds",
                None,
            )
        flow.append(
            FlowStep(
                name=f"Step {number}",
                module=module,
                input=f"Part{number - 1}Done" if number > 1 else "OrderRequest",
                action=action,
                output=f"Part{number}Done",
                failure=failure,
                compensation=compensation,
            )
        )
    return IntegrationSpec(
        title=f"Generated saga of {steps} steps",
        modules=tuple(ModuleInvolvement(module=n, role="Both", changes="") for n in names),
        flow_steps=tuple(flow),
    )
