"""The saga plan: each step's role, the compensations for a failure at each step, the gaps.

A flow of local transactions across modules is a saga (Garcia-Molina & Salem, 1987): when
step *i* fails, the completed steps are undone by compensating transactions in reverse
order. Microservice sagas (Richardson, *Microservices Patterns*, ch. 4) add structure:
compensatable steps first, then at most one *pivot* (the go/no-go step that is never
undone), then *retriable* steps that cannot fail for good and so must be safe to repeat;
read-only steps need no compensation. A failure at or before the pivot is recovered
backward (compensate); after it, forward (retry).

Each step is a local transaction: when it fails it has no effect, so only the steps before
it are compensated. Roles come from what the spec says: the ``- Compensation:`` bullet
(or a Compensation section entry naming the step's module), a point-of-no-return marker,
the verbs of the Action and the retry words of the Failure line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from integration_spec.analysis._text import (
    RETRY_WORDS,
    content_stems,
    identifiers,
    says,
    step_text,
)
from integration_spec.analysis.report import (
    AnalysisFinding,
    CompensatingAction,
    FailurePoint,
    Recovery,
    SagaPlan,
    StepPlan,
    StepRole,
)
from integration_spec.model.names import name_key
from integration_spec.model.spec import CompensationBlock, FlowStep, IntegrationSpec, ListEntry
from integration_spec.rules._architecture_support import module_name
from integration_spec.rules._dataflow_support import Verbs, clauses, mentions_module, words
from integration_spec.rules.common import has_todo, is_blank, plain
from integration_spec.rules.failures import pivot_index

_TRIGGER = re.compile(
    r"^\s*if\s+(?P<failed>.+?)\s+(?:fails?|failed|is down|errors?|times out|is rejected)\b"
    r"(?:.*?\bafter\s+(?P<succeeded>.+?)\s+(?:succeeds?|succeeded|completes?|completed)\b)?",
    re.IGNORECASE,
)
_EFFECT_VERBS = Verbs.of(
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
    "delete deletes deleted",
    "modify modifies modified",
    "overwrite overwrites overwritten",
    "upsert upserts upserted",
    "send sends sent",
    "publish publishes published",
    "ship ships shipped",
    "book books booked",
    "allocate allocates allocated",
    "place places placed",
    "approve approves approved",
    "confirm confirms confirmed",
    "commit commits committed",
    "mark marks marked",
    "cancel cancels cancelled",
    "release releases released",
    "record records recorded",
    "store stores stored",
    "save saves saved",
    "persist persists persisted",
    "register registers registered",
    "assign assigns assigned",
    "move moves moved",
    "convert converts converted",
    "issue issues issued",
    "refund refunds refunded",
    "void voids voided",
    "remove removes removed",
    "deduct deducts deducted",
    "decrement decrements decremented",
    "increment increments incremented",
    "grant grants granted",
    "revoke revokes revoked",
    "activate activates activated",
    "deactivate deactivates deactivated",
    "enqueue enqueues enqueued",
    "schedule schedules scheduled",
    "rent rents rented",
    "buy buys bought",
    "pay pays paid",
    "transfer transfers transferred",
    "hand hands handed",
    "dispatch dispatches dispatched",
    "deliver delivers delivered",
)
"""Verbs by which a step changes something (those of the checker's FA003 and BC001, and more).

A verb after a modal (``may place orders``) describes a permission, not an effect.
"""
_MODALS = frozenset({"may", "can", "could", "might", "must", "should", "would", "cannot"})

_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|/|\band\b|\bor\b)\s*")
_ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the spec says about one step, before roles are given."""

    effect: str | None
    """The verb that changes data, ``None`` for a step that only reads."""
    compensation: str | None
    compensation_source: str | None
    retry_safe: bool


def plan_saga(spec: IntegrationSpec) -> SagaPlan:
    """Classify every step, plan a failure at each, and compare with the Compensation section."""
    steps = spec.flow_steps
    if not steps:
        return SagaPlan()
    facts = _facts(spec)
    marked = pivot_index(steps)
    pivot = marked if marked is not None else _inferred_pivot(facts)
    plans = tuple(
        _step_plan(index, step, facts[index], pivot, marked is not None)
        for index, step in enumerate(steps)
    )
    points = tuple(_failure_point(index, plans, pivot) for index in range(len(steps)))
    points, section_findings = _compare_section(spec, plans, points)
    findings = [*_structure_findings(steps, plans, pivot), *section_findings]
    return SagaPlan(
        steps=plans,
        pivot=None if pivot is None else pivot + 1,
        pivot_source=None if pivot is None else ("marked" if marked is not None else "inferred"),
        failure_points=points,
        findings=tuple(findings),
    )


# --- facts and roles ------------------------------------------------------------------


def _facts(spec: IntegrationSpec) -> list[_Facts]:
    steps = spec.flow_steps
    from_section = _section_compensations(spec)
    found = []
    for index, step in enumerate(steps):
        compensation, source = _bullet(step), "step"
        if compensation is None and index in from_section:
            compensation, source = from_section[index], "section"
        effect = _effect(step)
        if effect is None and compensation is not None:
            effect = _HAS_COMPENSATION
        found.append(
            _Facts(
                effect=effect,
                compensation=compensation,
                compensation_source=source if compensation is not None else None,
                retry_safe=says(step_text(step), RETRY_WORDS),
            )
        )
    return found


_HAS_COMPENSATION = "has a compensation"


def _effect(step: FlowStep) -> str | None:
    """The verb by which a step changes something: in its Action, else in its name."""
    return _first_effect(step.action) if step.action else _first_effect(step.name)


def _first_effect(text: str | None) -> str | None:
    for clause in clauses(text):
        for position, word in _EFFECT_VERBS.find(clause):
            if position == 0 or clause[position - 1] not in _MODALS:
                return word
    return None


def _bullet(step: FlowStep) -> str | None:
    text = step.compensation
    if text is None or is_blank(text) or has_todo(text):
        return None
    return plain(text)


def _section_compensations(spec: IntegrationSpec) -> dict[int, str]:
    """Undo steps of the Compensation section that start with the module of a step.

    They stand in for a missing ``- Compensation:`` bullet: ``Inventory releases the
    reservation`` compensates the latest inventory step before the failure it answers.
    """
    steps = spec.flow_steps
    found: dict[int, str] = {}
    for block in spec.compensation:
        limit = _failure_step(block, steps)
        for entry in block.steps:
            text = plain(entry.text).casefold()
            candidates = [
                index
                for index, step in enumerate(steps)
                if (limit is None or index < limit)
                and _bullet(step) is None
                and module_name(step.module)
                and text.startswith(module_name(step.module).casefold())
            ]
            if candidates and candidates[-1] not in found:
                found[candidates[-1]] = plain(entry.text)
    return found


def _inferred_pivot(facts: Sequence[_Facts]) -> int | None:
    """The first step with an effect nothing undoes: after it the saga cannot go back."""
    return next(
        (
            index
            for index, fact in enumerate(facts)
            if fact.effect is not None and fact.compensation is None
        ),
        None,
    )


def _step_plan(
    index: int, step: FlowStep, fact: _Facts, pivot: int | None, marked: bool
) -> StepPlan:
    role, reason = _role(index, fact, pivot, marked)
    return StepPlan(
        number=index + 1,
        name=plain(step.name),
        module=module_name(step.module),
        role=role,
        reason=reason,
        compensation=fact.compensation,
        compensation_source=fact.compensation_source,
        retry_safe=fact.retry_safe,
        line=step.line,
    )


def _role(index: int, fact: _Facts, pivot: int | None, marked: bool) -> tuple[StepRole, str]:
    if pivot is not None and index == pivot:
        if marked:
            return StepRole.PIVOT, "the spec marks it as the point of no return"
        return (
            StepRole.PIVOT,
            f"the first step that changes data ('{fact.effect}') with no compensation: "
            "once it succeeds the saga is not undone",
        )
    if fact.effect is None:
        return StepRole.READ_ONLY, "no action that changes data, and no compensation"
    if pivot is not None and index > pivot:
        if fact.retry_safe:
            return StepRole.RETRIABLE, "after the pivot; the spec says it may be repeated"
        return StepRole.RETRIABLE, "after the pivot, so it must be safe to retry"
    if fact.compensation is None:
        return (
            StepRole.COMPENSATABLE,
            f"it changes data ('{fact.effect}') before the pivot, but nothing undoes it",
        )
    if fact.effect == _HAS_COMPENSATION:
        return StepRole.COMPENSATABLE, "the spec gives it a compensation"
    return StepRole.COMPENSATABLE, f"it changes data ('{fact.effect}') and is undone"


# --- failure points ---------------------------------------------------------------------


def _failure_point(index: int, plans: Sequence[StepPlan], pivot: int | None) -> FailurePoint:
    number = index + 1
    if pivot is not None and index > pivot:
        plan = plans[index]
        if plan.retry_safe or plan.role is StepRole.READ_ONLY:
            state = (
                f"Completes: step {number} is retried until it succeeds; "
                f"the pivot (step {pivot + 1}) has committed the saga."
            )
        else:
            state = (
                f"Stuck: the pivot (step {pivot + 1}) has committed the saga, but the spec "
                f"does not say step {number} may be retried."
            )
        return FailurePoint(step=number, recovery=Recovery.FORWARD, final_state=state)
    done = [plan for plan in reversed(plans[:index]) if plan.role is StepRole.COMPENSATABLE]
    actions = tuple(
        CompensatingAction(step=plan.number, module=plan.module, action=plan.compensation)
        for plan in done
        if plan.compensation is not None
    )
    missing = [plan for plan in done if plan.compensation is None]
    return FailurePoint(
        step=number,
        recovery=Recovery.BACKWARD,
        compensations=actions,
        final_state=_backward_state(index, actions, missing),
    )


def _backward_state(
    index: int, actions: Sequence[CompensatingAction], missing: Sequence[StepPlan]
) -> str:
    if index == 0:
        return "Nothing changed: the flow stops before any step took effect."
    undone = _step_list([action.step for action in actions])
    if missing:
        kept = "; ".join(f"step {plan.number} ('{plan.name}')" for plan in missing)
        prefix = f"{undone} undone, but " if actions else ""
        return f"Half done: {prefix}{kept} stays done and nothing undoes it."
    if not actions:
        return f"Nothing to undo: the steps before step {index + 1} only read; the flow stops."
    return f"Rolled back: {undone} undone, newest first; nothing of the flow remains."


def _step_list(numbers: Sequence[int]) -> str:
    if not numbers:
        return "nothing"
    names = [str(number) for number in numbers]
    if len(names) == 1:
        return f"step {names[0]}"
    return "steps " + ", ".join(names[:-1]) + " and " + names[-1]


# --- structure ----------------------------------------------------------------------------


def _structure_findings(
    steps: Sequence[FlowStep], plans: Sequence[StepPlan], pivot: int | None
) -> list[AnalysisFinding]:
    findings = []
    marked = [index for index, step in enumerate(steps) if pivot_index((step,)) == 0]
    if len(marked) > 1:
        findings.append(
            AnalysisFinding(
                kind="several-pivots",
                message="steps "
                + ", ".join(str(index + 1) for index in marked)
                + " are each marked as the point of no return; a saga has at most one pivot",
                line=steps[marked[1]].line,
                steps=tuple(index + 1 for index in marked),
                hint="keep the marker on the go/no-go step; later steps are retriable",
            )
        )
    for plan in plans[:-1]:
        if plan.role is StepRole.COMPENSATABLE and plan.compensation is None:
            findings.append(
                AnalysisFinding(
                    kind="no-compensation-before-pivot",
                    message=f"step {plan.number} ('{plan.name}') changes data before the "
                    "pivot but has no compensation: a later failure leaves it done",
                    line=plan.line,
                    steps=(plan.number,),
                    modules=(plan.module,),
                    hint="add '- Compensation: <how to undo it>' to the step",
                    related_rule="FA003",
                )
            )
    for plan in plans:
        if plan.role is StepRole.RETRIABLE and not plan.retry_safe and pivot is not None:
            findings.append(
                AnalysisFinding(
                    kind="not-retriable-after-pivot",
                    message=f"step {plan.number} ('{plan.name}') comes after the pivot "
                    f"(step {pivot + 1}) but the spec does not say it is safe to retry",
                    line=plan.line,
                    steps=(plan.number,),
                    modules=(plan.module,),
                    hint="after the pivot a step must eventually succeed: say how it is "
                    "retried (an idempotency key, at most once per order), or move it "
                    "before the pivot with a compensation",
                )
            )
    return findings


# --- the Compensation section against the plan ----------------------------------------------


def _failure_step(block: CompensationBlock, steps: Sequence[FlowStep]) -> int | None:
    """The 0-based step ``If <B> fails after <A> succeeds:`` is about, if it names one."""
    match = _TRIGGER.match(plain(block.trigger))
    if match is None:
        return None
    failed = _trigger_keys(match.group("failed"))
    succeeded = _trigger_keys(match.group("succeeded") or "")
    positions = [index for index, step in enumerate(steps) if _key(step) in failed]
    if not positions:
        return None
    after = [index for index, step in enumerate(steps) if _key(step) in succeeded]
    if after:
        later = [index for index in positions if index > after[0]]
        if later:
            return later[0]
    return positions[0]


def _trigger_keys(text: str) -> set[str]:
    keys = set()
    for part in _NAME_SEPARATORS.split(text):
        part = _ARTICLES.sub("", part.strip().strip("[]")).strip()
        part = re.sub(r"\s+(?:module|service|step)$", "", part, flags=re.IGNORECASE)
        if part:
            keys.add(name_key(part))
    return keys


def _key(step: FlowStep) -> str:
    return name_key(module_name(step.module))


def _compare_section(
    spec: IntegrationSpec, plans: Sequence[StepPlan], points: tuple[FailurePoint, ...]
) -> tuple[tuple[FailurePoint, ...], list[AnalysisFinding]]:
    """Findings where a Compensation block disagrees with the plan, and its stated states."""
    findings: list[AnalysisFinding] = []
    stated: dict[int, str] = {}
    for block in spec.compensation:
        failing = _failure_step(block, spec.flow_steps)
        if failing is None:
            if block.steps:
                findings.append(
                    AnalysisFinding(
                        kind="compensation-trigger-unresolved",
                        message=f"the Compensation block '{plain(block.trigger)}' names no "
                        "step's module as the one that fails, so it was not compared with "
                        "the plan",
                        line=block.line,
                        hint="write the trigger as 'If <module> fails after <module> succeeds:'",
                    )
                )
            continue
        point = points[failing]
        block_findings, final_state = _compare_block(block, point, plans)
        findings.extend(block_findings)
        if final_state is not None:
            stated.setdefault(failing, final_state)
    if stated:
        points = tuple(_with_stated(point, stated.get(index)) for index, point in enumerate(points))
    return points, findings


def _with_stated(point: FailurePoint, text: str | None) -> FailurePoint:
    if text is None:
        return point
    return FailurePoint(
        step=point.step,
        recovery=point.recovery,
        compensations=point.compensations,
        final_state=point.final_state,
        stated_final_state=text,
    )


def _compare_block(
    block: CompensationBlock, point: FailurePoint, plans: Sequence[StepPlan]
) -> tuple[list[AnalysisFinding], str | None]:
    planned = point.compensations
    matched: set[int] = set()
    findings: list[AnalysisFinding] = []
    final_state = None
    highest = -1
    order_reported = False
    for position, entry in enumerate(block.steps):
        hits = [k for k, action in enumerate(planned) if _entry_undoes(entry, action)]
        last = position == len(block.steps) - 1
        if (
            last
            and (position > 0 or not planned)
            and _reads_as_final_state(entry, hits, matched, planned)
        ):
            final_state = plain(entry.text)
            continue
        if not hits:
            findings.append(_extra(block, entry, point, plans))
            continue
        if min(hits) < highest and not order_reported:
            order_reported = True
            findings.append(
                AnalysisFinding(
                    kind="compensation-order",
                    message=f"the Compensation section undoes step {planned[min(hits)].step} "
                    f"after step {planned[highest].step}; when step {point.step} fails the "
                    "plan undoes newest first: "
                    + ", ".join(f"step {action.step}" for action in planned),
                    line=entry.line,
                    steps=(planned[min(hits)].step, planned[highest].step),
                    hint="list the undo steps last-done-first",
                    related_rule="FA004",
                )
            )
        highest = max(highest, *hits)
        matched.update(hits)
    missing = [action for k, action in enumerate(planned) if k not in matched]
    if missing:
        findings.append(
            AnalysisFinding(
                kind="compensation-missing",
                message=f"when step {point.step} fails the plan also undoes "
                + "; ".join(f"step {a.step} ({a.module}): '{a.action}'" for a in missing)
                + f", which the Compensation block '{plain(block.trigger)}' does not",
                line=block.line,
                steps=tuple(action.step for action in missing),
                modules=tuple(dict.fromkeys(action.module for action in missing)),
                hint="add the missing undo steps, newest first, before the final state",
            )
        )
    return findings, final_state


def _extra(
    block: CompensationBlock, entry: ListEntry, point: FailurePoint, plans: Sequence[StepPlan]
) -> AnalysisFinding:
    undone = next(
        (
            plan
            for plan in plans
            if plan.compensation is not None
            and _entry_undoes(
                entry,
                CompensatingAction(step=plan.number, module=plan.module, action=plan.compensation),
            )
        ),
        None,
    )
    if point.recovery is Recovery.FORWARD:
        why = f"step {point.step} comes after the pivot, so the plan retries it and undoes nothing"
    elif undone is not None:
        why = (
            f"it undoes step {undone.number} ('{undone.name}'), which has not run when "
            f"step {point.step} fails"
        )
    else:
        why = "no step before the failure has a compensation like it"
    return AnalysisFinding(
        kind="compensation-extra",
        message=f"the Compensation block '{plain(block.trigger)}' says '{plain(entry.text)}' "
        f"but {why}",
        line=entry.line,
        steps=(point.step,),
        hint="drop it, or if it describes the end state make it the last item",
    )


def _reads_as_final_state(
    entry: ListEntry,
    hits: Sequence[int],
    matched: set[int],
    planned: Sequence[CompensatingAction],
) -> bool:
    """The seed ends a block with the final state: a last item that undoes nothing new.

    It may mention what earlier items undid (``No order or reservation remains``), but it
    names no compensating action by identifier and adds no undo step of its own.
    """
    if not hits:
        return True
    named = any(identifiers(entry.text) & identifiers(planned[k].action) for k in hits)
    return not named and set(hits) <= matched


def _entry_undoes(entry: ListEntry, action: CompensatingAction) -> bool:
    """Whether a Compensation section item is the compensating ``action``.

    The same identifier (``ReleaseReservation``) decides at once; otherwise the item must
    name the module and share a word with the action, or share two words.
    """
    if identifiers(entry.text) & identifiers(action.action):
        return True
    shared = content_stems(entry.text) & content_stems(action.action)
    module_words = content_stems(action.module)
    if mentions_module(words(entry.text), action.module) and shared - module_words:
        return True
    return len(shared - module_words) >= 2
