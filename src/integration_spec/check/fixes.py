"""Applying safe fixes: line edits that touch nothing else, checked before they are kept.

A fix is kept only when it does what it claims:

- it **adds** and never deletes: every character it replaces (white space aside) is still
  there, in order, in what it writes (a title fix that would drop the ``#`` of ``F#`` is
  refused);
- its finding **goes away**: an insertion the document would not read as intended (a
  heading inside an unclosed code fence or a deep quote) is undone and reported, so
  ``--fix`` converges instead of inserting the same section on every pass;
- lines it does not touch keep their **bytes**: their line breaks (LF, CRLF, CR), and the
  file's byte-order mark. New lines get the file's usual line break.

``--diff`` renders the same result as ``--fix`` writes, byte for byte.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from integration_spec.markdown.blocks import Table
from integration_spec.markdown.document import Document, parse_document
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.rules.base import Fix, TextEdit
from integration_spec.source import SourceText

MAX_CHECKS = 40
"""Checks one file's fixing may run: each pass proves its fixes worked with one check."""

NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True, slots=True)
class RejectedFix:
    """A fix that was not kept, with the finding it was for and why."""

    diagnostic: Diagnostic
    reason: str


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed document, how many fixes were kept, and the ones refused."""

    source: SourceText
    applied: int
    rejected: tuple[RejectedFix, ...] = ()


Checker = Callable[[str], Sequence[tuple[Diagnostic, Fix | None]]]
"""Check a text: every finding, with its fix when it has one."""


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes to LF ``text``; return the new text and the fixes applied.

    A fix whose edits overlap an earlier fix's is skipped (the next pass applies it), and a
    fix that would delete text is refused, so two fixes never fight over the same lines.
    """
    fixed, applied, _ = apply_to_source(SourceText.from_raw(text), fixes)
    return fixed.text, applied


def apply_to_source(
    source: SourceText, fixes: Iterable[Fix]
) -> tuple[SourceText, list[Fix], list[Fix]]:
    """Apply fixes to a document; return it, the fixes applied and the ones refused.

    Lines no edit touches keep their own line break; lines an edit writes take the break
    of the line they replace, else the file's usual one. One pass over the lines.
    """
    entries = _entries(source)
    ended = bool(entries) and entries[-1][1] != ""
    newline = source.newline()
    applied: list[Fix] = []
    refused: list[Fix] = []
    taken: set[int] = set()
    edits: list[TextEdit] = []
    for fix in fixes:
        spans = [range(edit.start, max(edit.end, edit.start) + 1) for edit in fix.edits]
        if any(line in taken for span in spans for line in span):
            continue
        if not all(_keeps_text(entries, edit) for edit in fix.edits):
            refused.append(fix)
            continue
        taken.update(line for span in spans for line in span)
        edits.extend(fix.edits)
        applied.append(fix)
    result: list[tuple[str, str]] = []
    position = 0  # entries[:position] are copied or replaced
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        first = edit.start - 1
        result.extend(entries[position:first])
        replaced = entries[first : edit.end]
        result.extend(
            (line, replaced[index][1] if index < len(replaced) else newline)
            for index, line in enumerate(_edit_lines(edit))
        )
        position = max(position, first, edit.end)
    result.extend(entries[position:])
    return _source(result, ended=ended, newline=newline, bom=source.bom), applied, refused


def _entries(source: SourceText) -> list[tuple[str, str]]:
    """Each line with the break after it; the text after the final break is not a line."""
    entries = list(zip(source.lines(), [*source.breaks, ""], strict=True))
    if entries and entries[-1] == ("", ""):
        entries.pop()
    return entries


def _source(entries: list[tuple[str, str]], *, ended: bool, newline: str, bom: bool) -> SourceText:
    """Lines back into a document.

    Every line but the last ends in a break; the last one does when the original did.
    """
    lines = [line for line, _ in entries]
    breaks = [brk or newline for _, brk in entries[:-1]]
    if entries:
        if ended:
            breaks.append(entries[-1][1] or newline)
            lines.append("")
    else:
        lines = [""]
    return SourceText.from_lines(lines, breaks, bom=bom)


def _edit_lines(edit: TextEdit) -> list[str]:
    replacement = edit.text.split("\n")
    if replacement and replacement[-1] == "":
        replacement.pop()
    return replacement


