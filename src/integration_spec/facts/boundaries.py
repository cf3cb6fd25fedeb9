"""Bounded-context boundaries: who writes whose data, and how data crosses between modules.

Read once per spec; the Boundaries rules (BC), the dependency rules (AR006, AR007) and the
``analyze`` boundary section all report these findings, so they cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from integration_spec.facts.artifacts import artifact, event_key
from integration_spec.facts.coordination import calls_from, links
from integration_spec.facts.graph import cycle_closing_calls, resolved_calls
from integration_spec.facts.lexicon import DETERMINERS, WRITE_VERBS
from integration_spec.facts.modules import ModuleIndex, ModuleRef, is_foundation, is_named
from integration_spec.facts.steps import StepFacts
from integration_spec.facts.text import clauses, contains_phrase, plain, words
from integration_spec.model.analysis import AnalysisFinding
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.spec import FlowStep, IntegrationSpec, SectionKey

_OBJECT_SLACK = 2
"""How many words (adjectives) may stand between a write verb's article and its object."""
_TABLE_CLAUSE = re.compile(r"[,;:()]|\band\b|\bthen\b|\s[-–—]\s|\.\s|\.$")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_SNAKE = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:\.[a-z0-9_]+)?\b")
_QUALIFIED = re.compile(r"\b([a-z][a-z0-9_]*)\.[a-z][a-z0-9_]*\b")
_NEAR_TABLE = re.compile(
    r"\btable\s+([a-z][a-z0-9_]*)|\b([a-z][a-z0-9_]*)\s+table\b|\binto\s+([a-z][a-z0-9_]*)",
    re.IGNORECASE,
)
_UNDERSCORE = "_"


def boundary_findings(
    spec: IntegrationSpec,
    architecture: Architecture | None,
    modules: ModuleIndex,
    steps: Sequence[StepFacts],
) -> tuple[AnalysisFinding, ...]:
    """Every boundary and dependency finding of the spec, in line order."""
    foreign_state = list(_foreign_state(spec, modules, steps))
    found = [
        *foreign_state,
        *_undeclared_crossings(spec, modules),
        *_consumer_writes(spec, modules, steps),
    ]
    if architecture is not None:
        written = {finding.steps[0] for finding in foreign_state}
        found += [
            *_foreign_tables(spec, architecture, modules, written),
            *_calls_against_dependencies(spec, architecture, modules),
            *_new_cycles(spec, architecture, modules),
        ]
    return tuple(sorted(found, key=lambda finding: (finding.line or 0, finding.kind)))


# -- writes ---------------------------------------------------------------------------------


def write_verb(action: str | None) -> str | None:
    """The first write verb of an Action, passive forms included."""
    for clause in clauses(action):
        for _, word in WRITE_VERBS.find(clause):
            return word
    return None


def _written_objects(action: str | None) -> list[tuple[str, list[str]]]:
    """(verb, following words) for each active write verb of an Action, determiners skipped."""
    found = []
    for clause in clauses(action):
        for position, word in WRITE_VERBS.find(clause, passive=False):
            rest = clause[position + 1 :]
            while rest and rest[0] in DETERMINERS:
                rest = rest[1:]
            found.append((word, rest))
    return found


def _data_phrases(data: str) -> list[list[str]]:
    """The things a Shared State Data cell names: ``Order status and guest contact``."""
    text = re.split(r"\bwith\b|\(", plain(data), maxsplit=1)[0]
    phrases = []
    for part in re.split(r",|;|/|\band\b", text):
        found = [word for word in words(part) if word not in DETERMINERS]
        if found and (len(found) > 1 or len(found[0]) >= 4):
            phrases.append(found)
    return phrases


def _foreign_state(
    spec: IntegrationSpec, modules: ModuleIndex, steps: Sequence[StepFacts]
) -> Iterator[AnalysisFinding]:
    owned = []
    for entry in spec.shared_state:
        owner = modules.resolve(entry.owner)
        if owner.is_participant:
            for phrase in _data_phrases(entry.data):
                owned.append((phrase, plain(entry.data), owner))
    for facts in steps:
        if not facts.module.is_participant:
            continue
        hit = _first_foreign_write(facts, owned)
        if hit is not None:
            verb, data, owner = hit
            step = facts.step
            yield AnalysisFinding(
                kind="writes-foreign-data",
                message=f"{facts.label} of '{facts.module.written}' writes ('{verb}') "
                f"'{data}', which '{owner.written}' owns",
                line=step.field_lines.get("action", step.line),
                steps=(facts.number,),
                modules=(facts.module.written, owner.written),
                hint=f"let '{owner.written}' change it through a command or an event",
                related_rule="BC001",
            )


