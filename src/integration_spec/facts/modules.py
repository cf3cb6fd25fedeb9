"""Module resolution: what every module name written in a spec refers to, decided once.

A spec names modules in a dozen places (Modules Involved, flow steps, every coordination
table, phases, tests). Each written name is resolved once, against Modules Involved and the
architecture, into a :class:`ModuleRef` that says what it is: a module of the architecture,
a layer or adapter of one (``Events - Event Handler``, ``session/api``), an external service
a module uses (``Stripe``), a technical part that is not a module (``frontend``,
``adapters/stripe``), a misspelling of a module, or unknown. Every rule asks the ref; none
re-decides, so a name has one finding, by the rule whose business it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from integration_spec.facts.lexicon import (
    INFRASTRUCTURE_NAMES,
    LAYER_WORDS,
    QUANTIFIERS,
    SELF_REFERENCES,
    UNCHANGED_OPENINGS,
)
from integration_spec.facts.text import camel_words, has_todo, is_blank, plain, words
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.names import is_misspelling, name_key, normalize_name, suggest
from integration_spec.model.spec import IntegrationSpec, ModuleInvolvement

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")
_PATH_SEPARATOR = re.compile(r"\s*[/\\]\s*")
_MENTION_SEPARATOR = re.compile(r"\s*(?:[(),;+&→]|->|\bvia\b|\band\b)\s*")
"""What separates the names inside a described mention (``Consumers (billing, pharmacy)``)."""
_CATCH_ALL = frozenset(
    {"all", "allmodules", "every", "everymodule", "everything", "*", "allinvolvedmodules"}
)
_FOUNDATION_NAMES = frozenset({"foundation", "sharedkernel", "kernel", "shared", "common"})


class NameKind(StrEnum):
    """What a written module name turned out to be."""

    MODULE = "module"
    """A module of the architecture."""
    PART = "part"
    """A layer, adapter or handler of a module of the architecture (``session/api``)."""
    EXTERNAL = "external"
    """An external service one module of the architecture uses (``Stripe``)."""
    INFRASTRUCTURE = "infrastructure"
    """A technical part of the system, not a bounded context (``frontend``, ``redis``)."""
    MISSPELT = "misspelt"
    """Close to a module of the architecture, but not it."""
    UNKNOWN = "unknown"
    """Not in the architecture, and nothing close."""
    UNCHECKED = "unchecked"
    """No architecture to check against."""
    PLACEHOLDER = "placeholder"
    """Empty, a dash, ``TBD``, ``[Module]`` or a ``TODO``."""
    EVERY = "every"
    """``All modules``, ``Each consuming module``: a catch-all or a quantified description."""
    GROUP = "group"
    """A description that names several modules (``Consumers (billing, pharmacy)``)."""


_NAMED_KINDS = frozenset(
    {
        NameKind.MODULE,
        NameKind.PART,
        NameKind.EXTERNAL,
        NameKind.INFRASTRUCTURE,
        NameKind.MISSPELT,
        NameKind.UNKNOWN,
        NameKind.UNCHECKED,
        NameKind.GROUP,
    }
)


@dataclass(frozen=True, slots=True)
class ModuleRef:
    """One written module name and what it refers to."""

    written: str
    """The name as written, markup and a trailing ``(note)`` dropped."""
    kind: NameKind
    module: Module | None = None
    """The architecture's module: itself, or the one the part/external service belongs to."""
    involved_row: ModuleInvolvement | None = None
    """The Modules Involved row that names it (directly, or as the row's intended module)."""
    suggestions: tuple[str, ...] = ()
    """Close architecture module names (did-you-mean)."""
    qualifier: str = ""
    """What was written besides the name (``Event Handler`` of ``Events - Event Handler``)."""
    members: tuple[Module, ...] = ()
    """The modules a ``GROUP`` names, in the order written."""

    @property
    def name(self) -> str:
        """The module's name: the architecture's spelling when known, else as written."""
        if self.module is not None and self.kind is NameKind.MODULE:
            return self.module.name
        return self.written

    @property
    def key(self) -> str:
        """The key names are compared by: the module's, else the written name's."""
        if self.module is not None and self.kind in (NameKind.MODULE, NameKind.PART):
            return name_key(self.module.name)
        return name_key(self.written)

    @property
    def is_product(self) -> bool:
        """Its name is an infrastructure product's (``SNS``, ``Redis``).

        Even when the architecture lists it as a module, the team configures it; it has no
        code of its own to test.
        """
        return _is_infrastructure(self.written)

    @property
    def is_named(self) -> bool:
        """Whether the cell names something (not a placeholder, not a catch-all)."""
        return self.kind in _NAMED_KINDS

    @property
    def is_involved(self) -> bool:
        """Whether Modules Involved lists it (or lists a misspelling of it)."""
        return self.involved_row is not None

    @property
    def is_known(self) -> bool:
        """Whether the architecture knows the module (or there is no architecture to ask)."""
        return self.kind in (NameKind.MODULE, NameKind.PART, NameKind.UNCHECKED)

    @property
    def is_participant(self) -> bool:
        """A named, involved module the architecture knows: what content rules look at.

        Every other name is reported once, by the rule whose business it is (unknown names
        by the Architecture rules, uninvolved ones by each section's own rule).
        """
        return self.is_involved and self.is_known

    @property
    def is_unknown_module(self) -> bool:
        """Whether the Architecture rules report the name as absent from the architecture."""
        return self.kind in (NameKind.MISSPELT, NameKind.UNKNOWN)


