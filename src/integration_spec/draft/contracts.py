"""API contracts and shared types: what crosses module boundaries, reused or new.

An operation the architecture already exposes over HTTP is reused (listed, not created);
the entry point of a user journey without one gets a new endpoint on its own module's
path, never one another module declares. Events carry the value objects of their module
that share their words; where the architecture names none, the payload is a TODO.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.draft.coordination import PublishedEvent, output_name, published_events
from integration_spec.draft.failures import step_name
from integration_spec.draft.operations import fields_of
from integration_spec.draft.plan import Flow, LinkKind, Operation, OpKind, Saga, module_of
from integration_spec.draft.vocabulary import READ_VERBS, UNDO_VERBS, kebab, overlap, split_words
from integration_spec.facts.artifacts import endpoint_key
from integration_spec.facts.modules import is_foundation
from integration_spec.model.architecture import Architecture, Endpoint, Module
from integration_spec.model.spec import EndpointContract, EventContract

MIN_ENDPOINT_FIT = 0.5
"""Share of an operation's words an endpoint path must contain to be taken as its route."""


def endpoint_for(module: Module, operation: Operation) -> Endpoint | None:
    """The module's HTTP endpoint that serves ``operation``, matched by words and method."""
    if not operation.declared or not module.endpoints:
        return None
    words = split_words(operation.name)
    action = words[0] if words else ""
    wanted = words[1:] if operation.kind is OpKind.QUERY and action in READ_VERBS else words
    if not wanted:
        return None
    scored: list[tuple[float, int, int, Endpoint]] = []
    for index, endpoint in enumerate(module.endpoints):
        method = endpoint.method.upper()
        if not _method_fits(operation, action, method, endpoint.path):
            continue
        path_words = [
            word
            for segment in endpoint.path.split("/")
            if segment and not segment.startswith(("{", ":", "<"))
            for word in split_words(segment)
        ]
        fit = len(overlap(wanted, path_words)) / len(wanted)
        if fit >= MIN_ENDPOINT_FIT:
            preferred = 0 if (method == "GET") == (operation.kind is OpKind.QUERY) else 1
            scored.append((-fit, preferred, index, endpoint))
    return min(scored, key=lambda item: item[:3])[3] if scored else None


def _method_fits(operation: Operation, action: str, method: str, path: str) -> bool:
    if operation.kind is OpKind.QUERY:
        return method == "GET" or (action not in READ_VERBS and method == "POST")
    if method == "GET":
        return False
    if action in UNDO_VERBS:
        return method == "DELETE" or action in path.casefold()
    return method != "DELETE"


@dataclass(frozen=True, slots=True)
class Route:
    """An operation of the flow and the endpoint it is reached by."""

    module: str
    operation: str
    endpoint: Endpoint


def reused_endpoints(architecture: Architecture, flow: Flow, saga: Saga) -> tuple[Route, ...]:
    """Endpoints the architecture declares for the operations the draft uses."""
    found: dict[tuple[str, str], Route] = {}
    pairs = [(stage.module, stage.operation) for stage in flow.stages]
    for item in saga.compensations:
        if item.operation is not None:
            pairs.append(
                (flow.stages[item.stage].module, Operation(item.operation, OpKind.COMMAND))
            )
    for name, operation in pairs:
        endpoint = endpoint_for(module_of(architecture, name), operation)
        if endpoint is not None:
            key = (name, str(endpoint))
            found.setdefault(key, Route(name, operation.name, endpoint))
    return tuple(found.values())


def entry_endpoint(architecture: Architecture, flow: Flow) -> Endpoint | None:
    """The existing endpoint that starts the flow (the first stage's operation), if any."""
    if not flow.stages:
        return None
    first = flow.stages[0]
    return endpoint_for(module_of(architecture, first.module), first.operation)


