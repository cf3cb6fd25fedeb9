"""The saga plan: each step's role, the compensations for a failure at each step, the gaps.

A flow of local transactions across modules is a saga (Garcia-Molina & Salem, 1987): when
step *i* fails, the completed steps are undone by compensating transactions in reverse
order. Microservice sagas (Richardson, *Microservices Patterns*, ch. 4) add structure:
compensatable steps first, then at most one *pivot* (the go/no-go step, the last that can
fail for a business reason, never undone), then *retriable* steps that must eventually
succeed; read-only steps need no compensation.

The pivot is the step the spec marks as the point of no return; else the last step whose
failure the spec answers by undoing earlier work (later failures are retried); else, when
the spec says nothing about which failures undo what, the first step with an effect that
nothing undoes (past it, the saga cannot go back). This one plan is what ``check`` reports
from and what ``analyze`` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from integration_spec.facts.compensation import (
    CompensationFacts,
    CompensationLink,
    LinkSource,
    RecoveryStatement,
)
from integration_spec.facts.lexicon import CONDITIONALS, PIVOT_PHRASES
from integration_spec.facts.steps import StepFacts, content_stems
from integration_spec.facts.text import clauses, find_keyword, identifiers, plain
from integration_spec.model.analysis import (
    AnalysisFinding,
    CompensatingAction,
    FailurePoint,
    Recovery,
    SagaPlan,
    StepPlan,
    StepRole,
)
from integration_spec.model.spec import IntegrationSpec


@dataclass(frozen=True, slots=True)
class Pivot:
    """Where the point of no return is, and how the tool knows."""

    index: int | None
    source: str | None
    """``marked`` or ``inferred``."""
    reason: str = ""


def plan_saga(
    spec: IntegrationSpec, steps: Sequence[StepFacts], compensation: CompensationFacts
) -> SagaPlan:
    """Classify every step, plan a failure at each, and compare with the spec's statements."""
    if not steps:
        return SagaPlan()
    pivot = find_pivot(steps, compensation)
    plans = tuple(_step_plan(step, pivot, compensation) for step in steps)
    plans = _reconcile_uncompensated(plans, steps, compensation)
    points = tuple(_failure_point(step, plans, pivot, compensation) for step in steps)
    points, section_findings = _compare_statements(compensation, plans, points, steps)
    cancellation = _cancellation(steps, plans, compensation)
    findings = [
        *_structure_findings(steps, plans, pivot),
        *section_findings,
        *_stale_references(spec, steps, pivot),
    ]
    return SagaPlan(
        steps=plans,
        pivot=None if pivot.index is None else pivot.index + 1,
        pivot_source=pivot.source,
        failure_points=points,
        cancellation=cancellation,
        findings=tuple(findings),
    )


# --- the pivot ---------------------------------------------------------------------------


def find_pivot(steps: Sequence[StepFacts], compensation: CompensationFacts) -> Pivot:
    """The go/no-go step (see the module docstring), or none when every step is undone."""
    marked = [step.index for step in steps if step.pivot_mark == "self"]
    if not marked:
        # "the authorization from step 4 cannot be undone": a step names the pivot by number.
        marked = sorted(
            {
                step.pivot_reference - 1
                for step in steps
                if step.pivot_reference is not None and 1 <= step.pivot_reference <= len(steps)
            }
        )
    if marked:
        return Pivot(marked[0], "marked", "the spec marks it as the point of no return")
    stated = {
        step.index: bool(compensation.for_step(step.index, stated_only=True, armed_only=True))
        for step in steps
    }
    backward = {
        statement.failing
        for statement in compensation.statements
        if statement.failing is not None and statement.backward
    }
    if backward:
        last = max(backward)
        if not stated[last]:
            return Pivot(
                last,
                "inferred",
                "the last step whose failure the spec answers by undoing earlier steps; "
                "later failures are not compensated",
            )
        later = [
            step.index
            for step in steps[last + 1 :]
            if step.effect is not None and not stated[step.index]
        ]
        if later:
            return Pivot(
                later[0],
                "inferred",
                "the first step after the last compensated failure with an effect nothing undoes",
            )
        return Pivot(None, None)
    irreversible = next(
        (step.index for step in steps if step.effect is not None and not stated[step.index]), None
    )
    if irreversible is None:
        return Pivot(None, None)
    return Pivot(
        irreversible,
        "inferred",
        "the first step with an effect nothing undoes: once it succeeds the saga is not undone",
    )


