"""Undo clauses and the steps they undo; triggers and the steps they name.

``cancel the ticket, then reject the order`` is two compensating actions; each is linked to
the earlier step whose effect it undoes by what they share: an identifier (``CancelCreateTicket``
undoes ``CreateTicket``), the object (ticket, order), the module it names, and a verb pair
(release undoes reserve). ``If Accounting fails after Kitchen succeeds`` names the failing
step by its module, its name or its object. Both are read word by word, in linear time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from integration_spec.facts.lexicon import (
    CHECKING_VERBS,
    CONDITIONALS,
    DETERMINERS,
    EFFECT_VERBS,
    ESCALATION_WORDS,
    INVOKING_VERBS,
    MODALS,
    NEGATIONS,
    STATUS_VERBS,
    STOP_WORDS,
    TRIGGER_FAILURE_WORDS,
    TRIGGER_SUCCESS_WORDS,
    UNDO_NOUNS,
    UNDO_PAIRS,
    UNDO_PHRASES,
    UNDO_VERBS,
    base_form,
)
from integration_spec.facts.modules import ModuleIndex
from integration_spec.facts.steps import StepFacts, content_stems
from integration_spec.facts.text import (
    camel_words,
    clause_texts,
    find_keyword,
    identifiers,
    list_items,
    sentence_parts,
    stem,
    without_status_names,
    word_set,
    words,
)

_GENERIC = word_set(
    "previous earlier prior everything all any done saga step steps work change changes "
    "transaction transactions action actions effect effects what it them status state set"
)
"""Objects that name no particular step (``undo everything done so far``)."""

_NEGATION_REACH = 4
"""``nothing to release``, ``never has its own undo``: a negation this close cancels the undo."""
_IDENTIFIER_SCORE = 6
_MODULE_SCORE = 2
_COMMAND_SCORE = 3
"""The undo is a command the architecture declares for the step's module."""
_OBJECT_SCORE = 2
_EFFECT_OBJECT_SCORE = 2
"""Extra weight when the undo names what the step's action changed (``the order`` it created)."""
_PAIR_SCORE = 1
_MINIMUM_SCORE = 2


@dataclass(frozen=True, slots=True)
class UndoClause:
    """One compensating action written in prose."""

    text: str
    verb: str
    """Base form of the undo verb (``cancel``); ``undo`` for a generic ``roll back``."""
    stems: frozenset[str]
    """Content stems of what it undoes (the verb and generic words dropped)."""
    identifiers: frozenset[str]
    words: tuple[str, ...]
    step_numbers: tuple[int, ...] = ()
    """Steps named by number (``compensate steps 5 and 4``), in written order."""

    @property
    def is_generic(self) -> bool:
        """``roll everything back``: an undo that names no object and no step."""
        return not self.stems and not self.identifiers and not self.step_numbers


def undo_clauses(text: str | None, *, negated: bool = False) -> list[UndoClause]:
    """The compensating actions of a recovery text, in the order written.

    Within one statement a list of objects shares its verb: ``cancel the hotel and the
    car`` undoes both. The verb is not carried across statements (``;``, ``:``, ``then``).
    With ``negated``, the undos the text says do *not* happen (``nothing ever restores
    the basket``), which is how a spec accepts an effect that stays.
    """
    found: list[UndoClause] = []
    written = _unbracket_steps(without_status_names(text or ""))
    for part in sentence_parts(written):
        previous_verb: str | None = None
        for fragment in list_items(part):
            found_words = words(fragment)
            if CONDITIONALS & set(found_words[:3]) or found_words[:1] == ["see"]:
                previous_verb = None
                continue  # a condition ("even if it is cancelled later"), a reference ("see")
            if found_words[:1] == ["which"]:
                continue  # "cancel the flight, which deletes what step 4 confirmed": a remark
            verb, is_negated = _undo_verb(found_words, fragment)
            if verb is None and previous_verb is not None and _continues_list(found_words):
                verb, is_negated = previous_verb, False
            if verb is None or is_negated != negated:
                previous_verb = None
                continue
            previous_verb = verb
            clause = _clause(fragment, verb, found_words)
            if found and _remarks_on(written, found[-1].text, clause.text):
                found[-1] = _with_remark(found[-1], clause)
            else:
                found.append(clause)
    return found


