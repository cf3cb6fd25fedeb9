"""The grounding context: the facts an author (a person or an AI agent) needs before writing.

A keyword planner cannot design an integration; an author can, given the facts. This module
gathers them from the architecture for one feature description: the candidate modules,
ranked, with the evidence for each (which of the user's words matched which command,
event, aggregate or responsibility, and which modules come in because a candidate depends
on them); what each candidate declares; which synchronous calls the dependencies allow;
the build phases; the command pairs that undo each other; the existing specs that touch the
same modules; and the format's checklist with the rule codes that enforce each item.

It also decides, once, whether the description *pins the modules down*: every word of it
is a word the architecture uses (a word met only through the built-in thesaurus, or not at
all, is a guess). ``new`` drafts only from a pinned description and asks or refuses
otherwise, so the same verdict is shown to an agent here and acted on there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from integration_spec.draft.operations import is_undo, undo_for
from integration_spec.draft.selection import (
    module_fields,
    resolve_module,
    score_module,
    term_spread,
)
from integration_spec.draft.vocabulary import Query, Term, parse_query, similar
from integration_spec.facts.modules import is_foundation
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.spec import IntegrationSpec

TOP_CANDIDATES = 5
"""How many ranked candidates ``context`` describes in full (the rest are listed by name)."""

MAX_LISTED = 12
"""Candidates listed at all; past this a word is too common to say anything."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """One of the user's words and the declared item it matched."""

    word: str
    """The word as the user wrote it."""
    kind: str
    """Where it matched: name, aggregate, responsibility, command, event or query."""
    item: str
    """The declared item (the command's name, the responsibility's text...)."""
    via: str | None = None
    """The thesaurus word it matched through, when it did not match as written."""
    negated: bool = False
    """Whether the word came after "without" or "no" (it counts against the module)."""

    def describe(self) -> str:
        """``'refund' matches command RefundPayment``."""
        word = f"'{self.word}'" + (f" (as '{self.via}')" if self.via else "")
        if self.negated:
            word += " (after a negation)"
        if self.kind == "name":
            return f"{word} matches the module name"
        if self.kind == "responsibility":
            return f'{word} matches its responsibility "{self.item}"'
        return f"{word} matches {self.kind} {self.item}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A module that may take part, with its score and why."""

    module: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    pulled_in_by: tuple[str, ...] = ()
    """Candidates that depend on this module (it came in through them, not the words)."""
    named: bool = False
    """Given by the user (``--modules``) rather than found in the description."""

    @property
    def reason(self) -> str:
        """The evidence in one line."""
        if self.named:
            return "named in --modules"
        parts = [item.describe() for item in self.evidence[:3]]
        if self.pulled_in_by:
            parts.append(f"{_listed(self.pulled_in_by)} depend{_s(self.pulled_in_by)} on it")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ModuleFacts:
    """What the architecture declares of one module, as an author needs it."""

    name: str
    responsibility: str
    phase: int | None
    dependencies: tuple[str, ...]
    aggregates: tuple[str, ...]
    value_objects: tuple[str, ...]
    commands: tuple[str, ...]
    queries: tuple[str, ...]
    events: tuple[str, ...]
    endpoints: tuple[str, ...]
    invariants: tuple[str, ...]
    tables: tuple[str, ...]
    external_services: tuple[str, ...]
    line: int | None = None
    """Where the architecture first mentions the module."""
    lines: dict[str, int] = field(default_factory=dict)
    """Line of each attribute in the architecture (evidence), when the reader recorded it."""


@dataclass(frozen=True, slots=True)
class CallDirection:
    """``caller`` depends on ``callee``: it may call it; the other way is by events only."""

    caller: str
    callee: str


@dataclass(frozen=True, slots=True)
class UndoPair:
    """A command of a module and the command of the same module that undoes it."""

    module: str
    command: str
    undo: str


