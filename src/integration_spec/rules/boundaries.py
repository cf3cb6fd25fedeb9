"""Boundaries rules: each module changes only its own data, and data crosses declared paths only."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import name_key
from integration_spec.model.spec import FlowStep, IntegrationSpec, SectionKey
from integration_spec.rules._architecture_support import (
    is_named,
    is_participant,
    module_name,
    resolve,
    usable,
)
from integration_spec.rules._dataflow_support import (
    DETERMINERS,
    Verbs,
    artifact,
    calls_from,
    clauses,
    contains_phrase,
    event_key,
    links,
    step_label,
    words,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext
from integration_spec.rules.common import involvement, plain

_WRITE_VERBS = Verbs.of(
    "create creates created",
    "update updates updated",
    "delete deletes deleted",
    "insert inserts inserted",
    "write writes written",
    "set sets set",
    "modify modifies modified",
    "overwrite overwrites overwritten",
    "upsert upserts upserted",
)
"""Verbs of an Action that change stored data."""

_OBJECT_SLACK = 2
"""How many words (adjectives) may stand between a write verb's article and its object."""


def written_objects(action: str | None) -> list[tuple[str, list[str]]]:
    """(verb, following words) for each write verb of an Action, determiners skipped."""
    found = []
    for clause in clauses(action):
        for position, word in _WRITE_VERBS.find(clause, passive=False):
            rest = clause[position + 1 :]
            while rest and rest[0] in DETERMINERS:
                rest = rest[1:]
            found.append((word, rest))
    return found


def write_verb(action: str | None) -> str | None:
    """The first write verb of an Action, passive forms included."""
    return _WRITE_VERBS.first(action)


def _data_phrases(data: str) -> list[list[str]]:
    """The things a Shared State Data cell names: ``Order status and guest contact``."""
    text = re.split(r"\bwith\b|\(", plain(data), maxsplit=1)[0]
    phrases = []
    for part in re.split(r",|;|/|\band\b", text):
        found = [word for word in words(part) if word not in DETERMINERS]
        if found and (len(found) > 1 or len(found[0]) >= 4):
            phrases.append(found)
    return phrases


def _writes_phrase(objects: list[str], phrase: list[str]) -> bool:
    window = objects[: len(phrase) + _OBJECT_SLACK]
    return contains_phrase(window, phrase)


def foreign_state_writes(
    spec: IntegrationSpec, architecture: Architecture | None
) -> Iterator[tuple[int, FlowStep, str, str, str]]:
    """(step index, step, verb, data, owner) for each step writing another module's state."""
    owned = []
    for entry in spec.shared_state:
        if is_participant(spec, architecture, entry.owner):
            for phrase in _data_phrases(entry.data):
                owned.append((phrase, plain(entry.data), module_name(entry.owner)))
    for index, step in enumerate(spec.flow_steps):
        if not is_participant(spec, architecture, step.module):
            continue
        module = name_key(module_name(step.module))
        for verb, objects in written_objects(step.action):
            hit = next(
                (
                    (data, owner)
                    for phrase, data, owner in owned
                    if name_key(owner) != module and _writes_phrase(objects, phrase)
                ),
                None,
            )
            if hit is not None:
                yield index, step, verb, hit[0], hit[1]
                break


