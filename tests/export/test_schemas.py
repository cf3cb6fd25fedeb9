"""The stored schemas are the official files, and each validator rejects what its tool rejects."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from integration_spec import ExportOptions, export_specs
from integration_spec._api import json_schema
from tests.conftest import REPO
from tests.export.conftest import example_architecture, example_specs
from tests.export.validators import (
    ASYNCAPI_SCHEMA,
    FLAGD_SCHEMA,
    FLAGD_TARGETING_SCHEMA,
    asyncapi_problems,
    errors,
    flagd_validator,
    load_document,
    openapi_problems,
)

SHA256 = {
    ASYNCAPI_SCHEMA: "1786a007ac00344a8f529e5a6fc5db786b0be6757e0b94a8b95a8a6a52b7fe9a",
    FLAGD_SCHEMA: "a9b065cc3e140d10a5e139a3f2bbd2f24d4fe8a728ce824a5f2a1231ed60680b",
    FLAGD_TARGETING_SCHEMA: "4194aeab5611f80ce8650a10bed5b18483754587bfb2d7ef093e75a0609a2e75",
}
"""As published (see tests/fixtures/export/README.md)."""


@pytest.mark.parametrize("path", list(SHA256), ids=lambda path: Path(path).name)
def test_each_schema_is_the_unmodified_official_file(path: Path) -> None:
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SHA256[path]


def _document(kind: str) -> Any:
    (file,) = export_specs(example_specs(), kind, example_architecture(), ExportOptions()).files
    return load_document(file.content, file.path)


def test_the_asyncapi_schema_rejects_what_asyncapi_rejects() -> None:
    document = _document("asyncapi")
    assert asyncapi_problems(document) == []
    operation_id = next(iter(document["operations"]))
    broken: list[Any] = []
    for change in (
        lambda d: d.update(asyncapi="2.6.0"),
        lambda d: d["operations"][operation_id].update(action="publish"),
        lambda d: d["info"].pop("version"),
        lambda d: d["operations"][operation_id]["channel"].update({"$ref": "#/channels/nope"}),
    ):
        changed = copy.deepcopy(document)
        change(changed)
        broken.append(asyncapi_problems(changed))
    assert all(broken), broken


def test_the_flagd_schema_rejects_what_flagd_rejects() -> None:
    document = _document("flagd")
    validator = flagd_validator()
    assert errors(validator, document) == []
    flag = next(iter(document["flags"]))
    for change in (
        lambda d: d["flags"][flag].update(state="ON"),
        lambda d: d["flags"][flag].update(variants={"on": True, "off": "no"}),
        lambda d: d["flags"][flag]["metadata"].update(purpose=["a", "list"]),
        lambda d: d.pop("flags"),
    ):
        changed = copy.deepcopy(document)
        change(changed)
        assert errors(validator, changed), changed


def test_openapi_spec_validator_rejects_what_openapi_rejects() -> None:
    document = _document("openapi")
    assert openapi_problems(document) == []
    path = next(p for p in document["paths"] if "{" in p)
    for change in (
        lambda d: d.update(openapi="3.1"),
        lambda d: d["paths"][path]["post"].pop("parameters"),
        lambda d: d["info"].pop("title"),
    ):
        changed = copy.deepcopy(document)
        change(changed)
        assert openapi_problems(changed), json.dumps(changed)[:200]


def test_the_published_spec_schema_is_up_to_date() -> None:
    """docs/schema/spec.schema.json is what ``integration-spec schema spec`` prints."""
    published = json.loads((REPO / "docs" / "schema" / "spec.schema.json").read_text("utf-8"))
    regenerate = "integration-spec schema spec > docs/schema/spec.schema.json"
    assert published == json_schema("spec"), f"out of date; regenerate: {regenerate}"
