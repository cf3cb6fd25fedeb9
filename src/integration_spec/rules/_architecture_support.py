"""Helpers of the Architecture, Coordination and Boundaries rules: spec against architecture.

Every rule that compares a name with the architecture goes through :func:`resolve`, so all of
them agree on what "unknown" means, and only the Architecture rules report unknown names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.names import name_key, suggest
from integration_spec.model.spec import IntegrationSpec, SyncCall
from integration_spec.rules.common import has_todo, involvement, is_blank, plain

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_CATCH_ALL = {"all", "allmodules", "every", "everymodule", "everything", "*"}
_FOUNDATION_NAMES = {"foundation", "sharedkernel", "kernel", "shared", "common"}
_PATH_PARAMETER = re.compile(r"\{[^}]*\}|<[^>]*>|:[A-Za-z_]\w*")


@cache
def module_name(text: str) -> str:
    """A module name as written, without markup and without a trailing ``(note)``."""
    return _TRAILING_NOTE.sub("", plain(text)).strip()


@cache
def is_named(text: str | None) -> bool:
    """Whether a cell names something: not a placeholder, not a ``TODO``, not "all"."""
    if text is None or is_blank(text) or has_todo(text):
        return False
    return name_key(module_name(text)) not in _CATCH_ALL and bool(name_key(module_name(text)))


def usable(architecture: Architecture | None) -> Architecture | None:
    """The architecture when it names modules; an unread one is the reader's problem (AX)."""
    if architecture is None or not architecture.modules:
        return None
    return architecture


def resolve(architecture: Architecture | None, name: str) -> Module | None:
    """The architecture's module called ``name`` (any spelling, notes dropped)."""
    if architecture is None or not is_named(name):
        return None
    return architecture.find(module_name(name))


def is_unknown(architecture: Architecture | None, name: str) -> bool:
    """Whether the Architecture rules report ``name`` as absent from the architecture."""
    usable_architecture = usable(architecture)
    if usable_architecture is None or not is_named(name):
        return False
    return usable_architecture.find(module_name(name)) is None


def is_involved(spec: IntegrationSpec, name: str) -> bool:
    """Whether ``name`` (notes dropped) is a row of Modules Involved."""
    return involvement(spec, module_name(name)) is not None


def is_participant(spec: IntegrationSpec, architecture: Architecture | None, name: str) -> bool:
    """A named, involved module the architecture knows (or no architecture to ask).

    Rules about what a module does skip every other name: an unknown or uninvolved module
    is reported once, by the rule whose business it is.
    """
    return is_named(name) and is_involved(spec, name) and not is_unknown(architecture, name)


def misspelled_row(spec: IntegrationSpec, architecture: Architecture | None, name: str) -> bool:
    """Whether ``name`` is close to a Modules Involved row the architecture does not know.

    Then the row is the misspelling, AR001 reports it (with ``name`` as its did-you-mean),
    and a rule that would call ``name`` uninvolved stays silent.
    """
    if usable(architecture) is None or not is_named(name):
        return False
    unknown = [row.module for row in spec.modules if is_unknown(architecture, row.module)]
    return bool(unknown) and bool(suggest(module_name(name), map(module_name, unknown), limit=1))


def external_owner(architecture: Architecture | None, name: str) -> Module | None:
    """The module that uses ``name`` as an external service (``Stripe`` -> payments)."""
    if architecture is None:
        return None
    key = name_key(module_name(name))
    for module in architecture.modules:
        if any(name_key(service) == key for service in module.external_services):
            return module
    return None


def is_foundation(architecture: Architecture, module: Module) -> bool:
    """The shared kernel every module may use: named so, or depended on by all others."""
    if name_key(module.name) in _FOUNDATION_NAMES:
        return True
    others = [other for other in architecture.modules if other is not module]
    return len(others) >= 2 and all(other.depends_on(module.name) for other in others)


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


def resolved_calls(spec: IntegrationSpec, architecture: Architecture) -> Iterator[ResolvedCall]:
    """The spec's calls between two different participants, in table order."""
    for call in spec.sync_calls:
        if not (
            is_participant(spec, architecture, call.caller)
            and is_participant(spec, architecture, call.callee)
        ):
            continue
        caller = resolve(architecture, call.caller)
        callee = resolve(architecture, call.callee)
        if caller is not None and callee is not None and caller is not callee:
            yield ResolvedCall(call, caller, callee)


def cycle_closing_calls(
    spec: IntegrationSpec, architecture: Architecture
) -> dict[tuple[str, str], tuple[ResolvedCall, list[str]]]:
    """Calls that close a dependency cycle, by (caller, callee), with the cycle they close.

    Calls are added to the declared graph in table order; a call whose callee already
    reaches its caller closes a cycle and is not added, so two calls that only form a cycle
    together are reported once, at the second.
    """
    graph = dependency_graph(architecture)
    closing: dict[tuple[str, str], tuple[ResolvedCall, list[str]]] = {}
    for resolved in resolved_calls(spec, architecture):
        caller, callee = resolved.caller.name, resolved.callee.name
        if callee in graph[caller] or (caller, callee) in closing:
            continue
        back = find_path(graph, callee, caller)
        if back is not None:
            closing[(caller, callee)] = (resolved, [caller, *back])
        else:
            graph[caller].add(callee)
    return closing


def endpoint_key(method: str, path: str) -> tuple[str, str] | None:
    """``(METHOD, /path/{})`` with parameters, case and a trailing slash ignored."""
    method_text, path_text = plain(method).upper(), plain(path)
    if not method_text or not path_text.startswith("/"):
        return None
    path_text = _PATH_PARAMETER.sub("{}", path_text.split("?", 1)[0]).rstrip("/") or "/"
    return method_text, path_text.casefold()


def endpoint_from_text(text: str) -> tuple[str, str] | None:
    """An endpoint written in one cell, such as ``POST /carts/{id}/items``."""
    parts = plain(text).split()
    if len(parts) == 2 and parts[0].isalpha() and parts[1].startswith("/"):
        return endpoint_key(parts[0], parts[1])
    return None
