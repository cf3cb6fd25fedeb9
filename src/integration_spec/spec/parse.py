"""Markdown to :class:`IntegrationSpec`: sections found by heading, every element with its line.

The parser never raises on content: what it cannot understand becomes a diagnostic (codes
``PS0xx``) and, where it is text, a note kept verbatim, so nothing the author wrote is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from integration_spec.markdown.blocks import (
    Block,
    Fence,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from integration_spec.markdown.document import Document, parse_document
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.names import split_names
from integration_spec.model.spec import (
    SECTION_HEADINGS,
    SECTION_LAYOUT,
    AsyncEvent,
    CompensationBlock,
    Deliverable,
    Diagram,
    E2ETest,
    EndpointContract,
    EventContract,
    ExtraSection,
    FailureMode,
    FeatureFlag,
    FlowStep,
    IntegrationSpec,
    IntegrationTest,
    Labelled,
    ListEntry,
    ModuleInvolvement,
    Phase,
    SectionKey,
    SectionLocation,
    SectionNote,
    SharedStateEntry,
    SyncCall,
    UnitTest,
)
from integration_spec.spec.headings import (
    classify_heading,
    has_title_prefix,
    phase_heading,
    title_text,
)
from integration_spec.spec.labels import label_key, read_bold_label, read_label
from integration_spec.spec.tables import (
    TABLE_COLUMNS,
    place_columns,
    table_kind,
    unescape_cell,
    without_comments,
)

_METADATA_FIELDS = {
    "architecture": "architecture",
    "architecturedoc": "architecture",
    "architecturedocument": "architecture",
    "type": "type",
    "integrationtype": "type",
    "priority": "priority",
}
_STEP_FIELDS = {
    "input": "input",
    "inputs": "input",
    "action": "action",
    "actions": "action",
    "output": "output",
    "outputs": "output",
    "failure": "failure",
    "onfailure": "failure",
    "failures": "failure",
    "trigger": "trigger",
    "triggeredby": "trigger",
    "compensation": "compensation",
    "compensate": "compensation",
    "undo": "compensation",
}
_PHASE_FIELDS = {
    "goal": "goal",
    "goals": "goal",
    "outcome": "goal",
    "modules": "modules",
    "module": "modules",
    "deliverables": "deliverables",
    "exitcriteria": "exit_criteria",
    "exit": "exit_criteria",
    "donewhen": "exit_criteria",
}
_CHECKBOXES = {"[ ]": False, "[x]": True, "[X]": True}


def parse_spec_text(text: str, path: str = "") -> IntegrationSpec:
    """Parse a spec document; problems are reported in ``spec.diagnostics``."""
    return parse_spec_document(parse_document(text), path)


def parse_spec_document(document: Document, path: str = "") -> IntegrationSpec:
    """Read a spec from an already parsed document (``check`` shares one per file)."""
    return _SpecParser(document, path).parse()


@dataclass
class _Segment:
    heading: Heading | None
    blocks: list[Block] = field(default_factory=list)


def _segments(blocks: Sequence[Block]) -> list[_Segment]:
    """Split top-level blocks at every heading, whatever its level."""
    segments = [_Segment(None)]
    for block in blocks:
        if isinstance(block, Heading):
            segments.append(_Segment(block))
        else:
            segments[-1].blocks.append(block)
    return segments


def _without_rules(blocks: Sequence[Block]) -> list[Block]:
    return [block for block in blocks if not isinstance(block, Rule)]


class _SpecParser:
    """One parse: accumulates the parts of the spec while walking its sections."""

    def __init__(self, document: Document, path: str) -> None:
        self.document = document
        self.text = document.text
        self.path = path
        self.lines = document.lines
        self.diagnostics: list[Diagnostic] = []
        self.parts: dict[str, list[Any]] = {}
        self.metadata: dict[str, str] = {}
        self.metadata_lines: dict[str, int] = {}
        self.extra_metadata: list[Labelled] = []
        self.summary: str | None = None
        self.texts: dict[SectionKey, list[str]] = {}
        self.notes: list[SectionNote] = []
        self.extras: list[ExtraSection] = []
        self.locations: list[tuple[SectionKey, Heading]] = []
        self.title = ""
        self.title_line: int | None = None
        self.title_prefixed = False
        self.handlers: dict[SectionKey, Callable[[SectionKey, list[Block]], None]] = {
            SectionKey.OVERVIEW: self._verbatim_section,
            SectionKey.SHARED_TYPES: self._verbatim_section,
            SectionKey.DATA_FLOW: self._data_flow,
            SectionKey.FLOW_STEPS: self._flow_steps,
            SectionKey.COMPENSATION: self._compensation,
            SectionKey.MIGRATION_STEPS: self._numbered_entries,
            SectionKey.RELATED: self._related,
        }

    # -- driver -----------------------------------------------------------------------------

    def parse(self) -> IntegrationSpec:
        """Walk the sections and assemble the model."""
        blocks = self.document.blocks
        headings = [block for block in blocks if isinstance(block, Heading)]
        last_known = SectionKey.PREAMBLE
        for segment in _segments(blocks):
            heading = segment.heading
            if heading is None:
                self._preamble(segment.blocks)
                continue
            key = classify_heading(heading.text)
            phase = phase_heading(heading.text) if key is None else None
            if key is None and phase is None and heading.level == 1 and self.title_line is None:
                self.title = title_text(heading.text)
                self.title_line = heading.line
                self.title_prefixed = has_title_prefix(heading.text)
                self._preamble(segment.blocks)
            elif key is not None:
                self.locations.append((key, heading))
                last_known = key
                self._section(key, segment.blocks)
            elif phase is not None:
                last_known = SectionKey.PHASES
                self._phase(phase.number, phase.title, heading, segment.blocks)
            else:
                self._extra(heading, segment.blocks, last_known)
        return self._assemble(headings)

    def _assemble(self, headings: list[Heading]) -> IntegrationSpec:
        parts = self.parts
        return IntegrationSpec(
            title=self.title,
            architecture=self.metadata.get("architecture"),
            type=self.metadata.get("type"),
            priority=self.metadata.get("priority"),
            extra_metadata=tuple(self.extra_metadata),
            summary=self.summary,
            overview="\n\n".join(self.texts.get(SectionKey.OVERVIEW, [])),
            modules=tuple(parts.get("modules", [])),
            diagrams=tuple(parts.get("diagrams", [])),
            flow_steps=tuple(parts.get("flow_steps", [])),
            sync_calls=tuple(parts.get("sync_calls", [])),
            async_events=tuple(parts.get("async_events", [])),
            shared_state=tuple(parts.get("shared_state", [])),
            failure_modes=tuple(parts.get("failure_modes", [])),
            compensation=tuple(parts.get("compensation", [])),
            fenced_compensation=tuple(parts.get("fenced_compensation", [])),
            shared_types="\n\n".join(self.texts.get(SectionKey.SHARED_TYPES, [])),
            endpoints=tuple(parts.get("endpoints", [])),
            events_published=tuple(parts.get("events_published", [])),
            phases=tuple(parts.get("phases", [])),
            unit_tests=tuple(parts.get("unit_tests", [])),
            integration_tests=tuple(parts.get("integration_tests", [])),
            e2e_tests=tuple(parts.get("e2e_tests", [])),
            feature_flags=tuple(parts.get("feature_flags", [])),
            migration_steps=tuple(parts.get("migration_steps", [])),
            related_documents=tuple(parts.get("related", [])),
            extra_sections=tuple(self.extras),
            notes=tuple(self.notes),
            path=self.path,
            title_line=self.title_line,
            title_prefixed=self.title_prefixed,
            metadata_lines=self.metadata_lines,
            sections=self._section_locations(headings),
            diagnostics=tuple(self.diagnostics),
        )

    def _section_locations(self, headings: list[Heading]) -> tuple[SectionLocation, ...]:
        """Each known section reaches to the line before the next heading of its level or up."""
        locations = []
        for key, heading in self.locations:
            end = len(self.lines)
            for later in headings:
                if later.line > heading.line and later.level <= heading.level:
                    end = later.line - 1
                    break
            while end > heading.line and self.lines[end - 1].strip() in ("", "---", "***"):
                end -= 1
            locations.append(
                SectionLocation(
                    key=key,
                    heading=heading.text,
                    level=heading.level,
                    line=heading.line,
                    end_line=end,
                )
            )
        return tuple(locations)

    # -- helpers ----------------------------------------------------------------------------

    def _report(
        self, code: str, severity: Severity, message: str, line: int | None, hint: str | None = None
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code, severity=severity, message=message, path=self.path, line=line, hint=hint
            )
        )

    def _verbatim(self, blocks: Sequence[Block]) -> str:
        if not blocks:
            return ""
        return "\n".join(self.lines[blocks[0].line - 1 : blocks[-1].end_line]).rstrip()

    def _note(self, key: SectionKey, block: Block) -> None:
        if isinstance(block, Rule):
            return
        self.notes.append(
            SectionNote(section=key, markdown=self._verbatim([block]), line=block.line)
        )

    def _add(self, part: str, value: object) -> None:
        self.parts.setdefault(part, []).append(value)

    # -- sections ---------------------------------------------------------------------------

    def _preamble(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph) and self._metadata_lines(
                [(line, block.line + offset) for offset, line in enumerate(block.text.split("\n"))]
            ):
                continue
            if (
                isinstance(block, ListBlock)
                and not block.ordered
                and self._metadata_lines([(_item_text(item), item.line) for item in block.items])
            ):
                continue
            if isinstance(block, Quote) and self.summary is None:
                self.summary = "\n".join(
                    inner.text for inner in block.blocks if isinstance(inner, Paragraph)
                )
                self.metadata_lines["summary"] = block.line
                continue
            self._note(SectionKey.PREAMBLE, block)

    def _metadata_lines(self, lines: list[tuple[str, int]]) -> bool:
        """Take lines as metadata when every one is ``**Label:** value``."""
        labelled = [(read_bold_label(text), line) for text, line in lines]
        if not labelled or any(item is None for item, _ in labelled):
            return False
        for item, line in labelled:
            assert item is not None
            known = _METADATA_FIELDS.get(label_key(item.label))
            if known is not None and known not in self.metadata:
                self.metadata[known] = item.value
                self.metadata_lines[known] = line
            else:
                self.extra_metadata.append(Labelled(label=item.label, value=item.value, line=line))
        return True

    def _section(self, key: SectionKey, blocks: list[Block]) -> None:
        handler = self.handlers.get(key)
        if handler is not None:
            handler(key, blocks)
        elif key in TABLE_COLUMNS or key in _TABLE_PARENTS:
            self._tables(key, blocks)
        else:
            for block in blocks:
                self._note(key, block)

    def _verbatim_section(self, key: SectionKey, blocks: list[Block]) -> None:
        body = self._verbatim(_trim_rules(blocks))
        if body:
            self.texts.setdefault(key, []).append(body)

    def _data_flow(self, key: SectionKey, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Fence):
                content = block.content.removesuffix("\n")
                self._add(
                    "diagrams", Diagram(language=block.info, content=content, line=block.line)
                )
            else:
                self._note(key, block)

    def _related(self, key: SectionKey, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    self._add("related", _item_text(item))
            else:
                self._note(key, block)

    def _numbered_entries(self, key: SectionKey, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    self._add("migration_steps", ListEntry(text=_item_text(item), line=item.line))
            else:
                self._note(key, block)

    def _compensation(self, key: SectionKey, blocks: list[Block]) -> None:
        def other(block: Block) -> None:
            self._note(key, block)
            if isinstance(block, Fence):
                # Kept verbatim as a note; its "If X fails:" blocks are read for the analysis.
                for found in _compensation_blocks(parse_document(block.content).blocks, block.line):
                    self._add("fenced_compensation", found)

        for found in _compensation_blocks(blocks, 0, on_other=other):
            self._add("compensation", found)

    def _flow_steps(self, key: SectionKey, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, ListBlock):
                for item in block.items:
                    self._add("flow_steps", self._flow_step(item))
            else:
                self._note(key, block)

    def _flow_step(self, item: ListItem) -> FlowStep:
        head = item.blocks[0] if item.blocks else None
        head_lines = head.text.split("\n") if isinstance(head, Paragraph) else [""]
        head_lines = [without_comments(text) if "<!--" in text else text for text in head_lines]
        name, module, note = _step_title(head_lines[0])
        if not module:
            self._report(
                "PS004",
                Severity.WARNING,
                f"flow step '{name or head_lines[0]}' names no module",
                item.line,
                hint="write it as '**Step name** (Module)'",
            )
        values: dict[str, str] = {}
        field_lines: dict[str, int] = {}
        extra: list[Labelled] = []

        def take(text: str, line: int) -> None:
            if "<!--" in text:
                text = without_comments(text)
            labelled = read_label(text)
            known = _STEP_FIELDS.get(label_key(labelled.label)) if labelled else None
            if labelled is not None and known is not None and known not in values:
                values[known] = labelled.value
                field_lines[known] = line
            elif labelled is not None:
                extra.append(Labelled(label=labelled.label, value=labelled.value, line=line))
            elif text.strip():
                extra.append(Labelled(label="", value=text.strip(), line=line))

        for offset, text in enumerate(head_lines[1:], start=1):
            take(text, item.line + offset)
        for block in item.blocks[1:]:
            if isinstance(block, ListBlock):
                for sub in block.items:
                    take(_item_text(sub), sub.line)
            elif isinstance(block, Paragraph):
                for offset, text in enumerate(block.text.split("\n")):
                    take(text, block.line + offset)
        return FlowStep(
            name=name,
            module=module,
            note=note,
            input=values.get("input"),
            action=values.get("action"),
            output=values.get("output"),
            failure=values.get("failure"),
            trigger=values.get("trigger"),
            compensation=values.get("compensation"),
            extra=tuple(extra),
            line=item.line,
            field_lines=field_lines,
        )

    def _phase(self, number: int, title: str, heading: Heading, blocks: list[Block]) -> None:
        values: dict[str, str] = {}
        field_lines: dict[str, int] = {}
        deliverables: list[Deliverable] = []
        extra: list[Labelled] = []
        notes: list[Block] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                lines = [(text, block.line + i) for i, text in enumerate(block.text.split("\n"))]
            elif isinstance(block, ListBlock) and not block.ordered:
                lines = []
                for item in block.items:
                    text = _item_text(item)
                    first, *lazy = text.split("\n")
                    deliverables.append(_deliverable(first, item.line))
                    lines.extend((rest, item.line + i) for i, rest in enumerate(lazy, start=1))
            else:
                if not isinstance(block, Rule):
                    notes.append(block)
                continue
            stray = []
            for text, line in lines:
                labelled = read_bold_label(text)
                known = _PHASE_FIELDS.get(label_key(labelled.label)) if labelled else None
                if labelled is not None and known is not None and known not in values:
                    values[known] = labelled.value
                    field_lines[known] = line
                elif labelled is not None:
                    extra.append(Labelled(label=labelled.label, value=labelled.value, line=line))
                elif text.strip():
                    stray.append(text)
            if stray and isinstance(block, Paragraph):
                notes.append(block)
        modules = values.get("modules")
        self._add(
            "phases",
            Phase(
                number=number,
                title=title,
                goal=values.get("goal"),
                modules=split_names(modules) if modules else (),
                deliverables=tuple(deliverables),
                exit_criteria=values.get("exit_criteria"),
                extra=tuple(extra),
                notes="\n\n".join(self._verbatim([note]) for note in notes),
                line=heading.line,
                field_lines=field_lines,
            ),
        )

    def _extra(self, heading: Heading, blocks: list[Block], after: SectionKey) -> None:
        self.extras.append(
            ExtraSection(
                heading=heading.text,
                level=heading.level,
                body=self._verbatim(_trim_rules(blocks)),
                after=after,
                line=heading.line,
            )
        )

    # -- tables -----------------------------------------------------------------------------

    def _tables(self, key: SectionKey, blocks: list[Block]) -> None:
        for block in blocks:
            if not isinstance(block, Table):
                self._note(key, block)
                continue
            kind = table_kind(key, block.header.cells)
            rows = self._table_rows(key, kind, block) if kind is not None else None
            if kind is None or rows is None:
                self._note(key, block)  # a table of the team's own: kept as written
                continue
            for values, line in rows:
                self._add(kind.value, _ROW_BUILDERS[kind](values, line))

    def _table_rows(
        self, section: SectionKey, kind: SectionKey, table: Table
    ) -> list[tuple[dict[str, str], int]] | None:
        """The rows of ``table`` read as a ``kind`` table by header meaning; ``None``: unread."""
        columns = TABLE_COLUMNS[kind]
        header = table.header.cells
        positions = place_columns(columns, header)
        name = _table_name(kind)
        if not positions:
            self._report(
                "PS002",
                Severity.WARNING,
                f"the headers ({', '.join(repr(h) for h in header if h)}) mean none of the "
                f"{name} columns ({', '.join(c.heading for c in columns)}); the table is kept "
                "in the file but not read",
                table.line,
                hint="name the columns as the format does, e.g. "
                + " | ".join(c.heading for c in columns),
            )
            return None
        if kind is not section:
            self._report(
                "PS005",
                Severity.INFO,
                f"this table under {_table_name(section)} is read as {name}: its headers "
                "name that table's columns",
                table.line,
            )
        placed = set(positions.values())
        unplaced = [h for index, h in enumerate(header) if h.strip() and index not in placed]
        if unplaced:
            self._report(
                "PS003",
                Severity.INFO,
                f"column{'s' if len(unplaced) > 1 else ''} "
                f"{', '.join(repr(h) for h in unplaced)} "
                f"{'are' if len(unplaced) > 1 else 'is'} not part of the {name} table; "
                "kept in the file but not read",
                table.line,
            )
        missing = [c.heading for c in columns if c.field not in positions]
        if missing:
            self._report(
                "PS002",
                Severity.WARNING,
                f"the {name} table has no {', '.join(repr(m) for m in missing)} "
                f"column{'s' if len(missing) > 1 else ''}",
                table.line,
            )
        rows = []
        width = len(header)
        for row in table.rows:
            if row.written_cells != width:
                self._report(
                    "PS001",
                    Severity.ERROR,
                    f"table row has {row.written_cells} cells but the header has {width}",
                    row.line,
                    hint="add or remove '|' so every row has as many cells as the header",
                )
            values = {
                field: unescape_cell(row.cells[index]) if index < len(row.cells) else ""
                for field, index in positions.items()
            }
            rows.append((values, row.line))
        return rows


def _table_name(key: SectionKey) -> str:
    """A section's heading as the format writes it (``Synchronous Calls``)."""
    return SECTION_HEADINGS[key][1] if key in SECTION_HEADINGS else key.value.replace("_", " ")


