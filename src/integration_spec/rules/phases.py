"""Phases rules: the implementation phases are complete, ordered, shippable increments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from integration_spec.facts.coordination import flow_and_coordination_names
from integration_spec.facts.text import has_todo, is_blank, missing_value, plain
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import did_you_mean, normalize_name
from integration_spec.model.spec import IntegrationSpec, Phase, SectionKey
from integration_spec.rules._structure_support import (
    Mentions,
    all_involved_keys,
    close_modules,
    involved_modules,
    known_to_architecture,
    mentioned_modules,
    module_key,
    section_line,
    section_written,
    tokens,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

SHIPPABLE = "Phases are shippable increments"


def _phase_name(phase: Phase) -> str:
    title = plain(phase.title)
    return f"phase {phase.number} '{title}'" if title else f"phase {phase.number}"


def _phase_mentions(context: RuleContext) -> list[Mentions]:
    return [mentioned_modules(context, phase.modules) for phase in context.spec.phases]


def _modules_stated(spec: IntegrationSpec) -> bool:
    """Whether every phase names its modules (else PH003 reports it, and nothing is inferred)."""
    return all(
        not has_todo(", ".join(phase.modules)) and not all(is_blank(m) for m in phase.modules)
        for phase in spec.phases
    )


def _flow_and_coordination_modules(context: RuleContext) -> set[str]:
    """Modules the flow steps and coordination tables name (their rules report uninvolved ones)."""
    return context.facts.modules.keys(flow_and_coordination_names(context.spec))


def _typo_of_unknown_module(context: RuleContext, name: str, involved: dict[str, str]) -> bool:
    """Whether ``name`` looks like an involved module the architecture does not know.

    Then the typo is in Modules Involved, and the architecture rules report it there.
    """
    return any(
        not known_to_architecture(context, candidate) for candidate in close_modules(name, involved)
    )


class ModuleWithoutPhase(Rule):
    """Every involved module is delivered by some implementation phase.

    A module that appears in Modules Involved but in no phase's ``**Modules:**`` line has
    changes nobody planned to build; the spec's phases then do not add up to the feature.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | identity | Producer | Guest sessions |
        | cart | Both | Carts owned by a guest session |
        | notifications | Consumer | Guest confirmation e-mail |

        ## Implementation Phases

        ### Phase 1: Guest carts
        **Modules:** identity, cart

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | identity | Producer | Guest sessions |
        | cart | Both | Carts owned by a guest session |
        | notifications | Consumer | Guest confirmation e-mail |

        ## Implementation Phases

        ### Phase 1: Guest carts
        **Modules:** identity, cart

        ### Phase 2: Confirmation
        **Modules:** notifications
    """

    code = "PH001"
    name = "module-without-phase"
    family = Family.PHASES
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report involved modules no phase names, or a phases section without phases."""
        spec = context.spec
        if not section_written(context, SectionKey.PHASES):
            return
        if not spec.phases:
            yield Finding(
                message="Implementation Phases defines no phase",
                line=section_line(spec, SectionKey.PHASES),
                hint="add '### Phase 1: <title>' with Goal, Modules, Deliverables, Exit Criteria",
            )
            return
        if not _modules_stated(spec):
            return
        mentions = _phase_mentions(context)
        covered = set().union(*(mention.keys for mention in mentions))
        involved = all_involved_keys(context)
        for mention in mentions:
            for name in mention.unresolved:
                covered.update(
                    module_key(context, close) for close in close_modules(name, involved)
                )
        for module in involved_modules(context):
            if module.key in covered:
                continue
            yield Finding(
                message=f"module '{module.name}' is in no implementation phase",
                line=module.line,
                hint="add it to the '**Modules:**' line of the phase that delivers its changes",
            )


