"""Which command or query a stage runs, what it produces, and what undoes it.

Only names the architecture declares are used: a step runs one of its module's commands or
queries, produces one of its domain events, aggregates or value objects, and is undone by
one of its commands whose verb undoes (cancel, void, release...). Choices are scored
against the description and the neighbouring modules; ties go to the order in which the
architecture lists things, which is usually the order of importance.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from integration_spec.draft.plan import NO_OPERATION, Operation, OpKind, StageRole
from integration_spec.draft.vocabulary import (
    ANTONYMS,
    COMPLETING_VERBS,
    INITIATING_VERBS,
    IRREGULAR_PAST,
    READ_VERBS,
    UNDO_VERBS,
    Query,
    overlap,
    pascal,
    similar,
    split_words,
)
from integration_spec.facts.artifacts import event_catalogue
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.names import normalize_name

CONTEXT_WEIGHT = 0.25
"""A word shared with a neighbouring module counts a quarter of a description word."""
VERB_BONUS = 0.25
CLOSING_PENALTY = 1.0
"""A module's last stage completes what its first started; it never starts something new."""


@dataclass(frozen=True, slots=True)
class Choice:
    """The operation a stage runs and how it was scored (for tests and reasons)."""

    operation: Operation
    score: float


def verb(name: str) -> str:
    """The first word of an operation name (``ReserveStock`` -> ``reserve``)."""
    words = split_words(name)
    return words[0] if words else ""


def is_undo(name: str) -> bool:
    """Whether the operation undoes something (``ReleaseReservation``, ``SignOut``)."""
    words = split_words(name)
    return bool(words) and (words[0] in UNDO_VERBS or words[-1] == "out")


def operations(module: Module) -> list[Operation]:
    """The module's commands, then its queries, in the architecture's order."""
    found = [Operation(name, OpKind.COMMAND) for name in module.commands]
    found += [Operation(name, OpKind.QUERY) for name in module.queries]
    return found


def choose_operation(
    module: Module,
    role: StageRole,
    *,
    query: Query,
    context: Sequence[str] = (),
    used: Iterable[str] = (),
    opening: bool = False,
    closing: bool = False,
) -> Operation:
    """The command or query stage ``role`` of ``module`` runs.

    Providers run queries (later stages read them); every other role prefers commands.
    ``opening`` favours verbs that start something, ``closing`` verbs that complete it (a
    module with two stages).
    """
    used_names = set(used)
    candidates = [op for op in operations(module) if not is_undo(op.name)]
    fresh = [op for op in candidates if op.name not in used_names] or candidates
    if not fresh:
        return NO_OPERATION
    commands = [op for op in fresh if op.kind is OpKind.COMMAND]
    queries = [op for op in fresh if op.kind is OpKind.QUERY]

    def score(op: Operation) -> float:
        words = split_words(op.name)
        value = query.score(words)
        value += CONTEXT_WEIGHT * min(2, len(overlap(words, context)))
        first = words[0] if words else ""
        if (opening or role is StageRole.INITIATOR) and first in INITIATING_VERBS:
            value += VERB_BONUS
        if closing and first in COMPLETING_VERBS:
            value += VERB_BONUS
        if closing and first in INITIATING_VERBS:
            value -= CLOSING_PENALTY
        return value

    def best(pool: list[Operation]) -> Operation | None:
        if not pool:
            return None
        return max(enumerate(pool), key=lambda item: (score(item[1]), -item[0]))[1]

    if role is StageRole.PROVIDER:
        return best(queries) or best(commands) or NO_OPERATION
    return best(commands) or best(queries) or NO_OPERATION


def past_tense(word: str) -> str:
    """``reserve`` -> ``reserved``, ``send`` -> ``sent``, ``ship`` -> ``shipped``."""
    if word in IRREGULAR_PAST:
        return IRREGULAR_PAST[word]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    vowels = "aeiou"
    if (
        len(word) <= 4
        and len(word) >= 3
        and word[-1] not in vowels + "wxy"
        and word[-2] in vowels
        and word[-3] not in vowels
    ):
        return word + word[-1] + "ed"
    return word + "ed"


def event_for(module: Module, operation: Operation) -> str | None:
    """The declared domain event a command records (``PlaceOrder`` -> ``OrderPlaced``)."""
    if operation.kind is not OpKind.COMMAND:
        return None
    words = split_words(operation.name)
    if not words:
        return None
    action, nouns = words[0], words[1:]
    scored: list[tuple[float, int, int, str]] = []
    for index, event in enumerate(module.domain_events):
        event_words = split_words(event)
        done = past_tense(action)
        if not any(similar(action, word) or word == done for word in event_words):
            continue
        shared = 1 + len(overlap(nouns, event_words))
        extra = len(event_words) - shared
        scored.append((shared - 0.1 * max(0, extra), shared, index, event))
    if not scored:
        return None
    scored.sort(key=lambda item: (-item[0], item[2]))
    _, shared, _, best_event = scored[0]
    # The verb alone identifies the event only when no other event shares it.
    if shared < 2 and len(scored) > 1:
        return None
    return best_event


