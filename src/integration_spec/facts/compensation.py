"""Compensation, read from every place a spec states it, and reconciled once.

A spec in the seed's format has no ``- Compensation:`` bullet (that is our extension). It
says what is undone, and when, in several places, and this module reads them all:

- a later step's Failure bullet (``Failure: card declined — cancel the ticket, then reject
  the order``);
- the Compensation section: ``If X fails after Y succeeds:`` blocks with their numbered
  undo steps and final state, in markdown or pasted inside a fence, or as prose;
- Synchronous Calls rows whose method or purpose undoes something (``CancelCreateTicket``,
  "cancel the ticket when a later step fails");
- the Failure Modes table's Recovery column;
- the step's own ``- Compensation:`` bullet, where the extension is used;
- the architecture's command pairs (Create/Cancel, Reserve/Release, Capture/Refund), as
  the weakest source: the module offers an undo, but the spec does not say it runs.

Each statement becomes a :class:`RecoveryStatement` (which failure it answers, what it
undoes in which order, its final state) and each undo a :class:`CompensationLink` to the
step it undoes, with its source line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from integration_spec.facts.failures import (
    RecoveryKind,
    categories_of,
    read_failure_row,
    recovery_kinds,
)
from integration_spec.facts.lexicon import (
    CONDITIONALS,
    FINAL_STATE_WORDS,
    UNDO_NOUN_STEMS,
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
    has_todo,
    identifiers,
    is_blank,
    plain,
    words,
)
from integration_spec.facts.undo import (
    Trigger,
    UndoClause,
    link,
    match_step,
    read_trigger,
    undo_clauses,
    undoes_same_thing,
)
from integration_spec.model.spec import CompensationBlock, IntegrationSpec

_STOPPING = frozenset({RecoveryKind.COMPENSATE, RecoveryKind.RESPOND, RecoveryKind.ESCALATE})


class LinkSource(StrEnum):
    """Where a compensation was stated (strongest first)."""

    STEP = "step"
    """The step's own ``- Compensation:`` bullet (our extension)."""
    SECTION = "section"
    """The Compensation section (a list, a fenced block or prose)."""
    FAILURE = "failure"
    """A later step's Failure bullet."""
    FAILURE_MODE = "failure-mode"
    """The Recovery column of Failure Modes."""
    CALL = "call"
    """A Synchronous Calls row that undoes something."""
    ARCHITECTURE = "architecture"
    """A command the architecture declares for the step's module (not stated in the spec)."""


SOURCE_ORDER = tuple(LinkSource)


@dataclass(frozen=True, slots=True)
class CompensationLink:
    """One compensating action and the step whose effect it undoes."""

    undoes: int
    """0-based index of the undone step."""
    action: str
    source: LinkSource
    line: int | None
    when: int | None = None
    """0-based index of the failing step that runs it, when the statement says."""


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An undo the spec states that links to no step (a finding for the reader)."""

    text: str
    line: int | None


@dataclass(frozen=True, slots=True)
class RecoveryStatement:
    """One statement of what happens when a step fails."""

    source: LinkSource
    line: int | None
    failing: int | None
    """0-based index of the step whose failure it answers, when it names one."""
    trigger: str
    links: tuple[CompensationLink, ...] = ()
    """What it undoes, in the order written."""
    text: str = ""
    """The recovery as written."""
    unmatched: tuple[Unmatched, ...] = ()
    final_state: str | None = None
    backward: bool = False
    """It undoes or compensates (even without saying what)."""
    forward: bool = False
    """It retries or waits for the step to succeed."""
    extra_items: tuple[tuple[str, int | None], ...] = ()
    """Items of a Compensation list that undo a step not before the failure (for findings)."""
    entries: int = 0
    """How many items the statement's list has (a Compensation block's numbered steps)."""
    kinds: frozenset[RecoveryKind] = frozenset()
    """The kinds of recovery the statement names."""

    @property
    def retries_only(self) -> bool:
        """It overcomes the failure without stopping the flow (retry, queue, version check)."""
        return self.forward and not (self.kinds & _STOPPING)


@dataclass(frozen=True, slots=True)
class KeptEffect:
    """The spec says a step's effect is not undone (``nothing ever restores the basket``)."""

    step: int
    """0-based index of the step whose effect stays."""
    text: str
    line: int | None


