"""Both readers against small documents of each layout; expectations are data.

Each fixture in tests/fixtures/architectures/ has an entry in expected.yaml beside it: the
modules with the fields to compare (and evidence entries that must be among the module's),
and every diagnostic as [code, line].
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec.architecture.registry import read_architecture
from integration_spec.model.architecture import Module
from integration_spec.source import InputError
from tests.conftest import FIXTURES

DIRECTORY = FIXTURES / "architectures"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (DIRECTORY / "expected.yaml").read_text(encoding="utf-8")
)
DOCUMENTS = sorted(
    path.name
    for path in DIRECTORY.iterdir()
    if path.suffix in (".md", ".yaml") and not path.name.endswith("expected.yaml")
)


def _read(name: str) -> Any:
    path = DIRECTORY / name
    return read_architecture(path.read_text(encoding="utf-8"), str(Path(name)))


def _value(module: Module, field: str) -> object:
    value = getattr(module, field)
    if field == "endpoints":
        return [str(endpoint) for endpoint in value]
    return list(value) if isinstance(value, tuple) else value


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(EXPECTED) == DOCUMENTS


@pytest.mark.parametrize("name", [name for name in DOCUMENTS if "raises" not in EXPECTED[name]])
def test_reader_reads_the_fixture(name: str) -> None:
    expected = EXPECTED[name]
    architecture = _read(name)
    assert architecture.title == expected["title"]
    assert list(architecture.module_names) == [entry["name"] for entry in expected["modules"]]
    for entry in expected["modules"]:
        module = architecture.find(entry["name"])
        assert module is not None
        for field, wanted in entry.items():
            if field == "lines":
                assert {key: module.lines.get(key) for key in wanted} == wanted, module.name
            elif field == "evidence":
                read = {(e.field, e.value, e.line, e.construct) for e in module.evidence}
                for item in wanted:
                    assert tuple(item) in read, (module.name, item, sorted(read, key=str))
            else:
                assert _value(module, field) == wanted, (module.name, field)


@pytest.mark.parametrize("name", [name for name in DOCUMENTS if "raises" not in EXPECTED[name]])
def test_reader_reports_exactly_the_expected_diagnostics(name: str) -> None:
    architecture = _read(name)
    found = sorted(([d.code, d.line] for d in architecture.diagnostics), key=str)
    assert found == sorted(([code, line] for code, line in EXPECTED[name]["diagnostics"]), key=str)
    for diagnostic in architecture.diagnostics:
        assert diagnostic.path == name
        assert diagnostic.message


@pytest.mark.parametrize("name", [name for name in DOCUMENTS if "raises" in EXPECTED[name]])
def test_unusable_yaml_raises_an_input_error_with_code_and_line(name: str) -> None:
    code, line = EXPECTED[name]["raises"]
    with pytest.raises(InputError) as raised:
        _read(name)
    assert (raised.value.diagnostic.code, raised.value.diagnostic.line) == (code, line)
    assert raised.value.diagnostic.path == name


def test_yaml_and_markdown_describe_the_same_bookshop() -> None:
    markdown, written = _read("hexagonal.md"), _read("bookshop.yaml")
    assert markdown.module_names == written.module_names
    for left, right in zip(markdown.modules, written.modules, strict=True):
        assert (left.phase, left.dependencies) == (right.phase, right.dependencies)


def test_unknown_dependency_names_the_closest_module() -> None:
    architecture = _read("build-order.md")
    (diagnostic,) = [d for d in architecture.diagnostics if d.code == "AX002"]
    assert "'stok'" in diagnostic.message
    assert diagnostic.hint == "did you mean 'stock'?"


def test_no_modules_is_said_plainly() -> None:
    (diagnostic,) = [d for d in _read("no-modules.md").diagnostics if d.code == "AX001"]
    assert "no section, table or heading that lists modules" in diagnostic.message
    assert "integration-spec init architecture" in (diagnostic.hint or "")
