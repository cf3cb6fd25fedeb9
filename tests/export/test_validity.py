"""Every export of every example and corpus spec passes its own format's validator.

Each spec alone and all specs merged (what `export --all` writes), per module too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from integration_spec import (
    Architecture,
    Export,
    ExportOptions,
    InputError,
    IntegrationSpec,
)
from integration_spec import export_specs as export
from tests.export.conftest import example_architecture, example_specs
from tests.export.validators import (
    asyncapi_problems,
    collect,
    errors,
    flagd_validator,
    load_document,
    openapi_problems,
    spec_validator,
)

EXAMPLES = example_specs()
ARCHITECTURE = example_architecture()
EXAMPLE_GROUPS = [[spec] for spec in EXAMPLES] + [EXAMPLES]
GROUP_IDS = [Path(spec.path).stem for spec in EXAMPLES] + ["all"]


def _exported(
    specs: Sequence[IntegrationSpec],
    kind: str,
    architecture: Architecture | None,
    **options: object,
) -> Export | None:
    """The export, or ``None`` when the specs hold nothing of this kind (EX007)."""
    try:
        return export(specs, kind, architecture, ExportOptions(**options))  # type: ignore[arg-type]
    except InputError as error:
        code = error.diagnostic.code
    assert code == "EX007"
    return None


def _only(result: Export) -> tuple[str, bytes]:
    (file,) = result.files
    return file.path, file.content


def assert_asyncapi_valid(
    specs: Sequence[IntegrationSpec], architecture: Architecture | None
) -> int:
    result = _exported(specs, "asyncapi", architecture)
    if result is None:
        return 0
    name, content = _only(result)
    document = load_document(content, name)
    assert asyncapi_problems(document) == []
    modules = {op["x-integration-spec-module"] for op in document["operations"].values()}
    for module in sorted(modules):
        per_module = export(specs, "asyncapi", architecture, ExportOptions(module=module))
        name, content = _only(per_module)
        part = load_document(content, name)
        assert asyncapi_problems(part) == []
        assert {op["x-integration-spec-module"] for op in part["operations"].values()} == {module}
    json_result = export(specs, "asyncapi", architecture, ExportOptions(document_format="json"))
    name, content = _only(json_result)
    assert name == "asyncapi.json"
    assert json.loads(content) == document
    return len(document["channels"])


def assert_openapi_valid(
    specs: Sequence[IntegrationSpec], architecture: Architecture | None
) -> int:
    count = 0
    for include_used in (False, True):
        result = _exported(specs, "openapi", architecture, include_used=include_used)
        if result is None:
            continue
        name, content = _only(result)
        document = load_document(content, name)
        assert openapi_problems(document) == []
        count = max(count, sum(len(operations) for operations in document["paths"].values()))
    return count


def assert_flagd_valid(specs: Sequence[IntegrationSpec]) -> int:
    result = _exported(specs, "flagd", None)
    if result is None:
        return 0
    name, content = _only(result)
    document = load_document(content, name)
    assert errors(flagd_validator(), document) == []
    return len(document["flags"])


def assert_json_valid(specs: Sequence[IntegrationSpec]) -> None:
    _, content = _only(export(specs, "json"))
    document = json.loads(content)
    for item in document if isinstance(document, list) else [document]:
        assert errors(spec_validator(), item) == []


def assert_pytest_collects(specs: Sequence[IntegrationSpec], folder: Path) -> int:
    result = export(specs, "pytest")
    for file in result.files:
        target = folder / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)
        compile(file.content, str(target), "exec")
    collected = collect(folder)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    tests = [line for line in collected.stdout.splitlines() if "::test_" in line]
    assert tests
    return len(tests)


@pytest.mark.parametrize("specs", EXAMPLE_GROUPS, ids=GROUP_IDS)
def test_examples_export_valid_asyncapi(specs: list[IntegrationSpec]) -> None:
    assert assert_asyncapi_valid(specs, ARCHITECTURE) > 0


@pytest.mark.parametrize("specs", EXAMPLE_GROUPS, ids=GROUP_IDS)
def test_examples_export_valid_openapi(specs: list[IntegrationSpec]) -> None:
    assert assert_openapi_valid(specs, ARCHITECTURE) > 0


@pytest.mark.parametrize("specs", EXAMPLE_GROUPS, ids=GROUP_IDS)
def test_examples_export_valid_flagd(specs: list[IntegrationSpec]) -> None:
    assert assert_flagd_valid(specs) > 0


@pytest.mark.parametrize("specs", EXAMPLE_GROUPS, ids=GROUP_IDS)
def test_examples_export_valid_json(specs: list[IntegrationSpec]) -> None:
    assert_json_valid(specs)


def test_examples_export_pytest_packages_that_collect(tmp_path: Path) -> None:
    expected = 0
    for index, specs in enumerate(EXAMPLE_GROUPS):
        count = assert_pytest_collects(specs, tmp_path / f"group{index}")
        if len(specs) == 1:
            expected += count
        else:
            assert count == expected, "the merged package holds every spec's tests"


def test_corpus_exports_are_valid(
    corpus: tuple[list[IntegrationSpec], Architecture], tmp_path: Path
) -> None:
    specs, architecture = corpus
    channels = operations = flags = 0
    for group in [[spec] for spec in specs] + [specs]:
        channels += assert_asyncapi_valid(group, architecture)
        operations += assert_openapi_valid(group, architecture)
        flags += assert_flagd_valid(group)
        assert_json_valid(group)
    assert channels > 0, "the corpus has events"
    assert operations > 0, "the corpus has endpoints"
    assert flags > 0, "the corpus has flags"
    assert assert_pytest_collects(specs, tmp_path / "corpus") > len(specs)


@pytest.mark.parametrize("kind", ["asyncapi", "openapi", "flagd", "pytest", "mermaid", "json"])
def test_the_same_specs_give_the_same_bytes(kind: str) -> None:
    first = export(EXAMPLES, kind, ARCHITECTURE)
    again = export(list(example_specs()), kind, example_architecture())
    assert first.files == again.files
