"""Failure modes and the compensation plan: the saga shape of the flow.

The last stage that changes data on the main path is the pivot (the point of no return);
every earlier stage that changes data is compensatable, undone in reverse order by a
command of its own module, asked for by the module that called it, by the pivot's module
when that depends on it, or else by a failure event. Stages after the pivot are retried.
Failure modes cover every step and every hop in the seed's four categories, each with the
recovery its category calls for: Network -> retry, Business -> compensate, System ->
circuit breaker, Data -> concurrency control or idempotency.
"""

from __future__ import annotations

from integration_spec.draft.coordination import compensation_calls, output_name
from integration_spec.draft.flow import depends
from integration_spec.draft.operations import declared_owner, invariant_for, undo_for
from integration_spec.draft.plan import (
    Compensation,
    Flow,
    LinkKind,
    Saga,
    Stage,
    call_label,
    module_of,
)
from integration_spec.draft.vocabulary import humanize, pascal
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import CompensationBlock, FailureMode, ListEntry

QUERY_TIMEOUT_SECONDS = 2
COMMAND_TIMEOUT_SECONDS = 5


def step_name(stage: Stage) -> str:
    """The step's title: its operation in words, or the module's name when it has none."""
    if stage.operation.declared:
        return humanize(stage.operation.name)
    return f"{humanize(pascal(stage.module))} step"


def pivot_index(flow: Flow, architecture: Architecture | None = None) -> int | None:
    """The point of no return: the first step on the main path whose change cannot be undone.

    Every step before the pivot must be compensatable, so the first step that changes data
    and has no undo command in its module (a refund, a handover to a carrier) is the pivot;
    when every step can be undone, the last one that changes data is. Steps an event
    starts are reactions after the main path, never the pivot unless nothing else writes.
    """
    writing = [stage.index for stage in flow.stages if stage.writes]
    if architecture is not None:
        main = [
            index
            for index in writing
            if not any(link.kind is LinkKind.EVENT for link in flow.into(index))
        ]
        for index in main:
            stage = flow.stages[index]
            if undo_for(module_of(architecture, stage.module), stage.operation) is None:
                return index
    main_path = [
        index
        for index in writing
        if not any(link.kind is LinkKind.EVENT for link in flow.into(index))
    ]
    if main_path:
        return main_path[-1]
    return writing[-1] if writing else None


def plan_saga(architecture: Architecture, flow: Flow) -> Saga:
    """Pivot, compensations (with undo command and who asks for it) and failure event."""
    pivot = pivot_index(flow, architecture)
    if pivot is None:
        return Saga(pivot=None, compensations=())
    compensations: list[Compensation] = []
    for stage in flow.stages[:pivot]:
        if not stage.writes:
            continue
        undo = undo_for(module_of(architecture, stage.module), stage.operation)
        compensator, via_event = _compensator(architecture, flow, stage, pivot)
        compensations.append(Compensation(stage.index, undo, compensator, via_event))
    told = tuple(
        dict.fromkeys(flow.stages[item.stage].module for item in compensations if item.via_event)
    )
    failure_event = _failure_event(architecture, flow.stages[pivot]) if told else None
    return Saga(
        pivot=pivot,
        compensations=tuple(compensations),
        failure_event=failure_event,
        failure_subscribers=told if failure_event else (),
    )


def _compensator(
    architecture: Architecture, flow: Flow, stage: Stage, pivot: int
) -> tuple[str | None, bool]:
    """Who asks ``stage``'s module to undo it, and whether it learns by the failure event."""
    pushers = [
        flow.stages[link.source].module
        for link in flow.into(stage.index)
        if link.kind is LinkKind.COMMAND
    ]
    if pushers:
        return pushers[0], False
    pivot_module = flow.stages[pivot].module
    if pivot_module == stage.module:
        return None, False
    if depends(architecture, pivot_module, stage.module):
        return pivot_module, False
    for later in reversed(flow.stages[stage.index + 1 : pivot]):
        if depends(architecture, later.module, stage.module):
            return later.module, False
    return None, True


def _failure_event(architecture: Architecture, pivot: Stage) -> str:
    base = pivot.operation.name if pivot.operation.declared else pascal(pivot.module)
    name = f"{base}Failed"
    owner = declared_owner(architecture, name)
    if owner is not None and owner != pivot.module:
        name = pascal(pivot.module) + name
    return name


# --- texts ----------------------------------------------------------------------------------


def _undo_phrase(flow: Flow, saga: Saga, before: int) -> str:
    """``VoidAuthorization (step 6), then CancelOrder (step 5)`` for stages before ``before``."""
    parts = []
    for item in reversed(saga.compensations):
        if item.stage >= before:
            continue
        stage = flow.stages[item.stage]
        if item.operation:
            parts.append(f"{item.operation} (step {stage.number})")
        else:
            parts.append(f"a manual undo of step {stage.number} ({step_name(stage)})")
    return ", then ".join(parts)