def _remarks_on(text: str, before: str, inside: str) -> bool:
    """Whether ``inside`` is written in parentheses right after ``before``.

    ``CancelFlightReservation (deletes the booking even if confirmed)``, ``cancel the
    ticket (`CancelCreateTicket`)``: a parenthesis after an action says more about that
    action (its other name, what it touches); it is not a second compensating action.
    """
    start = text.find(before)
    if start < 0:
        return False
    end = start + len(before)
    at = text.find(inside, end)
    return at > 0 and text[end:at].replace("`", "").strip() == "("


def _with_remark(clause: UndoClause, remark: UndoClause) -> UndoClause:
    """``clause`` with what its parenthesis adds: a generic undo takes the remark's object."""
    if clause.is_generic:
        return remark
    return replace(
        clause,
        stems=clause.stems | remark.stems,
        identifiers=clause.identifiers | remark.identifiers,
        step_numbers=clause.step_numbers or remark.step_numbers,
    )


_CONDITION_WORDS = frozenset({"when", "if", "after", "unless", "on"})


def _without_conditions(fragment: str) -> str:
    """The fragment and its identifiers cut at a condition.

    ``SetCancelledStatusWhenStockIsRejected`` is about the cancelled status, not the stock;
    ``the basket is not restored if the order is cancelled later`` is about the basket.
    """
    kept = []
    for position, token in enumerate(fragment.split()):
        if position and token.lower().strip(",;:") in CONDITIONALS:
            break
        parts = camel_words(token)
        cut = next((i for i, part in enumerate(parts) if i and part in _CONDITION_WORDS), None)
        kept.append(" ".join(parts[:cut]) if cut is not None else token)
    return " ".join(kept)


def _unbracket_steps(text: str) -> str:
    """``CancelOrder (step 2)`` -> ``CancelOrder step 2``: the step an undo names stays with it."""
    out: list[str] = []
    position = 0
    while True:
        start = text.find("(step", position)
        if start < 0:
            out.append(text[position:])
            return "".join(out)
        end = text.find(")", start)
        inner = text[start + 1 : end] if end > 0 else ""
        if end < 0 or not all(part.isdigit() or part in _STEP_WORDS for part in inner.split()):
            out.append(text[position : start + 1])
            position = start + 1
            continue
        out.append(text[position:start] + " " + inner + " ")
        position = end + 1


_STEP_WORDS = frozenset({"step", "steps", "and", "to", "or", ","})


def _clause(fragment: str, verb: str, found_words: list[str]) -> UndoClause:
    undo_stems = {stem(word) for word in found_words if base_form(word) in _UNDO_BASES}
    undo_stems |= {stem(word) for word in camel_words(fragment) if base_form(word) in _UNDO_BASES}
    generic = {stem(word) for word in _GENERIC}
    stems = content_stems(_without_conditions(fragment)) - undo_stems - generic - _GENERIC
    return UndoClause(
        text=fragment.strip(),
        verb=verb,
        stems=stems,
        identifiers=frozenset(identifiers(fragment)),
        words=tuple(found_words),
        step_numbers=_step_numbers(found_words),
    )


_UNDO_BASES = frozenset({base_form(word) for word in UNDO_VERBS.active | UNDO_VERBS.participles})


_JOINS = frozenset({"and", "to", "through", "thru", "or"})


def _step_numbers(found: list[str]) -> tuple[int, ...]:
    """``steps 6 to 4``, ``step 3``, ``steps 5 and 4``: the step numbers, in written order."""
    numbers: list[int] = []
    position = 0
    while position < len(found):
        if found[position] not in ("step", "steps"):
            position += 1
            continue
        position += 1
        while position < len(found) and (found[position].isdigit() or found[position] in _JOINS):
            word = found[position]
            if word in ("to", "through", "thru") and numbers and position + 1 < len(found):
                end = found[position + 1]
                if end.isdigit() and len(end) <= 3:
                    start = numbers[-1]
                    direction = -1 if int(end) < start else 1
                    numbers.extend(range(start + direction, int(end) + direction, direction))
                    position += 2
                    continue
            if word.isdigit() and len(word) <= 3:
                numbers.append(int(word))
            position += 1
    return tuple(numbers)


