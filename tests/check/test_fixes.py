"""Fixes change only the lines they claim, byte for byte."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integration_spec.check.fixes import apply_fixes, ragged_row_fixes, unified_diff
from integration_spec.rules.base import Fix, TextEdit

lines_strategy = st.lists(st.text(alphabet="ab |#-\t", max_size=12), min_size=1, max_size=30)


@given(lines_strategy, st.data())
def test_an_insertion_changes_nothing_else(lines: list[str], data: st.DataObject) -> None:
    text = "\n".join(lines) + "\n"
    position = data.draw(st.integers(1, len(lines) + 1))
    inserted = data.draw(st.lists(st.text(alphabet="xyz ", max_size=8), min_size=1, max_size=3))
    fix = Fix("insert", (TextEdit(position, position - 1, "".join(f"{i}\n" for i in inserted)),))
    result, applied = apply_fixes(text, [fix])
    assert applied == [fix]
    assert result.split("\n") == [*lines[: position - 1], *inserted, *lines[position - 1 :], ""]


@given(lines_strategy, st.data())
def test_a_replacement_changes_only_its_lines(lines: list[str], data: st.DataObject) -> None:
    text = "\n".join(lines) + "\n"
    start = data.draw(st.integers(1, len(lines)))
    end = data.draw(st.integers(start, len(lines)))
    fix = Fix("replace", (TextEdit(start, end, "new\n"),))
    result, _ = apply_fixes(text, [fix])
    assert result.split("\n") == [*lines[: start - 1], "new", *lines[end:], ""]


def test_overlapping_fixes_apply_the_first_only() -> None:
    first = Fix("a", (TextEdit(2, 2, "A\n"),))
    second = Fix("b", (TextEdit(2, 3, "B\n"),))
    result, applied = apply_fixes("1\n2\n3\n", [first, second])
    assert (result, applied) == ("1\nA\n3\n", [first])


def test_ragged_row_is_padded_and_long_rows_are_left_alone() -> None:
    text = "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n| x | y\n"
    fixes = ragged_row_fixes(text)
    assert sorted(fixes) == [3, 5]
    result, _ = apply_fixes(text, fixes.values())
    assert result == "| a | b | c |\n|---|---|---|\n| 1 |  |  |\n| 1 | 2 | 3 | 4 |\n| x | y |  |\n"


def test_diff_names_both_sides() -> None:
    diff = unified_diff("s.md", "a\n", "b\n")
    assert diff.startswith("--- a/s.md\n+++ b/s.md\n")
    assert "-a\n+b\n" in diff
