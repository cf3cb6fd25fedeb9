"""The planner: from an architecture and the user's inputs to a complete integration spec.

Each section comes from a small pure function of the plan (selection -> order -> stages ->
links -> saga -> everything else), so the sections agree with each other and with the
architecture, and the same inputs always give the same spec.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from integration_spec.draft import (
    contracts,
    coordination,
    failures,
    phases,
    rollout,
    steps,
    tests_plan,
)
from integration_spec.draft.context import judge_vagueness, rank_candidates
from integration_spec.draft.errors import ModulesNotPinnedError
from integration_spec.draft.flow import build_stages, module_roles
from integration_spec.draft.intent import fitting_operations, owned_modules, plan_steps
from integration_spec.draft.names import title_from_name, validate_name
from integration_spec.draft.operations import undo_for
from integration_spec.draft.plan import (
    NO_OPERATION,
    Flow,
    LinkKind,
    Operation,
    Saga,
    module_of,
)
from integration_spec.draft.selection import Pick, Selection, nothing_matches, select_modules
from integration_spec.draft.vocabulary import Query, parse_query
from integration_spec.facts.triage import triage_spec
from integration_spec.model.analysis import TriageResult
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE, Architecture
from integration_spec.model.spec import (
    PRIORITIES,
    SPEC_TYPES,
    Diagram,
    EndpointContract,
    IntegrationSpec,
    ModuleInvolvement,
    SectionKey,
    SectionNote,
)

DEFAULT_PRIORITY = "P2"
USER_JOURNEY, SYSTEM_PROCESS, DATA_FLOW = SPEC_TYPES


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftInputs:
    """What the user asked for; only ``name`` is required."""

    name: str
    description: str | None = None
    flow: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    spec_type: str | None = None
    priority: str | None = None
    architecture_reference: str = DEFAULT_ARCHITECTURE


@dataclass(frozen=True, slots=True)
class Draft:
    """The drafted spec and how it came about (selection reasons, triage)."""

    spec: IntegrationSpec
    selection: Selection
    triage: TriageResult
    """The seed's When-to-Use decision, as ``integration-spec triage`` makes it."""
    flow: Flow
    saga: Saga


def normalize_type(value: str | None) -> str | None:
    """``user-journey``, ``User Journey`` or ``user journey`` -> ``User Journey``."""
    if value is None:
        return None
    wanted = value.replace("-", " ").replace("_", " ").strip().casefold()
    return next((kind for kind in SPEC_TYPES if kind.casefold() == wanted), None)


def normalize_priority(value: str | None) -> str | None:
    """``p1`` -> ``P1``; anything else -> ``None``."""
    if value is None:
        return None
    upper = value.strip().upper()
    return upper if upper in PRIORITIES else None


