"""Step order, the part each stage plays, and each module's role.

Without ``--flow`` the order follows the architecture: the module that depends on most of
the others orchestrates; the modules it depends on come first, dependencies before their
dependents (the build order); a module only it depends on and that the description makes
act (``pay`` -> payments) is commanded after the orchestrator has started, and the
orchestrator completes after it; modules it does not depend on react to its events last.
Roles follow the seed: a Producer creates data others read, a Consumer only reads, Both
does both.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from integration_spec.draft.operations import (
    choose_operation,
    event_for,
    is_undo,
    state_for,
)
from integration_spec.draft.plan import (
    Flow,
    LinkKind,
    Operation,
    OpKind,
    Stage,
    StageRole,
    module_of,
)
from integration_spec.draft.selection import module_fields
from integration_spec.draft.vocabulary import Query, pascal, similar, split_words
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.names import normalize_name

PRODUCER, CONSUMER, BOTH = "Producer", "Consumer", "Both"


def depends(architecture: Architecture, caller: str, callee: str) -> bool:
    """Whether ``caller`` declares a dependency on ``callee`` (so it may call it)."""
    return caller != callee and module_of(architecture, caller).depends_on(callee)


def build_level(architecture: Architecture, name: str) -> int:
    """The module's build phase, or its dependency depth when the architecture has none."""
    module = module_of(architecture, name)
    if module.phase is not None:
        return module.phase

    @cache
    def depth(current: str, seen: frozenset[str]) -> int:
        found = architecture.find(current)
        if found is None:
            return 0
        levels = [
            depth(target.name, seen | {current})
            for dependency in found.dependencies
            if (target := architecture.find(dependency)) is not None and target.name not in seen
        ]
        return 1 + max(levels, default=0)

    return depth(name, frozenset())


def reaches(architecture: Architecture, start: str, goal: str) -> bool:
    """Whether ``start`` depends on ``goal`` directly or through other modules."""
    stack, seen = [start], {start}
    while stack:
        current = module_of(architecture, stack.pop())
        for dependency in current.dependencies:
            target = architecture.find(dependency)
            if target is None or target.name in seen:
                continue
            if target.name == goal:
                return True
            seen.add(target.name)
            stack.append(target.name)
    return False


def topological(
    architecture: Architecture, names: Sequence[str], scores: dict[str, float]
) -> list[str]:
    """``names`` with dependencies first; ties by build level, relevance, document order."""
    index = {name: position for position, name in enumerate(architecture.module_names)}
    remaining = list(names)
    ordered: list[str] = []
    while remaining:
        ready = [
            name
            for name in remaining
            if not any(depends(architecture, name, other) for other in remaining if other != name)
        ] or remaining  # a dependency cycle: fall back to the tie-break order
        chosen = min(
            ready,
            key=lambda name: (build_level(architecture, name), -scores.get(name, 0.0), index[name]),
        )
        ordered.append(chosen)
        remaining.remove(chosen)
    return ordered


def orchestrator(architecture: Architecture, names: Sequence[str], scores: dict[str, float]) -> str:
    """The module that depends on most of the others (then: highest build level)."""
    index = {name: position for position, name in enumerate(architecture.module_names)}
    return max(
        names,
        key=lambda name: (
            sum(depends(architecture, name, other) for other in names),
            build_level(architecture, name),
            scores.get(name, 0.0),
            index[name],
        ),
    )


def module_words(module: Module) -> list[str]:
    """Words of a module's name and of everything it declares, for context scoring."""
    texts = [module.name, *module.aggregates, *module.value_objects, *module.commands]
    texts += [*module.queries, *module.domain_events]
    return [word for text in texts for word in split_words(text)]


def best_weight(module: Module, word: str) -> float:
    """The weight of the strongest place ``module`` declares ``word`` (0 when nowhere)."""
    return max(
        (
            weight
            for _, weight, _, words in module_fields(module)
            if any(similar(word, other) for other in words)
        ),
        default=0.0,
    )


def acts(module: Module, query: Query, hub: Module | None = None) -> bool:
    """Whether a forward command of ``module`` fits a word of ``query`` the module owns.

    With a ``hub``, a word the hub declares at least as prominently is the hub's ("guest"
    is checkout's StartGuestCheckout as much as the cart's MergeGuestCart), so it does not
    make ``module`` act; "ship" is shipping's name before it is checkout's MarkOrderShipped.
    """
    terms = tuple(
        term
        for term in query.terms
        if hub is None or best_weight(module, term.word) > best_weight(hub, term.word)
    )
    owned = Query(terms=terms, text=query.text)
    return any(owned.score(split_words(name)) > 0 for name in module.commands if not is_undo(name))


