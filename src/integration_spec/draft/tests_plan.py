"""Testing strategy: unit focus per module, integration tests per call and event, E2E journeys.

Every synchronous call and every event (per subscriber) gets an integration test naming
both modules; end-to-end journeys cover the happy path and each distinct compensation path.
"""

from __future__ import annotations

from integration_spec.draft.coordination import output_name, published_events
from integration_spec.draft.failures import step_name
from integration_spec.draft.operations import invariant_for
from integration_spec.draft.plan import Flow, OpKind, Saga, Stage, call_label, module_of
from integration_spec.draft.vocabulary import humanize
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import E2ETest, IntegrationTest, SyncCall, UnitTest


def _stage_focus(stage: Stage) -> str:
    operation = stage.operation
    if operation.kind is OpKind.COMMAND:
        effect = (
            f"records {stage.event}" if stage.event else f"updates the {stage.aggregate or 'data'}"
        )
        return f"{operation.name} {effect}"
    if operation.kind is OpKind.QUERY:
        return f"{operation.name} returns {stage.state}"
    return ""


def unit_tests(architecture: Architecture, flow: Flow, saga: Saga) -> tuple[UnitTest, ...]:
    """One row per module: what its own tests must prove before anything is integrated."""
    rows = []
    for name in flow.modules:
        stages = [stage for stage in flow.stages if stage.module == name]
        parts = [focus for stage in stages if (focus := _stage_focus(stage))]
        for stage in stages:
            item = saga.compensation_of(stage.index)
            if item is not None and item.operation is not None:
                parts.append(f"{item.operation} undoes {stage.operation.name} exactly once")
        module = module_of(architecture, name)
        invariant = invariant_for(module, next((s.aggregate for s in stages if s.aggregate), None))
        if invariant:
            parts.append(f"the rule '{invariant}' holds")
        focus = "; ".join(dict.fromkeys(parts))
        rows.append(
            UnitTest(
                module=name,
                focus=focus[:1].upper() + focus[1:]
                if focus
                else f"TODO: what the unit tests of {name} must prove",
            )
        )
    return tuple(rows)


def integration_tests(
    flow: Flow, saga: Saga, calls: tuple[SyncCall, ...]
) -> tuple[IntegrationTest, ...]:
    """One test per synchronous call and one per event and subscriber."""
    rows: list[IntegrationTest] = []
    names: set[str] = set()

    def add(name: str, modules: tuple[str, ...], scenario: str) -> None:
        unique = name if name not in names else f"{name} ({', '.join(modules)})"
        names.add(unique)
        rows.append(IntegrationTest(test=unique, modules=modules, scenario=scenario))

    for call in calls:
        title = humanize(call.method) if "TODO" not in call.method else "Call"
        compensation = call.purpose.startswith("Compensation")
        outcome = "the step it undoes leaves no effect" if compensation else "gets an answer"
        add(
            f"{title} from {call.caller}",
            (call.caller, call.callee),
            f"{call.caller} calls {call_label(call.method, call.callee)} on {call.callee} and "
            f"{outcome}",
        )
    for event in published_events(flow, saga):
        for subscriber in event.subscribers:
            add(
                f"{event.name} to {subscriber}",
                (event.publisher, subscriber),
                f"{event.publisher} publishes {event.name}; {subscriber} handles it once, "
                "also when it is delivered twice",
            )
    return tuple(rows)


def e2e_tests(flow: Flow, saga: Saga, title: str) -> tuple[E2ETest, ...]:
    """The happy path, then one journey per failure that triggers compensation."""
    last = flow.stages[-1]
    rows = [
        E2ETest(
            journey=f"{title}: happy path",
            steps=", ".join(step_name(stage) for stage in flow.stages),
            verification=f"Step {last.number} produces {output_name(flow, last.index)} and "
            "every step's output reaches the next step",
        )
    ]
    if saga.pivot is not None:
        paths: dict[tuple[int, ...], Stage] = {}
        for stage in flow.stages[: saga.pivot + 1]:
            key = tuple(item.stage for item in saga.compensations if item.stage < stage.index)
            if key:
                paths[key] = stage  # the last step that fails with exactly this undo list
        for stage in paths.values():
            undone = [item for item in reversed(saga.compensations) if item.stage < stage.index]
            steps = ", then ".join(
                f"{item.operation or 'the undo of step ' + str(item.stage + 1)} "
                f"(step {item.stage + 1})"
                for item in undone
            )
            done = _steps_up_to(stage.number - 1)
            rows.append(
                E2ETest(
                    journey=f"{step_name(stage)} fails",
                    steps=f"Run {done}, then make step {stage.number} fail",
                    verification=f"Compensation runs {steps}; no effect of {done} remains",
                )
            )
    if len(rows) == 1:
        first = flow.stages[0]
        rows.append(
            E2ETest(
                journey=f"{step_name(first)} times out",
                steps=f"Make {first.module} answer too late in step 1",
                verification="The request fails cleanly after the retries and no data is changed",
            )
        )
    return tuple(rows)


def _steps_up_to(last: int) -> str:
    """``step 1`` or ``steps 1 to 3``: never "steps 1 to 1"."""
    return "step 1" if last == 1 else f"steps 1 to {last}"