def plan_spec(architecture: Architecture, inputs: DraftInputs) -> Draft:
    """Draft the spec ``inputs`` ask for against ``architecture``."""
    name = validate_name(inputs.name)
    title = title_from_name(name)
    query = parse_query(name, inputs.description)
    selection, order, operations = choose_steps(architecture, query, inputs)
    stages = build_stages(architecture, order, query, operations)
    flow = coordination.plan_links(architecture, stages)
    saga = failures.plan_saga(architecture, flow)
    entry = contracts.entry_endpoint(architecture, flow)
    spec_type = normalize_type(inputs.spec_type) or (
        USER_JOURNEY if entry is not None else SYSTEM_PROCESS
    )
    new_endpoint = (
        contracts.new_entry_endpoint(architecture, flow) if spec_type == USER_JOURNEY else None
    )
    new_endpoints = (new_endpoint,) if new_endpoint is not None else ()
    calls = coordination.sync_calls(flow, saga)
    integration = tests_plan.integration_tests(flow, saga, calls)
    e2e = tests_plan.e2e_tests(flow, saga, title)
    routes = contracts.reused_endpoints(architecture, flow, saga)
    note = contracts.reused_note(routes)
    entry_contract = new_endpoint or (
        EndpointContract(
            method=entry.method, path=entry.path, module=flow.stages[0].module, purpose=""
        )
        if entry is not None
        else None
    )
    spec = IntegrationSpec(
        title=title,
        architecture=inputs.architecture_reference,
        type=spec_type,
        priority=normalize_priority(inputs.priority) or DEFAULT_PRIORITY,
        summary=_summary(inputs.description, title, flow),
        overview=_overview(architecture, inputs.description, flow, saga),
        modules=_involvement(flow, saga, calls),
        flow_steps=steps.flow_steps(flow, saga, client=spec_type == USER_JOURNEY),
        sync_calls=calls,
        async_events=coordination.async_events(flow, saga),
        shared_state=coordination.shared_state(flow),
        failure_modes=failures.failure_modes(architecture, flow, saga),
        compensation=failures.compensation_block(flow, saga),
        shared_types=contracts.shared_types(architecture, flow, saga),
        endpoints=new_endpoints,
        events_published=contracts.events_published(architecture, flow, saga),
        phases=phases.phases(
            architecture,
            flow,
            saga,
            calls=calls,
            new_endpoints=new_endpoints,
            tests=integration,
            flag=name,
        ),
        unit_tests=tests_plan.unit_tests(architecture, flow, saga),
        integration_tests=integration,
        e2e_tests=e2e,
        feature_flags=rollout.feature_flags(name, title),
        migration_steps=rollout.migration_steps(
            architecture,
            flow,
            saga,
            flag=name,
            entry=entry_contract,
            happy_journey=e2e[0].journey,
            new_entry=new_endpoint is not None,
        ),
        notes=(SectionNote(section=SectionKey.API_CONTRACTS, markdown=note),) if note else (),
    )
    spec = replace(spec, diagrams=_diagrams(spec))
    return Draft(
        spec=spec,
        selection=selection,
        triage=triage_spec(spec, architecture),
        flow=flow,
        saga=saga,
    )


def choose_steps(
    architecture: Architecture, query: Query, inputs: DraftInputs
) -> tuple[Selection, tuple[str, ...], tuple[Operation, ...]]:
    """The modules, the step order and each step's operation, from what the user gave.

    ``--flow`` fixes the order; ``--modules`` fixes the modules; otherwise the description
    must pin the modules down (see :func:`~integration_spec.draft.context.judge_vagueness`)
    or the draft is refused with the ranked candidates. Each step runs the operation the
    description names, or says TODO.
    """
    if inputs.flow:
        selection = select_modules(architecture, query, flow=inputs.flow)
        flow = selection.flow or ()
        narrative = parse_query("", inputs.description) if inputs.description else Query()
        fitting = {
            name: fitting_operations(module_of(architecture, name), narrative) for name in flow
        }
        seen: dict[str, int] = {}
        operations = []
        for name in flow:
            count = seen.get(name, 0)
            seen[name] = count + 1
            named = fitting[name]
            operations.append(named[count].operation if count < len(named) else NO_OPERATION)
        return selection, flow, tuple(operations)
    if inputs.modules:
        selection = select_modules(architecture, query, modules=inputs.modules)
    else:
        selection = _pinned_selection(architecture, query)
    # The description alone says in which order things happen; the name is a label.
    narrative = parse_query("", inputs.description) if inputs.description else Query()
    steps = plan_steps(architecture, selection.modules, narrative)
    return (
        selection,
        tuple(step.module for step in steps),
        tuple(step.operation for step in steps),
    )


def _pinned_selection(architecture: Architecture, query: Query) -> Selection:
    """The modules a description names, or a refusal that lists the candidates."""
    verdict = judge_vagueness(architecture, query)
    if not verdict.pinned:
        candidates = rank_candidates(architecture, query)
        if not candidates:
            raise nothing_matches(architecture, query)
        shown = "; ".join(
            f"{candidate.module} ({candidate.reason})" for candidate in candidates[:5]
        )
        raise ModulesNotPinnedError(
            f"the description does not pin the modules down: {verdict.reason}",
            f"candidates: {shown}. Name the modules with --modules A,B,C or the step order "
            'with --flow "A>B>C"',
            candidates,
        )
    owned = owned_modules(architecture, query)
    if not owned:
        raise nothing_matches(architecture, query)
    picks = tuple(Pick(module, 0.0, reason) for module, reason in owned)
    return Selection(
        modules=tuple(module for module, _ in owned), picks=picks, source="description"
    )


