"""The reference block parser: markdown-it-py's block phase, as the tool used it before 0012.

The differential tests compare :func:`integration_spec.markdown.blocks.parse_blocks` with
this on every document we have. It produces the same block values, so a difference is a
difference in what the readers would see.

One normalisation, applied to markdown-it's side only: the later lines of a paragraph or
setext heading lose their leading spaces and tabs. markdown-it's block phase keeps any
indentation beyond the container's and leaves it to its inline phase to drop; CommonMark
defines a paragraph's raw content without it, and that is what the native parser gives.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

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
    normalize_newlines,
    written_cell_count,
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").disable("inline")


def oracle_blocks(text: str) -> tuple[Block, ...]:
    """``text``'s blocks as markdown-it-py's block phase reads them."""
    text = normalize_newlines(text)
    tokens = _parser().parse(text)
    lines = text.split("\n")
    blocks, _ = _read_blocks(tokens, 0, lines)
    return blocks


def _continuations(text: str) -> str:
    first, *rest = text.split("\n")
    return "\n".join([first, *(line.lstrip(" \t") for line in rest)])


def _span(token: Token, lines: list[str]) -> tuple[int, int]:
    start, end = token.map if token.map else (0, 1)
    while end - 1 > start and end - 1 < len(lines) and not lines[end - 1].strip():
        end -= 1
    return start + 1, max(end, start + 1)


def _read_blocks(
    tokens: list[Token], index: int, lines: list[str]
) -> tuple[tuple[Block, ...], int]:
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        if token.nesting == -1:
            return tuple(blocks), index
        kind = token.type
        if kind == "heading_open":
            line, end = _span(token, lines)
            text = _continuations(tokens[index + 1].content).strip()
            blocks.append(Heading(int(token.tag[1:]), text, line, end))
            index += 3
        elif kind == "paragraph_open":
            line, end = _span(token, lines)
            blocks.append(Paragraph(_continuations(tokens[index + 1].content), line, end))
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