_TABLE_PARENTS = frozenset(
    parent
    for parent, children in SECTION_LAYOUT
    if parent not in TABLE_COLUMNS and any(child in TABLE_COLUMNS for child in children)
)
"""Sections whose tables belong to their subsections (Integration Points, Testing Strategy)."""


def _compensation_blocks(
    blocks: Sequence[Block], offset: int, on_other: Callable[[Block], None] | None = None
) -> list[CompensationBlock]:
    """``If <B> fails after <A> succeeds:`` paragraphs, each with the list that follows it.

    ``offset`` is added to every line (blocks read from inside a fence count from the fence).
    A paragraph without a list is a block of prose; other blocks go to ``on_other``.
    """
    found: list[CompensationBlock] = []
    trigger: Paragraph | None = None

    def prose(paragraph: Paragraph) -> None:
        found.append(
            CompensationBlock(trigger=paragraph.text, steps=(), line=paragraph.line + offset)
        )

    for block in blocks:
        if isinstance(block, Paragraph):
            if trigger is not None:
                prose(trigger)
            trigger = block
        elif isinstance(block, ListBlock):
            steps = tuple(entry for item in block.items for entry in _item_entries(item, offset))
            line = (trigger.line if trigger is not None else block.line) + offset
            text = trigger.text if trigger is not None else ""
            found.append(CompensationBlock(trigger=text, steps=steps, line=line))
            trigger = None
        elif on_other is not None:
            on_other(block)
    if trigger is not None:
        prose(trigger)
    return found


