"""What the description asks for: the modules it names, the operations it names, their order.

Nothing here is chosen because it exists. A module is drafted when it is the best match of
one of the user's words (the word's owner); an operation runs in a step when the
description names its verb (``refund`` runs RefundPayment, ``restock`` RestockItems); a
module whose operations the description does not name gets one step that says TODO.

Steps follow the data: a step comes after the steps that produce what it needs. What a
step needs is read from the architecture: an invariant that states a precondition ("an
order is placed only with an authorized payment and a live stock reservation"), and the
object an undoing or completing command works on (a refund needs the payment). Where the
architecture states no dependency, the steps keep the order in which the description names
them, a state it names in the past ("a cancelled order") first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integration_spec.draft.operations import event_for, is_undo, past_tense, verb
from integration_spec.draft.plan import NO_OPERATION, Operation, OpKind
from integration_spec.draft.selection import score_module, term_spread
from integration_spec.draft.vocabulary import (
    COMPLETING_VERBS,
    POSTCONDITION_MARKERS,
    PRECONDITION_MARKERS,
    STOPWORDS,
    UNDO_VERBS,
    Query,
    names_verb,
    similar,
    split_words,
)
from integration_spec.facts.modules import is_foundation
from integration_spec.model.architecture import Architecture, Module


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A step the description asks for: a module and the operation it runs (or none)."""

    module: str
    operation: Operation
    position: float
    """Where the description names the operation's verb (its word index); late if unnamed."""
    participle: bool = False
    """The verb is named in the past ("a cancelled order"): a state the flow starts from."""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Dependency:
    """Step ``before`` produces something step ``after`` needs, and the words that say so."""

    before: int
    after: int
    reason: str


def owned_modules(architecture: Architecture, query: Query) -> tuple[tuple[str, str], ...]:
    """(module, reason) for each module that is the best match of one of the user's words.

    A word ("order") may appear in many modules; it names the one that declares it most
    prominently (its aggregate Order in checkout, not a query GetPaymentForOrder). A
    negated word names nothing to draft.
    """
    modules = [m for m in architecture.modules if not is_foundation(architecture, m)]
    spread = term_spread(modules, query)
    best: dict[str, tuple[float, list[tuple[str, str]]]] = {}
    for module in modules:
        _, matches = score_module(module, query, spread)
        for match in matches:
            if match.term.negated or match.term.via is not None:
                continue
            word = match.term.origin
            described = (
                "the module name"
                if match.kind == "name"
                else f"its {match.kind} {match.item}"
                if match.kind != "responsibility"
                else "its responsibility"
            )
            current = best.get(word)
            entry = (module.name, f"'{word}' names {described}")
            if current is None or match.points > current[0]:
                best[word] = (match.points, [entry])
            elif match.points == current[0]:
                current[1].append(entry)
    owners: dict[str, list[str]] = {}
    for _, entries in best.values():
        if len(entries) > 1:
            continue  # a word several modules declare alike ("create") names none of them
        for module_name, reason in entries:
            owners.setdefault(module_name, []).append(reason)
    order = {name: index for index, name in enumerate(architecture.module_names)}
    return tuple(
        (name, "; ".join(reasons))
        for name, reasons in sorted(owners.items(), key=lambda i: order[i[0]])
    )


def _words(query: Query) -> list[tuple[int, str]]:
    """The user's own words of the description with their positions (no thesaurus)."""
    found = []
    position = 0
    for word in split_words(query.text):
        position += 1
        if word in STOPWORDS or len(word) < 3:
            continue
        if any(term.origin == word and term.negated for term in query.terms):
            continue
        found.append((position, word))
    return found


def fitting_operations(module: Module, query: Query) -> list[PlannedStep]:
    """The operations of ``module`` whose verb the description names, in its word order.

    Of several operations with the named verb, the one whose object the description names
    best wins (``start guest checkout`` runs StartGuestCheckout, not StartCheckout).
    """
    words = _words(query)
    candidates = [Operation(name, OpKind.COMMAND) for name in module.commands]
    candidates += [Operation(name, OpKind.QUERY) for name in module.queries]
    chosen: dict[str, PlannedStep] = {}
    scored: list[tuple[int, int, int, Operation, bool]] = []
    for index, operation in enumerate(candidates):
        action = verb(operation.name)
        if not action or len(action) < 3:
            continue
        objects = [word for word in split_words(operation.name)[1:] if word != "id"]
        hits = [(position, word) for position, word in words if names_verb(word, action)]
        if not hits:
            continue
        # The object must be named too (directly or by a thesaurus word): "start a guest
        # checkout" runs StartGuestCheckout, not StartGuestSession.
        named = [term.word for term in query.terms if not term.negated]
        if not all(any(similar(obj, word) for word in named) for obj in objects):
            continue
        position, word = hits[0]
        overlap = len(objects)
        following = [w for pos, w in words if pos > position][:1]
        participle = (
            word.endswith("ed")
            and word != action
            and bool(following)
            and any(similar(following[0], obj) for obj in objects)
        )
        scored.append((-overlap, index, position, operation, participle))
    for _, _, position, operation, participle in sorted(scored, key=lambda item: item[:2]):
        action = verb(operation.name)
        if action in chosen:
            continue
        chosen[action] = PlannedStep(
            module.name,
            operation,
            position,
            participle,
            f"the description names '{action}'",
        )
    return sorted(chosen.values(), key=lambda step: (not step.participle, step.position))


