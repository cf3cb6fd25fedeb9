"""Module tables: which tables list modules, and what each row says about its module.

A table lists modules when a header cell is a module column (``Module``, ``Service``,
``Bounded Context``, ``Component``...) and nothing but a number, phase or layer column
stands before it. A ``Component | Technology`` table is a technology stack, not a module
list; a table whose first column is something else (``Stage | Service``) is not the
document's inventory either.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._candidates import EVIDENCE, INVENTORY, Candidate
from integration_spec.architecture._drafts import DependencyKind, ModuleDraft
from integration_spec.architecture._text import (
    clean_name,
    is_infrastructure,
    looks_like_name,
    parse_endpoint,
    plain,
    raw_entries,
    small_int,
    split_sentences,
    split_values,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import Table, TableRow
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import normalize_name


@dataclass(frozen=True, slots=True)
class ModuleTable:
    """A table that lists modules: its module column and the field of each other column."""

    table: Table
    module_column: int
    strong: bool
    fields: dict[int, str]


def column_field(header: str) -> str | None:
    """Return the Module field a (squashed) header fills, if any."""
    field = vocab.TABLE_FIELDS.get(header)
    if field is None and any(stem in header for stem in vocab.RESPONSIBILITY_STEMS):
        field = "responsibility"
    return field


def classify_table(table: Table, path: str) -> tuple[ModuleTable | None, list[Diagnostic]]:
    """Whether ``table`` lists modules, and why not when it nearly does."""
    headers = [normalize_name(plain(cell)) for cell in table.header.cells]
    module_column = next(
        (
            index
            for index, header in enumerate(headers)
            if header in vocab.STRONG_MODULE_COLUMNS or header in vocab.WEAK_MODULE_COLUMNS
        ),
        None,
    )
    if module_column is None:
        return None, []
    written = table.header.cells[module_column]
    if any(header not in vocab.LEADING_COLUMNS for header in headers[:module_column]):
        first = table.header.cells[0]
        return None, [
            report(
                ArchitectureCode.TABLE_SKIPPED,
                f"table not read as a module table: its column {written!r} is not the first "
                f"column (the first is {first!r})",
                path=path,
                line=table.line,
            )
        ]
    strong = headers[module_column] in vocab.STRONG_MODULE_COLUMNS
    if not strong and any(header in vocab.TECHNOLOGY_COLUMNS for header in headers):
        return None, [
            report(
                ArchitectureCode.TABLE_SKIPPED,
                f"table not read as a module table: its {written!r} column lists a "
                "technology stack",
                path=path,
                line=table.line,
            )
        ]
    fields = {
        index: field
        for index, header in enumerate(headers)
        if index != module_column and (field := column_field(header)) is not None
    }
    return ModuleTable(table, module_column, strong, fields), []


def table_candidates(
    module_table: ModuleTable, path: str
) -> tuple[list[Candidate], list[Diagnostic]]:
    """One candidate per row that names a module; skipped and ragged rows reported."""
    table = module_table.table
    width = len(table.header.cells)
    candidates: list[Candidate] = []
    diagnostics: list[Diagnostic] = []
    where = f"the table at line {table.line}"
    for row in table.rows:
        if row.written_cells != width:
            diagnostics.append(
                report(
                    ArchitectureCode.RAGGED_ROW,
                    f"table row has {row.written_cells} cells but the header has {width}",
                    path=path,
                    line=row.line,
                    hint="give every row of the module table as many cells as its header",
                )
            )
        raw = (
            row.cells[module_table.module_column]
            if module_table.module_column < len(row.cells)
            else ""
        )
        name = clean_name(raw)
        reason = _skip_reason(name, strong=module_table.strong)
        if reason:
            diagnostics.append(
                report(
                    ArchitectureCode.ROW_SKIPPED,
                    f"table row skipped: {reason}",
                    path=path,
                    line=row.line,
                )
            )
            continue
        candidates.append(
            Candidate(
                name=name,
                line=row.line,
                tier=INVENTORY if module_table.strong else EVIDENCE,
                group=f"table:{table.line}",
                where=where,
                fill=_RowFiller(module_table.fields, row),
            )
        )
    return candidates, diagnostics


def _skip_reason(name: str, *, strong: bool) -> str:
    if not normalize_name(name):
        return "its module cell is empty"
    if not looks_like_name(name):
        return f"{name!r} does not look like a module name"
    if not strong and is_infrastructure(name):
        return f"{name!r} is an infrastructure component, not a module"
    return ""


@dataclass(frozen=True, slots=True)
class _RowFiller:
    """Adds one row's cells to a draft (a callable, so a candidate can carry it)."""

    fields: dict[int, str]
    row: TableRow

    def __call__(self, draft: ModuleDraft) -> None:
        line = self.row.line
        for index, field in self.fields.items():
            cell = self.row.cells[index] if index < len(self.row.cells) else ""
            if not cell.strip():
                continue
            if field == "responsibility":
                draft.set_responsibility(plain(cell), line)
            elif field == "phase":
                phase = small_int(cell)
                if phase is not None and draft.phase is None:
                    draft.phase = phase
                    draft.note_line("phase", line)
            elif field in ("dependencies", "external_dependencies"):
                kind = (
                    DependencyKind.EXPLICIT if field == "dependencies" else DependencyKind.EXTERNAL
                )
                for name in split_values(cell):
                    draft.add_dependency(name, line, kind)
                    draft.note_line("dependencies", line)
            elif field == "endpoints":
                for entry in raw_entries(cell):
                    endpoint = parse_endpoint(entry)
                    if endpoint is not None:
                        draft.add_endpoint(endpoint, line)
            elif field == "invariants":
                draft.add_values(field, split_sentences(cell), line)
            else:
                draft.add_values(field, split_values(cell), line)
