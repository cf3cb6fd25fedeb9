"""Bounded-context boundaries: who writes whose data, and which way calls may go.

The checker reports the same problems one rule at a time (BC001-BC004, AR006, AR007);
here they are gathered into one view of the integration's boundaries, through the very
helpers the rules use, so ``check`` and ``analyze`` never disagree on a fact. Without an
architecture only the spec's own declarations are compared (shared-state owners, roles,
coordination points).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_spec.analysis.report import AnalysisFinding
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import name_key
from integration_spec.model.spec import IntegrationSpec
from integration_spec.rules._architecture_support import (
    cycle_closing_calls,
    is_foundation,
    is_named,
    is_participant,
    module_name,
    resolve,
    resolved_calls,
    usable,
)
from integration_spec.rules._dataflow_support import calls_from, links, step_label, words
from integration_spec.rules.boundaries import foreign_state_writes, table_references, write_verb
from integration_spec.rules.common import involvement, plain

_CLAUSE = re.compile(r"[,;:()]|\band\b|\bthen\b|\.\s|\.$")


def analyse_boundaries(
    spec: IntegrationSpec, architecture: Architecture | None
) -> tuple[AnalysisFinding, ...]:
    """Every boundary finding, in line order."""
    known = usable(architecture)
    findings = [
        *_foreign_state(spec, known),
        *_undeclared_crossings(spec, known),
        *_consumer_writes(spec, known),
    ]
    if known is not None:
        findings += [
            *_foreign_tables(spec, known),
            *_calls_against_dependencies(spec, known),
            *_new_cycles(spec, known),
        ]
    return tuple(sorted(findings, key=lambda finding: (finding.line or 0, finding.kind)))


def _foreign_state(
    spec: IntegrationSpec, architecture: Architecture | None
) -> Iterator[AnalysisFinding]:
    for index, step, verb, data, owner in foreign_state_writes(spec, architecture):
        yield AnalysisFinding(
            kind="writes-foreign-data",
            message=f"{step_label(index, step)} of '{module_name(step.module)}' writes "
            f"('{verb}') '{data}', which '{owner}' owns",
            line=step.field_lines.get("action", step.line),
            steps=(index + 1,),
            modules=(module_name(step.module), owner),
            hint=f"let '{owner}' change it through a command or an event",
            related_rule="BC001",
        )


def _foreign_tables(spec: IntegrationSpec, architecture: Architecture) -> Iterator[AnalysisFinding]:
    owners = {
        table.casefold(): module.name for module in architecture.modules for table in module.tables
    }
    if not owners:
        return
    for index, step in enumerate(spec.flow_steps):
        module = resolve(architecture, step.module)
        if module is None:
            continue
        reported: set[str] = set()
        for clause in _CLAUSE.split(step.action or ""):
            if write_verb(clause) is None and "into" not in words(clause):
                continue
            for table in table_references(clause):
                owner = owners.get(table)
                if owner is None or owner == module.name or table in reported:
                    continue
                reported.add(table)
                yield AnalysisFinding(
                    kind="writes-foreign-table",
                    message=f"{step_label(index, step)} of '{module.name}' writes table "
                    f"'{table}', which belongs to '{owner}'",
                    line=step.field_lines.get("action", step.line),
                    steps=(index + 1,),
                    modules=(module.name, owner),
                    hint=f"call a command of '{owner}' instead of writing its table",
                    related_rule="BC004",
                )


def _undeclared_crossings(
    spec: IntegrationSpec, architecture: Architecture | None
) -> Iterator[AnalysisFinding]:
    found = links(spec)
    linked = set().union(*found.values())
    callers = calls_from(spec)
    seen: set[frozenset[str]] = set()
    steps = spec.flow_steps
    for index in range(1, len(steps)):
        before, step = steps[index - 1], steps[index]
        if not (
            is_participant(spec, architecture, before.module)
            and is_participant(spec, architecture, step.module)
        ):
            continue
        source, target = name_key(module_name(before.module)), name_key(module_name(step.module))
        pair = frozenset((source, target))
        if source == target or pair in seen:
            continue
        seen.add(pair)
        orchestrated = any(
            target in callees and frozenset((caller, source)) in linked
            for caller, callees in callers.items()
        )
        if pair in linked or orchestrated:
            continue
        yield AnalysisFinding(
            kind="undeclared-crossing",
            message=f"data passes from '{module_name(before.module)}' (step {index}) to "
            f"'{module_name(step.module)}' (step {index + 1}) with no declared call, event "
            "or shared state between them",
            line=step.line,
            steps=(index, index + 1),
            modules=(module_name(before.module), module_name(step.module)),
            hint="add the Synchronous Calls, Asynchronous Events or Shared State row that "
            "carries it",
            related_rule="BC002",
        )


def _consumer_writes(
    spec: IntegrationSpec, architecture: Architecture | None
) -> Iterator[AnalysisFinding]:
    writes: list[tuple[int, str, str, tuple[int, ...]]] = []
    for event in spec.async_events:
        if is_named(event.event):
            writes.append((event.line or 0, event.publisher, f"publishes '{event.event}'", ()))
    for index, step in enumerate(spec.flow_steps):
        verb = write_verb(step.action)
        if verb is not None:
            line = step.field_lines.get("action", step.line) or 0
            label = step_label(index, step)
            writes.append((line, step.module, f"writes data in {label} ('{verb}')", (index + 1,)))
    reported: set[str] = set()
    for line, name, what, steps in sorted(writes, key=lambda item: item[0]):
        if not is_participant(spec, architecture, name):
            continue
        key = name_key(module_name(name))
        row = involvement(spec, module_name(name))
        if key in reported or row is None or words(row.role)[:1] != ["consumer"]:
            continue
        reported.add(key)
        yield AnalysisFinding(
            kind="consumer-writes",
            message=f"'{module_name(name)}' is a Consumer but {plain(what)}",
            line=line or None,
            steps=steps,
            modules=(module_name(name),),
            hint="make its role Producer or Both, or move the write to the owning module",
            related_rule="BC003",
        )


def _calls_against_dependencies(
    spec: IntegrationSpec, architecture: Architecture
) -> Iterator[AnalysisFinding]:
    has_dependencies = any(module.dependencies for module in architecture.modules)
    cycles = cycle_closing_calls(spec, architecture)
    seen: set[tuple[str, str]] = set()
    for resolved in resolved_calls(spec, architecture):
        caller, callee = resolved.caller, resolved.callee
        pair = (caller.name, callee.name)
        if pair in seen or pair in cycles or is_foundation(architecture, callee):
            continue
        seen.add(pair)
        method = plain(resolved.call.method)
        via = f" ({method})" if method else ""
        if has_dependencies and caller.depends_on(callee.name):
            continue
        if caller.phase is not None and callee.phase is not None and caller.phase <= callee.phase:
            where = "a higher" if caller.phase < callee.phase else "the same"
            yield AnalysisFinding(
                kind="call-into-higher-phase",
                message=f"'{caller.name}' (build phase {caller.phase}) calls "
                f"'{callee.name}'{via}, which is in {where} build phase ({callee.phase})",
                line=resolved.call.line,
                modules=pair,
                hint=f"let '{callee.name}' publish an event that '{caller.name}' handles",
                related_rule="AR006",
            )
        elif has_dependencies:
            yield AnalysisFinding(
                kind="call-against-dependencies",
                message=f"'{caller.name}' calls '{callee.name}'{via} but does not depend on "
                "it in the architecture",
                line=resolved.call.line,
                modules=pair,
                hint=f"add '{callee.name}' to the dependencies of '{caller.name}', or use an event",
                related_rule="AR006",
            )


def _new_cycles(spec: IntegrationSpec, architecture: Architecture) -> Iterator[AnalysisFinding]:
    closing = cycle_closing_calls(spec, architecture)
    for resolved, cycle in sorted(closing.values(), key=lambda item: item[0].call.line or 0):
        method = plain(resolved.call.method)
        via = f" ({method})" if method else ""
        yield AnalysisFinding(
            kind="new-dependency-cycle",
            message=f"call '{resolved.caller.name}' -> '{resolved.callee.name}'{via} creates a "
            "dependency cycle: " + " -> ".join(cycle),
            line=resolved.call.line,
            modules=tuple(cycle),
            hint=f"let '{resolved.caller.name}' react to an event of "
            f"'{resolved.callee.name}' instead of calling it",
            related_rule="AR007",
        )