_CLAUSE_WORDS = word_set("which who whose that is are was were has have had will would")
"""Words of a clause with a verb of its own, which an object list never has: in
``cancels the order, and the cancellation notes which items were short`` the second part
says something about the cancellation, it cancels nothing else."""


def _continues_list(found: list[str]) -> bool:
    """A list item without a verb of its own: ``the car``, ``car bookings``."""
    if not found or any(True for _ in EFFECT_VERBS.find(found)):
        return False
    if any(word in _CLAUSE_WORDS for word in found):
        return False
    return found[0] in DETERMINERS or len(found) <= 2


_COMPENSATION_SUFFIXES = frozenset(
    {"compensation", "compensate", "compensator", "undo", "rollback", "reversal", "revert"}
)


def compensation_target(identifier: str) -> list[str]:
    """The operation a compensation identifier undoes: ``WithdrawCompensation`` -> withdraw."""
    parts = camel_words(identifier)
    if len(parts) >= 2 and parts[-1] in _COMPENSATION_SUFFIXES:
        return parts[:-1]
    return []


def _undo_verb(found: list[str], fragment: str) -> tuple[str | None, bool]:
    """The undo verb of a fragment (base form), and whether a negation governs it."""
    if find_keyword(camel_words(fragment), ESCALATION_WORDS) or _contains(found, ("by", "hand")):
        return None, False  # work for a person, not a compensating transaction
    for position, word in UNDO_VERBS.find(found, headlines=True):
        before = found[max(0, position - _NEGATION_REACH) : position]
        if any(w in MODALS for w in before) and "must" not in before and "should" not in before:
            continue
        return base_form(word), any(w in NEGATIONS for w in before)
    failed_state = _to_failed_state(found)
    if failed_state is not None:
        before = found[max(0, failed_state - _NEGATION_REACH) : failed_state]
        return "cancel", any(w in NEGATIONS for w in before)
    invoked = _invoked_undo(found)
    if invoked is not None:
        return invoked, False
    phrase = find_keyword(found, UNDO_PHRASES)
    if phrase is not None:
        position = found.index(phrase.split()[0])
        before = found[max(0, position - _NEGATION_REACH) : position]
        return "undo", any(w in NEGATIONS for w in before)
    for identifier in sorted(identifiers(fragment), key=fragment.find):
        if compensation_target(identifier):
            return "compensate", False
        parts = camel_words(identifier)
        if parts and base_form(parts[0]) in _UNDO_BASES:
            return base_form(parts[0]), False
        if parts and parts[0] in STATUS_VERBS and _to_failed_state(parts) is not None:
            return "cancel", False  # SetCancelledStatus
    return None, False


_FAILED_STATES = ("cancel", "reject", "fail", "abort", "void", "revok")
_STATUS_REACH = 5


_INVOKE_REACH = 4
"""``calls the flight cancellation``: the verb at most this many words before the noun."""


def _invoked_undo(found: Sequence[str]) -> str | None:
    """The undo a fragment runs by name (``calls the flight cancellation`` -> cancel).

    An undo is often written as a thing the flow runs rather than a verb: ``still calls
    the flight cancellation``, ``routes through the refund``. A bare noun (``the
    cancellation does nothing``) runs nothing; a negation before the verb is read by the
    caller's reach like any undo verb's.
    """
    for position, word in enumerate(found):
        verb = UNDO_NOUNS.get(word)
        if verb is None:
            continue
        before = found[max(0, position - _INVOKE_REACH) : position]
        if any(other in INVOKING_VERBS for other in before) and not any(
            other in NEGATIONS for other in before
        ):
            return verb
    return None


def _to_failed_state(found: Sequence[str]) -> int | None:
    """Where a status change to a failed state starts, if there is one.

    ``Ordering put the order in Cancelled``, ``SetCancelledStatus``: how a saga undoes
    creating something.
    """
    for position, word in enumerate(found):
        if word not in STATUS_VERBS:
            continue
        for later in found[position + 1 : position + 1 + _STATUS_REACH]:
            if later.startswith(_FAILED_STATES):
                return position
    return None


