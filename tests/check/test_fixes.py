"""Fixes change only the lines they claim, byte for byte, and are kept only when they work."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import assume, given
from hypothesis import strategies as st

from integration_spec.check.fixes import (
    NO_NEWLINE,
    apply_fixes,
    apply_to_source,
    fix_until_stable,
    ragged_row_fixes,
    unified_diff,
)
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.rules.base import Fix, TextEdit
from integration_spec.source import SourceText

lines_strategy = st.lists(st.text(alphabet="ab |#-\t", max_size=12), min_size=1, max_size=30)
breaks_strategy = st.sampled_from(["\n", "\r\n", "\r"])


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
def test_a_replacement_that_keeps_the_text_changes_only_its_lines(
    lines: list[str], data: st.DataObject
) -> None:
    text = "\n".join(lines) + "\n"
    start = data.draw(st.integers(1, len(lines)))
    end = data.draw(st.integers(start, len(lines)))
    kept = " ".join(lines[start - 1 : end])
    fix = Fix("extend", (TextEdit(start, end, f"new {kept} |\n"),))
    result, applied = apply_fixes(text, [fix])
    assert applied == [fix]
    assert result.split("\n") == [*lines[: start - 1], f"new {kept} |", *lines[end:], ""]


@given(
    st.lists(st.tuples(st.text(alphabet="ab |#", max_size=10), breaks_strategy), max_size=20),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_untouched_lines_keep_their_bytes(
    lines: list[tuple[str, str]], bom: bool, final_break: bool, data: st.DataObject
) -> None:
    """CRLF, lone CR and the BOM survive a fix everywhere but on the lines it writes."""
    raw = "".join(line + brk for line, brk in lines) + ("" if final_break else "tail")
    assume(raw)
    source = SourceText.from_raw(raw, bom=bom)
    assert source.encode() == (b"\xef\xbb\xbf" if bom else b"") + raw.encode()
    before = source.raw_lines()
    position = data.draw(st.integers(1, len(before) + 1))
    fix = Fix("insert", (TextEdit(position, position - 1, "NEW\n"),))
    fixed, applied, _ = apply_to_source(source, [fix])
    assert applied == [fix]
    newline = source.newline()
    if position <= len(before):
        expected = [*before[: position - 1], "NEW" + newline, *before[position - 1 :]]
    elif before[-1].endswith(("\n", "\r")):
        expected = [*before, "NEW" + newline]
    else:  # the last line gains a break so that the new one follows it
        expected = [*before[:-1], before[-1] + newline, "NEW"]
    assert fixed.raw_lines() == expected
    assert fixed.bom == bom


def test_a_line_a_fix_writes_keeps_the_break_it_had() -> None:
    source = SourceText.from_raw("# Title\r\nbody\rmore\n", bom=True)
    fixed, _, _ = apply_to_source(source, [Fix("p", (TextEdit(1, 1, "# Integration: Title\n"),))])
    assert fixed.encode() == b"\xef\xbb\xbf# Integration: Title\r\nbody\rmore\n"


def test_a_new_line_gets_the_files_usual_break() -> None:
    source = SourceText.from_raw("a\r\nb\r\nc\n")
    fixed, _, _ = apply_to_source(source, [Fix("i", (TextEdit(2, 1, "x\n"),))])
    assert fixed.raw() == "a\r\nx\r\nb\r\nc\n"


def test_a_file_without_a_final_break_still_ends_without_one() -> None:
    fixed, _, _ = apply_to_source(SourceText.from_raw("a\nb"), [Fix("i", (TextEdit(3, 2, "c\n"),))])
    assert fixed.raw() == "a\nb\nc"


def test_a_fix_that_would_delete_text_is_refused() -> None:
    title = "# Price sync for F#"
    dropped = Fix("prefix", (TextEdit(1, 1, "# Integration: Price sync for F\n"),))
    kept = Fix("prefix", (TextEdit(1, 1, "# Integration: Price sync for F#\n"),))
    assert apply_fixes(f"{title}\n", [dropped]) == (f"{title}\n", [])
    assert apply_fixes(f"{title}\n", [kept]) == ("# Integration: Price sync for F#\n", [kept])


def test_overlapping_fixes_apply_the_first_only() -> None:
    first = Fix("a", (TextEdit(2, 2, "2A\n"),))
    second = Fix("b", (TextEdit(2, 3, "2 3 B\n"),))
    result, applied = apply_fixes("1\n2\n3\n", [first, second])
    assert (result, applied) == ("1\n2A\n3\n", [first])


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


def test_diff_shows_the_line_breaks_that_will_be_written() -> None:
    before = SourceText.from_raw("# T\r\nx\r\n")
    after, _, _ = apply_to_source(before, [Fix("p", (TextEdit(1, 1, "# Integration: T\n"),))])
    diff = unified_diff("s.md", before, after)
    assert "-# T\r\n+# Integration: T\r\n x\r\n" in diff


def test_diff_marks_a_last_line_without_a_break() -> None:
    diff = unified_diff("s.md", "a\nb", "a\nc")
    assert diff.endswith(f"-b\n{NO_NEWLINE}+c\n{NO_NEWLINE}")


def test_diff_keeps_a_lone_cr_inside_the_line_as_git_does() -> None:
    before = SourceText.from_raw("# T\rnext\n")
    after, _, _ = apply_to_source(before, [Fix("p", (TextEdit(1, 1, "# Integration: T\n"),))])
    assert unified_diff("s.md", before, after).endswith("-# T\rnext\n+# Integration: T\rnext\n")


# -- fix_until_stable: a fix is kept only when its finding goes away ------------------------


def _finding(message: str, line: int = 1) -> Diagnostic:
    return Diagnostic(code="ST002", severity=Severity.WARNING, message=message, line=line)


_ADD = Fix("add", (TextEdit(2, 1, "## Rollout Plan\n"),))


def _heading_checker(swallowed: bool) -> object:
    """A check that wants a '## Rollout Plan' line; ``swallowed`` reads none ever."""

    def check(text: str) -> Sequence[tuple[Diagnostic, Fix | None]]:
        if "## Rollout Plan" in text and not swallowed:
            return []
        return [(_finding("section 'Rollout Plan' is missing"), _ADD)]

    return check


def test_a_fix_whose_finding_goes_away_is_kept() -> None:
    result = fix_until_stable(SourceText.from_raw("# T\n"), _heading_checker(False))  # type: ignore[arg-type]
    assert result.source.text == "# T\n## Rollout Plan\n"
    assert (result.applied, result.rejected) == (1, ())


def test_a_fix_whose_finding_remains_is_undone_and_reported_not_repeated() -> None:
    """The unclosed-fence reproducer: the inserted heading is never read as a heading."""
    result = fix_until_stable(SourceText.from_raw("# T\n"), _heading_checker(True))  # type: ignore[arg-type]
    assert result.source.text == "# T\n"
    assert result.applied == 0
    (rejected,) = result.rejected
    assert "remained after the fix" in rejected.reason


def test_a_batch_that_fails_is_retried_one_fix_at_a_time() -> None:
    good = Fix("good", (TextEdit(1, 1, "# Integration: T\n"),))

    def check(text: str) -> Sequence[tuple[Diagnostic, Fix | None]]:
        found: list[tuple[Diagnostic, Fix | None]] = []
        if not text.startswith("# Integration:"):
            found.append((_finding("no prefix"), good))
        found.append((_finding("section 'Rollout Plan' is missing", 2), _ADD))
        return found

    result = fix_until_stable(SourceText.from_raw("# T\n"), check)
    assert result.source.text == "# Integration: T\n"
    assert result.applied == 1
    assert [r.diagnostic.message for r in result.rejected] == ["section 'Rollout Plan' is missing"]


def test_fixing_always_finishes_within_its_budget_of_checks() -> None:
    calls = 0

    def check(text: str) -> Sequence[tuple[Diagnostic, Fix | None]]:
        nonlocal calls
        calls += 1
        line = text.count("\n") + 1
        # every fix works and uncovers a new finding: an endless supply
        return [
            (_finding(f"need line {line}"), Fix("more", (TextEdit(line, line - 1, f"{line}\n"),)))
        ]

    result = fix_until_stable(SourceText.from_raw("x\n"), check, max_checks=12)
    assert calls == 12
    assert result.applied == 11