@dataclass(frozen=True, slots=True)
class CompensationFacts:
    """Every recovery statement of the spec and the links they make."""

    statements: tuple[RecoveryStatement, ...]
    links: tuple[CompensationLink, ...]
    kept: tuple[KeptEffect, ...] = ()
    """Effects the spec says stay (an accepted gap, not an oversight)."""

    def kept_at(self, index: int) -> KeptEffect | None:
        """Where the spec says step ``index``'s effect stays, if it does."""
        return next((item for item in self.kept if item.step == index), None)

    def for_step(
        self, index: int, *, stated_only: bool = False, armed_only: bool = False
    ) -> list[CompensationLink]:
        """Links that undo step ``index``, strongest source first.

        ``armed_only`` keeps the undos that run after the step succeeded (for a later
        failure, or on any trigger); an undo that runs only when the step itself fails is
        clean-up of a half-done call, and does not make the step compensatable.
        """
        found = [item for item in self.links if item.undoes == index]
        if stated_only:
            found = [item for item in found if item.source is not LinkSource.ARCHITECTURE]
        if armed_only:
            found = [item for item in found if item.when is None or item.when > index]
        return sorted(found, key=lambda item: SOURCE_ORDER.index(item.source))

    def answering(self, index: int) -> list[RecoveryStatement]:
        """Statements about a failure at step ``index``."""
        return [statement for statement in self.statements if statement.failing == index]


def read_compensation(
    spec: IntegrationSpec, steps: Sequence[StepFacts], modules: ModuleIndex
) -> CompensationFacts:
    """Read every recovery statement of ``spec`` against its steps."""
    reader = _Reader(steps, modules)
    statements: list[RecoveryStatement] = []
    statements += reader.step_bullets()
    statements += reader.failure_bullets()
    for block in (*spec.compensation, *spec.fenced_compensation):
        statements += reader.section_block(block)
    statements += reader.failure_modes(spec)
    statements += reader.calls(spec)
    links = [item for statement in statements for item in statement.links]
    links += reader.architecture_pairs(links)
    return CompensationFacts(
        statements=tuple(statements), links=tuple(links), kept=reader.kept_effects(spec)
    )


