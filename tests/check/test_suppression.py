"""Inline suppression comments: same line, next block, whole file."""

from __future__ import annotations

from integration_spec.check.suppression import find_suppressions

DOCUMENT = """\
# Integration: T
<!-- integration-spec: ignore-file RO -->

## Modules Involved
| Module | Role | Changes |
|--------|------|---------|
| cart | Both | x | <!-- ispec: ignore AR001 -->
| pay | Both | y |

<!-- integration-spec: ignore DF002, DF003 -->
1. **Step** (cart)
   - Input: x

```
<!-- integration-spec: ignore ST001 -->
```
"""


def test_same_line_comment_silences_that_line_only() -> None:
    suppressions = find_suppressions(DOCUMENT)
    assert suppressions.silences("AR001", 7)
    assert not suppressions.silences("AR001", 8)
    assert not suppressions.silences("AR002", 7)


def test_comment_on_its_own_line_silences_the_next_block() -> None:
    suppressions = find_suppressions(DOCUMENT)
    assert suppressions.silences("DF002", 11)
    assert suppressions.silences("DF003", 12)
    assert not suppressions.silences("DF002", 4)


def test_file_level_comment_silences_a_prefix_everywhere() -> None:
    suppressions = find_suppressions(DOCUMENT)
    assert suppressions.silences("RO001", None)
    assert suppressions.silences("RO004", 3)
    assert not suppressions.silences("ST001", 1)


def test_comment_inside_a_code_fence_is_text_not_a_directive() -> None:
    assert not find_suppressions(DOCUMENT).silences("ST001", 17)


def test_bare_ignore_file_silences_everything() -> None:
    assert find_suppressions("<!-- ispec: ignore-file -->\n\ntext\n").silences("XX999", 3)


def test_a_code_that_exists_nowhere_is_reported_where_it_is_named() -> None:
    text = (
        "# T\n\n| cart | Both | <!-- ispec: ignore AR999, ST -->\n\n"
        "<!-- ispec: ignore-file ZZ1 -->\n"
    )
    found = find_suppressions(text).unknown_codes(("AR001", "ST001"), "x.md")
    assert [(d.code, d.line, d.path) for d in found] == [("CF007", 3, "x.md"), ("CF007", 5, "x.md")]
    assert "'AR999'" in found[0].message
    assert "'ZZ1'" in found[1].message


def test_known_codes_prefixes_and_all_are_not_reported() -> None:
    text = "a <!-- ispec: ignore AR001, AR, ALL -->\n\n<!-- ispec: ignore-file -->\n"
    assert find_suppressions(text).unknown_codes(("AR001",), "x.md") == ()


def test_a_trailing_comment_inside_a_code_fence_is_text() -> None:
    text = "# T\n\n```\ncode <!-- ispec: ignore ST001 -->\n```\n"
    suppressions = find_suppressions(text)
    assert not suppressions.silences("ST001", 4)
    assert suppressions.directives == ()
