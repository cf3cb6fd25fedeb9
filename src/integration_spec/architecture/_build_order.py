"""The build order: ``1. Foundation (Phase 1)``, ``- Wave 1: patients, staff``, or a table.

A build order is a numbered sequence of steps, each naming modules: ``Phase``, ``Wave``,
``Stage``, ``Milestone``, ``Step`` (and the same words in other languages) followed by a
number. It is read under a heading that says it is the build order (``Build Order``,
``Delivery Waves``), and anywhere else from a list whose every item starts with such a
numbered step. It assigns each module its phase; it never creates a module, and it
reports entries that name none (warnings under a build-order heading, where every entry
is meant to be a module; notes elsewhere, where an entry may be a feature).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._meaning import header_key, is_build_order
from integration_spec.architecture._outline import Section
from integration_spec.architecture._text import clean_name, head, plain, small_int, split_values
from integration_spec.architecture.codes import ArchitectureCode, ragged_severity, report
from integration_spec.markdown.blocks import ListBlock, Paragraph, Table
from integration_spec.model.diagnostics import Diagnostic

_STEP = "|".join(vocab.PHASE_WORDS)
_CJK_STEP = "|".join(vocab.CJK_PHASE_WORDS)
_PHASE_AFTER = re.compile(
    rf"^(?P<names>.*?)\s*[(（\[]\s*(?:{_STEP})\s*(?P<phase>\d{{1,6}})\s*[)）\]]", re.IGNORECASE
)
_PHASE_BEFORE = re.compile(
    rf"^(?:{_STEP})\s*(?P<phase>\d{{1,6}})\s*[:：.)\-–—]?\s*(?P<names>.*)$", re.IGNORECASE
)
_CJK_PHASE = re.compile(
    rf"^(?:第\s*(?P<a>\d{{1,6}})\s*(?:{_CJK_STEP})|(?:{_CJK_STEP})\s*(?P<b>\d{{1,6}}))"
    r"\s*[:：.、)\-–—]?\s*(?P<names>.*)$"
)
_AND = re.compile(r"\s+(?:and|&|\+|e|y|et|und|和|与)\s+", re.IGNORECASE)
_PHASE_COLUMNS = frozenset(
    {"phase", "buildphase", "order", "step", "no", "nr", "", "stage", "wave", "milestone", "fase"}
)
_MODULES_COLUMNS = frozenset(
    {
        "modules",
        "module",
        "services",
        "service",
        "contexts",
        "context",
        "boundedcontexts",
        "components",
        "módulos",
        "modulos",
        "模块",
    }
)


@dataclass(frozen=True, slots=True)
class BuildEntry:
    """One module named in the build order, with its phase."""

    name: str
    phase: int
    line: int
    construct: str
    stated: bool
    """Under a build-order heading: an entry that names no module is a warning."""


def read_build_order(root: Section, path: str) -> tuple[list[BuildEntry], list[Diagnostic]]:
    """Every build-order entry of the document, and ragged rows of a build-order table."""
    entries: list[BuildEntry] = []
    diagnostics: list[Diagnostic] = []
    for section in root.walk():
        stated = section.heading is not None and is_build_order(section.title)
        where = f"build order under {section.title!r}" if section.heading else "build order"
        step = _step(plain(section.title)) if section.heading is not None else None
        if step is not None:
            entries += _heading_entries(section, step, where)
            continue
        for block in section.blocks:
            if isinstance(block, ListBlock) and (stated or _is_step_list(block)):
                entries += _list_entries(block, where, stated=stated)
            elif isinstance(block, Table) and stated:
                found, ragged = _table_entries(block, path, where)
                entries += found
                diagnostics += ragged
    return entries, diagnostics


def _heading_entries(section: Section, step: tuple[int, str], where: str) -> list[BuildEntry]:
    """``### Phase 2: Orders`` with a list below: the heading's step is the phase of them all.

    A heading that is itself a numbered step (``Phase 2``, ``Wave 1 — Core``) is one step
    of a build order written as sections; the names in its title and the first lines of
    its lists are the step's entries. Entries only assign phases to modules named
    elsewhere, so a step that lists features or tasks changes nothing (notes only).
    """
    phase, names = step
    line = section.heading.line if section.heading is not None else 0
    entries = [
        BuildEntry(name, phase, line, f"{where}, heading", False)
        for name in split_entry_names(names)
    ]
    for block in section.blocks:
        if not isinstance(block, ListBlock):
            continue
        for position, item in enumerate(block.items, start=1):
            text = _first_line(item.blocks)
            if text is None:
                continue
            entries += [
                BuildEntry(name, phase, item.line, f"{where}, item {position}", False)
                for name in split_entry_names(head(text))
            ]
    return entries


def split_entry_names(text: str) -> list[str]:
    """``Identity, Catalog`` -> two names; ``Identity and Catalog`` too."""
    names: list[str] = []
    for part in split_values(text):
        names += [clean_name(name) for name in _AND.split(part) if clean_name(name)]
    return names


def _first_line(item_blocks: tuple[object, ...]) -> str | None:
    first = item_blocks[0] if item_blocks else None
    return plain(first.text.split("\n", 1)[0]) if isinstance(first, Paragraph) else None


def _step(text: str) -> tuple[int, str] | None:
    """``Wave 2: a, b`` -> (2, ``a, b``); ``a (Phase 2)`` -> (2, ``a``); else ``None``."""
    after = _PHASE_AFTER.match(text)
    if after:
        return int(after.group("phase")), after.group("names")
    before = _PHASE_BEFORE.match(text)
    if before:
        return int(before.group("phase")), head(before.group("names"))
    cjk = _CJK_PHASE.match(text)
    if cjk:
        return int(cjk.group("a") or cjk.group("b")), head(cjk.group("names"))
    return None


def _is_step_list(block: ListBlock) -> bool:
    """A list whose every item starts with a numbered step is a build order anywhere."""
    lines = [_first_line(item.blocks) for item in block.items]
    return bool(lines) and all(line is not None and _step(line) for line in lines)


def _list_entries(block: ListBlock, where: str, *, stated: bool) -> list[BuildEntry]:
    entries: list[BuildEntry] = []
    for position, item in enumerate(block.items, start=1):
        text = _first_line(item.blocks)
        if text is None:
            continue
        step = _step(text)
        if step is not None:
            phase, names = step
        else:
            names, phase = head(text), item.number if item.number is not None else position
        construct = f"{where}, item {position}"
        entries += [
            BuildEntry(name, phase, item.line, construct, stated)
            for name in split_entry_names(names)
        ]
    return entries


def _table_entries(
    table: Table, path: str, where: str
) -> tuple[list[BuildEntry], list[Diagnostic]]:
    headers = [header_key(cell) for cell in table.header.cells]
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
                    severity=ragged_severity(row.written_cells, width),
                )
            )
        cells = row.cells
        phase = None
        if phase_column is not None and phase_column < len(cells):
            phase = small_int(cells[phase_column])
        names = cells[module_column] if module_column < len(cells) else ""
        entries += [
            BuildEntry(
                name,
                phase if phase is not None else position,
                row.line,
                f"{where}, table row {position}",
                True,
            )
            for name in split_entry_names(names)
        ]
    return entries, diagnostics