def _item_entries(item: ListItem, offset: int) -> list[ListEntry]:
    """A compensation list item and the items of a list nested in it, in written order.

    ``3. Send in parallel:`` followed by ``- CancelSeat(F3)`` ``- CancelSeat(F2)`` lists
    the actions of that entry one per line; each is an action of the block.
    """
    found: list[ListEntry] = []
    pending = [item]  # depth first, without recursion: nesting depth is the writer's
    while pending:
        current = pending.pop()
        found += _entries(_item_text(current), current.line + offset)
        nested = [
            sub
            for block in current.blocks[1:]
            if isinstance(block, ListBlock)
            for sub in block.items
        ]
        pending += reversed(nested)
    return found


def _entries(text: str, line: int) -> list[ListEntry]:
    """A compensation list item, and the ``Final state:`` line written right under it.

    ``2. Return the error.`` followed by an unnumbered ``Final state: no money moved`` is,
    to CommonMark, one item continued by a lazy line; to its writer it is the last action
    and then the outcome, so the outcome is an entry of its own.
    """
    lines = text.split("\n")
    for index, written in enumerate(lines[1:], start=1):
        if written.lstrip().casefold().startswith("final state"):
            head = "\n".join(lines[:index]).strip()
            tail = "\n".join(lines[index:]).strip()
            return [ListEntry(text=head, line=line), ListEntry(text=tail, line=line + index)]
    return [ListEntry(text=text, line=line)]


