"""Hypothesis strategies for markdown documents that stress block structure.

``written_documents`` builds documents the way people write specs and architectures:
headings (ATX and setext), paragraphs with inline markup, escapes and code spans across
lines, tight and loose lists nested up to three deep, tables at any depth, fences, HTML
comments and block quotes, with the indentation CommonMark expects.

A few constructs are kept out because the two parsers disagree on them by design; each is
one of the known differences listed (and shown) in test_differential.py.
"""

from __future__ import annotations

from hypothesis import strategies as st

_WORDS = st.sampled_from(
    [
        "word",
        "Cart",
        "payments",
        "**Input**:",
        "**Failure**:",
        "*em*",
        "`code`",
        "`open",
        "close`",
        "\\*",
        "\\|",
        "\\",
        "[link](",
        "url)",
        "<a",
        'href="x">',
        "&amp;",
        "é",
        "—",
        "→",
        "#1",
        "|",
        "a_b",
        "<br>",
    ]
)
_TEXT_LINE = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_CELL = st.lists(
    st.sampled_from(["a", "b c", "`x|y`", "\\|", "**B**", "é", "", "`c`", "x 1. y", "<br>"]),
    min_size=1,
    max_size=2,
).map(" ".join)


@st.composite
def _table(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(1, 4))
    header = draw(st.lists(_CELL.filter(bool), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(_CELL, min_size=1, max_size=width + 1), max_size=4))
    outer = width == 1 or draw(st.booleans())  # one column without outer pipes: see K2

    def row(cells: list[str]) -> str:
        body = " | ".join(cells)
        # A row of empty cells needs its outer pipes: " | " alone is K11.
        return f"| {body} |" if outer or not any(cell.strip() for cell in cells) else body

    alignments = st.sampled_from(["---", ":--", "--:", ":-:"])
    delimiter = "|" + "|".join(draw(alignments) for _ in header) + "|"
    return [row(header), delimiter, *(row(cells) for cells in rows)]


def _interrupts(line: str) -> bool:
    """A table without a leading pipe does not interrupt a paragraph in pulldown-cmark (K9)."""
    return "|" in line and not line.startswith("|")


def _indent(lines: list[str], by: str) -> list[str]:
    return [by + line if line else line for line in lines]


@st.composite
def _block(draw: st.DrawFn, depth: int) -> list[str]:
    kinds = ["paragraph", "heading", "table", "fence", "html", "rule"]
    if depth < 3:
        kinds += ["list", "list", "quote"]
    kind = draw(st.sampled_from(kinds))
    if kind == "paragraph":
        return draw(st.lists(_TEXT_LINE, min_size=1, max_size=3))
    if kind == "heading":
        text = draw(_TEXT_LINE)
        if draw(st.booleans()):
            marks = draw(st.sampled_from(["#", "##", "###"]))
            return [f"{marks} {text}" + draw(st.sampled_from(["", " ##", " #"]))]
        # A pipe in a setext heading's text makes "x |\n---" a one-column table to one
        # parser and a heading to the other (K3).
        return [text.replace("\\|", "").replace("|", ""), draw(st.sampled_from(["===", "---"]))]
    if kind == "table":
        return draw(_table())
    if kind == "fence":
        marker = draw(st.sampled_from(["```", "~~~", "````"]))
        info = draw(st.sampled_from(["", "mermaid", "text", "ts title"]))
        code = st.sampled_from(["a -> b", "  x", "", "| t |", "# not a heading"])
        body = draw(st.lists(code, max_size=3))
        return [marker + info, *body, marker]
    if kind == "html":
        comments = ["<!-- ispec: ignore DF001 -->", "<!-- note -->", "<details>"]
        return [draw(st.sampled_from(comments))]
    if kind == "rule":
        return ["---"]
    if kind == "quote":
        inner = draw(_blocks(depth + 1))
        return [("> " + line) if line else ">" for line in inner]
    ordered = draw(st.booleans())
    loose = draw(st.booleans())
    lines: list[str] = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        marker = f"{number}. " if ordered else draw(st.sampled_from(["- ", "* "]))
        # No pipe in an item's first line: followed by "---" it reads as a one-column table
        # to markdown-it and as a heading to pulldown-cmark (K2, K3).
        head = draw(_TEXT_LINE).replace("\\|", "").replace("|", "").strip() or "item"
        rest = draw(_blocks(depth + 1)) if draw(st.booleans()) else []
        if rest and (loose or _interrupts(rest[0])):
            rest = ["", *rest]
        lines += [marker + head, *_indent(rest, " " * len(marker))]
        if loose:
            lines.append("")
    return lines


@st.composite
def _blocks(draw: st.DrawFn, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for block in draw(st.lists(_block(depth), min_size=1, max_size=4)):
        if lines:
            lines.append("")
        lines += block
    return lines


written_documents = _blocks().map("\n".join)
