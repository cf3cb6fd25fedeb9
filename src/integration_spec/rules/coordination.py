"""Coordination rules: every call, event and piece of shared state is documented on both sides."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_spec.facts.artifacts import (
    artifact,
    endpoint_from_text,
    endpoint_key,
    event_catalogue,
    event_key,
    listed_names,
    looks_like_event,
)
from integration_spec.facts.coordination import links
from integration_spec.facts.modules import NameKind, is_named, module_name
from integration_spec.facts.steps import step_label
from integration_spec.facts.text import plain, words
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import did_you_mean, normalize_name
from integration_spec.model.spec import (
    AsyncEvent,
    EventContract,
    IntegrationSpec,
    SectionKey,
    SharedStateEntry,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

_BIDIRECTIONAL = "Coordination points bidirectional"
_OWNER_SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|\band\b|&)\s*")


def coordination_mentions(context: RuleContext) -> list[tuple[int, str, str]]:
    """(line, name, what) for every module named in the coordination tables, by line."""
    spec = context.spec
    found: list[tuple[int, str, str]] = []
    for call in spec.sync_calls:
        found.append((call.line or 0, call.caller, f"calls '{module_name(call.callee)}'"))
        found.append((call.line or 0, call.callee, f"is called by '{module_name(call.caller)}'"))
    for event in spec.async_events:
        found.append((event.line or 0, event.publisher, f"publishes '{plain(event.event)}'"))
        for subscriber in event.subscribers:
            found.append((event.line or 0, subscriber, f"subscribes to '{plain(event.event)}'"))
    for contract in spec.events_published:
        found.append((contract.line or 0, contract.module, f"publishes '{plain(contract.event)}'"))
    for entry in spec.shared_state:
        for owner in _owners(context, entry):
            found.append((entry.line or 0, owner, f"owns '{plain(entry.data)}'"))
        for reader in entry.readers:
            found.append((entry.line or 0, reader, f"reads '{plain(entry.data)}'"))
    return sorted(found, key=lambda item: item[0])


class CoordinationModuleNotInvolved(Rule):
    """Both sides of every call, event and shared state are involved modules.

    A coordination point whose other side is not in Modules Involved is documented on one
    side only: the team that must answer the call, handle the event or serve the data has
    not been asked. Reported once per module, at its first mention; modules a flow step
    names are DF002's, unknown ones AR002's.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Calls CreateShipment |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | shipping | CreateShipment | Buy a label |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Calls CreateShipment |
        | shipping | Producer | Shipments for placed orders |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | shipping | CreateShipment | Buy a label |
    """

    code = "CO001"
    name = "coordination-module-not-involved"
    family = Family.COORDINATION
    severity = Severity.ERROR
    checklist = (_BIDIRECTIONAL,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each uninvolved module of the coordination tables once."""
        spec = context.spec
        if not spec.modules:
            return
        modules = context.facts.modules
        seen = modules.keys(step.module for step in spec.flow_steps)
        for line, name, what in coordination_mentions(context):
            ref = modules.resolve(name)
            if not ref.is_named or ref.is_involved or ref.key in seen:
                continue
            if ref.kind not in (NameKind.MODULE, NameKind.UNCHECKED):
                continue  # unknown names and layers are the Architecture rules'
            seen.add(ref.key)
            yield Finding(
                message=f"module '{ref.written}' {what} but is not in Modules Involved",
                line=line or None,
                hint=did_you_mean(ref.written, spec.module_names)
                or f"add '{ref.written}' to Modules Involved with its role",
            )


def _method_names(method: str) -> list[str]:
    """The operations a Method cell names: ``CartApi.GetCart()``, ``A, B`` -> names."""
    names = []
    for part in listed_names(method):
        head = part.split("(", 1)[0].strip()
        head = re.split(r"\.|::|#", head)[-1].strip()
        if head:
            names.append(head)
    return names


