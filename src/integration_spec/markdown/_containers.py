"""Where a line's content starts inside block quotes and list items.

pulldown-cmark reports where a paragraph *starts*, but not where each of its later lines
does: inside ``>`` or a list item those lines carry container markers and indentation that
are not content. CommonMark defines exactly how much each open container consumes from a
line (a quote: up to three spaces, ``>`` and one optional space; a list item: as many
columns as its content is indented), with tabs advancing to the next multiple of four.
This module applies that definition to the containers the parser already identified; it
never decides what the blocks are.

Lines are UTF-8 bytes: every character the containers consume is ASCII.
"""

from __future__ import annotations

_SPACE = 0x20
_TAB = 0x09
_QUOTE_MARK = 0x3E  # ">"
_BULLETS = b"-+*"
_TAB_STOP = 4
_MAX_MARKER_INDENT = 3
_INDENTED_CODE = 5
"""Five or more spaces after a list marker make the item start with indented code."""


class Container:
    """An open block quote, or a list item with the line its marker is on.

    A list item's width (how far its content is indented) is worked out the first time a
    line needs it: most paragraphs never do. On its first line a list item consumes its
    marker, not indentation. (A plain class: one is made per container while parsing, and
    a dataclass costs start-up time.)
    """

    __slots__ = ("_width", "first_line", "marker_line", "parents", "quote")

    def __init__(
        self,
        *,
        quote: bool,
        first_line: int,
        marker_line: bytes | str = b"",
        parents: tuple[Container, ...] = (),
    ) -> None:
        self.quote = quote
        self.first_line = first_line
        self.marker_line = marker_line
        self.parents = parents
        self._width: int | None = None

    @property
    def width(self) -> int:
        """Columns a list item's later lines must be indented by (0 for a quote)."""
        if self._width is None:
            line = self.marker_line
            line = line if isinstance(line, bytes) else line.encode()
            self._width = 0 if self.quote else item_width(line, self)
        return self._width


class _Cursor:
    """A position in a line: byte index, the column that byte starts at, the column reached.

    ``column`` exceeds ``start_column`` only inside a tab that was partly consumed.
    """

    __slots__ = ("column", "index", "start_column")

    def __init__(self, index: int = 0, start_column: int = 0, column: int = 0) -> None:
        self.index = index
        self.start_column = start_column
        self.column = column


def _indentation(line: bytes, cursor: _Cursor) -> tuple[int, int, int]:
    """Columns of white space from the cursor, and the index and column of what follows."""
    index, column = cursor.index, cursor.start_column
    size = len(line)
    while index < size and line[index] in (_SPACE, _TAB):
        column = column + 1 if line[index] == _SPACE else column + _TAB_STOP - column % _TAB_STOP
        index += 1
    return column - cursor.column, index, column


def _advance(line: bytes, cursor: _Cursor, columns: int) -> None:
    """Consume ``columns`` columns; a tab may be consumed in part."""
    target = cursor.column + columns
    size = len(line)
    while cursor.column < target and cursor.index < size:
        if line[cursor.index] == _TAB:
            end = cursor.start_column + _TAB_STOP - cursor.start_column % _TAB_STOP
            if end > target:
                cursor.column = target
                return
        else:
            end = cursor.start_column + 1
        cursor.index += 1
        cursor.start_column = end
        cursor.column = end


def _enter(line: bytes, line_number: int, containers: tuple[Container, ...]) -> _Cursor:
    """The cursor after every container that continues on this line (lazy lines stop early)."""
    cursor = _Cursor()
    for container in containers:
        if container.quote:
            indent, index, column = _indentation(line, cursor)
            if indent > _MAX_MARKER_INDENT or index >= len(line) or line[index] != _QUOTE_MARK:
                break
            cursor.index, cursor.start_column, cursor.column = index + 1, column + 1, column + 1
            if cursor.index < len(line) and line[cursor.index] in (_SPACE, _TAB):
                _advance(line, cursor, 1)
        elif container.first_line == line_number:
            _advance(line, cursor, container.width)
        else:
            indent, _, _ = _indentation(line, cursor)
            if indent < container.width:
                break
            _advance(line, cursor, container.width)
    return cursor


def content_start(line: bytes, line_number: int, containers: tuple[Container, ...]) -> int:
    """Byte index of a paragraph line's content: container prefixes and indentation skipped."""
    cursor = _enter(line, line_number, containers)
    _, index, _ = _indentation(line, cursor)
    return index


def item_width(line: bytes, item: Container) -> int:
    """How far a list item's content is indented, from the line with its marker.

    CommonMark: the marker's indentation, the marker, and the spaces after it (one when
    the rest of the line is blank or starts indented code).
    """
    cursor = _enter(line, item.first_line, item.parents)
    indent, index, column = _indentation(line, cursor)
    size = len(line)
    if index < size and line[index] in _BULLETS:
        marker = 1
    else:
        end = index
        while end < size and 0x30 <= line[end] <= 0x39:
            end += 1
        marker = end - index + 1
    after, rest, _ = _indentation(line, _Cursor(index + marker, column + marker, column + marker))
    spaces = 1 if rest >= size or after >= _INDENTED_CODE else after
    return indent + marker + spaces
