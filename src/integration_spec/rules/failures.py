"""Failures rules: every failure is recovered, and side effects are compensated in reverse."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import name_key
from integration_spec.model.spec import FailureMode, FlowStep
from integration_spec.rules._architecture_support import (
    is_involved,
    is_named,
    misspelled_row,
    module_name,
)
from integration_spec.rules._dataflow_support import (
    Verbs,
    camel_words,
    contains_phrase,
    find_keyword,
    flow_and_coordination_modules,
    flow_modules,
    mentions_module,
    step_label,
    words,
)
from integration_spec.rules.base import Family, Finding, Rule, RuleContext
from integration_spec.rules.common import did_you_mean, has_todo, is_blank, plain

_RECOVERY = "All failures have recovery"

_CATEGORY_SIGNS: dict[str, tuple[str, ...]] = {
    "Network": (
        "timeout*",
        "timed out",
        "time out",
        "refused",
        "unreachable",
        "connection reset",
        "connection error*",
        "network",
    ),
    "Business": (
        "insufficient",
        "declin*",
        "out of stock",
        "invalid*",
        "reject*",
        "expired",
        "expires",
    ),
    "System": ("down", "unavailable", "outage*", "crash*", "disk", "out of memory"),
    "Data": (
        "stale",
        "concurren*",
        "conflict*",
        "duplicat*",
        "inconsisten*",
        "version*",
        "out of order",
        "reorder*",
        "lost update*",
    ),
}
"""Words in a failure's description that place it in one of the seed's categories."""

_CATEGORY_FIXES: dict[str, tuple[str, ...]] = {
    "Network": (
        "retr*",
        "backoff",
        "back off",
        "try again",
        "resend*",
        "re send*",
        "redeliver*",
        "reconnect*",
        "circuit breaker*",
        "breaker*",
        "fallback*",
        "fall back",
        "queue*",
        "outbox",
        "inbox",
        "idempoten*",
    ),
    "Business": (
        "compensat*",
        "refund*",
        "cancel*",
        "releas*",
        "void*",
        "revert*",
        "undo*",
        "undone",
        "roll back",
        "rollback*",
        "rolled back",
        "revers*",
        "restock*",
        "saga*",
        "reject*",
        "refus*",
        "declin*",
        "show*",
        "inform*",
        "notif*",
        "tell*",
        "ask*",
        "block*",
        "hide*",
        "return*",
        "escalat*",
        "alert*",
        "manual*",
    ),
    "System": (
        "circuit breaker*",
        "breaker*",
        "fallback*",
        "fall back",
        "falls back",
        "degrad*",
        "queue*",
        "outbox",
        "inbox",
        "failover",
        "fail over",
        "buffer*",
        "park*",
        "pause*",
        "cache*",
        "read only",
        "replica*",
        "standby",
        "503",
        "maintenance",
    ),
    "Data": (
        "saga*",
        "optimistic*",
        "pessimistic*",
        "lock*",
        "version*",
        "idempoten*",
        "reconcil*",
        "concurren*",
        "dedup*",
        "ignor*",
        "reload*",
        "re read*",
        "reread*",
        "refresh*",
        "reject*",
        "merge*",
        "compare and swap",
        "etag*",
        "retr*",
    ),
}
"""Words of a recovery that fit each category (generous: the rule must not nag)."""

_CATEGORY_ADVICE = {
    "Network": "retry with backoff (and an idempotency key)",
    "Business": "compensate: cancel, refund or release what was done",
    "System": "open a circuit breaker, fall back or queue the work",
    "Data": "use a saga or concurrency control (version check, optimistic lock, idempotency)",
}

_HTTP_5XX = re.compile(r"\b5(?:\d\d|xx)\b", re.IGNORECASE)


class FailureWithoutRecovery(Rule):
    """Every failure mode has a recovery.

    A failure without recovery is a known way for the integration to break with no plan;
    the seed's checklist asks that all failures have recovery.

    Fails:

        | Failure | Impact | Detection | Recovery |
        |---------|--------|-----------|----------|
        | Stripe API timeout | Authorization unknown | No answer in 10 s | |

    Passes:

        | Failure | Impact | Detection | Recovery |
        |---------|--------|-----------|----------|
        | Stripe API timeout | Authorization unknown | No answer in 10 s | Retry, same key |
    """

    code = "FA001"
    name = "failure-without-recovery"
    family = Family.FAILURES
    severity = Severity.ERROR
    checklist = (_RECOVERY,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report failure modes whose Recovery is empty (placeholder rows are skipped)."""
        for row in context.spec.failure_modes:
            if not is_named(row.failure) or has_todo(row.recovery):
                continue
            if is_blank(row.recovery):
                yield Finding(
                    message=f"failure '{plain(row.failure)}' has no recovery",
                    line=row.line,
                    hint="say how the integration recovers: retry, compensate, "
                    "circuit breaker or saga",
                )


def failure_category(row: FailureMode) -> str | None:
    """The one category the failure's description points to, or ``None`` when unclear."""
    text = f"{row.failure} {row.impact} {row.detection}"
    found = camel_words(text)
    categories = {
        category for category, signs in _CATEGORY_SIGNS.items() if find_keyword(found, signs)
    }
    if _HTTP_5XX.search(plain(text)):
        categories.add("Network")
    return categories.pop() if len(categories) == 1 else None


