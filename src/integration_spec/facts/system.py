"""What several specs of one system state about the same things, read once for all of them.

Each spec *claims* integration points: events it publishes (with the publisher and, when
stated, the payload fields), events it consumes, shared state with its owner and
consistency, endpoints it creates or calls, feature flags. Cross-spec rules (``XS``) and the
system view compare claims of different specs by the same keys the per-spec rules use
(:func:`~integration_spec.facts.artifacts.event_key`, ``endpoint_key``, module keys), so
``OrderCancelled`` and ``order.cancelled`` are one event everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from integration_spec.facts import SpecFacts
from integration_spec.facts.artifacts import (
    EventCatalogue,
    artifact,
    endpoint_from_text,
    endpoint_key,
    event_catalogue,
    event_key,
    fields_read,
    looks_like_event,
    payload_fields,
)
from integration_spec.facts.lexicon import CONSISTENCY_KINDS
from integration_spec.facts.modules import is_named
from integration_spec.facts.text import plain, words
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import normalize_name, split_names


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing one spec states about a shared integration point, where it states it."""

    path: str
    """The spec's shown path."""
    key: str
    """What makes two claims about the same point (an event key, ``METHOD /path/{}``...)."""
    name: str
    """The point as the spec writes it."""
    module: str
    """The module key the claim names (publisher, owner, creator, callee), or ``""``."""
    module_written: str
    line: int | None
    detail: str = ""
    """A second value to compare (consistency, a flag's purpose)."""
    fields: frozenset[str] | None = None
    """Payload fields, when the claim states them (casefolded); fields read, as written."""


@dataclass(frozen=True, slots=True)
class SpecEntry:
    """One spec of the system, read into facts, with the paths it names as related."""

    path: str
    facts: SpecFacts

    @property
    def related(self) -> tuple[str, ...]:
        """Related Documents as written."""
        return self.facts.spec.related_documents

    def names_related(self, other_path: str) -> bool:
        """Whether Related Documents names ``other_path`` (by file name or stem)."""
        file_name = other_path.replace("\\", "/").rsplit("/", 1)[-1]
        stem = file_name.removesuffix(".md")
        for entry in self.related:
            text = plain(entry).replace("\\", "/")
            if file_name in text or normalize_name(stem) in normalize_name(text):
                return True
        return False