def _trim_rules(blocks: Sequence[Block]) -> list[Block]:
    trimmed = list(blocks)
    while trimmed and isinstance(trimmed[-1], Rule):
        trimmed.pop()
    while trimmed and isinstance(trimmed[0], Rule):
        trimmed.pop(0)
    return trimmed


def _item_text(item: ListItem) -> str:
    """The text of a list item's first paragraph ("" for an empty item)."""
    for block in item.blocks:
        if isinstance(block, Paragraph):
            return block.text.strip()
    return ""


def _deliverable(text: str, line: int) -> Deliverable:
    for box, done in _CHECKBOXES.items():
        if text.startswith(box):
            return Deliverable(text=text[len(box) :].strip(), done=done, line=line)
    return Deliverable(text=text.strip(), done=False, line=line)


def _step_title(text: str) -> tuple[str, str, str]:
    """Read ``**Name** (Module)``, and a note after it (``— point of no return``).

    A missing bold and a missing module are tolerated. After a bold name the module is the
    parenthesis that follows it, and what comes after that is the title's note.
    """
    text = text.strip()
    rest = text
    name = ""
    if text.startswith("**"):
        end = text.find("**", 2)
        if end > 0:
            name = text[2:end].strip()
            rest = text[end + 2 :].strip()
    module = ""
    note = ""
    if name and rest.startswith("(") and ")" in rest:
        closing = rest.index(")")
        module = rest[1:closing].strip()
        note = rest[closing + 1 :].strip(" -–—:")
    elif rest.endswith(")") and "(" in rest:
        opening = rest.rfind("(")
        module = rest[opening + 1 : -1].strip()
        rest = rest[:opening].strip()
    if not name:
        name = rest.strip(" -–—:")
    return name, module, note


