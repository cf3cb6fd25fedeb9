"""What each flow step does: its effect, its messages, its failure, its place in a saga.

A step's effect is read from its Action, else its name, else its Output: the first verb
that changes stored business state, written as an action. Verbs after a modal (``may place
an order``), after a negation (``does not reserve``), or inside a check (``verifies whether
the stock can be reserved``) describe conditions, not actions. A command identifier the
step invokes counts too (``CreateTicket``), a query (``GetCart``) does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from integration_spec.facts.failures import FailureReading, cannot_fail, read_step_failure
from integration_spec.facts.lexicon import (
    ARMING_WORDS,
    CHECKING_VERBS,
    COMPLEMENTIZERS,
    DETERMINERS,
    EFFECT_VERBS,
    ESCALATION_WORDS,
    MESSAGE_VERBS,
    MODALS,
    NEGATIONS,
    NOTIFICATION_WORDS,
    PAST_PIVOT_WORDS,
    PIVOT_PHRASES,
    REGISTERING_VERBS,
    RETRY_WORDS,
    STATUS_VERBS,
    STOP_WORDS,
    TIMER_WORDS,
    UNDO_NOUN_STEMS,
    UNDO_VERBS,
    base_form,
)
from integration_spec.facts.modules import ModuleIndex, ModuleRef
from integration_spec.facts.text import (
    Verbs,
    camel_words,
    clause_texts,
    clauses,
    find_keyword,
    has_todo,
    identifiers,
    plain,
    says,
    stem,
    without_quotations,
    word_set,
    words,
)
from integration_spec.model.spec import FlowStep

_MODAL_REACH = 3
"""How many words before a verb a modal still governs (``may then place``)."""


@dataclass(frozen=True, slots=True)
class Effect:
    """The verb by which a step changes stored business state, with what it changes."""

    verb: str
    """As written (``reserves``)."""
    base: str
    """Base form (``reserve``)."""
    objects: tuple[str, ...]
    """The words after the verb, determiners skipped (``stock``, ``for``, ...)."""
    source: str
    """``action``, ``name``, ``output`` or ``identifier``."""


@dataclass(frozen=True, slots=True)
class StepFacts:
    """Everything the tool reads from one flow step."""

    index: int
    """0-based position in the flow."""
    step: FlowStep
    module: ModuleRef
    effect: Effect | None
    message: str | None
    """A message verb (``publishes``, ``sends``) when the step tells others something."""
    notification: bool
    """The step only informs a person (an email, an SMS)."""
    timer: bool
    """The step is a clock: a timer fires, a grace period ends, a cron job wakes."""
    status_change: bool
    """The step's action only moves an entity from one status to another (``Submitted →
    AwaitingValidation``)."""
    failure: FailureReading | None
    can_fail: bool
    retry_safe: bool
    """The step says it may be repeated (retried, idempotent, at most once)."""
    escalates: bool
    pivot_mark: str | None
    """``self`` when the step says it is the point of no return, ``past`` when it says it
    comes after it, ``None`` otherwise."""
    pivot_reference: int | None
    """The step number the step's text calls the point of no return (``step 4 cannot be
    undone``), if any."""
    stems: frozenset[str]
    """Content stems of the step's name, action and output (what it is about)."""
    identifiers: frozenset[str]
    operation: str | None = None
    """The operation the Action performs: its first identifier (``RemoveStock``)."""
    named_effect: str | None = None
    """Base form of the effect verb the step's name states (``Reserve Flight`` -> reserve),
    when it differs from the Action's: the business operation, where the Action may say
    only how it is stored (``write a booking with status PENDING``)."""

    @property
    def forward_verbs(self) -> frozenset[str]:
        """The base forms an undo may reverse: the Action's effect and the name's."""
        found = {self.effect.base} if self.effect is not None else set()
        if self.named_effect is not None:
            found.add(self.named_effect)
        return frozenset(found)

    @property
    def number(self) -> int:
        """1-based step number."""
        return self.index + 1

    @property
    def name(self) -> str:
        """The step's name, markup dropped."""
        return plain(self.step.name)

    @property
    def label(self) -> str:
        """``step 3 ('Quote the order')`` for messages."""
        return step_label(self.index, self.step)

    @property
    def changes_data(self) -> bool:
        """Whether the step has a business effect a later failure may leave behind."""
        return self.effect is not None


def step_label(index: int, step: FlowStep) -> str:
    """``step 3 ('Quote the order')`` for messages."""
    return f"step {index + 1} ('{plain(step.name)}')" if step.name else f"step {index + 1}"


def read_steps(steps: Sequence[FlowStep], modules: ModuleIndex) -> tuple[StepFacts, ...]:
    """Facts of every flow step, in order."""
    return tuple(_read_step(index, step, modules) for index, step in enumerate(steps))