@dataclass(frozen=True)
class SystemFacts:
    """The claims of every spec checked together, and the architecture's declarations."""

    specs: tuple[SpecEntry, ...]
    architecture: Architecture | None = None

    def entry(self, path: str) -> SpecEntry | None:
        """The spec shown as ``path``."""
        return next((spec for spec in self.specs if spec.path == path), None)

    @cached_property
    def published(self) -> tuple[Claim, ...]:
        """Every event a spec publishes: Events Published rows, events rows of its modules."""
        claims: list[Claim] = []
        for spec in self.specs:
            facts = spec.facts
            for row in facts.spec.events_published:
                if is_named(row.event) and is_named(row.module):
                    claims.append(
                        _claim(
                            spec.path,
                            event_key(row.event),
                            row.event,
                            facts,
                            row.module,
                            row.line,
                            fields=payload_fields(row.payload),
                        )
                    )
            for event in facts.spec.async_events:
                if not is_named(event.event) or not is_named(event.publisher):
                    continue
                if facts.modules.resolve(event.publisher).is_involved:
                    claims.append(
                        _claim(
                            spec.path,
                            event_key(event.event),
                            event.event,
                            facts,
                            event.publisher,
                            event.line,
                        )
                    )
        return tuple(claims)

    @cached_property
    def consumed(self) -> tuple[Claim, ...]:
        """Events a spec consumes that it does not publish itself.

        An Asynchronous Events row whose publisher is not a module of the spec, and a flow
        step triggered by an event name that the spec's own tables do not publish.
        """
        claims: list[Claim] = []
        for spec in self.specs:
            facts = spec.facts
            own = {claim.key for claim in self.published if claim.path == spec.path}
            for event in facts.spec.async_events:
                if not is_named(event.event) or event_key(event.event) in own:
                    continue
                subscriber = next((s for s in event.subscribers if is_named(s)), "")
                claims.append(
                    _claim(
                        spec.path,
                        event_key(event.event),
                        event.event,
                        facts,
                        subscriber,
                        event.line,
                    )
                )
            for step in facts.spec.flow_steps:
                name = artifact(step.trigger)
                if name is None or not looks_like_event(name) or event_key(name) in own:
                    continue
                claims.append(
                    _claim(
                        spec.path,
                        event_key(name),
                        name,
                        facts,
                        step.module,
                        step.field_lines.get("trigger", step.line),
                    )
                )
        return tuple(claims)

    @cached_property
    def fields_read(self) -> tuple[Claim, ...]:
        """Fields a flow step reads from an event, as its Input names them.

        ``Input: OrderPlaced (orderId, total)`` reads orderId and total from OrderPlaced;
        the claim's module is the step's module.
        """
        claims: list[Claim] = []
        for spec in self.specs:
            for step in spec.facts.spec.flow_steps:
                line = step.field_lines.get("input", step.line)
                for name, fields in fields_read(step.input):
                    claims.append(
                        _claim(
                            spec.path,
                            event_key(name),
                            name,
                            spec.facts,
                            step.module,
                            line,
                            fields=frozenset(fields),
                        )
                    )
        return tuple(claims)

    @cached_property
    def declared_events(self) -> EventCatalogue:
        """Domain events of the architecture, with the modules that declare them."""
        return event_catalogue(self.architecture)

    def known_event_names(self) -> list[str]:
        """Every event name the system knows: published by a spec or declared."""
        names = [plain(claim.name) for claim in self.published]
        return [*dict.fromkeys([*names, *self.declared_events.written])]

    @cached_property
    def shared_state(self) -> tuple[Claim, ...]:
        """Shared State rows: data, owner and consistency."""
        claims: list[Claim] = []
        for spec in self.specs:
            for row in spec.facts.spec.shared_state:
                if not is_named(row.data) or not is_named(row.owner):
                    continue
                name = artifact(row.data) or plain(row.data)
                claims.append(
                    _claim(
                        spec.path,
                        normalize_name(name),
                        name,
                        spec.facts,
                        row.owner,
                        row.line,
                        detail=_consistency(row.consistency),
                    )
                )
        return tuple(claims)

    @cached_property
    def endpoints_created(self) -> tuple[Claim, ...]:
        """Endpoints Created rows, keyed ``METHOD /path/{}``."""
        claims: list[Claim] = []
        for spec in self.specs:
            for row in spec.facts.spec.endpoints:
                key = endpoint_key(row.method, row.path)
                if key is None:
                    continue
                claims.append(
                    _claim(
                        spec.path,
                        " ".join(key),
                        f"{plain(row.method).upper()} {plain(row.path)}",
                        spec.facts,
                        row.module,
                        row.line,
                    )
                )
        return tuple(claims)

    @cached_property
    def endpoints_called(self) -> tuple[Claim, ...]:
        """Synchronous calls whose method is an endpoint, with the callee as its owner."""
        claims: list[Claim] = []
        for spec in self.specs:
            for call in spec.facts.spec.sync_calls:
                key = endpoint_from_text(call.method)
                if key is None:
                    continue
                claims.append(
                    _claim(
                        spec.path,
                        " ".join(key),
                        plain(call.method),
                        spec.facts,
                        call.callee,
                        call.line,
                    )
                )
        return tuple(claims)

    @cached_property
    def flags(self) -> tuple[Claim, ...]:
        """Feature flags with their purpose."""
        return tuple(
            Claim(
                path=spec.path,
                key=normalize_name(plain(flag.flag)),
                name=plain(flag.flag),
                module="",
                module_written="",
                line=flag.line,
                detail=plain(flag.purpose),
            )
            for spec in self.specs
            for flag in spec.facts.spec.feature_flags
            if is_named(flag.flag)
        )


def _claim(
    path: str,
    key: str,
    name: str,
    facts: SpecFacts,
    module: str,
    line: int | None,
    *,
    detail: str = "",
    fields: frozenset[str] | None = None,
) -> Claim:
    written = split_names(module)[0] if module and split_names(module) else module
    ref = facts.modules.resolve(written) if is_named(written) else None
    return Claim(
        path=path,
        key=key,
        name=plain(name),
        module=ref.key if ref is not None else "",
        module_written=ref.name if ref is not None else "",
        line=line,
        detail=detail,
        fields=fields,
    )


def _consistency(text: str) -> str:
    """``strong`` or ``eventual`` when the cell says one of them, else ``""``."""
    found = set(words(text))
    kinds = [kind for kind in CONSISTENCY_KINDS if kind in found]
    return kinds[0] if len(kinds) == 1 else ""


def system_facts(
    specs: Iterable[tuple[str, SpecFacts]], architecture: Architecture | None = None
) -> SystemFacts:
    """Read the specs checked together (shown path and facts of each) into one system."""
    return SystemFacts(
        specs=tuple(SpecEntry(path=path, facts=facts) for path, facts in specs),
        architecture=architecture,
    )


def first_by_spec(claims: Sequence[Claim]) -> dict[str, Claim]:
    """The first claim of each spec, in the order of the specs."""
    seen: dict[str, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.path, claim)
    return seen
