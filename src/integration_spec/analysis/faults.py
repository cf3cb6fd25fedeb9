"""Fault simulation: run the saga plan against every single and double failure.

The scenario space is polynomial by design. A scenario is a failure of category *c* (the
seed's Network, Business, System, Data) at step *i*; and, for each scenario whose recovery
runs compensations, the same scenario with compensation *j* failing with category *d*.
With *n* steps and *k* compensations that is at most ``4n + 16·n·k`` scenarios (about
20,000 for 50 compensatable steps), each decided in constant time from facts computed once
per step, so a 50-step flow is exhaustive in milliseconds. Triple failures are left out:
they add no new cause, only combinations of the causes found here.

How a scenario ends follows the seed's recovery per category. A Network, System or Data
failure is overcome forward when the step says how (a retry, an outbox, a version check);
a Business failure never is. Otherwise a failure at or before the pivot is compensated
backward, and one after it can only be retried or escalated to a person. A compensation
that fails is retried only if the spec says so (or the compensation expires by itself);
otherwise its step's effect stays, and the scenario is *inconsistent* unless a person is
alerted. Inconsistent scenarios are grouped by cause, so the report stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from integration_spec.facts import SpecFacts, StepFacts
from integration_spec.facts.compensation import LinkSource
from integration_spec.facts.lexicon import (
    COMPENSATION_RETRY_WORDS,
    ESCALATION_WORDS,
    FORWARD_FIXES,
    SELF_UNDOING_WORDS,
)
from integration_spec.facts.text import says
from integration_spec.model.analysis import (
    CATEGORIES,
    FaultSimulation,
    Inconsistency,
    Outcome,
    Recovery,
    SagaPlan,
    StepPlan,
    StepRole,
)
from integration_spec.model.spec import IntegrationSpec

_TRANSIENT = ("Network", "System", "Data")
_BUSINESS = "Business"


@dataclass(frozen=True, slots=True)
class _StepFacts:
    """Per-step answers every scenario needs, computed once."""

    overcomes: frozenset[str]
    """Categories whose failure the step overcomes forward (retry, outbox, version check)."""
    escalates: bool
    compensation_retried: bool
    compensation_undoes_itself: bool
    """An expiry or time-out does the undo when the compensation fails, whatever the cause."""
    compensation_escalates: bool


@dataclass(slots=True)
class _Group:
    """Inconsistent scenarios of one cause, accumulated while the simulation runs."""

    step: int
    compensation_failed: bool
    message: str
    hint: str
    left_done: tuple[int, ...]
    categories: set[str] = field(default_factory=set)
    failure_points: set[int] = field(default_factory=set)
    scenarios: int = 0


@dataclass(slots=True)
class _Tally:
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome})
    groups: dict[str, _Group] = field(default_factory=dict)
    step_failures: int = 0
    compensation_failures: int = 0

    def count(self, outcome: Outcome, times: int = 1) -> None:
        self.outcomes[outcome.value] += times


def simulate_faults(facts: SpecFacts) -> FaultSimulation:
    """Run every scenario; return the counts and the inconsistent ones grouped by cause."""
    spec, plan = facts.spec, facts.saga
    steps = spec.flow_steps
    per_step = [_step_facts(step, facts, plan) for step in facts.steps]
    global_retry = _compensations_retried(spec)
    tally = _Tally()
    for index in range(len(steps)):
        for category in CATEGORIES:
            _run_step_failure(index, category, plan, per_step, global_retry, tally)
    inconsistencies = tuple(
        Inconsistency(
            cause=cause,
            message=group.message,
            step=group.step,
            categories=tuple(c for c in CATEGORIES if c in group.categories),
            compensation_failed=group.compensation_failed,
            scenarios=group.scenarios,
            failure_points=tuple(sorted(group.failure_points)),
            left_done=group.left_done,
            hint=group.hint,
        )
        for cause, group in sorted(tally.groups.items(), key=lambda item: _cause_order(item[0]))
    )
    return FaultSimulation(
        steps=len(steps),
        categories=CATEGORIES,
        scenarios=tally.step_failures + tally.compensation_failures,
        step_failures=tally.step_failures,
        compensation_failures=tally.compensation_failures,
        outcomes=tally.outcomes,
        inconsistencies=inconsistencies,
    )


def _cause_order(cause: str) -> tuple[int, int]:
    kind, number = cause.split(":")
    return int(number), 0 if kind == "step" else 1


def _step_facts(step: StepFacts, facts: SpecFacts, plan: SagaPlan) -> _StepFacts:
    own = " ".join(
        part
        for part in (
            step.step.name,
            step.step.action,
            step.step.failure,
            *(extra.value for extra in step.step.extra),
        )
        if part
    )
    rows = [
        f"{statement.trigger} {statement.text}"
        for statement in facts.compensation.answering(step.index)
        if statement.source is LinkSource.FAILURE_MODE
    ]
    texts = [own, *rows]
    overcomes = frozenset(
        category
        for category in _TRANSIENT
        if any(says(text, FORWARD_FIXES[category]) for text in texts)
    )
    compensation = plan.steps[step.index].compensation or ""
    return _StepFacts(
        overcomes=overcomes,
        escalates=any(says(text, ESCALATION_WORDS) for text in texts),
        compensation_retried=says(compensation, COMPENSATION_RETRY_WORDS),
        compensation_undoes_itself=says(compensation, SELF_UNDOING_WORDS),
        compensation_escalates=says(compensation, ESCALATION_WORDS),
    )


def _compensations_retried(spec: IntegrationSpec) -> bool:
    """Whether the spec says, once for all, that compensations are retried until they succeed."""
    texts = [entry.text for block in spec.compensation for entry in block.steps]
    texts += [f"{row.failure} {row.recovery}" for row in spec.failure_modes]
    return any(
        says(text, ("compensat*",)) and says(text, COMPENSATION_RETRY_WORDS) for text in texts
    )


def _run_step_failure(
    index: int,
    category: str,
    plan: SagaPlan,
    facts: Sequence[_StepFacts],
    global_retry: bool,
    tally: _Tally,
) -> None:
    tally.step_failures += 1
    point = plan.failure_points[index]
    step_plan = plan.steps[index]
    fact = facts[index]
    if category in fact.overcomes:
        tally.count(Outcome.COMPLETED)
        return
    after_pivot = plan.pivot is not None and index + 1 > plan.pivot
    # Before the pivot a retried step still cannot retry a Business failure away: it is undone.
    if point.recovery is Recovery.FORWARD and (after_pivot or category != _BUSINESS):
        _forward(index, category, plan, step_plan, fact, tally)
        return
    done = [
        p
        for p in reversed(plan.steps[:index])
        if p.role in (StepRole.COMPENSATABLE, StepRole.UNCOMPENSATED) and p.covered_by is None
    ]
    missing = tuple(p.number for p in done if p.compensation is None)

    def half_done() -> _Group:
        return _Group(
            step=index + 1,
            compensation_failed=False,
            message=f"a failure at step {index + 1} ('{step_plan.name}') leaves "
            + _steps_phrase(missing, plan.steps)
            + " done: nothing undoes it and nothing escalates",
            hint="give each of those steps a compensation, or say who is alerted",
            left_done=missing,
        )

    left_half_done = bool(missing) and not fact.escalates
    if not missing:
        tally.count(Outcome.ROLLED_BACK)
    elif fact.escalates:
        tally.count(Outcome.ESCALATED)
    else:
        tally.count(Outcome.INCONSISTENT)
        _record(tally, f"step:{index + 1}", category, index + 1, half_done)
    order = [p for p in done if p.compensation is not None]
    for position, undone in enumerate(order):
        undo_facts = facts[undone.number - 1]
        retried = undo_facts.compensation_retried or global_retry
        for failure in CATEGORIES:
            tally.compensation_failures += 1
            if undo_facts.compensation_undoes_itself or (failure != _BUSINESS and retried):
                if left_half_done:
                    tally.count(Outcome.INCONSISTENT)
                    _record(tally, f"step:{index + 1}", category, index + 1, half_done)
                else:
                    tally.count(Outcome.ESCALATED if missing else Outcome.ROLLED_BACK)
            elif undo_facts.compensation_escalates or fact.escalates:
                tally.count(Outcome.ESCALATED)
            else:
                tally.count(Outcome.INCONSISTENT)
                stuck = (undone.number, *(p.number for p in order[position + 1 :]), *missing)
                _record(
                    tally,
                    f"compensation:{undone.number}",
                    failure,
                    index + 1,
                    partial(_compensation_group, undone, stuck),
                )


def _forward(
    index: int,
    category: str,
    plan: SagaPlan,
    step_plan: StepPlan,
    fact: _StepFacts,
    tally: _Tally,
) -> None:
    repeatable = step_plan.retry_safe or step_plan.role is StepRole.READ_ONLY
    if category != _BUSINESS and repeatable:
        tally.count(Outcome.COMPLETED)
        return
    if fact.escalates:
        tally.count(Outcome.ESCALATED)
        return
    tally.count(Outcome.INCONSISTENT)
    pivot = plan.pivot or 0
    where = (
        f"comes after the pivot (step {pivot}): the saga cannot go back"
        if plan.pivot is not None and index + 1 > plan.pivot
        else "is retried rather than undone"
    )
    if category == _BUSINESS:
        why = "a Business failure cannot be retried away"
        hint = "move the business check before the pivot, or say who is alerted"
    else:
        why = "the spec does not say the step is retried"
        hint = "retry it with an idempotency key until it succeeds, or say who is alerted"
    _record(
        tally,
        f"step:{index + 1}",
        category,
        index + 1,
        lambda: _Group(
            step=index + 1,
            compensation_failed=False,
            message=f"a failure at step {index + 1} ('{step_plan.name}') {where}, {why}, "
            "and nothing escalates",
            hint=hint,
            left_done=tuple(range(1, index + 1)),
        ),
    )


def _compensation_group(undone: StepPlan, stuck: tuple[int, ...]) -> _Group:
    return _Group(
        step=undone.number,
        compensation_failed=True,
        message=f"when the compensation of step {undone.number} ('{undone.compensation}') "
        f"fails, step {undone.number} ('{undone.name}') stays done: nothing retries the "
        "compensation and nothing escalates",
        hint="make the compensation retriable (idempotent, retried until it succeeds) and "
        "say who is alerted when it keeps failing",
        left_done=tuple(sorted(stuck)),
    )


def _record(
    tally: _Tally, cause: str, category: str, failure_point: int, make: Callable[[], _Group]
) -> None:
    group = tally.groups.get(cause)
    if group is None:
        group = tally.groups[cause] = make()
    group.categories.add(category)
    group.failure_points.add(failure_point)
    group.scenarios += 1


def _steps_phrase(numbers: Sequence[int], plans: Sequence[StepPlan]) -> str:
    return ", ".join(f"step {n} ('{plans[n - 1].name}')" for n in numbers)
