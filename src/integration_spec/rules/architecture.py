"""Architecture rules: the spec agrees with the architecture document it names.

All of them compare with the architecture, so none runs without one. Unknown module names
are reported here and only here: the other families skip elements that name them.
"""

from __future__ import annotations

from collections.abc import Iterator

from integration_spec.facts.artifacts import artifact, endpoint_key, event_catalogue, event_key
from integration_spec.facts.modules import ModuleRef, NameKind, is_named
from integration_spec.facts.text import plain, words
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import did_you_mean, name_key
from integration_spec.model.spec import IntegrationSpec
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

_MODULES_EXIST = "All modules exist in architecture"
_UNRESOLVED_DEPENDENCY = "AX002"
"""The reader's code for a dependency that names no module (ArchitectureCode.UNKNOWN_DEPENDENCY)."""


def _unknown_hint(architecture: Architecture, ref: ModuleRef) -> str:
    suggestion = did_you_mean(ref.written, architecture.module_names)
    if suggestion:
        return suggestion
    if len(architecture.modules) <= 12:
        return "the architecture's modules are " + ", ".join(architecture.module_names)
    return "add it to the architecture's Module Inventory, or correct the name"


class ModuleNotInArchitecture(Rule):
    """Every module of Modules Involved exists in the architecture.

    A spec that plans changes to a module the architecture does not have is either
    misspelled or plans a module nobody has designed; the seed's checklist asks that all
    modules exist in the architecture.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | Paymnets | Producer | Manual-capture authorization |

    Passes:

        ## Modules Involved
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
        architecture = context.facts.architecture
        if architecture is None:
            return
        for row, ref in context.facts.modules.rows:
            if ref.is_unknown_module:
                yield Finding(
                    message=f"module '{ref.written}' is not in the architecture",
                    line=row.line,
                    hint=_unknown_hint(architecture, ref),
                )


_CALLS = "Synchronous Calls"
_FLOW_STEP = "flow step"


def _call_owners(context: RuleContext) -> set[tuple[int | None, str]]:
    """(line, module name) of each call's two sides, for "is this the owner calling"."""
    found: set[tuple[int | None, str]] = set()
    for call in context.spec.sync_calls:
        for side in (call.caller, call.callee):
            ref = context.facts.modules.resolve(side)
            if ref.kind is NameKind.MODULE and ref.module is not None:
                found.add((call.line, ref.module.name))
    return found


def _module_mentions(
    spec: IntegrationSpec, *, unit_tests: bool = True
) -> list[tuple[int, str, str]]:
    """Every place a module is named outside Modules Involved: (line, name, where).

    Without ``unit_tests``, the Unit Tests table's rows are left out: they name units of
    code, which only a module-name check has business with.
    """
    found: list[tuple[int | None, str, str]] = []
    for number, step in enumerate(spec.flow_steps, start=1):
        found.append((step.line, step.module, f"{_FLOW_STEP} {number}"))
    for call in spec.sync_calls:
        found.append((call.line, call.caller, _CALLS))
        found.append((call.line, call.callee, _CALLS))
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
    for unit in spec.unit_tests if unit_tests else ():
        found.append((unit.line, unit.module, "Unit Tests"))
    for test in spec.integration_tests:
        for name in test.modules:
            found.append((test.line, name, "Integration Tests"))
    ordered = sorted(
        ((line, name, where) for line, name, where in found if line is not None),
        key=lambda item: item[0],
    )
    return ordered + [(0, name, where) for line, name, where in found if line is None]


def _outside_parties(context: RuleContext) -> set[str]:
    """Keys of the names that are parties the modules talk to, not modules.

    Unlike any module of the architecture, not in Modules Involved, and doing no flow step:
    named only in the coordination, phase or test tables (AR009). Every other name that is
    not a module is a module reference the architecture lacks (AR002). Decided here, once.
    """
    mentions = _module_mentions(context.spec)
    resolve = context.facts.modules.resolve
    performers = {resolve(name).key for _, name, where in mentions if where.startswith(_FLOW_STEP)}
    return {
        ref.key
        for _, name, _ in mentions
        if (ref := resolve(name)).kind is NameKind.UNKNOWN
        and not ref.is_involved
        and ref.key not in performers
    }


