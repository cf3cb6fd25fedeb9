"""Failures rules: every failure is recovered, and the saga plan has no gap.

The FA rules report from the saga plan (:mod:`integration_spec.facts.saga`) that ``analyze``
prints, so ``check`` and ``analyze`` never disagree on the pivot, a step's role or the
order of compensations. Failure categories are read from meaning
(:mod:`integration_spec.facts.failures`).
"""

from __future__ import annotations

from collections.abc import Iterator

from integration_spec.facts.failures import read_failure_row
from integration_spec.facts.lexicon import CATEGORY_ADVICE
from integration_spec.facts.modules import NameKind, is_named
from integration_spec.facts.text import has_todo, is_blank, plain
from integration_spec.facts.undo import read_trigger
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import did_you_mean
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

_RECOVERY = "All failures have recovery"


def _plan_findings(context: RuleContext, code: str) -> Iterator[Finding]:
    """The saga plan's findings that belong to rule ``code``."""
    for finding in context.facts.saga.findings:
        if finding.related_rule == code:
            yield Finding(message=finding.message, line=finding.line, hint=finding.hint)


class FailureWithoutRecovery(Rule):
    """Every failure mode has a recovery.

    A failure without recovery is a known way for the integration to break with no plan;
    the seed's checklist asks that all failures have recovery.

    Fails:

        ## Failure Modes
        | Failure | Impact | Detection | Recovery |
        |---------|--------|-----------|----------|
        | Stripe API timeout | Authorization unknown | No answer in 10 s | |

    Passes:

        ## Failure Modes
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


class RecoveryDoesNotFitCategory(Rule):
    """A recovery fits the category of its failure.

    The seed pairs each failure category with its recovery: Network failures are retried,
    Business failures compensated (or answered: refuse, tell, offer), System failures met
    with a circuit breaker, Data failures with a saga or concurrency control. Retrying a
    declined card or compensating a timeout usually means the failure was misread. The
    category is read from the meaning of the failure, impact and detection (a refused
    booking is Business, a refused connection Network). The rule speaks only on a
    contradiction: exactly one category is clear, the recovery does what that category
    must not (repeat a refused request, undo at the first timeout, hammer a service that is
    down) and nothing in the row (a breaker in Detection, an idempotency key) makes up for
    it. A recovery the seed's table does not list is not reported: teams answer failures
    in many sound ways the table does not name.

    Fails:

        ## Failure Modes
        | Failure | Impact | Detection | Recovery |
        |---------|--------|-----------|----------|
        | Card declined | No payment | card_declined | Retry 3 times |

    Passes:

        ## Failure Modes
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
            reading = read_failure_row(
                row.failure, row.impact, row.detection, row.recovery, row.line
            )
            case = reading.cases[0]
            category = case.category
            if category is None or not case.misfits(category):
                continue
            yield Finding(
                message=f"the recovery of '{plain(row.failure)}' does not fit a {category} failure",
                line=row.line,
                hint=f"{category} failures usually {CATEGORY_ADVICE[category]}",
            )