def new_entry_endpoint(architecture: Architecture, flow: Flow) -> EndpointContract | None:
    """A new endpoint for the first stage of a user journey that has none yet."""
    if not flow.stages or entry_endpoint(architecture, flow) is not None:
        return None
    first = flow.stages[0]
    if not first.operation.declared:
        return None
    method = "GET" if first.operation.kind is OpKind.QUERY else "POST"
    taken = {
        endpoint_key(endpoint.method, endpoint.path)
        for module in architecture.modules
        for endpoint in module.endpoints
    }
    base = f"/{kebab(first.module) or 'api'}/{kebab(first.operation.name)}"
    path, suffix = base, 2
    while endpoint_key(method, path) in taken:
        path, suffix = f"{base}-{suffix}", suffix + 1
    return EndpointContract(
        method=method,
        path=path,
        module=first.module,
        purpose=f"Start step 1 ({step_name(first)}) from the client (new endpoint)",
    )


def reused_note(routes: tuple[Route, ...]) -> str:
    """The paragraph under API Contracts that lists the endpoints reused as they are."""
    if not routes:
        return ""
    listed = "; ".join(f"{route.endpoint} ({route.module}, {route.operation})" for route in routes)
    return f"Existing endpoints this integration uses unchanged: {listed}."


def _payload(architecture: Architecture, event: PublishedEvent) -> str:
    fields = fields_of(module_of(architecture, event.publisher), event.name)
    return (
        ", ".join([*fields, "TODO: the other fields"])
        if fields
        else (f"TODO: the fields of {event.name}")
    )


def events_published(
    architecture: Architecture, flow: Flow, saga: Saga
) -> tuple[EventContract, ...]:
    """Events Published: every event of the draft with its payload and when it is sent."""
    rows = []
    for event in published_events(flow, saga):
        if event.stage is None and saga.pivot is not None:
            when = f"Step {flow.stages[saga.pivot].number} fails and earlier steps must be undone"
        else:
            stage = flow.stages[event.stage or 0]
            operation = stage.operation.name or step_name(stage)
            when = f"{operation} succeeds in step {stage.number}"
        if event.new:
            when = f"New event: {when[:1].lower()}{when[1:]}"
        rows.append(
            EventContract(
                event=event.name,
                module=event.publisher,
                payload=_payload(architecture, event),
                when=when,
            )
        )
    return tuple(rows)


def shared_types(architecture: Architecture, flow: Flow, saga: Saga) -> str:
    """Shared Types: the data that crosses module boundaries, with its owner and readers."""
    crossing: dict[str, tuple[str, list[str]]] = {}
    for link in flow.links:
        source = flow.stages[link.source]
        target = flow.stages[link.target]
        if link.kind is LinkKind.READ:
            name, owner, reader = source.state, source.module, target.module
        elif link.kind is LinkKind.EVENT:
            name, owner, reader = link.name, source.module, target.module
        else:
            name, owner, reader = output_name(flow, target.index), target.module, source.module
        _, readers = crossing.setdefault(name, (owner, []))
        if reader not in readers and reader != owner:
            readers.append(reader)
    if saga.failure_event is not None and saga.pivot is not None:
        crossing.setdefault(
            saga.failure_event, (flow.stages[saga.pivot].module, list(saga.failure_subscribers))
        )
    lines = []
    for name, (owner, readers) in crossing.items():
        if not readers:
            continue
        fields = fields_of(module_of(architecture, owner), name)
        carries = f"; carries {', '.join(fields)}" if fields else ""
        lines.append(f"- `{name}`: owned by {owner}, read by {', '.join(readers)}{carries}")
    if not lines:
        return "No type crosses a module boundary: every step works on its own module's data."
    kernel = _kernel_types(architecture, flow)
    if kernel:
        lines.append(kernel)
    return (
        "Types that cross module boundaries:\n\n"
        + "\n".join(lines)
        + "\n\nTODO: the fields of each type; the architecture names only the identifiers above."
    )


def _kernel_types(architecture: Architecture, flow: Flow) -> str:
    """The shared kernel's value objects, which every module may use unchanged."""
    for module in architecture.modules:
        if module.value_objects and is_foundation(architecture, module):
            if module.name in flow.modules:
                return ""
            return f"- From {module.name}, unchanged: {', '.join(module.value_objects)}"
    return ""