class UnknownModuleReference(Rule):
    """Modules named in steps, calls, events, state, phases or tests exist in the architecture.

    A flow step done by a module the architecture does not have leaves the reader unable
    to tell which bounded context does the work; a name close to a module's (``Paymnets``)
    is a typo wherever it is written. Each name is reported once, where it is first used,
    and only when Modules Involved does not already list it. A name unlike any module that
    appears only in the coordination, phase or test tables is a party the modules talk to
    (a UI, a workflow engine, a person): AR009's warning, not this error.

    Fails:

        ## Data Flow

        ### Flow Steps
        1. **Authorize payment** (Paymnets)
           - Action: AuthorizePayment with manual capture

    Passes:

        ## Data Flow

        ### Flow Steps
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
        architecture = context.facts.architecture
        if architecture is None:
            return
        seen = _outside_parties(context)  # names of parties, not of modules
        for line, name, where in _module_mentions(context.spec):
            ref = context.facts.modules.resolve(name)
            if ref.is_involved or ref.key in seen:
                continue
            if ref.is_unknown_module:
                seen.add(ref.key)
                yield Finding(
                    message=f"module '{ref.written}' ({where}) is not in the architecture",
                    line=line or None,
                    hint=_unknown_hint(architecture, ref),
                )
            elif ref.kind is NameKind.EXTERNAL and ref.module is not None and where == _CALLS:
                if (line, ref.module.name) in _call_owners(context):
                    continue  # the owner calling its own external service
                seen.add(ref.key)
                yield Finding(
                    message=f"'{ref.written}' ({where}) is an external service of "
                    f"'{ref.module.name}', not a module",
                    line=line or None,
                    hint=f"call '{ref.module.name}', which owns the integration",
                )


def _event_rows(spec: IntegrationSpec) -> list[tuple[str, str, int | None]]:
    """(event, publisher, line) of Asynchronous Events and Events Published, in order."""
    rows = [(event.event, event.publisher, event.line) for event in spec.async_events]
    rows += [(contract.event, contract.module, contract.line) for contract in spec.events_published]
    return rows


class EventPublisherMismatch(Rule):
    """An event is published by the module whose Domain Events declare it.

    When the architecture lists ``OrderPlaced`` under checkout, a spec that has payments
    publish it moves a fact out of the bounded context that owns it, or names the wrong
    module; subscribers would listen to the wrong source.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Producer | Guest orders with a contact e-mail |
        | payments | Producer | Manual-capture authorization |
        | notifications | Consumer | Guest order confirmation e-mail |

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | payments | notifications | Send the confirmation |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Producer | Guest orders with a contact e-mail |
        | payments | Producer | Manual-capture authorization |
        | notifications | Consumer | Guest order confirmation e-mail |

        ## Coordination Points

        ### Asynchronous Events
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
        architecture = context.facts.architecture
        if architecture is None:
            return
        declared = event_catalogue(architecture)
        for event, publisher, line in _event_rows(context.spec):
            ref = context.facts.modules.resolve(publisher)
            if not is_named(event) or not ref.is_participant:
                continue
            owners = declared.owners(event)
            module = ref.module
            if owners and module is not None and module.name not in owners:
                yield Finding(
                    message=(
                        f"event '{plain(event)}' is published by '{ref.written}' "
                        f"here, but the architecture declares it under "
                        + " and ".join(f"'{owner}'" for owner in owners)
                    ),
                    line=line,
                    hint=f"make '{owners[0]}' the publisher, or rename the event",
                )


