"""The build order: ``1. Foundation (Phase 1)``, ``Phase 2: Identity, Catalog``, or a table.

It assigns each module its phase; it never creates a module, and it reports entries that
name none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._outline import Section
from integration_spec.architecture._text import clean_name, head, plain, small_int, split_values
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import ListBlock, Paragraph, Table
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import normalize_name

_PHASE_AFTER = re.compile(
    r"^(?P<names>.*?)\s*[(（]\s*phase\s*(?P<phase>\d{1,6})\s*[)）]", re.IGNORECASE
)
_PHASE_BEFORE = re.compile(
    r"^phase\s*(?P<phase>\d{1,6})\s*[:：.)\-–—]?\s*(?P<names>.*)$", re.IGNORECASE
)
_AND = re.compile(r"\s+(?:and|&|\+)\s+", re.IGNORECASE)
_PHASE_COLUMNS = frozenset({"phase", "buildphase", "order", "step", "no", "nr", "", "stage"})
_MODULES_COLUMNS = frozenset(
    {"modules", "module", "services", "service", "contexts", "boundedcontexts"}
)


@dataclass(frozen=True, slots=True)
class BuildEntry:
    """One module named in the build order, with its phase."""

    name: str
    phase: int
    line: int


def is_build_order(title: str) -> bool:
    """Whether a heading introduces the build order."""
    squashed = normalize_name(title)
    return squashed in vocab.BUILD_ORDER_HEADINGS or "buildorder" in squashed


def read_build_order(root: Section, path: str) -> tuple[list[BuildEntry], list[Diagnostic]]:
    """Every build-order entry of the document, and ragged rows of a build-order table."""
    entries: list[BuildEntry] = []
    diagnostics: list[Diagnostic] = []
    for section in root.walk():
        if section.heading is None or not is_build_order(section.title):
            continue
        for block in section.blocks:
            if isinstance(block, ListBlock):
                entries += _list_entries(block)
            elif isinstance(block, Table):
                found, ragged = _table_entries(block, path)
                entries += found
                diagnostics += ragged
    return entries, diagnostics


def split_entry_names(text: str) -> list[str]:
    """``Identity, Catalog`` -> two names; ``Identity and Catalog`` too."""
    names: list[str] = []
    for part in split_values(text):
        names += [clean_name(name) for name in _AND.split(part) if clean_name(name)]
    return names


def _list_entries(block: ListBlock) -> list[BuildEntry]:
    entries: list[BuildEntry] = []
    for position, item in enumerate(block.items, start=1):
        first = item.blocks[0] if item.blocks else None
        if not isinstance(first, Paragraph):
            continue
        text = plain(first.text.split("\n", 1)[0])
        after = _PHASE_AFTER.match(text)
        before = _PHASE_BEFORE.match(text)
        if after:
            names, phase = after.group("names"), int(after.group("phase"))
        elif before:
            names, phase = head(before.group("names")), int(before.group("phase"))
        else:
            names, phase = head(text), item.number if item.number is not None else position
        entries += [BuildEntry(name, phase, item.line) for name in split_entry_names(names)]
    return entries


def _table_entries(table: Table, path: str) -> tuple[list[BuildEntry], list[Diagnostic]]:
    headers = [normalize_name(plain(cell)) for cell in table.header.cells]
    phase_column = next((i for i, h in enumerate(headers) if h in _PHASE_COLUMNS), None)
    module_column = next((i for i, h in enumerate(headers) if h in _MODULES_COLUMNS), None)
    if module_column is None:
        return [], []
    entries: list[BuildEntry] = []
    diagnostics: list[Diagnostic] = []
    width = len(table.header.cells)
    for position, row in enumerate(table.rows, start=1):
        if row.written_cells != width:
            diagnostics.append(
                report(
                    ArchitectureCode.RAGGED_ROW,
                    f"build-order row has {row.written_cells} cells but the header has {width}",
                    path=path,
                    line=row.line,
                )
            )
        cells = row.cells
        phase = None
        if phase_column is not None and phase_column < len(cells):
            phase = small_int(cells[phase_column])
        names = cells[module_column] if module_column < len(cells) else ""
        entries += [
            BuildEntry(name, phase if phase is not None else position, row.line)
            for name in split_entry_names(names)
        ]
    return entries, diagnostics
