"""What a module's own section says about it.

It reads ``**Label**: value`` lines and labelled bullets (``* Emits: A, B``, ``* API:
POST /x``), nested bullets under a bare label, endpoint fences and tables, two-column
``Aspect | Description`` tables (the same labels written as rows), and keeps every line
of prose so that "calls the catalog" can be resolved once all modules are known.

Labels are looked up by meaning in a vocabulary (``Aggregate``, ``Domain Events``,
``Emits``, ``HTTP``, ``Database`` ...); a label the reader does not use is remembered, so
that the module's diagnostics can say what was skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._drafts import DependencyKind, ModuleDraft
from integration_spec.architecture._events import published_events
from integration_spec.architecture._meaning import header_key, label_field
from integration_spec.architecture._text import (
    Label,
    head,
    parse_endpoint,
    plain,
    raw_entries,
    read_label,
    small_int,
    split_sentences,
    split_values,
)
from integration_spec.markdown.blocks import (
    Block,
    Fence,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Table,
)

_PATH_FIELDS = frozenset({"source_paths"})
_METHOD_COLUMNS = frozenset({"method", "httpmethod", "verb", "método", "metodo", "méthode"})
_ROUTE_COLUMNS = frozenset(
    {"path", "endpoint", "endpoints", "route", "routes", "url", "uri", "rota", "ruta", "chemin"}
)
_EVENT_COLUMNS = frozenset(
    {"event", "events", "domainevent", "eventname", "evento", "eventos", "événement", "事件"}
)
_KEY_VALUE_WIDTH = 2


@dataclass(slots=True)
class _Statement:
    """A label with its value (continuation lines joined) and its line."""

    label: Label
    value: str
    line: int


@dataclass(slots=True)
class AttributeReader:
    """Fills one draft from blocks; labels it has no use for go to ``draft.skipped_labels``."""

    draft: ModuleDraft
    where: str
    """The construct the blocks belong to, for evidence: ``heading 2.1 'Workspace'``."""

    def read_section(self, title: str, line: int, blocks: Iterable[Block]) -> None:
        """Read a sub-section; a heading that is a label (``#### Domain Events``) labels it."""
        label = Label(title.rstrip(":："), "")
        if label_field(label.label) is None:
            self.read_blocks(blocks)
            return
        self.read_blocks(blocks, pending=_Statement(label, "", line))

    def read_blocks(self, blocks: Iterable[Block], pending: _Statement | None = None) -> None:
        """Read a run of sibling blocks; a bare label applies to the list or fence after it.

        ``pending`` is a label that applies to the first list, fence or paragraph (a label
        heading above the blocks).
        """
        sticky = pending is not None
        for block in blocks:
            if isinstance(block, Paragraph) and (bold := _bold_label(block.text)) is not None:
                pending = _Statement(bold, "", block.line)
                sticky = False
                continue
            if isinstance(block, Paragraph):
                statements = self.read_text(block.text, block.line)
                if sticky and pending is not None and not statements:
                    self._apply_one(pending.label, plain(block.text), block.line)
                    continue
                last = statements[-1] if statements else None
                pending = last if last is not None and not last.value else None
            elif isinstance(block, ListBlock):
                if pending is not None:
                    for item in block.items:
                        self._read_value_item(pending, item)
                else:
                    for item in block.items:
                        self._read_item(item)
                pending = None
            elif isinstance(block, Fence):
                if pending is not None:
                    self._read_fence(pending, block)
                else:
                    self._read_endpoint_lines(block)
                pending = None
            elif isinstance(block, Table):
                self._read_table(block)
                pending = None
            elif isinstance(block, Quote):
                self.read_blocks(block.blocks)
                pending = None
            else:
                pending = None
            sticky = False

    def read_text(self, text: str, first_line: int) -> list[_Statement]:
        """Apply every labelled line of a paragraph; unlabelled lines continue the last one."""
        statements: list[_Statement] = []
        for offset, raw in enumerate(text.split("\n")):
            line = first_line + offset
            label = read_label(raw)
            labelled = label is not None and label_field(label.label) is not None
            self._keep_prose(raw, line, events=not labelled)
            if label is not None:
                statements.append(_Statement(label, label.value, line))
            elif statements:
                statements[-1].value = f"{statements[-1].value} {raw.strip()}".strip()
        for statement in statements:
            self._apply(statement.label, statement.value, statement.line)
        return statements

    def _read_item(self, item: ListItem) -> None:
        first = item.blocks[0] if item.blocks else None
        if not isinstance(first, Paragraph):
            self.read_blocks(item.blocks)
            return
        self._endpoint_line(first.text.split("\n", 1)[0], first.line, "list item")
        statements = self.read_text(first.text, first.line)
        rest = item.blocks[1:]
        if len(statements) == 1 and not statements[0].value:
            pending = statements[0]
            for block in rest:
                if isinstance(block, ListBlock):
                    for inner in block.items:
                        self._read_value_item(pending, inner)
                elif isinstance(block, Fence):
                    self._read_fence(pending, block)
                else:
                    self.read_blocks((block,))
        else:
            self.read_blocks(rest)

    def _read_value_item(self, statement: _Statement, item: ListItem) -> None:
        """Read one nested bullet under a bare label as one value of that label."""
        first = item.blocks[0] if item.blocks else None
        if not isinstance(first, Paragraph):
            return
        text = " ".join(part.strip() for part in first.text.split("\n"))
        self._keep_prose(text, first.line)
        self._apply_one(statement.label, text, first.line)
        for block in item.blocks[1:]:
            if isinstance(block, ListBlock):
                for inner in block.items:
                    self._read_value_item(statement, inner)

    def _read_fence(self, statement: _Statement, fence: Fence) -> None:
        """Endpoint lines in a code block under ``**Endpoints**:`` (``GET /users/:id``)."""
        if label_field(statement.label.label) != "endpoints":
            return
        for offset, raw in enumerate(fence.content.split("\n")):
            endpoint = parse_endpoint(raw.split("#", 1)[0], require_method=True)
            if endpoint is not None:
                self.draft.add_endpoint(
                    endpoint, fence.line + 1 + offset, f"{self.where}, code block"
                )

    def _read_endpoint_lines(self, fence: Fence) -> None:
        """Lines of a code block that start with an HTTP method and a path are endpoints."""
        for offset, raw in enumerate(fence.content.split("\n")):
            self._endpoint_line(raw.split("#", 1)[0], fence.line + 1 + offset, "code block")

    def _endpoint_line(self, text: str, line: int, construct: str) -> None:
        """``POST /orders — create an order``: a line that starts with an endpoint names one."""
        endpoint = parse_endpoint(
            plain(text).split(" — ", 1)[0].split(" - ", 1)[0], require_method=True
        )
        if endpoint is not None and endpoint.path.startswith("/"):
            self.draft.add_endpoint(endpoint, line, f"{self.where}, {construct}")

    def _read_table(self, table: Table) -> None:
        """Endpoint and event tables, and two-column ``label | value`` tables."""
        headers = [header_key(cell) for cell in table.header.cells]
        method = _column(headers, _METHOD_COLUMNS)
        route = _column(headers, _ROUTE_COLUMNS)
        event = _column(headers, _EVENT_COLUMNS)
        where = f"{self.where}, table at line {table.line}"
        if method is None and route is None and event is None:
            if len(headers) == _KEY_VALUE_WIDTH:
                self._read_key_values(table, where)
            return
        for number, row in enumerate(table.rows, start=1):
            cells = row.cells
            if route is not None and route < len(cells):
                text = cells[route]
                if method is not None and method < len(cells):
                    text = f"{cells[method]} {text}"
                endpoint = parse_endpoint(text)
                if endpoint is not None:
                    self.draft.add_endpoint(endpoint, row.line, f"{where} row {number}")
            if event is not None and event < len(cells):
                self.draft.add_values(
                    "domain_events", [head(cells[event])], row.line, f"{where} row {number}"
                )

    def _read_key_values(self, table: Table, where: str) -> None:
        """``| **Role** | Billing |``: each row is a label and its value."""
        for number, row in enumerate(table.rows, start=1):
            if len(row.cells) < _KEY_VALUE_WIDTH:
                continue
            key, value = plain(row.cells[0]), row.cells[1]
            self._keep_prose(value, row.line)
            label = Label(key.rstrip(":："), value)
            if label_field(label.label) is not None:
                self._apply(label, value, row.line, construct=f"{where} row {number}")

    def _keep_prose(self, text: str, line: int, *, events: bool = True) -> None:
        """Keep a line of prose for its dependencies, and read the events it publishes.

        "calls the catalog" is resolved once all modules are known; a labelled line's events
        are read by its label instead (``events`` false).
        """
        if text.strip():
            self.draft.add_dependency(text, line, DependencyKind.PROSE, f"{self.where}, line text")
            published = published_events(text) if events else []
            if published:
                self.draft.add_values("domain_events", published, line, f"{self.where}, sentence")

    def _field(self, label: Label, line: int) -> str | None:
        attribute = label_field(label.label)
        if attribute is None and label.key not in vocab.KNOWN_UNUSED_LABELS:
            self.draft.skipped_labels.setdefault(label.label, line)
        return attribute

    def _apply(self, label: Label, value: str, line: int, construct: str | None = None) -> None:
        """Apply a labelled line; ``value`` may hold several comma-separated entries."""
        attribute = self._field(label, line)
        if attribute is None or not value:
            return
        draft = self.draft
        where = construct or f"{self.where}, '{label.label}'"
        if attribute == "responsibility":
            draft.set_responsibility(plain(value), line, where)
        elif attribute == "phase":
            phase = small_int(value)
            if phase is not None:
                draft.set_phase(phase, line, where)
        elif attribute == "dependencies":
            for name in split_values(value):
                draft.add_dependency(name, line, DependencyKind.EXPLICIT, where)
        elif attribute == "dependents":
            for name in split_values(value):
                draft.add_dependency(name, line, DependencyKind.DEPENDENTS, where)
        elif attribute == "loose_dependencies":
            for name in split_values(value):
                draft.add_dependency(name, line, DependencyKind.PROSE_NAME, where)
        elif attribute == "aliases":
            for name in split_values(value):
                draft.add_alias(name)
        elif attribute == "invariants":
            draft.add_values(attribute, split_sentences(value), line, where)
        elif attribute == "endpoints":
            for entry in raw_entries(value):
                endpoint = parse_endpoint(entry)
                if endpoint is not None:
                    draft.add_endpoint(endpoint, line, where)
        elif attribute in _PATH_FIELDS:
            draft.add_values(attribute, raw_entries(value), line, where)
        else:
            draft.add_values(attribute, split_values(value), line, where)

    def _apply_one(self, label: Label, text: str, line: int) -> None:
        """Apply a nested bullet: one entry, whose description after a dash is dropped."""
        attribute = self._field(label, line)
        if attribute is None or not text.strip():
            return
        if attribute in (
            "responsibility",
            "invariants",
            "loose_dependencies",
            "endpoints",
            "dependencies",
            "dependents",
        ):
            self._apply(label, head(text) if "dependenc" in attribute else text, line)
        elif attribute in _PATH_FIELDS:
            self.draft.add_values(attribute, raw_entries(head(text)), line, f"{self.where}")
        else:
            self._apply(label, head(text), line)


def _bold_label(text: str) -> Label | None:
    """A paragraph that is only ``**Publishes Events**`` labels the list after it."""
    stripped = text.strip()
    if "\n" in stripped or not stripped.startswith("**") or not stripped.endswith("**"):
        return None
    inner = stripped[2:-2].strip().rstrip(":：")
    if not inner or "**" in inner or label_field(inner) is None:
        return None
    return Label(plain(inner), "")


def _column(headers: list[str], names: frozenset[str]) -> int | None:
    for index, header in enumerate(headers):
        if header in names:
            return index
    return None