def plan_steps(
    architecture: Architecture, modules: Sequence[str], query: Query
) -> tuple[PlannedStep, ...]:
    """The steps of the draft: the named operations of each module, or one TODO step."""
    steps: list[PlannedStep] = []
    unnamed: list[Module] = []
    for name in modules:
        module = architecture.find(name)
        if module is None:
            continue
        fitting = fitting_operations(module, query) if query.terms else []
        if fitting:
            steps.extend(fitting)
        else:
            unnamed.append(module)
    late = 10_000
    for module in unnamed:
        # A module whose part is open still has a place: before the steps of the modules
        # that depend on it (they read its data), else after every named step.
        dependents = [
            step.position
            for step in steps
            if (found := architecture.find(step.module)) is not None
            and found.depends_on(module.name)
        ]
        late += 1
        position = min(dependents) - 0.5 if dependents else late
        steps.append(PlannedStep(module.name, NO_OPERATION, position, participle=False))
    return order_by_data(architecture, steps)[0]


def _produces(module: Module, operation: Operation) -> set[str]:
    if not operation.declared:
        return set()
    words = set(split_words(operation.name)[1:])
    event = event_for(module, operation)
    if event:
        words |= set(split_words(event))
    action = verb(operation.name)
    words |= {action, past_tense(action)}
    return words


def _clause_needs(module: Module, operation: Operation) -> tuple[set[str], set[str], str]:
    """(words needed before, words that must come after, invariant) from the module's rules."""
    action = verb(operation.name)
    if not action:
        return set(), set(), ""
    for invariant in module.invariants:
        words = split_words(invariant)
        # The rule speaks of the step in the passive ("an order is placed only with"); the
        # bare word ("a medication order") names the thing, not the act.
        if not any(
            word != action and (word == past_tense(action) or names_verb(word, action))
            for word in words
        ):
            continue
        for markers, before in ((PRECONDITION_MARKERS, True), (POSTCONDITION_MARKERS, False)):
            for marker in markers:
                for start in range(len(words) - len(marker) + 1):
                    if tuple(words[start : start + len(marker)]) == marker:
                        rest = {w for w in words[start + len(marker) :] if w not in STOPWORDS}
                        return (rest, set(), invariant) if before else (set(), rest, invariant)
    return set(), set(), ""


def _shares(needed: set[str], produced: set[str]) -> list[str]:
    return [word for word in sorted(needed) if any(similar(word, other) for other in produced)]


def dependencies(
    architecture: Architecture, steps: Sequence[PlannedStep]
) -> tuple[Dependency, ...]:
    """Which step must come before which, from invariants and the objects of undo verbs."""
    found: list[Dependency] = []
    modules = [architecture.find(step.module) for step in steps]
    for after, (step, module) in enumerate(zip(steps, modules, strict=True)):
        if module is None or not step.operation.declared:
            continue
        needed, later, invariant = _clause_needs(module, step.operation)
        action = verb(step.operation.name)
        objects = set(split_words(step.operation.name)[1:])
        for before, (other, other_module) in enumerate(zip(steps, modules, strict=True)):
            if before == after or other_module is None or not other.operation.declared:
                continue
            produced = _produces(other_module, other.operation)
            if needed and _shares(needed, produced):
                found.append(
                    Dependency(before, after, f'{step.module}\'s rule "{invariant}" needs it')
                )
                continue
            if later and _shares(later, produced):
                found.append(
                    Dependency(after, before, f'{step.module}\'s rule "{invariant}" says so')
                )
                continue
            undoes = (
                action in UNDO_VERBS or action in COMPLETING_VERBS or is_undo(step.operation.name)
            )
            other_action = verb(other.operation.name)
            if (
                undoes
                and other_module.name == module.name
                and other_action not in UNDO_VERBS
                and other_action not in COMPLETING_VERBS
                and objects & set(split_words(other.operation.name)[1:])
            ):
                found.append(
                    Dependency(
                        before,
                        after,
                        f"{step.operation.name} works on what {other.operation.name} made",
                    )
                )
    unique: dict[tuple[int, int], Dependency] = {}
    for dependency in found:
        unique.setdefault((dependency.before, dependency.after), dependency)
    return tuple(unique.values())


def order_by_data(
    architecture: Architecture, steps: Sequence[PlannedStep]
) -> tuple[tuple[PlannedStep, ...], tuple[Dependency, ...]]:
    """Steps with every producer before its consumers; otherwise in the description's order.

    A cycle (the architecture's rules contradict each other) is broken in the
    description's order.
    """
    edges = dependencies(architecture, steps)
    remaining = list(range(len(steps)))
    ordered: list[int] = []

    def key(index: int) -> tuple[bool, float, int]:
        step = steps[index]
        return (not step.participle, step.position, index)

    while remaining:
        ready = [
            index
            for index in remaining
            if not any(edge.after == index and edge.before in remaining for edge in edges)
        ] or remaining
        chosen = min(ready, key=key)
        ordered.append(chosen)
        remaining.remove(chosen)
    return tuple(steps[index] for index in ordered), edges
