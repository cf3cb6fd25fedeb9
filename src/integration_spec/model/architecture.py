"""The architecture as the tool understands it: modules, their phases and what they declare.

Every fact the markdown reader takes from a document carries its :class:`Evidence` (the
line and the construct it came from), and every module-like name it did not take is kept
as a :class:`SkippedCandidate` with the reason, so that a user can check the reading and
``integration-spec init architecture`` can offer the skipped names back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import name_key, suggest

DEFAULT_ARCHITECTURE = "docs/architecture/SYSTEM-ARCHITECTURE.md"
"""Where the architecture document lives, relative to the project root, unless configured."""

ARCHITECTURE_YAML = "architecture.yaml"
"""The exact architecture file; beside a markdown architecture it takes precedence."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoint:
    """An HTTP endpoint a module exposes."""

    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}".strip()


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where one fact about a module was read: ``field`` = ``value`` at ``line``.

    ``construct`` names the part of the document in words a reader can find, such as
    ``table 'Module Inventory' row 4`` or ``heading 3.2 'Orders Service'``.
    """

    field: str
    """The Module field the fact fills: ``name``, ``dependencies``, ``domain_events`` ..."""
    value: str
    line: int
    construct: str

    def describe(self) -> str:
        """``line 12, table 'Modules' row 3`` for messages and ``modules --verbose``."""
        return f"line {self.line}, {self.construct}"


@dataclass(frozen=True, slots=True, kw_only=True)
class SkippedCandidate:
    """A name that looked like a module but was not read as one, and why."""

    name: str
    line: int
    construct: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Module:
    """One module (bounded context) and everything the architecture says about it."""

    name: str
    responsibility: str = ""
    phase: int | None = None
    dependencies: tuple[str, ...] = ()
    aggregates: tuple[str, ...] = ()
    value_objects: tuple[str, ...] = ()
    domain_events: tuple[str, ...] = ()
    invariants: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    queries: tuple[str, ...] = ()
    endpoints: tuple[Endpoint, ...] = ()
    tables: tuple[str, ...] = ()
    external_services: tuple[str, ...] = ()
    source_paths: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Other names the document gives the module: ``IAM`` for ``Identity & Access (IAM)``."""
    line: int | None = field(default=None, compare=False)
    """Line of the module's first mention (its table row, heading or bullet)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line each attribute came from, keyed by attribute name."""
    evidence: tuple[Evidence, ...] = field(default=(), compare=False)
    """Where the module, its dependencies, events, endpoints and other facts were read."""

    def depends_on(self, other: str) -> bool:
        """Whether this module declares a dependency on ``other`` (any spelling)."""
        key = name_key(other)
        return any(name_key(dependency) == key for dependency in self.dependencies)

    def evidence_for(self, field_name: str) -> tuple[Evidence, ...]:
        """The evidence of one field, in document order."""
        return tuple(item for item in self.evidence if item.field == field_name)


@dataclass(frozen=True, kw_only=True)
class Architecture:
    """What the reader understood of an architecture document, and what it skipped.

    Not slotted, so that the name index can be cached on first use (``find`` is called
    for every module a spec names).
    """

    title: str = ""
    path: str = field(default="", compare=False)
    modules: tuple[Module, ...] = ()
    skipped: tuple[SkippedCandidate, ...] = field(default=(), compare=False)
    """Module-like names the reader did not take, with the reason (also in diagnostics)."""
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @cached_property
    def _index(self) -> dict[str, Module]:
        """Module by name key, then by alias key; the first module wins a shared key."""
        index: dict[str, Module] = {}
        for module in self.modules:
            index.setdefault(name_key(module.name), module)
        for module in self.modules:
            for alias in module.aliases:
                index.setdefault(name_key(alias), module)
        index.pop("", None)
        return index

    def find(self, name: str) -> Module | None:
        """The module called ``name`` or one of its aliases, case- and separator-insensitively."""
        return self._index.get(name_key(name))

    def suggest(self, name: str) -> list[str]:
        """Module names close to ``name`` or to one of their aliases (for "did you mean")."""
        spellings = [*self.module_names]
        owners = {name_key(module.name): module.name for module in self.modules}
        for module in self.modules:
            for alias in module.aliases:
                spellings.append(alias)
                owners.setdefault(name_key(alias), module.name)
        found: list[str] = []
        for spelling in suggest(name, spellings):
            owner = owners.get(name_key(spelling), spelling)
            if owner not in found:
                found.append(owner)
        return found

    @property
    def module_names(self) -> tuple[str, ...]:
        """Names of all modules in document order."""
        return tuple(module.name for module in self.modules)
