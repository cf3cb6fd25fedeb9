"""The planner's own vocabulary: stages of the flow and the links that carry data between them.

Every section of the draft is rendered from these values, so the flow steps, the
coordination tables, the failure modes, the tests and the phases all describe the same
integration: a call exists in the Synchronous Calls table exactly when a link says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from integration_spec.model.architecture import Architecture, Module


def module_of(architecture: Architecture, name: str) -> Module:
    """The architecture's module ``name``; selection resolved every name the planner uses."""
    module = architecture.find(name)
    if module is None:
        raise KeyError(f"module {name!r} is not in the architecture")
    return module


class OpKind(StrEnum):
    """What an operation does to its module's data."""

    COMMAND = "command"
    QUERY = "query"
    NONE = "none"
    """The module declares no command or query the stage could use."""


@dataclass(frozen=True, slots=True)
class Operation:
    """A command or query of a module, as the architecture names it."""

    name: str
    kind: OpKind

    @property
    def declared(self) -> bool:
        """Whether the architecture declares it (else the stage says TODO)."""
        return self.kind is not OpKind.NONE


NO_OPERATION = Operation("", OpKind.NONE)


def call_label(method: str, callee: str) -> str:
    """How prose names a call: its method, or "the call to X" while the method is a TODO."""
    return f"the call to {callee}" if "TODO" in method else method


class StageRole(StrEnum):
    """The part a stage plays in the flow, which decides the kind of operation it uses."""

    INITIATOR = "initiator"
    """The first stage: the request that starts the integration."""
    PROVIDER = "provider"
    """Serves its data to later stages that read it with a synchronous call."""
    TARGET = "target"
    """Receives a command from an earlier stage's module, which depends on it."""
    STEP = "step"
    """Does its own work with the data it was handed."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One numbered flow step: a module, the operation it runs and what it hands on."""

    index: int
    module: str
    role: StageRole
    operation: Operation
    event: str | None
    """The declared domain event the operation records, if the module declares one."""
    state: str
    """The data later modules read (an aggregate, value object or query result)."""
    aggregate: str | None
    """The aggregate the operation works on, when the module declares one that fits."""

    @property
    def number(self) -> int:
        """The 1-based step number shown in the spec."""
        return self.index + 1

    @property
    def writes(self) -> bool:
        """Whether the stage changes its module's data (a command)."""
        return self.operation.kind is OpKind.COMMAND


class LinkKind(StrEnum):
    """How data moves between two stages."""

    READ = "read"
    """The later stage's module calls the earlier one's (it depends on it) to read its data."""
    COMMAND = "command"
    """The earlier stage's module calls the later one's (it depends on it) with a request."""
    EVENT = "event"
    """The earlier stage's module publishes an event the later one subscribes to."""


@dataclass(frozen=True, slots=True)
class Link:
    """Data moving from stage ``source`` to stage ``target``.

    ``caller``/``callee`` of a call, or ``publisher``/``subscriber`` of an event, follow from
    the kind: a READ is called by the target's module, a COMMAND by the source's.
    """

    kind: LinkKind
    source: int
    target: int
    name: str
    """The method called, or the event published."""
    new: bool = False
    """Whether the method or event is not declared in the architecture yet."""


@dataclass(frozen=True, slots=True)
class Flow:
    """The stages in step order and the links between them."""

    stages: tuple[Stage, ...]
    links: tuple[Link, ...]

    def caller(self, link: Link) -> str:
        """The calling (or publishing) module of ``link``."""
        if link.kind is LinkKind.READ:
            return self.stages[link.target].module
        return self.stages[link.source].module

    def callee(self, link: Link) -> str:
        """The called (or subscribing) module of ``link``."""
        if link.kind is LinkKind.READ:
            return self.stages[link.source].module
        return self.stages[link.target].module

    def into(self, index: int) -> tuple[Link, ...]:
        """Links that bring data to stage ``index``."""
        return tuple(link for link in self.links if link.target == index)

    def out_of(self, index: int) -> tuple[Link, ...]:
        """Links that take stage ``index``'s data elsewhere."""
        return tuple(link for link in self.links if link.source == index)

    def calls(self) -> tuple[Link, ...]:
        """The synchronous links, in flow order."""
        return tuple(link for link in self.links if link.kind is not LinkKind.EVENT)

    def events(self) -> tuple[Link, ...]:
        """The asynchronous links, in flow order."""
        return tuple(link for link in self.links if link.kind is LinkKind.EVENT)

    @property
    def modules(self) -> tuple[str, ...]:
        """Modules in order of their first stage."""
        seen: dict[str, None] = {}
        for stage in self.stages:
            seen.setdefault(stage.module, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Compensation:
    """How the effect of one stage is undone when a later stage fails."""

    stage: int
    operation: str | None
    """The module's undo command, or ``None`` when the architecture declares none."""
    compensator: str | None
    """The module that asks for the undo with a call; ``None`` when the owner is told by
    the failure event, or undoes its own work."""
    via_event: bool = False


@dataclass(frozen=True, slots=True)
class Saga:
    """The saga shape of the flow: compensatable stages, one pivot, retriable stages."""

    pivot: int | None
    """The stage after which nothing is undone (``None`` when no stage writes)."""
    compensations: tuple[Compensation, ...]
    """Compensatable stages in flow order."""
    failure_event: str | None = None
    """The event the pivot's module publishes on failure, when some owner must be told."""
    failure_subscribers: tuple[str, ...] = ()

    def compensation_of(self, index: int) -> Compensation | None:
        """The compensation of stage ``index``, if it is compensatable."""
        return next((item for item in self.compensations if item.stage == index), None)
