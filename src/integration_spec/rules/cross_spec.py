"""Cross-spec rules (XS): the specs of one system compared with each other.

They run when several specs are checked together; each finding is reported on one spec
and names the other spec and its line (``features/integrations/b.md:12``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from integration_spec.facts.system import Claim, SystemFacts, first_by_spec
from integration_spec.model.diagnostics import RelatedLocation, Severity
from integration_spec.model.names import did_you_mean
from integration_spec.rules.base import Family, ProjectRule, SpecFinding


def _at(claim: Claim) -> str:
    return f"{claim.path}:{claim.line}" if claim.line else claim.path


def _there(claim: Claim, what: str) -> tuple[RelatedLocation, ...]:
    """The other spec's place a finding names, for tools that link it (SARIF)."""
    return (RelatedLocation(path=claim.path, line=claim.line, message=what),)


def _by_key(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(claim.key, []).append(claim)
    return grouped


def _conflicts(claims: Sequence[Claim], differ: str) -> Iterator[tuple[Claim, Claim]]:
    """Pairs (first, later) of claims of different specs on one key whose ``differ`` differs.

    ``differ`` is an attribute of :class:`Claim`; empty values say nothing and never
    conflict. Each later spec is reported once per key, against the first spec.
    """
    for group in _by_key(claims).values():
        stated = [claim for claim in group if getattr(claim, differ)]
        firsts = first_by_spec(stated)
        if len(firsts) < 2:
            continue
        first, *others = firsts.values()
        for other in others:
            if getattr(other, differ) != getattr(first, differ):
                yield first, other


class ConsumedEventNotPublished(ProjectRule):
    """An event a spec consumes is published by some spec or declared by the architecture.

    A subscriber waits for an event nobody sends when no spec publishes it and no module
    of the architecture declares it; most often the two specs spell it differently
    (``MembershipCanceled`` and ``MembershipCancelled``).

    Fails:

        <!-- a.md -->
        | OrderCanceled | checkout | notifications | Tell the customer |
        <!-- b.md, Events Published -->
        | OrderCancelled | checkout | orderId, reason | The order is cancelled |

    Passes:

        <!-- a.md -->
        | OrderCancelled | checkout | notifications | Tell the customer |
    """

    code = "XS001"
    name = "consumed-event-not-published"
    family = Family.CROSS_SPEC
    severity = Severity.ERROR

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report consumed events no spec publishes and the architecture does not declare."""
        published = {claim.key for claim in system.published}
        declared = system.declared_events
        known = system.known_event_names()
        reported: set[tuple[str, str]] = set()
        for claim in system.consumed:
            if claim.key in published or declared.knows(claim.key):
                continue
            if (claim.path, claim.key) in reported:
                continue
            reported.add((claim.path, claim.key))
            yield SpecFinding(
                path=claim.path,
                line=claim.line,
                message=f"event '{claim.name}' is consumed here, but no spec publishes it "
                "and the architecture does not declare it",
                hint=did_you_mean(claim.name, known)
                or "publish it in the spec of its publisher (Events Published)",
            )


class EventPublishersDiffer(ProjectRule):
    """One event has one publisher across the system.

    Two specs that name different publishers for one event cannot both be right: a
    subscriber built from one spec listens to the wrong module.

    Fails:

        <!-- a.md -->  | PaymentCaptured | payments | checkout | Confirm the order |
        <!-- b.md -->  | PaymentCaptured | checkout | notifications | Send a receipt |

    Passes:

        <!-- b.md -->  | PaymentCaptured | payments | notifications | Send a receipt |
    """

    code = "XS002"
    name = "event-publishers-differ"
    family = Family.CROSS_SPEC
    severity = Severity.ERROR

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report a spec whose publisher of an event differs from an earlier spec's."""
        for first, other in _conflicts(system.published, "module"):
            yield SpecFinding(
                path=other.path,
                line=other.line,
                message=f"event '{other.name}' is published by '{other.module_written}' "
                f"here, but by '{first.module_written}' in {_at(first)}",
                hint="agree on the one module that publishes it",
                related=_there(first, f"'{first.module_written}' publishes '{first.name}' here"),
            )


class EventPayloadsDiffer(ProjectRule):
    """One event has one payload across the system.

    Compared only where both specs state the payload fields (Events Published).

    Fails:

        <!-- a.md -->  | OrderCancelled | checkout | orderId, reason | Cancelled |
        <!-- b.md -->  | OrderCancelled | checkout | orderId, refundId | Cancelled |

    Passes:

        <!-- b.md -->  | OrderCancelled | checkout | orderId, reason | Cancelled |
    """

    code = "XS003"
    name = "event-payloads-differ"
    family = Family.CROSS_SPEC
    severity = Severity.WARNING

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report payloads of one event that differ between two specs."""
        for first, other in _conflicts(system.published, "fields"):
            assert first.fields is not None
            assert other.fields is not None
            missing = sorted(first.fields - other.fields)
            extra = sorted(other.fields - first.fields)
            parts = [f"lacks {', '.join(missing)}"] if missing else []
            parts += [f"adds {', '.join(extra)}"] if extra else []
            yield SpecFinding(
                path=other.path,
                line=other.line,
                message=f"the payload of '{other.name}' here {' and '.join(parts)} "
                f"compared with {_at(first)}",
                hint="state one payload for the event, in the spec of its publisher",
                related=_there(first, f"the payload of '{first.name}' here"),
            )


class SharedStateDiffers(ProjectRule):
    """One piece of shared state has one owner and one consistency across the system.

    Fails:

        <!-- a.md -->  | Order status | checkout | notifications | Eventual |
        <!-- b.md -->  | Order status | shipping | checkout | Strong |

    Passes:

        <!-- b.md -->  | Order status | checkout | shipping | Eventual |
    """

    code = "XS004"
    name = "shared-state-differs"
    family = Family.CROSS_SPEC
    severity = Severity.ERROR

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report shared state whose owner or consistency differs from an earlier spec's."""
        for first, other in _conflicts(system.shared_state, "module"):
            yield SpecFinding(
                path=other.path,
                line=other.line,
                message=f"shared state '{other.name}' is owned by '{other.module_written}' "
                f"here, but by '{first.module_written}' in {_at(first)}",
                hint="one module owns each piece of data",
                related=_there(first, f"'{first.module_written}' owns '{first.name}' here"),
            )
        for first, other in _conflicts(system.shared_state, "detail"):
            yield SpecFinding(
                path=other.path,
                line=other.line,
                message=f"shared state '{other.name}' is {other.detail}ly consistent here, "
                f"but {first.detail}ly in {_at(first)}",
                hint="agree on the consistency the owner offers",
                related=_there(first, f"'{first.name}' is {first.detail}ly consistent here"),
            )


class EndpointCreatedTwice(ProjectRule):
    """One endpoint is created by one spec, and called on the module that creates it.

    Method and path are compared with parameters normalised (``{id}``, ``:id`` and
    ``{orderId}`` agree). Two specs creating it build it twice; a call that names another
    module as its owner calls the wrong service.

    Fails:

        <!-- a.md -->  | POST | /orders/{id}/cancel | checkout | Cancel an order |
        <!-- b.md -->  | POST | /orders/:orderId/cancel | shipping | Cancel a shipment |

    Passes:

        <!-- b.md, calls -->  | shipping | checkout | POST /orders/{id}/cancel | Cancel |
    """

    code = "XS005"
    name = "endpoint-created-twice"
    family = Family.CROSS_SPEC
    severity = Severity.ERROR

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report endpoints created by two specs, and calls naming another owner."""
        created = _by_key(system.endpoints_created)
        for group in created.values():
            firsts = first_by_spec(group)
            first, *others = firsts.values()
            for other in others:
                yield SpecFinding(
                    path=other.path,
                    line=other.line,
                    message=f"endpoint '{other.name}' is created here and also in {_at(first)}",
                    hint="create it in one spec; the other calls it (Synchronous Calls)",
                    related=_there(first, f"'{first.name}' is created here"),
                )
        for call in system.endpoints_called:
            creators = [c for c in created.get(call.key, []) if c.path != call.path]
            if not creators or not call.module:
                continue
            creator = creators[0]
            if creator.module and creator.module != call.module:
                yield SpecFinding(
                    path=call.path,
                    line=call.line,
                    message=f"endpoint '{call.name}' is called on '{call.module_written}' "
                    f"here, but {_at(creator)} creates it in '{creator.module_written}'",
                    hint=f"call it on '{creator.module_written}'",
                    related=_there(
                        creator, f"'{creator.module_written}' creates '{creator.name}' here"
                    ),
                )


class FlagPurposesDiffer(ProjectRule):
    """One feature flag name means one thing across the system.

    Two specs that use one flag name for different purposes switch each other's
    behaviour. Purposes are compared as written (case and spacing aside).

    Fails:

        <!-- a.md -->  | guest-checkout | Accept guest checkouts | off |
        <!-- b.md -->  | guest-checkout | Show prices without login | off |

    Passes:

        <!-- b.md -->  | guest-prices | Show prices without login | off |
    """

    code = "XS006"
    name = "flag-purposes-differ"
    family = Family.CROSS_SPEC
    severity = Severity.WARNING

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report a flag whose purpose differs from an earlier spec's."""
        normalised = [
            Claim(
                path=c.path,
                key=c.key,
                name=c.name,
                module="",
                module_written="",
                line=c.line,
                detail=" ".join(c.detail.casefold().split()),
            )
            for c in system.flags
        ]
        originals = {(c.path, c.line): c for c in system.flags}
        for first, other in _conflicts(normalised, "detail"):
            purpose = originals[(first.path, first.line)].detail
            yield SpecFinding(
                path=other.path,
                line=other.line,
                message=f"flag '{other.name}' is used here for another purpose than in "
                f"{_at(first)} ('{purpose}')",
                hint="give each behaviour its own flag name",
                related=_there(first, f"'{first.name}' is for '{purpose}' here"),
            )


class RelatedSpecNotNamed(ProjectRule):
    """A spec that relies on another spec's event or endpoint names it in Related Documents.

    A spec consuming an event or calling an endpoint that only another spec creates
    cannot ship before it; the reader learns that from Related Documents.

    Fails:

        <!-- a.md consumes OrderShipped, published only by b.md; a.md names no b.md -->

    Passes:

        ## Related Documents
        - features/integrations/b.md
    """

    code = "XS007"
    name = "related-spec-not-named"
    family = Family.CROSS_SPEC
    severity = Severity.WARNING

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report a spec relying on another spec's delivery without naming it."""
        declared = system.declared_events
        delivered = [
            (claim, [c for c in system.published if c.key == claim.key])
            for claim in system.consumed
            if not declared.knows(claim.key)
        ]
        created = _by_key(system.endpoints_created)
        delivered += [(call, created.get(call.key, [])) for call in system.endpoints_called]
        reported: set[tuple[str, str]] = set()
        for claim, providers in delivered:
            others = [c for c in providers if c.path != claim.path]
            if not others or len(others) != len(providers):
                continue
            provider = others[0]
            spec = system.entry(claim.path)
            if spec is None or spec.names_related(provider.path):
                continue
            if (claim.path, provider.path) in reported:
                continue
            reported.add((claim.path, provider.path))
            yield SpecFinding(
                path=claim.path,
                line=claim.line,
                message=f"'{claim.name}' is delivered by {_at(provider)}, which Related "
                "Documents does not name",
                hint=f"add {provider.path} under Related Documents",
                related=_there(provider, f"'{provider.name}' is delivered here"),
            )


class FieldNotInPayload(ProjectRule):
    """A subscriber reads only fields the publisher's payload carries.

    A step whose Input reads ``OrderPlaced (orderId, contactEmail)`` breaks at run time
    when the spec of OrderPlaced's publisher gives a payload without ``contactEmail``:
    one of the two specs is wrong, and only a comparison of both shows it. Compared only
    where the publishing spec states the payload fields (Events Published) and another
    spec reads the event with its fields in parentheses.

    Fails:

        <!-- a.md, Events Published -->
        | OrderPlaced | checkout | orderId, total | The order is placed |
        <!-- b.md, Flow Steps -->
        - Input: OrderPlaced (orderId, contactEmail)

    Passes:

        <!-- b.md, Flow Steps -->
        - Input: OrderPlaced (orderId, total)
    """

    code = "XS008"
    name = "field-not-in-payload"
    family = Family.CROSS_SPEC
    severity = Severity.WARNING

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Report fields read from an event that its publishing spec's payload lacks."""
        payloads = _by_key([claim for claim in system.published if claim.fields])
        for read in system.fields_read:
            assert read.fields is not None
            publisher = next(
                (claim for claim in payloads.get(read.key, []) if claim.path != read.path),
                None,
            )
            if publisher is None:
                continue
            assert publisher.fields is not None
            missing = sorted(
                (field for field in read.fields if field.casefold() not in publisher.fields),
                key=str.casefold,
            )
            if not missing:
                continue
            fields = ", ".join(missing)
            yield SpecFinding(
                path=read.path,
                line=read.line,
                message=f"this step reads {fields} from '{read.name}', but its payload in "
                f"{_at(publisher)} does not carry {'it' if len(missing) == 1 else 'them'}",
                hint="add the field to the publisher's payload, or read it from elsewhere",
                related=_there(publisher, f"the payload of '{publisher.name}' here"),
            )


RULES = (
    ConsumedEventNotPublished,
    EventPublishersDiffer,
    EventPayloadsDiffer,
    SharedStateDiffers,
    EndpointCreatedTwice,
    FlagPurposesDiffer,
    RelatedSpecNotNamed,
    FieldNotInPayload,
)
