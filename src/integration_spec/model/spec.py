"""The integration spec: every part of the seed's Output Structure, with source lines.

Text fields hold the author's inline markdown verbatim (stripped), so a canonical document
renders back byte for byte; helpers in :mod:`integration_spec.model.names` compare names
regardless of markup and spelling. ``line`` fields never take part in equality: two specs
are equal when they say the same thing, wherever it stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from integration_spec.model.diagnostics import Diagnostic

SPEC_TYPES = ("User Journey", "System Process", "Data Flow")
PRIORITIES = ("P0", "P1", "P2", "P3")
ROLES = ("Producer", "Consumer", "Both")
FAILURE_CATEGORIES = ("Network", "Business", "System", "Data")


class SectionKey(StrEnum):
    """Every section the format knows, in canonical order."""

    PREAMBLE = "preamble"
    OVERVIEW = "overview"
    MODULES = "modules"
    DATA_FLOW = "data_flow"
    FLOW_STEPS = "flow_steps"
    COORDINATION = "coordination"
    SYNC_CALLS = "sync_calls"
    ASYNC_EVENTS = "async_events"
    SHARED_STATE = "shared_state"
    FAILURE_MODES = "failure_modes"
    COMPENSATION = "compensation"
    SHARED_TYPES = "shared_types"
    API_CONTRACTS = "api_contracts"
    ENDPOINTS = "endpoints"
    EVENTS_PUBLISHED = "events_published"
    PHASES = "phases"
    TESTING = "testing"
    UNIT_TESTS = "unit_tests"
    INTEGRATION_TESTS = "integration_tests"
    E2E_TESTS = "e2e_tests"
    ROLLOUT = "rollout"
    FEATURE_FLAGS = "feature_flags"
    MIGRATION_STEPS = "migration_steps"
    RELATED = "related"


SECTION_HEADINGS: dict[SectionKey, tuple[int, str]] = {
    SectionKey.OVERVIEW: (2, "Overview"),
    SectionKey.MODULES: (2, "Modules Involved"),
    SectionKey.DATA_FLOW: (2, "Data Flow"),
    SectionKey.FLOW_STEPS: (3, "Flow Steps"),
    SectionKey.COORDINATION: (2, "Coordination Points"),
    SectionKey.SYNC_CALLS: (3, "Synchronous Calls"),
    SectionKey.ASYNC_EVENTS: (3, "Asynchronous Events"),
    SectionKey.SHARED_STATE: (3, "Shared State"),
    SectionKey.FAILURE_MODES: (2, "Failure Modes"),
    SectionKey.COMPENSATION: (3, "Compensation"),
    SectionKey.SHARED_TYPES: (2, "Shared Types"),
    SectionKey.API_CONTRACTS: (2, "API Contracts"),
    SectionKey.ENDPOINTS: (3, "Endpoints Created"),
    SectionKey.EVENTS_PUBLISHED: (3, "Events Published"),
    SectionKey.PHASES: (2, "Implementation Phases"),
    SectionKey.TESTING: (2, "Testing Strategy"),
    SectionKey.UNIT_TESTS: (3, "Unit Tests (Per Module)"),
    SectionKey.INTEGRATION_TESTS: (3, "Integration Tests"),
    SectionKey.E2E_TESTS: (3, "E2E Tests"),
    SectionKey.ROLLOUT: (2, "Rollout Plan"),
    SectionKey.FEATURE_FLAGS: (3, "Feature Flags"),
    SectionKey.MIGRATION_STEPS: (3, "Migration Steps"),
    SectionKey.RELATED: (2, "Related Documents"),
}
"""Level and text of each section's heading in canonical form."""

