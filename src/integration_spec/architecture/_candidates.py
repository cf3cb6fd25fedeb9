"""Places that name a module, and the rule that decides which of them may create one.

A module table with a ``Module`` column and ``## Module: x`` headings are the document's
own inventory (tier 1). Headings such as ``### Orders Service``, headings under
``## Services`` and lists under ``## Modules`` are weaker evidence (tier 2): they create
modules only in a document without an inventory, and otherwise only add to its modules.
That is how the reader avoids inventing modules from a document's other sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integration_spec.architecture._drafts import DraftBook, ModuleDraft
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import name_key

INVENTORY = 1
"""Tier of a module table with a strong column and of explicit ``Module:`` headings."""
EVIDENCE = 2
"""Tier of service headings, headings under a modules heading, module lists, weak tables."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A module named somewhere, with what that place says about it."""

    name: str
    line: int
    tier: int
    group: str
    """Where it was named (a table, a list, the headings); a repeat there is a duplicate."""
    where: str
    """The place in words, for messages: ``the table at line 12``."""
    fill: Callable[[ModuleDraft], None]
    """Adds what this place says to the module's draft."""


def assemble(candidates: list[Candidate], path: str) -> tuple[DraftBook, list[Diagnostic]]:
    """Create and fill the drafts, in document order, by the tier rule."""
    book = DraftBook()
    diagnostics: list[Diagnostic] = []
    candidates = sorted(candidates, key=lambda candidate: candidate.line)
    has_inventory = any(candidate.tier == INVENTORY for candidate in candidates)
    for candidate in candidates:
        if candidate.tier == INVENTORY:
            book.add(candidate.name, candidate.line)
    seen: dict[tuple[str, str], int] = {}
    skipped: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        key = (candidate.group, name_key(candidate.name))
        if key in seen:
            diagnostics.append(
                report(
                    ArchitectureCode.DUPLICATE_MODULE,
                    f"module {candidate.name!r} is listed twice in {candidate.where} "
                    f"(first at line {seen[key]}); what both say is merged",
                    path=path,
                    line=candidate.line,
                )
            )
        else:
            seen[key] = candidate.line
        draft = book.get(candidate.name)
        if draft is None and has_inventory:
            skipped.setdefault(candidate.group, []).append(candidate)
            continue
        if draft is None:
            draft = book.add(candidate.name, candidate.line)
        candidate.fill(draft)
    for group in skipped.values():
        diagnostics.append(_skipped_group(group, path))
    return book, diagnostics


def _skipped_group(group: list[Candidate], path: str) -> Diagnostic:
    names = ", ".join(repr(candidate.name) for candidate in group)
    noun = "name" if len(group) == 1 else "names"
    return report(
        ArchitectureCode.ITEM_SKIPPED,
        f"skipped {len(group)} {noun} in {group[0].where}: {names}; they are not in the "
        "document's module inventory (its module table or Module: headings)",
        path=path,
        line=group[0].line,
    )
