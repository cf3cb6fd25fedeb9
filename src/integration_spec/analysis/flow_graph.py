"""The flow graph of a spec: modules and steps as nodes, typed edges, and what is wrong.

Edges: ``performs`` (module -> its step), ``flow`` (a step -> a later step that uses its
output, or the next step when that one has no trigger: an orchestrated sequence),
``event`` (the step or module publishing an event -> the step it triggers, and publisher ->
subscriber modules), ``call`` (caller -> callee) and ``state`` (owner -> reader). Findings:
dead ends, unreachable steps, involved modules never reached, cycles of synchronous calls,
events with no subscriber or no publisher.

networkx (docs/decisions/0007) is imported inside :func:`build_flow_graph`: it costs a few
hundred milliseconds, which commands that never draw the graph must not pay.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from integration_spec.facts.artifacts import artifact, event_key
from integration_spec.facts.modules import is_named, module_name
from integration_spec.facts.steps import step_label
from integration_spec.facts.text import plain
from integration_spec.model.analysis import AnalysisFinding, FlowGraphSummary, GraphEdge
from integration_spec.model.names import name_key, normalize_name
from integration_spec.model.spec import FlowStep, IntegrationSpec

STEP_EDGES = frozenset({"flow", "event"})
MODULE_EDGES = frozenset({"call", "event", "state"})


def step_node(number: int) -> str:
    """The node of 1-based step ``number``."""
    return f"step:{number}"


def module_node(name: str) -> str:
    """The node of a module, keyed so that spellings of one module meet."""
    return f"module:{name_key(module_name(name))}"


def build_flow_graph(spec: IntegrationSpec) -> Any:
    """A ``networkx.MultiDiGraph`` of the spec (attributes: ``kind``, ``label``, ``line``)."""
    import networkx as nx  # type: ignore[import-untyped]  # no stubs; imported lazily (0007)

    graph = nx.MultiDiGraph()
    for name in _module_names(spec):
        graph.add_node(module_node(name), kind="module", label=module_name(name))
    for number, step in enumerate(spec.flow_steps, start=1):
        graph.add_node(step_node(number), kind="step", label=plain(step.name), line=step.line)
        if is_named(step.module):
            graph.add_edge(module_node(step.module), step_node(number), kind="performs")
    for source, target, kind, label in _edges(spec):
        graph.add_edge(source, target, kind=kind, label=label)
    return graph


def analyse_flow(spec: IntegrationSpec) -> FlowGraphSummary:
    """The graph as plain lists, and its findings."""
    graph = build_flow_graph(spec)
    edges = tuple(
        GraphEdge(kind=data["kind"], source=source, target=target, label=data.get("label", ""))
        for source, target, data in graph.edges(data=True)
    )
    findings = [
        *_dead_ends(spec, graph),
        *_unreachable(spec, graph),
        *_call_cycles(spec, graph),
        *_event_ends(spec),
    ]
    return FlowGraphSummary(
        nodes=tuple(graph.nodes), edges=edges, findings=tuple(sorted(findings, key=_order))
    )


def _order(finding: AnalysisFinding) -> tuple[int, str]:
    return finding.line or 0, finding.kind


def _module_names(spec: IntegrationSpec) -> list[str]:
    names = [row.module for row in spec.modules]
    names += [step.module for step in spec.flow_steps]
    names += [cell for call in spec.sync_calls for cell in (call.caller, call.callee)]
    names += [event.publisher for event in spec.async_events]
    names += [name for event in spec.async_events for name in event.subscribers]
    names += [entry.owner for entry in spec.shared_state]
    names += [name for entry in spec.shared_state for name in entry.readers]
    unique: dict[str, str] = {}
    for name in names:
        if is_named(name):
            unique.setdefault(module_node(name), name)
    return list(unique.values())


def _consumes(step: FlowStep, key: str) -> bool:
    return any(key in normalize_name(plain(text)) for text in (step.input, step.trigger) if text)


def _triggered(step: FlowStep) -> bool:
    return step.trigger is not None and is_named(step.trigger)


def _publishers(spec: IntegrationSpec) -> dict[str, list[str]]:
    """Event key -> publishing module names (Asynchronous Events and Events Published)."""
    found: dict[str, list[str]] = {}
    for event in spec.async_events:
        if is_named(event.event) and is_named(event.publisher):
            found.setdefault(event_key(event.event), []).append(event.publisher)
    for contract in spec.events_published:
        if is_named(contract.event) and is_named(contract.module):
            found.setdefault(event_key(contract.event), []).append(contract.module)
    return found


def _edges(spec: IntegrationSpec) -> Iterator[tuple[str, str, str, str]]:
    steps = spec.flow_steps
    publishers = _publishers(spec)
    for index, step in enumerate(steps):
        number = index + 1
        produced = artifact(step.output)
        consumers = []
        if produced is not None:
            key = normalize_name(produced)
            consumers = [
                later for later in range(index + 1, len(steps)) if _consumes(steps[later], key)
            ]
        for later in consumers:
            yield step_node(number), step_node(later + 1), "flow", produced or ""
        following = index + 1
        if (
            following < len(steps)
            and not _triggered(steps[following])
            and following not in consumers
        ):
            yield step_node(number), step_node(following + 1), "flow", ""
        if _triggered(step):
            yield from _trigger_edges(spec, index, publishers)
    for call in spec.sync_calls:
        if is_named(call.caller) and is_named(call.callee):
            yield module_node(call.caller), module_node(call.callee), "call", plain(call.method)
    for event in spec.async_events:
        for subscriber in event.subscribers:
            if is_named(event.publisher) and is_named(subscriber):
                yield (
                    module_node(event.publisher),
                    module_node(subscriber),
                    "event",
                    plain(event.event),
                )
    for entry in spec.shared_state:
        for reader in entry.readers:
            if is_named(entry.owner) and is_named(reader):
                yield module_node(entry.owner), module_node(reader), "state", plain(entry.data)


def _trigger_edges(
    spec: IntegrationSpec, index: int, publishers: dict[str, list[str]]
) -> Iterator[tuple[str, str, str, str]]:
    """Edges into a triggered step from the earlier steps that can fire it.

    Those whose output is the event, or whose module publishes it; a later step of the
    flow cannot fire an earlier one.
    """
    steps = spec.flow_steps
    trigger = steps[index].trigger or ""
    key = event_key(trigger)
    modules = {module_node(name) for name in publishers.get(key, [])}
    for earlier in range(index):
        step = steps[earlier]
        output = artifact(step.output)
        emits = output is not None and normalize_name(output) == key
        if emits or (is_named(step.module) and module_node(step.module) in modules):
            yield step_node(earlier + 1), step_node(index + 1), "event", plain(trigger)


def _dead_ends(spec: IntegrationSpec, graph: Any) -> Iterator[AnalysisFinding]:
    steps = spec.flow_steps
    subscribed = {
        event_key(event.event)
        for event in spec.async_events
        if any(map(is_named, event.subscribers))
    }
    shared = [normalize_name(entry.data) for entry in spec.shared_state if entry.readers]
    for index, step in enumerate(steps[:-1]):
        produced = artifact(step.output)
        if produced is None:
            continue
        key = normalize_name(produced)
        used_later = any(
            key in normalize_name(plain(text))
            for later in steps[index + 1 :]
            for text in (later.input, later.trigger, later.action)
            if text
        )
        if used_later or event_key(produced) in subscribed or any(key in s for s in shared):
            continue
        yield AnalysisFinding(
            kind="dead-end",
            message=f"output '{produced}' of {step_label(index, step)} is used by no later "
            "step, subscriber or reader",
            line=step.field_lines.get("output", step.line),
            steps=(index + 1,),
            hint="name it in a later step's Input or Trigger, or publish it with subscribers",
            related_rule="DF004",
        )


def _unreachable(spec: IntegrationSpec, graph: Any) -> Iterator[AnalysisFinding]:
    import networkx as nx

    steps = spec.flow_steps
    if not steps:
        return
    flow = nx.DiGraph(
        (source, target)
        for source, target, kind in graph.edges(data="kind")
        if kind in STEP_EDGES and source.startswith("step:") and target.startswith("step:")
    )
    flow.add_nodes_from(step_node(number) for number in range(1, len(steps) + 1))
    reached_steps = {step_node(1)} | nx.descendants(flow, step_node(1))
    for index, step in enumerate(steps):
        if step_node(index + 1) in reached_steps:
            continue
        if _triggered(step):
            why = (
                f"its trigger '{plain(step.trigger or '')}' is output by no earlier step and "
                "published by no module of an earlier step"
            )
        else:
            why = "it follows only steps that are never reached"
        yield AnalysisFinding(
            kind="unreachable-step",
            message=f"{step_label(index, step)} is never reached from step 1: {why}",
            line=step.field_lines.get("trigger", step.line),
            steps=(index + 1,),
            hint="let an earlier step output the event, or list its publisher under "
            "Asynchronous Events",
        )
    modules = nx.DiGraph(
        (source, target)
        for source, target, kind in graph.edges(data="kind")
        if kind in MODULE_EDGES
    )
    reached = {
        module_node(step.module)
        for index, step in enumerate(steps)
        if is_named(step.module) and step_node(index + 1) in reached_steps
    }
    for start in list(reached):
        if start in modules:
            reached |= nx.descendants(modules, start)
    for row in spec.modules:
        if is_named(row.module) and module_node(row.module) not in reached:
            yield AnalysisFinding(
                kind="module-not-reached",
                message=f"'{module_name(row.module)}' is involved but the flow never reaches "
                "it: no reached step is its, and no call, event or shared state leads to it",
                line=row.line,
                modules=(module_name(row.module),),
                hint="add its step, or the call or event through which it takes part",
                related_rule="DF005",
            )


def _call_cycles(spec: IntegrationSpec, graph: Any) -> Iterator[AnalysisFinding]:
    import networkx as nx

    calls = nx.DiGraph(
        (source, target)
        for source, target, kind in graph.edges(data="kind")
        if kind == "call" and source != target
    )
    labels = dict(graph.nodes(data="label"))
    lines = {
        (module_node(call.caller), module_node(call.callee)): call.line
        for call in reversed(spec.sync_calls)
        if is_named(call.caller) and is_named(call.callee)
    }
    for cycle in sorted(_canonical(nx.simple_cycles(calls))):
        names = [labels.get(node, node) for node in cycle]
        closing = (cycle[-1], cycle[0])
        yield AnalysisFinding(
            kind="call-cycle",
            message="synchronous calls form a cycle: " + " -> ".join([*names, names[0]]),
            line=lines.get(closing),
            modules=tuple(names),
            hint="replace one of the calls by an event so the modules no longer wait on each other",
            related_rule="AR007",
        )


def _canonical(cycles: Iterable[list[str]]) -> list[list[str]]:
    """Each cycle rotated to start at its smallest node, so output order is stable."""
    found = []
    for cycle in cycles:
        start = cycle.index(min(cycle))
        found.append(cycle[start:] + cycle[:start])
    return found


def _event_ends(spec: IntegrationSpec) -> Iterator[AnalysisFinding]:
    triggers = {event_key(step.trigger) for step in spec.flow_steps if step.trigger}
    subscribed = {
        event_key(event.event)
        for event in spec.async_events
        if any(map(is_named, event.subscribers))
    }
    for event in spec.async_events:
        if not is_named(event.event):
            continue
        if not any(map(is_named, event.subscribers)) and event_key(event.event) not in triggers:
            yield AnalysisFinding(
                kind="event-without-subscriber",
                message=f"event '{plain(event.event)}' has no subscriber",
                line=event.line,
                hint="name who handles it, or drop it",
                related_rule="CO004",
            )
        if not is_named(event.publisher):
            yield AnalysisFinding(
                kind="event-without-publisher",
                message=f"event '{plain(event.event)}' names no publisher",
                line=event.line,
                hint="name the module that publishes it",
                related_rule="CO003",
            )
    declared = {event_key(event.event) for event in spec.async_events}
    for contract in spec.events_published:
        key = event_key(contract.event)
        if is_named(contract.event) and key not in declared and key not in triggers:
            yield AnalysisFinding(
                kind="event-without-subscriber",
                message=f"published event '{plain(contract.event)}' has no subscriber",
                line=contract.line,
                hint="add it to Asynchronous Events with its subscribers",
                related_rule="CO004",
            )
    published = set(_publishers(spec)) | {
        normalize_name(output)
        for step in spec.flow_steps
        if (output := artifact(step.output)) is not None
    }
    for index, step in enumerate(spec.flow_steps):
        if not step.trigger or not is_named(step.trigger):
            continue
        key = event_key(step.trigger)
        if key and key not in published and key not in subscribed:
            yield AnalysisFinding(
                kind="event-without-publisher",
                message=f"{step_label(index, step)} is triggered by '{plain(step.trigger)}', "
                "which no step outputs and no module publishes",
                line=step.field_lines.get("trigger", step.line),
                steps=(index + 1,),
                hint="list the event under Asynchronous Events with its publisher",
                related_rule="CO003",
            )