# --- roles --------------------------------------------------------------------------------


def _step_plan(step: StepFacts, pivot: Pivot, compensation: CompensationFacts) -> StepPlan:
    links = compensation.for_step(step.index, armed_only=True)
    best = links[0] if links else None
    role, reason = _role(step, pivot, best)
    keep = role in (StepRole.COMPENSATABLE,) and best is not None
    return StepPlan(
        number=step.number,
        name=step.name,
        module=step.module.name,
        role=role,
        reason=reason,
        compensation=best.action if keep and best is not None else None,
        compensation_source=best.source.value if keep and best is not None else None,
        compensation_line=best.line if keep and best is not None else None,
        retry_safe=step.retry_safe,
        line=step.step.line,
    )


def _role(step: StepFacts, pivot: Pivot, best: CompensationLink | None) -> tuple[StepRole, str]:
    effect = step.effect
    if pivot.index is not None and step.index == pivot.index:
        return StepRole.PIVOT, pivot.reason
    quiet = step.timer or step.notification or (effect is None and step.message is not None)
    if step.timer and best is None and (pivot.index is None or step.index < pivot.index):
        return StepRole.CONTROL, "a timer: it lets time pass, with no business effect to undo"
    if pivot.index is not None and step.index > pivot.index:
        if effect is None and quiet:
            return StepRole.CONTROL, "after the pivot; a timer or a message with nothing to undo"
        if effect is None and not step.status_change:
            return StepRole.READ_ONLY, "after the pivot; it changes no data"
        if step.retry_safe:
            return StepRole.RETRIABLE, "after the pivot; the spec says it may be repeated"
        return StepRole.RETRIABLE, "after the pivot, so it must eventually succeed"
    if best is not None:
        where = _SOURCE_WORDS[best.source]
        return StepRole.COMPENSATABLE, f"undone by '{best.action}' ({where})"
    if effect is not None:
        return (
            StepRole.UNCOMPENSATED,
            f"it changes data ('{effect.verb}') before the pivot, but nothing undoes it",
        )
    if quiet:
        return StepRole.CONTROL, "a timer or a message: no business effect to undo"
    return StepRole.READ_ONLY, "no action that changes data"


def _reconcile_uncompensated(
    plans: tuple[StepPlan, ...], steps: Sequence[StepFacts], compensation: CompensationFacts
) -> tuple[StepPlan, ...]:
    """What the plan knows about steps nothing undoes: bookkeeping, covered, or accepted.

    - Before the pivot, moving the saga's entity to the status that records what another
      module just did (``AwaitingValidation → StockConfirmed`` on the stock service's
      reply) is bookkeeping (control): undoing the step that created it (cancel the order)
      undoes it, whatever its status. After the pivot the same change must complete: it is
      retriable. A status a step gives its own resource on command (``set the booking to
      confirmed``) is a commitment of that module, not a record of another's: it stays an
      effect nothing of its own undoes, covered at best by an earlier compensation.
    - An effect on the same thing an earlier, compensated step of the same module changed
      is covered by that compensation (cancelling the flight reservation also removes its
      confirmation).
    - The spec may say the effect stays (``nothing ever restores the basket``): accepted.
    """
    changed = list(plans)
    for index, (plan, step) in enumerate(zip(plans, steps, strict=True)):
        if plan.role is not StepRole.UNCOMPENSATED:
            continue
        earlier = [
            (other, facts)
            for other, facts in zip(plans[:index], steps[:index], strict=True)
            if other.role is StepRole.COMPENSATABLE
        ]
        if step.status_change and earlier and _records_a_result(step, steps[:index]):
            changed[index] = replace(
                plan,
                role=StepRole.CONTROL,
                reason="a status change of an entity an earlier step's compensation undoes",
            )
            continue
        covering = next((other for other, facts in earlier if _same_thing(step, facts)), None)
        kept = compensation.kept_at(step.index)
        if covering is not None:
            changed[index] = replace(
                plan,
                covered_by=covering.number,
                reason=f"{plan.reason}; the compensation of step {covering.number} "
                f"('{covering.compensation}') undoes the same thing",
            )
        elif kept is not None:
            changed[index] = replace(
                plan,
                kept_line=kept.line,
                reason=f"{plan.reason}; the spec says so ('{kept.text}')",
            )
    return tuple(changed)


