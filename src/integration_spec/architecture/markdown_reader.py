"""The tolerant reader of architecture documents written in markdown.

It reads the hexagonal layout (``## Module Inventory`` table, ``## Build Order``,
``## Module: <name>`` sections) and the variants real documents use: module tables with a
``Service``/``Context``/``Component`` column, one heading per service, module lists. It
never invents a module: layer names, UI pages and infrastructure are not modules unless the
document's module table says so. What it skips it reports (codes in
:mod:`integration_spec.architecture.codes`).
"""

from __future__ import annotations

from integration_spec.architecture._build_order import BuildEntry, is_build_order, read_build_order
from integration_spec.architecture._candidates import Candidate, assemble
from integration_spec.architecture._drafts import DraftBook
from integration_spec.architecture._lists import module_lists
from integration_spec.architecture._outline import Section, build_outline, document_title
from integration_spec.architecture._resolve import check_graph, resolve_dependencies
from integration_spec.architecture._sections import scan_headings
from integration_spec.architecture._tables import classify_table, table_candidates
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import Table, parse_blocks
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import suggest

__all__ = ["read_markdown_architecture"]


def read_markdown_architecture(text: str, path: str) -> Architecture:
    """Read an architecture document; problems and skipped parts are in ``diagnostics``."""
    root = build_outline(parse_blocks(text))
    headings = scan_headings(root, path)
    excluded = {id(section) for section in headings.module_sections}
    diagnostics = list(headings.diagnostics)
    candidates = list(headings.candidates)

    found, skipped = _table_candidates(root, excluded, path)
    candidates += found
    diagnostics += skipped
    found, skipped = module_lists(root, headings.collections, excluded, path)
    candidates += found
    diagnostics += skipped

    book, merged = assemble(candidates, path)
    diagnostics += merged
    entries, ragged = read_build_order(root, path)
    diagnostics += ragged + _apply_build_order(book, entries, path)
    diagnostics += resolve_dependencies(book, path)
    diagnostics += _skipped_labels(book, path)

    modules = tuple(draft.freeze() for draft in book.in_order())
    diagnostics += check_graph(modules, path)
    if not modules:
        diagnostics.append(
            report(
                ArchitectureCode.NO_MODULES,
                "no modules found: the document has no module table, no module headings "
                "and no module list",
                path=path,
                line=None,
                hint="list the modules in a table '| Module | Responsibility | Dependencies |' "
                "or in '## Module: <name>' sections, or write architecture.yaml",
            )
        )
    diagnostics.sort(key=lambda diagnostic: diagnostic.line or 0)
    return Architecture(
        title=document_title(root), path=path, modules=modules, diagnostics=tuple(diagnostics)
    )


def _table_candidates(
    root: Section, excluded: set[int], path: str
) -> tuple[list[Candidate], list[Diagnostic]]:
    """Rows of module tables outside module sections and the build order."""
    candidates: list[Candidate] = []
    diagnostics: list[Diagnostic] = []
    stack = [root]
    while stack:
        section = stack.pop()
        if id(section) in excluded or (section.heading and is_build_order(section.title)):
            continue
        stack.extend(reversed(section.children))
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            module_table, skipped = classify_table(block, path)
            diagnostics += skipped
            if module_table is not None:
                found, row_diagnostics = table_candidates(module_table, path)
                candidates += found
                diagnostics += row_diagnostics
    return candidates, diagnostics


def _apply_build_order(book: DraftBook, entries: list[BuildEntry], path: str) -> list[Diagnostic]:
    """Give modules their build phase; report unknown entries and conflicting phases."""
    diagnostics: list[Diagnostic] = []
    known = [draft.name for draft in book.in_order()]
    placed: set[str] = set()
    for entry in entries:
        draft = book.get(entry.name)
        if draft is None:
            close = suggest(entry.name, known)
            diagnostics.append(
                report(
                    ArchitectureCode.UNKNOWN_BUILD_ORDER_ENTRY,
                    f"build order names {entry.name!r}, which is not a module of this architecture",
                    path=path,
                    line=entry.line,
                    hint=f"did you mean {' or '.join(map(repr, close))}?" if close else None,
                )
            )
            continue
        placed.add(draft.name)
        if draft.phase is None:
            draft.phase = entry.phase
            draft.note_line("phase", entry.line)
        elif draft.phase != entry.phase:
            diagnostics.append(
                report(
                    ArchitectureCode.CONFLICT,
                    f"build order puts {draft.name!r} in phase {entry.phase}, but line "
                    f"{draft.lines.get('phase', draft.line)} says phase {draft.phase}",
                    path=path,
                    line=entry.line,
                )
            )
    if entries:
        first = min(entry.line for entry in entries)
        for draft in book.in_order():
            if draft.name not in placed and draft.phase is None:
                diagnostics.append(
                    report(
                        ArchitectureCode.NOT_IN_BUILD_ORDER,
                        f"module {draft.name!r} is not in the build order (line {first})",
                        path=path,
                        line=draft.line,
                    )
                )
    return diagnostics


def _skipped_labels(book: DraftBook, path: str) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for draft in book.in_order():
        if draft.skipped_labels:
            labels = ", ".join(draft.skipped_labels)
            diagnostics.append(
                report(
                    ArchitectureCode.LABELS_SKIPPED,
                    f"module {draft.name!r}: skipped labels the model has no field for: {labels}",
                    path=path,
                    line=min(draft.skipped_labels.values()),
                )
            )
    return diagnostics