class RecoveryDoesNotFitCategory(Rule):
    """A recovery fits the category of its failure.

    The seed pairs each failure category with its recovery: Network failures are retried,
    Business failures compensated, System failures met with a circuit breaker, Data
    failures with a saga or concurrency control. Retrying a declined card or compensating
    a timeout usually means the failure was misread. The category is inferred from the
    failure, impact and detection text; the rule only speaks when exactly one category is
    clear and the recovery uses none of its words.

    Fails:

        | Failure | Impact | Detection | Recovery |
        |---------|--------|-----------|----------|
        | Card declined | No payment | card_declined | Retry 3 times |

    Passes:

        | Failure | Impact | Detection | Recovery |
        |---------|--------|-----------|----------|
        | Card declined | No payment | card_declined | Compensate: release the stock |
    """

    code = "FA002"
    name = "recovery-does-not-fit-category"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report recoveries with none of the words their failure's category needs."""
        for row in context.spec.failure_modes:
            if not is_named(row.failure) or not is_named(row.recovery):
                continue
            category = failure_category(row)
            if category is None:
                continue
            recovery = camel_words(row.recovery)
            if find_keyword(recovery, _CATEGORY_FIXES[category]) or (
                category == "System" and _HTTP_5XX.search(plain(row.recovery))
            ):
                continue
            yield Finding(
                message=f"the recovery of '{plain(row.failure)}' does not fit a {category} failure",
                line=row.line,
                hint=f"{category} failures usually {_CATEGORY_ADVICE[category]}",
            )


_SIDE_EFFECT_VERBS = Verbs.of(
    "create creates created",
    "reserve reserves reserved",
    "charge charges charged",
    "authorize authorizes authorized",
    "authorise authorises authorised",
    "capture captures captured",
    "debit debits debited",
    "write writes written",
    "update updates updated",
    "insert inserts inserted",
    "send sends sent",
    "publish publishes published",
    "ship ships shipped",
    "book books booked",
    "allocate allocates allocated",
    "place places placed",
)
"""Verbs of an Action that change something another step may have to undo."""

_POINT_OF_NO_RETURN = (
    ("point", "of", "no", "return"),
    ("pivot",),
    ("cannot", "be", "undone"),
    ("can", "not", "be", "undone"),
    ("irreversible",),
)
_CANNOT_FAIL = (("cannot", "fail"), ("never", "fails"), ("can", "not", "fail"))


def _step_words(step: FlowStep) -> list[str]:
    texts = [step.name, step.action, step.failure, step.output, step.compensation]
    texts += [extra.value for extra in step.extra]
    return words(" ".join(text for text in texts if text))


def pivot_index(steps: tuple[FlowStep, ...]) -> int | None:
    """The first step marked as the point of no return, if any."""
    for index, step in enumerate(steps):
        found = _step_words(step)
        if any(contains_phrase(found, phrase) for phrase in _POINT_OF_NO_RETURN):
            return index
    return None


def side_effect(step: FlowStep) -> str | None:
    """The first side-effect verb of the step's Action (identifiers such as PlaceOrder excluded)."""
    return _SIDE_EFFECT_VERBS.first(step.action)


def _can_fail(step: FlowStep) -> bool:
    found = words(step.failure)
    if step.failure is not None and is_blank(step.failure):
        return False
    return not any(contains_phrase(found, phrase) for phrase in _CANNOT_FAIL)