class WritesForeignSharedState(Rule):
    """A module does not write shared state another module owns.

    Shared State names one owner per piece of data; a step in which another module
    creates, updates or deletes that data bypasses the owner's invariants and makes the
    boundary meaningless. The owner should be asked through a command or an event.

    Fails:

        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Stock reservation | inventory | checkout | Strong |

        4. **Create pending order** (checkout)
           - Action: Create the stock reservation for every line

    Passes:

        4. **Create pending order** (checkout)
           - Action: Ask inventory to reserve every line with ReserveStock
    """

    code = "BC001"
    name = "writes-foreign-shared-state"
    family = Family.BOUNDARIES
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report steps whose Action writes data a Shared State row gives another owner."""
        architecture = usable(context.architecture)
        for index, step, verb, data, owner in foreign_state_writes(context.spec, architecture):
            yield Finding(
                message=f"{step_label(index, step)} of '{module_name(step.module)}' "
                f"writes ('{verb}') '{data}', which '{owner}' owns",
                line=step.field_lines.get("action", step.line),
                hint=f"let '{owner}' change it through a command or an event",
            )


def _crossing_allowed(
    spec: IntegrationSpec, source: str, target: str, found: dict[str, set[frozenset[str]]]
) -> bool:
    """Whether a declared call, event or shared state (or an orchestrator) links two modules."""
    pair = frozenset((source, target))
    if any(pair in kind for kind in found.values()):
        return True
    linked = set().union(*found.values())
    # An orchestrator that calls the target and is linked to the source carries the data.
    return any(
        target in callees and frozenset((caller, source)) in linked
        for caller, callees in calls_from(spec).items()
    )


def _triggered_by_declared_event(spec: IntegrationSpec, step: FlowStep) -> bool:
    """Whether the step starts on an event of the events tables (its data comes with it)."""
    name = artifact(step.trigger)
    if name is None:
        return False
    key = event_key(name)
    return any(event_key(event.event) == key for event in spec.async_events) or any(
        event_key(contract.event) == key for contract in spec.events_published
    )


class UndeclaredBoundaryCrossing(Rule):
    """Data crosses a module boundary only through a declared coordination point.

    When one step hands its output to a step of another module, the spec must say how:
    a synchronous call, an event or a shared state entry between the two modules (or an
    orchestrating module that calls the second and is linked to the first). A step
    triggered by a declared event gets its data from that event, wherever it stands in
    the list. Otherwise the implementation will invent a path, typically a shared table.
    Reported once per pair.

    Fails:

        1. **Snapshot cart** (cart)
           - Output: CartSnapshot
        2. **Quote the order** (pricing)
           - Input: CartSnapshot

        (no call, event or shared state between cart and pricing)

    Passes:

        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | cart | pricing | QuoteOrder | Price the snapshot |
    """

    code = "BC002"
    name = "undeclared-boundary-crossing"
    family = Family.BOUNDARIES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report consecutive steps of two modules that no coordination point links."""
        spec = context.spec
        if spec.section(SectionKey.COORDINATION) is None and not (
            spec.sync_calls or spec.async_events or spec.shared_state
        ):
            return
        found = links(spec)
        seen: set[frozenset[str]] = set()
        steps = spec.flow_steps
        for index in range(1, len(steps)):
            before, step = steps[index - 1], steps[index]
            if not (
                is_participant(spec, context.architecture, before.module)
                and is_participant(spec, context.architecture, step.module)
            ):
                continue
            source = name_key(module_name(before.module))
            target = name_key(module_name(step.module))
            pair = frozenset((source, target))
            if source == target or pair in seen:
                continue
            if _triggered_by_declared_event(spec, step):
                continue
            seen.add(pair)
            if _crossing_allowed(spec, source, target, found):
                continue
            yield Finding(
                message=f"data passes from '{module_name(before.module)}' (step {index}) to "
                f"'{module_name(step.module)}' (step {index + 1}) with no declared call, "
                "event or shared state between them",
                line=step.line,
                hint="add the Synchronous Calls, Asynchronous Events or Shared State row "
                "that carries it",
            )


