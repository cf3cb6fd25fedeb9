"""Dependencies matched to modules, and the checks of the dependency graph both readers share.

Only names of modules become dependencies. An unknown name is reported with a did-you-mean
and never becomes a module; an infrastructure product named as a dependency is recorded as
one of the module's external services instead.

Everything here is linear in the size of the document: names are looked up in dicts
(name, alias) and mentions in prose through one word index (:mod:`._mentions`), never by
trying every module against every line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from integration_spec.architecture._drafts import DependencyKind, DraftBook, ModuleDraft
from integration_spec.architecture._events import publications, published_events
from integration_spec.architecture._mentions import MentionIndex, build_index
from integration_spec.architecture._mermaid import DiagramCall
from integration_spec.architecture._relations import arrow_relations, relations_in
from integration_spec.architecture._text import (
    is_empty_value,
    is_infrastructure,
    parse_endpoint,
    plain,
    read_name,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.model.architecture import Module
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.names import name_key, suggest

_MISSPELLING = 0.8
"""Similarity above which an unknown dependency is taken for a misspelt module name."""
_MAX_NAME_WORDS = 3
"""A longer dependency is a phrase ("local git executable"), not a misspelt module name."""
_MAX_SUGGESTION_POOL = 500
"""Above this many modules, did-you-mean compares only names with the same first letter."""


@dataclass(frozen=True, slots=True)
class LooseStatement:
    """A line outside any module's section that may state dependencies between modules."""

    text: str
    line: int
    where: str
    arrows: bool
    """Whether ``A -> B`` arrows in the line mean dependencies (a dependency section, a drawing)."""
    verbs: bool = True
    """Whether "A calls B" sentences count (not in a drawing, whose words are labels)."""


@dataclass(frozen=True, slots=True)
class PlacedCall:
    """A call drawn in a diagram, with the construct it was drawn in."""

    call: DiagramCall
    where: str


def unknown_dependency(
    module: str, dependency: str, known: Sequence[str], *, path: str, line: int | None, strict: bool
) -> Diagnostic:
    """AX002 with a did-you-mean.

    Lenient (markdown) dependency cells mix modules with databases and prose, so an unknown
    name is a warning there only when it looks like a misspelt module name; otherwise info,
    and a phrase of several words gets no did-you-mean.
    """
    phrase = len(dependency.split()) > _MAX_NAME_WORDS
    pool = known
    if len(known) > _MAX_SUGGESTION_POOL:
        first = name_key(dependency)[:1]
        pool = [name for name in known if name_key(name)[:1] == first]
    close = [] if phrase and not strict else suggest(dependency, pool)
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


def mention_index(book: DraftBook) -> MentionIndex:
    """Every module's name and aliases, for finding them in prose."""
    return build_index((draft.name, [draft.name, *draft.aliases]) for draft in book.in_order())


def resolve_dependencies(
    book: DraftBook,
    path: str,
    calls: Sequence[PlacedCall] = (),
    statements: Sequence[LooseStatement] = (),
) -> list[Diagnostic]:
    """Turn every written dependency, drawn call and loose statement into a dependency.

    Only dependencies between modules of the document are kept.
    """
    drafts = book.in_order()
    names = [draft.name for draft in drafts]
    index = mention_index(book)
    diagnostics: list[Diagnostic] = []
    for draft in drafts:
        for ref in draft.dependency_refs:
            text = plain(ref.text).strip()
            if is_empty_value(text):
                continue
            if ref.kind is DependencyKind.PROSE:
                _prose(book, draft, text, ref.line, ref.construct, index)
                continue
            target = book.get(text) or book.get(read_name(text).name)
            matches = [target] if target else _mentioned(book, index, text)
            if target is draft and ref.kind is DependencyKind.EXPLICIT:
                diagnostics.append(_self_dependency(draft, ref.line, path))
                continue
            for match in matches:
                if ref.kind is DependencyKind.DEPENDENTS:
                    match.depend(draft.name, ref.line, ref.construct)
                else:
                    draft.depend(match.name, ref.line, ref.construct)
            if matches or ref.kind in (DependencyKind.PROSE_NAME, DependencyKind.DEPENDENTS):
                continue
            if ref.kind is DependencyKind.EXTERNAL or is_infrastructure(text):
                draft.add_values("external_services", [text], ref.line, ref.construct)
            else:
                diagnostics.append(
                    unknown_dependency(
                        draft.name, text, names, path=path, line=ref.line, strict=False
                    )
                )
    for placed in calls:
        _diagram_call(book, placed)
    for statement in statements:
        _statement(book, statement, index)
    return diagnostics


def _mentioned(book: DraftBook, index: MentionIndex, text: str) -> list[ModuleDraft]:
    found = [book.get(name) for name in index.find(text)]
    return [draft for draft in found if draft is not None]


def _prose(
    book: DraftBook, draft: ModuleDraft, text: str, line: int, where: str, index: MentionIndex
) -> None:
    """A sentence in ``draft``'s own section: the section's module is the default subject."""
    for relation in relations_in(text, index):
        source = book.get(relation.source) if relation.source else draft
        target = book.get(relation.target) if relation.target else draft
        if source is not None and target is not None and source is not target:
            source.depend(target.name, line, where.replace("line text", "sentence"))


def _statement(book: DraftBook, statement: LooseStatement, index: MentionIndex) -> None:
    """A line outside module sections: it must name both modules."""
    found = arrow_relations(statement.text, index) if statement.arrows else []
    if statement.verbs:
        found += relations_in(statement.text, index)
        for before, events in publications(plain(statement.text)):
            named = index.find(before)
            publisher = book.get(named[-1]) if named else None
            if publisher is not None:
                publisher.add_values("domain_events", events, statement.line, statement.where)
    for relation in found:
        if relation.source is None or relation.target is None:
            continue
        source, target = book.get(relation.source), book.get(relation.target)
        if source is not None and target is not None and source is not target:
            source.depend(target.name, statement.line, statement.where)


def _diagram_call(book: DraftBook, placed: PlacedCall) -> None:
    """A drawn call is a dependency; a request ``POST /orders`` is also the target's endpoint."""
    source = _node(book, placed.call.source)
    target = _node(book, placed.call.target)
    if source is not None and target is not None and source is not target:
        source.depend(target.name, placed.call.line, placed.where)
    if source is not None and placed.call.text:
        events = published_events(placed.call.text)
        if events:
            source.add_values("domain_events", events, placed.call.line, placed.where)
    request = " ".join(plain(placed.call.text).split()[:2])
    endpoint = parse_endpoint(request, require_method=True)
    if target is not None and endpoint is not None and endpoint.path.startswith("/"):
        target.add_endpoint(endpoint, placed.call.line, placed.where)


def _node(book: DraftBook, spellings: tuple[str, ...]) -> ModuleDraft | None:
    """The module a diagram node stands for, by its label (as a name) or its id."""
    for spelling in spellings:
        if not spelling:
            continue
        found = book.get(spelling) or book.get(read_name(spelling).name)
        if found is not None:
            return found
    return None


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