def module_name(text: str) -> str:
    """A module name as written, without markup and without a trailing ``(note)``."""
    return _TRAILING_NOTE.sub("", plain(text)).strip()


def is_named(text: str | None) -> bool:
    """Whether a cell names something: not a placeholder, not a ``TODO``, not "all"."""
    if text is None or is_blank(text) or has_todo(text):
        return False
    key = name_key(module_name(text))
    return bool(key) and normalize_name(module_name(text)) not in _CATCH_ALL


@dataclass(frozen=True, slots=True)
class _Parts:
    base: str
    qualifier: str
    segments: tuple[str, ...]


def _split(written: str) -> _Parts:
    """``Events - Event Handler`` -> base Events; ``adapters/stripe`` -> two segments.

    ``Bank Accounts: source account`` names the instance of a module a step works on: the
    base is the module, the rest its qualifier.
    """
    base = written
    qualifier = ""
    dashed = _SPACED_DASH.split(base, maxsplit=1)
    if len(dashed) != 2:
        dashed = base.split(": ", 1)
    if len(dashed) == 2 and dashed[0].strip() and dashed[1].strip():
        base, qualifier = dashed[0].strip(), dashed[1].strip()
    segments = tuple(part for part in _PATH_SEPARATOR.split(base) if part)
    return _Parts(base=base, qualifier=qualifier, segments=segments)


_TECHNICAL_SUFFIXES = frozenset(
    {"api", "service", "services", "svc", "module", "app", "server", "microservice"}
)
_NAME_PARTS = re.compile(r"[.\s_/-]+")


_GENERIC_HEADS = frozenset(
    {
        "gateway",
        "manager",
        "engine",
        "worker",
        "workers",
        "handler",
        "handlers",
        "store",
        "system",
        "core",
        "platform",
        "hub",
        "portal",
        "center",
        "centre",
        "processor",
        "registry",
        "management",
        "layer",
        "client",
        "ui",
        "web",
    }
)
"""Head nouns too general to stand for one module (``Gateway`` of ``Payment Gateway``)."""


def _short_names(name: str) -> list[str]:
    """``Ordering.API`` -> ``Ordering``; ``Bank Accounts`` -> ``Accounts``."""
    parts = [part for part in _NAME_PARTS.split(plain(name)) if part]
    shorts: list[str] = []
    if len(parts) >= 2 and parts[-1].casefold() in _TECHNICAL_SUFFIXES:
        shorts.append(" ".join(parts[:-1]))
    head = parts[-1].casefold() if parts else ""
    spaced = len(parts) >= 2 and " " in plain(name) and "." not in name
    if spaced and head not in _TECHNICAL_SUFFIXES and head not in _GENERIC_HEADS:
        shorts.append(parts[-1])
    return shorts


def _is_layer(text: str) -> bool:
    found = camel_words(text)
    return bool(found) and all(
        word in LAYER_WORDS or word in INFRASTRUCTURE_NAMES for word in found
    )


def _is_infrastructure(text: str) -> bool:
    found = camel_words(text)
    return bool(found) and all(word in INFRASTRUCTURE_NAMES for word in found)