def _get(values: dict[str, str], name: str) -> str:
    return values.get(name, "")


_ROW_BUILDERS: dict[SectionKey, Callable[[dict[str, str], int], object]] = {
    SectionKey.MODULES: lambda v, line: ModuleInvolvement(
        module=_get(v, "module"), role=_get(v, "role"), changes=_get(v, "changes"), line=line
    ),
    SectionKey.SYNC_CALLS: lambda v, line: SyncCall(
        caller=_get(v, "caller"),
        callee=_get(v, "callee"),
        method=_get(v, "method"),
        purpose=_get(v, "purpose"),
        line=line,
    ),
    SectionKey.ASYNC_EVENTS: lambda v, line: AsyncEvent(
        event=_get(v, "event"),
        publisher=_get(v, "publisher"),
        subscribers=split_names(_get(v, "subscribers")),
        purpose=_get(v, "purpose"),
        line=line,
    ),
    SectionKey.SHARED_STATE: lambda v, line: SharedStateEntry(
        data=_get(v, "data"),
        owner=_get(v, "owner"),
        readers=split_names(_get(v, "readers")),
        consistency=_get(v, "consistency"),
        line=line,
    ),
    SectionKey.FAILURE_MODES: lambda v, line: FailureMode(
        failure=_get(v, "failure"),
        impact=_get(v, "impact"),
        detection=_get(v, "detection"),
        recovery=_get(v, "recovery"),
        line=line,
    ),
    SectionKey.ENDPOINTS: lambda v, line: EndpointContract(
        method=_get(v, "method"),
        path=_get(v, "path"),
        module=_get(v, "module"),
        purpose=_get(v, "purpose"),
        line=line,
    ),
    SectionKey.EVENTS_PUBLISHED: lambda v, line: EventContract(
        event=_get(v, "event"),
        module=_get(v, "module"),
        payload=_get(v, "payload"),
        when=_get(v, "when"),
        line=line,
    ),
    SectionKey.UNIT_TESTS: lambda v, line: UnitTest(
        module=_get(v, "module"), focus=_get(v, "focus"), line=line
    ),
    SectionKey.INTEGRATION_TESTS: lambda v, line: IntegrationTest(
        test=_get(v, "test"),
        modules=split_names(_get(v, "modules")),
        scenario=_get(v, "scenario"),
        line=line,
    ),
    SectionKey.E2E_TESTS: lambda v, line: E2ETest(
        journey=_get(v, "journey"),
        steps=_get(v, "steps"),
        verification=_get(v, "verification"),
        line=line,
    ),
    SectionKey.FEATURE_FLAGS: lambda v, line: FeatureFlag(
        flag=_get(v, "flag"), purpose=_get(v, "purpose"), default=_get(v, "default"), line=line
    ),
}