def _records_a_result(step: StepFacts, earlier: Sequence[StepFacts]) -> bool:
    """Whether the step starts from what an earlier step of another module put out.

    Its Input or trigger names an identifier of that step's Output
    (``OrderStockConfirmedIntegrationEvent``): the step reacts to another module's result.
    """
    heard = identifiers(" ".join(filter(None, (step.step.input, step.step.trigger))))
    return any(
        heard & identifiers(other.step.output)
        for other in earlier
        if other.module.key != step.module.key
    )


def _same_thing(step: StepFacts, earlier: StepFacts) -> bool:
    """Whether ``step`` changes what ``earlier`` changed, in the same module."""
    if step.effect is None or earlier.effect is None or step.module.key != earlier.module.key:
        return False
    changed = content_stems(" ".join(step.effect.objects[:3]))
    before = content_stems(" ".join(earlier.effect.objects[:3])) | earlier.stems
    return bool(changed & before)


_SOURCE_WORDS = {
    LinkSource.STEP: "its Compensation bullet",
    LinkSource.SECTION: "the Compensation section",
    LinkSource.FAILURE: "a later step's Failure line",
    LinkSource.FAILURE_MODE: "the Failure Modes table",
    LinkSource.CALL: "a Synchronous Calls row",
    LinkSource.ARCHITECTURE: (
        "a command the architecture declares; the spec does not say when it runs"
    ),
}


# --- failure points -----------------------------------------------------------------------


def _failure_point(
    step: StepFacts,
    plans: Sequence[StepPlan],
    pivot: Pivot,
    compensation: CompensationFacts,
) -> FailurePoint:
    number = step.number
    if pivot.index is not None and step.index > pivot.index:
        plan = plans[step.index]
        if plan.retry_safe or plan.role in (StepRole.READ_ONLY, StepRole.CONTROL):
            state = (
                f"Completes: step {number} is retried until it succeeds; "
                f"the pivot (step {pivot.index + 1}) has committed the saga."
            )
        else:
            state = (
                f"Stuck: the pivot (step {pivot.index + 1}) has committed the saga, but the "
                f"spec does not say step {number} may be retried."
            )
        return FailurePoint(step=number, recovery=Recovery.FORWARD, final_state=state)
    answers = compensation.answering(step.index)
    stated = [item for item in answers if item.kinds or item.links]
    if stated and all(item.retries_only for item in stated):
        return FailurePoint(
            step=number,
            recovery=Recovery.FORWARD,
            final_state=f"Retried: the spec says a failure of step {number} is retried until "
            "it succeeds; nothing is undone.",
        )
    own = [
        item
        for item in compensation.for_step(step.index, stated_only=True)
        if item.when == step.index
    ]
    actions: list[CompensatingAction] = []
    if own:
        actions.append(
            CompensatingAction(step=number, module=step.module.name, action=own[0].action)
        )
    undone, missing = _undo_newest_first(plans[: step.index])
    actions += undone
    return FailurePoint(
        step=number,
        recovery=Recovery.BACKWARD,
        compensations=tuple(actions),
        final_state=_backward_state(step.index, actions, missing),
    )