class EventNotInArchitecture(Rule):
    """Every event the spec uses is declared: in the architecture, or as new by the spec.

    An event is a shared interface: other teams discover events in the architecture's
    Domain Events, or in a spec's API Contracts > Events Published, which is where a spec
    declares the events it introduces (with their payload). An event in the coordination
    tables that neither declares is an interface nobody defined. Reported once per event;
    skipped when the architecture declares no events at all.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Producer | Announce guest checkouts left unfinished |
        | notifications | Consumer | Reminder e-mail to the guest |

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | GuestCheckoutAbandoned | checkout | notifications | Send a reminder |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Producer | Announce guest checkouts left unfinished |
        | notifications | Consumer | Reminder e-mail to the guest |

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | GuestCheckoutAbandoned | checkout | notifications | Send a reminder |

        ## API Contracts

        ### Events Published
        | Event | Module | Payload | When |
        |-------|--------|---------|------|
        | GuestCheckoutAbandoned | checkout | cartId, email | 24 h after the last activity |
    """

    code = "AR004"
    name = "event-not-in-architecture"
    family = Family.ARCHITECTURE
    severity = Severity.WARNING
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first row of each event neither the architecture nor the spec declares."""
        architecture = context.facts.architecture
        if architecture is None:
            return
        declared = event_catalogue(architecture)
        if not declared.declares_any:
            return
        new = {event_key(row.event) for row in context.spec.events_published}
        seen: set[str] = set()
        for event in context.spec.async_events:
            key = event_key(event.event)
            known = key in new or declared.knows(event.event)
            if artifact(event.event) is None or known or key in seen or not key:
                continue  # prose ("All existing domain events") names no event
            if _declared_new(event.event, event.purpose):
                continue
            ref = context.facts.modules.resolve(event.publisher)
            if not ref.is_participant:
                continue
            owner = ref.module.name if ref.module is not None else ref.written
            seen.add(key)
            yield Finding(
                message=f"event '{plain(event.event)}' is neither in the architecture nor "
                "declared new under Events Published",
                line=event.line,
                hint=f"add it to Events Published with its payload, and to the Domain Events "
                f"of '{owner}' in the architecture",
            )


def _declared_new(event: str, purpose: str) -> bool:
    """``OrderRefunded (new)``, or a purpose that says the event is new ("New event: ...")."""
    note = plain(event).casefold().split("(", 1)[-1].split() if "(" in event else []
    opening = words(purpose)[:3]
    return "new" in note or (opening[:1] == ["new"] and "event" in opening)


class EndpointCollision(Rule):
    """A created endpoint does not collide with another module's endpoint.

    Two modules answering the same method and path cannot both be routed; the spec either
    names the wrong module or reuses a path that is already taken. Path parameters compare
    equal whatever their names (``{id}``, ``:id``).

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | New endpoint that starts a checkout |

        ## API Contracts

        ### Endpoints Created
        | Method | Path | Module | Purpose |
        |--------|------|--------|---------|
        | POST | /carts | checkout | Start a checkout |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | New endpoint that starts a checkout |

        ## API Contracts

        ### Endpoints Created
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
        architecture = context.facts.architecture
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
            ref = context.facts.modules.resolve(row.module)
            if key is None or not ref.is_participant:
                continue
            name = ref.name
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


class CallAgainstDependencies(Rule):
    """A synchronous call follows the architecture's dependencies and build order.

    A module may call only modules it depends on, and only modules of a lower build phase;
    a call the other way couples a lower module to a higher one and breaks the build
    order. Calls to the foundation are always allowed. A missing dependency is reported
    only for a caller whose dependencies the architecture states completely, and a call
    that would close a dependency cycle is reported by AR007 instead. One finding per
    caller and callee.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Consumer | Tracking link on the order page |
        | shipping | Producer | Tracking link for a shipment |
        | notifications | Consumer | Tracking link in the shipping e-mail |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | notifications | shipping | TrackShipment | Put the tracking link in the e-mail |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Consumer | Tracking link on the order page |
        | shipping | Producer | Tracking link for a shipment |
        | notifications | Consumer | Tracking link in the shipping e-mail |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | shipping | TrackShipment | Put the tracking link on the order page |
    """

    code = "AR006"
    name = "call-against-dependencies"
    family = Family.ARCHITECTURE
    severity = Severity.ERROR
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each caller/callee pair the architecture does not allow, once."""
        for finding in context.facts.boundaries:
            if finding.related_rule == self.code:
                yield Finding(message=finding.message, line=finding.line, hint=finding.hint)


class NewDependencyCycle(Rule):
    """The spec's calls add no cycle to the architecture's dependency graph.

    Modules in a cycle can no longer be built, tested or deployed in any order; the
    architecture's build order forbids it. The spec's synchronous calls are added to the
    declared dependencies one by one, and the call that closes a cycle is reported with
    the cycle.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Reserve stock for a guest order |
        | inventory | Producer | Reservations of guest orders |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | inventory | checkout | GetOrder | Read the order of a reservation |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Reserve stock for a guest order |
        | inventory | Producer | Reservations of guest orders |

        ## Coordination Points

        ### Synchronous Calls
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
        for finding in context.facts.boundaries:
            if finding.related_rule == self.code:
                yield Finding(message=finding.message, line=finding.line, hint=finding.hint)


