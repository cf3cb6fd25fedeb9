"""Coordination points: data moves between stages only in the directions the architecture allows.

A synchronous call always goes from a module to one it depends on (so the build order and
the dependency graph are never broken): the later stage reads the earlier one's data, or
an earlier stage hands work to a module it depends on. Everything else travels as an
event: a declared domain event of the publisher when one fits, otherwise a new event
named as new. Shared state follows from the links, with exactly one owner per datum:
Strong when it is read synchronously, Eventual across an event.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.draft.flow import depends
from integration_spec.draft.operations import (
    declared_owner,
    new_event_name,
    new_query_name,
    read_method,
)
from integration_spec.draft.plan import Flow, Link, LinkKind, Saga, Stage, StageRole, module_of
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import AsyncEvent, SharedStateEntry, SyncCall

STRONG, EVENTUAL = "Strong", "Eventual"


def plan_links(architecture: Architecture, stages: tuple[Stage, ...]) -> Flow:
    """The links of a flow: commands handed on, reads of earlier data, then events."""
    links: list[Link] = []
    called: set[tuple[str, str]] = set()
    for index, stage in enumerate(stages):
        pusher = _pusher(architecture, stages, index)
        if pusher is not None:
            links.append(_command(stages, pusher, index))
            called.add((stages[pusher].module, stage.module))
        for earlier in _latest_stages(stages, index):
            provider = stages[earlier].module
            if (stage.module, provider) in called:
                continue
            if depends(architecture, stage.module, provider) and not depends(
                architecture, provider, stage.module
            ):
                links.append(_read(architecture, stages, earlier, index))
                called.add((stage.module, provider))
    links = _events_for_unused_outputs(architecture, stages, links)
    links = _events_for_unlinked_hops(architecture, stages, links)
    return Flow(stages=stages, links=tuple(sorted(links, key=_link_order)))


def _link_order(link: Link) -> tuple[int, int, int]:
    kinds = {LinkKind.COMMAND: 0, LinkKind.READ: 1, LinkKind.EVENT: 2}
    return (link.target, kinds[link.kind], link.source)


def _pusher(architecture: Architecture, stages: tuple[Stage, ...], index: int) -> int | None:
    """The nearest earlier stage whose module depends on this stage's module."""
    module = stages[index].module
    for earlier in range(index - 1, -1, -1):
        other = stages[earlier].module
        if other != module and depends(architecture, other, module):
            return earlier
    return None


def _latest_stages(stages: tuple[Stage, ...], index: int) -> list[int]:
    """The last stage of each module before ``index``, in flow order."""
    latest: dict[str, int] = {}
    for earlier in range(index):
        latest[stages[earlier].module] = earlier
    return sorted(latest.values())


def _command(stages: tuple[Stage, ...], source: int, target: int) -> Link:
    operation = stages[target].operation
    if operation.declared:
        return Link(LinkKind.COMMAND, source, target, operation.name)
    return Link(
        LinkKind.COMMAND, source, target, f"TODO: the operation {stages[target].module} offers"
    )


def _read(architecture: Architecture, stages: tuple[Stage, ...], source: int, target: int) -> Link:
    stage = stages[source]
    module = module_of(architecture, stage.module)
    method = read_method(module, stage.operation, stage.state, stage.event)
    if method is not None:
        return Link(LinkKind.READ, source, target, method)
    if not module.commands and not module.queries:
        return Link(LinkKind.READ, source, target, f"TODO: how {stage.module} serves {stage.state}")
    return Link(LinkKind.READ, source, target, new_query_name(stage.state), new=True)


def event_of(architecture: Architecture, stage: Stage) -> tuple[str, bool]:
    """(event name, is new) the stage publishes: its declared event, else a new one."""
    module = module_of(architecture, stage.module)
    if stage.event is not None:
        return stage.event, False
    name = new_event_name(architecture, module, stage.operation, stage.state)
    declared = declared_owner(architecture, name)
    return name, declared != stage.module


