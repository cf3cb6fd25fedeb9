"""docs/schema/architecture.schema.json is the published schema, and it is up to date."""

from __future__ import annotations

import json

import jsonschema

from integration_spec.architecture.registry import read_architecture
from integration_spec.schema import model_schema, to_jsonable
from tests.conftest import FIXTURES, REPO

SCHEMA_FILE = REPO / "docs" / "schema" / "architecture.schema.json"
REGENERATE = "integration-spec schema architecture > docs/schema/architecture.schema.json"


def test_published_schema_is_up_to_date() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == model_schema("architecture"), f"out of date; regenerate: {REGENERATE}"


def test_what_the_readers_return_validates_against_the_published_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for name in ("architecture.yaml", "hexagonal.md", "build-order.md"):
        path = FIXTURES / "architectures" / name
        architecture = read_architecture(path.read_text(encoding="utf-8"), name)
        jsonschema.validate(to_jsonable("architecture", architecture), schema)
