"""Flow steps: input, action, output, failure and compensation of each stage, in words.

Inputs name exactly what the links bring (the data read, the request handed on, the event,
the results of earlier calls), so every output is visibly consumed by a later step.
Actions say what the operation does to whose data; only a command's Action changes
anything, and only its own module's aggregate.
"""

from __future__ import annotations

from integration_spec.draft.coordination import output_name
from integration_spec.draft.failures import step_compensation, step_failure, step_name
from integration_spec.draft.plan import (
    Flow,
    LinkKind,
    OpKind,
    Saga,
    Stage,
    StageRole,
    call_label,
)
from integration_spec.model.spec import FlowStep


def _returned(flow: Flow, index: int) -> list[str]:
    """Results of calls this stage's module made since its previous stage."""
    module = flow.stages[index].module
    previous = max(
        (stage.index for stage in flow.stages[:index] if stage.module == module), default=None
    )
    if previous is None:
        return []
    found = []
    for link in flow.links:
        if link.kind is not LinkKind.COMMAND or flow.stages[link.source].module != module:
            continue
        if previous >= link.target or link.target >= index or link.source > previous:
            continue
        label = call_label(link.name, flow.stages[link.target].module)
        found.append(f"{output_name(flow, link.target)} returned by {label}")
    return found


def step_input(flow: Flow, index: int, *, client: bool) -> str:
    """What the stage starts from."""
    stage = flow.stages[index]
    items: list[str] = []
    if index > 0 and flow.stages[index - 1].module == stage.module:
        items.append(output_name(flow, index - 1))
    for link in flow.into(index):
        source = flow.stages[link.source]
        if link.kind is LinkKind.COMMAND:
            label = call_label(link.name, stage.module)
            call = label if "TODO" in link.name else f"{label} call"
            items.append(f"{call} from {source.module} with {output_name(flow, source.index)}")
        elif link.kind is LinkKind.READ:
            via = "" if "TODO" in link.name else f" via {link.name}"
            items.append(f"{source.state} from {source.module}{via}")
        else:
            items.append(f"{link.name} from {source.module}")
    items += _returned(flow, index)
    if items:
        return "; ".join(dict.fromkeys(items))
    readers = _readers(flow, index)
    if not readers or stage.role is StageRole.INITIATOR:
        operation = stage.operation.name or f"the {stage.module} step"
        return f"{operation} request from the client" if client else f"{operation} request"
    names = ", ".join(readers[:-1]) + f" and {readers[-1]}" if len(readers) > 1 else readers[0]
    return f"{stage.operation.name or 'Read'} call from {names}"


def _readers(flow: Flow, index: int) -> list[str]:
    return list(
        dict.fromkeys(
            flow.stages[link.target].module
            for link in flow.out_of(index)
            if link.kind is LinkKind.READ
        )
    )


def step_action(stage: Stage, *, pivot: bool) -> str:
    """What the stage's operation does."""
    operation = stage.operation
    if operation.kind is OpKind.COMMAND:
        target = f"the {stage.aggregate}" if stage.aggregate else f"the data of {stage.module}"
        text = f"{operation.name} updates {target}"
        if stage.event:
            text += f" and records {stage.event}"
    elif operation.kind is OpKind.QUERY:
        source = f"the {stage.aggregate}" if stage.aggregate else f"the data of {stage.module}"
        text = f"{operation.name} reads {source} and returns {stage.state}"
    else:
        return (
            f"TODO: what {stage.module} does in this step; the architecture declares no "
            "command or query for it"
        )
    if pivot:
        text += "; this is the point of no return"
    return text


def step_output(flow: Flow, index: int) -> str:
    """The output's name, with the data or event it stands for in parentheses."""
    stage = flow.stages[index]
    name = output_name(flow, index)
    other = stage.state if name != stage.state else stage.event
    if not stage.operation.declared:
        return f"{name} (TODO: what {stage.module} hands on)"
    return f"{name} ({other})" if other and other != name else name


def flow_steps(flow: Flow, saga: Saga, *, client: bool) -> tuple[FlowStep, ...]:
    """The numbered Flow Steps of the draft."""
    steps = []
    for stage in flow.stages:
        triggers = [link.name for link in flow.into(stage.index) if link.kind is LinkKind.EVENT]
        steps.append(
            FlowStep(
                name=step_name(stage),
                module=stage.module,
                trigger=triggers[0] if triggers else None,
                input=step_input(flow, stage.index, client=client),
                action=step_action(stage, pivot=stage.index == saga.pivot),
                output=step_output(flow, stage.index),
                failure=step_failure(flow, saga, stage),
                compensation=step_compensation(flow, saga, stage),
            )
        )
    return tuple(steps)
