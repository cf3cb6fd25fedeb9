"""Dependencies matched to modules, and the checks of the dependency graph both readers share.

Only names of modules become dependencies. An unknown name is reported with a did-you-mean
and never becomes a module; an infrastructure product named as a dependency is recorded as
one of the module's external services instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from integration_spec.architecture._drafts import DependencyKind, DraftBook, ModuleDraft
from integration_spec.architecture._text import (
    is_empty_value,
    is_infrastructure,
    mentioned,
    name_patterns,
    plain,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.model.architecture import Module
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.names import name_key, suggest

_MISSPELLING = 0.8
"""Similarity above which an unknown dependency is taken for a misspelt module name."""
_MAX_NAME_WORDS = 3
"""A longer dependency is a phrase ("local git executable"), not a misspelt module name."""


def unknown_dependency(
    module: str, dependency: str, known: Sequence[str], *, path: str, line: int | None, strict: bool
) -> Diagnostic:
    """AX002 with a did-you-mean.

    Lenient (markdown) dependency cells mix modules with databases and prose, so an unknown
    name is a warning there only when it looks like a misspelt module name; otherwise info,
    and a phrase of several words gets no did-you-mean.
    """
    phrase = len(dependency.split()) > _MAX_NAME_WORDS
    close = [] if phrase and not strict else suggest(dependency, known)
    hint = f"did you mean {' or '.join(repr(name) for name in close)}?" if close else None
    misspelt = any(
        SequenceMatcher(None, name_key(dependency), name_key(name)).ratio() >= _MISSPELLING
        for name in close
    )
    severity = Severity.WARNING if strict or misspelt else Severity.INFO
    return report(
        ArchitectureCode.UNKNOWN_DEPENDENCY,
        f"module {module!r} depends on {dependency!r}, which is not a module of this "
        "architecture; the dependency is skipped",
        path=path,
        line=line,
        hint=hint,
        severity=severity,
    )


def resolve_dependencies(book: DraftBook, path: str) -> list[Diagnostic]:
    """Turn every draft's written dependencies into module names."""
    drafts = book.in_order()
    names = [draft.name for draft in drafts]
    patterns = [(draft.name, name_patterns(draft.name)) for draft in drafts]
    diagnostics: list[Diagnostic] = []
    for draft in drafts:
        others = [(name, found) for name, found in patterns if name != draft.name]
        for ref in draft.dependency_refs:
            text = plain(ref.text).strip()
            if is_empty_value(text):
                continue
            target = book.get(text)
            if target is draft:
                if ref.kind is DependencyKind.EXPLICIT:
                    diagnostics.append(_self_dependency(draft, ref.line, path))
                continue
            matches = [target.name] if target else mentioned(text, others)
            for name in matches:
                _depend(draft, name, ref.line)
            if matches or ref.kind is DependencyKind.PROSE:
                continue
            if ref.kind is DependencyKind.EXTERNAL or is_infrastructure(text):
                draft.add_values("external_services", [text], ref.line)
            else:
                diagnostics.append(
                    unknown_dependency(
                        draft.name, text, names, path=path, line=ref.line, strict=False
                    )
                )
    return diagnostics


def _depend(draft: ModuleDraft, name: str, line: int) -> None:
    if name not in draft.dependencies:
        draft.dependencies.append(name)
        draft.note_line("dependencies", line)


def _self_dependency(draft: ModuleDraft, line: int, path: str) -> Diagnostic:
    return report(
        ArchitectureCode.DEPENDENCY_CYCLE,
        f"module {draft.name!r} lists itself as a dependency",
        path=path,
        line=line,
    )


def check_graph(modules: Sequence[Module], path: str) -> list[Diagnostic]:
    """Dependency cycles (AX006) and dependencies on a same or later phase (AX007)."""
    return _cycles(modules, path) + _phase_order(modules, path)


def _phase_order(modules: Sequence[Module], path: str) -> list[Diagnostic]:
    by_key = {name_key(module.name): module for module in modules}
    diagnostics: list[Diagnostic] = []
    for module in modules:
        for dependency in module.dependencies:
            other = by_key.get(name_key(dependency))
            if other is None or other is module or module.phase is None or other.phase is None:
                continue
            if other.phase >= module.phase:
                same = "the same" if other.phase == module.phase else "a later"
                diagnostics.append(
                    report(
                        ArchitectureCode.PHASE_ORDER,
                        f"module {module.name!r} (phase {module.phase}) depends on "
                        f"{other.name!r} (phase {other.phase}), {same} phase",
                        path=path,
                        line=module.lines.get("dependencies", module.line),
                        hint="a module may only depend on modules of a lower build phase",
                    )
                )
    return diagnostics


def _cycles(modules: Sequence[Module], path: str) -> list[Diagnostic]:
    keys = [name_key(module.name) for module in modules]
    index_of = {key: index for index, key in enumerate(keys)}
    edges = [
        [index_of[name_key(d)] for d in module.dependencies if name_key(d) in index_of]
        for module in modules
    ]
    diagnostics: list[Diagnostic] = []
    for component in _strongly_connected(edges):
        if len(component) == 1 and component[0] not in edges[component[0]]:
            continue
        cycle = _cycle_through(min(component), set(component), edges)
        names = " -> ".join(repr(modules[index].name) for index in cycle)
        first = modules[cycle[0]]
        diagnostics.append(
            report(
                ArchitectureCode.DEPENDENCY_CYCLE,
                f"dependency cycle: {names}",
                path=path,
                line=first.lines.get("dependencies", first.line),
                hint="break the cycle with a domain event or by moving the shared part down",
            )
        )
    return diagnostics


def _strongly_connected(edges: list[list[int]]) -> list[list[int]]:
    """Tarjan's algorithm without recursion (documents may be large)."""
    index = 0
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    components: list[list[int]] = []
    for start in range(len(edges)):
        if start in order:
            continue
        work = [(start, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                order[node] = low[node] = index
                index += 1
                stack.append(node)
                on_stack.add(node)
            if next_edge < len(edges[node]):
                work.append((node, next_edge + 1))
                target = edges[node][next_edge]
                if target not in order:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], order[target])
                continue
            if low[node] == order[node]:
                component: list[int] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(components)


def _cycle_through(start: int, members: set[int], edges: list[list[int]]) -> list[int]:
    """Find a shortest path from ``start`` back to itself inside one strongly connected set."""
    previous: dict[int, int] = {}
    frontier = [start]
    while frontier:
        following: list[int] = []
        for node in frontier:
            for target in edges[node]:
                if target not in members:
                    continue
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return [start, start]