def link(
    clause: UndoClause,
    candidates: Sequence[StepFacts],
    modules: ModuleIndex,
    *,
    failing: int | None = None,
) -> StepFacts | None:
    """The step among ``candidates`` whose effect ``clause`` undoes, or ``None``.

    Only steps that change data can be undone. The failing step itself is a candidate (the
    spec may say its own undo runs); ties go to the earliest step.
    """
    named = _named_modules(clause, candidates, modules)
    best: tuple[tuple[int, int, int], StepFacts] | None = None
    matched: list[StepFacts] = []
    for step in candidates:
        if step.effect is None:
            continue
        if named and step.module.key not in named:
            continue
        score = _score(clause, step, named)
        if score < _MINIMUM_SCORE:
            continue
        # Ties go to the earliest step: undoing an object undoes the step that created it,
        # and later changes to it with it (a cancelled order is cancelled whatever its status).
        # So a step that only moves the entity's status (or confirms, approves it) yields to
        # an earlier step whose effect this undo reverses (cancel <- create) on the object.
        moves_state = step.status_change or step.effect.base in _TRANSITION_VERBS
        rank = (
            0 if moves_state and _reversed_earlier(clause, step, matched) else 1,
            score,
            -step.index,
        )
        matched.append(step)
        if best is None or rank > best[0]:
            best = (rank, step)
    if best is not None:
        return best[1]
    return _undone_without_known_verb(clause, candidates, named)


def _undone_without_known_verb(
    clause: UndoClause, candidates: Sequence[StepFacts], named: set[str]
) -> StepFacts | None:
    """The one step an explicit undo is about, when no step with a known effect verb is.

    "Refund the payment" after "Process the payment": the lexicon does not know every verb
    that changes data, but an undo the spec writes is itself evidence that the step it
    names did. Accepted only when exactly one eligible step is about the undo's object,
    and never for a clock or a message, so a vague object ("the order") links nothing.
    """
    if not clause.stems:
        return None
    about = [
        step
        for step in candidates
        if step.effect is None
        and not step.timer
        and not step.notification
        and (not named or step.module.key in named)
        and not _only_reads(step)
        and clause.stems & step.stems
    ]
    return about[0] if len(about) == 1 else None


def _only_reads(step: StepFacts) -> bool:
    """The step says it reads: named or acted as a check, or called read-only outright."""
    named, acted = words(step.step.name or ""), words(step.step.action or "")
    if any(found[:1] and found[0] in CHECKING_VERBS for found in (named, acted)):
        return True
    return find_keyword(acted, ("read only",)) is not None


_TRANSITION_VERBS = frozenset(
    {"confirm", "approve", "accept", "complete", "finalize", "finalise", "activate", "mark"}
)
"""Verbs that move something an earlier step made to its next state (confirm a booking):
cancelling the booking undoes the step that made it, and this one with it."""


def _reversed_earlier(clause: UndoClause, step: StepFacts, earlier: Sequence[StepFacts]) -> bool:
    """Whether an earlier matching step did what ``clause`` reverses, on the same object."""
    return any(
        other.index < step.index
        and other.effect is not None
        and not other.status_change
        and any(clause.verb in UNDO_PAIRS.get(verb, frozenset()) for verb in other.forward_verbs)
        and bool(clause.stems & other.stems)
        for other in earlier
    )


_IDENTIFIER_NOISE = word_set("command cmd event events handler integration request reply message")


def _identifier_stems(identifier: str) -> frozenset[str]:
    """What an operation is about, as stems.

    ``CancelFlightReservation`` and ``ReserveFlight`` both name the flight reservation (undo
    verbs and words such as ``Command`` dropped; ``From`` and ``To`` kept, so
    ``FromAccount`` and ``ToAccount`` stay two things).
    """
    return frozenset(
        stem(word)
        for word in camel_words(identifier)
        if word not in _IDENTIFIER_NOISE and base_form(word) not in _UNDO_BASES
    )