def _cancellation(
    steps: Sequence[StepFacts], plans: Sequence[StepPlan], compensation: CompensationFacts
) -> FailurePoint | None:
    """The recovery of a saga cancelled after it completed, when the spec states one.

    A statement that names no failing step and undoes the last step too cannot answer a
    failure inside the flow (a failing step has nothing of its own to undo but what it
    wrote itself): it answers the finished saga being taken back ("If the customer cancels
    the fully booked itinerary: cancel H2, H1, F3, F2 and F1"). Every done step is then
    undone, newest first, as in any backward recovery.
    """
    last = len(steps) - 1
    statement = next(
        (item for item in compensation.statements if _cancels_finished(item, last)), None
    )
    if statement is None:
        return None
    actions, missing = _undo_newest_first(plans)
    state = _backward_state(last + 1, actions, missing)
    return FailurePoint(
        step=last + 1,
        recovery=Recovery.BACKWARD,
        compensations=tuple(actions),
        final_state=state,
        stated_final_state=statement.final_state,
        cause=_cause(statement.trigger),
    )


def _undo_newest_first(
    done: Sequence[StepPlan],
) -> tuple[list[CompensatingAction], list[StepPlan]]:
    """What undoes the steps of ``done`` that took effect, newest first.

    Also the steps among them that nothing undoes and no earlier compensation covers.
    """
    changed = [
        plan
        for plan in reversed(done)
        if plan.role in (StepRole.COMPENSATABLE, StepRole.UNCOMPENSATED)
    ]
    actions = [
        CompensatingAction(step=plan.number, module=plan.module, action=plan.compensation)
        for plan in changed
        if plan.compensation is not None
    ]
    missing = [plan for plan in changed if plan.compensation is None and plan.covered_by is None]
    return actions, missing


def _cancels_finished(statement: RecoveryStatement, last: int) -> bool:
    """Whether the statement names no failing step and undoes the ``last`` step too.

    Only a situation the spec describes (a Compensation block, a Failure Modes row) can be
    one; a step's own undo or a call's purpose says how, not when.
    """
    return (
        statement.source in (LinkSource.SECTION, LinkSource.FAILURE_MODE)
        and statement.failing is None
        and statement.backward
        and any(link.undoes == last for link in statement.links)
    )


def _cause(trigger: str) -> str:
    """``If the customer cancels the booked trip:`` → ``the customer cancels the booked trip``."""
    text = plain(trigger).strip().rstrip(":.").strip()
    head, _, rest = text.partition(" ")
    opens = head.lower() in CONDITIONALS or head.lower() == "after"
    return rest if opens and rest else text


