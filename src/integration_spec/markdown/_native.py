"""pulldown-cmark (through pyromark) events into our block values.

pulldown-cmark is a CommonMark parser written in Rust; its events carry byte ranges into
the source. The block structure and every span come from those events. Texts are cut from
the source, not taken from the events, because the readers want what the author wrote
(inline markdown kept, escapes as markdown-it's block phase left them; decision 0012):

- a paragraph's first line starts where the parser says; a later line starts where the
  parser's first event after the line break does (one step back over the backslash of an
  escape, which the event skips), and, when no event starts there (a code span or link
  running across lines), after the line's container markers (:mod:`._containers`);
- a tight list item has no paragraph event: its inline events are gathered into one;
- ATX headings drop their ``#`` marks and closing sequence; table cells drop the backslash
  of an escaped ``|``; fences take their info string from the opening line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

from integration_spec.markdown._containers import Container, content_start
from integration_spec.markdown.blocks import (
    Block,
    Fence,
    Heading,
    Html,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
    TableRow,
    written_cell_count,
)

_TABLES = 1 << 1
"""``pyromark.Options.ENABLE_TABLES``: CommonMark plus GFM tables, no other extension."""

TRIM = "".join(
    chr(code)
    for code in sorted(
        {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x2028, 0x2029, *range(0x2000, 0x200B)}
    )
)
"""The white space markdown-it trims from paragraph text (JavaScript's ``trim``)."""

_INLINE_CONTAINERS = frozenset(
    {"Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript", "Link", "Image"}
)
_BACKSLASH = 0x5C


def parse(text: str) -> tuple[Block, ...]:
    """The block structure of ``text`` (newlines already normalised to LF)."""
    import pyromark

    events = pyromark.events_with_range(text, options=pyromark.Options(_TABLES), merge_text=True)
    return tuple(_Walker(text, events).children(()))


def _tag_name(tag: Any) -> str:
    """``"Paragraph"`` for ``"Paragraph"``, ``"Heading"`` for ``{"Heading": {...}}``."""
    return tag if type(tag) is str else next(iter(tag))


class _Walker:
    """One pass over the events; blocks are read recursively, one container at a time."""

    def __init__(self, text: str, events: Iterator[tuple[Any, Any]]) -> None:
        self.lines = text.split("\n")
        self.raw = None if text.isascii() else [line.encode() for line in self.lines]
        self.starts = [0]
        offset = 0
        for line in self.raw if self.raw is not None else self.lines:
            offset += len(line) + 1
            self.starts.append(offset)
        self.events = events

    # -- positions --------------------------------------------------------------------------

    def line_bytes(self, number: int) -> bytes:
        """Line ``number`` (1-based) as UTF-8."""
        return self.raw[number - 1] if self.raw is not None else self.lines[number - 1].encode()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """First and last line of a byte range, trailing blank lines excluded."""
        starts = self.starts
        first = bisect_right(starts, start)
        last = bisect_right(starts, end - 1) if end > start else first
        if last > first:
            # A block may end after the container prefix of the line where the next block
            # starts; that line is not the block's.
            covered = end - starts[last - 1]
            within = covered < starts[last] - 1 - starts[last - 1]
            if within and not self.lines[last - 1][:covered].strip(" \t>"):
                last -= 1
        lines = self.lines
        while last > first and not lines[last - 1].strip():
            last -= 1
        return first, last

    def tail(self, offset: int) -> str:
        """From byte ``offset`` to the end of its line."""
        number = bisect_right(self.starts, offset)
        column = offset - self.starts[number - 1]
        if self.raw is None:
            return self.lines[number - 1][column:]
        return self.raw[number - 1][column:].decode()

    def unescaped_start(self, offset: int) -> int:
        """An inline event's start, moved back over the backslash of an escape it skips."""
        number = bisect_right(self.starts, offset)
        column = offset - self.starts[number - 1]
        if column == 0:
            return offset
        if self.raw is None:
            before = self.lines[number - 1][column - 1] == "\\"
        else:
            before = self.raw[number - 1][column - 1] == _BACKSLASH
        return offset - 1 if before else offset

    def leaf_text(
        self, first: int, last: int, line_starts: list[int], containers: tuple[Container, ...]
    ) -> str:
        """The lines of a paragraph or setext heading, each from where its content starts.

        ``line_starts`` are byte offsets of content starts the events gave (at least the
        first line's); other lines are cut after their container prefixes. Not trimmed:
        paragraphs and headings trim differently (as markdown-it's wrapper did).
        """
        if first == last:
            return self.tail(line_starts[0])
        by_line = {bisect_right(self.starts, offset): offset for offset in line_starts}
        pieces = []
        for number in range(first, last + 1):
            offset = by_line.get(number)
            if offset is not None:
                pieces.append(self.tail(offset))
            else:
                line = self.line_bytes(number)
                pieces.append(line[content_start(line, number, containers) :].decode())
        return "\n".join(pieces)

    # -- blocks -----------------------------------------------------------------------------

    def children(self, containers: tuple[Container, ...]) -> list[Block]:
        """Blocks until the end of the enclosing container (or of the document).

        Inline events directly inside a container are a tight list item's paragraph.
        """
        blocks: list[Block] = []
        line_starts: list[int] = []
        inline_end = -1
        after_break = False
        for event, where in self.events:
            start, end = where["start"], where["end"]
            if type(event) is str:
                if event == "Rule":
                    if line_starts:
                        blocks.append(self.implicit(line_starts, inline_end, containers))
                        line_starts, inline_end = [], -1
                    blocks.append(Rule(*self.span(start, end)))
                    continue
                if not line_starts:  # a hard break of a backslash can come first
                    line_starts.append(start)
                after_break = True  # a soft or hard line break
            elif "Start" in event:
                tag = event["Start"]
                name = _tag_name(tag)
                if name not in _INLINE_CONTAINERS:
                    if line_starts:
                        blocks.append(self.implicit(line_starts, inline_end, containers))
                        line_starts, inline_end = [], -1
                    block = self.block(name, tag, start, end, containers)
                    if block is not None:
                        blocks.append(block)
                    continue
                if not line_starts or after_break:
                    line_starts.append(self.unescaped_start(start))
                after_break = False
                end = max(self.leaf_events(line_starts), end)
            elif "End" in event:
                break
            else:
                if not line_starts or after_break:
                    line_starts.append(self.unescaped_start(start))
                after_break = False
            if end > inline_end:
                inline_end = end
        if line_starts:
            blocks.append(self.implicit(line_starts, inline_end, containers))
        return blocks

    def leaf_events(self, line_starts: list[int]) -> int:
        """Consume events to the end of the current leaf or inline container.

        Appends where the first event after each line break starts; returns the furthest
        offset the consumed events reach.
        """
        depth = 0
        furthest = -1
        after_break = False
        for event, where in self.events:
            if where["end"] > furthest:
                furthest = where["end"]
            if type(event) is str:
                after_break = True
                continue
            if "End" in event:
                if depth == 0:
                    return furthest
                depth -= 1
                after_break = False
                continue
            if "Start" in event:
                depth += 1
            if after_break:
                line_starts.append(self.unescaped_start(where["start"]))
                after_break = False
        return furthest

    def implicit(
        self, line_starts: list[int], end: int, containers: tuple[Container, ...]
    ) -> Paragraph:
        """The paragraph of a tight list item, from its inline events' extent."""
        first, last = self.span(line_starts[0], end)
        text = self.leaf_text(first, last, line_starts, containers)
        return Paragraph(text.strip(TRIM), first, last)

    def block(
        self, name: str, tag: Any, start: int, end: int, containers: tuple[Container, ...]
    ) -> Block | None:
        """The block opened by a ``Start`` event."""
        if name == "Paragraph":
            line_starts = [start]
            self.leaf_events(line_starts)
            first, last = self.span(start, end)
            text = self.leaf_text(first, last, line_starts, containers)
            return Paragraph(text.strip(TRIM), first, last)
        if name == "List":
            return self.list_block(tag["List"] is not None, start, end, containers)
        if name == "Table":
            return self.table(start, end)
        if name == "Heading":
            line_starts = [start]
            self.leaf_events(line_starts)
            return self.heading(int(tag["Heading"]["level"][1:]), line_starts, end, containers)
        if name == "BlockQuote":
            first, last = self.span(start, end)
            quote = Container(quote=True, first_line=first)
            inner = self.children((*containers, quote))
            return Quote(tuple(inner), first, _covering(last, inner))
        if name == "CodeBlock":
            return self.code(tag["CodeBlock"], start, end)
        if name == "HtmlBlock":
            return Html(self.content(), *self.span(start, end))
        # Nothing else is produced without extensions; keep the walk in step regardless.
        self.children(containers)
        return None

    def heading(
        self, level: int, line_starts: list[int], end: int, containers: tuple[Container, ...]
    ) -> Heading:
        first, last = self.span(line_starts[0], end)
        if first == last:
            return Heading(level, _atx_text(self.tail(line_starts[0])), first, last)
        # Setext: the text lines, without the underline.
        text = self.leaf_text(first, last - 1, line_starts, containers)
        return Heading(level, text.strip(), first, last)

    def list_block(
        self, ordered: bool, start: int, end: int, containers: tuple[Container, ...]
    ) -> ListBlock:
        items: list[ListItem] = []
        for event, where in self.events:
            if type(event) is not str and "End" in event:
                break
            item_start = where["start"]
            first, last = self.span(item_start, where["end"])
            marker_line = self.lines[first - 1] if self.raw is None else self.raw[first - 1]
            item = Container(
                quote=False, first_line=first, marker_line=marker_line, parents=containers
            )
            number = _number(self.tail(item_start)) if ordered else None
            blocks = self.children((*containers, item))
            items.append(ListItem(tuple(blocks), first, _covering(last, blocks), number))
        first, last = self.span(start, end)
        return ListBlock(ordered, tuple(items), first, _covering(last, items))

    def code(self, kind: Any, start: int, end: int) -> Fence:
        first, last = self.span(start, end)
        content = self.content()
        if kind == "Indented":
            # Its last line ends with a newline even at the end of the document.
            return Fence("", content if content.endswith("\n") else content + "\n", first, last)
        opening = self.tail(start).lstrip(" \t")
        return Fence(opening.lstrip(opening[:1]).strip(), content, first, last)

    def content(self) -> str:
        """The text of a code or HTML block, container prefixes already removed by the parser."""
        pieces = []
        for event, _ in self.events:
            if type(event) is str:
                continue
            if "End" in event:
                break
            pieces.extend(event.values())
        return "".join(pieces)

    def table(self, start: int, end: int) -> Table:
        rows: list[TableRow] = []
        for event, where in self.events:
            if type(event) is not str and "End" in event:
                break
            number = bisect_right(self.starts, where["start"])
            base = self.starts[number - 1]
            line: str | bytes = self.lines[number - 1] if self.raw is None else self.raw[number - 1]
            cells = []
            events = self.events
            for cell_event, cell_where in events:
                if type(cell_event) is not str and "End" in cell_event:
                    break
                piece = line[cell_where["start"] - base : cell_where["end"] - base]
                text = piece if isinstance(piece, str) else piece.decode()
                cells.append(text.replace("\\|", "|").strip())
                for inner, _ in events:  # the cell's inline events, to its end
                    if type(inner) is not str and inner.get("End") == "TableCell":
                        break
            rows.append(TableRow(tuple(cells), number, written_cell_count(self.lines[number - 1])))
        return Table(rows[0], tuple(rows[1:]), *self.span(start, end))


def _number(marker_line: str) -> int | None:
    """An ordered item's number, from the text at its start (the indentation, then digits)."""
    digits = marker_line.lstrip(" \t")
    end = 0
    while end < len(digits) and digits[end].isdigit() and digits[end].isascii():
        end += 1
    return int(digits[:end]) if end else None


def _covering(last: int, inner: Sequence[Block | ListItem]) -> int:
    """A container's last line, at least its last child's.

    pulldown-cmark can end a list item's range before the end of a block quote inside it.
    """
    return max(last, inner[-1].end_line) if inner else last


def _atx_text(line: str) -> str:
    """An ATX heading's text, cut as markdown-it cuts it: marks and closing sequence dropped."""
    rest = line.lstrip(" \t").lstrip("#").rstrip(" \t")
    unclosed = rest.rstrip("#")
    if unclosed and len(unclosed) < len(rest) and unclosed[-1] in " \t":
        rest = unclosed
    return rest.strip()
