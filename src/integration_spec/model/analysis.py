"""What ``analyze`` and ``triage`` return: typed, frozen, serialisable values.

Presentation lives in :mod:`integration_spec.analysis.render`; these classes only hold
answers, so a program can use them without parsing text, and ``as_dict`` gives the JSON
shape (``ANALYSIS_FORMAT_VERSION`` changes with any incompatible change of it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from integration_spec.model.diagnostics import Severity

ANALYSIS_FORMAT_VERSION = 1
"""Version of the JSON shape of :class:`AnalysisReport` and :class:`TriageResult`."""

CATEGORIES = ("Network", "Business", "System", "Data")
"""The seed's failure categories, in its order."""


class StepRole(StrEnum):
    """The part a step plays in the saga (Garcia-Molina & Salem; Richardson's structure)."""

    READ_ONLY = "read-only"
    """Changes nothing, so nothing needs undoing (Richardson's verifyConsumerDetails)."""
    COMPENSATABLE = "compensatable"
    """Before the pivot: its effect is undone by a compensating action when a later step fails."""
    PIVOT = "pivot"
    """The go/no-go step: once it succeeds the saga runs to completion; it is not undone."""
    RETRIABLE = "retriable"
    """After the pivot: must succeed eventually, so it must be safe to repeat."""
    UNCOMPENSATED = "uncompensated"
    """Before the pivot, it changes data, but nothing undoes it: a later failure leaves it done."""
    CONTROL = "control"
    """A timer or a notification: no business effect to undo (a grace period, an SMS)."""


class Recovery(StrEnum):
    """How the saga recovers from a failure at one step."""

    BACKWARD = "backward"
    """Undo what was done, newest first (the step failed at or before the pivot)."""
    FORWARD = "forward"
    """Retry the failed step until it succeeds (the step is after the pivot)."""