class CalleeLacksMethod(Rule):
    """The callee of each synchronous call provides the called method.

    A call is bidirectional only if the callee offers it: a command, query or HTTP
    endpoint of the callee in the architecture, an endpoint the spec creates for it, or a
    change the callee's Modules Involved row announces. Otherwise the caller depends on
    an operation nobody plans to build. Skipped for a callee whose operations the
    architecture does not list.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Consumer | Reads the cart snapshot |
        | cart | Producer | Snapshot with price versions |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | cart | GetCartSnapshots | Freeze the cart lines |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Consumer | Reads the cart snapshot |
        | cart | Producer | Snapshot with price versions |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | cart | GetCartSnapshot | Freeze the cart lines |
    """

    code = "CO002"
    name = "callee-lacks-method"
    family = Family.COORDINATION
    severity = Severity.ERROR
    checklist = (_BIDIRECTIONAL,)
    needs_architecture = True

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report calls whose method the callee does not offer, once per callee and method."""
        spec = context.spec
        if context.facts.architecture is None:
            return
        seen: set[tuple[str, str]] = set()
        for call in spec.sync_calls:
            callee = context.facts.modules.resolve(call.callee)
            module = callee.module
            if module is None or callee.kind is not NameKind.MODULE or not callee.is_participant:
                continue
            if not is_named(call.method):
                continue
            operations = {normalize_name(name) for name in (*module.commands, *module.queries)}
            endpoints = {endpoint_key(item.method, item.path) for item in module.endpoints}
            if not operations and not endpoints:
                continue  # the architecture says nothing about what this module offers
            endpoints |= {
                endpoint_key(row.method, row.path)
                for row in spec.endpoints
                if context.facts.modules.resolve(row.module).module is module
            }
            endpoints.discard(None)
            row = callee.involved_row
            changes = normalize_name(row.changes) if row is not None else ""
            endpoint = endpoint_from_text(call.method)
            if endpoint is not None:
                missing = [] if endpoint in endpoints else [plain(call.method)]
            else:
                missing = [
                    name
                    for name in _method_names(call.method)
                    if normalize_name(name) not in operations
                    and not (normalize_name(name) and normalize_name(name) in changes)
                ]
            for name in missing:
                if (module.name, normalize_name(name)) in seen:
                    continue
                seen.add((module.name, normalize_name(name)))
                yield Finding(
                    message=f"'{module.name}' does not provide '{name}' (no such command, "
                    "query or endpoint in the architecture or in Endpoints Created)",
                    line=call.line,
                    hint=did_you_mean(name, (*module.commands, *module.queries))
                    or f"add '{name}' to the Application Layer of '{module.name}', "
                    "or mention it in its Changes",
                )


def _published_events(spec: IntegrationSpec) -> set[str]:
    keys = {event_key(event.event) for event in spec.async_events if is_named(event.publisher)}
    keys |= {event_key(row.event) for row in spec.events_published if is_named(row.module)}
    return keys


class EventNotPublished(Rule):
    """Every event the spec subscribes to has a publisher.

    An Asynchronous Events row without a publisher, or a flow step triggered by an event
    that no events table publishes, waits for something nobody sends. Only triggers that
    read as event names (``OrderPlaced``, ``order.updated``) are checked, and only when
    the spec has an events table.

    Fails:

        ## Data Flow

        ### Flow Steps
        1. **Send order confirmation** (notifications)
           - Trigger: OrderConfirmed

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Confirm the order |

    Passes:

        ## Data Flow

        ### Flow Steps
        1. **Send order confirmation** (notifications)
           - Trigger: OrderPlaced

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Confirm the order |
    """

    code = "CO003"
    name = "event-not-published"
    family = Family.COORDINATION
    severity = Severity.ERROR
    checklist = (_BIDIRECTIONAL,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report events rows without publisher and triggers nobody publishes."""
        spec = context.spec
        for event in spec.async_events:
            if is_named(event.event) and not is_named(event.publisher):
                yield Finding(
                    message=f"event '{plain(event.event)}' has no publisher",
                    line=event.line,
                    hint="name the one module that publishes it",
                )
        has_tables = (
            spec.section(SectionKey.ASYNC_EVENTS) is not None
            or spec.section(SectionKey.EVENTS_PUBLISHED) is not None
        )
        if not has_tables:
            return
        published = _published_events(spec)
        methods = {
            normalize_name(name) for call in spec.sync_calls for name in _method_names(call.method)
        }
        reported: set[str] = set()
        for index, step in enumerate(spec.flow_steps):
            name = artifact(step.trigger)
            if name is None or not looks_like_event(name):
                continue
            key = event_key(name)
            if key in published or key in methods or key in reported:
                continue
            if any(word in {"call", "request", "command"} for word in words(step.trigger)):
                continue
            reported.add(key)
            yield Finding(
                message=f"{step_label(index, step)} is triggered by '{name}', "
                "which no events table publishes",
                line=step.field_lines.get("trigger", step.line),
                hint=f"add an Asynchronous Events row for '{name}' with its publisher",
            )


