"""Round trips: parse(render(spec)) == spec, and render(parse(text)) == text for files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from integration_spec import parse_spec_text, render_spec
from integration_spec.model.spec import IntegrationSpec
from tests.conftest import EXAMPLE, FIXTURES
from tests.strategies import specs

CANONICAL = sorted((FIXTURES / "specs" / "canonical").glob("*.md")) + sorted(
    (EXAMPLE / "features" / "integrations").glob("*.md")
)


@settings(max_examples=1000)
@given(specs)
def test_render_then_parse_gives_the_same_spec(spec: IntegrationSpec) -> None:
    text = render_spec(spec)
    parsed = parse_spec_text(text, "generated.md")
    assert parsed == spec, text
    assert not parsed.diagnostics, text


@settings(max_examples=200)
@given(specs)
def test_rendering_is_a_fixed_point(spec: IntegrationSpec) -> None:
    text = render_spec(spec)
    assert render_spec(parse_spec_text(text)) == text


@pytest.mark.parametrize("path", CANONICAL, ids=lambda path: path.name)
def test_canonical_document_renders_back_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert render_spec(parse_spec_text(text, str(path))) == text