class SideEffectWithoutCompensation(Rule):
    """Every step that changes data before the point of no return is undone when a later step fails.

    When a later step fails, everything done before it must be undone, in reverse order, or
    the integration ends half done: stock reserved for an order that does not exist, a card
    authorized for nothing. A spec states the undo where people write it: in the later
    step's Failure line (``Failure: card declined — release the stock``), in the
    Compensation section, in a compensating call, in the Failure Modes table, or in a
    ``- Compensation:`` bullet. A step whose effect an earlier compensation already undoes
    (cancelling the order undoes its status changes) is covered; one the spec says stays is
    FA010's. The plan is the one ``analyze`` prints.

    Fails:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Charge card** (payments)
           - Action: Charge the total to the card
        3. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
           - Failure: Insufficient stock: cancel the pending order

    Passes:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Charge card** (payments)
           - Action: Charge the total to the card
        3. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
           - Failure: Insufficient stock: refund the charge, then cancel the pending order
    """

    code = "FA003"
    name = "side-effect-without-compensation"
    family = Family.FAILURES
    severity = Severity.ERROR
    checklist = (_RECOVERY,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the plan's uncompensated steps before the pivot."""
        for finding in context.facts.saga.findings:
            if finding.related_rule != self.code:
                continue
            step = context.facts.steps[finding.steps[0] - 1]
            offered = [
                link.action
                for link in context.facts.compensation.for_step(step.index)
                if link.source.value == "architecture"
            ]
            hint = finding.hint
            if offered:
                hint = f"the architecture offers '{offered[0]}': say when it runs"
            yield Finding(message=finding.message, line=finding.line, hint=hint)


class CompensationOrder(Rule):
    """Compensation steps undo the flow in reverse order.

    A saga undoes its steps last-done-first: the reservation is released before the
    pending order that holds it is cancelled. Each undo step of a Compensation block is
    matched to the flow step it undoes; they must come in the reverse of the flow's order.

    Fails:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
        3. **Authorize payment** (payments)
           - Action: Authorize the total

        ## Failure Modes

        ### Compensation
        If payments fails after inventory succeeds:
        1. Checkout cancels the pending order
        2. Inventory releases the reservation

    Passes:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
        3. **Authorize payment** (payments)
           - Action: Authorize the total

        ## Failure Modes

        ### Compensation
        If payments fails after inventory succeeds:
        1. Inventory releases the reservation
        2. Checkout cancels the pending order
    """

    code = "FA004"
    name = "compensation-order"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first out-of-order undo step of each block."""
        yield from _plan_findings(context, self.code)


class CompensationTriggerNotInvolved(Rule):
    """A Compensation block's trigger names involved modules.

    ``If payments fails after inventory succeeds:`` tells the reader which failure the
    undo steps answer; naming a module that takes no part in the integration (often a
    typo, or an external system) leaves the compensation attached to nothing. A trigger
    that names a flow step by what it does (``If ReserveFlight fails``) is fine.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | inventory | Producer | Reservations expire after 15 minutes |
        | payments | Producer | Authorization for guest orders |

        ## Failure Modes

        ### Compensation
        If paymnets fails after inventory succeeds:
        1. Inventory releases the reservation

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | inventory | Producer | Reservations expire after 15 minutes |
        | payments | Producer | Authorization for guest orders |

        ## Failure Modes

        ### Compensation
        If payments fails after inventory succeeds:
        1. Inventory releases the reservation
    """

    code = "FA005"
    name = "compensation-trigger-not-involved"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report trigger names that resolve to no step and to an uninvolved module."""
        facts = context.facts
        if not context.spec.modules:
            return
        seen: set[str] = set()
        for statement in facts.compensation.statements:
            if statement.source.value != "section" or statement.failing is not None:
                continue
            trigger = read_trigger(statement.trigger)
            if trigger is None:
                continue
            for side in (trigger.failed, trigger.succeeded):
                name = _subject(side)
                if not name:
                    continue
                ref = facts.modules.resolve(name)
                if ref.is_involved or ref.key in seen:
                    continue
                # "the card" is prose; a bare name ("paymnets") may be a misspelt module.
                bare = not _ARTICLES & set(side)
                if ref.kind is not NameKind.MODULE and not (
                    bare and ref.kind in (NameKind.MISSPELT, NameKind.UNCHECKED)
                ):
                    continue
                seen.add(ref.key)
                yield Finding(
                    message=f"the compensation trigger names '{name}', which is not in "
                    "Modules Involved",
                    line=statement.line,
                    hint=did_you_mean(name, context.spec.module_names)
                    or "name the involved modules: 'If <module> fails after <module> succeeds:'",
                )


_ARTICLES = frozenset({"the", "a", "an"})
_TRIGGER_NOISE = _ARTICLES | {"module", "service", "step", "both", "all"}


def _subject(side: tuple[str, ...]) -> str:
    """The name a trigger side gives (``the payments module`` -> payments)."""
    kept = [word for word in side if word not in _TRIGGER_NOISE]
    return " ".join(kept) if 0 < len(kept) <= 3 else ""


class SeveralPivots(Rule):
    """A saga has at most one point of no return.

    The pivot is the single go/no-go step: before it every failure is undone, after it
    every step is retried until it succeeds. Two steps each called the point of no return
    leave the steps between them without a recovery strategy.

    Fails:

        ### Flow Steps
        1. **Capture payment** (payments)
           - Action: Capture the amount; this is the point of no return
        2. **Hand over to carrier** (shipping)
           - Action: Hand the parcel over; the point of no return

    Passes:

        ### Flow Steps
        1. **Capture payment** (payments)
           - Action: Capture the amount; this is the point of no return
        2. **Hand over to carrier** (shipping)
           - Action: Hand the parcel over; retried until the carrier accepts it
    """

    code = "FA006"
    name = "several-pivots"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the second step marked as the point of no return."""
        yield from _plan_findings(context, self.code)


class NotRetriableAfterPivot(Rule):
    """A step after the point of no return says how it is retried.

    After the pivot the saga cannot go back: every later step must eventually succeed, so
    it must be safe to repeat (an idempotency key, an outbox, at most once per order).

    Fails:

        ### Flow Steps
        1. **Capture payment** (payments)
           - Action: Capture the amount; this is the point of no return
        2. **Mark order shipped** (checkout)
           - Action: Move the order to Shipped
           - Failure: Log the error

    Passes:

        ### Flow Steps
        1. **Capture payment** (payments)
           - Action: Capture the amount; this is the point of no return
        2. **Mark order shipped** (checkout)
           - Action: Move the order to Shipped
           - Failure: Retried with the order id as idempotency key until it succeeds
    """

    code = "FA007"
    name = "not-retriable-after-pivot"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report steps after the pivot that the spec does not say may be repeated."""
        yield from _plan_findings(context, self.code)


class CompensationSectionDisagrees(Rule):
    """The Compensation section undoes what the saga plan undoes for its failure.

    A block ``If X fails after Y succeeds:`` answers one failure; its undo steps must be
    the plan's for that failure: every compensatable step before it, none that has not run
    yet, and each item recognisable as the undo of a flow step.

    Fails:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
        3. **Authorize payment** (payments)
           - Action: Authorize the total

        ## Failure Modes

        ### Compensation
        If payments fails after inventory succeeds:
        1. Checkout cancels the pending order

    Passes:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Reserve stock** (inventory)
           - Action: Reserve every line for 15 minutes
        3. **Authorize payment** (payments)
           - Action: Authorize the total

        ## Failure Modes

        ### Compensation
        If payments fails after inventory succeeds:
        1. Inventory releases the reservation
        2. Checkout cancels the pending order
    """

    code = "FA008"
    name = "compensation-section-disagrees"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report missing, extra and unrecognised undo steps of Compensation blocks."""
        yield from _plan_findings(context, self.code)


class StaleStepReference(Rule):
    """A step number written in prose still names the step it meant.

    After steps are added or renumbered, "step 4 is the point of no return" may point at
    the wrong step; the plan's pivot is the check.

    Fails:

        ### Flow Steps
        1. **Create shipment** (shipping)
           - Action: Create the shipment
        2. **Capture payment** (payments)
           - Action: Capture the amount; this is the point of no return
        3. **Notify customer** (notifications)
           - Action: Send the dispatch e-mail
           - Failure: Retry; step 1 is the point of no return

    Passes:

        ### Flow Steps
        1. **Create shipment** (shipping)
           - Action: Create the shipment
        2. **Capture payment** (payments)
           - Action: Capture the amount; this is the point of no return
        3. **Notify customer** (notifications)
           - Action: Send the dispatch e-mail
           - Failure: Retry; step 2 is the point of no return
    """

    code = "FA009"
    name = "stale-step-reference"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report pivot references to another step than the plan's pivot."""
        yield from _plan_findings(context, self.code)


class SideEffectKept(Rule):
    """An effect the spec says is never undone is a decision someone must own.

    Deleting the basket when the order starts and never restoring it, even when the order
    is later cancelled, may be acceptable; the spec says so, so it is no oversight (FA003),
    but a later failure still leaves it done, and the module that owns that data should
    agree.

    Fails:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Delete cart** (cart)
           - Action: Delete the buyer's cart
           - Failure: Redelivered; nothing ever restores the cart
        3. **Authorize payment** (payments)
           - Action: Authorize the total
           - Failure: Card declined: cancel the pending order

    Passes:

        ### Flow Steps
        1. **Create pending order** (checkout)
           - Action: Create the order in Pending
        2. **Authorize payment** (payments)
           - Action: Authorize the total
           - Failure: Card declined: cancel the pending order
        3. **Delete cart** (cart)
           - Action: Delete the buyer's cart
           - Failure: Redelivered; nothing ever restores the cart
    """

    code = "FA010"
    name = "side-effect-kept"
    family = Family.FAILURES
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report effects before the pivot that the spec says stay."""
        yield from _plan_findings(context, self.code)


RULES: tuple[type[Rule], ...] = (
    FailureWithoutRecovery,
    RecoveryDoesNotFitCategory,
    SideEffectWithoutCompensation,
    CompensationOrder,
    CompensationTriggerNotInvolved,
    SeveralPivots,
    NotRetriableAfterPivot,
    CompensationSectionDisagrees,
    StaleStepReference,
    SideEffectKept,
)
