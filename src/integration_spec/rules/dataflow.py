"""Data flow rules: the numbered flow steps are complete and agree with the rest of the spec."""

from __future__ import annotations

from collections.abc import Iterator

from integration_spec.facts.artifacts import artifact, event_key
from integration_spec.facts.compensation import LinkSource
from integration_spec.facts.diagrams import diagram_names
from integration_spec.facts.modules import NameKind, is_named, module_name
from integration_spec.facts.steps import step_label
from integration_spec.facts.text import camel_words, has_todo, is_blank, plain, singular, word_set
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import did_you_mean, name_key, normalize_name, suggest
from integration_spec.model.spec import FlowStep, IntegrationSpec, SectionKey
from integration_spec.rules.base import Family, Finding, Rule, RuleContext

_NO_DEAD_ENDS = "Data flow complete (no dead ends)"
_RECOVERY = "All failures have recovery"

_GENERIC_NOUNS = word_set(
    "data result results request response event events message messages list info "
    "information record records item items value values output input status update"
)


class EmptyFlow(Rule):
    """The Data Flow section has at least one flow step.

    The numbered steps are the spine of the spec: the checker, the saga planner and the
    reviewer all read the integration from them. A Data Flow section with only a diagram
    says who talks to whom, not what each module does or how it fails.

    Fails:

        ## Data Flow
        ```
        [cart] ──(CartSnapshot)──> [checkout]
        ```

    Passes:

        ## Data Flow
        ```
        [cart] ──(CartSnapshot)──> [checkout]
        ```

        ### Flow Steps
        1. **Snapshot cart** (cart)
           - Input: CartId
           - Action: Freeze the cart lines
           - Output: CartSnapshot
           - Failure: Retry twice
    """

    code = "DF001"
    name = "empty-flow"
    family = Family.DATA_FLOW
    severity = Severity.ERROR
    checklist = (_NO_DEAD_ENDS,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report a Data Flow section without steps (a missing section is Structure's)."""
        spec = context.spec
        if spec.flow_steps:
            return
        location = spec.section(SectionKey.FLOW_STEPS) or spec.section(SectionKey.DATA_FLOW)
        if location is not None:
            yield Finding(
                message="the Data Flow section has no flow steps",
                line=location.line,
                hint="add '### Flow Steps' with numbered steps: '1. **Step** (Module)'",
            )


class StepModuleNotInvolved(Rule):
    """Every flow step is done by a module listed under Modules Involved.

    Modules Involved is the list of teams that must plan work; a step done by a module not
    on it is work nobody signed up for. Reported once per module, at its first step;
    names unknown to the architecture are left to AR002.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Snapshot with price versions |

        ## Data Flow

        ### Flow Steps
        1. **Reserve stock** (inventory)

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Both | Snapshot with price versions |
        | inventory | Producer | Reservations |

        ## Data Flow

        ### Flow Steps
        1. **Reserve stock** (inventory)
    """

    code = "DF002"
    name = "step-module-not-involved"
    family = Family.DATA_FLOW
    severity = Severity.ERROR

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report the first step of each module missing from Modules Involved."""
        spec = context.spec
        if not spec.modules:
            return
        seen: set[str] = set()
        for index, step in enumerate(spec.flow_steps):
            ref = context.facts.modules.resolve(step.module)
            if not ref.is_named or ref.is_involved or ref.key in seen:
                continue
            if ref.kind not in (NameKind.MODULE, NameKind.UNCHECKED):
                continue  # unknown names and layers are the Architecture rules'
            seen.add(ref.key)
            yield Finding(
                message=f"module '{ref.written}' of {step_label(index, step)} "
                "is not in Modules Involved",
                line=step.line,
                hint=did_you_mean(ref.written, spec.module_names)
                or f"add '{ref.written}' to Modules Involved with its role",
            )


class StepWithoutFailure(Rule):
    """Every flow step says how its failure is recovered.

    A step without a ``Failure:`` bullet leaves the reader guessing what happens when that
    module is down; the seed's checklist asks that all failures have recovery. A bullet
    that names the failure and leaves its recovery to the Failure Modes table or the
    Compensation section (``Car not available; see Failure Modes``) is answered when one of
    them is read as that step's failure and says what is undone, retried or escalated.

    Fails:

        ## Data Flow

        ### Flow Steps
        1. **Reserve stock** (inventory)
           - Input: CartSnapshot
           - Action: Reserve each line

    Passes:

        ## Data Flow

        ### Flow Steps
        1. **Reserve stock** (inventory)
           - Input: CartSnapshot
           - Action: Reserve each line
           - Failure: Retry twice, then release the cart
    """

    code = "DF003"
    name = "step-without-failure"
    family = Family.DATA_FLOW
    severity = Severity.ERROR
    checklist = (_RECOVERY,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report steps whose Failure bullet is missing, empty or without a recovery."""
        for facts in context.facts.steps:
            step = facts.step
            if has_todo(step.failure):
                continue
            if is_blank(step.name) and is_blank(step.module):
                continue  # a template's placeholder step
            if not is_blank(step.failure):
                reading = facts.failure
                answered = _answered_elsewhere(context, facts.index)
                if reading is not None and not reading.has_recovery and not answered:
                    unrecovered = next(case.what for case in reading.cases if not case.recovery)
                    yield Finding(
                        message=f"{facts.label} says what fails ('{unrecovered}') but not "
                        "how it is recovered",
                        line=reading.line,
                        hint="add the recovery after the failure: '<what fails>: <retry, "
                        "undo or fallback>'",
                    )
                continue
            empty = step.failure is not None
            yield Finding(
                message=f"{facts.label} has "
                + ("an empty Failure line" if empty else "no Failure line"),
                line=step.field_lines.get("failure", step.line) if empty else step.line,
                hint="add '- Failure: <what fails>: <recovery>' to the step",
            )


def _answered_elsewhere(context: RuleContext, index: int) -> bool:
    """Whether the Failure Modes table or the Compensation section answers the step's failure.

    ``Failure: Car not available; see Failure Modes`` states the recovery where it points:
    a row or scenario read as this step's failure that undoes, retries or escalates.
    """
    return any(
        statement.failing == index
        and statement.source in (LinkSource.FAILURE_MODE, LinkSource.SECTION)
        and (statement.links or statement.kinds or statement.backward or statement.forward)
        for statement in context.facts.compensation.statements
    )


_JOIN_REACH = 3
"""Consecutive words joined when looking for an artifact (``cart snapshot`` ~ CartSnapshot)."""


def _last_use(steps: tuple[FlowStep, ...]) -> dict[str, int]:
    """Each normalised name a step's input, trigger or action mentions -> the last such step.

    Names are single words and runs of up to three words joined (``cart snapshot``), so the
    lookup for one output is a dictionary access, not a scan of every later step.
    """
    last: dict[str, int] = {}
    for index, step in enumerate(steps):
        for text in (step.input, step.trigger, step.action):
            parts = [normalize_name(part) for part in plain(text or "").split()]
            for start in range(len(parts)):
                joined = ""
                for part in parts[start : start + _JOIN_REACH]:
                    joined += part
                    if joined:
                        last[joined] = index
    return last


def _consumed_elsewhere(spec: IntegrationSpec, name: str) -> bool:
    """Whether an event with subscribers or shared state with readers carries ``name``."""
    key = event_key(name)
    for event in spec.async_events:
        if event_key(event.event) == key and any(map(is_named, event.subscribers)):
            return True
    return any(
        key in normalize_name(entry.data) and any(map(is_named, entry.readers))
        for entry in spec.shared_state
    )


def _later_words(steps: tuple[FlowStep, ...]) -> list[set[str]]:
    """For each position, the singular words of the inputs and triggers after it."""
    found: list[set[str]] = [set() for _ in steps]
    seen: set[str] = set()
    for index in range(len(steps) - 1, -1, -1):
        found[index] = set(seen)
        step = steps[index]
        seen |= {singular(word) for word in camel_words(f"{step.input or ''} {step.trigger or ''}")}
    return found


class FlowDeadEnd(Rule):
    """Each step's output is used by a later step or a subscriber.

    An output nobody consumes is a dead end: either a step is missing, or the output is
    not what the next step really needs. Only named artifacts (``CartSnapshot``,
    ``order.updated``) are checked, against the inputs, triggers and actions of the later
    steps (ignoring case and spacing), the events with subscribers and the shared state
    with readers; the last step is exempt.

    Fails:

        ## Data Flow

        ### Flow Steps
        1. **Quote the order** (pricing)
           - Output: PriceQuote
        2. **Reserve stock** (inventory)
           - Input: CartSnapshot

    Passes:

        ## Data Flow

        ### Flow Steps
        1. **Quote the order** (pricing)
           - Output: PriceQuote
        2. **Create pending order** (checkout)
           - Input: PriceQuote, GuestContact
    """

    code = "DF004"
    name = "flow-dead-end"
    family = Family.DATA_FLOW
    severity = Severity.WARNING
    checklist = (_NO_DEAD_ENDS,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report named outputs of non-final steps that nothing later mentions."""
        spec = context.spec
        steps = spec.flow_steps
        last_use = _last_use(steps)
        later_words = _later_words(steps)
        for index, step in enumerate(steps[:-1]):
            name = artifact(step.output)
            if name is None:
                continue
            if last_use.get(normalize_name(name), -1) > index:
                continue
            if _consumed_elsewhere(spec, name):
                continue
            noun = singular(camel_words(name)[-1]) if camel_words(name) else ""
            if len(noun) >= 4 and noun not in _GENERIC_NOUNS and noun in later_words[index]:
                continue
            yield Finding(
                message=f"output '{name}' of {step_label(index, step)} is not used "
                "by any later step or subscriber",
                line=step.field_lines.get("output", step.line),
                hint="name it in a later step's Input or Trigger, or publish it as an event "
                "with subscribers",
            )


def _used_names(spec: IntegrationSpec) -> list[str]:
    """Every named module of the steps and the coordination tables."""
    names = [step.module for step in spec.flow_steps]
    for call in spec.sync_calls:
        names += [call.caller, call.callee]
    for event in spec.async_events:
        names += [event.publisher, *event.subscribers]
    names += [contract.module for contract in spec.events_published]
    for entry in spec.shared_state:
        names += [entry.owner, *entry.readers]
    return [name for name in names if is_named(name)]


class ModuleLeftOutOfFlow(Rule):
    """Every involved module takes part in the flow.

    A module in Modules Involved that no step, call, event or shared state names is
    either not involved at all or has its part missing from the flow. Modules unknown to
    the architecture are left to AR001.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Places the order |
        | shipping | Both | Labels |

        ## Data Flow

        ### Flow Steps
        1. **Place order** (checkout)

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | checkout | Both | Places the order |
        | shipping | Both | Labels |

        ## Data Flow

        ### Flow Steps
        1. **Place order** (checkout)
        2. **Buy shipping label** (shipping)
    """

    code = "DF005"
    name = "module-left-out-of-flow"
    family = Family.DATA_FLOW
    severity = Severity.ERROR
    checklist = (_NO_DEAD_ENDS,)

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report involved modules named nowhere in the flow or coordination points."""
        spec = context.spec
        if not spec.flow_steps:
            return
        modules = context.facts.modules
        names = _used_names(spec)
        used = modules.keys(names)
        # A name the flow uses without involving it may be this row misspelled: DF002 and
        # CO001 report that name with the row as their did-you-mean.
        strays = [ref.written for ref in map(modules.resolve, names) if not ref.is_involved]
        for row, ref in modules.rows:
            if not ref.is_named or not ref.is_known:
                continue
            if suggest(ref.written, strays, limit=1):
                continue
            if ref.key not in used:
                yield Finding(
                    message=f"module '{ref.written}' is involved but no step, "
                    "call, event or shared state names it",
                    line=row.line,
                    hint="add its step to the flow, or remove it from Modules Involved",
                )


class DiagramStepsMismatch(Rule):
    """The data flow diagram and the flow steps show the same modules.

    The diagram is what reviewers look at first; when it shows a module that does no
    step, or leaves out one that does, the two disagree about the integration. Only
    ``[boxes]`` of ASCII diagrams and Mermaid participants or nodes are read, and names in
    the diagram that are no module (a visitor, Stripe) are ignored.

    Fails:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Producer | Snapshot with price versions |
        | checkout | Both | Pending orders |
        | inventory | Producer | Reservations |

        ## Data Flow
        ```
        [cart] ──(CartSnapshot)──> [checkout]
        ```

        ### Flow Steps
        1. **Snapshot cart** (cart)
        2. **Create order** (checkout)
        3. **Reserve stock** (inventory)

    Passes:

        ## Modules Involved
        | Module | Role | Changes |
        |--------|------|---------|
        | cart | Producer | Snapshot with price versions |
        | checkout | Both | Pending orders |
        | inventory | Producer | Reservations |

        ## Data Flow
        ```
        [cart] ──(CartSnapshot)──> [checkout] ──(PendingOrder)──> [inventory]
        ```

        ### Flow Steps
        1. **Snapshot cart** (cart)
        2. **Create order** (checkout)
        3. **Reserve stock** (inventory)
    """

    code = "DF006"
    name = "diagram-steps-mismatch"
    family = Family.DATA_FLOW
    severity = Severity.WARNING

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Report modules only in the diagram or only in the steps, once each."""
        spec = context.spec
        modules = context.facts.modules
        boxes = [box for diagram in spec.diagrams for box in diagram_names(diagram)]
        if not boxes or not spec.flow_steps:
            return
        in_diagram: dict[str, tuple[str, int]] = {}
        strangers: dict[str, tuple[str, int]] = {}
        for name, line in boxes:
            ref = modules.resolve(name)
            if not ref.is_named:
                continue
            is_module = ref.is_involved or ref.kind in (NameKind.MODULE, NameKind.PART)
            (in_diagram if is_module else strangers).setdefault(ref.key, (ref.written, line))
        in_steps: dict[str, tuple[str, int | None]] = {}
        for step in spec.flow_steps:
            ref = modules.resolve(step.module)
            if ref.is_named:
                in_steps.setdefault(ref.key, (ref.written, step.line))
        for key, (name, step_line) in in_steps.items():
            if key in in_diagram or not modules.resolve(name).is_participant:
                continue
            close = suggest(name, [written for written, _ in strangers.values()], limit=1)
            if close:
                written, box_line = strangers[name_key(module_name(close[0]))]
                yield Finding(
                    message=f"the diagram names '{written}' where the flow steps say '{name}'",
                    line=box_line,
                    hint=f"write '[{name}]' in the diagram",
                )
            else:
                yield Finding(
                    message=f"module '{name}' does a flow step but is not in the diagram",
                    line=step_line,
                    hint=f"add '[{name}]' to the diagram",
                )
        # A step module the Architecture or Data flow rules report (a misspelling) is no
        # reason to call the diagram wrong.
        strays = [
            written
            for written, _ in in_steps.values()
            if not modules.resolve(written).is_participant
        ]
        for key, (name, line) in in_diagram.items():
            if key not in in_steps and not suggest(name, strays, limit=1):
                yield Finding(
                    message=f"module '{name}' is in the diagram but does no flow step",
                    line=line,
                    hint=f"add the step of '{name}', or remove it from the diagram",
                )


RULES: tuple[type[Rule], ...] = (
    EmptyFlow,
    StepModuleNotInvolved,
    StepWithoutFailure,
    FlowDeadEnd,
    ModuleLeftOutOfFlow,
    DiagramStepsMismatch,
)