def _read_step(index: int, step: FlowStep, modules: ModuleIndex) -> StepFacts:
    about = " ".join(part for part in (step.name, step.action, step.output) if part)
    own = " ".join(
        part
        for part in (
            step.name,
            step.note,
            step.action,
            step.failure,
            *(e.value for e in step.extra),
        )
        if part
    )
    effect = find_effect(step)
    message = _first(MESSAGE_VERBS, step.action) or _first(MESSAGE_VERBS, step.name)
    notification = (
        message is not None
        and effect is None
        and says(" ".join(filter(None, (step.name, step.action, step.output))), NOTIFICATION_WORDS)
    )
    timer = says(" ".join(filter(None, (step.name, step.action, step.trigger))), TIMER_WORDS)
    status_change = is_status_change(step.action or "")
    mark, reference = read_pivot(step)
    return StepFacts(
        index=index,
        step=step,
        module=modules.resolve(step.module),
        effect=effect,
        message=message,
        notification=notification,
        timer=timer,
        status_change=status_change,
        failure=read_step_failure(step.failure, step.field_lines.get("failure", step.line)),
        can_fail=not cannot_fail(step.failure),
        retry_safe=says(own, RETRY_WORDS),
        escalates=says(own, ESCALATION_WORDS),
        pivot_mark=mark,
        pivot_reference=reference,
        stems=content_stems(about),
        identifiers=frozenset(identifiers(about)),
        operation=_operation(step.action),
        named_effect=_named_effect(step, effect),
    )


def _named_effect(step: FlowStep, effect: Effect | None) -> str | None:
    named = effect_in(step.name, "name") if step.name else None
    if named is None or (effect is not None and named.base == effect.base):
        return None
    return named.base


_ARROWS = ("→", "->", "=>", "⇒")


def is_status_change(text: str) -> bool:
    """``Submitted → AwaitingValidation``, ``moves the order to Paid``: a status transition.

    The words on both sides of an arrow must be status names (capitalised or upper case),
    so a data flow written with arrows (``cart -> checkout``) is not one.
    """
    value = plain(text)
    for arrow in _ARROWS:
        before, found, after = value.partition(arrow)
        if found and _status_name(before.split()[-1:]) and _status_name(after.split()[:1]):
            return True
    found_words = words(value)
    if ("status" in found_words or "state" in found_words) and "to" in found_words:
        return True
    return _moved_to_status(value.split())


_STATUS_REACH = 7
"""``Move the flight reservation from pending to confirmed``: verb to ``to`` in 7 words."""


def _moved_to_status(tokens: list[str]) -> bool:
    """``Move the order from AwaitingValidation to StockConfirmed``, ``sets it to Paid``.

    A status verb a few words before ``to <Status>`` (a capitalised name) gives the entity
    a status; so does ``from <Status> to <Status>`` whatever the verb.
    """
    for position, token in enumerate(tokens):
        if token.casefold() != "to" or position + 1 >= len(tokens):
            continue
        before = tokens[max(0, position - _STATUS_REACH) : position]
        lowered = [word.casefold().strip(",;:") for word in before]
        moved = any(word in STATUS_VERBS for word in lowered)
        from_state = len(before) >= 2 and lowered[-2] == "from"
        if _status_name(tokens[position + 1 : position + 2]) and (
            moved or (from_state and _status_name(before[-1:]))
        ):
            return True
        if moved and from_state:
            return True  # "move the reservation from pending to confirmed"
    return False


def _status_name(tokens: list[str]) -> bool:
    if not tokens:
        return False
    token = tokens[0].strip("`*_.,;:()[]{}'\"")
    return bool(token) and token[0].isupper() and token.replace("_", "").isalnum()


def _operation(action: str | None) -> str | None:
    """The operation an Action performs: its first identifier that is not its compensation.

    ``Join the saga with `cancelOrder` as compensation, then `newOrder``` performs newOrder;
    ``defer `WithdrawCompensation``` arms an undo, it does not perform one.
    """
    for clause in clause_texts(action):
        if says(clause, ARMING_WORDS) or _registers_undo_in(clause):
            continue
        for name in sorted(identifiers(clause), key=clause.find):
            parts = camel_words(name)
            if parts and _is_verb(parts[0]):
                return name  # an operation is named by a verb (RemoveStock, not FromAccount)
    return None


_QUERY_VERBS = word_set(
    "get gets find list fetch load query check validate verify compute calculate process "
    "handle start run read search lookup"
)


def _is_verb(word: str) -> bool:
    return (
        word in EFFECT_VERBS.active
        or word in MESSAGE_VERBS.active
        or word in _QUERY_VERBS
        or base_form(word) != word
    )


def content_stems(text: str | None) -> frozenset[str]:
    """Stems of the words that carry meaning, identifiers split (no articles, no ``step``).

    Short names with a digit (``F3``, ``H2``) carry meaning too: they tell legs apart.
    """
    found = {stem(word) for word in camel_words(text) if word not in STOP_WORDS and len(word) > 2}
    found |= {word for word in words(text) if _is_code(word)}
    return frozenset(found)


