"""Diagrams drawn from the model, never typed by hand.

A Mermaid flowchart, a Mermaid sequence diagram, and the seed's ASCII arrows
(``[A] ──(data)──> [B]``).

Every element comes from the spec (steps, calls, events, shared state, the saga plan), so
a diagram can be regenerated whenever the spec changes and never drifts from it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from integration_spec.facts.artifacts import artifact
from integration_spec.facts.modules import is_named, module_name
from integration_spec.facts.text import plain
from integration_spec.model.analysis import Diagrams, FailurePoint, SagaPlan
from integration_spec.model.names import name_key
from integration_spec.model.spec import FlowStep, IntegrationSpec

ASCII_ARROWS_PER_LINE = 3
"""Arrows per line of the ASCII diagram, as in the seed's example (about 100 columns)."""


@dataclass(frozen=True, slots=True)
class Hop:
    """Data passing from one step's module to the next step's module."""

    source: str
    target: str
    data: str
    asynchronous: bool


def draw(spec: IntegrationSpec, plan: SagaPlan | None = None) -> Diagrams:
    """All three diagrams of ``spec``; the sequence diagram shows the plan's rollback."""
    return Diagrams(
        mermaid_flowchart=mermaid_flowchart(spec),
        mermaid_sequence=mermaid_sequence(spec, plan),
        ascii=ascii_flow(spec),
    )


def hops(spec: IntegrationSpec) -> list[Hop]:
    """Each change of module between consecutive steps, with what the first step hands on."""
    found = []
    steps = [step for step in spec.flow_steps if is_named(step.module)]
    for before, step in itertools.pairwise(steps):
        source, target = module_name(before.module), module_name(step.module)
        if name_key(source) == name_key(target):
            continue
        found.append(Hop(source, target, _data(before, step), bool(step.trigger)))
    return found


def _data(before: FlowStep, step: FlowStep) -> str:
    for text in (before.output, step.trigger, step.input):
        named = artifact(text)
        if named is not None:
            return named
    short = plain(before.output or "").split("(", 1)[0].strip()
    return short[:40] or "data"


# --- Mermaid -------------------------------------------------------------------------------


def _node_id(name: str) -> str:
    key = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in name_key(name))
    return f"m_{key or 'unnamed'}"


_MERMAID_ESCAPES = str.maketrans({"#": "#35;", '"': "#quot;", ";": "#59;", "\n": " "})


def _text(value: str) -> str:
    """Text safe inside a Mermaid label or message (entity codes, one pass)."""
    return plain(value).translate(_MERMAID_ESCAPES)


def _modules(spec: IntegrationSpec) -> list[str]:
    names = [row.module for row in spec.modules] + [step.module for step in spec.flow_steps]
    names += [name for call in spec.sync_calls for name in (call.caller, call.callee)]
    names += [event.publisher for event in spec.async_events]
    names += [name for event in spec.async_events for name in event.subscribers]
    unique: dict[str, str] = {}
    for name in names:
        if is_named(name):
            unique.setdefault(_node_id(module_name(name)), module_name(name))
    return list(unique.values())


def mermaid_flowchart(spec: IntegrationSpec) -> str:
    """``flowchart LR``: solid data flow, dotted calls, thick events, circle-ended state."""
    lines = [
        "flowchart LR",
        "    %% solid: data flow, dotted: synchronous call, thick: event, o: shared state",
    ]
    lines += [f'    {_node_id(name)}["{_text(name)}"]' for name in _modules(spec)]
    seen: set[str] = set()
    for line in _flowchart_edges(spec):
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return "\n".join(lines) + "\n"


def _flowchart_edges(spec: IntegrationSpec) -> Iterator[str]:
    for hop in hops(spec):
        arrow = "==>" if hop.asynchronous else "-->"
        yield f'    {_node_id(hop.source)} {arrow}|"{_text(hop.data)}"| {_node_id(hop.target)}'
    for call in spec.sync_calls:
        if is_named(call.caller) and is_named(call.callee):
            yield (
                f"    {_node_id(module_name(call.caller))} -.->|"
                f'"{_text(call.method)}"| {_node_id(module_name(call.callee))}'
            )
    for event in spec.async_events:
        for subscriber in event.subscribers:
            if is_named(event.publisher) and is_named(subscriber):
                yield (
                    f"    {_node_id(module_name(event.publisher))} ==>|"
                    f'"{_text(event.event)}"| {_node_id(module_name(subscriber))}'
                )
    for entry in spec.shared_state:
        for reader in entry.readers:
            if is_named(entry.owner) and is_named(reader):
                yield (
                    f"    {_node_id(module_name(entry.owner))} --o|"
                    f'"{_text(entry.data)}"| {_node_id(module_name(reader))}'
                )


def mermaid_sequence(spec: IntegrationSpec, plan: SagaPlan | None = None) -> str:
    """``sequenceDiagram`` of the steps; with a plan, the rollback of its deepest failure."""
    lines = ["sequenceDiagram"]
    lines += [
        f"    participant {_node_id(name)} as {_text(name)}"
        for name in _modules(spec)
        if any(name_key(name) == name_key(module_name(s.module)) for s in spec.flow_steps)
    ]
    previous: FlowStep | None = None
    for number, step in enumerate(spec.flow_steps, start=1):
        if not is_named(step.module):
            continue
        here = _node_id(module_name(step.module))
        if previous is not None:
            there = _node_id(module_name(previous.module))
            if there != here:
                arrow = "-)" if step.trigger else "->>"
                lines.append(f"    {there}{arrow}{here}: {_text(_data(previous, step))}")
        lines.append(f"    Note over {here}: {number}. {_text(step.name)}")
        previous = step
    if plan is not None:
        lines += _rollback(spec, plan)
    return "\n".join(lines) + "\n"


def _rollback(spec: IntegrationSpec, plan: SagaPlan) -> list[str]:
    """An ``opt`` block for the failure point with the longest compensation list."""
    point: FailurePoint | None = max(
        (p for p in plan.failure_points if p.compensations),
        key=lambda p: (len(p.compensations), p.step),
        default=None,
    )
    if point is None:
        return []
    failing = spec.flow_steps[point.step - 1]
    if not is_named(failing.module):
        return []
    source = _node_id(module_name(failing.module))
    lines = [f"    opt step {point.step} ({_text(failing.name)}) fails"]
    for action in point.compensations:
        lines.append(f"        {source}->>{_node_id(action.module)}: {_text(action.action)}")
    lines.append("    end")
    return lines


# --- ASCII --------------------------------------------------------------------------------


def ascii_flow(spec: IntegrationSpec) -> str:
    """The seed's arrows: ``[A] ──(data)──> [B]``, a few per line, each line continuing."""
    found = hops(spec)
    if not found:
        modules = [module_name(s.module) for s in spec.flow_steps if is_named(s.module)]
        return f"[{modules[0]}]\n" if modules else ""
    lines: list[str] = []
    current: list[Hop] = []
    for hop in found:
        joined = not current or name_key(current[-1].target) == name_key(hop.source)
        if current and (len(current) == ASCII_ARROWS_PER_LINE or not joined):
            lines.append(_ascii_line(current))
            current = []
        current.append(hop)
    lines.append(_ascii_line(current))
    return "\n".join(lines) + "\n"


def _ascii_line(chain: Sequence[Hop]) -> str:
    parts = [f"[{chain[0].source}]"]
    for hop in chain:
        parts.append(f"──({hop.data})──> [{hop.target}]")
    return " ".join(parts)
