"""The markdown reader on every real architecture document of the shared corpora.

How well it reads them is measured by ``benchmarks/bench_architecture.py`` against the hand
labels (figures, never asserted). What is asserted here holds for any document: it reads
without an exception, every module and fact points at a line of the document with its
construct, a name comes from the text, and a document without modules says so once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_spec.architecture.markdown_reader import read_markdown_architecture
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import name_key, normalize_name
from tests.conftest import SHARED

CORPORA = [SHARED / "corpus" / "real-architectures", SHARED / "corpus" / "real-architectures-2"]


def _documents() -> list[Path]:
    return sorted(
        path
        for corpus in CORPORA
        if corpus.is_dir()
        for path in corpus.glob("*.md")
        if path.name != "README.md"
    )


DOCUMENTS = _documents()


@pytest.fixture(
    scope="module", params=DOCUMENTS or [None], ids=lambda path: path.name if path else "none"
)
def reading(request: pytest.FixtureRequest) -> tuple[str, Architecture]:
    path = request.param
    if path is None:
        pytest.skip(f"corpus not found under {SHARED.resolve()} (shared/ must sit beside the repo)")
    text = path.read_text(encoding="utf-8")
    return text, read_markdown_architecture(text, path.name)


def test_every_module_comes_from_the_text_with_evidence(reading: tuple[str, Architecture]) -> None:
    text, architecture = reading
    squashed = normalize_name(text)
    last_line = text.count("\n") + 1
    keys = [name_key(module.name) for module in architecture.modules]
    assert len(set(keys)) == len(keys)
    for module in architecture.modules:
        assert normalize_name(module.name) in squashed, module.name
        assert module.line is not None
        assert 1 <= module.line <= last_line
        name_evidence = module.evidence_for("name")
        assert name_evidence
        assert name_evidence[0].line == module.line
        assert all(1 <= item.line <= last_line and item.construct for item in module.evidence)
        assert all(name_key(dependency) in keys for dependency in module.dependencies)
        for dependency in module.dependencies:
            assert any(item.value == dependency for item in module.evidence_for("dependencies"))


def test_diagnostics_point_into_the_document(reading: tuple[str, Architecture]) -> None:
    text, architecture = reading
    last_line = text.count("\n") + 1
    for diagnostic in architecture.diagnostics:
        assert diagnostic.line is None or 1 <= diagnostic.line <= last_line
        assert diagnostic.message
    for skipped in architecture.skipped:
        assert 1 <= skipped.line <= last_line
        assert skipped.reason


def test_a_document_without_modules_says_so_once_with_a_way_out(
    reading: tuple[str, Architecture],
) -> None:
    _, architecture = reading
    codes = [diagnostic.code for diagnostic in architecture.diagnostics]
    if architecture.modules:
        assert "AX001" not in codes
        return
    (diagnostic,) = [d for d in architecture.diagnostics if d.code == "AX001"]
    assert "init architecture" in (diagnostic.hint or "")
