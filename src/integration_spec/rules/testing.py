"""Testing rules: the tests cover every integration point, every module and a failure path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from integration_spec.facts.artifacts import listed_names
from integration_spec.facts.lexicon import FAILURE_WORDS
from integration_spec.facts.steps import content_stems
from integration_spec.facts.text import content_words, has_todo, identifiers, is_blank, plain, says
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import normalize_name
from integration_spec.model.spec import SectionKey
from integration_spec.rules._structure_support import (
    involved_modules,
    mentioned_modules,
    section_line,
    section_written,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

TESTS_COVER = "Tests cover integration points"


class UntestedIntegrationPoint(Rule):
    """Every synchronous call and every event is covered by an integration test.

    Integration points are where modules break each other: a renamed field, a changed
    status code, an event nobody consumes any more. The seed's checklist asks that tests
    cover them. Each call, and each event for each subscriber, needs a row of Integration
    Tests of its own: a row whose Modules cell names both modules (in either order) covers
    the point it mentions (by its method or event name), or one of them when it mentions
    none, so two calls between the same modules need two rows. A row that reaches a point
    the flow steps name also covers the points they name before it among its modules: the
    test has passed through them (a payment can only fail once the stock-confirmed event
    reached it).

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Guest place-order endpoint |
        | payments | Producer | Authorization for guest orders |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | payments | AuthorizePayment | Authorize the total |
        | checkout | payments | VoidAuthorization | Void it when the order fails |

        ## Testing Strategy

        ### Integration Tests
        | Test | Modules | Scenario |
        |------|---------|----------|
        | Authorize | payments, checkout | Checkout calls AuthorizePayment |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Guest place-order endpoint |
        | payments | Producer | Authorization for guest orders |

        ## Coordination Points

        ### Synchronous Calls
        | From | To | Method | Purpose |
        |------|----|--------|---------|
        | checkout | payments | AuthorizePayment | Authorize the total |
        | checkout | payments | VoidAuthorization | Void it when the order fails |

        ## Testing Strategy

        ### Integration Tests
        | Test | Modules | Scenario |
        |------|---------|----------|
        | Authorize | payments, checkout | Checkout calls AuthorizePayment |
        | Void | checkout, payments | Checkout calls VoidAuthorization |
    """

    code = "TE001"
    name = "untested-integration-point"
    family = Family.TESTING
    severity = Severity.ERROR
    checklist = (TESTS_COVER,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each call and each event (per subscriber) no integration test covers."""
        spec = context.spec
        if not section_written(context, SectionKey.TESTING):
            return
        rows = [
            _TestRow(
                mentioned_modules(context, row.modules).keys,
                content_stems(f"{row.test} {row.scenario}"),
                normalize_name(f"{row.test} {row.scenario}"),
            )
            for row in spec.integration_tests
        ]
        points = _integration_points(context)
        uncovered = _assign(points, rows)
        for point in points:
            if id(point) not in uncovered:
                continue
            together = any(point.pair <= row.keys for row in rows)
            yield Finding(
                message=f"{point.label} has no integration test"
                + (" of its own" if together else " naming both modules"),
                line=point.line,
                hint=(
                    f"add an Integration Tests row for it (the rows naming "
                    f"{' and '.join(point.names)} test the other points between them)"
                    if together
                    else f"add an Integration Tests row with Modules '{', '.join(point.names)}'"
                ),
            )


@dataclass(frozen=True, slots=True)
class _TestRow:
    keys: frozenset[str]
    stems: frozenset[str]
    text: str


@dataclass(frozen=True, slots=True)
class _Point:
    """One integration point: a call, or an event to one subscriber."""

    label: str
    pair: frozenset[str]
    names: tuple[str, str]
    identifier: str
    stems: frozenset[str]
    line: int | None
    position: int | None = None
    """The flow step (0-based) whose text names the point, when one does: where the
    forward flow passes through it."""
    listed: tuple[str, ...] = ()
    """Each name the cell lists (``MarkCompleted / MarkFailed``), normalised."""


def _positions(context: RuleContext) -> dict[str, int]:
    """Each identifier a flow step names, with the first step that names it.

    Its name, Trigger, Input, Action and Output are read: where the forward flow passes.
    """
    found: dict[str, int] = {}
    for step in context.facts.steps:
        written = step.step
        text = " ".join(
            part
            for part in (
                written.name,
                written.trigger,
                written.input,
                written.action,
                written.output,
            )
            if part
        )
        for name in identifiers(text):
            found.setdefault(normalize_name(name), step.index)
    return found