class ConsumerWrites(Rule):
    """A module whose role is Consumer writes nothing.

    The seed defines a Consumer as a module that reads from other modules. A Consumer that
    publishes events or whose steps create, update or delete data is really a Producer or
    Both, and reviewers reading the roles will miss its changes. Shared state owned by a
    Consumer is reported by CO007.

    Fails:

        | Module | Role | Changes |
        |--------|------|---------|
        | notifications | Consumer | Confirmation e-mails |

        8. **Send order confirmation** (notifications)
           - Action: Create a delivery record and update the order status

    Passes:

        | Module | Role | Changes |
        |--------|------|---------|
        | notifications | Both | Confirmation e-mails and delivery records |
    """

    code = "BC003"
    name = "consumer-writes"
    family = Family.BOUNDARIES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first write of each Consumer module."""
        spec = context.spec
        writes: list[tuple[int, str, str]] = []
        for event in spec.async_events:
            if is_named(event.event):
                writes.append((event.line or 0, event.publisher, f"it publishes '{event.event}'"))
        for contract in spec.events_published:
            if is_named(contract.event):
                writes.append(
                    (contract.line or 0, contract.module, f"it publishes '{contract.event}'")
                )
        for index, step in enumerate(spec.flow_steps):
            verb = write_verb(step.action)
            if verb is not None:
                line = step.field_lines.get("action", step.line) or 0
                writes.append(
                    (line, step.module, f"its {step_label(index, step)} writes data ('{verb}')")
                )
        reported: set[str] = set()
        for line, name, what in sorted(writes, key=lambda item: item[0]):
            if not is_participant(spec, context.architecture, name):
                continue
            key = name_key(module_name(name))
            row = involvement(spec, module_name(name))
            if key in reported or row is None or words(row.role)[:1] != ["consumer"]:
                continue
            reported.add(key)
            yield Finding(
                message=f"'{module_name(name)}' is a Consumer but {plain(what)}",
                line=line or None,
                hint="make its role Producer or Both, or move the write to the owning module",
            )


_TABLE_CLAUSE = re.compile(r"[,;:()]|\band\b|\bthen\b|\s[-–—]\s|\.\s|\.$")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_SNAKE = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:\.[a-z0-9_]+)?\b")
_QUALIFIED = re.compile(r"\b([a-z][a-z0-9_]*)\.[a-z][a-z0-9_]*\b")
_NEAR_TABLE = re.compile(
    r"\btable\s+([a-z][a-z0-9_]*)|\b([a-z][a-z0-9_]*)\s+table\b|\binto\s+"
    r"([a-z][a-z0-9_]*)",
    re.IGNORECASE,
)


def table_references(clause: str) -> list[str]:
    """Names in a clause written as tables: code spans, snake_case, ``t.column``, ``x table``."""
    found = [span.split(".")[0].strip() for span in _CODE_SPAN.findall(clause)]
    found += _SNAKE.findall(clause)
    found += _QUALIFIED.findall(clause)
    for match in _NEAR_TABLE.finditer(clause):
        found += [group for group in match.groups() if group]
    return [name.casefold() for name in found if name]


class WritesForeignTable(Rule):
    """A step writes only tables its own module owns in the architecture.

    The architecture gives every table to one module (its Database adapter). A step of
    another module that writes that table is a shared database in disguise: the owner's
    invariants no longer hold. Only names written as tables are read (a code span,
    ``snake_case``, ``table.column``, "the carts table", "into carts").

    Fails:

        4. **Create pending order** (checkout)
           - Action: Insert the order lines and update `reservations` with the order id

    Passes:

        4. **Create pending order** (checkout)
           - Action: Insert the order into `orders` and `order_lines`
    """

    code = "BC004"
    name = "writes-foreign-table"
    family = Family.BOUNDARIES
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report tables of other modules written in a step's Action, once per step and table."""
        spec = context.spec
        architecture = usable(context.architecture)
        if architecture is None:
            return
        owners = {
            table.casefold(): module.name
            for module in architecture.modules
            for table in module.tables
        }
        if not owners:
            return
        # A step that writes another module's shared state is BC001's finding already.
        foreign_state = {index for index, *_ in foreign_state_writes(spec, architecture)}
        for index, step in enumerate(spec.flow_steps):
            module = resolve(architecture, step.module)
            if module is None or index in foreign_state:
                continue
            if not is_participant(spec, architecture, step.module):
                continue
            reported: set[str] = set()
            for clause in _TABLE_CLAUSE.split(step.action or ""):
                verb = _WRITE_VERBS.first(clause)
                if verb is None and not re.search(r"\binto\b", clause, re.IGNORECASE):
                    continue
                for table in table_references(clause):
                    owner = owners.get(table)
                    if owner is None or owner == module.name or table in reported:
                        continue
                    reported.add(table)
                    yield Finding(
                        message=f"{step_label(index, step)} of '{module.name}' writes table "
                        f"'{table}', which belongs to '{owner}'",
                        line=step.field_lines.get("action", step.line),
                        hint=f"call a command of '{owner}' instead of writing its table",
                    )


RULES: tuple[type[Rule], ...] = (
    WritesForeignSharedState,
    UndeclaredBoundaryCrossing,
    ConsumerWrites,
    WritesForeignTable,
)
