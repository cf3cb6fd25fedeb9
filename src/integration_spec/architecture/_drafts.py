"""Modules under construction: every source adds to one draft per name, then it is frozen.

A module is usually spoken of several times (its table row, its own section, the build
order); the draft collects what each place says, keyed case- and separator-insensitively
by its name and its aliases, and remembers where each fact came from (its evidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from integration_spec.model.architecture import Endpoint, Evidence, Module
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
    """A sentence ("calls the catalog"): only names of modules count, nothing is reported."""
    PROSE_NAME = "prose-name"
    """A name under a loose label (``Uses:``, ``Relations:``): unknown names are not reported."""
    DEPENDENTS = "dependents"
    """A "Used by" / "Downstream" column or label: the named modules depend on this one."""


@dataclass(frozen=True, slots=True)
class DependencyRef:
    """One dependency as written, before it is matched against the modules."""

    text: str
    line: int
    kind: DependencyKind
    construct: str


@dataclass(slots=True)
class ModuleDraft:
    """What the document has said so far about one module."""

    name: str
    line: int
    construct: str
    responsibility: str = ""
    phase: int | None = None
    values: dict[str, list[str]] = field(default_factory=dict)
    endpoints: list[Endpoint] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    dependency_refs: list[DependencyRef] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    skipped_labels: dict[str, int] = field(default_factory=dict)
    """Labels in the module's section that no field takes, with their first line."""

    def note(self, attribute: str, value: str, line: int, construct: str) -> None:
        """Remember that ``attribute`` = ``value`` was read at ``line`` in ``construct``."""
        self.lines.setdefault(attribute, line)
        self.evidence.append(Evidence(field=attribute, value=value, line=line, construct=construct))

    def note_line(self, attribute: str, line: int) -> None:
        """Remember where ``attribute`` was first stated (without evidence of a value)."""
        self.lines.setdefault(attribute, line)

    def set_responsibility(self, text: str, line: int, construct: str) -> None:
        """Keep the first responsibility the document states."""
        if text and not self.responsibility:
            self.responsibility = text
            self.note("responsibility", text, line, construct)

    def set_phase(self, phase: int, line: int, construct: str) -> bool:
        """Keep the first build phase stated; ``False`` when another one was stated before."""
        if self.phase is None:
            self.phase = phase
            self.note("phase", str(phase), line, construct)
            return True
        return self.phase == phase

    def add_values(self, attribute: str, values: list[str], line: int, construct: str) -> None:
        """Add names to a list attribute, keeping order and dropping repeats."""
        existing = self.values.setdefault(attribute, [])
        for value in values:
            if value and value not in existing:
                existing.append(value)
                self.note(attribute, value, line, construct)

    def add_alias(self, alias: str) -> None:
        """Record another spelling of the module's name."""
        if alias and name_key(alias) != name_key(self.name) and alias not in self.aliases:
            self.aliases.append(alias)

    def add_endpoint(self, endpoint: Endpoint, line: int, construct: str) -> None:
        """Add an endpoint unless it is already known."""
        if endpoint not in self.endpoints:
            self.endpoints.append(endpoint)
            self.note("endpoints", str(endpoint), line, construct)

    def add_dependency(self, text: str, line: int, kind: DependencyKind, construct: str) -> None:
        """Record a dependency as written; it is resolved once all modules are known."""
        self.dependency_refs.append(DependencyRef(text, line, kind, construct))

    def depend(self, name: str, line: int, construct: str) -> None:
        """Add a resolved dependency on module ``name``."""
        if name != self.name and name not in self.dependencies:
            self.dependencies.append(name)
            self.note("dependencies", name, line, construct)

    def freeze(self, aliases: tuple[str, ...]) -> Module:
        """Return the finished, immutable module with the aliases that stayed unambiguous."""
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
            aliases=aliases,
            line=self.line,
            lines={"name": self.line, **self.lines},
            evidence=(
                Evidence(field="name", value=self.name, line=self.line, construct=self.construct),
                *sorted(self.evidence, key=lambda item: item.line),
            ),
        )

    def _values(self, attribute: str) -> tuple[str, ...]:
        return tuple(self.values.get(attribute, ()))


@dataclass(slots=True)
class DraftBook:
    """All drafts by name key and alias key; the first spelling and the first line win."""

    drafts: dict[str, ModuleDraft] = field(default_factory=dict)
    by_alias: dict[str, ModuleDraft] = field(default_factory=dict)

    def get(self, name: str) -> ModuleDraft | None:
        """Return the draft of ``name`` (or of a module with that alias) in any spelling."""
        key = name_key(name)
        return self.drafts.get(key) or self.by_alias.get(key)

    def add(self, name: str, line: int, construct: str) -> ModuleDraft:
        """Return the draft of ``name``, created at ``line`` if it is new."""
        draft = self.get(name)
        if draft is None:
            draft = self.drafts[name_key(name)] = ModuleDraft(
                name=name, line=line, construct=construct
            )
        elif line < draft.line:
            draft.line = line
            draft.construct = construct
        return draft

    def alias(self, draft: ModuleDraft, alias: str) -> None:
        """Let ``alias`` find ``draft`` too (unless it already names another module)."""
        draft.add_alias(alias)
        key = name_key(alias)
        if key and key not in self.drafts:
            self.by_alias.setdefault(key, draft)

    def in_order(self) -> list[ModuleDraft]:
        """Drafts in the order the document first mentions them."""
        return sorted(self.drafts.values(), key=lambda draft: draft.line)

    def __len__(self) -> int:
        return len(self.drafts)