def _diagrams(spec: IntegrationSpec) -> tuple[Diagram, ...]:
    """The seed's ASCII data flow and a Mermaid sequence diagram, drawn from the steps."""
    from integration_spec.facts.drawings import ascii_flow, mermaid_sequence

    return (
        Diagram(language="", content=ascii_flow(spec).rstrip("\n")),
        Diagram(language="mermaid", content=mermaid_sequence(spec).rstrip("\n")),
    )


def _summary(description: str | None, title: str, flow: Flow) -> str:
    if description and description.strip():
        return " ".join(description.split())
    modules = list(flow.modules)
    listed = ", ".join(modules[:-1]) + f" and {modules[-1]}" if len(modules) > 1 else modules[0]
    return f"{title} across {listed}."


def _overview(architecture: Architecture, description: str | None, flow: Flow, saga: Saga) -> str:
    need = (
        " ".join(description.split()).rstrip(".") + "."
        if description and description.strip()
        else "TODO: the user or system need this integration serves."
    )
    described = []
    for name in flow.modules:
        module = architecture.find(name)
        responsibility = module.responsibility if module is not None else ""
        described.append(f"{name} ({responsibility})" if responsibility else name)
    spans = f"It spans {len(flow.modules)} module{'s' if len(flow.modules) != 1 else ''}: " + (
        "; ".join(described) + "."
    )
    first, last = flow.stages[0], flow.stages[-1]
    path = (
        f"The flow starts with {first.operation.name or 'the step of ' + first.module} in "
        f"{first.module} and ends with {last.operation.name or 'the step of ' + last.module} "
        f"in {last.module}, over {_count(len(flow.calls()), 'synchronous call')} and "
        f"{_count(len(flow.events()), 'event')}."
    )
    if saga.pivot is not None:
        pivot = flow.stages[saga.pivot]
        module = architecture.find(pivot.module)
        undoable = module is not None and undo_for(module, pivot.operation) is not None
        why = (
            "it is the last step that changes data"
            if undoable
            else f"{pivot.module} declares no command that undoes {pivot.operation.name}"
        )
        before = (
            "every step before it that changes data is compensated in reverse order"
            if saga.compensations
            else "no step before it changes data"
        )
        after = (
            "every step after it is retried until it succeeds"
            if saga.pivot + 1 < len(flow.stages)
            else "it is the last step"
        )
        path += (
            f" Step {pivot.number} ({failures.step_name(pivot)}) is the point of no return "
            f"({why}): {before}; {after}."
        )
    return "\n\n".join((need, spans, path))


def _count(number: int, noun: str) -> str:
    if number == 0:
        return f"no {noun}s"
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _involvement(
    flow: Flow, saga: Saga, calls: tuple[object, ...]
) -> tuple[ModuleInvolvement, ...]:
    roles = module_roles(flow)
    rows = []
    for name in flow.modules:
        changes: list[str] = []
        for stage in flow.stages:
            if stage.module != name:
                continue
            what = stage.operation.name or "TODO: its operation"
            changes.append(f"{what} in step {stage.number}")
            item = saga.compensation_of(stage.index)
            if item is not None and item.operation is not None:
                changes.append(f"{item.operation} as its compensation")
        served = [
            link.name
            for link in flow.links
            if link.kind is LinkKind.READ and flow.stages[link.source].module == name
        ]
        for method in dict.fromkeys(name for name in served if "TODO" not in name):
            new = any(
                link.new and link.name == method
                for link in flow.links
                if link.kind is LinkKind.READ
            )
            changes.append(f"new query {method}" if new else f"serves {method}")
        for event in coordination.published_events(flow, saga):
            if event.publisher == name:
                changes.append(f"publishes {event.name}" + (" (new)" if event.new else ""))
            if name in event.subscribers:
                changes.append(f"handles {event.name}")
        text = "; ".join(dict.fromkeys(changes))
        rows.append(
            ModuleInvolvement(module=name, role=roles[name], changes=text[:1].upper() + text[1:])
        )
    return tuple(rows)