@dataclass
class ModuleIndex:
    """Every module name of one spec, resolved against Modules Involved and the architecture."""

    spec: IntegrationSpec
    architecture: Architecture | None
    _cache: dict[str, ModuleRef] = field(default_factory=dict)
    _rows_by_key: dict[str, ModuleInvolvement] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.architecture is not None and not self.architecture.modules:
            self.architecture = None  # an unread architecture is the reader's problem (AX)
        for row in self.spec.modules:
            ref = self._resolve_name(row.module)
            if not ref.is_named:
                continue
            for key in self._row_keys(ref):
                self._rows_by_key.setdefault(key, row)

    def _row_keys(self, ref: ModuleRef) -> list[str]:
        keys = [name_key(ref.written), ref.key]
        if ref.kind is NameKind.MISSPELT and ref.suggestions:
            keys.append(name_key(ref.suggestions[0]))
        return [key for key in keys if key]

    def resolve(self, written: str | None) -> ModuleRef:
        """What ``written`` refers to (cached per spelling)."""
        text = written or ""
        cached = self._cache.get(text)
        if cached is None:
            ref = self._resolve_name(text)
            row = self._involvement(ref)
            if row is not None:
                ref = ModuleRef(
                    written=ref.written,
                    kind=ref.kind,
                    module=ref.module,
                    involved_row=row,
                    suggestions=ref.suggestions,
                    qualifier=ref.qualifier,
                )
            cached = self._cache[text] = ref
        return cached

    def _involvement(self, ref: ModuleRef) -> ModuleInvolvement | None:
        if not ref.is_named:
            return None
        for key in (name_key(ref.written), ref.key):
            row = self._rows_by_key.get(key)
            if row is not None:
                return row
        return None

    def _resolve_name(self, text: str) -> ModuleRef:
        if is_blank(text) or has_todo(text):
            return ModuleRef(written=plain(text), kind=NameKind.PLACEHOLDER)
        written = module_name(text)
        if normalize_name(written) in _CATCH_ALL or not name_key(written):
            return ModuleRef(written=written, kind=NameKind.EVERY)
        architecture = self.architecture
        if architecture is None:
            return ModuleRef(written=written, kind=NameKind.UNCHECKED)
        module = architecture.find(written) or self._short_forms.get(name_key(written))
        if module is not None:
            return ModuleRef(written=written, kind=NameKind.MODULE, module=module)
        parts = _split(written)
        if parts.qualifier:
            module = architecture.find(parts.base)
            if module is not None:
                return ModuleRef(
                    written=written, kind=NameKind.PART, module=module, qualifier=parts.qualifier
                )
        if len(parts.segments) > 1:
            found = self._from_segments(written, parts.segments)
            if found is not None:
                return found
        spaced = tuple(parts.base.split())
        if len(spaced) > 1:
            found = self._from_segments(written, spaced)
            if found is not None and found.kind is NameKind.PART:
                return found
        owner = self._external_owner(parts.base)
        if owner is not None:
            return ModuleRef(written=written, kind=NameKind.EXTERNAL, module=owner)
        if _is_infrastructure(parts.base) or (
            len(parts.segments) > 1 and _is_layer(parts.segments[0])
        ):
            return ModuleRef(written=written, kind=NameKind.INFRASTRUCTURE)
        described = self._described(plain(text), written)
        if described is not None:
            return described
        close = tuple(
            name
            for name in suggest(written, architecture.module_names)
            if is_misspelling(written, name)
        )
        if close:
            return ModuleRef(written=written, kind=NameKind.MISSPELT, suggestions=close)
        return ModuleRef(written=written, kind=NameKind.UNKNOWN)

    def _described(self, text: str, written: str) -> ModuleRef | None:
        """A cell that describes rather than names: quantified, self-referring, or a list.

        Teams write ``Each consuming module``, ``Itself``, ``Unchanged``, ``Scheduling,
        Billing``, ``Consumers (billing, pharmacy)`` or ``Relay worker (foundation library)``
        where a module name goes. None of these is a misspelt module: a quantified phrase
        stands for several modules, a self-reference for no new one, and a list for the
        modules it names (when it names one module, the rest describes a part of it).
        """
        found = words(text)
        if len(found) >= 2 and found[0] in QUANTIFIERS:
            return ModuleRef(written=written, kind=NameKind.EVERY)
        if found and all(word in SELF_REFERENCES for word in found):
            return ModuleRef(written=written, kind=NameKind.PLACEHOLDER)
        parts = [part for part in _MENTION_SEPARATOR.split(text) if part.strip()]
        if len(parts) < 2:
            return None
        modules: list[Module] = []
        for part in parts:
            module = self._module_of(part)
            if module is not None and module not in modules:
                modules.append(module)
        if not modules:
            return None
        if len(modules) == 1:
            rest = ", ".join(part for part in parts if self._module_of(part) is None)
            return ModuleRef(written=written, kind=NameKind.PART, module=modules[0], qualifier=rest)
        return ModuleRef(written=written, kind=NameKind.GROUP, module=None, members=tuple(modules))

    def _module_of(self, part: str) -> Module | None:
        """The module one separated part names, itself or as a part of it."""
        assert self.architecture is not None
        module = self.architecture.find(module_name(part))
        if module is not None:
            return module
        segments = tuple(module_name(part).split())
        if len(segments) > 1:
            found = self._from_segments(part, segments)
            if found is not None and found.kind is NameKind.PART:
                return found.module
        return None

    def _from_segments(self, written: str, segments: tuple[str, ...]) -> ModuleRef | None:
        """``session/api`` is a part of session; ``adapters/stripe`` an adapter of payments."""
        assert self.architecture is not None
        for position, segment in enumerate(segments):
            module = self.architecture.find(segment)
            others = segments[:position] + segments[position + 1 :]
            if module is not None and all(_is_layer(other) for other in others):
                return ModuleRef(
                    written=written,
                    kind=NameKind.PART,
                    module=module,
                    qualifier="/".join(others),
                )
        for segment in segments[1:]:
            owner = self._external_owner(segment)
            if owner is not None:
                return ModuleRef(written=written, kind=NameKind.EXTERNAL, module=owner)
        return None

    @cached_property
    def _short_forms(self) -> dict[str, Module]:
        """Shorter names people write for a module, where only one module has them.

        ``Ordering`` for ``Ordering.API`` (a technical suffix dropped), ``Accounts`` for
        ``Bank Accounts`` (the head noun of a longer name). A short form two modules share
        (``Ordering`` of ``Ordering.API`` and ``Ordering.Worker`` when both are technical)
        names neither.
        """
        assert self.architecture is not None
        found: dict[str, Module | None] = {}
        taken = {name_key(module.name) for module in self.architecture.modules}
        for module in self.architecture.modules:
            for short in _short_names(module.name):
                key = name_key(short)
                if not key or key in taken:
                    continue
                found[key] = module if found.get(key, module) is module else None
        return {key: module for key, module in found.items() if module is not None}

    def _external_owner(self, name: str) -> Module | None:
        assert self.architecture is not None
        return self._externals.get(name_key(name))

    @cached_property
    def _externals(self) -> dict[str, Module]:
        assert self.architecture is not None
        found: dict[str, Module] = {}
        for module in self.architecture.modules:
            for service in module.external_services:
                key = name_key(module_name(service).split(" ", 1)[0])
                if key:
                    found.setdefault(key, module)
                found.setdefault(name_key(module_name(service)), module)
        return found

    @cached_property
    def rows(self) -> tuple[tuple[ModuleInvolvement, ModuleRef], ...]:
        """Each Modules Involved row with its resolution, in table order."""
        return tuple((row, self.resolve(row.module)) for row in self.spec.modules)

    @cached_property
    def involved(self) -> tuple[ModuleRef, ...]:
        """One ref per named Modules Involved module, first row wins, in table order."""
        seen: set[str] = set()
        found = []
        for _, ref in self.rows:
            if ref.is_named and ref.key not in seen:
                seen.add(ref.key)
                found.append(ref)
        return tuple(found)

    @cached_property
    def participants(self) -> tuple[ModuleRef, ...]:
        """Involved modules the architecture knows (all involved ones without an architecture)."""
        return tuple(ref for ref in self.involved if ref.is_known)

    def participant(self, written: str | None) -> ModuleRef | None:
        """The ref when ``written`` is a participant, else ``None``."""
        ref = self.resolve(written)
        return ref if ref.is_participant else None

    def same(self, left: str | None, right: str | None) -> bool:
        """Whether two written names refer to the same named module."""
        one, other = self.resolve(left), self.resolve(right)
        return one.is_named and other.is_named and one.key == other.key != ""

    def keys(self, names: Iterable[str]) -> set[str]:
        """Keys of the named modules among ``names``."""
        return {ref.key for ref in map(self.resolve, names) if ref.is_named}

    def misspelt_of(self, ref: ModuleRef) -> bool:
        """Whether ``ref`` is the module a misspelt Modules Involved row means.

        Then AR001 reports the row, and a rule that would call ``ref`` uninvolved is silent.
        """
        return ref.involved_row is not None and self.resolve(ref.involved_row.module).kind in (
            NameKind.MISSPELT,
        )