class Outcome(StrEnum):
    """How a simulated scenario ends."""

    COMPLETED = "completed"
    """The failure was retried away and the flow finished."""
    ROLLED_BACK = "rolled-back"
    """Every completed step that changed something was compensated."""
    ESCALATED = "escalated"
    """The spec hands the half-done work to a person (alert, manual review, support)."""
    INCONSISTENT = "inconsistent"
    """Work is left half done and nothing retries it or escalates it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisFinding:
    """One thing a reviewer should look at, with where it was written."""

    kind: str
    """A stable kebab-case identifier (``dead-end``, ``compensation-missing``...)."""
    message: str
    line: int | None = None
    hint: str | None = None
    steps: tuple[int, ...] = ()
    """1-based flow step numbers the finding is about."""
    modules: tuple[str, ...] = ()
    related_rule: str | None = None
    """The checker rule that reports the same problem, when there is one."""
    severity: Severity | None = None
    """The level of ``related_rule`` in the project's configuration (warning when there is
    no rule, info when the configuration turns the rule off), set by the public
    :func:`integration_spec.analyze`; ``None`` when the report was never graded."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphEdge:
    """A typed edge of the flow graph (``flow``, ``event``, ``call``, ``state``, ``performs``)."""

    kind: str
    source: str
    target: str
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowGraphSummary:
    """The flow graph: node and edge lists, and what is wrong with its shape."""

    nodes: tuple[str, ...] = ()
    edges: tuple[GraphEdge, ...] = ()
    findings: tuple[AnalysisFinding, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StepPlan:
    """One flow step's place in the saga."""

    number: int
    name: str
    module: str
    role: StepRole
    reason: str
    """Why the step got its role, in words a reviewer can check against the spec."""
    compensation: str | None = None
    compensation_source: str | None = None
    """Where the compensation was stated: ``step`` (its ``- Compensation:`` bullet),
    ``section`` (the Compensation section), ``failure`` (a later step's Failure bullet),
    ``failure-mode``, ``call`` (a Synchronous Calls row) or ``architecture`` (an undo
    command the module declares, which the spec does not mention)."""
    compensation_line: int | None = None
    retry_safe: bool = False
    """Whether the spec says the step may be repeated (retry, idempotency, at most once)."""
    covered_by: int | None = None
    """For an uncompensated step: the earlier step whose compensation undoes the same thing
    (cancelling the flight reservation also undoes its confirmation)."""
    kept_line: int | None = None
    """For an uncompensated step: where the spec says its effect stays on purpose."""
    line: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CompensatingAction:
    """Undo the effect of one earlier step."""

    step: int
    module: str
    action: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FailurePoint:
    """What happens when one step fails: recovery, compensations in order, final state."""

    step: int
    recovery: Recovery
    compensations: tuple[CompensatingAction, ...] = ()
    final_state: str = ""
    stated_final_state: str | None = None
    """The final state the spec's Compensation section gives for this failure, if any."""
    cause: str | None = None
    """The spec's words for what sets the recovery off when it is not a step's failure
    (``the customer cancels the fully booked itinerary``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SagaPlan:
    """Every step classified, the plan for a failure at each, and where the spec disagrees."""

    steps: tuple[StepPlan, ...] = ()
    pivot: int | None = None
    pivot_source: str | None = None
    """``marked`` (the spec says so) or ``inferred`` (the last step whose failure is
    compensated; later failures are retried)."""
    failure_points: tuple[FailurePoint, ...] = ()
    cancellation: FailurePoint | None = None
    """What undoes the saga after every step succeeded, when the spec says it can be
    cancelled then (a customer cancels the booked trip); its ``step`` is the last one."""
    findings: tuple[AnalysisFinding, ...] = ()

    def failure_at(self, step: int) -> FailurePoint:
        """The plan for a failure at 1-based ``step``."""
        return self.failure_points[step - 1]

    def roles(self) -> tuple[StepRole, ...]:
        """The role of each step, in flow order."""
        return tuple(plan.role for plan in self.steps)


@dataclass(frozen=True, slots=True, kw_only=True)
class Inconsistency:
    """Scenarios that end half done for one cause, grouped so 10,000 scenarios stay readable."""

    cause: str
    """Stable key: ``step:<n>`` (the step's own failure) or ``compensation:<n>``."""
    message: str
    step: int
    """The failing step, or the step whose compensation fails."""
    categories: tuple[str, ...]
    """The failure categories that end this way (of the step, or of the compensation)."""
    compensation_failed: bool
    scenarios: int
    failure_points: tuple[int, ...]
    """The steps whose failure led here (one for a step cause, several for a compensation)."""
    left_done: tuple[int, ...] = ()
    """Steps whose effect remains in the example scenario."""
    hint: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FaultSimulation:
    """Counts of every scenario run, by outcome, and the inconsistent ones, grouped."""

    steps: int
    categories: tuple[str, ...] = CATEGORIES
    scenarios: int = 0
    step_failures: int = 0
    """Scenarios with one failing step (steps x categories)."""
    compensation_failures: int = 0
    """Scenarios where, besides, one compensation fails (each compensation x category)."""
    outcomes: dict[str, int] = field(default_factory=dict)
    inconsistencies: tuple[Inconsistency, ...] = ()

    @property
    def inconsistent(self) -> int:
        """How many scenarios end half done."""
        return self.outcomes.get(Outcome.INCONSISTENT.value, 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagrams:
    """Diagrams generated from the model, ready to paste."""

    mermaid_flowchart: str = ""
    mermaid_sequence: str = ""
    ascii: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisReport:
    """Everything ``integration-spec analyze`` says about one spec."""

    path: str
    title: str
    architecture: str | None = None
    graph: FlowGraphSummary = field(default_factory=FlowGraphSummary)
    saga: SagaPlan = field(default_factory=SagaPlan)
    faults: FaultSimulation = field(default_factory=lambda: FaultSimulation(steps=0))
    boundaries: tuple[AnalysisFinding, ...] = ()
    boundaries_checked: bool = False
    """False when no architecture was given: only spec-internal boundary checks ran."""
    diagrams: Diagrams = field(default_factory=Diagrams)

    def findings(self) -> tuple[AnalysisFinding, ...]:
        """Every finding of the report: flow graph, saga plan, then boundaries."""
        return (*self.graph.findings, *self.saga.findings, *self.boundaries)

    def exit_code(self, *, strict: bool = False) -> int:
        """1 for an error-level finding (an ungraded one counts as an error), else 0.

        With ``strict`` warnings fail too, and so do inconsistent fault scenarios: they are
        the consequence of findings already graded (a missing compensation), so on their
        own they are a warning. The same policy as ``check``.
        """
        levels = [finding.severity for finding in self.findings()]
        if any(level is None or level is Severity.ERROR for level in levels):
            return 1
        if strict and (Severity.WARNING in levels or self.faults.inconsistencies):
            return 1
        return 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (enums as their values), with the format version."""
        return {"version": ANALYSIS_FORMAT_VERSION, **_plain(asdict(self))}


class Decision(StrEnum):
    """Which document the change needs."""

    INTEGRATION_SPEC = "integration-spec"
    FEATURE_BRIEF = "feature-brief"


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """A row of the seed's When-to-Use table, with the value found and where it came from."""

    name: str
    threshold: str
    value: str
    """``3``, ``yes``, ``no`` or ``unknown``."""
    met: bool
    source: str
    """``spec``, ``flag``, ``architecture``, ``diff`` or ``not given``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TriageResult:
    """The indicators, the decision, and the path through the decision tree that led to it."""

    source: str
    """``spec``, ``modules`` or ``diff``."""
    modules: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    decision: Decision
    reason: str
    notes: tuple[str, ...] = ()
    unmapped_files: tuple[str, ...] = ()
    """Changed files no module owns (``--diff`` only)."""
    files_by_module: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape, with the format version."""
        return {"version": ANALYSIS_FORMAT_VERSION, **_plain(asdict(self))}


def _plain(value: Any) -> Any:
    """Tuples to lists and enums to strings, recursively, for ``json.dumps``."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value