SECTION_LAYOUT: tuple[tuple[SectionKey, tuple[SectionKey, ...]], ...] = (
    (SectionKey.OVERVIEW, ()),
    (SectionKey.MODULES, ()),
    (SectionKey.DATA_FLOW, (SectionKey.FLOW_STEPS,)),
    (
        SectionKey.COORDINATION,
        (SectionKey.SYNC_CALLS, SectionKey.ASYNC_EVENTS, SectionKey.SHARED_STATE),
    ),
    (SectionKey.FAILURE_MODES, (SectionKey.COMPENSATION,)),
    (SectionKey.SHARED_TYPES, ()),
    (SectionKey.API_CONTRACTS, (SectionKey.ENDPOINTS, SectionKey.EVENTS_PUBLISHED)),
    (SectionKey.PHASES, ()),
    (
        SectionKey.TESTING,
        (SectionKey.UNIT_TESTS, SectionKey.INTEGRATION_TESTS, SectionKey.E2E_TESTS),
    ),
    (SectionKey.ROLLOUT, (SectionKey.FEATURE_FLAGS, SectionKey.MIGRATION_STEPS)),
    (SectionKey.RELATED, ()),
)
"""Level-2 sections in canonical order, each with its level-3 subsections."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Labelled:
    """A ``**Label:** value`` line the format does not define, kept as written."""

    label: str
    value: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ModuleInvolvement:
    """A row of Modules Involved: which module takes part, in what role, changing what."""

    module: str
    role: str
    changes: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagram:
    """A fenced diagram under Data Flow (the seed's ASCII arrows, or Mermaid)."""

    language: str
    content: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowStep:
    """One numbered step of the data flow, done by one module."""

    name: str
    module: str
    note: str = ""
    """What the title says after the module: ``(Payments) — point of no return``."""
    input: str | None = None
    action: str | None = None
    output: str | None = None
    failure: str | None = None
    trigger: str | None = None
    compensation: str | None = None
    extra: tuple[Labelled, ...] = ()
    line: int | None = field(default=None, compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line of each bullet, keyed by field name (``input``, ``failure``, ...)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncCall:
    """A synchronous call: ``caller`` invokes ``method`` on ``callee``."""

    caller: str
    callee: str
    method: str
    purpose: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AsyncEvent:
    """An asynchronous event with its publisher and subscribers."""

    event: str
    publisher: str
    subscribers: tuple[str, ...]
    purpose: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedStateEntry:
    """Data several modules read; exactly one owns it."""

    data: str
    owner: str
    readers: tuple[str, ...]
    consistency: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class FailureMode:
    """A row of Failure Modes: what fails, what it breaks, how it is seen and recovered."""

    failure: str
    impact: str
    detection: str
    recovery: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ListEntry:
    """One item of a numbered list (compensation steps, migration steps)."""

    text: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CompensationBlock:
    """``If <B> fails after <A> succeeds:`` followed by the ordered undo steps."""

    trigger: str
    steps: tuple[ListEntry, ...]
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class EndpointContract:
    """A row of Endpoints Created."""

    method: str
    path: str
    module: str
    purpose: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventContract:
    """A row of Events Published."""

    event: str
    module: str
    payload: str
    when: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Deliverable:
    """A ``- [ ]`` task of a phase."""

    text: str
    done: bool = False
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Phase:
    """A shippable implementation phase."""

    number: int
    title: str
    goal: str | None = None
    modules: tuple[str, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    exit_criteria: str | None = None
    extra: tuple[Labelled, ...] = ()
    notes: str = ""
    line: int | None = field(default=None, compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitTest:
    """A unit-test focus for one module."""

    module: str
    focus: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class IntegrationTest:
    """A test of an integration point between named modules."""

    test: str
    modules: tuple[str, ...]
    scenario: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class E2ETest:
    """An end-to-end journey."""

    journey: str
    steps: str
    verification: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureFlag:
    """A rollout flag and its default."""

    flag: str
    purpose: str
    default: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtraSection:
    """A section the format does not know, kept verbatim where it stood.

    ``after`` names the known section it followed, so rendering puts it back there.
    """

    heading: str
    level: int
    body: str
    after: SectionKey
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionNote:
    """Markdown inside a known section that is not part of its structure (kept verbatim)."""

    section: SectionKey
    markdown: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionLocation:
    """Where a known section's heading stood, and how far the section reached."""

    key: SectionKey
    heading: str
    level: int
    line: int
    end_line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class IntegrationSpec:
    """An integration specification, as parsed from or rendered to markdown."""

    title: str
    architecture: str | None = None
    type: str | None = None
    priority: str | None = None
    extra_metadata: tuple[Labelled, ...] = ()
    summary: str | None = None
    overview: str = ""
    modules: tuple[ModuleInvolvement, ...] = ()
    diagrams: tuple[Diagram, ...] = ()
    flow_steps: tuple[FlowStep, ...] = ()
    sync_calls: tuple[SyncCall, ...] = ()
    async_events: tuple[AsyncEvent, ...] = ()
    shared_state: tuple[SharedStateEntry, ...] = ()
    failure_modes: tuple[FailureMode, ...] = ()
    compensation: tuple[CompensationBlock, ...] = ()
    fenced_compensation: tuple[CompensationBlock, ...] = field(default=(), compare=False)
    """Compensation blocks written inside a fenced code block, read for the analysis only.

    The fence itself is kept verbatim as a note (and rendered back from it), so these do
    not take part in equality or rendering.
    """
    shared_types: str = ""
    endpoints: tuple[EndpointContract, ...] = ()
    events_published: tuple[EventContract, ...] = ()
    phases: tuple[Phase, ...] = ()
    unit_tests: tuple[UnitTest, ...] = ()
    integration_tests: tuple[IntegrationTest, ...] = ()
    e2e_tests: tuple[E2ETest, ...] = ()
    feature_flags: tuple[FeatureFlag, ...] = ()
    migration_steps: tuple[ListEntry, ...] = ()
    related_documents: tuple[str, ...] = ()
    extra_sections: tuple[ExtraSection, ...] = ()
    notes: tuple[SectionNote, ...] = ()
    path: str = field(default="", compare=False)
    title_line: int | None = field(default=None, compare=False)
    title_prefixed: bool = field(default=False, compare=False)
    """The title reads ``# Integration: <Title>``: the author wrote the document as a spec."""
    metadata_lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line of each metadata field (``architecture``, ``type``, ``priority``, ``summary``)."""
    sections: tuple[SectionLocation, ...] = field(default=(), compare=False)
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """Problems found while parsing; they never stop the parse."""

    def section(self, key: SectionKey) -> SectionLocation | None:
        """Where section ``key`` was written, or ``None`` when the document lacks it."""
        for location in self.sections:
            if location.key is key:
                return location
        return None

    @property
    def priority_level(self) -> str | None:
        """``P0``..``P3`` from a Priority such as ``P2 (required for launch)``."""
        if not self.priority:
            return None
        head = self.priority.split(maxsplit=1)[0].rstrip(".,:;-–—").upper()
        return head if head in PRIORITIES else None

    @property
    def spec_type(self) -> str | None:
        """The Type as one of the three the format defines, if it is one."""
        if not self.type:
            return None
        wanted = self.type.strip().casefold()
        return next((kind for kind in SPEC_TYPES if kind.casefold() == wanted), None)

    @property
    def module_names(self) -> tuple[str, ...]:
        """Modules Involved, in table order."""
        return tuple(row.module for row in self.modules)
