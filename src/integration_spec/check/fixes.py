"""Applying safe fixes: line edits that touch nothing else, and a diff to preview them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from integration_spec.markdown.blocks import Table
from integration_spec.markdown.document import Document, parse_document
from integration_spec.rules.base import Fix, TextEdit


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes to ``text``; return the new text and the fixes applied.

    A fix whose edits overlap an earlier fix's is skipped (the next run applies it), so
    two fixes never fight over the same lines.
    """
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines.pop()
    applied: list[Fix] = []
    taken: list[tuple[int, int]] = []
    edits: list[TextEdit] = []
    for fix in fixes:
        spans = [(edit.start, max(edit.end, edit.start - 1)) for edit in fix.edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        taken.extend(spans)
        edits.extend(fix.edits)
        applied.append(fix)
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end), reverse=True):
        replacement = edit.text.split("\n")
        if replacement and replacement[-1] == "":
            replacement.pop()
        lines[edit.start - 1 : edit.end] = replacement
    result = "\n".join(lines)
    if trailing_newline:
        result += "\n"
    return result, applied


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two edit spans touch; an insertion (end < start) conflicts at its position."""
    first_start, first_end = first[0], max(first)
    second_start, second_end = second[0], max(second)
    return first_start <= second_end and second_start <= first_end


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style preview of a fix."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def ragged_row_fixes(source: Document | str) -> dict[int, Fix]:
    """Fixes that pad short table rows with empty cells, keyed by the row's line.

    Rows with too many cells are left alone: dropping a cell would lose what was written.
    ``check`` passes its shared document.
    """
    document = source if isinstance(source, Document) else parse_document(source)
    lines = document.lines
    fixes: dict[int, Fix] = {}
    for block in document.flat_blocks:
        if not isinstance(block, Table):
            continue
        width = block.header.written_cells
        for row in block.rows:
            missing = width - row.written_cells
            if missing > 0 and row.line <= len(lines):
                original = lines[row.line - 1].rstrip()
                padded = original if original.endswith("|") else original + " |"
                padded += "  |" * missing
                fixes[row.line] = Fix(
                    description=f"pad the row with {missing} empty cell(s)",
                    edits=(TextEdit(row.line, row.line, padded + "\n"),),
                )
    return fixes