def _first_foreign_write(
    facts: StepFacts, owned: list[tuple[list[str], str, ModuleRef]]
) -> tuple[str, str, ModuleRef] | None:
    for verb, objects in _written_objects(facts.step.action):
        for phrase, data, owner in owned:
            if owner.key == facts.module.key:
                continue
            if contains_phrase(objects[: len(phrase) + _OBJECT_SLACK], phrase):
                return verb, data, owner
    return None


def table_references(clause: str) -> list[str]:
    """Names in a clause written as tables: code spans, snake_case, ``t.column``, ``x table``."""
    found = [span.split(".")[0].strip() for span in _CODE_SPAN.findall(clause)]
    found += _SNAKE.findall(clause)
    found += _QUALIFIED.findall(clause)
    for match in _NEAR_TABLE.finditer(clause):
        found += [group for group in match.groups() if group]
    return [name.casefold() for name in found if name]


def _foreign_tables(
    spec: IntegrationSpec, architecture: Architecture, modules: ModuleIndex, skip: set[int]
) -> Iterator[AnalysisFinding]:
    owners = {
        table.casefold(): module.name for module in architecture.modules for table in module.tables
    }
    if not owners:
        return
    for index, step in enumerate(spec.flow_steps):
        ref = modules.resolve(step.module)
        module = ref.module
        # A step that writes another module's shared state is BC001's finding already.
        if module is None or not ref.is_participant or index + 1 in skip:
            continue
        reported: set[str] = set()
        for clause in _TABLE_CLAUSE.split(step.action or ""):
            if write_verb(clause) is None and "into" not in words(clause):
                continue
            for table in table_references(clause):
                owner = owners.get(table)
                if owner is None or owner == module.name or table in reported:
                    continue
                reported.add(table)
                yield AnalysisFinding(
                    kind="writes-foreign-table",
                    message=f"step {index + 1} ('{plain(step.name)}') of '{module.name}' "
                    f"writes table '{table}', which belongs to '{owner}'",
                    line=step.field_lines.get("action", step.line),
                    steps=(index + 1,),
                    modules=(module.name, owner),
                    hint=f"call a command of '{owner}' instead of writing its table",
                    related_rule="BC004",
                )


# -- crossings ------------------------------------------------------------------------------


def _triggered_by_declared_event(spec: IntegrationSpec, step: FlowStep) -> bool:
    """Whether the step starts on an event of the events tables (its data comes with it)."""
    name = artifact(step.trigger)
    if name is None:
        return False
    key = event_key(name)
    return any(event_key(event.event) == key for event in spec.async_events) or any(
        event_key(contract.event) == key for contract in spec.events_published
    )


def _undeclared_crossings(spec: IntegrationSpec, modules: ModuleIndex) -> Iterator[AnalysisFinding]:
    if spec.section(SectionKey.COORDINATION) is None and not (
        spec.sync_calls or spec.async_events or spec.shared_state
    ):
        return
    found = links(spec, modules)
    linked = set().union(*found.values())
    callers = calls_from(spec, modules)
    seen: set[frozenset[str]] = set()
    steps = spec.flow_steps
    for index in range(1, len(steps)):
        before, step = steps[index - 1], steps[index]
        source, target = modules.resolve(before.module), modules.resolve(step.module)
        if not (source.is_participant and target.is_participant):
            continue
        pair = frozenset((source.key, target.key))
        if source.key == target.key or pair in seen:
            continue
        if _triggered_by_declared_event(spec, step):
            continue
        seen.add(pair)
        # An orchestrator that calls the target and is linked to the source carries the data.
        orchestrated = any(
            target.key in callees and frozenset((caller, source.key)) in linked
            for caller, callees in callers.items()
        )
        if pair in linked or orchestrated:
            continue
        yield AnalysisFinding(
            kind="undeclared-crossing",
            message=f"data passes from '{source.written}' (step {index}) to "
            f"'{target.written}' (step {index + 1}) with no declared call, event or shared "
            "state between them",
            line=step.line,
            steps=(index, index + 1),
            modules=(source.written, target.written),
            hint="add the Synchronous Calls, Asynchronous Events or Shared State row that "
            "carries it",
            related_rule="BC002",
        )