def step_failure(flow: Flow, saga: Saga, stage: Stage) -> str:
    """The step's ``Failure:`` line: what fails and how it is recovered."""
    parts: list[str] = []
    calls = [link for link in flow.into(stage.index) if link.kind is not LinkKind.EVENT]
    if calls:
        callee = flow.callee(calls[0])
        parts.append(f"timeout on {call_label(calls[0].name, callee)}: retry with backoff")
    if any(link.kind is LinkKind.EVENT for link in flow.into(stage.index)):
        parts.append("duplicate event: the inbox drops it")
    if stage.writes and saga.pivot is not None:
        undo = _undo_phrase(flow, saga, stage.index)
        if stage.index < saga.pivot:
            recovery = f"compensate with {undo}" if undo else "reject the request, nothing to undo"
            parts.append(f"{stage.operation.name} rejected: {recovery}")
        elif stage.index == saga.pivot:
            recovery = f", then compensate with {undo}" if undo else ""
            parts.append(
                f"{stage.operation.name} rejected or timed out: retry with the same "
                f"idempotency key{recovery}"
            )
        else:
            parts.append(
                f"retry until {stage.operation.name} succeeds (idempotent); "
                f"after 5 attempts alert the {stage.module} team"
            )
    elif not stage.writes:
        undo = _undo_phrase(flow, saga, stage.index) if saga.pivot is not None else ""
        after = f", then compensate with {undo}" if undo and stage.index < (saga.pivot or 0) else ""
        parts.append(
            f"{stage.module} database down: circuit breaker, the step fails without side "
            f"effects{after}"
        )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def step_compensation(flow: Flow, saga: Saga, stage: Stage) -> str | None:
    """The step's ``Compensation:`` line, for compensatable steps only."""
    item = saga.compensation_of(stage.index)
    if item is None:
        return None
    if item.operation is None:
        return (
            f"TODO: how to undo {stage.operation.name or step_name(stage)}; "
            f"{stage.module} declares no command that undoes it"
        )
    if item.compensator is not None:
        return f"{item.operation}, called by {item.compensator}"
    if item.via_event and saga.failure_event is not None:
        return f"{item.operation}, on {saga.failure_event}"
    return f"{item.operation}, run by {stage.module} itself"


def compensation_block(flow: Flow, saga: Saga) -> tuple[CompensationBlock, ...]:
    """The Compensation section: undo steps in reverse order and the final state."""
    if saga.pivot is None:
        return (
            CompensationBlock(
                trigger="If any step fails:",
                steps=(ListEntry(text="Nothing to undo: every step only reads data"),),
            ),
        )
    pivot = flow.stages[saga.pivot]
    entries: list[ListEntry] = []
    for item in reversed(saga.compensations):
        stage = flow.stages[item.stage]
        if item.operation is not None:
            text = (
                f"{stage.module}: {item.operation} undoes step {stage.number} ({step_name(stage)})"
            )
        else:
            text = (
                f"{stage.module}: TODO: undo step {stage.number} ({step_name(stage)}); "
                "the architecture declares no command for it"
            )
        entries.append(ListEntry(text=text))
    if not saga.compensations:
        entries.append(ListEntry(text="Nothing to undo: the steps before it only read data"))
    later = flow.stages[saga.pivot + 1 :]
    retried = (
        f"; steps {later[0].number} to {later[-1].number} are retried until they succeed"
        if len(later) > 1
        else f"; step {later[0].number} is retried until it succeeds"
        if later
        else ""
    )
    entries.append(
        ListEntry(
            text=f"Final state: no effect of the earlier steps remains. Step {pivot.number} "
            f"({step_name(pivot)}) is the point of no return: after it nothing is undone" + retried
        )
    )
    if saga.compensations:
        last = flow.stages[saga.compensations[-1].stage]
        trigger = f"If {pivot.module} fails after {last.module} succeeds:"
    elif saga.pivot > 0:
        trigger = f"If {pivot.module} fails after {flow.stages[saga.pivot - 1].module} succeeds:"
    else:
        trigger = f"If {pivot.module} fails:"
    return (CompensationBlock(trigger=trigger, steps=tuple(entries)),)


# --- the failure modes table ------------------------------------------------------------------


