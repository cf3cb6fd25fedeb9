"""The parser turns any text into a spec and diagnostics; it never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from integration_spec import parse_spec_text, render_spec
from integration_spec.model.diagnostics import Diagnostic

_MARKDOWN_LINES = st.sampled_from(
    [
        "# Integration: X",
        "## Overview",
        "### Flow Steps",
        "#### Phase 2: Go",
        "## Compensation",
        "## Modules Involved",
        "## Failure Modes",
        "### Synchronous Calls",
        "## Unknown Part",
        "| Module | Role | Changes |",
        "|---|---|---|",
        "| a | b |",
        "| a | b | c | d |",
        "|",
        "1. **Step** (Cart)",
        "1. **Step**",
        "   - Input: x",
        "   - Failure:",
        "- [ ] task",
        "- [x]",
        "**Goal:** g",
        "**Exit Criteria:**",
        "**Type:** Data Flow",
        "> quote",
        "```",
        "```mermaid",
        "~~~",
        "---",
        "",
        "    code",
        "<!-- integration-spec: ignore ST001 -->",
        "If Payments fails after Cart succeeds:",
        "10. ten",
        "* star",
        "+ plus",
        "**",
        "****",
        "1)",
        "Setext\n===",
        "<div>",
        "\t- tab",
        "- - -",
        "\\|",
        "| x \\| y |",
    ]
)


@settings(max_examples=1000)
@given(st.lists(_MARKDOWN_LINES | st.text(max_size=40), max_size=40).map("\n".join))
def test_markdown_like_text_parses_without_raising(text: str) -> None:
    spec = parse_spec_text(text, "fuzz.md")
    assert all(isinstance(diagnostic, Diagnostic) for diagnostic in spec.diagnostics)
    assert all(diagnostic.line is None or diagnostic.line >= 1 for diagnostic in spec.diagnostics)
    render_spec(spec)


@settings(max_examples=500)
@given(st.text())
def test_arbitrary_text_parses_without_raising(text: str) -> None:
    parse_spec_text(text, "fuzz.md")
