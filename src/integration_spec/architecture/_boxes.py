"""Arrows between the boxes of a text drawing: ``┌────┐ ──▶ ┌────┐``.

Architecture documents draw their containers as boxes of box-drawing characters (or
``+--+`` and ``|``) joined by lines that end in an arrowhead. The drawing is read as a
grid, not line by line: a box is a closed rectangle of border characters; a connector
is a run of line characters that leaves one box's border and reaches another's; the box
its arrowhead touches is the target. A connector without an arrowhead, or with one at
each end, says no direction and is not read (``Village ── Inventory`` may be either way).

Every step is a walk over the grid's cells, each cell visited a bounded number of times:
the reading is linear in the drawing's size.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from integration_spec.architecture._mermaid import DiagramCall

_TOP_LEFT = frozenset("┌╔╭+")
_TOP_RIGHT = frozenset("┐╗╮+")
_BOTTOM_LEFT = frozenset("└╚╰+")
_BOTTOM_RIGHT = frozenset("┘╝╯+")
_HEADS_DOWN = frozenset("▼v↓")
_HEADS_UP = frozenset("▲^↑")
_HEADS_RIGHT = frozenset("▶►>→")
_HEADS_LEFT = frozenset("◀◄<←")
_HEADS = _HEADS_DOWN | _HEADS_UP | _HEADS_RIGHT | _HEADS_LEFT
_HORIZONTAL = frozenset("─═-━") | _HEADS_RIGHT | _HEADS_LEFT
_VERTICAL = frozenset("│║|┃") | _HEADS_DOWN | _HEADS_UP
_JOINTS = frozenset("┬┴├┤┼╦╩╠╣╬┌┐└┘╭╮╰╯+")
_EDGE_TOP = frozenset("─═-━┬┴┼") | _HEADS
_EDGE_SIDE = frozenset("│║|┃├┤┼") | _HEADS
_MAX_CELLS = 200_000
"""A bigger block is not a drawing; it is not walked."""

_Cell = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Box:
    top: int
    left: int
    bottom: int
    rights: tuple[int, ...]
    """The right border's column on each row from ``top`` to ``bottom``: hand-drawn boxes
    are often a column off on some rows (a wide character, a missed space)."""
    label: str

    def border(self) -> list[_Cell]:
        cells = [(self.top, column) for column in range(self.left, self.rights[0] + 1)]
        cells += [(self.bottom, column) for column in range(self.left, self.rights[-1] + 1)]
        for offset, right in enumerate(self.rights[1:-1], start=1):
            cells += [(self.top + offset, self.left), (self.top + offset, right)]
        return cells

    @property
    def area(self) -> int:
        return (self.bottom - self.top) * (max(self.rights) - self.left)


def looks_like_boxes(content: str) -> bool:
    """Whether a code block draws boxes with box-drawing corners."""
    return "┌" in content or "╔" in content or "╭" in content or "+-" in content


def box_calls(content: str, first_line: int) -> list[DiagramCall]:
    """Every directed connector between two boxes, source box to the box it points at."""
    grid = content.split("\n")
    if sum(len(row) for row in grid) > _MAX_CELLS:
        return []
    width = max((len(row) for row in grid), default=0)
    grid = [row.ljust(width) for row in grid]
    boxes = _boxes(grid)
    if len(boxes) < 2:
        return []
    owner = _border_owner(boxes)
    calls: list[DiagramCall] = []
    seen: set[_Cell] = set()
    for start in _exits(grid, boxes, owner):
        if start in seen:
            continue
        touched, heads = _walk(grid, start, owner, seen)
        pointed = {owner[cell] for cell in heads if cell in owner}
        if len(touched) < 2 or len(pointed) != 1:
            continue
        target = next(iter(pointed))
        for source in touched - pointed:
            calls.append(
                DiagramCall(
                    source=_spellings(boxes[source].label),
                    target=_spellings(boxes[target].label),
                    line=first_line + start[0],
                    kind="box drawing",
                )
            )
    return calls


def _spellings(label: str) -> tuple[str, ...]:
    """The label as written and without a trailing parenthesis (``Orders (core)``)."""
    bare = label.split("(", 1)[0].strip()
    return (label, bare) if bare and bare != label else (label,)


def _boxes(grid: list[str]) -> list[_Box]:
    boxes: list[_Box] = []
    for top, row in enumerate(grid):
        for left, char in enumerate(row):
            if char not in _TOP_LEFT:
                continue
            box = _box_at(grid, top, left)
            if box is not None:
                boxes.append(box)
    return boxes


def _box_at(grid: list[str], top: int, left: int) -> _Box | None:
    """The rectangle whose top-left corner is at ``(top, left)``, if it closes.

    The right side may stray one column from the corner above it on any row.
    """
    row = grid[top]
    right = left + 1
    while right < len(row) and row[right] in _EDGE_TOP:
        right += 1
    if right >= len(row) or row[right] not in _TOP_RIGHT or right - left < 2:
        return None
    bottom = top + 1
    while bottom < len(grid) and grid[bottom][left] in _EDGE_SIDE:
        bottom += 1
    if bottom >= len(grid) or bottom - top < 2 or grid[bottom][left] not in _BOTTOM_LEFT:
        return None
    rights = [right]
    for line in grid[top + 1 : bottom]:
        side = _near(line, right, _EDGE_SIDE)
        if side is None:
            return None
        rights.append(side)
    corner = _near(grid[bottom], right, _BOTTOM_RIGHT)
    if corner is None or not all(grid[bottom][c] in _EDGE_TOP for c in range(left + 1, corner)):
        return None
    rights.append(corner)
    return _Box(top, left, bottom, tuple(rights), _label(grid, top, left, bottom, right))


def _near(line: str, column: int, chars: frozenset[str]) -> int | None:
    """``column`` if ``line`` has one of ``chars`` there, else a neighbour that has."""
    for candidate in (column, column + 1, column - 1):
        if 0 <= candidate < len(line) and line[candidate] in chars:
            return candidate
    return None


def _label(grid: list[str], top: int, left: int, bottom: int, right: int) -> str:
    """The first line of text inside the box, before any box drawn inside it."""
    for row in range(top + 1, bottom):
        inner = grid[row][left + 1 : right]
        cut = min((inner.find(c) for c in "┌│╔║╭|" if c in inner), default=len(inner))
        text = inner[:cut].strip()
        if text and any(char.isalnum() for char in text):
            return text
        if cut < len(inner):
            return ""  # a box inside comes first: the box has no title of its own
    return ""


def _border_owner(boxes: list[_Box]) -> dict[_Cell, int]:
    """Each border cell's box: the smallest one, where borders of nested boxes meet."""
    owner: dict[_Cell, int] = {}
    for index in sorted(range(len(boxes)), key=lambda i: -boxes[i].area):
        for cell in boxes[index].border():
            owner[cell] = index
    return owner


