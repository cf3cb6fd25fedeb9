"""The native block parser reads documents exactly as markdown-it-py's block phase did.

markdown-it-py (a development dependency only) is the oracle: see tests/markdown/oracle.py
for the one normalisation applied to its side. Kinds, line spans, texts of paragraphs and
headings inside containers, cell texts with their escapes, fence info and content, list
numbers: the block values are compared whole.

Where the two disagree by design (markdown-it departs from CommonMark or GFM, or
pulldown-cmark does), the difference is listed in KNOWN_DIFFERENCES with a minimal
document, and the test below shows that it is still a difference (decision 0012).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings

from integration_spec.markdown.blocks import parse_blocks
from tests.conftest import EXAMPLE, FIXTURES, REPO, SHARED
from tests.markdown.documents import written_documents
from tests.markdown.oracle import oracle_blocks

CORPORA = sorted(SHARED.glob("corpus/real-architectures*/*.md"))
OURS = sorted([*EXAMPLE.rglob("*.md"), *FIXTURES.rglob("*.md"), *(REPO / "docs").rglob("*.md")])

KNOWN_DIFFERENCES = {
    "K1 markdown-it tries a table before a quote, heading or list item": "> a | b\n|---|---|",
    "K2 markdown-it takes a header row without an unescaped pipe": "\\| a\n|---|",
    "K3 pulldown-cmark takes a one-column delimiter row without a pipe": "| a |\n---",
    "K4 markdown-it ends a nested quote after the outer quote's next line": " >  > \n > ",
    "K5 markdown-it keeps a line indented four spaces in the quote before it": " > ```\n    > ",
    "K6 markdown-it ends a list after an empty item and a blank line": "- \n\n\n- ",
    "K7 pulldown-cmark expands a tab after a quote marker in HTML": "> \t<!-- x -->",
    "K8 pulldown-cmark takes a delimiter row that starts with '- '": "| a | b |\n- |---|",
    "K9 pulldown-cmark: only a table with a leading pipe interrupts a paragraph": (
        "word\na | b\n--|--"
    ),
    "K10 markdown-it ends a table at a row indented four spaces": "a | b\n--|--\n    c",
    "K11 pulldown-cmark ends a table at a row that is one pipe": "a | a\n|---|---|\n | ",
}


def _ids(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


@pytest.mark.parametrize("path", CORPORA, ids=_ids(CORPORA))
def test_real_architectures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_blocks(text) == oracle_blocks(text)


@pytest.mark.parametrize("path", OURS, ids=_ids(OURS))
def test_examples_fixtures_and_docs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_blocks(text) == oracle_blocks(text)


def test_generated_corpus(generated_corpus: list[str]) -> None:
    different = [
        index
        for index, text in enumerate(generated_corpus)
        if parse_blocks(text) != oracle_blocks(text)
    ]
    assert different == []


@settings(max_examples=400)
@given(written_documents)
@example("> foo `code\n> span` bar")
@example("- a\n  b\n\n  - c\n\n  d")
@example("11. a\n    - b\n\n    para")
@example("- word\n\n  > - word\n  >\n  > -  \n  >\n\n- word\n")
@example("| a | b |\n|---|---|\n| \\| x | y")
@example("# Title #\n\nSetext *heading*\ncontinued\n===\n\n    indented code")
@example("- \\\n  word")
@example("1. **Auth** validates é\n   - **Input**: `a\n     b` → c  \n     next")
def test_written_documents(text: str) -> None:
    assert parse_blocks(text) == oracle_blocks(text)


@pytest.mark.parametrize("document", KNOWN_DIFFERENCES.values(), ids=list(KNOWN_DIFFERENCES))
def test_known_differences_are_still_differences(document: str) -> None:
    """Each listed difference is real; when a parser changes, the list must shrink."""
    assert parse_blocks(document) != oracle_blocks(document)
