"""Implementation phases: shippable increments in the architecture's build order.

Every deliverable is scheduled in the first phase in which everything it needs exists: a
module's own operations with the module's build phase, a call once caller and callee are
both built, an event handler once its publisher is. A module that handles an event of a
later module therefore appears again in that later phase, so no phase uses what only a
later one delivers.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.draft.coordination import PublishedEvent, published_events
from integration_spec.draft.failures import step_name
from integration_spec.draft.flow import build_level
from integration_spec.draft.plan import Flow, LinkKind, Saga
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import (
    Deliverable,
    EndpointContract,
    IntegrationTest,
    Phase,
    SyncCall,
)


@dataclass(frozen=True, slots=True)
class Task:
    """A deliverable, the module that builds it and the other modules it needs."""

    text: str
    owner: str | None
    needs: tuple[str, ...] = ()

    @property
    def modules(self) -> tuple[str, ...]:
        """Every module that must exist for the deliverable to work."""
        return (self.owner, *self.needs) if self.owner else self.needs


def tasks(
    flow: Flow,
    saga: Saga,
    calls: tuple[SyncCall, ...],
    new_endpoints: tuple[EndpointContract, ...],
    flag: str,
) -> list[Task]:
    """Everything the phases must deliver, in flow order."""
    found: list[Task] = []
    for stage in flow.stages:
        work = stage.operation.name or f"the {stage.module} part"
        found.append(
            Task(
                f"{work} in {stage.module} for step {stage.number} ({step_name(stage)})",
                stage.module,
            )
        )
        item = saga.compensation_of(stage.index)
        if item is not None and item.operation is not None:
            found.append(
                Task(
                    f"{item.operation} in {stage.module} to undo step {stage.number}", stage.module
                )
            )
    for endpoint in new_endpoints:
        found.append(
            Task(f"{endpoint.method} {endpoint.path} in {endpoint.module}", endpoint.module)
        )
    for link in flow.links:
        if link.kind is LinkKind.READ and link.new:
            callee = flow.stages[link.source].module
            found.append(Task(f"New query {link.name} in {callee}", callee))
    for call in calls:
        found.append(
            Task(
                f"{call.caller} calls {call.method} on {call.callee}"
                if "TODO" not in call.method
                else f"{call.caller} calls {call.callee} ({call.method})",
                call.caller,
                (call.callee,),
            )
        )
    for event in published_events(flow, saga):
        found.append(
            Task(f"{event.publisher} publishes {event.name} through the outbox", event.publisher)
        )
        found.extend(_handlers(event))
    found.insert(0, Task(f"The {flag} flag, default off", None))
    # One deliverable is built once: two links that need the same new query, or two calls
    # of one method, are one task in one phase.
    unique: dict[str, Task] = {}
    for task in found:
        unique.setdefault(task.text, task)
    return list(unique.values())


def _handlers(event: PublishedEvent) -> list[Task]:
    return [
        Task(f"{subscriber} handles {event.name}", subscriber, (event.publisher,))
        for subscriber in event.subscribers
    ]


def module_ranks(architecture: Architecture, modules: tuple[str, ...]) -> dict[str, int]:
    """Each module's phase number: its build level among the draft's modules (1-based)."""
    levels = sorted({build_level(architecture, name) for name in modules})
    return {name: levels.index(build_level(architecture, name)) + 1 for name in modules}


def phases(
    architecture: Architecture,
    flow: Flow,
    saga: Saga,
    *,
    calls: tuple[SyncCall, ...],
    new_endpoints: tuple[EndpointContract, ...],
    tests: tuple[IntegrationTest, ...],
    flag: str,
) -> tuple[Phase, ...]:
    """The phases: deliverables grouped by the first phase that can ship them."""
    ranks = module_ranks(architecture, flow.modules)
    scheduled: dict[int, list[Task]] = {}
    for task in tasks(flow, saga, calls, new_endpoints, flag):
        rank = max((ranks[name] for name in task.modules), default=1)
        scheduled.setdefault(rank, []).append(task)
    result = []
    for number, rank in enumerate(sorted(scheduled), start=1):
        items = scheduled[rank]
        owners = {task.owner for task in items if task.owner is not None}
        modules = tuple(name for name in flow.modules if name in owners)
        result.append(
            Phase(
                number=number,
                title=_title(flow, modules),
                goal=_goal(flow, modules, flag),
                modules=modules,
                deliverables=tuple(Deliverable(text=task.text) for task in items),
                exit_criteria=_exit(tests, ranks, rank, modules, flag),
            )
        )
    return tuple(result)


def _title(flow: Flow, modules: tuple[str, ...]) -> str:
    names = [step_name(stage) for stage in flow.stages if stage.module in modules]
    if not names:
        return ", ".join(modules)
    return ", ".join(dict.fromkeys(names[:3])) + (" and more" if len(names) > 3 else "")


def _goal(flow: Flow, modules: tuple[str, ...], flag: str) -> str:
    numbers = [str(stage.number) for stage in flow.stages if stage.module in modules]
    if not numbers:
        return f"{', '.join(modules)} are connected behind the {flag} flag"
    listed = ", ".join(numbers[:-1]) + f" and {numbers[-1]}" if len(numbers) > 1 else numbers[0]
    noun = "Steps" if len(numbers) > 1 else "Step"
    verb = "run" if len(numbers) > 1 else "runs"
    return f"{noun} {listed} {verb} in staging behind the {flag} flag"


def _exit(
    tests: tuple[IntegrationTest, ...],
    ranks: dict[str, int],
    rank: int,
    modules: tuple[str, ...],
    flag: str,
) -> str:
    ready = [
        test.test
        for test in tests
        if all(name in ranks for name in test.modules)
        and max(ranks[name] for name in test.modules) == rank
    ]
    if ready:
        return "These integration tests pass in staging: " + "; ".join(ready)
    return f"The unit tests of {', '.join(modules)} pass and the {flag} flag is off in production"
