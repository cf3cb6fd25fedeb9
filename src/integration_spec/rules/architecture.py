"""Architecture rules: the spec agrees with the architecture document it names.

All of them compare with the architecture, so none runs without one. Unknown module names
are reported here and only here: the other families skip elements that name them.
"""

from __future__ import annotations

from collections.abc import Iterator

from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import name_key
from integration_spec.model.spec import IntegrationSpec
from integration_spec.rules._architecture_support import (
    cycle_closing_calls,
    endpoint_key,
    external_owner,
    is_foundation,
    is_involved,
    is_named,
    is_participant,
    module_name,
    resolve,
    resolved_calls,
    usable,
)
from integration_spec.rules._dataflow_support import event_key
from integration_spec.rules.base import Family, Finding, Rule, RuleContext
from integration_spec.rules.common import did_you_mean, plain

_MODULES_EXIST = "All modules exist in architecture"
_UNRESOLVED_DEPENDENCY = "AX002"
"""The reader's code for a dependency that names no module (ArchitectureCode.UNKNOWN_DEPENDENCY)."""


def _unknown_hint(architecture: Architecture, name: str) -> str:
    suggestion = did_you_mean(module_name(name), architecture.module_names)
    if suggestion:
        return suggestion
    owner = external_owner(architecture, name)
    if owner is not None:
        return f"'{module_name(name)}' is an external service of '{owner.name}'; name that module"
    if len(architecture.modules) <= 12:
        return "the architecture's modules are " + ", ".join(architecture.module_names)
    return "add it to the architecture's Module Inventory, or correct the name"


class ModuleNotInArchitecture(Rule):
    """Every module of Modules Involved exists in the architecture.

    A spec that plans changes to a module the architecture does not have is either
    misspelled or plans a module nobody has designed; the seed's checklist asks that all
    modules exist in the architecture.

    Fails:

        | Module | Role | Changes |
        |--------|------|---------|
        | Paymnets | Producer | Manual-capture authorization |

    Passes:

        | Module | Role | Changes |
        |--------|------|---------|
        | payments | Producer | Manual-capture authorization |
    """

    code = "AR001"
    name = "module-not-in-architecture"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    checklist = (_MODULES_EXIST,)
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each Modules Involved row the architecture does not know."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        for row in context.spec.modules:
            if is_named(row.module) and resolve(architecture, row.module) is None:
                yield Finding(
                    message=f"module '{module_name(row.module)}' is not in the architecture",
                    line=row.line,
                    hint=_unknown_hint(architecture, row.module),
                )


def _module_mentions(
    spec: IntegrationSpec, architecture: Architecture
) -> list[tuple[int, str, str]]:
    """Every place a module is named outside Modules Involved: (line, name, where)."""
    found: list[tuple[int | None, str, str]] = []
    for number, step in enumerate(spec.flow_steps, start=1):
        found.append((step.line, step.module, f"flow step {number}"))
    for call in spec.sync_calls:
        found.append((call.line, call.caller, "Synchronous Calls"))
        found.append((call.line, call.callee, "Synchronous Calls"))
    for event in spec.async_events:
        for name in (event.publisher, *event.subscribers):
            found.append((event.line, name, "Asynchronous Events"))
    for entry in spec.shared_state:
        for name in (entry.owner, *entry.readers):
            found.append((entry.line, name, "Shared State"))
    for endpoint in spec.endpoints:
        found.append((endpoint.line, endpoint.module, "Endpoints Created"))
    for contract in spec.events_published:
        found.append((contract.line, contract.module, "Events Published"))
    for phase in spec.phases:
        line = phase.field_lines.get("modules", phase.line)
        for name in phase.modules:
            found.append((line, name, f"Phase {phase.number}"))
    for unit in spec.unit_tests:
        found.append((unit.line, unit.module, "Unit Tests"))
    for test in spec.integration_tests:
        for name in test.modules:
            # Integration tests may name the external service they run against.
            if external_owner(architecture, name) is None:
                found.append((test.line, name, "Integration Tests"))
    ordered = sorted(
        ((line, name, where) for line, name, where in found if line is not None),
        key=lambda item: item[0],
    )
    return ordered + [(0, name, where) for line, name, where in found if line is None]