def consumed(stages: tuple[Stage, ...], links: list[Link], index: int) -> bool:
    """Whether a later stage uses stage ``index``'s output (read, handed on, or returned)."""
    module = stages[index].module
    for link in links:
        if link.source == index:
            return True
        if link.kind is LinkKind.COMMAND and link.target == index:
            caller = stages[link.source].module
            if any(stage.module == caller for stage in stages[index + 1 :]):
                return True
    return index + 1 < len(stages) and stages[index + 1].module == module


def _events_for_unused_outputs(
    architecture: Architecture, stages: tuple[Stage, ...], links: list[Link]
) -> list[Link]:
    """Publish the output of a stage nobody uses yet to the next stage of another module."""
    result = list(links)
    for index in range(len(stages) - 1):
        if consumed(stages, result, index):
            continue
        module = stages[index].module
        receiver = next(
            (later for later in range(index + 1, len(stages)) if stages[later].module != module),
            None,
        )
        if receiver is None:
            continue
        name, new = event_of(architecture, stages[index])
        result.append(Link(LinkKind.EVENT, index, receiver, name, new))
    return result


def linked(stages: tuple[Stage, ...], links: list[Link], first: str, second: str) -> bool:
    """Whether a call or event connects two modules, in either direction."""
    for link in links:
        pair = {stages[link.source].module, stages[link.target].module}
        if pair == {first, second}:
            return True
    return False


def orchestrated(stages: tuple[Stage, ...], links: list[Link], source: str, target: str) -> bool:
    """Whether a module that calls ``target`` is connected to ``source`` (it carries the data)."""
    callers = {
        _caller(stages, link)
        for link in links
        if link.kind is not LinkKind.EVENT and _callee(stages, link) == target
    }
    return any(linked(stages, links, caller, source) for caller in callers if caller != source)


def _caller(stages: tuple[Stage, ...], link: Link) -> str:
    return stages[link.target if link.kind is LinkKind.READ else link.source].module


def _callee(stages: tuple[Stage, ...], link: Link) -> str:
    return stages[link.source if link.kind is LinkKind.READ else link.target].module


def _events_for_unlinked_hops(
    architecture: Architecture, stages: tuple[Stage, ...], links: list[Link]
) -> list[Link]:
    """Every change of module between consecutive steps must travel some declared way."""
    result = list(links)
    for index in range(1, len(stages)):
        before, here = stages[index - 1].module, stages[index].module
        if before == here or linked(stages, result, before, here):
            continue
        if stages[index].role is StageRole.PROVIDER:
            continue  # a provider is called by its readers; nothing needs to trigger it
        if orchestrated(stages, result, before, here):
            continue
        existing = next(
            (link for link in result if link.kind is LinkKind.EVENT and link.source == index - 1),
            None,
        )
        if existing is not None:
            result.append(Link(LinkKind.EVENT, index - 1, index, existing.name, existing.new))
        else:
            name, new = event_of(architecture, stages[index - 1])
            result.append(Link(LinkKind.EVENT, index - 1, index, name, new))
    return result


# --- tables ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompensationCall:
    """A call that undoes a stage: the compensator asks the owner to run its undo command."""

    caller: str
    callee: str
    method: str
    stage: int


def compensation_calls(flow: Flow, saga: Saga) -> tuple[CompensationCall, ...]:
    """The synchronous calls the compensation plan needs (in reverse flow order)."""
    calls: list[CompensationCall] = []
    for compensation in reversed(saga.compensations):
        if compensation.compensator is None or compensation.operation is None:
            continue
        owner = flow.stages[compensation.stage].module
        calls.append(
            CompensationCall(
                compensation.compensator, owner, compensation.operation, compensation.stage
            )
        )
    return tuple(calls)


