"""What a module's own section says about it.

It reads ``**Label**: value`` lines, nested bullets, endpoint fences and tables, and
"depends on" in prose.

Labels are looked up in a vocabulary (``Aggregate``, ``Domain Events``, ``HTTP``,
``Database`` ...); a label the reader does not use is remembered, so that the module's
diagnostics can say what was skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._drafts import DependencyKind, ModuleDraft
from integration_spec.architecture._text import (
    Label,
    dependency_phrases,
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
from integration_spec.model.names import normalize_name

_PATH_FIELDS = frozenset({"source_paths"})


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

    def read_blocks(self, blocks: Iterable[Block]) -> None:
        """Read a run of sibling blocks; a bare label applies to the list or fence after it."""
        pending: _Statement | None = None
        for block in blocks:
            if isinstance(block, Paragraph):
                statements = self.read_text(block.text, block.line)
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
                pending = None
            elif isinstance(block, Table):
                self._read_table(block)
                pending = None
            elif isinstance(block, Quote):
                self.read_blocks(block.blocks)
                pending = None
            else:
                pending = None

    def read_text(self, text: str, first_line: int) -> list[_Statement]:
        """Apply every labelled line of a paragraph; unlabelled lines continue the last one."""
        statements: list[_Statement] = []
        for offset, raw in enumerate(text.split("\n")):
            line = first_line + offset
            self._scan_prose(raw, line)
            label = read_label(raw)
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
        self._scan_prose(text, first.line)
        self._apply_one(statement.label, text, first.line)
        for block in item.blocks[1:]:
            if isinstance(block, ListBlock):
                for inner in block.items:
                    self._read_value_item(statement, inner)

    def _read_fence(self, statement: _Statement, fence: Fence) -> None:
        """Endpoint lines in a code block under ``**Endpoints**:`` (``GET /users/:id``)."""
        if vocab.LABEL_FIELDS.get(statement.label.key) != "endpoints":
            return
        for offset, raw in enumerate(fence.content.split("\n")):
            endpoint = parse_endpoint(raw.split("#", 1)[0], require_method=True)
            if endpoint is not None:
                self.draft.add_endpoint(endpoint, fence.line + 1 + offset)

    def _read_table(self, table: Table) -> None:
        """Endpoint tables (``Method | Path``) and event tables inside the module's section."""
        headers = [normalize_name(plain(cell)) for cell in table.header.cells]
        method = _column(headers, {"method", "httpmethod", "verb"})
        route = _column(headers, {"path", "endpoint", "route", "url", "uri"})
        event = _column(headers, {"event", "events", "domainevent", "eventname"})
        for row in table.rows:
            cells = row.cells
            if route is not None and route < len(cells):
                text = cells[route]
                if method is not None and method < len(cells):
                    text = f"{cells[method]} {text}"
                endpoint = parse_endpoint(text)
                if endpoint is not None:
                    self.draft.add_endpoint(endpoint, row.line)
            if event is not None and event < len(cells):
                self.draft.add_values("domain_events", [head(cells[event])], row.line)

    def _scan_prose(self, text: str, line: int) -> None:
        for phrase in dependency_phrases(text):
            self.draft.add_dependency(phrase, line, DependencyKind.PROSE)

    def _field(self, label: Label, line: int) -> str | None:
        attribute = vocab.LABEL_FIELDS.get(label.key)
        if attribute is None and label.key not in vocab.KNOWN_UNUSED_LABELS:
            self.draft.skipped_labels.setdefault(label.label, line)
        return attribute

    def _apply(self, label: Label, value: str, line: int) -> None:
        """Apply a labelled line; ``value`` may hold several comma-separated entries."""
        attribute = self._field(label, line)
        if attribute is None or not value:
            return
        draft = self.draft
        if attribute == "responsibility":
            draft.set_responsibility(plain(value), line)
        elif attribute == "phase":
            self._set_phase(value, line)
        elif attribute == "dependencies":
            for name in split_values(value):
                draft.add_dependency(name, line, DependencyKind.EXPLICIT)
        elif attribute == "loose_dependencies":
            draft.add_dependency(value, line, DependencyKind.PROSE)
        elif attribute == "invariants":
            draft.add_values(attribute, split_sentences(value), line)
        elif attribute == "endpoints":
            for entry in raw_entries(value):
                endpoint = parse_endpoint(entry)
                if endpoint is not None:
                    draft.add_endpoint(endpoint, line)
        elif attribute in _PATH_FIELDS:
            draft.add_values(attribute, raw_entries(value), line)
        else:
            draft.add_values(attribute, split_values(value), line)

    def _apply_one(self, label: Label, text: str, line: int) -> None:
        """Apply a nested bullet: one entry, whose description after a dash is dropped."""
        attribute = self._field(label, line)
        if attribute is None or not text.strip():
            return
        if attribute in ("responsibility", "invariants", "loose_dependencies", "endpoints"):
            self._apply(label, text, line)
        elif attribute in _PATH_FIELDS:
            self.draft.add_values(attribute, raw_entries(head(text)), line)
        else:
            self._apply(label, head(text), line)

    def _set_phase(self, value: str, line: int) -> None:
        phase = small_int(value)
        if phase is not None and self.draft.phase is None:
            self.draft.phase = phase
            self.draft.note_line("phase", line)


def _column(headers: list[str], names: set[str]) -> int | None:
    for index, header in enumerate(headers):
        if header in names:
            return index
    return None