def _integration_points(context: RuleContext) -> list[_Point]:
    points = _unplaced_points(context)
    positions = _positions(context)
    placed = []
    for point in points:
        found = [positions[name] for name in (point.identifier, *point.listed) if name in positions]
        placed.append(replace(point, position=min(found) if found else None))
    return placed


def _unplaced_points(context: RuleContext) -> list[_Point]:
    modules = context.facts.modules
    points = []
    for call in context.spec.sync_calls:
        caller, callee = modules.resolve(call.caller), modules.resolve(call.callee)
        if not (caller.is_participant and callee.is_participant) or caller.key == callee.key:
            continue
        method = f" ({plain(call.method)})" if not is_blank(call.method) else ""
        points.append(
            _Point(
                label=f"call {caller.written} -> {callee.written}{method}",
                pair=frozenset((caller.key, callee.key)),
                names=(caller.written, callee.written),
                identifier=normalize_name(plain(call.method).split("(", 1)[0]),
                listed=_listed(call.method),
                stems=content_stems(call.method),
                line=call.line,
            )
        )
    for event in context.spec.async_events:
        if is_blank(event.event) or has_todo(event.event):
            continue
        publisher = modules.resolve(event.publisher)
        if not publisher.is_participant:
            continue
        for written in event.subscribers:
            subscriber = modules.resolve(written)
            if not subscriber.is_participant or subscriber.key == publisher.key:
                continue
            points.append(
                _Point(
                    label=f"event '{plain(event.event)}' from {publisher.written} to "
                    f"{subscriber.written}",
                    pair=frozenset((publisher.key, subscriber.key)),
                    names=(publisher.written, subscriber.written),
                    identifier=normalize_name(plain(event.event)),
                    listed=_listed(event.event),
                    stems=content_stems(event.event),
                    line=event.line,
                )
            )
    return points


def _listed(cell: str) -> tuple[str, ...]:
    return tuple(normalize_name(name.split("(", 1)[0]) for name in listed_names(plain(cell)))


def _mentions(row: _TestRow, point: _Point) -> bool:
    if point.identifier and len(point.identifier) >= 4 and point.identifier in row.text:
        return True
    return len(point.stems) >= 2 and len(point.stems & row.stems) >= 2


def _assign(points: list[_Point], rows: list[_TestRow]) -> set[int]:
    """The points no row covers.

    A row naming both modules covers the point it mentions, or (when it mentions none of
    the pair's points) one of them, so two calls between the same modules need two tests.
    A test that reaches a point of the flow has passed through the points the flow makes
    before it among the row's modules (a payment can only fail once the stock-confirmed
    event has reached it), so those are covered too.
    """
    uncovered = {id(point) for point in points}
    generic: dict[frozenset[str], int] = {}
    by_pair: dict[frozenset[str], list[_Point]] = {}
    for point in points:
        by_pair.setdefault(point.pair, []).append(point)
    for row in rows:
        reached = -1
        for pair, pair_points in by_pair.items():
            if not pair <= row.keys:
                continue
            specific = [point for point in pair_points if _mentions(row, point)]
            if specific:
                uncovered -= {id(point) for point in specific}
                reached = max([reached, *(p.position for p in specific if p.position is not None)])
            else:
                generic[pair] = generic.get(pair, 0) + 1
        uncovered -= {
            id(point)
            for point in points
            if point.position is not None and point.position < reached and point.pair <= row.keys
        }
    for pair, count in generic.items():
        for point in by_pair[pair]:
            if count == 0:
                break
            if id(point) in uncovered:
                uncovered.discard(id(point))
                count -= 1
    return uncovered