def _keeps_text(entries: list[tuple[str, str]], edit: TextEdit) -> bool:
    """Whether an edit keeps every character it replaces (white space aside), in order."""
    removed = "".join(line for line, _ in entries[edit.start - 1 : edit.end])
    return _is_subsequence(_visible(removed), _visible(edit.text))


def _visible(text: str) -> str:
    return "".join(text.split())


def _is_subsequence(needle: str, haystack: str) -> bool:
    characters = iter(haystack)
    return all(char in characters for char in needle)


def _key(diagnostic: Diagnostic) -> tuple[str, str]:
    """A finding without its line, which fixes above it move."""
    return diagnostic.code, diagnostic.message


def fix_until_stable(
    source: SourceText, check: Checker, *, max_checks: int = MAX_CHECKS
) -> FixResult:
    """Apply fixes pass after pass (a fix may uncover another) until nothing changes.

    Each pass applies every fix at once and keeps them when each one's finding is gone;
    otherwise it tries them one at a time, and a fix whose finding remains is undone and
    reported. The number of checks is bounded, so a file always finishes.
    """
    rejected: dict[tuple[str, str], RejectedFix] = {}
    current = check(source.text)
    checks = 1
    applied_total = 0
    one_at_a_time = False
    while checks < max_checks:
        pairs = [
            (diagnostic, fix)
            for diagnostic, fix in current
            if fix is not None and _key(diagnostic) not in rejected
        ]
        if not pairs:
            break
        batch = pairs[:1] if one_at_a_time else pairs
        by_fix = {id(fix): diagnostic for diagnostic, fix in batch}
        candidate, used, refused = apply_to_source(source, [fix for _, fix in batch])
        for fix in refused:
            diagnostic = by_fix[id(fix)]
            rejected[_key(diagnostic)] = RejectedFix(
                diagnostic, "the fix would delete text the author wrote"
            )
        if not used:
            continue
        after = check(candidate.text)
        checks += 1
        if _resolved(current, after, [by_fix[id(fix)] for fix in used]):
            source, current = candidate, after
            applied_total += len(used)
            one_at_a_time = False
        elif len(used) > 1:
            one_at_a_time = True
        else:
            diagnostic = by_fix[id(used[0])]
            rejected[_key(diagnostic)] = RejectedFix(
                diagnostic,
                "the finding remained after the fix (the inserted text is not read where it "
                "was put, e.g. inside an unclosed code fence or quote), so it was undone",
            )
    return FixResult(source=source, applied=applied_total, rejected=tuple(rejected.values()))


def _resolved(
    before: Sequence[tuple[Diagnostic, Fix | None]],
    after: Sequence[tuple[Diagnostic, Fix | None]],
    fixed: Sequence[Diagnostic],
) -> bool:
    """Whether each fixed finding is gone: fewer findings of its kind than before."""
    counts_before = Counter(_key(diagnostic) for diagnostic, _ in before)
    counts_after = Counter(_key(diagnostic) for diagnostic, _ in after)
    wanted = Counter(_key(diagnostic) for diagnostic in fixed)
    return all(counts_after[key] <= counts_before[key] - count for key, count in wanted.items())


def unified_diff(path: str, before: SourceText | str, after: SourceText | str) -> str:
    """A ``git diff``-style preview of exactly the bytes a fix writes: a patch that applies.

    Lines are what git calls lines (ended by LF, a CR before it kept as part of the line),
    so CRLF shows as written and ``git apply`` reproduces the fixed file; a last line
    without a line break is marked as git marks it.
    """
    old = before if isinstance(before, SourceText) else SourceText.from_raw(before)
    new = after if isinstance(after, SourceText) else SourceText.from_raw(after)
    output: list[str] = []
    for line in difflib.unified_diff(
        _git_lines(old), _git_lines(new), fromfile=f"a/{path}", tofile=f"b/{path}"
    ):
        output.append(line)
        if not line.endswith("\n"):
            output.append("\n" + NO_NEWLINE)
    return "".join(output)


def _git_lines(source: SourceText) -> list[str]:
    """The file's text split after each LF, as git and patch read lines (BOM included)."""
    raw = ("\ufeff" if source.bom else "") + source.raw()
    lines = raw.split("\n")
    ended = [line + "\n" for line in lines[:-1]]
    return [*ended, lines[-1]] if lines[-1] else ended


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