@dataclass(slots=True)
class _Reader:
    steps: Sequence[StepFacts]
    modules: ModuleIndex

    # -- the step's own bullet and later Failure bullets -----------------------------------

    def step_bullets(self) -> list[RecoveryStatement]:
        found = []
        for step in self.steps:
            text = step.step.compensation
            if text is None or is_blank(text) or has_todo(text):
                continue
            line = step.step.field_lines.get("compensation", step.step.line)
            found.append(
                RecoveryStatement(
                    source=LinkSource.STEP,
                    line=line,
                    failing=None,
                    trigger="",
                    links=(
                        CompensationLink(
                            undoes=step.index, action=plain(text), source=LinkSource.STEP, line=line
                        ),
                    ),
                    backward=True,
                )
            )
        return found

    def failure_bullets(self) -> list[RecoveryStatement]:
        found = []
        for step in self.steps:
            reading = step.failure
            if reading is None:
                continue
            for case in reading.cases:
                found.append(
                    self._statement(
                        LinkSource.FAILURE,
                        case.recovery,
                        reading.line,
                        failing=step.index,
                        trigger=case.what,
                    )
                )
        return found

    # -- the Compensation section ----------------------------------------------------------

    def section_block(self, block: CompensationBlock) -> list[RecoveryStatement]:
        if not block.steps:
            return self._prose(block.trigger, block.line)
        scenarios = [_labelled_scenario(entry.text) for entry in block.steps]
        if not block.trigger.strip() and any(scenarios):
            # "- Payment declined: refund the payment, then cancel the car": a list of
            # scenarios, each labelled with its failure, not one block of undo steps; an
            # item without a label is a remark, read as prose.
            found: list[RecoveryStatement] = []
            for entry, scenario in zip(block.steps, scenarios, strict=True):
                if scenario is None:
                    found += self._prose(entry.text, entry.line)
                    continue
                label, named_failure, recovery = scenario
                failing = self._failing(named_failure)
                found.append(
                    self._statement(
                        LinkSource.SECTION,
                        recovery,
                        entry.line,
                        failing=failing.index if failing is not None else None,
                        trigger=label,
                    )
                )
            return found
        trigger = read_trigger(block.trigger)
        if trigger is not None and _undo_fails(trigger):
            return []  # what happens when an undo fails says nothing about what to undo
        failing = self._failing(trigger)
        links: list[CompensationLink] = []
        unmatched: list[Unmatched] = []
        extra: list[tuple[str, int | None]] = []
        final_state: str | None = None
        backward = False
        for position, entry in enumerate(block.steps):
            last = position == len(block.steps) - 1
            clauses = undo_clauses(entry.text)
            labelled = words(entry.text)[:2] == ["final", "state"]
            if labelled or (not clauses and (last or _reads_as_final_state(entry.text))):
                final_state = _stated_state(entry.text)
                continue
            if not clauses:
                continue
            backward = True
            extra_before = len(extra)
            entry_links = self._links(
                clauses, entry.text, entry.line, LinkSource.SECTION, failing, extra
            )
            if len(extra) > extra_before + 1:
                del extra[extra_before + 1 :]  # one entry, one finding
            if not entry_links and last and _reads_as_final_state(entry.text):
                final_state = _stated_state(entry.text)
                continue
            if (
                not entry_links
                and len(extra) == extra_before
                and not all(clause.is_generic for clause in clauses)
            ):
                unmatched.append(Unmatched(plain(entry.text), entry.line))
            links.extend(entry_links)
        return [
            RecoveryStatement(
                source=LinkSource.SECTION,
                line=block.line,
                failing=failing.index if failing is not None else None,
                trigger=plain(block.trigger),
                links=tuple(links),
                unmatched=tuple(unmatched),
                final_state=final_state,
                backward=backward,
                forward="retry" in recovery_kinds(block.trigger),
                extra_items=tuple(extra),
                entries=len(block.steps),
            )
        ]

    def _prose(self, text: str, line: int | None) -> list[RecoveryStatement]:
        """A paragraph's scenarios: each ``If X fails ...`` with the sentences that follow it.

        People write one scenario per paragraph: "If the credit fails after the debit, the
        saga first reverses the debit. Only then does it mark the transfer failed." The
        sentences after the one that states the condition carry on its recovery, until a
        sentence states a condition of its own (``if``, ``when``). A sentence that names a
        failure without a condition ("it sends `MarkTransferFailedCommand`") opens none: it
        carries on the open scenario, and outside one it stands alone.
        """
        scenarios: list[tuple[str, Trigger, list[str]]] = []
        carried_on = False
        for sentence in _sentences(text):
            trigger = read_trigger(sentence)
            conditional = trigger is not None and _states_condition(sentence)
            if trigger is not None and (conditional or not carried_on):
                scenarios.append((sentence, trigger, [_after_trigger(sentence)]))
                carried_on = conditional
            elif carried_on:
                scenarios[-1][2].append(sentence)
        found = []
        for sentence, trigger, recovery in scenarios:
            if _undo_fails(trigger):
                continue
            failing = self._failing(trigger)
            found.append(
                self._statement(
                    LinkSource.SECTION,
                    " ".join(recovery),
                    line,
                    failing=failing.index if failing is not None else None,
                    trigger=sentence,
                )
            )
        return found

    def _failing(self, trigger: Trigger | None) -> StepFacts | None:
        if trigger is None or _undo_fails(trigger):
            return None
        succeeded = match_step(trigger.succeeded, self.steps, self.modules)
        return match_step(
            trigger.failed,
            self.steps,
            self.modules,
            after=succeeded.index if succeeded is not None else None,
        )

    # -- Failure Modes and calls -----------------------------------------------------------

    def failure_modes(self, spec: IntegrationSpec) -> list[RecoveryStatement]:
        found = []
        for row in spec.failure_modes:
            reading = read_failure_row(
                row.failure, row.impact, row.detection, row.recovery, row.line
            )
            if not reading.recovery:
                continue
            # "Buyer cancels during the grace period" is a person's cancellation, not a
            # failure of any step: its undo answers no step's failure.
            failing = (
                None
                if _requests_undo(row.failure)
                else self._row_step(f"{row.failure} {row.detection}")
            )
            found.append(
                self._statement(
                    LinkSource.FAILURE_MODE,
                    reading.recovery,
                    row.line,
                    failing=failing.index if failing is not None else None,
                    trigger=plain(row.failure),
                )
            )
        return found

    def _row_step(self, text: str) -> StepFacts | None:
        """The step a Failure Modes row is about: shared identifiers, else its words."""
        own = identifiers(text)
        for step in self.steps:
            if own & step.identifiers:
                return step
        phrase = camel_words(text)
        return match_step(phrase, self.steps, self.modules)

    def calls(self, spec: IntegrationSpec) -> list[RecoveryStatement]:
        """Rows whose method is an undo (``CancelCreateTicket``) or whose purpose starts so."""
        found = []
        for call in spec.sync_calls:
            clause = _undo_call(call.method, call.purpose)
            if clause is None:
                continue
            callee = self.modules.resolve(call.callee)
            failing = self._failing(read_trigger(plain(call.purpose)))
            limit = failing.index if failing is not None else len(self.steps)
            candidates = [
                step
                for step in self.steps
                if step.index < limit and (not callee.is_named or step.module.key == callee.key)
            ]
            target = link(clause, candidates, self.modules)
            links: tuple[CompensationLink, ...] = ()
            if target is not None:
                links = (
                    CompensationLink(
                        undoes=target.index,
                        action=plain(call.method) or clause.text,
                        source=LinkSource.CALL,
                        line=call.line,
                        when=failing.index if failing is not None else None,
                    ),
                )
            found.append(
                RecoveryStatement(
                    source=LinkSource.CALL,
                    line=call.line,
                    failing=failing.index if failing is not None else None,
                    trigger=plain(call.purpose),
                    links=links,
                    backward=bool(links),
                )
            )
        return found

    # -- effects the spec says stay ------------------------------------------------------

    def kept_effects(self, spec: IntegrationSpec) -> tuple[KeptEffect, ...]:
        """Negated undos (``nothing ever restores the basket``) linked to the step they keep."""
        texts: list[tuple[str, int | None]] = []
        for step in self.steps:
            for name in ("failure", "action", "output"):
                value = getattr(step.step, name)
                if value:
                    texts.append((value, step.step.field_lines.get(name, step.step.line)))
        for block in (*spec.compensation, *spec.fenced_compensation):
            texts.append((block.trigger, block.line))
            texts += [(entry.text, entry.line) for entry in block.steps]
        texts += [(row.recovery, row.line) for row in spec.failure_modes]
        found: dict[int, KeptEffect] = {}
        for text, line in texts:
            for clause in undo_clauses(text, negated=True):
                target = link(clause, self.steps, self.modules)
                if target is not None and target.index not in found:
                    found[target.index] = KeptEffect(target.index, clause.text, line)
        return tuple(sorted(found.values(), key=lambda item: item.step))

    # -- the architecture's command pairs -------------------------------------------------

    def architecture_pairs(self, stated: Iterable[CompensationLink]) -> list[CompensationLink]:
        """Undo commands the step's module declares for its effect, where the spec states none.

        ``ReleaseReservation`` undoes a step that reserves a reservation; the command must
        name what the step's action changed (``CancelOrder`` does not undo "confirm stock").
        """
        covered = {item.undoes for item in stated}
        found = []
        for step in self.steps:
            module = step.module.module
            effect = step.effect
            if effect is None or step.index in covered or module is None:
                continue
            undo_verbs = UNDO_PAIRS.get(effect.base, frozenset())
            changed = content_stems(" ".join((effect.verb, *effect.objects[:3])))
            for command in module.commands:
                parts = camel_words(command)
                if not parts or base_form(parts[0]) not in undo_verbs:
                    continue
                about = content_stems(" ".join(parts[1:]))
                if about and about <= changed:
                    found.append(
                        CompensationLink(
                            undoes=step.index,
                            action=command,
                            source=LinkSource.ARCHITECTURE,
                            line=module.lines.get("commands", module.line),
                        )
                    )
                    break
        return found

    # -- shared ----------------------------------------------------------------------------

    def _statement(
        self,
        source: LinkSource,
        text: str,
        line: int | None,
        *,
        failing: int | None,
        trigger: str,
    ) -> RecoveryStatement:
        clauses = undo_clauses(text)
        extra: list[tuple[str, int | None]] = []
        failing_step = self.steps[failing] if failing is not None else None
        links = self._links(clauses, text, line, source, failing_step, extra)
        kinds = recovery_kinds(text)
        unmatched = (
            (Unmatched(plain(text), line),)
            if clauses
            and not links
            and not all(clause.is_generic for clause in clauses)
            and source is not LinkSource.FAILURE
            else ()
        )
        return RecoveryStatement(
            source=source,
            line=line,
            failing=failing,
            trigger=trigger,
            text=text,
            links=tuple(links),
            unmatched=unmatched,
            backward=bool(links)
            or (RecoveryKind.COMPENSATE in kinds and RecoveryKind.ESCALATE not in kinds),
            forward=RecoveryKind.RETRY in kinds and not links,
            kinds=kinds,
        )

    def _links(
        self,
        clauses: Sequence[UndoClause],
        text: str,
        line: int | None,
        source: LinkSource,
        failing: StepFacts | None,
        extra: list[tuple[str, int | None]],
    ) -> list[CompensationLink]:
        limit = failing.index if failing is not None else len(self.steps) - 1
        # Only a step's own Failure line or a Compensation block may undo the failing step
        # itself (its compensation registered before it ran); a table row is too far away.
        own_allowed = source in (LinkSource.FAILURE, LinkSource.SECTION)
        candidates = [
            step
            for step in self.steps
            if step.index < limit or (step.index == limit and (own_allowed or failing is None))
        ]
        found: list[CompensationLink] = []
        for clause in clauses:
            if clause.step_numbers:
                found += [
                    CompensationLink(
                        undoes=number - 1,
                        action=clause.text,
                        source=source,
                        line=line,
                        when=failing.index if failing is not None else None,
                    )
                    for number in clause.step_numbers
                    if 1 <= number <= limit + 1
                ]
                continue
            if clause.is_generic:
                continue
            target = link(
                clause, candidates, self.modules, failing=failing.index if failing else None
            )
            if target is None:
                later = link(clause, self.steps, self.modules)
                if later is not None and failing is not None and later.index > failing.index:
                    extra.append((clause.text, line))
                continue
            # A step without a known effect verb is linked only as the one step about the
            # undo's object (see ``link``): that already says the undo is its own.
            if (
                target is failing
                and target.effect is not None
                and not _names_own_undo(clause, target)
            ):
                continue
            if found and found[-1].undoes == target.index and found[-1].line == line:
                continue  # "releases the reservation (ReleaseReservation)" is one undo
            found.append(
                CompensationLink(
                    undoes=target.index,
                    action=clause.text,
                    source=source,
                    line=line,
                    when=failing.index if failing is not None else None,
                )
            )
        return found