@dataclass(frozen=True, slots=True)
class RelatedSpec:
    """An existing spec that involves some of the same modules."""

    path: str
    title: str
    modules: tuple[str, ...]
    """The candidate modules it involves."""


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """An item of the seed's Validation Checklist and the rule codes that enforce it."""

    item: str
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vagueness:
    """Whether the description pins the modules down, and if not, which words say why."""

    pinned: bool
    unknown_words: tuple[str, ...] = ()
    """Words of the description no module declares (a concept the architecture lacks)."""
    guessed_words: tuple[str, ...] = ()
    """Words that matched only through the built-in thesaurus (a guess, not a fact)."""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class GroundingContext:
    """Everything ``integration-spec context`` reports, as plain values (JSON-ready)."""

    description: str
    architecture: str
    candidates: tuple[Candidate, ...]
    modules: tuple[ModuleFacts, ...]
    """The facts of the top candidates (and of every module named with ``--modules``)."""
    calls: tuple[CallDirection, ...]
    phases: tuple[tuple[int, tuple[str, ...]], ...]
    """Build phase -> the described modules built in it, lowest first."""
    undo_pairs: tuple[UndoPair, ...]
    related_specs: tuple[RelatedSpec, ...]
    checklist: tuple[ChecklistItem, ...]
    vagueness: Vagueness

    @property
    def top(self) -> tuple[str, ...]:
        """The names of the described modules, best first."""
        return tuple(facts.name for facts in self.modules)

    def as_dict(self) -> dict[str, Any]:
        """The context as JSON-ready values (its shape is documented in the README)."""
        data = asdict(self)
        for candidate, item in zip(self.candidates, data["candidates"], strict=True):
            item["reason"] = candidate.reason
        data["phases"] = [
            {"phase": number, "modules": list(names)} for number, names in self.phases
        ]
        return data


def _s(names: Sequence[str]) -> str:
    return "" if len(names) > 1 else "s"