class UnknownModuleReference(Rule):
    """Modules named in steps, calls, events, state, phases or tests exist in the architecture.

    A module that appears in the flow or the coordination tables but not in the
    architecture is usually a typo or an external system written as a module; either way
    the reader cannot tell which bounded context does the work. Each name is reported once,
    where it is first used, and only when Modules Involved does not already list it.

    Fails:

        1. **Authorize payment** (Paymnets)
           - Action: AuthorizePayment with manual capture

    Passes:

        1. **Authorize payment** (payments)
           - Action: AuthorizePayment with manual capture
    """

    code = "AR002"
    name = "unknown-module-reference"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    checklist = (_MODULES_EXIST,)
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each unknown name once, at its first use."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        seen: set[str] = set()
        for line, name, where in _module_mentions(context.spec, architecture):
            if not is_named(name) or is_involved(context.spec, name):
                continue
            key = name_key(module_name(name))
            if key in seen or resolve(architecture, name) is not None:
                continue
            seen.add(key)
            yield Finding(
                message=f"module '{module_name(name)}' ({where}) is not in the architecture",
                line=line or None,
                hint=_unknown_hint(architecture, name),
            )


def _event_rows(spec: IntegrationSpec) -> list[tuple[str, str, int | None]]:
    """(event, publisher, line) of Asynchronous Events and Events Published, in order."""
    rows = [(event.event, event.publisher, event.line) for event in spec.async_events]
    rows += [(contract.event, contract.module, contract.line) for contract in spec.events_published]
    return rows


def _declared_events(architecture: Architecture) -> dict[str, list[str]]:
    """Event key -> names of the modules whose Domain Events declare it."""
    declared: dict[str, list[str]] = {}
    for module in architecture.modules:
        for event in module.domain_events:
            declared.setdefault(event_key(event), []).append(module.name)
    return declared


class EventPublisherMismatch(Rule):
    """An event is published by the module whose Domain Events declare it.

    When the architecture lists ``OrderPlaced`` under checkout, a spec that has payments
    publish it moves a fact out of the bounded context that owns it, or names the wrong
    module; subscribers would listen to the wrong source.

    Fails:

        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | payments | notifications | Send the confirmation |

    Passes:

        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Send the confirmation |
    """

    code = "AR003"
    name = "event-publisher-mismatch"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each events row whose publisher is not the declaring module."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        declared = _declared_events(architecture)
        for event, publisher, line in _event_rows(context.spec):
            if not is_named(event) or not is_participant(context.spec, architecture, publisher):
                continue
            owners = declared.get(event_key(event), [])
            module = resolve(architecture, publisher)
            if owners and module is not None and module.name not in owners:
                yield Finding(
                    message=(
                        f"event '{plain(event)}' is published by '{module_name(publisher)}' "
                        f"here, but the architecture declares it under "
                        + " and ".join(f"'{owner}'" for owner in owners)
                    ),
                    line=line,
                    hint=f"make '{owners[0]}' the publisher, or rename the event",
                )


class EventNotInArchitecture(Rule):
    """Every event the spec publishes is declared in the architecture.

    A new event is a new shared interface: other teams discover events in the
    architecture's Domain Events, so a spec that introduces one should add it there.
    Reported once per event; skipped when the architecture declares no events at all.

    Fails:

        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | GuestCheckoutAbandoned | checkout | notifications | Send a reminder |

    Passes:

        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Send the confirmation |
    """

    code = "AR004"
    name = "event-not-in-architecture"
    family = Family.ARCHITECTURE
    severity = Severity.WARNING
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first row of each event no module declares."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        declared = _declared_events(architecture)
        if not declared:
            return
        seen: set[str] = set()
        for event, publisher, line in _event_rows(context.spec):
            key = event_key(event)
            if not is_named(event) or key in declared or key in seen or not key:
                continue
            if not is_participant(context.spec, architecture, publisher):
                continue
            module = resolve(architecture, publisher)
            owner = module.name if module is not None else module_name(publisher)
            seen.add(key)
            yield Finding(
                message=f"new event '{plain(event)}' is not declared in the architecture",
                line=line,
                hint=f"add it to the Domain Events of '{owner}' in the architecture",
            )