def _names_own_undo(clause: UndoClause, step: StepFacts) -> bool:
    """A failing step's own undo runs only when the text undoes exactly its effect."""
    return undoes_same_thing(clause, step)


def _undo_call(method: str, purpose: str) -> UndoClause | None:
    """The undo a call row makes, if any.

    Its method is an undo operation, or its purpose begins with one (``Cancel the ticket
    when a later step fails``), with the method's words added.
    """
    for clause in undo_clauses(method):
        if clause.identifiers or (clause.words[:1] and clause.verb == base_form(clause.words[0])):
            return clause
    clauses = undo_clauses(purpose)
    if clauses and _starts_with_undo(purpose):
        first = clauses[0]
        return UndoClause(
            text=first.text,
            verb=first.verb,
            stems=first.stems,
            identifiers=first.identifiers | frozenset(identifiers(method)),
            words=first.words,
        )
    return None


def _requests_undo(failure: str) -> bool:
    """A failure cell whose subject asks for an undo (``Customer cancels the order``)."""
    found = words(failure)
    return any(True for position, _ in UNDO_VERBS.find(found[:4]) if position > 0)


def _starts_with_undo(text: str) -> bool:
    found = words(text)
    while found and found[0] in ("to", "and", "then"):
        found = found[1:]
    return bool(found) and (
        any(position == 0 for position, _ in UNDO_VERBS.find(found[:2]))
        or find_keyword(found[:5], UNDO_PHRASES) is not None
    )