class ModuleWithoutUnitTest(Rule):
    """Every involved module has a unit-test focus.

    Each module changes in its own way (a new aggregate rule, a new state, a template);
    the Unit Tests table says what its team must test before anything is integrated. A
    module whose Changes say it is not changed ("None; existing session checks") takes
    part without new code and needs no row, and so does an infrastructure product the
    team configures rather than programs (``SNS``, ``Redis``): its part is proved by the
    integration tests that use it. A row counts for every module it names, so
    "Consumers (billing, notifications)" covers both.

    A warning, not an error: the seed's Validation Checklist asks that tests cover the
    integration points (TE001), which are between modules; a module's own unit tests are
    its team's business and are only recommended by the format.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Carts owned by a guest session |
        | notifications | Consumer | Guest confirmation e-mail |

        ## Testing Strategy

        ### Unit Tests (Per Module)
        | Module | Focus |
        |--------|-------|
        | cart | Guest ownership |

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Carts owned by a guest session |
        | notifications | Consumer | Guest confirmation e-mail |

        ## Testing Strategy

        ### Unit Tests (Per Module)
        | Module | Focus |
        |--------|-------|
        | cart | Guest ownership |
        | notifications | One e-mail per order |
    """

    code = "TE002"
    name = "module-without-unit-test"
    family = Family.TESTING
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report involved modules without a unit-test row, and rows without a focus."""
        spec = context.spec
        if not section_written(context, SectionKey.TESTING):
            return
        focused: set[str] = set()
        for row in spec.unit_tests:
            keys = mentioned_modules(context, (row.module,)).keys
            if not is_blank(row.focus) or has_todo(row.focus):
                focused.update(keys)
            elif keys:
                yield Finding(
                    message=f"the unit-test row for '{plain(row.module)}' names no focus",
                    line=row.line,
                    hint="say what the module's unit tests must prove",
                )
                focused.update(keys)
        for module in involved_modules(context):
            if module.key not in focused and not module.unchanged and not module.product:
                yield Finding(
                    message=f"module '{module.name}' has no unit-test focus",
                    line=module.line,
                    hint=f"add a Unit Tests row for '{module.name}'",
                )


def _covers_failure(text: str, failures: list[frozenset[str]]) -> bool:
    """Whether a journey exercises a failure.

    It uses failure vocabulary (declined, timeout, offline, reconnect...), or most of the
    words of a listed failure mode.
    """
    if says(text, FAILURE_WORDS):
        return True
    found = content_words(text)
    return any(
        len(failure) >= 2 and len(failure & found) * 3 >= len(failure) * 2 for failure in failures
    )


class NoFailureJourney(Rule):
    """At least one E2E journey exercises a failure or compensation path.

    Happy paths are tested anyway; what breaks in production is the declined card, the
    carrier outage, the compensation that runs in the wrong order, the client that goes
    offline and reconnects. A journey counts when its cells speak of failure (fails,
    declined, timeout, cancelled, refund, rollback, retry, offline, reconnect...) or repeat
    most of the words of a row of Failure Modes.

    Fails:

        ## Testing Strategy

        ### E2E Tests
        | Journey | Steps | Verification |
        |---------|-------|--------------|
        | Guest buys two items | Add two items, pay | Order is Placed |

    Passes:

        ## Testing Strategy

        ### E2E Tests
        | Journey | Steps | Verification |
        |---------|-------|--------------|
        | Guest buys two items | Add two items, pay | Order is Placed |
        | Guest card declined | Pay with a declining card | Reservation released |
    """

    code = "TE003"
    name = "no-failure-journey"
    family = Family.TESTING
    severity = Severity.ERROR
    checklist = (TESTS_COVER,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report E2E tests of which none covers a failure path."""
        spec = context.spec
        if not section_written(context, SectionKey.TESTING):
            return
        journeys = [
            " ".join((row.journey, row.steps, row.verification))
            for row in spec.e2e_tests
            if not all(is_blank(cell) for cell in (row.journey, row.steps, row.verification))
        ]
        if any(has_todo(text) for text in journeys):
            return
        line = section_line(spec, SectionKey.E2E_TESTS, SectionKey.TESTING)
        if not journeys:
            yield Finding(
                message="Testing Strategy has no E2E journey",
                line=line,
                hint="add E2E Tests, at least one of them through a failure or compensation path",
            )
            return
        failures = [content_words(mode.failure) for mode in spec.failure_modes]
        if any(_covers_failure(text, failures) for text in journeys):
            return
        yield Finding(
            message="no E2E journey covers a failure or compensation path",
            line=line,
            hint="add a journey where a step fails and verify the recovery "
            "(e.g. a declined payment and its compensation)",
        )


RULES: tuple[type[Rule], ...] = (
    UntestedIntegrationPoint,
    ModuleWithoutUnitTest,
    NoFailureJourney,
)
"""Testing rules, in code order."""