def plan_order(
    architecture: Architecture,
    names: Sequence[str],
    query: Query,
    scores: dict[str, float] | None = None,
) -> tuple[str, ...]:
    """The step order of ``names`` when the user gave none (see the module docstring)."""
    scores = scores or {}
    if not names:
        return ()
    hub = orchestrator(architecture, names, scores)
    hub_module = module_of(architecture, hub)
    others = [name for name in names if name != hub]
    upstream = [name for name in others if reaches(architecture, hub, name)]
    reactors = [name for name in others if name not in upstream]
    forward_commands = [name for name in hub_module.commands if not is_undo(name)]
    targets = [
        name
        for name in upstream
        if depends(architecture, hub, name)
        and all(not depends(architecture, other, name) for other in others)
        and acts(module_of(architecture, name), query, hub_module)
    ]
    if len(forward_commands) < 2:
        targets = []
    chain = topological(architecture, [n for n in upstream if n not in targets], scores)
    order = [*chain, hub]
    if targets:
        order += [*topological(architecture, targets, scores), hub]
    order += topological(architecture, reactors, scores)
    return tuple(order)


def stage_roles(
    architecture: Architecture, order: Sequence[str], query: Query
) -> tuple[StageRole, ...]:
    """The role of each stage of ``order``, from who depends on whom around it."""
    roles: list[StageRole] = []
    for index, name in enumerate(order):
        pushed = any(depends(architecture, other, name) for other in order[:index])
        read_later = any(depends(architecture, other, name) for other in order[index + 1 :])
        if index == 0:
            initiates = acts(module_of(architecture, name), query) or not read_later
            roles.append(StageRole.INITIATOR if initiates else StageRole.PROVIDER)
        elif pushed:
            roles.append(StageRole.TARGET)
        elif read_later:
            roles.append(StageRole.PROVIDER)
        else:
            roles.append(StageRole.STEP)
    return tuple(roles)


def build_stages(
    architecture: Architecture,
    order: Sequence[str],
    query: Query,
    operations: Sequence[Operation] | None = None,
) -> tuple[Stage, ...]:
    """A stage per step: the role, the operation it runs and the data it produces.

    With ``operations`` (one per step) the steps run exactly those: the description named
    them, or the step says TODO. Without, each stage picks the best-scored operation of its
    module (the older behaviour, kept for callers that plan by module).
    """
    roles = stage_roles(architecture, order, query)
    stages: list[Stage] = []
    for index, (name, role) in enumerate(zip(order, roles, strict=True)):
        module = module_of(architecture, name)
        readers = [
            module_of(architecture, other)
            for other in order[index + 1 :]
            if depends(architecture, other, name)
        ]
        context = [word for reader in readers for word in module_words(reader)]
        used = [stage.operation.name for stage in stages if stage.module == name]
        operation = (
            operations[index]
            if operations is not None
            else choose_operation(
                module,
                role,
                query=query,
                context=context if role is StageRole.PROVIDER else (),
                used=used,
                opening=name in order[index + 1 :],
                closing=name in order[:index],
            )
        )
        state, aggregate = state_for(module, operation)
        stages.append(
            Stage(
                index=index,
                module=name,
                role=role,
                operation=operation,
                event=event_for(module, operation),
                state=state,
                aggregate=aggregate,
            )
        )
    return _distinct_states(architecture, stages)


def _distinct_states(architecture: Architecture, stages: list[Stage]) -> tuple[Stage, ...]:
    """Prefix data names another module also uses, so every shared datum has one owner."""
    owners: dict[str, str] = {}
    for module_name in dict.fromkeys(stage.module for stage in stages):
        module = module_of(architecture, module_name)
        for item in (*module.aggregates, *module.domain_events):
            owners.setdefault(normalize_name(item), module_name)
    result: list[Stage] = []
    for stage in stages:
        key = normalize_name(stage.state)
        owner = owners.setdefault(key, stage.module)
        if owner != stage.module:
            stage = _with_state(stage, pascal(stage.module) + stage.state)
            owners.setdefault(normalize_name(stage.state), stage.module)
        result.append(stage)
    return tuple(result)


def _with_state(stage: Stage, state: str) -> Stage:
    return Stage(
        index=stage.index,
        module=stage.module,
        role=stage.role,
        operation=stage.operation,
        event=stage.event,
        state=state,
        aggregate=stage.aggregate,
    )


def module_roles(flow: Flow) -> dict[str, str]:
    """Producer, Consumer or Both for each module, from the data it creates and reads.

    A module writes when one of its stages runs a command or others read its data (a
    call to it, an event from it); it reads when it calls another module for data or
    subscribes to an event. Receiving a command is not reading: the caller hands it work.
    """
    writes: dict[str, bool] = dict.fromkeys(flow.modules, False)
    reads: dict[str, bool] = dict.fromkeys(flow.modules, False)
    for stage in flow.stages:
        if stage.operation.kind is OpKind.COMMAND:
            writes[stage.module] = True
    for link in flow.links:
        source = flow.stages[link.source].module
        target = flow.stages[link.target].module
        if link.kind is LinkKind.READ:
            reads[target] = True
            writes[source] = True
        elif link.kind is LinkKind.EVENT:
            writes[source] = True
            reads[target] = True
        else:  # a command: the callee works, its result goes back to the caller
            writes[target] = True
            reads[source] = True
    roles: dict[str, str] = {}
    for module in flow.modules:
        if writes[module] and reads[module]:
            roles[module] = BOTH
        elif reads[module]:
            roles[module] = CONSUMER
        else:
            roles[module] = PRODUCER
    return roles