class EndpointCollision(Rule):
    """A created endpoint does not collide with another module's endpoint.

    Two modules answering the same method and path cannot both be routed; the spec either
    names the wrong module or reuses a path that is already taken. Path parameters compare
    equal whatever their names (``{id}``, ``:id``).

    Fails:

        | Method | Path | Module | Purpose |
        |--------|------|--------|---------|
        | POST | /carts | checkout | Start a checkout |

    Passes:

        | Method | Path | Module | Purpose |
        |--------|------|--------|---------|
        | POST | /checkout/guest | checkout | Start a guest checkout |
    """

    code = "AR005"
    name = "endpoint-collision"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report endpoints another module already declares or creates."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        taken: dict[tuple[str, str], str] = {}
        for module in architecture.modules:
            for endpoint in module.endpoints:
                key = endpoint_key(endpoint.method, endpoint.path)
                if key is not None:
                    taken.setdefault(key, module.name)
        created: dict[tuple[str, str], tuple[str, int | None]] = {}
        for row in context.spec.endpoints:
            key = endpoint_key(row.method, row.path)
            if key is None or not is_participant(context.spec, architecture, row.module):
                continue
            declaring = resolve(architecture, row.module)
            name = declaring.name if declaring is not None else module_name(row.module)
            shown = f"{plain(row.method).upper()} {plain(row.path)}"
            owner = taken.get(key)
            earlier = created.get(key)
            if owner is not None and name_key(owner) != name_key(name):
                yield Finding(
                    message=f"endpoint '{shown}' is already declared by '{owner}' "
                    "in the architecture",
                    line=row.line,
                    hint=f"choose another path for '{name}', or let '{owner}' own it",
                )
            elif earlier is not None and name_key(earlier[0]) != name_key(name):
                yield Finding(
                    message=f"endpoint '{shown}' is also created by '{earlier[0]}' "
                    f"(line {earlier[1]})",
                    line=row.line,
                    hint="one endpoint belongs to one module",
                )
            created.setdefault(key, (name, row.line))


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


class CallAgainstDependencies(Rule):
    """A synchronous call follows the architecture's dependencies and build order.

    A module may call only modules it depends on, and only modules of a lower build phase;
    a call the other way couples a lower module to a higher one and breaks the build
    order. Calls to the foundation are always allowed. A missing dependency is reported
    only for a caller whose dependencies the architecture states completely, and a call
    that would close a dependency cycle is reported by AR007 instead. One finding per
    caller and callee.

    Fails:

        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | notifications | shipping | TrackShipment | Put the tracking link in the e-mail |

    Passes:

        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | cart | pricing | GetPrice | Price a line when it is added |
    """

    code = "AR006"
    name = "call-against-dependencies"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each caller/callee pair the architecture does not allow, once."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        cycles = cycle_closing_calls(context.spec, architecture)
        seen: set[tuple[str, str]] = set()
        for resolved in resolved_calls(context.spec, architecture):
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
                where = "a higher" if caller.phase < callee.phase else "the same"
                if caller.phase <= callee.phase:
                    yield Finding(
                        message=f"'{caller.name}' (build phase {caller.phase}) calls "
                        f"'{callee.name}'{via}, which is in {where} build phase "
                        f"({callee.phase})",
                        line=resolved.call.line,
                        hint=f"let '{callee.name}' publish an event that '{caller.name}' handles",
                    )
                    continue
            elif not _dependencies_complete(architecture, caller):
                continue
            yield Finding(
                message=f"'{caller.name}' calls '{callee.name}'{via} but does not depend on it "
                "in the architecture",
                line=resolved.call.line,
                hint=f"add '{callee.name}' to the dependencies of '{caller.name}'",
            )


class NewDependencyCycle(Rule):
    """The spec's calls add no cycle to the architecture's dependency graph.

    Modules in a cycle can no longer be built, tested or deployed in any order; the
    architecture's build order forbids it. The spec's synchronous calls are added to the
    declared dependencies one by one, and the call that closes a cycle is reported with
    the cycle.

    Fails:

        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | inventory | checkout | GetOrder | Read the order of a reservation |

    Passes:

        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | inventory | ReserveStock | Hold the stock while the visitor pays |
    """

    code = "AR007"
    name = "new-dependency-cycle"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each call that closes a cycle, with the cycle."""
        architecture = usable(context.architecture)
        if architecture is None:
            return
        closing = cycle_closing_calls(context.spec, architecture)
        for resolved, cycle in sorted(closing.values(), key=lambda item: item[0].call.line or 0):
            method = plain(resolved.call.method)
            via = f" ({method})" if method else ""
            yield Finding(
                message=(
                    f"call '{resolved.caller.name}' -> '{resolved.callee.name}'{via} creates a "
                    "dependency cycle: " + " -> ".join(cycle)
                ),
                line=resolved.call.line,
                hint=f"let '{resolved.caller.name}' react to an event of "
                f"'{resolved.callee.name}' instead of calling it",
            )


RULES: tuple[type[Rule], ...] = (
    ModuleNotInArchitecture,
    UnknownModuleReference,
    EventPublisherMismatch,
    EventNotInArchitecture,
    EndpointCollision,
    CallAgainstDependencies,
    NewDependencyCycle,
)