class PhaseModuleNotInvolved(Rule):
    """A phase only names modules listed under Modules Involved.

    A phase that builds in a module the spec does not involve either has a typo or a
    change the rest of the spec (flow, coordination, tests) never mentions. Names the flow
    steps or coordination tables also use are reported there (one finding per cause), and a
    name the architecture does not know at all is reported by AR002.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Guest place-order endpoint |
        | payments | Producer | Manual capture |

        ## Implementation Phases

        ### Phase 1: Guest order
        **Modules:** checkout, payments, shipping

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Guest place-order endpoint |
        | payments | Producer | Manual capture |

        ## Implementation Phases

        ### Phase 1: Guest order
        **Modules:** checkout, payments
    """

    code = "PH002"
    name = "phase-module-not-involved"
    family = Family.PHASES
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report phase modules that are not involved, with a did-you-mean."""
        spec = context.spec
        if not section_written(context, SectionKey.PHASES):
            return
        if not section_written(context, SectionKey.MODULES):
            return
        involved = all_involved_keys(context)
        if not involved:
            return
        used_elsewhere = _flow_and_coordination_modules(context)
        for phase, mention in zip(spec.phases, _phase_mentions(context), strict=True):
            for name in mention.unresolved:
                if module_key(context, name) in used_elsewhere or not known_to_architecture(
                    context, name
                ):
                    continue
                if _typo_of_unknown_module(context, name, involved):
                    continue
                yield Finding(
                    message=f"{_phase_name(phase)} names module '{name}', "
                    "which is not in Modules Involved",
                    line=phase.field_lines.get("modules", phase.line),
                    hint=did_you_mean(name, involved.values())
                    or "add the module to Modules Involved or drop it from the phase",
                )


_PHASE_FIELDS = ("goal", "modules", "deliverables", "exit criteria")


def _missing_fields(phase: Phase) -> list[str]:
    missing = []
    if missing_value(phase.goal):
        missing.append("goal")
    modules = ", ".join(phase.modules)
    if not has_todo(modules) and all(is_blank(name) for name in phase.modules):
        missing.append("modules")
    deliverables = [item.text for item in phase.deliverables]
    if not any(has_todo(text) for text in deliverables) and all(
        is_blank(text) for text in deliverables
    ):
        missing.append("deliverables")
    if missing_value(phase.exit_criteria):
        missing.append("exit criteria")
    return missing


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class IncompletePhase(Rule):
    """Each phase states its goal, modules, deliverables and exit criteria.

    A phase is a shippable increment only when a reader can tell what it achieves, what it
    touches, what is built and how anyone knows it is done; the exit criteria are what the
    team demonstrates before the next phase starts.

    Fails:

        ### Phase 1: Guest carts
        **Goal:** A visitor can fill a cart without an account
        **Modules:** identity, cart

    Passes:

        ### Phase 1: Guest carts
        **Goal:** A visitor can fill a cart without an account
        **Modules:** identity, cart
        **Deliverables:**
        - [ ] Carts owned by a guest session
        **Exit Criteria:** A guest cart survives a page reload in staging
    """

    code = "PH003"
    name = "incomplete-phase"
    family = Family.PHASES
    severity = Severity.ERROR
    checklist = (SHIPPABLE,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each phase that lacks one of its four parts, naming what is missing.

        When every phase lacks the same parts, the spec writes its phases in another style
        (task checklists, say): that is one decision, reported once on the first phase
        rather than once per phase.
        """
        phases = context.spec.phases
        missing_per_phase = [_missing_fields(phase) for phase in phases]
        if (
            len(phases) > 1
            and missing_per_phase[0]
            and all(missing == missing_per_phase[0] for missing in missing_per_phase)
        ):
            missing = missing_per_phase[0]
            yield Finding(
                message=f"none of the {len(phases)} phases states its {_and(missing)}",
                line=phases[0].line,
                hint=_hint(missing) + " to every phase",
            )
            return
        for phase, missing in zip(phases, missing_per_phase, strict=True):
            if not missing:
                continue
            yield Finding(
                message=f"{_phase_name(phase)} has no {_and(missing)}",
                line=phase.line,
                hint=_hint(missing),
            )


def _hint(missing: list[str]) -> str:
    return "add " + ", ".join(
        f"'**{field.title()}:**'" for field in _PHASE_FIELDS if field in missing
    )


