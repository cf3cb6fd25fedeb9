"""What a rule is: metadata, a rationale with examples, and a ``check`` over one spec.

A rule reports :class:`Finding` values; the engine turns them into diagnostics, stamping
the code, the path and the severity that configuration chose (severity is configuration's
business, as in yamllint).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from integration_spec.facts import SpecFacts, spec_facts
from integration_spec.facts.system import SystemFacts
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import RelatedLocation, Severity
from integration_spec.model.spec import IntegrationSpec

if TYPE_CHECKING:
    from integration_spec.markdown.document import Document


class Family(StrEnum):
    """Rule families (DESIGN.md section 4), each with its code prefix."""

    STRUCTURE = "Structure"
    ARCHITECTURE = "Architecture"
    DATA_FLOW = "Data flow"
    COORDINATION = "Coordination"
    FAILURES = "Failures"
    BOUNDARIES = "Boundaries"
    PHASES = "Phases"
    TESTING = "Testing"
    ROLLOUT = "Rollout"
    CROSS_SPEC = "Cross-spec"


FAMILY_PREFIXES: dict[Family, str] = {
    Family.STRUCTURE: "ST",
    Family.ARCHITECTURE: "AR",
    Family.DATA_FLOW: "DF",
    Family.COORDINATION: "CO",
    Family.FAILURES: "FA",
    Family.BOUNDARIES: "BC",
    Family.PHASES: "PH",
    Family.TESTING: "TE",
    Family.ROLLOUT: "RO",
    Family.CROSS_SPEC: "XS",
}

CHECKLIST = (
    "All modules exist in architecture",
    "Data flow complete (no dead ends)",
    "All failures have recovery",
    "Coordination points bidirectional",
    "Phases are shippable increments",
    "Tests cover integration points",
    "Rollout includes feature flags",
)
"""The seed's Validation Checklist, item by item."""


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace lines ``start``..``end`` (1-based, inclusive) with ``text``.

    ``end = start - 1`` inserts before line ``start``; ``start = len(lines) + 1`` appends.
    ``text`` is whole lines, each ending in a newline.
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe mechanical fix: edits that touch nothing but what they claim."""

    description: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem a rule found, before the engine stamps code and severity on it."""

    message: str
    line: int | None = None
    end_line: int | None = None
    hint: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True, kw_only=True)
class RuleContext:
    """Everything a rule may look at for one spec.

    ``facts`` is read once per spec, on first use, and shared by every rule.
    """

    spec: IntegrationSpec
    architecture: Architecture | None
    text: str
    path: str
    lines: tuple[str, ...] = field(default=())
    document: Document
    """The parsed document the spec was read from, shared with the engine (one parse)."""

    @cached_property
    def facts(self) -> SpecFacts:
        """What the spec means (:mod:`integration_spec.facts`), read once."""
        return spec_facts(self.spec, self.architecture)

    @property
    def file_name(self) -> str:
        """The spec's file name without directories."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


class Rule:
    """Base of every rule; subclasses set the metadata and implement :meth:`check`.

    The docstring of a subclass is its documentation (``integration-spec explain``): a
    one-line summary, the rationale, then ``Fails:`` and ``Passes:`` markdown examples.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[Family]
    severity: ClassVar[Severity] = Severity.ERROR
    checklist: ClassVar[tuple[str, ...]] = ()
    """Items of the seed's Validation Checklist this rule enforces."""
    needs_architecture: ClassVar[bool] = False
    """Rules that compare against the architecture are skipped when none is available."""
    reads_other_documents: ClassVar[bool] = False
    """Whether the rule also runs on a document that does not read as an integration spec
    (every other rule is skipped there: see ``ST014``)."""

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """Yield the problems found in ``context.spec``."""
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        """The rule's docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the documentation."""
        return cls.documentation().split("\n", 1)[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecFinding(Finding):
    """A finding of a project rule: on which spec it is reported, and the other specs' places."""

    path: str
    related: tuple[RelatedLocation, ...] = ()


class ProjectRule(Rule):
    """A rule over all the specs checked together (``check --all`` or several paths).

    Its findings depend on other files, so the engine runs it after the per-file pass,
    outside the per-file cache; :meth:`check` on one spec finds nothing.
    """

    def check(self, context: RuleContext) -> Iterator[Finding]:
        """One spec alone has nothing to compare with."""
        return iter(())

    def check_system(self, system: SystemFacts) -> Iterator[SpecFinding]:
        """Yield the problems found between the specs of ``system``."""
        raise NotImplementedError
