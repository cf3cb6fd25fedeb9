"""Arrows that hang an item off the line above it, in a drawn tree.

A text drawing often hangs what a unit delegates to under it, one branch per line::

    Builder Chief
      |
      +--> Router
      |      +--> minimal route
      +--> Workflow Engine

A branch line (``+-->``, ``├─→``, ``└──>``, ``|-->``) names only its target: its source is
the nearest line above that starts further left, as a reader's eye follows the branch up
to its stem. Each branch becomes the statement ``<source> --> <rest of the line>``, which
the reader resolves like any drawn arrow: both ends must name modules of the document, so
a drawing never creates a module.

The drawing is read once, top to bottom, with a stack of the open stems: linear in its
size. Lines longer than ``_MAX_LINE`` are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

_MAX_LINE = 400
_STEM_CHARS = frozenset("|│┃║:")
"""Characters that only carry a branch down to the next line (``|`` under a stem)."""
_DOWN_ARROWS = frozenset("vV↓▼⬇")
_BRANCH_START = frozenset("+├└╰┣┗`\\|│")
_BRANCH_LINE = frozenset("-─━=")
_HEADS = (">", "→", "▶", "►", "➜", "➔", "⟶")
_NAME_ENDS = ("  ", "(", " → ", " -> ", " --> ", " — ", " - ", "#", ":")


@dataclass(frozen=True, slots=True)
class HangingArrow:
    """``source --> rest``: a branch line with the stem it hangs from."""

    text: str
    line: int


def hanging_arrows(content: str, first_line: int) -> list[HangingArrow]:
    """Every branch line of the drawing, as an arrow from the stem it hangs from."""
    stems: list[tuple[int, str]] = []  # (column, name), columns strictly increasing
    arrows: list[HangingArrow] = []
    for offset, raw in enumerate(content.split("\n")):
        if len(raw) > _MAX_LINE:
            continue
        column, body = _content(raw)
        if not body or _only_connectors(body):
            continue
        target = _branch_target(body)
        while stems and stems[-1][0] >= column:
            stems.pop()
        name = _name(target if target is not None else body)
        if target and stems:
            arrows.append(HangingArrow(f"{stems[-1][1]} --> {target}", first_line + offset))
        if name:
            stems.append((column, name))
    return arrows


def _content(raw: str) -> tuple[int, str]:
    """Where the line's own text starts (after indentation and the stems of outer branches)."""
    column = 0
    while column < len(raw) and (raw[column].isspace() or raw[column] in _STEM_CHARS):
        column += 1
    body = raw[column:].rstrip()
    if body and body[0] in _BRANCH_LINE and column > 0 and raw[column - 1] in _STEM_CHARS:
        # "|-->" : the bar is this line's branch, not an outer stem.
        column -= 1
        body = raw[column:].rstrip()
    return column, body


def _only_connectors(body: str) -> bool:
    return all(char.isspace() or char in _STEM_CHARS or char in _DOWN_ARROWS for char in body)


def _branch_target(body: str) -> str | None:
    """The text after a branch's arrowhead (``+--> Router`` -> ``Router``), or ``None``."""
    position = 0
    if body[0] in _BRANCH_START:
        position = 1
    start = position
    while position < len(body) and body[position] in _BRANCH_LINE:
        position += 1
    if position == start and position == 0:
        return None  # no branch and no line: an ordinary line of text
    for head in _HEADS:
        if body.startswith(head, position):
            return body[position + len(head) :].strip()
    return None


def _name(text: str) -> str:
    """The name a line starts with: up to a description, a parenthesis or a further arrow."""
    text = text.lstrip("".join(_BRANCH_START | _BRANCH_LINE) + " ")
    end = len(text)
    for marker in _NAME_ENDS:
        found = text.find(marker)
        if 0 < found < end:
            end = found
    return text[:end].strip()