class PhaseNumbering(Rule):
    """Phases are numbered 1, 2, 3 in document order, without gaps.

    A gap or a jump back usually means a phase was deleted or moved and the plan was not
    re-read; readers and tickets refer to phases by number.

    Fails:

        ### Phase 1: Guest carts
        ### Phase 3: Confirmation

    Passes:

        ### Phase 1: Guest carts
        ### Phase 2: Confirmation
    """

    code = "PH004"
    name = "phase-numbering"
    family = Family.PHASES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each phase whose number does not follow the previous one."""
        previous = 0
        for phase in context.spec.phases:
            number = phase.number
            if number != previous + 1:
                if previous == 0:
                    message = f"the first phase is numbered {number}; number phases from 1"
                elif number == previous:
                    message = f"phase {number} is numbered twice"
                elif number < previous:
                    message = f"phase {number} comes after phase {previous}"
                else:
                    skipped = (
                        f"phase {previous + 1} is"
                        if number == previous + 2
                        else f"phases {previous + 1} to {number - 1} are"
                    )
                    message = f"phase {number} follows phase {previous}; {skipped} missing"
                yield Finding(
                    message=message,
                    line=phase.line,
                    hint=f"number it {previous + 1}",
                )
            previous = number


@dataclass(frozen=True, slots=True)
class _Delivery:
    """An event or endpoint, the module that delivers it and the first phase with that module."""

    kind: str
    label: str
    module: str
    phase_index: int
    words: frozenset[str] = frozenset()
    path: str = ""


def _first_phases(spec: IntegrationSpec, mentions: list[Mentions]) -> dict[str, int]:
    first: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        for key in mention.keys:
            first.setdefault(key, index)
    return first


def _deliveries(context: RuleContext, first: dict[str, int]) -> list[_Delivery]:
    spec = context.spec
    deliveries: list[_Delivery] = []
    seen: set[str] = set()
    published = [(row.event, row.module) for row in spec.events_published]
    published += [(row.event, row.publisher) for row in spec.async_events]
    for event, module in published:
        word = normalize_name(plain(event))
        index = first.get(module_key(context, module))
        if not word or word in seen or index is None or has_todo(event):
            continue
        if not known_to_architecture(context, module):
            continue
        seen.add(word)
        deliveries.append(
            _Delivery("event", plain(event), plain(module), index, words=frozenset({word}))
        )
    for endpoint in spec.endpoints:
        path = plain(endpoint.path)
        index = first.get(module_key(context, endpoint.module))
        if "/" not in path or len(path) < 2 or index is None:
            continue
        if not known_to_architecture(context, endpoint.module):
            continue
        label = f"{plain(endpoint.method)} {path}".strip()
        deliveries.append(
            _Delivery("endpoint", label, plain(endpoint.module), index, path=path.casefold())
        )
    return deliveries


def _phase_texts(phase: Phase) -> list[tuple[str, int | None]]:
    texts: list[tuple[str, int | None]] = []
    if phase.goal:
        texts.append((phase.goal, phase.field_lines.get("goal", phase.line)))
    texts.extend((item.text, item.line) for item in phase.deliverables)
    if phase.exit_criteria:
        texts.append((phase.exit_criteria, phase.field_lines.get("exit_criteria", phase.line)))
    return texts


def _uses(text: str, delivery: _Delivery) -> bool:
    if delivery.kind == "event":
        return bool(delivery.words & tokens(text))
    lowered = text.casefold()
    start = lowered.find(delivery.path)
    while start >= 0:
        end = start + len(delivery.path)
        if end == len(lowered) or not (lowered[end].isalnum() or lowered[end] in "/{-_"):
            return True
        start = lowered.find(delivery.path, start + 1)
    return False


class PhaseUsesLaterDelivery(Rule):
    """No phase relies on an event or endpoint that only a later phase delivers.

    Each phase must be a shippable increment: if phase 1 handles ``ShipmentDispatched`` but
    shipping, which publishes it, is only built in phase 2, phase 1 cannot be demonstrated
    on its own. An event or endpoint is delivered by the first phase whose modules include
    its publisher (Events Published, Asynchronous Events, Endpoints Created). Reported:
    a phase whose goal, deliverables or exit criteria name it earlier, and a subscriber
    whose last phase comes before that. The check is conservative: it only reads names.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Marks the order shipped |
        | shipping | Producer | Labels and dispatch events |

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | ShipmentDispatched | shipping | checkout | Mark the order shipped |

        ## Implementation Phases

        ### Phase 1: Order status
        **Modules:** checkout
        **Deliverables:**
        - [ ] MarkOrderShipped on ShipmentDispatched

        ### Phase 2: Carrier labels
        **Modules:** shipping
        **Deliverables:**
        - [ ] Publish ShipmentDispatched on the pickup scan

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Marks the order shipped |
        | shipping | Producer | Labels and dispatch events |

        ## Coordination Points

        ### Asynchronous Events
        | Event | Publisher | Subscribers | Purpose |
        |-------|-----------|-------------|---------|
        | ShipmentDispatched | shipping | checkout | Mark the order shipped |

        ## Implementation Phases

        ### Phase 1: Carrier labels
        **Modules:** shipping
        **Deliverables:**
        - [ ] Publish ShipmentDispatched on the pickup scan

        ### Phase 2: Order status
        **Modules:** checkout
        **Deliverables:**
        - [ ] MarkOrderShipped on ShipmentDispatched
    """

    code = "PH005"
    name = "phase-uses-later-delivery"
    family = Family.PHASES
    severity = Severity.WARNING
    checklist = (SHIPPABLE,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report uses of events and endpoints before the phase that delivers them."""
        spec = context.spec
        if len(spec.phases) < 2 or not _modules_stated(spec):
            return
        mentions = _phase_mentions(context)
        first = _first_phases(spec, mentions)
        deliveries = _deliveries(context, first)
        reported: set[tuple[str, int]] = set()
        for delivery in deliveries:
            delivering = spec.phases[delivery.phase_index]
            for index in range(delivery.phase_index):
                phase = spec.phases[index]
                line = next((ln for text, ln in _phase_texts(phase) if _uses(text, delivery)), 0)
                if line == 0:
                    continue
                reported.add((delivery.label, index))
                yield Finding(
                    message=f"{_phase_name(phase)} uses {delivery.kind} '{delivery.label}', "
                    f"which {delivery.module} only delivers in phase {delivering.number}",
                    line=line or phase.line,
                    hint=f"move '{delivery.module}' work into phase {phase.number} "
                    "or this use into a later phase",
                )
        yield from self._early_subscribers(context, mentions, deliveries, reported)

    def _early_subscribers(
        self,
        context: RuleContext,
        mentions: list[Mentions],
        deliveries: list[_Delivery],
        reported: set[tuple[str, int]],
    ) -> Iterator[Finding]:
        spec = context.spec
        last: dict[str, int] = {}
        for index, mention in enumerate(mentions):
            for key in mention.keys:
                last[key] = index
        events = {
            next(iter(delivery.words)): delivery
            for delivery in deliveries
            if delivery.kind == "event"
        }
        for row in spec.async_events:
            delivery = events.get(normalize_name(plain(row.event)))
            if delivery is None:
                continue
            for subscriber in row.subscribers:
                latest = last.get(module_key(context, subscriber))
                if latest is None or latest >= delivery.phase_index:
                    continue
                if (delivery.label, latest) in reported:
                    continue
                if not known_to_architecture(context, subscriber):
                    continue
                reported.add((delivery.label, latest))
                phase = spec.phases[latest]
                delivering = spec.phases[delivery.phase_index]
                yield Finding(
                    message=f"'{plain(subscriber)}' subscribes to '{delivery.label}' in "
                    f"{_phase_name(phase)}, but {delivery.module} only publishes it in "
                    f"phase {delivering.number}",
                    line=phase.field_lines.get("modules", phase.line),
                    hint=f"build the subscriber in phase {delivering.number} or later",
                )


RULES: tuple[type[Rule], ...] = (
    ModuleWithoutPhase,
    PhaseModuleNotInvolved,
    IncompletePhase,
    PhaseNumbering,
    PhaseUsesLaterDelivery,
)
"""Phases rules, in code order."""