def _does(step: StepFacts, operation: list[str]) -> bool:
    """Whether ``step`` performs ``operation`` (its words, stemmed, are the step's)."""
    wanted = {stem(word) for word in operation if word not in STOP_WORDS}
    done = set(step.stems)
    if step.effect is not None:
        done.add(stem(step.effect.base))
    return bool(wanted) and wanted <= done


def _names_same_thing(undo: str, forward: str) -> bool:
    """``CancelRentalReservation`` names what ``ReserveCarRental`` did: all its words are there.

    An operation that starts with an undo verb (``RefundPayment``) needs only its object in
    the forward operation (``ProcessPayment``); any other identifier needs two shared words.
    """
    if compensation_target(undo):
        return False
    about, done = _identifier_stems(undo), _identifier_stems(forward)
    if not about or not about <= done:
        return False
    parts = camel_words(undo)
    starts_with_undo = bool(parts) and base_form(parts[0]) in _UNDO_BASES
    return starts_with_undo or len(about) >= 2 or about == done


def undoes_same_thing(clause: UndoClause, step: StepFacts) -> bool:
    """Whether ``clause`` names exactly what ``step`` did (its operation or its object)."""
    if clause.identifiers & step.identifiers:
        return True
    if any(
        _names_same_thing(name, forward)
        for name in clause.identifiers
        for forward in step.identifiers
    ):
        return True
    pairs = any(clause.verb in UNDO_PAIRS.get(verb, frozenset()) for verb in step.forward_verbs)
    shared = clause.stems & step.stems
    return (pairs and bool(shared)) or len(shared) >= 2


def _named_modules(
    clause: UndoClause, candidates: Sequence[StepFacts], modules: ModuleIndex
) -> set[str]:
    names = {step.module.key: step.step.module for step in candidates if step.module.is_named}
    found = set()
    for key, written in names.items():
        wanted = words(modules.resolve(written).name) or words(written)
        size = len(wanted)
        if size and any(
            list(clause.words[i : i + size]) == wanted for i in range(len(clause.words) - size + 1)
        ):
            found.add(key)
    return found


def _score(clause: UndoClause, step: StepFacts, named: set[str]) -> int:
    """How strongly ``clause`` undoes ``step``: shared identifiers, module, objects, verbs."""
    effect = step.effect
    assert effect is not None
    if step.operation is not None and step.operation in clause.identifiers:
        return 0  # "`RemoveStock` throws" names the step's own operation, not its undo
    score = 0
    forward_text = effect.base + "".join(effect.objects[:1])
    for identifier in clause.identifiers:
        target = compensation_target(identifier)
        if target:
            # "WithdrawCompensation" undoes the step that withdraws, whatever else matches.
            if identifier in step.identifiers or _does(step, target):
                score += _IDENTIFIER_SCORE
            continue
        rest = "".join(
            word for word in camel_words(identifier) if base_form(word) not in _UNDO_BASES
        )
        if (
            identifier in step.identifiers
            or rest == forward_text
            or any(_names_same_thing(identifier, forward) for forward in step.identifiers)
        ):
            score += _IDENTIFIER_SCORE
    module = step.module.module
    if module is not None and clause.identifiers & set(module.commands):
        score += _COMMAND_SCORE
    if step.module.key in named:
        score += _MODULE_SCORE
    score += _OBJECT_SCORE * len(clause.stems & step.stems)
    score += _EFFECT_OBJECT_SCORE * len(clause.stems & content_stems(" ".join(effect.objects[:3])))
    if any(clause.verb in UNDO_PAIRS.get(verb, frozenset()) for verb in step.forward_verbs):
        score += _PAIR_SCORE
    return score


@dataclass(frozen=True, slots=True)
class Trigger:
    """``If <failed> fails after <succeeded> succeeds``: the words of each side."""

    failed: tuple[str, ...]
    succeeded: tuple[str, ...]
    conditional: bool = False
    """The failure follows a conditional (``If X fails``): ``failed`` is its subject alone."""


