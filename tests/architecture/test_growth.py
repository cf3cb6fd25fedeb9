"""Reading grows linearly with the number of modules (issue 10: it was quadratic).

Growth is measured by the number of function calls (cProfile counts them exactly, the same
on any machine), never by time: a document four times larger must cost about four times
the calls, not sixteen.
"""

from __future__ import annotations

import cProfile
import pstats

from integration_spec.architecture.markdown_reader import read_markdown_architecture
from integration_spec.model.architecture import Architecture

_LINEAR_SLACK = 1.5
"""Allowed excess over a linear ratio (per-document constants, longer names)."""


def _document(modules: int) -> str:
    """A module table where each module depends on the one before, a section per module that
    says in a sentence which module it calls, a mermaid diagram and a build order."""
    names = [f"module{index}" for index in range(modules)]
    rows = [
        f"| {name} | Owns part {index} | {names[index - 1] if index else '—'} |"
        for index, name in enumerate(names)
    ]
    sections = [
        f"## Module: {name}\n\n{name.title()} calls {names[index - 1]} for lookups.\n"
        for index, name in enumerate(names)
        if index
    ]
    arrows = [f"    {names[index]} --> {names[index - 1]}" for index in range(1, modules)]
    waves = [f"- Wave {index + 1}: {name}" for index, name in enumerate(names)]
    return "\n".join(
        [
            "# Generated",
            "## Module Inventory",
            "| Module | Responsibility | Dependencies |",
            "|---|---|---|",
            *rows,
            "",
            "## Build Order",
            *waves,
            "",
            *sections,
            "## Dependencies",
            "```mermaid",
            "flowchart LR",
            *arrows,
            "```",
        ]
    )


def _calls(text: str) -> tuple[int, Architecture]:
    profile = cProfile.Profile()
    architecture = profile.runcall(read_markdown_architecture, text, "generated.md")
    return pstats.Stats(profile).total_calls, architecture  # type: ignore[attr-defined]


def test_reading_grows_linearly_with_the_module_count() -> None:
    small, large = 150, 600
    small_calls, small_read = _calls(_document(small))
    large_calls, large_read = _calls(_document(large))
    assert len(small_read.modules) == small
    assert len(large_read.modules) == large
    assert large_read.modules[-1].dependencies == (f"module{large - 2}",)
    ratio = large_calls / small_calls
    assert ratio < (large / small) * _LINEAR_SLACK, f"{ratio:.1f}x the calls for 4x the modules"


def _lookup_calls(modules: int, separator: str) -> float:
    """Calls per ``find``; spellings differ per run so that no cached key is shared."""
    _, architecture = _calls(_document(modules))
    architecture.find("warm up the index")
    profile = cProfile.Profile()
    profile.enable()
    for index in range(modules):
        assert architecture.find(f"MODULE{separator}{index}") is not None
    profile.disable()
    return pstats.Stats(profile).total_calls / modules  # type: ignore[attr-defined]


def test_a_name_lookup_costs_the_same_whatever_the_module_count() -> None:
    assert _lookup_calls(400, "-") < _lookup_calls(50, "_") * _LINEAR_SLACK


def _box_name(index: int) -> str:
    """``unit aaa``, ``unit aab``, ...: names of letters, all the same width."""
    letters = "".join(chr(ord("a") + (index // 26**power) % 26) for power in (2, 1, 0))
    return f"unit {letters}"


def _boxes_drawing(boxes: int) -> str:
    """A row of boxes, each pointing at the next, drawn in one code block."""
    names = [_box_name(index) for index in range(boxes)]
    tops = "   ".join("┌" + "─" * 10 + "┐" for _ in names)
    labels = "──▶".join(f"│ {name} │" for name in names)
    bottoms = "   ".join("└" + "─" * 10 + "┘" for _ in names)
    listing = "\n".join(f"- **{name}** — part" for name in names)
    return (
        f"# Drawn\n\n## Modules\n\n{listing}\n\n## Calls\n\n```\n{tops}\n{labels}\n{bottoms}\n```\n"
    )


def test_box_drawings_are_read_in_linear_time() -> None:
    """The drawing is walked cell by cell: four times the boxes, about four times the calls."""
    small, large = 40, 160
    small_calls, small_read = _calls(_boxes_drawing(small))
    large_calls, large_read = _calls(_boxes_drawing(large))
    assert large_read.modules[0].dependencies == (_box_name(1),)
    assert small_read.modules[-2].dependencies == (_box_name(small - 1),)
    ratio = large_calls / small_calls
    assert ratio < (large / small) * _LINEAR_SLACK, f"{ratio:.1f}x the calls for 4x the boxes"


def _tree_drawing(branches: int) -> str:
    """Staircases of branches, each hanging from the one above, 30 deep, then back out."""
    names = [_box_name(index) for index in range(branches)]
    lines = [names[0]] + [
        f"{' ' * (2 * (index % 30))}+--> {names[index]}" for index in range(1, branches)
    ]
    listing = "\n".join(f"- **{name}** — part" for name in names)
    drawing = "\n".join(lines)
    return f"# Drawn\n\n## Modules\n\n{listing}\n\n## Calls\n\n```\n{drawing}\n```\n"


def test_tree_drawings_are_read_in_linear_time() -> None:
    """Each line is pushed on and popped off the stem stack once: 4x the branches, ~4x the calls."""
    small, large = 40, 160
    small_calls, small_read = _calls(_tree_drawing(small))
    large_calls, large_read = _calls(_tree_drawing(large))
    assert large_read.modules[0].dependencies == (_box_name(1),)
    assert small_read.modules[1].dependencies == (_box_name(2),)
    ratio = large_calls / small_calls
    assert ratio < (large / small) * _LINEAR_SLACK, f"{ratio:.1f}x the calls for 4x the branches"
