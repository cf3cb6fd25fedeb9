"""Module tables: which tables list modules, and what each row says about its module.

A table lists modules when its first column (after a number, phase or layer column) means
a unit: ``Module``, ``Context``, ``Bounded Context`` anywhere; ``Service``, ``Component``,
``Domain`` too; and a plain ``Name`` under a heading that says it lists modules. The other
columns are read by the meaning of their header (``Upstream contexts`` are dependencies,
``Purpose`` the responsibility, ``Emits`` the events). A ``Component | Technology`` table
without a responsibility or dependency column is a technology stack, not a module list;
a table whose first column is something else (``Team | Components``) is not the
document's inventory either, unless a Module or Context column follows grouping columns
(``Area | Module``).

Event catalogues (``| Event | Publisher | Consumers |``) give each event to its publisher,
API tables (``| Method | Path | Service |``) each endpoint to its module, and
``| From | To |`` tables state calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._candidates import EVIDENCE, INVENTORY, Candidate
from integration_spec.architecture._drafts import DependencyKind, ModuleDraft
from integration_spec.architecture._meaning import (
    column_field,
    header_key,
    is_strong_inventory,
    module_column_strength,
)
from integration_spec.architecture._resolve import LooseStatement
from integration_spec.architecture._text import (
    NameParts,
    head,
    is_infrastructure,
    looks_like_name,
    parse_endpoint,
    plain,
    raw_entries,
    read_name,
    small_int,
    split_sentences,
    split_values,
)
from integration_spec.architecture.codes import ArchitectureCode, ragged_severity, report
from integration_spec.markdown.blocks import Table, TableRow
from integration_spec.model.architecture import Endpoint, SkippedCandidate
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import normalize_name

_METHOD_COLUMNS = frozenset({"method", "httpmethod", "verb", "método", "metodo", "méthode"})
_EVENT_COLUMNS = frozenset(
    {"event", "events", "eventname", "domainevent", "evento", "événement", "事件", "الحدث"}
)
_PUBLISHER_COLUMNS = frozenset(
    {
        "publisher",
        "publishers",
        "producer",
        "producers",
        "emitter",
        "emittedby",
        "publishedby",
        "raisedby",
        "owner",
        "source",
        "sourcemodule",
        "from",
        "produtor",
        "emisor",
        "émetteur",
        "发布者",
        "生产者",
    }
)


@dataclass(frozen=True, slots=True)
class ModuleTable:
    """A table that lists modules: its module column and the field of each other column."""

    table: Table
    module_column: int
    strong: bool
    """Infrastructure names are modules here (a Module column, or a Modules section)."""
    tier: int
    fields: dict[int, str]
    title: str
    """The heading the table stands under, for evidence."""


_ROUTE_COLUMNS = frozenset({"path", "endpoint", "endpoints", "route", "url", "uri", "rota", "ruta"})
_OWNER_COLUMNS = frozenset(
    {"module", "service", "component", "context", "owner", "handledby", "handler", "servedby"}
)


@dataclass(frozen=True, slots=True)
class EndpointClaim:
    """An API table row: ``endpoint`` is served by the module written ``owner``."""

    owner: str
    endpoint: Endpoint
    line: int
    construct: str


@dataclass(frozen=True, slots=True)
class EventClaim:
    """An event catalogue row: ``event`` is published by the module written ``publisher``."""

    publisher: str
    event: str
    line: int
    construct: str


def classify_table(
    table: Table, path: str, *, title: str, in_inventory: bool
) -> tuple[ModuleTable | None, list[Diagnostic]]:
    """Whether ``table`` lists modules, and why not when it nearly does."""
    written = table.header.cells
    headers = [header_key(cell) for cell in written]
    strengths = [module_column_strength(cell, in_inventory=in_inventory) for cell in written]
    module_column = next((index for index, strength in enumerate(strengths) if strength), None)
    strong_column = next((index for index, strength in enumerate(strengths) if strength == 2), None)
    if strong_column is not None and _only_grouping_before(written, headers, strong_column):
        module_column = strong_column
    if module_column is None and in_inventory:
        module_column = _first_name_column(written, headers)
        if module_column is not None:
            strengths[module_column] = 1
    if module_column is None:
        return None, []
    if module_column != strong_column and any(
        header not in vocab.LEADING_COLUMNS for header in headers[:module_column]
    ):
        return None, [
            report(
                ArchitectureCode.TABLE_SKIPPED,
                f"table not read as a module table: its column {written[module_column]!r} is "
                f"not the first column (the first is {written[0]!r})",
                path=path,
                line=table.line,
            )
        ]
    strength = strengths[module_column]
    described = any(column_field(cell) in ("responsibility", "dependencies") for cell in written)
    if (
        strength < 2
        and not described
        and any(header in vocab.TECHNOLOGY_COLUMNS for header in headers)
    ):
        return None, [
            report(
                ArchitectureCode.TABLE_SKIPPED,
                f"table not read as a module table: its {written[module_column]!r} column "
                "lists a technology stack",
                path=path,
                line=table.line,
            )
        ]
    has_method = any(header in _METHOD_COLUMNS for header in headers)
    fields: dict[int, str] = {}
    unused: list[str] = []
    for index, cell in enumerate(written):
        if index == module_column or headers[index] in vocab.LEADING_COLUMNS:
            continue
        field = column_field(cell)
        if has_method and headers[index] in _METHOD_COLUMNS | {"path", "route", "url"}:
            field = "endpoints"
        if field is None:
            unused.append(plain(cell))
        else:
            fields[index] = field
    tier = INVENTORY if strength == 2 or in_inventory else EVIDENCE
    strong = strength == 2 or (in_inventory and is_strong_inventory(title))
    diagnostics: list[Diagnostic] = []
    if unused and tier == INVENTORY:
        diagnostics.append(
            report(
                ArchitectureCode.COLUMNS_SKIPPED,
                f"module table at line {table.line}: "
                f"{'column' if len(unused) == 1 else 'columns'} "
                f"{', '.join(repr(name) for name in unused)} not read (no module field takes "
                f"{'it' if len(unused) == 1 else 'them'})",
                path=path,
                line=table.line,
            )
        )
    return ModuleTable(table, module_column, strong, tier, fields, title), diagnostics


def _only_grouping_before(written: tuple[str, ...], headers: list[str], column: int) -> bool:
    """A Module column after ``Area`` or ``Layer`` columns is still the module column.

    Columns before it may group the rows (an area, a layer, a context); a column that means
    an attribute (a responsibility, a dependency) before it means the table is about
    something else with modules mentioned.
    """
    return all(
        header in vocab.LEADING_COLUMNS or column_field(written[index]) is None
        for index, header in enumerate(headers[:column])
    )


def _first_name_column(written: tuple[str, ...], headers: list[str]) -> int | None:
    """The first column under a heading that lists units, whatever its header.

    ``| Crate | Purpose |`` under ``## Modules`` lists modules; a first column whose header
    means an attribute or a technology does not.
    """
    for index, header in enumerate(headers):
        if header in vocab.LEADING_COLUMNS:
            continue
        if column_field(written[index]) is not None or header in vocab.TECHNOLOGY_COLUMNS:
            return None
        return index
    return None


def table_candidates(
    module_table: ModuleTable, path: str
) -> tuple[list[Candidate], list[Diagnostic], list[SkippedCandidate]]:
    """One candidate per row that names a module; skipped and ragged rows reported."""
    table = module_table.table
    width = len(table.header.cells)
    column = table.header.cells[module_table.module_column]
    candidates: list[Candidate] = []
    diagnostics: list[Diagnostic] = []
    skipped: list[SkippedCandidate] = []
    source = f"the table under {module_table.title!r} (line {table.line})"
    for number, row in enumerate(table.rows, start=1):
        where = f"table {module_table.title!r} row {number}"
        if row.written_cells != width:
            diagnostics.append(
                report(
                    ArchitectureCode.RAGGED_ROW,
                    f"table row has {row.written_cells} cells but the header has {width}",
                    path=path,
                    line=row.line,
                    hint="give every row of the module table as many cells as its header",
                    severity=ragged_severity(row.written_cells, width),
                )
            )
        raw = (
            row.cells[module_table.module_column]
            if module_table.module_column < len(row.cells)
            else ""
        )
        parts = _cell_name(raw)
        reason = _skip_reason(parts.name, strong=module_table.strong)
        if reason:
            diagnostics.append(
                report(
                    ArchitectureCode.ROW_SKIPPED,
                    f"table row skipped: {reason}",
                    path=path,
                    line=row.line,
                )
            )
            if normalize_name(parts.name):
                skipped.append(
                    SkippedCandidate(name=parts.name, line=row.line, construct=where, reason=reason)
                )
            continue
        candidates.append(
            Candidate(
                name=parts.name,
                aliases=parts.aliases,
                line=row.line,
                tier=module_table.tier,
                group=f"table:{table.line}",
                source=source,
                where=f"{where}, column {plain(column)!r}",
                fill=_RowFiller(module_table, row, where),
            )
        )
    return candidates, diagnostics, skipped


def _cell_name(cell: str) -> NameParts:
    """``**Orders** — takes and tracks orders``: the name before a dash or colon."""
    parts = read_name(cell)
    if looks_like_name(parts.name):
        return parts
    text = plain(cell)
    for separator in (" — ", " – ", " - ", ": "):
        if separator in text:
            left = read_name(text.split(separator, 1)[0])
            if looks_like_name(left.name):
                return left
    return parts


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

    module_table: ModuleTable
    row: TableRow
    where: str

    def __call__(self, draft: ModuleDraft) -> None:
        line = self.row.line
        header = self.module_table.table.header.cells
        for index, field in self.module_table.fields.items():
            cell = self.row.cells[index] if index < len(self.row.cells) else ""
            if not cell.strip():
                continue
            where = f"{self.where}, column {plain(header[index])!r}"
            _fill_cell(draft, field, cell, line, where)


def _fill_cell(draft: ModuleDraft, field: str, cell: str, line: int, where: str) -> None:
    if field == "responsibility":
        draft.set_responsibility(plain(cell), line, where)
    elif field == "phase":
        phase = small_int(cell)
        if phase is not None:
            draft.set_phase(phase, line, where)
    elif field in ("dependencies", "external_services_or_dependencies"):
        for name in split_values(cell):
            draft.add_dependency(name, line, DependencyKind.EXPLICIT, where)
    elif field == "dependents":
        for name in split_values(cell):
            draft.add_dependency(name, line, DependencyKind.DEPENDENTS, where)
    elif field == "external_services":
        for name in split_values(cell):
            draft.add_dependency(name, line, DependencyKind.EXTERNAL, where)
    elif field == "endpoints":
        for entry in raw_entries(cell):
            endpoint = parse_endpoint(entry)
            if endpoint is not None:
                draft.add_endpoint(endpoint, line, where)
    elif field == "invariants":
        draft.add_values(field, split_sentences(cell), line, where)
    elif field == "source_paths":
        draft.add_values(field, raw_entries(cell), line, where)
    else:
        draft.add_values(field, split_values(cell), line, where)


def event_claims(table: Table, title: str) -> list[EventClaim]:
    """Rows of an event catalogue: each event with the module that publishes it."""
    headers = [header_key(cell) for cell in table.header.cells]
    event = next((i for i, h in enumerate(headers) if h in _EVENT_COLUMNS), None)
    publisher = next((i for i, h in enumerate(headers) if h in _PUBLISHER_COLUMNS), None)
    if event is None or publisher is None:
        return []
    claims: list[EventClaim] = []
    for number, row in enumerate(table.rows, start=1):
        cells = row.cells
        if max(event, publisher) >= len(cells):
            continue
        name = head(cells[event])
        for owner in split_values(cells[publisher]):
            if name:
                claims.append(
                    EventClaim(owner, name, row.line, f"event table {title!r} row {number}")
                )
    return claims


def endpoint_claims(table: Table, title: str) -> list[EndpointClaim]:
    """Rows of an API table (``| Method | Path | Service |``): each endpoint with its module."""
    headers = [header_key(cell) for cell in table.header.cells]
    method = next((i for i, h in enumerate(headers) if h in _METHOD_COLUMNS), None)
    route = next((i for i, h in enumerate(headers) if h in _ROUTE_COLUMNS), None)
    owner = next((i for i, h in enumerate(headers) if h in _OWNER_COLUMNS), None)
    if route is None or owner is None:
        return []
    claims: list[EndpointClaim] = []
    for number, row in enumerate(table.rows, start=1):
        cells = row.cells
        if max(route, owner, method or 0) >= len(cells):
            continue
        text = f"{cells[method]} {cells[route]}" if method is not None else cells[route]
        endpoint = parse_endpoint(text)
        if endpoint is not None and endpoint.path.startswith("/"):
            claims.append(
                EndpointClaim(cells[owner], endpoint, row.line, f"API table {title!r} row {number}")
            )
    return claims


_CALLER_COLUMNS = frozenset(
    {"from", "source", "caller", "client", "consumer", "downstream", "origem", "origen", "de"}
)
_CALLEE_COLUMNS = frozenset(
    {"to", "target", "callee", "server", "provider", "upstream", "destino", "para", "dependson"}
)


def relation_rows(table: Table, title: str) -> list[LooseStatement]:
    """``| From | To | Protocol |`` (or Caller/Callee, Consumer/Provider): one call per row.

    Each row becomes ``from -> to``, kept only when both name modules. Producer/Consumer
    tables are event flows, not dependencies, and are not read here.
    """
    headers = [header_key(cell) for cell in table.header.cells]
    caller = next((i for i, h in enumerate(headers) if h in _CALLER_COLUMNS), None)
    callee = next((i for i, h in enumerate(headers) if h in _CALLEE_COLUMNS), None)
    if caller is None or callee is None or caller == callee:
        return []
    rows: list[LooseStatement] = []
    for number, row in enumerate(table.rows, start=1):
        if max(caller, callee) >= len(row.cells):
            continue
        text = f"{plain(row.cells[caller])} -> {plain(row.cells[callee])}"
        rows.append(
            LooseStatement(text, row.line, f"table {title!r} row {number}", True, verbs=False)
        )
    return rows