def state_for(module: Module, operation: Operation) -> tuple[str, str | None]:
    """(data later modules read, aggregate worked on) for an operation of ``module``.

    The best-fitting aggregate or value object by shared words (the last word counts
    most: ``QuoteOrder`` -> ``PriceQuote``); else the query's noun (``GetAvailability`` ->
    ``Availability``); else the module's first aggregate.
    """
    words = split_words(operation.name)
    aggregate = _best_item(module.aggregates, words)
    if aggregate is None and module.aggregates and operation.kind is OpKind.COMMAND:
        aggregate = module.aggregates[0]
    if operation.kind is OpKind.QUERY:
        item = _best_item((*module.aggregates, *module.value_objects), words)
        if item is not None:
            return item, aggregate
        nouns = words[1:] if words and words[0] in READ_VERBS else words
        if nouns:
            return pascal(" ".join(nouns)), aggregate
    if aggregate is not None:
        return aggregate, aggregate
    if operation.kind is OpKind.COMMAND and len(words) > 1:
        return pascal(" ".join(words[1:])), None
    return f"{pascal(module.name)}Data", None


def _best_item(items: Sequence[str], words: Sequence[str]) -> str | None:
    scored: list[tuple[int, int, int, int, str]] = []
    for index, item in enumerate(items):
        item_words = split_words(item)
        shared = overlap(item_words, words)
        if not shared or item_words[-1:] == ["id"]:
            continue
        head = 1 if any(similar(item_words[-1], word) for word in words) else 0
        extra = len(item_words) - len(shared)
        scored.append((-len(shared), -head, extra, index, item))
    if not scored:
        return None
    return min(scored)[-1]


def undo_for(module: Module, operation: Operation) -> str | None:
    """The command of ``module`` that undoes ``operation``, if it declares one that fits.

    ``ReserveStock`` -> ``ReleaseReservation`` (the undo names what the verb made);
    ``AuthorizePayment`` -> ``VoidAuthorization`` rather than ``RefundPayment``.
    """
    if operation.kind is not OpKind.COMMAND or is_undo(operation.name):
        return None  # an undo (a refund, a cancellation) is not itself undone
    words = split_words(operation.name)
    action, nouns = (words[0], words[1:]) if words else ("", [])
    opposite = ANTONYMS.get(action)
    undos = [
        name
        for name in module.commands
        if name != operation.name and (is_undo(name) or (opposite and verb(name) == opposite))
    ]
    scored: list[tuple[float, int, str]] = []
    for index, name in enumerate(undos):
        undo_words = split_words(name)[1:]
        value = float(len(overlap(nouns, undo_words)))
        if action and any(similar(action, word) for word in undo_words):
            value += 1.5
        if opposite and verb(name) == opposite:
            value += 1.0
        scored.append((value, index, name))
    fitting = [item for item in scored if item[0] > 0]
    if fitting:
        return min(fitting, key=lambda item: (-item[0], item[1]))[2]
    general = [name for name in undos if verb(name) in {"cancel", "void", "revert"}]
    return general[0] if len(general) == 1 else None


def read_method(module: Module, operation: Operation, state: str, event: str | None) -> str | None:
    """The query another module calls to read ``state`` (``GuestSession`` -> ``GetGuestSession``).

    ``None`` when the module declares no query that fits: the draft then names a new one.
    """
    if operation.kind is OpKind.QUERY:
        return operation.name
    wanted = split_words(state) + (split_words(event) if event else [])
    scored: list[tuple[int, int, int, str]] = []
    for index, name in enumerate(module.queries):
        query_words = split_words(name)
        nouns = query_words[1:] if query_words[:1] and query_words[0] in READ_VERBS else query_words
        shared = len(overlap(nouns, wanted))
        if shared:
            scored.append((-shared, len(nouns) - shared, index, name))
    return min(scored)[-1] if scored else None


def invariant_for(module: Module, aggregate: str | None) -> str | None:
    """The module's invariant about ``aggregate`` (else its first one), if it has any."""
    wanted = normalize_name(aggregate or "")
    for invariant in module.invariants:
        if wanted and wanted in normalize_name(invariant):
            return invariant
    return module.invariants[0] if module.invariants else None


def fields_of(module: Module, name: str) -> list[str]:
    """Value objects of ``module`` that ``name`` evidently carries.

    Every word of the value object but ``Id`` is a word of the name: ``GuestSession``
    carries ``GuestSessionId``, ``PaymentAuthorized`` carries ``AuthorizationId``.
    """
    wanted = split_words(name)
    found = []
    for item in module.value_objects:
        words = [word for word in split_words(item) if word != "id"]
        if item != name and words and len(overlap(words, wanted)) == len(words):
            found.append(item)
    return found


def declared_owner(architecture: Architecture, name: str) -> str | None:
    """The module that declares event ``name`` (the first, if several do)."""
    owners = event_catalogue(architecture).owners(name)
    return owners[0] if owners else None


def new_event_name(
    architecture: Architecture, module: Module, operation: Operation, state: str
) -> str:
    """A past-tense event name for a stage with no declared event.

    ``MergeGuestCart`` -> ``GuestCartMerged``; never a name another module declares.
    """
    words = split_words(operation.name)
    if operation.kind is OpKind.COMMAND and len(words) > 1:
        name = pascal(" ".join(words[1:])) + pascal(past_tense(words[0]))
    elif operation.kind is OpKind.COMMAND and words:
        name = pascal(module.name) + pascal(past_tense(words[0]))
    else:
        name = f"{state}Retrieved"
    owner = declared_owner(architecture, name)
    if owner is not None and owner != module.name:
        name = pascal(module.name) + name
    return name


def new_query_name(state: str) -> str:
    """The query a draft proposes when a module declares none for its data."""
    return f"Get{state}"
