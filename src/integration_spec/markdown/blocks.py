"""Text in, block structure with 1-based line numbers out.

The values here are the whole interface; the parser behind :func:`parse_blocks` is
pulldown-cmark (:mod:`._native`, decision 0012). Inline content (emphasis, code spans,
links) is kept as the author wrote it: the readers look at a few labels and cells only.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR as LF, the way CommonMark counts lines, so line numbers agree."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_blocks(text: str) -> tuple[Block, ...]:
    """Parse ``text`` into its block structure (newlines are normalised here)."""
    from integration_spec.markdown._native import parse

    return parse(normalize_newlines(text))


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