class SideEffectWithoutCompensation(Rule):
    """Every step with a side effect before the point of no return has a compensation.

    When a later step fails, everything done before it must be undone, in reverse order,
    or the integration ends half done: stock reserved for an order that does not exist, a
    card authorized for nothing. A step whose Action creates, reserves, charges, writes,
    sends or publishes something needs a ``- Compensation:`` bullet or a mention (by its
    module) in the undo steps of the Compensation section, unless no later step can fail
    or the step is at or after the point of no return (a step that says "point of no
    return", "pivot", "cannot be undone" or "irreversible").

    Fails:

        5. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
           - Failure: Insufficient stock: cancel the order
        6. **Authorize payment** (payments)
           - Failure: Card declined

    Passes:

        5. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
           - Failure: Insufficient stock: cancel the order
           - Compensation: Release the reservation (ReleaseReservation)
        6. **Authorize payment** (payments)
           - Failure: Card declined
    """

    code = "FA003"
    name = "side-effect-without-compensation"
    family = Family.FAILURES
    severity = Severity.ERROR
    checklist = (_RECOVERY,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report side-effect steps before the pivot that nothing undoes."""
        spec = context.spec
        steps = spec.flow_steps
        pivot = pivot_index(steps)
        compensation_words = words(
            " ".join(entry.text for block in spec.compensation for entry in block.steps)
        )
        for index, step in enumerate(steps):
            if pivot is not None and index >= pivot:
                break
            verb = side_effect(step)
            if verb is None or not any(_can_fail(later) for later in steps[index + 1 :]):
                continue
            if step.compensation is not None and (
                has_todo(step.compensation) or not is_blank(step.compensation)
            ):
                continue
            if is_named(step.module) and mentions_module(compensation_words, step.module):
                continue
            yield Finding(
                message=f"{step_label(index, step)} has a side effect ('{verb}') "
                "but no compensation",
                line=step.line,
                hint="add '- Compensation: <how to undo it>' to the step, or mark the "
                "point of no return",
            )


def _entry_module(text: str, modules: list[str]) -> str | None:
    """The module an undo step starts with (``Inventory releases ...`` -> inventory)."""
    head = plain(text).casefold()
    for name in sorted(modules, key=len, reverse=True):
        written = module_name(name).casefold()
        if head.startswith(written) and not head[len(written) : len(written) + 1].isalnum():
            return name
    return None


class CompensationOrder(Rule):
    """Compensation steps undo the flow in reverse order.

    A saga undoes its steps last-done-first: the reservation is released before the
    pending order that holds it is cancelled. When every undo step starts with the module
    it undoes, those modules must appear in the reverse of their order in the flow.

    Fails:

        If payments fails after inventory succeeds:
        1. Checkout cancels the pending order
        2. Inventory releases the reservation

    Passes:

        If payments fails after inventory succeeds:
        1. Inventory releases the reservation
        2. Checkout cancels the pending order
    """

    code = "FA004"
    name = "compensation-order"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first undo step of each block that is out of reverse flow order."""
        spec = context.spec
        pivot = pivot_index(spec.flow_steps)
        positions = {
            key: [index for index in indexes if pivot is None or index < pivot]
            for key, indexes in flow_modules(spec).items()
        }
        modules = [step.module for step in spec.flow_steps if is_named(step.module)]
        for block in spec.compensation:
            limit: int | None = None
            previous = ("", "")
            for entry in block.steps:
                name = _entry_module(entry.text, modules)
                key = name_key(module_name(name)) if name is not None else ""
                indexes = positions.get(key, [])
                if name is None or not indexes:
                    continue
                allowed = [
                    index
                    for index in indexes
                    if limit is None or index < limit or (index == limit and key == previous[0])
                ]
                if limit is not None and not allowed:
                    later = min(index for index in indexes if index >= limit)
                    yield Finding(
                        message=f"compensation undoes '{module_name(name)}' (flow step "
                        f"{later + 1}) after '{previous[1]}' (flow step {limit + 1}); "
                        "undo in reverse order of the flow",
                        line=entry.line,
                        hint="list the undo steps last-done-first",
                    )
                    break
                limit = max(allowed)
                previous = (key, module_name(name))


_TRIGGER = re.compile(
    r"^\s*if\s+(?P<failed>.+?)\s+(?:fails?|failed|is down|errors?)\b.*?\bafter\s+"
    r"(?P<succeeded>.+?)\s+(?:succeeds?|succeeded|completes?|completed|has succeeded)\b",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b)\s*")
_ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _trigger_names(trigger: str) -> list[str]:
    """Module names of ``If <B> fails after <A> succeeds:``, or none when not that form."""
    match = _TRIGGER.match(plain(trigger))
    if match is None:
        return []
    names = []
    for group in ("failed", "succeeded"):
        for part in _NAME_SEPARATORS.split(match.group(group)):
            if is_blank(part):
                continue  # a template's [Module B]
            part = _ARTICLES.sub("", part.strip()).strip()
            part = re.sub(r"\s+module$", "", part, flags=re.IGNORECASE)
            if part:
                names.append(part)
    return names


class CompensationTriggerNotInvolved(Rule):
    """A Compensation block's trigger names involved modules.

    ``If payments fails after inventory succeeds:`` tells the reader which failure the
    undo steps answer; naming a module that takes no part in the integration (often a
    typo, or an external system) leaves the compensation attached to nothing.

    Fails:

        If paymnets fails after inventory succeeds:
        1. Inventory releases the reservation

    Passes:

        If payments fails after inventory succeeds:
        1. Inventory releases the reservation
    """

    code = "FA005"
    name = "compensation-trigger-not-involved"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report names in compensation triggers that Modules Involved lacks."""
        spec = context.spec
        if not spec.modules:
            return
        # Modules the flow or the coordination tables name are reported there (DF002, CO001).
        seen = flow_and_coordination_modules(spec)
        for block in spec.compensation:
            for name in _trigger_names(block.trigger):
                key = name_key(name)
                if not is_named(name) or is_involved(spec, name) or key in seen:
                    continue
                if misspelled_row(spec, context.architecture, name):
                    continue
                seen.add(key)
                yield Finding(
                    message=f"the compensation trigger names '{name}', which is not in "
                    "Modules Involved",
                    line=block.line,
                    hint=did_you_mean(name, spec.module_names)
                    or "name the involved modules: 'If <module> fails after <module> succeeds:'",
                )


RULES: tuple[type[Rule], ...] = (
    FailureWithoutRecovery,
    RecoveryDoesNotFitCategory,
    SideEffectWithoutCompensation,
    CompensationOrder,
    CompensationTriggerNotInvolved,
)