def _consumer_writes(
    spec: IntegrationSpec, modules: ModuleIndex, steps: Sequence[StepFacts]
) -> Iterator[AnalysisFinding]:
    writes: list[tuple[int, str, str, tuple[int, ...]]] = []
    for event in spec.async_events:
        if is_named(event.event):
            writes.append((event.line or 0, event.publisher, f"it publishes '{event.event}'", ()))
    for contract in spec.events_published:
        if is_named(contract.event):
            line = contract.line or 0
            writes.append((line, contract.module, f"it publishes '{contract.event}'", ()))
    for facts in steps:
        verb = write_verb(facts.step.action)
        if verb is not None:
            line = facts.step.field_lines.get("action", facts.step.line) or 0
            what = f"its {facts.label} writes data ('{verb}')"
            writes.append((line, facts.step.module, what, (facts.number,)))
    reported: set[str] = set()
    for line, name, what, numbers in sorted(writes, key=lambda item: item[0]):
        ref = modules.resolve(name)
        row = ref.involved_row
        if not ref.is_participant or ref.key in reported or row is None:
            continue
        if words(row.role)[:1] != ["consumer"]:
            continue
        reported.add(ref.key)
        yield AnalysisFinding(
            kind="consumer-writes",
            message=f"'{ref.written}' is a Consumer but {plain(what)}",
            line=line or None,
            steps=numbers,
            modules=(ref.written,),
            hint="make its role Producer or Both, or move the write to the owning module",
            related_rule="BC003",
        )


# -- dependencies ---------------------------------------------------------------------------

_UNRESOLVED_DEPENDENCY = "AX002"
"""The reader's code for a dependency that names no module."""


def _dependencies_complete(architecture: Architecture, module: Module) -> bool:
    """Whether the architecture states all of ``module``'s dependencies.

    A module without any, or one with a dependency the reader could not resolve to a
    module, may depend on more than the model says: the rules do not guess.
    """
    if not module.dependencies:
        return False
    line = module.lines.get("dependencies")
    return not any(
        diagnostic.code == _UNRESOLVED_DEPENDENCY and diagnostic.line == line
        for diagnostic in architecture.diagnostics
    )


def _calls_against_dependencies(
    spec: IntegrationSpec, architecture: Architecture, modules: ModuleIndex
) -> Iterator[AnalysisFinding]:
    cycles = cycle_closing_calls(spec, architecture, modules)
    seen: set[tuple[str, str]] = set()
    for resolved in resolved_calls(spec, modules):
        caller, callee = resolved.caller, resolved.callee
        pair = (caller.name, callee.name)
        if pair in seen or pair in cycles or is_foundation(architecture, callee):
            continue
        seen.add(pair)
        if caller.depends_on(callee.name):
            continue
        method = plain(resolved.call.method)
        via = f" ({method})" if method else ""
        if caller.phase is not None and callee.phase is not None:
            if caller.phase > callee.phase and not _dependencies_complete(architecture, caller):
                continue
            if caller.phase <= callee.phase:
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
                continue
        elif not _dependencies_complete(architecture, caller):
            continue
        yield AnalysisFinding(
            kind="call-against-dependencies",
            message=f"'{caller.name}' calls '{callee.name}'{via} but does not depend on it "
            "in the architecture",
            line=resolved.call.line,
            modules=pair,
            hint=f"add '{callee.name}' to the dependencies of '{caller.name}'",
            related_rule="AR006",
        )


def _new_cycles(
    spec: IntegrationSpec, architecture: Architecture, modules: ModuleIndex
) -> Iterator[AnalysisFinding]:
    closing = cycle_closing_calls(spec, architecture, modules)
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