class NotAModule(Rule):
    """Modules Involved lists bounded contexts, not their layers, adapters or infrastructure.

    ``adapters/stripe``, ``session/api`` or ``frontend`` are parts of the system, not modules
    of the architecture: the module that owns them is the one that plans the work (and its
    Changes can name the adapter). Not a misspelling, so a warning, not AR001's error.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | adapters/stripe | Both | New webhook handler |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | payments | Both | New Stripe webhook handler (adapters/stripe) |
    """

    code = "AR008"
    name = "not-a-module"
    family = Family.ARCHITECTURE
    severity = Severity.WARNING
    checklist = (_MODULES_EXIST,)
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report Modules Involved rows that are a layer, adapter or technical part."""
        for row, ref in context.facts.modules.rows:
            if ref.kind is NameKind.PART and ref.module is not None and "/" in ref.written:
                owner = ref.module.name
                message = f"'{ref.written}' is a layer of module '{owner}', not a module"
                hint = f"list '{owner}' and name the layer in its Changes"
            elif ref.kind is NameKind.EXTERNAL and ref.module is not None:
                owner = ref.module.name
                message = f"'{ref.written}' is an external service of '{owner}', not a module"
                hint = f"list '{owner}' and name the service in its Changes"
            elif ref.kind is NameKind.INFRASTRUCTURE:
                message = f"'{ref.written}' is a technical part of the system, not a module"
                hint = (
                    "name the module whose work it is, or add it to the architecture if it is "
                    "a bounded context"
                )
            else:
                continue
            yield Finding(message=message, line=row.line, hint=hint)


class OutsideParty(Rule):
    """A party named in the coordination tables that is no module is said to be outside.

    Specs name who the modules talk to: the saga orchestrator (``CreateOrderSaga``), a
    workflow engine, a UI, a person, an ops dashboard. Such a name, unlike any module of
    the architecture and not in Modules Involved, is read as a party outside the system's
    modules; the spec plans no work for it, so nothing checks its side of the call or
    event. Information, not a problem: naming the parties is right, and the finding says
    how the name was read, for the case it is a module the architecture has not been told
    about yet. Each name is reported once, where it is first used. A Unit Tests row names
    what is tested, a unit of code (``RoomManager``, a store handler) inside a module,
    never a party the modules talk to: its names are not reported here.

    Fails:

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | Order history view | Show the new order |

    Passes:

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Email the confirmation |
    """

    code = "AR009"
    name = "outside-party"
    family = Family.ARCHITECTURE
    severity = Severity.INFO
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each unknown name of a coordination, phase or test table once."""
        if context.facts.architecture is None:
            return
        parties = _outside_parties(context)
        seen: set[str] = set()
        for line, name, where in _module_mentions(context.spec, unit_tests=False):
            ref = context.facts.modules.resolve(name)
            if ref.key not in parties or ref.key in seen:
                continue
            seen.add(ref.key)
            yield Finding(
                message=f"'{ref.written}' ({where}) is no module of the architecture: "
                "read as a party outside the system's modules",
                line=line or None,
                hint="if it is a module, add it to the architecture and Modules Involved",
            )


RULES: tuple[type[Rule], ...] = (
    ModuleNotInArchitecture,
    UnknownModuleReference,
    EventPublisherMismatch,
    EventNotInArchitecture,
    EndpointCollision,
    CallAgainstDependencies,
    NewDependencyCycle,
    NotAModule,
    OutsideParty,
)