def read_trigger(text: str) -> Trigger | None:
    """The two sides of a trigger sentence, or ``None`` when it says nothing failed.

    The failure is the first one after a conditional (``if``, ``when``): in ``Mark the
    transfer failed when the debit fails`` it is the debit that fails.
    """
    found: list[str] = []
    clause_ends: list[int] = []  # where each clause's words end in ``found``
    for part in clause_texts(text):
        found += camel_words(part)
        clause_ends.append(len(found))
    if not found:
        return None
    marker = next((i for i, word in enumerate(found) if word in CONDITIONALS), None)
    failure_at = None
    if marker is not None:
        offset = _phrase_at(found[marker + 1 :], TRIGGER_FAILURE_WORDS)
        failure_at = marker + 1 + offset if offset is not None else None
    conditional = failure_at is not None
    if failure_at is None:
        failure_at = _phrase_at(found, TRIGGER_FAILURE_WORDS)
    if failure_at is None:
        return None
    # The subject starts after the conditional nearest the failure ("..., when it expires"),
    # or after the "after" that opens a clause of its own ("if the customer cancels after
    # Hotel H1 fails": the hotel fails, not the customer).
    start = next(
        (
            i + 1
            for i in range(failure_at - 1, -1, -1)
            if found[i] in CONDITIONALS or found[i] == "after"
        ),
        0,
    )
    failed = tuple(found[start:failure_at])
    succeeded: tuple[str, ...] = ()
    after = _index_of(found, "after", failure_at)
    if after is not None:
        # "after the source was debited, the saga ... ReturnMoneyOfFailed...": the
        # after-clause ends with its own clause, so a later failure word is not its subject.
        clause_end = next(end for end in clause_ends if end > after)
        clause = found[after + 1 : clause_end]
        success_at = _phrase_at(clause, TRIGGER_SUCCESS_WORDS)
        later_failure = _phrase_at(clause, TRIGGER_FAILURE_WORDS)
        if later_failure is not None and (success_at is None or later_failure < success_at):
            # "If the customer cancels after Hotel H1 fails": the step that fails is the
            # hotel; the cancellation is what a person does about it.
            return Trigger(failed=tuple(clause[:later_failure]), succeeded=(), conditional=True)
        end = after + 1 + success_at if success_at is not None else len(found)
        succeeded = tuple(clause[: end - after - 1])
    return Trigger(failed=failed, succeeded=succeeded, conditional=conditional)


def _phrase_at(found: Sequence[str], phrases: tuple[str, ...]) -> int | None:
    """Where the first of ``phrases`` starts in ``found`` (word by word, linear in ``found``)."""
    split = [phrase.split() for phrase in phrases]
    for position in range(len(found)):
        for parts in split:
            if position + len(parts) <= len(found) and all(
                (part.endswith("*") and found[position + i].startswith(part[:-1]))
                or found[position + i] == part
                for i, part in enumerate(parts)
            ):
                return position
    return None


def _index_of(found: Sequence[str], word: str, start: int) -> int | None:
    for position in range(start, len(found)):
        if found[position] == word:
            return position
    return None


def match_step(
    phrase: Sequence[str],
    steps: Sequence[StepFacts],
    modules: ModuleIndex,
    *,
    after: int | None = None,
) -> StepFacts | None:
    """The step a trigger side names: by module, then by what the step is about.

    ``after`` (an index) prefers the first matching step after it, as in ``If payments
    fails after inventory succeeds``.
    """
    if not phrase:
        return None
    stems = frozenset(stem(word) for word in phrase if word not in STOP_WORDS and len(word) > 2)
    scored: list[tuple[int, StepFacts]] = []
    for step in steps:
        score = 0
        name_words = camel_words(step.module.name) if step.module.is_named else []
        if name_words and _contains(phrase, name_words):
            score += 3
        score += len(stems & step.stems)
        if score:
            scored.append((score, step))
    if not scored:
        return None
    if after is not None:
        # "fails after inventory succeeds": the failing step comes after that one.
        later = [(score, step) for score, step in scored if step.index > after]
        scored = later or scored
    top = max(score for score, _ in scored)
    return next(step for score, step in scored if score == top)


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return any(
        list(haystack[i : i + size]) == list(needle) for i in range(len(haystack) - size + 1)
    )