def _is_code(word: str) -> bool:
    return 2 <= len(word) <= 6 and any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _registers_undo(effect: Effect) -> bool:
    """``register cancelCar(...)``, ``add compensation``: arranging the undo, not acting.

    Saga frameworks have a step register its compensation first (Temporal's
    ``saga.addCompensation``, a Camel compensation route); that writes no business data,
    so the step's effect is what it does next, or what its name says.
    """
    if effect.base not in REGISTERING_VERBS or not effect.objects:
        return False
    first = effect.objects[0]
    return first.startswith(UNDO_NOUN_STEMS) or any(
        first.startswith(verb) for verb in UNDO_VERBS.active
    )


def _registers_undo_in(clause: str) -> bool:
    found = effect_in(clause, "action")
    return found is not None and _registers_undo(found)


def find_effect(step: FlowStep) -> Effect | None:
    """The step's effect: in its Action, else its name, else its Output."""
    for source, text in (("action", step.action), ("name", step.name), ("output", step.output)):
        if not text or has_todo(text):
            continue  # a TODO says the effect is not known yet
        found = effect_in(text, source)
        if found is not None and source == "action" and _registers_undo(found):
            continue  # the action arranges the undo; the name says what the step does
        if found is not None:
            return found
        if source == "action":
            by_identifier = _identifier_effect(text)
            if by_identifier is not None:
                return by_identifier
    return None


def effect_in(text: str, source: str) -> Effect | None:
    """The first effect verb of ``text`` written as an action (see the module docstring).

    Quoted words are a message's content, not an action (:func:`without_quotations`).
    """
    for clause in clauses(without_quotations(text)):
        if _is_check(clause):
            continue
        for position, word in _effect_positions(clause):
            if _governed(clause, position):
                continue
            rest = list(clause[position + 1 :])
            while rest and rest[0] in DETERMINERS:
                rest = rest[1:]
            return Effect(verb=word, base=base_form(word), objects=tuple(rest), source=source)
    return None


def _effect_positions(clause: list[str]) -> list[tuple[int, str]]:
    return list(EFFECT_VERBS.find(clause, headlines=True))


def _is_check(clause: list[str]) -> bool:
    """``verifies whether ...``, ``checks that ...``: the rest of the clause is a condition."""
    return any(
        word in CHECKING_VERBS and following in COMPLEMENTIZERS
        for word, following in pairwise(clause)
    )


def _governed(clause: list[str], position: int) -> bool:
    """Whether a modal or a negation governs the verb.

    ``may place``, ``nothing is written``, ``changes nothing``.
    """
    before = clause[max(0, position - _MODAL_REACH) : position]
    if any(word in MODALS for word in before):
        return True
    if any(word in NEGATIONS for word in clause[max(0, position - 2) : position]):
        return True
    return clause[position + 1 : position + 2] in (["nothing"], ["no"])


def _identifier_effect(text: str) -> Effect | None:
    """A command the step invokes: ``CreateTicket`` changes data, ``GetCart`` does not."""
    for identifier in sorted(identifiers(text), key=text.find):
        parts = camel_words(identifier)
        if parts and parts[0] in EFFECT_VERBS.active:
            return Effect(
                verb=parts[0],
                base=base_form(parts[0]),
                objects=tuple(parts[1:]),
                source="identifier",
            )
    return None


def _first(verbs: Verbs, text: str | None) -> str | None:
    for clause in clauses(text):
        for position, word in verbs.find(clause):
            if not _governed(clause, position):
                return word
    return None


def read_pivot(step: FlowStep) -> tuple[str | None, int | None]:
    """What a step says about the point of no return: (``self``/``past``, step referred to).

    ``this is the point of no return`` in what the step does marks the step itself, as does
    ``once it succeeds there is no going back`` anywhere in it. ``past the pivot``, or a
    Failure line that says the saga no longer rolls back, puts the step after the pivot,
    unless it speaks of the step's success ("a successful payment is the point of no
    return": the failure is still undone, the success is final) or of the step itself
    ("this is the point of no return": in a step's own bullet, "this" is the step).
    ``the authorization from step 4 cannot be undone`` refers to step 4.
    """
    about = " ".join(
        part
        for part in (
            step.name,
            step.note,
            step.action,
            step.output,
            *(e.value for e in step.extra),
        )
        if part
    )
    for source, text in (("about", about), ("failure", step.failure or "")):
        for sentence in _sentences(text):
            found = words(sentence)
            match = find_keyword(found, PIVOT_PHRASES)
            if match is None:
                continue
            number = _step_number(found)
            if number is not None:
                return None, number
            position = found.index(match.split()[0])
            before = found[max(0, position - 3) : position]
            if any(word in PAST_PIVOT_WORDS and word != "once" for word in before):
                return "past", None
            said_of_success = any(word.startswith("succe") for word in found[:position])
            said_of_itself = "this" in before
            in_failure = source == "failure" and "once" not in found[:position]
            if in_failure and not (said_of_success or said_of_itself):
                return "past", None
            return "self", None
    return None, None


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in text.replace("; ", ". ").split(". "):
        if piece.strip():
            parts.append(piece)
    return parts


def _step_number(found: list[str]) -> int | None:
    for word, following in pairwise(found):
        if word == "step" and following.isdigit() and len(following) <= 3:
            return int(following)
    return None