def failure_modes(architecture: Architecture, flow: Flow, saga: Saga) -> tuple[FailureMode, ...]:
    """A row for every hop (Network; events also Data) and every step (Business, Data, System)."""
    rows: list[FailureMode] = []
    seen_modules: set[str] = set()
    for stage in flow.stages:
        for link in flow.into(stage.index):
            rows.extend(_hop_rows(flow, stage, link.kind, link.name, link.source))
        if stage.writes:
            rows.append(_business_row(architecture, flow, saga, stage))
            if stage.aggregate:
                rows.append(_data_row(stage))
        if stage.module not in seen_modules:
            seen_modules.add(stage.module)
            rows.append(_system_row(architecture, stage))
    for call in compensation_calls(flow, saga):
        stage = flow.stages[call.stage]
        rows.append(
            FailureMode(
                failure=f"Timeout on {call.method} from {call.caller} to {call.callee}",
                impact=f"Step {stage.number} stays done after a later step failed",
                detection=f"No answer within {COMMAND_TIMEOUT_SECONDS} s",
                recovery="Retry with backoff until it succeeds (the undo is idempotent); "
                f"after 5 attempts alert the {call.callee} team",
            )
        )
    return tuple(_unique(rows))


def _unique(rows: list[FailureMode]) -> list[FailureMode]:
    seen: set[str] = set()
    result = []
    for row in rows:
        if row.failure not in seen:
            seen.add(row.failure)
            result.append(row)
    return result


def _hop_rows(
    flow: Flow, stage: Stage, kind: LinkKind, name: str, source: int
) -> list[FailureMode]:
    origin = flow.stages[source]
    if kind is LinkKind.EVENT:
        return [
            FailureMode(
                failure=f"Message broker unreachable when {origin.module} publishes {name}",
                impact=f"{stage.module} does not start step {stage.number} ({step_name(stage)})",
                detection="The outbox relay cannot connect for 30 s",
                recovery="Retry from the transactional outbox with backoff until the broker "
                "accepts the event",
            ),
            FailureMode(
                failure=f"{name} delivered twice or out of order to {stage.module}",
                impact=f"{stage.module} could repeat step {stage.number}",
                detection="The inbox already holds the event id",
                recovery="Idempotent handler: the inbox drops repeated event ids and ignores "
                "older versions",
            ),
        ]
    caller = stage.module if kind is LinkKind.READ else origin.module
    callee = origin.module if kind is LinkKind.READ else stage.module
    if kind is LinkKind.READ:
        recovery = "Retry twice with exponential backoff, then fail the step without side effects"
        seconds = QUERY_TIMEOUT_SECONDS
    else:
        recovery = "Retry 3 times with exponential backoff and the same idempotency key"
        seconds = COMMAND_TIMEOUT_SECONDS
    return [
        FailureMode(
            failure=f"Timeout on {call_label(name, callee)} from {caller} to {callee}",
            impact=f"{caller} waits for {callee} in step {stage.number} ({step_name(stage)})",
            detection=f"No answer within {seconds} s",
            recovery=recovery,
        )
    ]


def _business_row(architecture: Architecture, flow: Flow, saga: Saga, stage: Stage) -> FailureMode:
    module = module_of(architecture, stage.module)
    invariant = invariant_for(module, stage.aggregate)
    detection = (
        f"{stage.module} answers that a rule is broken: {invariant}"
        if invariant
        else f"{stage.module} answers that a rule of the {stage.aggregate or 'module'} is broken"
    )
    undo = _undo_phrase(flow, saga, stage.index)
    if saga.pivot is None or stage.index <= saga.pivot:
        recovery = (
            f"Compensate: {undo}"
            if undo
            else "Compensate: nothing changed yet, so nothing is undone; the request is rejected"
        )
    else:
        recovery = (
            f"Escalate: alert the {stage.module} team and park {output_name(flow, stage.index)} "
            "for a manual retry"
        )
    return FailureMode(
        failure=f"{stage.operation.name} rejected by {stage.module}",
        impact=f"Step {stage.number} ({step_name(stage)}) does not complete",
        detection=detection,
        recovery=recovery,
    )


def _data_row(stage: Stage) -> FailureMode:
    return FailureMode(
        failure=f"Concurrent update of the same {stage.aggregate} in {stage.module}",
        impact=f"A lost update on the {stage.aggregate}",
        detection="The version check fails on save",
        recovery=f"Optimistic concurrency control: reload the {stage.aggregate} and apply "
        f"{stage.operation.name} again",
    )


def _system_row(architecture: Architecture, stage: Stage) -> FailureMode:
    module = module_of(architecture, stage.module)
    work = stage.operation.name or step_name(stage).lower()
    if module.external_services:
        service = module.external_services[0]
        return FailureMode(
            failure=f"{service} outage",
            impact=f"{stage.module} cannot run {work}",
            detection=f"More than half of the calls to {service} fail for one minute",
            recovery=f"Circuit breaker: {stage.module} fails fast and queues the work until "
            f"{service} recovers",
        )
    return FailureMode(
        failure=f"{stage.module} database down",
        impact=f"Step {stage.number} ({step_name(stage)}) cannot run",
        detection=f"The health check of {stage.module} fails",
        recovery=f"Circuit breaker: callers fail fast and retry after {stage.module} recovers",
    )