def _backward_state(
    index: int, actions: Sequence[CompensatingAction], missing: Sequence[StepPlan]
) -> str:
    if index == 0 and not actions:
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
    steps: Sequence[StepFacts], plans: Sequence[StepPlan], pivot: Pivot
) -> list[AnalysisFinding]:
    findings = []
    marked = [step for step in steps if step.pivot_mark == "self"]
    if len(marked) > 1:
        findings.append(
            AnalysisFinding(
                kind="several-pivots",
                related_rule="FA006",
                message="steps "
                + ", ".join(str(step.number) for step in marked)
                + " are each marked as the point of no return; a saga has at most one pivot",
                line=marked[1].step.line,
                steps=tuple(step.number for step in marked),
                hint="keep the marker on the go/no-go step; later steps are retriable",
            )
        )
    for plan, step in zip(plans, steps, strict=True):
        if plan.role is not StepRole.UNCOMPENSATED or plan.covered_by is not None:
            continue
        if not _a_later_step_can_fail(steps, step.index):
            continue
        if plan.kept_line is not None:
            findings.append(
                AnalysisFinding(
                    kind="effect-kept",
                    message=f"step {plan.number} ('{plan.name}') changes data before the "
                    "pivot and the spec says it is not undone: a later failure leaves it done",
                    line=plan.line,
                    steps=(plan.number,),
                    modules=(plan.module,),
                    hint="make sure the people who own that data accept it, or give the step "
                    "a compensation",
                    related_rule="FA010",
                )
            )
            continue
        findings.append(
            AnalysisFinding(
                kind="no-compensation-before-pivot",
                message=f"step {plan.number} ('{plan.name}') changes data before the "
                "pivot but nothing undoes it: a later failure leaves it done",
                line=plan.line,
                steps=(plan.number,),
                modules=(plan.module,),
                hint="say how it is undone when a later step fails (in that step's "
                "Failure line or the Compensation section), or mark the point of no return",
                related_rule="FA003",
            )
        )
    for plan in plans:
        if plan.role is StepRole.RETRIABLE and not plan.retry_safe and pivot.index is not None:
            findings.append(
                AnalysisFinding(
                    kind="not-retriable-after-pivot",
                    related_rule="FA007",
                    message=f"step {plan.number} ('{plan.name}') comes after the pivot "
                    f"(step {pivot.index + 1}) but the spec does not say it is safe to retry",
                    line=plan.line,
                    steps=(plan.number,),
                    modules=(plan.module,),
                    hint="after the pivot a step must eventually succeed: say how it is "
                    "retried (an idempotency key, at most once per order), or move it "
                    "before the pivot with a compensation",
                )
            )
    return findings


def _a_later_step_can_fail(steps: Sequence[StepFacts], index: int) -> bool:
    return any(step.can_fail for step in steps[index + 1 :])


# --- the spec's statements against the plan ---------------------------------------------------


def _compare_statements(
    compensation: CompensationFacts,
    plans: Sequence[StepPlan],
    points: tuple[FailurePoint, ...],
    steps: Sequence[StepFacts],
) -> tuple[tuple[FailurePoint, ...], list[AnalysisFinding]]:
    """Findings where a Compensation block disagrees with the plan, and its stated states."""
    findings: list[AnalysisFinding] = []
    stated: dict[int, str] = {}
    for statement in compensation.statements:
        if statement.source is not LinkSource.SECTION:
            continue
        if statement.failing is None:
            if statement.entries and not _cancels_finished(statement, len(steps) - 1):
                findings.append(
                    AnalysisFinding(
                        kind="compensation-trigger-unresolved",
                        related_rule="FA008",
                        message=f"the Compensation block '{statement.trigger}' names no step "
                        "as the one that fails, so it was not compared with the plan",
                        line=statement.line,
                        hint="write the trigger as 'If <module> fails after <module> succeeds:'",
                    )
                )
            continue
        point = points[statement.failing]
        findings += _compare(statement, point, plans, steps)
        if statement.final_state is not None:
            stated.setdefault(statement.failing, statement.final_state)
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


