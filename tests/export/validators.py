"""The real validator of each export format, and the specs every export is validated on.

AsyncAPI and flagd are validated against their projects' own JSON Schemas, stored
unmodified in tests/fixtures/export/schemas/ (source and sha256 in its README); OpenAPI
by ``openapi-spec-validator`` (pinned in the dev extra); the JSON export by the spec
model's own schema; pytest skeletons by pytest itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource

from integration_spec import json_schema
from tests.conftest import FIXTURES

SCHEMAS = FIXTURES / "export" / "schemas"
ASYNCAPI_SCHEMA = SCHEMAS / "asyncapi-3.0.0.json"
FLAGD_SCHEMA = SCHEMAS / "flags.json"
FLAGD_TARGETING_SCHEMA = SCHEMAS / "targeting.json"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def asyncapi_validator() -> jsonschema.Draft7Validator:
    """The AsyncAPI 3.0.0 schema (one bundled file holding every definition it refers to)."""
    schema = _load(ASYNCAPI_SCHEMA)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@cache
def flagd_validator() -> jsonschema.Draft7Validator:
    """flagd's flags.json, with the targeting.json it refers to as ``./targeting.json``."""
    flags, targeting = _load(FLAGD_SCHEMA), _load(FLAGD_TARGETING_SCHEMA)
    registry: Registry[Any] = Registry().with_resources(
        [
            (flags["$id"], Resource.from_contents(flags)),
            (targeting["$id"], Resource.from_contents(targeting)),
        ]
    )
    return jsonschema.Draft7Validator(flags, registry=registry)


@cache
def spec_validator() -> jsonschema.Draft202012Validator:
    """The JSON Schema of the spec model (what `schema spec` prints)."""
    return jsonschema.Draft202012Validator(json_schema("spec"))


def errors(validator: jsonschema.protocols.Validator, document: Any) -> list[str]:
    """Every schema violation, as ``path: message`` lines (empty when valid)."""
    found = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
    return [f"{'/'.join(map(str, error.path))}: {error.message[:300]}" for error in found]


def load_document(content: bytes, name: str) -> Any:
    """An exported document parsed as its file name says (JSON or YAML)."""
    text = content.decode("utf-8")
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)


def local_refs(document: Any) -> Iterator[str]:
    """Every ``$ref`` in the document (the schema cannot check that they resolve)."""
    if isinstance(document, dict):
        reference = document.get("$ref")
        if isinstance(reference, str):
            yield reference
        for value in document.values():
            yield from local_refs(value)
    elif isinstance(document, list):
        for value in document:
            yield from local_refs(value)


def resolve(document: Any, reference: str) -> Any:
    """The value a ``#/a/b`` pointer names; ``KeyError`` when it names nothing."""
    assert reference.startswith("#/"), reference
    value = document
    for part in reference[2:].split("/"):
        value = value[part.replace("~1", "/").replace("~0", "~")]
    return value


def asyncapi_problems(document: Any) -> list[str]:
    """Schema violations, dangling refs, and operations whose messages are not their channel's.

    The last two are what the AsyncAPI parser checks beyond the JSON Schema.
    """
    problems = errors(asyncapi_validator(), document)
    for reference in local_refs(document):
        try:
            resolve(document, reference)
        except (KeyError, TypeError):
            problems.append(f"dangling $ref {reference}")
    for operation_id, operation in document.get("operations", {}).items():
        channel = operation["channel"]["$ref"]
        for message in operation.get("messages", []):
            if not message["$ref"].startswith(channel + "/messages/"):
                problems.append(f"{operation_id}: message {message['$ref']} is not of {channel}")
    return problems


def openapi_problems(document: Any) -> list[str]:
    """What openapi-spec-validator reports for an OpenAPI 3.1 document."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    return [error.message[:300] for error in OpenAPIV31SpecValidator(document).iter_errors()]


def collect(folder: Path) -> subprocess.CompletedProcess[str]:
    """``pytest --collect-only -q --strict-markers`` on a generated package, in a subprocess."""
    return run_pytest(folder, "--collect-only")


def run_pytest(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``folder`` alone: its own rootdir, no plugins from this project."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--strict-markers",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(folder),
            "-c",
            "/dev/null",
            *arguments,
            str(folder),
        ],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        check=False,
    )
