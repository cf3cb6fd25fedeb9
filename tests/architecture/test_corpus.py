"""The markdown reader against 13 real architecture documents written by other teams.

Expectations are data (tests/fixtures/architectures/corpus-expected.yaml): what a careful
human lists as each document's modules, and what must never be read as one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec.architecture.markdown_reader import read_markdown_architecture
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Severity
from integration_spec.model.names import name_key

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus" / "real-architectures"
EXPECTED_FILE = REPO / "tests" / "fixtures" / "architectures" / "corpus-expected.yaml"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))


def _corpus_documents() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(path.name for path in CORPUS.glob("*.md") if path.name != "README.md")


def _read(name: str) -> Architecture:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS.resolve()} (shared/ must sit beside the repo)")
    path = CORPUS / name
    return read_markdown_architecture(path.read_text(encoding="utf-8"), str(path))


def _keys(names: list[str] | tuple[str, ...]) -> list[str]:
    return [name_key(name) for name in names]


def test_every_corpus_document_has_an_expectation() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS.resolve()} (shared/ must sit beside the repo)")
    assert sorted(EXPECTED) == _corpus_documents()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader_lists_what_a_careful_human_lists(name: str) -> None:
    expected = EXPECTED[name]
    architecture = _read(name)
    read = list(architecture.module_names)
    if "modules" in expected:
        assert _keys(read) == _keys(expected["modules"]), read
    for required in expected.get("required", []):
        assert architecture.find(required), f"{required!r} not read; read {read}"
    for forbidden in expected.get("forbidden", []):
        assert name_key(forbidden) not in _keys(read), f"{forbidden!r} must not be a module"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader_reads_stated_dependencies_and_endpoints(name: str) -> None:
    expected = EXPECTED[name]
    architecture = _read(name)
    for module_name, dependencies in expected.get("dependencies", {}).items():
        module = architecture.find(module_name)
        assert module is not None, module_name
        for dependency in dependencies:
            assert module.depends_on(dependency), (module_name, module.dependencies)
    for module_name, endpoints in expected.get("endpoints", {}).items():
        module = architecture.find(module_name)
        assert module is not None, module_name
        assert set(endpoints) <= {str(endpoint) for endpoint in module.endpoints}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader_explains_itself_without_errors(name: str) -> None:
    architecture = _read(name)
    assert not [d for d in architecture.diagnostics if d.severity is Severity.ERROR]
    codes = [diagnostic.code for diagnostic in architecture.diagnostics]
    if not architecture.modules:
        assert codes.count("AX001") == 1
    else:
        assert "AX001" not in codes