def sync_calls(flow: Flow, saga: Saga) -> tuple[SyncCall, ...]:
    """Synchronous Calls: the flow's calls, then the compensation calls."""
    rows: list[SyncCall] = []
    seen: set[tuple[str, str, str]] = set()
    for link in flow.calls():
        caller, callee = flow.caller(link), flow.callee(link)
        target = flow.stages[link.target]
        if link.kind is LinkKind.READ:
            purpose = f"Read {flow.stages[link.source].state} for step {target.number}"
        else:
            purpose = f"Hand step {target.number} to {callee}"
        if link.new:
            purpose += f" (new query of {callee})"
        key = (caller, callee, link.name)
        if key not in seen:
            seen.add(key)
            rows.append(SyncCall(caller=caller, callee=callee, method=link.name, purpose=purpose))
    for call in compensation_calls(flow, saga):
        key = (call.caller, call.callee, call.method)
        if key in seen:
            continue
        seen.add(key)
        stage = flow.stages[call.stage]
        rows.append(
            SyncCall(
                caller=call.caller,
                callee=call.callee,
                method=call.method,
                purpose=f"Compensation: undo step {stage.number} when a later step fails",
            )
        )
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    """An event of the draft with its publisher, subscribers and where it comes from."""

    name: str
    publisher: str
    subscribers: tuple[str, ...]
    stage: int | None
    """The stage that publishes it; ``None`` for the failure event of the saga."""
    new: bool


def published_events(flow: Flow, saga: Saga) -> tuple[PublishedEvent, ...]:
    """Every event of the draft once, with its subscribers in flow order."""
    grouped: dict[tuple[str, str], tuple[int, list[str], bool]] = {}
    for link in flow.events():
        publisher = flow.stages[link.source].module
        subscriber = flow.stages[link.target].module
        _, subscribers, _ = grouped.setdefault((link.name, publisher), (link.source, [], link.new))
        if subscriber not in subscribers:
            subscribers.append(subscriber)
    events = [
        PublishedEvent(name, publisher, tuple(subscribers), stage, new)
        for (name, publisher), (stage, subscribers, new) in grouped.items()
    ]
    if saga.failure_event is not None and saga.pivot is not None:
        events.append(
            PublishedEvent(
                saga.failure_event,
                flow.stages[saga.pivot].module,
                saga.failure_subscribers,
                None,
                True,
            )
        )
    return tuple(events)


def async_events(flow: Flow, saga: Saga) -> tuple[AsyncEvent, ...]:
    """Asynchronous Events, one row per event."""
    rows = []
    for event in published_events(flow, saga):
        if event.stage is None:
            purpose = "Compensation: tell the subscribers to undo their steps"
        else:
            stage = flow.stages[event.stage]
            targets = [
                str(flow.stages[link.target].number)
                for link in flow.events()
                if link.name == event.name and link.source == event.stage
            ]
            purpose = f"Start step {', '.join(targets)} after step {stage.number}"
        if event.new:
            purpose += " (new event)"
        rows.append(
            AsyncEvent(
                event=event.name,
                publisher=event.publisher,
                subscribers=event.subscribers,
                purpose=purpose,
            )
        )
    return tuple(rows)


def output_name(flow: Flow, index: int) -> str:
    """The name a stage's output goes by: the event it publishes, or the data it returns."""
    stage = flow.stages[index]
    published = next(
        (link.name for link in flow.out_of(index) if link.kind is LinkKind.EVENT), None
    )
    if published is not None:
        return published
    pulled = any(link.kind is LinkKind.READ for link in flow.out_of(index))
    if stage.event is not None and not pulled:
        return stage.event
    return stage.state


def shared_state(flow: Flow) -> tuple[SharedStateEntry, ...]:
    """Shared State: what each link lets one module see of another's data."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for link in flow.links:
        source = flow.stages[link.source]
        target = flow.stages[link.target]
        if link.kind is LinkKind.READ:
            key = (source.state, source.module, STRONG)
            reader = target.module
        elif link.kind is LinkKind.EVENT:
            key = (link.name, source.module, EVENTUAL)
            reader = target.module
        else:
            key = (output_name(flow, link.target), target.module, STRONG)
            reader = source.module
        readers = grouped.setdefault(key, [])
        if reader not in readers and reader != key[1]:
            readers.append(reader)
    return tuple(
        SharedStateEntry(data=data, owner=owner, readers=tuple(readers), consistency=consistency)
        for (data, owner, consistency), readers in grouped.items()
        if readers
    )