def _compare(
    statement: RecoveryStatement,
    point: FailurePoint,
    plans: Sequence[StepPlan],
    steps: Sequence[StepFacts],
) -> list[AnalysisFinding]:
    findings: list[AnalysisFinding] = []
    block = statement.trigger
    if point.recovery is Recovery.FORWARD:
        if statement.links:
            findings.append(
                AnalysisFinding(
                    kind="compensation-extra",
                    related_rule="FA008",
                    message=f"the Compensation block '{block}' undoes steps, but step "
                    f"{point.step} comes after the pivot, so the plan retries it and undoes "
                    "nothing",
                    line=statement.line,
                    steps=(point.step,),
                    hint="move the pivot, or retry the step instead of compensating",
                )
            )
        return findings
    planned = [action.step for action in point.compensations]
    written = [item.undoes + 1 for item in statement.links]
    order = [number for number in written if number in planned]
    expected = [number for number in planned if number in order]
    if order != expected and len(set(order)) == len(order):
        first = next(i for i, (a, b) in enumerate(zip(order, expected, strict=True)) if a != b)
        # Report at the undo that comes too late: the one that should have been first.
        late = statement.links[[item.undoes + 1 for item in statement.links].index(expected[first])]
        findings.append(
            AnalysisFinding(
                kind="compensation-order",
                related_rule="FA004",
                message=f"the Compensation block '{block}' undoes step {expected[first]} "
                f"after step {order[first]}; when step {point.step} fails the plan undoes "
                "newest first: " + ", ".join(f"step {number}" for number in planned),
                line=late.line,
                steps=(expected[first], order[first]),
                hint="list the undo steps last-done-first",
            )
        )
    missing = [action for action in point.compensations if action.step not in written]
    if missing and statement.links:
        findings.append(
            AnalysisFinding(
                kind="compensation-missing",
                related_rule="FA008",
                message=f"when step {point.step} fails the plan also undoes "
                + "; ".join(f"step {a.step} ({a.module}): '{a.action}'" for a in missing)
                + f", which the Compensation block '{block}' does not",
                line=statement.line,
                steps=tuple(action.step for action in missing),
                modules=tuple(dict.fromkeys(action.module for action in missing)),
                hint="add the missing undo steps, newest first, before the final state",
            )
        )
    for text, line in statement.extra_items:
        findings.append(
            AnalysisFinding(
                kind="compensation-extra",
                related_rule="FA008",
                message=f"the Compensation block '{block}' says '{text}', but that undoes a "
                f"step that has not run when step {point.step} fails",
                line=line,
                steps=(point.step,),
                hint="drop it, or if it describes the end state make it the last item",
            )
        )
    for item in statement.unmatched:
        findings.append(
            AnalysisFinding(
                kind="compensation-unmatched",
                related_rule="FA008",
                message=f"the Compensation block '{block}' says '{item.text}', which undoes no "
                f"step of the flow before step {point.step}",
                line=item.line,
                steps=(point.step,),
                hint="name the step's module or what it created, as the flow step does",
            )
        )
    del plans, steps
    return findings


# --- step numbers written in prose ----------------------------------------------------------


def _stale_references(
    spec: IntegrationSpec, steps: Sequence[StepFacts], pivot: Pivot
) -> list[AnalysisFinding]:
    """``step 4 is the point of no return`` when the plan's pivot is step 5."""
    if pivot.index is None:
        return []
    texts: list[tuple[str, int | None]] = []
    for step in steps:
        for field_name in ("action", "failure", "output"):
            value = getattr(step.step, field_name)
            if value:
                texts.append((value, step.step.field_lines.get(field_name, step.step.line)))
    for block in (*spec.compensation, *spec.fenced_compensation):
        texts.append((block.trigger, block.line))
        texts += [(entry.text, entry.line) for entry in block.steps]
    texts += [(row.recovery, row.line) for row in spec.failure_modes]
    findings = []
    for text, line in texts:
        for clause in clauses(text):
            if find_keyword(clause, PIVOT_PHRASES) is None or "step" not in clause:
                continue
            position = clause.index("step")
            if position + 1 < len(clause) and clause[position + 1].isdigit():
                number = int(clause[position + 1])
                if number != pivot.index + 1 and 1 <= number <= len(steps) + 1:
                    findings.append(
                        AnalysisFinding(
                            kind="stale-step-reference",
                            related_rule="FA009",
                            message=f"'{plain(text)}' calls step {number} the point of no "
                            f"return, but the pivot is step {pivot.index + 1} "
                            f"('{steps[pivot.index].name}')",
                            line=line,
                            steps=(number, pivot.index + 1),
                            hint="renumber the reference after the steps changed",
                        )
                    )
    return findings
