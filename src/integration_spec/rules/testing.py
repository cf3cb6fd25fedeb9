"""Testing rules: the tests cover every integration point, every module and a failure path."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_spec.model.diagnostics import Severity
from integration_spec.model.spec import SectionKey
from integration_spec.rules._structure_support import (
    all_involved_keys,
    involved_modules,
    known_to_architecture,
    mentioned_modules,
    module_key,
    section_line,
    section_written,
    word_pattern,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext
from integration_spec.rules.common import has_todo, is_blank, plain

TESTS_COVER = "Tests cover integration points"


class _Usable:
    """Which written module names no other rule reports: named, involved, known (cached)."""

    def __init__(self, context: RuleContext, involved: dict[str, str]) -> None:
        self.context = context
        self.involved = involved
        self.seen: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        answer = self.seen.get(name)
        if answer is None:
            answer = not (is_blank(name) or has_todo(name)) and (
                module_key(name) in self.involved and known_to_architecture(self.context, name)
            )
            self.seen[name] = answer
        return answer


class UntestedIntegrationPoint(Rule):
    """Every synchronous call and every event is covered by an integration test.

    Integration points are where modules break each other: a renamed field, a changed
    status code, an event nobody consumes any more. The seed's checklist asks that tests
    cover them. A call or an event (for each subscriber) counts as covered when a row of
    Integration Tests names both modules in its Modules cell, in either order.

    Fails:

        | checkout | payments | AuthorizePayment | Authorize the total |
        ...
        ### Integration Tests
        | Test | Modules | Scenario |
        |------|---------|----------|
        | Reserve stock | checkout, inventory | Checkout calls ReserveStock |

    Passes:

        | checkout | payments | AuthorizePayment | Authorize the total |
        ...
        ### Integration Tests
        | Test | Modules | Scenario |
        |------|---------|----------|
        | Authorize | payments, checkout | Checkout calls AuthorizePayment |
    """

    code = "TE001"
    name = "untested-integration-point"
    family = Family.TESTING
    severity = Severity.ERROR
    checklist = (TESTS_COVER,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report each call and each event whose modules no integration test names together."""
        spec = context.spec
        if not section_written(context, SectionKey.TESTING):
            return
        involved = all_involved_keys(spec)
        usable = _Usable(context, involved)
        pairs = [mentioned_modules(row.modules, involved).keys for row in spec.integration_tests]

        def covered(first: str, second: str) -> bool:
            wanted = {module_key(first), module_key(second)}
            return any(wanted <= keys for keys in pairs)

        for call in spec.sync_calls:
            if not (usable(call.caller) and usable(call.callee)):
                continue
            if module_key(call.caller) == module_key(call.callee) or covered(
                call.caller, call.callee
            ):
                continue
            method = f" ({plain(call.method)})" if not is_blank(call.method) else ""
            yield Finding(
                message=f"call {plain(call.caller)} -> {plain(call.callee)}{method} "
                "has no integration test naming both modules",
                line=call.line,
                hint=f"add an Integration Tests row with Modules "
                f"'{plain(call.caller)}, {plain(call.callee)}'",
            )
        for event in spec.async_events:
            if is_blank(event.event) or has_todo(event.event):
                continue
            if not usable(event.publisher):
                continue
            missing = [
                plain(subscriber)
                for subscriber in event.subscribers
                if usable(subscriber)
                and module_key(subscriber) != module_key(event.publisher)
                and not covered(event.publisher, subscriber)
            ]
            if not missing:
                continue
            yield Finding(
                message=f"event '{plain(event.event)}' from {plain(event.publisher)} to "
                f"{', '.join(missing)} has no integration test naming both modules",
                line=event.line,
                hint="add an Integration Tests row per subscriber with Modules "
                f"'{plain(event.publisher)}, <subscriber>'",
            )


class ModuleWithoutUnitTest(Rule):
    """Every involved module has a unit-test focus.

    Each module changes in its own way (a new aggregate rule, a new state, a template);
    the Unit Tests table says what its team must test before anything is integrated.

    Fails:

        | notifications | Consumer | Guest confirmation e-mail |
        ...
        ### Unit Tests (Per Module)
        | Module | Focus |
        |--------|-------|
        | cart | Guest ownership |

    Passes:

        ### Unit Tests (Per Module)
        | Module | Focus |
        |--------|-------|
        | cart | Guest ownership |
        | notifications | One e-mail per order |
    """

    code = "TE002"
    name = "module-without-unit-test"
    family = Family.TESTING
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report involved modules without a unit-test row, and rows without a focus."""
        spec = context.spec
        if not section_written(context, SectionKey.TESTING):
            return
        involved = all_involved_keys(spec)
        focused: set[str] = set()
        for row in spec.unit_tests:
            keys = mentioned_modules((row.module,), involved).keys
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
            if module.key not in focused:
                yield Finding(
                    message=f"module '{module.name}' has no unit-test focus",
                    line=module.line,
                    hint=f"add a Unit Tests row for '{module.name}'",
                )


_FAILURE_WORDS = word_pattern(
    (
        "fail",
        "compensat",
        "roll(?:s|ed|ing)?[ -]?back",
        "refund",
        "cancel",
        "time[ds]?[ -]?out",
        "declin",
        "retr(?:y|ies|ied)",
        "reject",
        "expir",
        "outage",
        "unavailab",
        "unreachab",
        "down\\b",
        "error",
        "invalid",
        "insufficient",
        "out of stock",
        "conflict",
        "undeliverab",
        "revert",
        "void",
        "circuit",
        "fallback",
        "dead[ -]?letter",
    )
)
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = {
    "the", "and", "for", "with", "from", "that", "this", "into", "when", "after", "before",
    "not", "are", "was", "its", "has", "have", "but", "all", "any", "per", "via", "out",
}  # fmt: skip


def _content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.casefold()) if len(word) > 2} - _STOPWORDS


def _covers_failure(text: str, failures: list[set[str]]) -> bool:
    """Failure vocabulary, or most of the words of a listed failure mode."""
    if _FAILURE_WORDS.search(text):
        return True
    words = _content_words(text)
    return any(
        len(failure) >= 2 and len(failure & words) * 3 >= len(failure) * 2 for failure in failures
    )


class NoFailureJourney(Rule):
    """At least one E2E journey exercises a failure or compensation path.

    Happy paths are tested anyway; what breaks in production is the declined card, the
    carrier outage, the compensation that runs in the wrong order. A journey counts when
    its cells speak of failure (fails, declined, timeout, cancelled, refund, rollback,
    retry...) or repeat most of the words of a row of Failure Modes.

    Fails:

        | Journey | Steps | Verification |
        |---------|-------|--------------|
        | Guest buys two items | Add two items, pay | Order is Placed |

    Passes:

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
        failures = [_content_words(mode.failure) for mode in spec.failure_modes]
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
