"""docs/schema/architecture.schema.json is the schema a user writes architecture.yaml against.

It is up to date with the reader, it accepts what the reader accepts and rejects what the
reader reports as invalid; what `modules --format json` prints has its own schema.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from integration_spec._api import json_schema
from integration_spec.architecture.registry import read_architecture
from integration_spec.architecture.yaml_reader import COMPUTED_MODULE_KEYS, MODULE_KEYS
from integration_spec.schema import to_jsonable
from tests.conftest import FIXTURES, REPO

SCHEMA_FILE = REPO / "docs" / "schema" / "architecture.schema.json"
REGENERATE = "integration-spec schema architecture > docs/schema/architecture.schema.json"
DIRECTORY = FIXTURES / "architectures"


def _published() -> dict[str, object]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_published_schema_is_up_to_date() -> None:
    assert _published() == json_schema("architecture"), f"out of date; regenerate: {REGENERATE}"


def test_the_schema_lists_exactly_the_keys_the_reader_accepts() -> None:
    module = json_schema("architecture")["$defs"]["module"]  # type: ignore[index]
    assert set(module["properties"]) == MODULE_KEYS
    assert not set(module["properties"]) & COMPUTED_MODULE_KEYS


@pytest.mark.parametrize("name", ["bookshop.yaml", "architecture-mapping.yaml"])
def test_valid_files_validate(name: str) -> None:
    data = yaml.safe_load((DIRECTORY / name).read_text(encoding="utf-8"))
    jsonschema.validate(data, _published())


@pytest.mark.parametrize("name", ["bad-values.yaml", "bad-top-level.yaml"])
def test_files_the_reader_reports_do_not_validate(name: str) -> None:
    data = yaml.safe_load((DIRECTORY / name).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _published())


def test_what_the_readers_return_validates_against_the_modules_schema() -> None:
    schema = json_schema("modules")
    for name in ("bookshop.yaml", "hexagonal.md", "build-order.md", "hospital.md"):
        path = DIRECTORY / name
        architecture = read_architecture(path.read_text(encoding="utf-8"), name)
        jsonschema.validate(to_jsonable("architecture", architecture), schema)
