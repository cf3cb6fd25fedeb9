"""Modules under construction: every source adds to one draft per name, then it is frozen.

A module is usually spoken of several times (its table row, its own section, the build
order); the draft collects what each place says, keyed case- and separator-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from integration_spec.model.architecture import Endpoint, Module
from integration_spec.model.names import name_key

LIST_FIELDS = (
    "aggregates",
    "value_objects",
    "domain_events",
    "invariants",
    "commands",
    "queries",
    "tables",
    "external_services",
    "source_paths",
)


class DependencyKind(Enum):
    """How a dependency was written, which decides what an unknown name means."""

    EXPLICIT = "explicit"
    """A Dependencies column or label: an unknown name is reported."""
    EXTERNAL = "external"
    """An External Dependencies column: an unknown name is an external service."""
    PROSE = "prose"
    """"depends on ..." in a sentence: only names of modules count, nothing is reported."""


@dataclass(frozen=True, slots=True)
class DependencyRef:
    """One dependency as written, before it is matched against the modules."""

    text: str
    line: int
    kind: DependencyKind


@dataclass(slots=True)
class ModuleDraft:
    """What the document has said so far about one module."""

    name: str
    line: int
    responsibility: str = ""
    phase: int | None = None
    values: dict[str, list[str]] = field(default_factory=dict)
    endpoints: list[Endpoint] = field(default_factory=list)
    dependency_refs: list[DependencyRef] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    skipped_labels: dict[str, int] = field(default_factory=dict)
    """Labels in the module's section that no field takes, with their first line."""

    def note_line(self, attribute: str, line: int) -> None:
        """Remember where ``attribute`` was first stated."""
        self.lines.setdefault(attribute, line)

    def set_responsibility(self, text: str, line: int) -> None:
        """Keep the first responsibility the document states."""
        if text and not self.responsibility:
            self.responsibility = text
            self.note_line("responsibility", line)

    def add_values(self, attribute: str, values: list[str], line: int) -> None:
        """Add names to a list attribute, keeping order and dropping repeats."""
        existing = self.values.setdefault(attribute, [])
        for value in values:
            if value and value not in existing:
                existing.append(value)
                self.note_line(attribute, line)

    def add_endpoint(self, endpoint: Endpoint, line: int) -> None:
        """Add an endpoint unless it is already known."""
        if endpoint not in self.endpoints:
            self.endpoints.append(endpoint)
            self.note_line("endpoints", line)

    def add_dependency(self, text: str, line: int, kind: DependencyKind) -> None:
        """Record a dependency as written; it is resolved once all modules are known."""
        self.dependency_refs.append(DependencyRef(text, line, kind))

    def freeze(self) -> Module:
        """Return the finished, immutable module."""
        return Module(
            name=self.name,
            responsibility=self.responsibility,
            phase=self.phase,
            dependencies=tuple(self.dependencies),
            aggregates=self._values("aggregates"),
            value_objects=self._values("value_objects"),
            domain_events=self._values("domain_events"),
            invariants=self._values("invariants"),
            commands=self._values("commands"),
            queries=self._values("queries"),
            endpoints=tuple(self.endpoints),
            tables=self._values("tables"),
            external_services=self._values("external_services"),
            source_paths=self._values("source_paths"),
            line=self.line,
            lines={"name": self.line, **self.lines},
        )

    def _values(self, attribute: str) -> tuple[str, ...]:
        return tuple(self.values.get(attribute, ()))


@dataclass(slots=True)
class DraftBook:
    """All drafts by name key; the first spelling and the first line win."""

    drafts: dict[str, ModuleDraft] = field(default_factory=dict)

    def get(self, name: str) -> ModuleDraft | None:
        """Return the draft of ``name`` in any spelling."""
        return self.drafts.get(name_key(name))

    def add(self, name: str, line: int) -> ModuleDraft:
        """Return the draft of ``name``, created at ``line`` if it is new."""
        key = name_key(name)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = ModuleDraft(name=name, line=line)
        elif line < draft.line:
            draft.line = line
        return draft

    def in_order(self) -> list[ModuleDraft]:
        """Drafts in the order the document first mentions them."""
        return sorted(self.drafts.values(), key=lambda draft: draft.line)

    def __len__(self) -> int:
        return len(self.drafts)
