"""The markdown reader never raises, whatever text it is given; the YAML reader raises only
InputError.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from integration_spec.architecture.markdown_reader import read_markdown_architecture
from integration_spec.architecture.yaml_reader import read_yaml_architecture
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import name_key, normalize_name
from integration_spec.source import InputError

_WORDS = st.sampled_from(
    [
        "Module",
        "Service",
        "Bounded Context:",
        "Component",
        "Modules",
        "Services",
        "Orders",
        "orders",
        "Redis",
        "PostgreSQL",
        "Build Order",
        "Phase 2",
        "(Phase 1)",
        "depends on",
        "Dependencies:",
        "**Aggregate**:",
        "**HTTP**:",
        "POST /x",
        "GET",
        "—",
        "-",
        "`x`",
        "[a](b)",
        "依赖",
        "服务",
        "×",
        "2.1",
        ":",
        "：",
        "|",
        "1.",
        "#",
        "**",
        "\\",
        "<br>",
        "Foundation",
        "Catalog, Pricing",
        ";",
        "(",
        ")",
        "Technology",
        "Layer",
        "Domain Layer",
    ]
)
_PREFIXES = st.sampled_from(
    ["", "# ", "## ", "### ", "#### ", "- ", "  - ", "1. ", "| ", "> ", "```", "    ", "|---|---|"]
)
_LINES = st.tuples(
    _PREFIXES, st.lists(_WORDS, max_size=6).map(" ".join), st.sampled_from(["", " |", ":", "**"])
).map("".join)
markdown_documents = st.lists(_LINES, max_size=40).map("\n".join)

_YAML_TOKENS = st.sampled_from(
    [
        "title:",
        "modules:",
        "- ",
        "  ",
        "name:",
        "orders",
        "phase:",
        "2",
        "dependencies:",
        "[a, b]",
        "endpoints:",
        "POST /x",
        "{method: GET, path: /y}",
        "{",
        "}",
        "&a",
        "*a",
        "2024-13-45",
        "? [a]",
        ": b",
        "'",
        '"',
        "~",
        "<<: *a",
        "1e999",
        "- name: y",
        "---",
    ]
)
yaml_documents = st.lists(st.lists(_YAML_TOKENS, max_size=5).map(" ".join), max_size=15).map(
    "\n".join
)


def _assert_sound(architecture: Architecture, text: str) -> None:
    """No raise is not enough: names come from the text and every line exists."""
    last_line = text.count("\n") + 1
    keys = [name_key(module.name) for module in architecture.modules]
    assert len(set(keys)) == len(keys)
    for module in architecture.modules:
        words = [normalize_name(word) for word in module.name.split()]
        assert all(word in normalize_name(text) for word in words), module.name
        assert module.line is not None
        assert 1 <= module.line <= last_line
        assert all(1 <= line <= last_line for line in module.lines.values())
        assert all(name_key(dependency) in keys for dependency in module.dependencies)
    for diagnostic in architecture.diagnostics:
        assert diagnostic.line is None or 1 <= diagnostic.line <= last_line
    if not architecture.modules:
        assert [d.code for d in architecture.diagnostics].count("AX001") == 1


@settings(max_examples=500)
@given(st.text())
def test_markdown_reader_never_raises_on_any_text(text: str) -> None:
    _assert_sound(read_markdown_architecture(text, "any.md"), text)


@settings(max_examples=1000)
@given(markdown_documents)
def test_markdown_reader_never_raises_on_markdown_made_of_its_own_words(text: str) -> None:
    _assert_sound(read_markdown_architecture(text, "mixed.md"), text)


@settings(max_examples=500)
@given(st.one_of(yaml_documents, st.text(max_size=200)))
def test_yaml_reader_raises_nothing_but_input_error(text: str) -> None:
    code = ""
    try:
        read_yaml_architecture(text, "any.yaml")
    except InputError as error:
        code = error.diagnostic.code
    assert code in ("", "AX010", "AX011")


_BOXES = st.text(alphabet="┌┐└┘─│┬┴├┤┼▼▲▶◀+-|<>v^ ab\n", max_size=400)
_TREE = st.text(alphabet="+├└│|-─>→v↓ ab\n", max_size=400)


@settings(max_examples=600, deadline=None)
@given(st.one_of(_BOXES, _TREE))
def test_drawings_never_break_the_reader(drawing: str) -> None:
    """Any grid of box or branch characters reads without an exception, drawing or not."""
    text = f"# T\n\n## Modules\n\n- **a** — one\n- **b** — two\n\n```\n{drawing}\n```\n"
    assert isinstance(read_markdown_architecture(text, "drawn.md"), Architecture)


def test_an_arrow_between_two_boxes_is_a_dependency_of_the_one_it_leaves() -> None:
    drawing = "┌───┐     ┌───┐\n│ a │────▶│ b │\n└───┘     └───┘"
    text = f"# T\n\n## Modules\n\n- **a** — one\n- **b** — two\n\n```\n{drawing}\n```\n"
    modules = {m.name: m.dependencies for m in read_markdown_architecture(text, "d.md").modules}
    assert modules == {"a": ("b",), "b": ()}


def test_a_branch_hangs_from_the_stem_above_it_not_from_its_sibling() -> None:
    drawing = "a\n  +--> b\n  +--> c\nb\n  +--> c"
    text = (
        "# T\n\n## Modules\n\n- **a** — one\n- **b** — two\n- **c** — three\n\n"
        f"```\n{drawing}\n```\n"
    )
    modules = {m.name: m.dependencies for m in read_markdown_architecture(text, "t.md").modules}
    assert modules == {"a": ("b", "c"), "b": ("c",), "c": ()}


def test_a_node_label_is_its_first_line_unless_the_line_ends_mid_name() -> None:
    from integration_spec.architecture._mermaid import grouped_nodes

    diagram = (
        'flowchart TB\n  subgraph S["Services"]\n'
        '    A["Routing\\n(/api/chat, /api/ticker)"]\n'
        '    B["Client Pool &<br/>Spooler"]\n'
        '    C["Ledger<br/>bookings and refunds"]\n  end\n'
    )
    labels = [node.label for node in grouped_nodes(diagram, 1, ungrouped=True)]
    assert labels == ["Routing", "Client Pool & Spooler", "Ledger"]