class EventWithoutSubscriber(Rule):
    """Every asynchronous event has a subscriber or a stated purpose.

    An event nobody handles and nobody can explain is either dead weight or hides a
    subscriber the spec forgot; the reviewer cannot tell which.

    Fails:

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | | |

    Passes:

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Send the order confirmation |
    """

    code = "CO004"
    name = "event-without-subscriber"
    family = Family.COORDINATION
    severity = Severity.ERROR
    checklist = (_BIDIRECTIONAL,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report events rows with neither subscribers nor purpose."""
        for event in context.spec.async_events:
            if not is_named(event.event) or any(map(is_named, event.subscribers)):
                continue
            if is_named(event.purpose):
                continue
            yield Finding(
                message=f"event '{plain(event.event)}' has no subscriber and no stated purpose",
                line=event.line,
                hint="name the modules that handle it, or say why it is published",
            )


def _event_tables(
    context: RuleContext,
) -> tuple[dict[str, tuple[str, AsyncEvent]], dict[str, tuple[str, EventContract]]] | None:
    """Asynchronous Events and Events Published by event key, or None without both.

    Each maps an event's key to the name as written and the row naming it.
    Both tables are compared only when the spec has both: a spec without Events Published
    has its contracts elsewhere (ST002 says it is missing). A row naming two events
    (``CompletedEvent / FailedEvent``) counts for each; the first row naming an event wins.
    """
    spec = context.spec
    if (
        spec.section(SectionKey.ASYNC_EVENTS) is None
        or spec.section(SectionKey.EVENTS_PUBLISHED) is None
    ):
        return None
    asynchronous = {
        event_key(name): (name, row)
        for row in reversed(spec.async_events)
        if is_named(row.event)
        for name in listed_names(row.event)
    }
    contracts = {
        event_key(name): (name, row)
        for row in reversed(spec.events_published)
        if is_named(row.event)
        for name in listed_names(row.event)
    }
    return asynchronous, contracts


class EventTablesDisagree(Rule):
    """Asynchronous Events and Events Published list the same events.

    Asynchronous Events says who listens, Events Published what the payload contract is;
    an event in only one of them has an undocumented side. Compared only when the spec has
    both tables. An event the spec only subscribes to may already exist (its contract is
    elsewhere), so an Asynchronous Events row lacks a contract only when the event is new
    to the architecture.

    A warning, not an error: the missing half is a gap in the document, not a
    contradiction; a publisher the two tables disagree on is CO009's error.

    Fails:

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|

        ### Events Published
        | Event | Module | Payload | When |
        |-------|--------|---------|------|
        | OrderPlaced | checkout | orderId, total | Payment authorized |

    Passes:

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Confirm the order |

        ### Events Published
        | Event | Module | Payload | When |
        |-------|--------|---------|------|
        | OrderPlaced | checkout | orderId, total | Payment authorized |
    """

    code = "CO005"
    name = "event-tables-disagree"
    family = Family.COORDINATION
    severity = Severity.WARNING
    checklist = (_BIDIRECTIONAL,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report events missing from one of the two tables."""
        tables = _event_tables(context)
        if tables is None:
            return
        asynchronous, contracts = tables
        declared = event_catalogue(context.facts.architecture)
        findings: list[Finding] = []
        for key, (name, event) in asynchronous.items():
            # An event that already exists has its contract elsewhere; a new one needs it here.
            if key not in contracts and declared.declares_any and not declared.knows(name):
                findings.append(
                    Finding(
                        message=f"event '{name}' is in Asynchronous Events "
                        "but not in Events Published",
                        line=event.line,
                        hint="add its payload contract under API Contracts > Events Published",
                    )
                )
        for key, (name, contract) in contracts.items():
            if key not in asynchronous:
                findings.append(
                    Finding(
                        message=f"event '{name}' is in Events Published "
                        "but not in Asynchronous Events",
                        line=contract.line,
                        hint="add an Asynchronous Events row with its subscribers",
                    )
                )
        yield from sorted(findings, key=lambda finding: finding.line or 0)


class EventPublishersDisagree(Rule):
    """Asynchronous Events and Events Published name the same publisher for an event.

    Two different publishers for one event cannot both be right: whoever implements the
    subscriber, or the contract, builds against the wrong module. Publishers the
    architecture settles are AR003's, and a side that names no involved module is left to
    CO001.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Guest carts |
        | checkout | Both | Guest checkout session |
        | notifications | Consumer | Reminder e-mail |

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | GuestCheckoutAbandoned | checkout | notifications | Remind the guest |

        ### Events Published
        | Event | Module | Payload | When |
        |-------|--------|---------|------|
        | GuestCheckoutAbandoned | cart | cartId | Session expired |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Guest carts |
        | checkout | Both | Guest checkout session |
        | notifications | Consumer | Reminder e-mail |

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | GuestCheckoutAbandoned | checkout | notifications | Remind the guest |

        ### Events Published
        | Event | Module | Payload | When |
        |-------|--------|---------|------|
        | GuestCheckoutAbandoned | checkout | cartId | Session expired |
    """

    code = "CO009"
    name = "event-publishers-disagree"
    family = Family.COORDINATION
    severity = Severity.ERROR
    checklist = (_BIDIRECTIONAL,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each event whose two tables name different publishers."""
        tables = _event_tables(context)
        if tables is None:
            return
        asynchronous, contracts = tables
        declared = event_catalogue(context.facts.architecture)
        modules = context.facts.modules
        findings: list[Finding] = []
        for key, (name, contract) in contracts.items():
            if key not in asynchronous or declared.knows(name):
                continue
            matching = asynchronous[key][1]
            if not (
                modules.resolve(matching.publisher).is_participant
                and modules.resolve(contract.module).is_participant
            ):
                continue
            if not modules.same(matching.publisher, contract.module):
                findings.append(
                    Finding(
                        message=f"event '{name}' is published by "
                        f"'{module_name(contract.module)}' in Events Published but by "
                        f"'{module_name(matching.publisher)}' in Asynchronous Events (line "
                        f"{matching.line})",
                        line=contract.line,
                        hint="one event has one publisher",
                    )
                )
        yield from sorted(findings, key=lambda finding: finding.line or 0)


def _owners(context: RuleContext, entry: SharedStateEntry) -> list[str]:
    """The owners a Shared State row names (one, when the cell is one module name)."""
    text = plain(entry.owner)
    if not is_named(text):
        return []
    ref = context.facts.modules.resolve(text)
    if ref.kind is NameKind.GROUP:
        return [member.name for member in ref.members]
    if ref.is_involved or ref.kind is NameKind.EVERY or ref.module is not None:
        return [text]  # one module, a part of one, or "each consuming module": one owner each
    return [name for name in _OWNER_SEPARATORS.split(text) if name.strip()] or [text]


class SharedStateOwnerCount(Rule):
    """Each piece of shared state has exactly one owner.

    Shared data with no owner has no module that guarantees its invariants; data with two
    owners has two that can change it behind each other's back. Either way the bounded
    contexts leak.

    Fails:

        ## Coordination Points

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Order status | checkout, payments | notifications | Eventual |

    Passes:

        ## Coordination Points

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Order status | checkout | notifications, payments | Eventual |
    """

    code = "CO006"
    name = "shared-state-owner-count"
    family = Family.COORDINATION
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report shared state rows with no owner or several."""
        spec = context.spec
        for entry in spec.shared_state:
            if not is_named(entry.data):
                continue
            owners = _owners(context, entry)
            if len(owners) == 1 or (
                len(owners) > 1 and context.facts.modules.resolve(entry.owner).module is not None
            ):
                continue
            if not owners:
                message = f"shared state '{plain(entry.data)}' has no owner"
            else:
                names = ", ".join(f"'{module_name(owner)}'" for owner in owners)
                message = f"shared state '{plain(entry.data)}' has {len(owners)} owners ({names})"
            yield Finding(
                message=message,
                line=entry.line,
                hint="name exactly one owning module; the others are readers",
            )


class SharedStateOwnerRole(Rule):
    """The owner of shared state is a Producer or Both, never a Consumer.

    A Consumer, by the seed's definition, only reads from other modules; if it owns data
    others read, either its role or the owner is wrong. It is a warning, like a Consumer
    that writes (``BC003``): a role label that undersells the module, not a broken flow.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | notifications | Consumer | Confirmation e-mail |

        ## Coordination Points

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Delivery status | notifications | checkout | Eventual |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | notifications | Both | Confirmation e-mail and delivery status |

        ## Coordination Points

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Delivery status | notifications | checkout | Eventual |
    """

    code = "CO007"
    name = "shared-state-owner-role"
    family = Family.COORDINATION
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report shared state owned by a module whose role is Consumer."""
        spec = context.spec
        for entry in spec.shared_state:
            owners = _owners(context, entry)
            owner = context.facts.modules.resolve(owners[0])
            if len(owners) != 1 or not owner.is_participant:
                continue
            row = owner.involved_row
            role = words(row.role)[:1] if row is not None else []
            if role == ["consumer"]:
                yield Finding(
                    message=f"'{module_name(owners[0])}' owns shared state "
                    f"'{plain(entry.data)}' but its role is Consumer",
                    line=entry.line,
                    hint="make its role Producer or Both, or name the module that owns the data",
                )


class StrongConsistencyOverEvents(Rule):
    """Strong consistency is not promised across an asynchronous hop.

    Shared state marked Strong between an owner and a reader that only exchange events
    is a contradiction: an event arrives later, so the reader sees the data eventually.
    Either the consistency is Eventual or the reader needs a synchronous read.

    Fails:

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Confirm the order |

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Order status | checkout | notifications | Strong |

    Passes:

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | OrderPlaced | checkout | notifications | Confirm the order |

        ### Shared State
        | Data | Owner | Readers | Consistency |
        |------|-------|---------|-------------|
        | Order status | checkout | notifications | Eventual |
    """

    code = "CO008"
    name = "strong-consistency-over-events"
    family = Family.COORDINATION
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report Strong rows whose owner and readers are linked by events only."""
        spec = context.spec
        found = links(spec, context.facts.modules)
        for entry in spec.shared_state:
            owners = _owners(context, entry)
            if len(owners) != 1 or "strong" not in words(entry.consistency):
                continue
            modules = context.facts.modules
            owner = modules.resolve(owners[0]).key
            asynchronous = [
                module_name(reader)
                for reader in entry.readers
                if is_named(reader)
                and frozenset((owner, modules.resolve(reader).key)) in found["event"]
                and frozenset((owner, modules.resolve(reader).key)) not in found["call"]
            ]
            if asynchronous:
                readers = ", ".join(f"'{reader}'" for reader in asynchronous)
                yield Finding(
                    message=f"shared state '{plain(entry.data)}' is Strong, but "
                    f"'{module_name(owners[0])}' and {readers} only exchange events",
                    line=entry.line,
                    hint="make it Eventual, or add a synchronous read by the reader",
                )


RULES: tuple[type[Rule], ...] = (
    CoordinationModuleNotInvolved,
    CalleeLacksMethod,
    EventNotPublished,
    EventWithoutSubscriber,
    EventTablesDisagree,
    EventPublishersDisagree,
    SharedStateOwnerCount,
    SharedStateOwnerRole,
    StrongConsistencyOverEvents,
)