def _reads_as_final_state(text: str) -> bool:
    """``Final state: order REJECTED``, ``No order or reservation remains``."""
    return find_keyword(camel_words(text)[:4], FINAL_STATE_WORDS) is not None or (
        find_keyword(camel_words(text), ("no * remains", "nothing remains", "remain*")) is not None
    )


def _stated_state(text: str) -> str:
    """``Final state: everything cancelled`` → ``everything cancelled``: the state alone."""
    value = plain(text)
    label, colon, rest = value.partition(":")
    labelled = colon and rest.strip() and len(label.split()) <= 3
    if labelled and find_keyword(camel_words(label), FINAL_STATE_WORDS) is not None:
        return rest.strip()
    return value


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a full stop, ``!`` or ``?`` followed by a space)."""
    sentences: list[str] = []
    current: list[str] = []
    for token in plain(text).split():
        current.append(token)
        if token.endswith((".", "!", "?")) and len(token) > 1 and not token[:-1].isdigit():
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


def _labelled_scenario(text: str) -> tuple[str, Trigger, str] | None:
    """``Payment declined: refund the payment``: the failure as a label, then its recovery."""
    label, colon, recovery = plain(text).partition(": ")
    if not colon or not recovery.strip() or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    trigger = read_trigger(label)
    if trigger is None and categories_of(label):
        # "Payment declined", "Destination missing after the debit": a failure named as a
        # noun phrase, and what had succeeded before it.
        found = camel_words(label)
        after = found.index("after") if "after" in found else len(found)
        trigger = Trigger(failed=tuple(found[:after]), succeeded=tuple(found[after + 1 :]))
    if trigger is None:
        return None
    return label, trigger, recovery


_MAX_LABEL_WORDS = 8


def _undo_fails(trigger: Trigger) -> bool:
    """``If a compensating command itself fails``: the failure of an undo, no flow step's."""
    return trigger.conditional and any(word.startswith(UNDO_NOUN_STEMS) for word in trigger.failed)


def _states_condition(sentence: str) -> bool:
    """Whether a sentence states a condition of its own: ``If``/``When`` ... a failure."""
    return any(word in CONDITIONALS for word in camel_words(plain(sentence)))


def _after_trigger(sentence: str) -> str:
    """The part of ``If X fails, cancel Y`` after the trigger (after its first comma or colon)."""
    for separator in (",", ":", " then ", " we ", " the system "):
        _, found, tail = sentence.partition(separator)
        if found and tail.strip():
            return tail
    parts = clause_texts(sentence)
    return " ".join(parts[1:]) if len(parts) > 1 else sentence
