"""The architecture's dependency graph and the spec's calls added to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from integration_spec.facts.modules import ModuleIndex, NameKind
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.spec import IntegrationSpec, SyncCall


def dependency_graph(architecture: Architecture) -> dict[str, set[str]]:
    """Declared dependencies as edges between module names (unknown targets dropped)."""
    graph: dict[str, set[str]] = {module.name: set() for module in architecture.modules}
    for module in architecture.modules:
        for dependency in module.dependencies:
            target = architecture.find(dependency)
            if target is not None and target is not module:
                graph[module.name].add(target.name)
    return graph


def find_path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """A path ``start -> ... -> goal`` (iterative depth-first search), or ``None``."""
    parents: dict[str, str | None] = {start: None}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            path = [node]
            while (parent := parents[path[-1]]) is not None:
                path.append(parent)
            return path[::-1]
        for successor in sorted(graph.get(node, ())):
            if successor not in parents:
                parents[successor] = node
                stack.append(successor)
    return None


@dataclass(frozen=True, slots=True)
class ResolvedCall:
    """A synchronous call whose two sides are participants known to the architecture."""

    call: SyncCall
    caller: Module
    callee: Module


def resolved_calls(spec: IntegrationSpec, modules: ModuleIndex) -> Iterator[ResolvedCall]:
    """The spec's calls between two different participant modules, in table order."""
    for call in spec.sync_calls:
        caller, callee = modules.resolve(call.caller), modules.resolve(call.callee)
        if not (caller.is_participant and callee.is_participant):
            continue
        if caller.kind is not NameKind.MODULE or callee.kind is not NameKind.MODULE:
            continue
        if (
            caller.module is not None
            and callee.module is not None
            and caller.module is not callee.module
        ):
            yield ResolvedCall(call, caller.module, callee.module)


def cycle_closing_calls(
    spec: IntegrationSpec, architecture: Architecture, modules: ModuleIndex
) -> dict[tuple[str, str], tuple[ResolvedCall, list[str]]]:
    """Calls that close a dependency cycle, by (caller, callee), with the cycle they close.

    Calls are added to the declared graph in table order; a call whose callee already
    reaches its caller closes a cycle and is not added, so two calls that only form a cycle
    together are reported once, at the second.
    """
    graph = dependency_graph(architecture)
    closing: dict[tuple[str, str], tuple[ResolvedCall, list[str]]] = {}
    for resolved in resolved_calls(spec, modules):
        caller, callee = resolved.caller.name, resolved.callee.name
        if callee in graph[caller] or (caller, callee) in closing:
            continue
        back = find_path(graph, callee, caller)
        if back is not None:
            closing[(caller, callee)] = (resolved, [caller, *back])
        else:
            graph[caller].add(callee)
    return closing
