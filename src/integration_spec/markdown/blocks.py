"""Text in, block structure with 1-based line numbers out.

Only the *block* phase of markdown-it-py runs: inline content (emphasis, code spans,
links) is left as the author wrote it, because the readers look at a few labels and cells
only, and the inline phase is most of markdown-it's cost (see benchmarks/).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX or setext heading."""

    level: int
    text: str
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; ``text`` keeps its inline markdown and its line breaks."""

    text: str
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list; ``number`` is set for ordered lists."""

    blocks: tuple[Block, ...]
    line: int
    end_line: int
    number: int | None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet or ordered list."""

    ordered: bool
    items: tuple[ListItem, ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class TableRow:
    """A table row: the cells as markdown-it reads them, and how many the line really has."""

    cells: tuple[str, ...]
    line: int
    written_cells: int
    """Cells on the source line; differs from ``len(cells)`` when the row is ragged."""


@dataclass(frozen=True, slots=True)
class Table:
    """A GFM table."""

    header: TableRow
    rows: tuple[TableRow, ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Fence:
    """A fenced or indented code block."""

    info: str
    content: str
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote."""

    blocks: tuple[Block, ...]
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break (``---``)."""

    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Html:
    """A raw HTML block, such as a comment."""

    content: str
    line: int
    end_line: int


Block = Heading | Paragraph | ListBlock | Table | Fence | Quote | Rule | Html


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable("inline")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR as LF, the way markdown-it counts lines, so line numbers agree."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_blocks(text: str) -> tuple[Block, ...]:
    """Parse ``text`` (newlines normalised by the caller) into its block structure."""
    text = normalize_newlines(text)
    tokens = _parser().parse(text)
    lines = text.split("\n")
    blocks, _ = _read_blocks(tokens, 0, lines)
    return blocks


def written_cell_count(row: str) -> int:
    """How many cells a raw table line has: unescaped pipes, outer pipes trimmed.

    Block-quote markers in front of the row (a table inside ``>``) are not cells.
    """
    stripped = row.strip()
    while stripped.startswith(">"):
        stripped = stripped[1:].lstrip()
    if "\\" not in stripped:
        separators = stripped.count("|")
        if stripped.startswith("|"):
            separators -= 1
        if stripped.endswith("|") and len(stripped) > 1:
            separators -= 1
        return separators + 1
    separators = 0
    escaped = False
    for char in stripped:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            separators += 1
    if stripped.startswith("|"):
        separators -= 1
    if stripped.endswith("|") and not stripped.endswith("\\|") and len(stripped) > 1:
        separators -= 1
    return separators + 1


def _span(token: Token, lines: list[str]) -> tuple[int, int]:
    """1-based first and last line of a block, trailing blank lines excluded."""
    start, end = token.map if token.map else (0, 1)
    while end - 1 > start and end - 1 < len(lines) and not lines[end - 1].strip():
        end -= 1
    return start + 1, max(end, start + 1)


def _read_blocks(
    tokens: list[Token], index: int, lines: list[str]
) -> tuple[tuple[Block, ...], int]:
    """Read sibling blocks from ``index`` until a closing token; return them and the next index."""
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        if token.nesting == -1:
            return tuple(blocks), index
        kind = token.type
        if kind == "heading_open":
            line, end = _span(token, lines)
            blocks.append(Heading(int(token.tag[1:]), tokens[index + 1].content.strip(), line, end))
            index += 3
        elif kind == "paragraph_open":
            line, end = _span(token, lines)
            blocks.append(Paragraph(tokens[index + 1].content, line, end))
            index += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            block, index = _read_list(tokens, index, lines)
            blocks.append(block)
        elif kind == "table_open":
            block_table, index = _read_table(tokens, index, lines)
            blocks.append(block_table)
        elif kind == "blockquote_open":
            line, end = _span(token, lines)
            inner, index = _read_blocks(tokens, index + 1, lines)
            blocks.append(Quote(inner, line, end))
            index += 1
        elif kind in ("fence", "code_block"):
            line, end = _span(token, lines)
            blocks.append(Fence(token.info.strip(), token.content, line, end))
            index += 1
        elif kind == "hr":
            line, end = _span(token, lines)
            blocks.append(Rule(line, end))
            index += 1
        elif kind == "html_block":
            line, end = _span(token, lines)
            blocks.append(Html(token.content, line, end))
            index += 1
        else:
            index += 1
    return tuple(blocks), index


def _read_list(tokens: list[Token], index: int, lines: list[str]) -> tuple[ListBlock, int]:
    opening = tokens[index]
    ordered = opening.type == "ordered_list_open"
    line, end = _span(opening, lines)
    items: list[ListItem] = []
    index += 1
    while tokens[index].type == "list_item_open":
        item_token = tokens[index]
        item_line, item_end = _span(item_token, lines)
        inner, index = _read_blocks(tokens, index + 1, lines)
        number = int(item_token.info) if ordered and item_token.info.isdigit() else None
        items.append(ListItem(inner, item_line, item_end, number))
        index += 1
    return ListBlock(ordered, tuple(items), line, end), index + 1


def _read_table(tokens: list[Token], index: int, lines: list[str]) -> tuple[Table, int]:
    line, end = _span(tokens[index], lines)
    rows: list[TableRow] = []
    cells: list[str] = []
    row_line = line
    index += 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            cells = []
            row_line = token.map[0] + 1 if token.map else row_line
        elif token.type == "inline":
            cells.append(token.content.strip())
        elif token.type == "tr_close":
            raw = lines[row_line - 1] if row_line - 1 < len(lines) else ""
            rows.append(TableRow(tuple(cells), row_line, written_cell_count(raw)))
        index += 1
    return Table(rows[0], tuple(rows[1:]), line, end), index + 1
