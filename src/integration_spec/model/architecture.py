"""The architecture as the tool understands it: modules, their phases and what they declare."""

from __future__ import annotations

from dataclasses import dataclass, field

from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import name_key, suggest

DEFAULT_ARCHITECTURE = "docs/architecture/SYSTEM-ARCHITECTURE.md"
"""Where the architecture document lives, relative to the project root, unless configured."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoint:
    """An HTTP endpoint a module exposes."""

    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}".strip()


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
    line: int | None = field(default=None, compare=False)
    """Line of the module's first mention (its table row, heading or bullet)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    """Line each attribute came from, keyed by attribute name."""

    def depends_on(self, other: str) -> bool:
        """Whether this module declares a dependency on ``other`` (any spelling)."""
        key = name_key(other)
        return any(name_key(dependency) == key for dependency in self.dependencies)


@dataclass(frozen=True, slots=True, kw_only=True)
class Architecture:
    """What the reader understood of an architecture document, and what it skipped."""

    title: str = ""
    path: str = field(default="", compare=False)
    modules: tuple[Module, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def find(self, name: str) -> Module | None:
        """The module called ``name``, matched case- and separator-insensitively."""
        key = name_key(name)
        for module in self.modules:
            if name_key(module.name) == key:
                return module
        return None

    def suggest(self, name: str) -> list[str]:
        """Module names close to ``name`` (for "did you mean")."""
        return suggest(name, (module.name for module in self.modules))

    @property
    def module_names(self) -> tuple[str, ...]:
        """Names of all modules in document order."""
        return tuple(module.name for module in self.modules)