def _listed(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _evidence(
    module: Module, query: Query, spread: dict[str, int]
) -> tuple[float, tuple[Evidence, ...]]:
    score, matches = score_module(module, query, spread)
    evidence = tuple(
        Evidence(
            word=match.term.origin,
            kind=match.kind,
            item=match.item,
            via=match.term.via and match.term.word,
            negated=match.term.negated,
        )
        for match in matches
    )
    return score, evidence


def rank_candidates(
    architecture: Architecture, query: Query, named: Sequence[str] = ()
) -> tuple[Candidate, ...]:
    """Every module the query or the user names, best first, then modules they depend on.

    Named modules come first in the order given; matched modules follow by score (a
    negated word lowers a module, never raises it); then the modules the top matches
    depend on that no word named, each saying which candidates pulled it in. The
    foundation (shared kernel) is never a candidate: every module depends on it.
    """
    modules = [m for m in architecture.modules if not is_foundation(architecture, m)]
    spread = term_spread(modules, query)
    ranked: list[Candidate] = []
    chosen: set[str] = set()
    for name in named:
        module = resolve_module(architecture, name)
        if module.name not in chosen:
            chosen.add(module.name)
            score, evidence = _evidence(module, query, spread)
            ranked.append(Candidate(module.name, round(score, 2), evidence, named=True))
    scored: list[tuple[float, int, Module, tuple[Evidence, ...]]] = []
    for index, module in enumerate(modules):
        if module.name in chosen:
            continue
        score, evidence = _evidence(module, query, spread)
        positive = [item for item in evidence if not item.negated]
        if score > 0 and positive:
            scored.append((score, index, module, evidence))
    scored.sort(key=lambda item: (-item[0], item[1]))
    for score, _, module, evidence in scored[:MAX_LISTED]:
        chosen.add(module.name)
        ranked.append(Candidate(module.name, round(score, 2), evidence))
    top = [architecture.find(candidate.module) for candidate in ranked[:TOP_CANDIDATES]]
    for module in modules:
        if module.name in chosen:
            continue
        dependents = tuple(
            found.name for found in top if found is not None and found.depends_on(module.name)
        )
        if len(dependents) >= 2:
            chosen.add(module.name)
            ranked.append(Candidate(module.name, 0.0, pulled_in_by=dependents))
    return tuple(ranked)


def judge_vagueness(architecture: Architecture, query: Query) -> Vagueness:
    """Whether every word of the description is one the architecture uses.

    A word no module declares names a concept the architecture does not have ("returns"
    in a shop without returns): no tool can know which module owns it. A word met only
    through the built-in thesaurus ("purchase" as order, payment, checkout) is a guess.
    Either way the modules are not pinned down, and the author must say which.
    """
    words: dict[str, list[Term]] = {}
    for term in query.terms:
        words.setdefault(term.origin, []).append(term)
    declared = [word for module in architecture.modules for word in _module_words(module)]
    unknown: list[str] = []
    guessed: list[str] = []
    for origin, terms in words.items():
        direct = any(term.via is None and _declared(term.word, declared) for term in terms)
        if direct:
            continue
        through = any(term.via is not None and _declared(term.word, declared) for term in terms)
        if all(term.negated for term in terms):
            continue  # "without an account" names what is left out; it needs no owner
        (guessed if through else unknown).append(origin)
    if not query.terms:
        return Vagueness(False, reason="the description has no word that names a module")
    if unknown or guessed:
        parts = []
        if unknown:
            parts.append(f"no module declares {_quoted(unknown)}")
        if guessed:
            parts.append(f"{_quoted(guessed)} matched only through the built-in thesaurus")
        return Vagueness(False, tuple(unknown), tuple(guessed), "; ".join(parts))
    return Vagueness(True, reason="every word of the description is declared by a module")


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _module_words(module: Module) -> list[str]:
    return [word for _, _, _, found in module_fields(module) for word in found]


def _declared(word: str, declared: Sequence[str]) -> bool:
    return any(similar(word, other) for other in declared)


def module_facts(module: Module) -> ModuleFacts:
    """What ``module`` declares, in the shape the context reports."""
    return ModuleFacts(
        name=module.name,
        responsibility=module.responsibility,
        phase=module.phase,
        dependencies=module.dependencies,
        aggregates=module.aggregates,
        value_objects=module.value_objects,
        commands=module.commands,
        queries=module.queries,
        events=module.domain_events,
        endpoints=tuple(str(endpoint) for endpoint in module.endpoints),
        invariants=module.invariants,
        tables=module.tables,
        external_services=module.external_services,
        line=module.line,
        lines=dict(module.lines),
    )


def undo_pairs(modules: Iterable[Module]) -> tuple[UndoPair, ...]:
    """Each forward command and the command of its module that undoes it, if one fits."""
    from integration_spec.draft.plan import Operation, OpKind

    pairs: list[UndoPair] = []
    for module in modules:
        for command in module.commands:
            if is_undo(command):
                continue
            undo = undo_for(module, Operation(command, OpKind.COMMAND))
            if undo is not None:
                pairs.append(UndoPair(module.name, command, undo))
    return tuple(pairs)


def call_directions(modules: Sequence[Module]) -> tuple[CallDirection, ...]:
    """Every dependency between two of ``modules``: the only directions a call may take."""
    return tuple(
        CallDirection(caller.name, callee.name)
        for caller in modules
        for callee in modules
        if caller.name != callee.name and caller.depends_on(callee.name)
    )


def build_phases(
    architecture: Architecture, modules: Sequence[Module]
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The build phase of each module (its dependency depth when no phase is declared)."""
    from integration_spec.draft.flow import build_level

    grouped: dict[int, list[str]] = {}
    for module in modules:
        grouped.setdefault(build_level(architecture, module.name), []).append(module.name)
    return tuple((number, tuple(names)) for number, names in sorted(grouped.items()))


def related_specs(
    architecture: Architecture,
    specs: Iterable[tuple[str, IntegrationSpec]],
    modules: Sequence[str],
) -> tuple[RelatedSpec, ...]:
    """Specs (path, parsed) that involve any of ``modules``, most shared modules first."""
    wanted = set(modules)
    found: list[tuple[int, str, RelatedSpec]] = []
    for path, spec in specs:
        involved = []
        for row in spec.modules:
            module = architecture.find(row.module)
            if module is not None and module.name in wanted and module.name not in involved:
                involved.append(module.name)
        if involved:
            found.append(
                (-len(involved), path, RelatedSpec(path, spec.title or path, tuple(involved)))
            )
    return tuple(item for *_, item in sorted(found, key=lambda item: item[:2]))


def build_context(
    architecture: Architecture,
    description: str | None,
    *,
    name: str = "",
    modules: Sequence[str] = (),
    specs: Iterable[tuple[str, IntegrationSpec]] = (),
    checklist: Sequence[tuple[str, tuple[str, ...]]] = (),
) -> GroundingContext:
    """The grounding context for a feature ``description`` (and optional named modules).

    ``specs`` are the project's existing specs as (display path, parsed spec); the ones
    that share a module with the described ones are listed. Raises
    :class:`~integration_spec.draft.errors.DraftError` for a named module the
    architecture lacks.
    """
    query = parse_query(name or "", description)
    candidates = rank_candidates(architecture, query, named=modules)
    described = [candidate.module for candidate in candidates if candidate.named]
    described += [
        candidate.module for candidate in candidates[:TOP_CANDIDATES] if not candidate.named
    ]
    found = [module for name_ in dict.fromkeys(described) if (module := architecture.find(name_))]
    return GroundingContext(
        description=" ".join((description or "").split()),
        architecture=architecture.path,
        candidates=candidates,
        modules=tuple(module_facts(module) for module in found),
        calls=call_directions(found),
        phases=build_phases(architecture, found),
        undo_pairs=undo_pairs(found),
        related_specs=related_specs(architecture, specs, [module.name for module in found]),
        checklist=tuple(ChecklistItem(item, tuple(codes)) for item, codes in checklist),
        vagueness=judge_vagueness(architecture, query)
        if description and description.strip()
        else Vagueness(False, reason="no description was given"),
    )
