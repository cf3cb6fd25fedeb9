"""The Mermaid export parses with mermaid's own parser (mermaid.parse, run by Node).

The parser comes from npm at the versions pinned in tests/export/mermaid/package-lock.json:
`npm ci --prefix tests/export/mermaid` installs it (.ci/run does). Without Node or that
install the test is skipped, saying so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from integration_spec import Architecture, IntegrationSpec, export_specs, parse_spec
from tests.conftest import FIXTURES
from tests.export.conftest import example_specs

CHECKER = Path(__file__).parent / "mermaid"
INSTALL = "npm ci --prefix tests/export/mermaid"


def _mermaid_parse(diagrams: list[str]) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip(f"Node.js is not installed: mermaid's parser cannot run ({INSTALL})")
    if not (CHECKER / "node_modules" / "mermaid").is_dir():
        pytest.skip(f"mermaid's parser is not installed: run {INSTALL}")
    done = subprocess.run(
        [node, str(CHECKER / "parse.mjs")],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


def _fences(markdown: bytes) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown.decode("utf-8"))
    return [token.content for token in tokens if token.type == "fence" and token.info == "mermaid"]


def test_every_exported_diagram_parses(corpus: tuple[list[IntegrationSpec], Architecture]) -> None:
    specs = [
        *example_specs(),
        *corpus[0],
        parse_spec(FIXTURES / "export" / "specs" / "edge-cases.md"),
    ]
    diagrams = [
        diagram
        for spec in specs
        for diagram in _fences(export_specs(spec, "mermaid").files[0].content)
    ]
    assert len(diagrams) == 2 * len(specs)
    results = _mermaid_parse(diagrams)
    failures = [
        f"{result['error']}\n{diagram}"
        for diagram, result in zip(diagrams, results, strict=True)
        if not result["ok"]
    ]
    assert failures == []
    assert {result["type"] for result in results} == {"flowchart-v2", "sequence"}


def test_the_parser_rejects_a_broken_diagram() -> None:
    (result,) = _mermaid_parse(['flowchart LR\n    a -->|"unclosed| b'])
    assert result["ok"] is False