def is_unchanged(changes: str) -> bool:
    """Whether a Changes cell says the module takes part without being changed.

    Only the opening counts ("None; existing session checks", "No change"): a module that
    is used but not changed needs no new unit tests, while "None of the old checks remain"
    is rare enough in a Changes cell to accept.
    """
    return _opens_with(words(changes), UNCHANGED_OPENINGS)


def _opens_with(found: list[str], phrases: tuple[str, ...]) -> bool:
    for phrase in phrases:
        parts = phrase.split()
        if len(found) >= len(parts) and all(
            _part_fits(part, word) for part, word in zip(parts, found, strict=False)
        ):
            return True
    return False


def _part_fits(part: str, word: str) -> bool:
    return word.startswith(part[:-1]) if part.endswith("*") else word == part


def usable(architecture: Architecture | None) -> Architecture | None:
    """The architecture when it names modules; an unread one is the reader's problem (AX)."""
    return architecture if architecture is not None and architecture.modules else None


def is_foundation(architecture: Architecture, module: Module) -> bool:
    """The shared kernel every module may use: named so, or depended on by all others."""
    if name_key(module.name) in _FOUNDATION_NAMES:
        return True
    others = [other for other in architecture.modules if other is not module]
    return len(others) >= 2 and all(other.depends_on(module.name) for other in others)