def _exits(grid: list[str], boxes: list[_Box], owner: dict[_Cell, int]) -> list[_Cell]:
    """Line cells just outside a border, and border cells where a line leaves (``┬``, ``▼``)."""
    found: list[_Cell] = []
    for box in boxes:
        for column in range(box.left + 1, box.rights[0]):
            found += _outward(grid, owner, (box.top, column), (-1, 0))
        for column in range(box.left + 1, box.rights[-1]):
            found += _outward(grid, owner, (box.bottom, column), (1, 0))
        for offset, right in enumerate(box.rights[1:-1], start=1):
            found += _outward(grid, owner, (box.top + offset, box.left), (0, -1))
            found += _outward(grid, owner, (box.top + offset, right), (0, 1))
    return found


def _outward(
    grid: list[str], owner: dict[_Cell, int], border: _Cell, step: tuple[int, int]
) -> list[_Cell]:
    allowed = _VERTICAL if step[1] == 0 else _HORIZONTAL
    for gap in (1, 2):  # ``| a | --> | b |``: a space may part a line from the border
        row, column = border[0] + gap * step[0], border[1] + gap * step[1]
        if not (0 <= row < len(grid) and 0 <= column < len(grid[row])) or (row, column) in owner:
            return []
        char = grid[row][column]
        if char in allowed or char in _JOINTS:
            return [(row, column)]
        if char != " ":
            return []
    return []


def _walk(
    grid: list[str], start: _Cell, owner: dict[_Cell, int], seen: set[_Cell]
) -> tuple[set[int], set[_Cell]]:
    """The boxes one connector touches and the border cells its arrowheads point into."""
    touched: set[int] = set()
    heads: set[_Cell] = set()
    queue = deque([start])
    seen.add(start)
    while queue:
        row, column = queue.popleft()
        char = grid[row][column]
        for step in _arms(char):
            nxt = _next(grid, (row, column), step, owner)
            if nxt is None:
                continue
            if nxt in owner:
                touched.add(owner[nxt])
                if _points(char, step) or _points(grid[nxt[0]][nxt[1]], step):
                    heads.add(nxt)  # the head before the border, or drawn on it (┌──▼──┐)
                continue
            if nxt in seen or not _continues(grid[nxt[0]][nxt[1]], step):
                continue
            seen.add(nxt)
            queue.append(nxt)
    return touched, heads


def _next(
    grid: list[str], cell: _Cell, step: tuple[int, int], owner: dict[_Cell, int]
) -> _Cell | None:
    """The cell a line enters going ``step``; over one space when a border lies beyond."""
    row, column = cell[0] + step[0], cell[1] + step[1]
    if not (0 <= row < len(grid) and 0 <= column < len(grid[row])):
        return None
    beyond = (row + step[0], column + step[1])
    if grid[row][column] == " " and beyond in owner:
        return beyond
    return (row, column)


def _arms(char: str) -> tuple[tuple[int, int], ...]:
    if char in _HORIZONTAL:
        return ((0, -1), (0, 1))
    if char in _VERTICAL:
        return ((-1, 0), (1, 0))
    return ((-1, 0), (1, 0), (0, -1), (0, 1))


def _continues(char: str, step: tuple[int, int]) -> bool:
    """Whether a line going ``step`` carries on through ``char``."""
    if char in _JOINTS:
        return True
    return char in (_VERTICAL if step[1] == 0 else _HORIZONTAL)


def _points(char: str, step: tuple[int, int]) -> bool:
    """Whether ``char`` is an arrowhead pointing the way ``step`` goes."""
    return (
        (step == (1, 0) and char in _HEADS_DOWN)
        or (step == (-1, 0) and char in _HEADS_UP)
        or (step == (0, 1) and char in _HEADS_RIGHT)
        or (step == (0, -1) and char in _HEADS_LEFT)
    )
