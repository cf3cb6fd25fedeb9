"""Places that name a module, and the rule that decides which of them may create one.

The document's own inventory (tier 1) is everything under a heading that means a set of
units (``Modules``, ``Bounded Contexts``, ``Services``, ``Módulos``...), a table whose
first column is ``Module`` or ``Context``, and ``Module: <name>`` headings. Weaker evidence
(tier 2) is a ``Service`` or ``Component`` table elsewhere, an ``Orders Service`` heading
elsewhere, a ``**Services:**`` list: it creates modules only in a document without an
inventory, and otherwise only adds to the inventory's modules. That is how the reader
avoids inventing modules from a document's other sections (a technology table, a
deployment diagram) while still reading documents that have no inventory at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integration_spec.architecture._drafts import DraftBook, ModuleDraft
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.model.architecture import SkippedCandidate
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import name_key

INVENTORY = 1
"""Tier of what stands in an inventory section, module tables and ``Module:`` headings."""
EVIDENCE = 2
"""Tier of service headings, weak tables, labelled lists and trees outside an inventory."""
ATTACH = 3
"""Tier of a heading that can only be the own section of a module named elsewhere: it
never creates a module and is not reported when it names none."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A module named somewhere, with what that place says about it."""

    name: str
    line: int
    tier: int
    group: str
    """Where it was named (a table, a list, the headings); a repeat there is a duplicate."""
    source: str
    """That place in words, for messages: ``the table under 'Modules' (line 12)``."""
    where: str
    """The construct in words, for evidence and messages: ``table 'Modules' row 3``."""
    fill: Callable[[ModuleDraft], None]
    """Adds what this place says to the module's draft."""
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Assembly:
    """The drafts, and what was skipped (as diagnostics and as candidates to offer back)."""

    book: DraftBook
    diagnostics: list[Diagnostic]
    skipped: list[SkippedCandidate]


def assemble(candidates: list[Candidate], path: str) -> Assembly:
    """Create and fill the drafts, in document order, by the tier rule."""
    book = DraftBook()
    assembly = Assembly(book, [], [])
    candidates = sorted(candidates, key=lambda candidate: candidate.line)
    has_inventory = any(candidate.tier == INVENTORY for candidate in candidates)
    for candidate in candidates:
        if candidate.tier == INVENTORY:
            created = book.add(candidate.name, candidate.line, candidate.where)
            for alias in candidate.aliases:
                book.alias(created, alias)
    seen: dict[tuple[str, str], int] = {}
    skipped: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        key = (candidate.group, name_key(candidate.name))
        if key in seen and candidate.tier != ATTACH:
            assembly.diagnostics.append(
                report(
                    ArchitectureCode.DUPLICATE_MODULE,
                    f"module {candidate.name!r} is listed twice in {candidate.source} "
                    f"(first at line {seen[key]}); what both say is merged",
                    path=path,
                    line=candidate.line,
                )
            )
        else:
            seen[key] = candidate.line
        draft = _existing(book, candidate)
        if draft is None and candidate.tier == ATTACH:
            continue
        if draft is None and has_inventory:
            skipped.setdefault(candidate.group, []).append(candidate)
            continue
        if draft is None:
            draft = book.add(candidate.name, candidate.line, candidate.where)
        for alias in candidate.aliases:
            book.alias(draft, alias)
        if name_key(candidate.name) != name_key(draft.name):
            book.alias(draft, candidate.name)
        candidate.fill(draft)
    for group in skipped.values():
        assembly.diagnostics.append(_skipped_group(group, path))
        assembly.skipped += [
            SkippedCandidate(
                name=candidate.name,
                line=candidate.line,
                construct=candidate.where,
                reason="not in the document's module inventory",
            )
            for candidate in group
        ]
    return assembly


def _existing(book: DraftBook, candidate: Candidate) -> ModuleDraft | None:
    draft = book.get(candidate.name)
    if draft is not None:
        return draft
    return next((found for alias in candidate.aliases if (found := book.get(alias))), None)


def _skipped_group(group: list[Candidate], path: str) -> Diagnostic:
    names = ", ".join(repr(candidate.name) for candidate in group)
    noun = "name" if len(group) == 1 else "names"
    return report(
        ArchitectureCode.ITEM_SKIPPED,
        f"skipped {len(group)} {noun} in {group[0].source}: {names}; they are not in the "
        "document's module inventory (the sections, tables and headings that list modules)",
        path=path,
        line=group[0].line,
        hint="if they are modules, add them with 'integration-spec init architecture'",
    )
