"""The JSON Schema of ``architecture.yaml``: what a user writes, not what the reader returns.

It accepts exactly what :mod:`integration_spec.architecture.yaml_reader` accepts: modules as
a list (of names or mappings) or as a mapping from name to fields; list fields as lists or
comma-separated strings; endpoints as ``"METHOD /path"`` or ``{method, path}``. Reader
output (``line``, ``evidence``, ``diagnostics``) is no part of it. Editors use it to
complete and check the file (``# yaml-language-server: $schema=...``).
"""

from __future__ import annotations

from typing import Any

from integration_spec.architecture.yaml_reader import LIST_KEYS, MODULE_KEYS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://integration-spec.dev/schema/architecture.schema.json"

_DESCRIPTIONS: dict[str, str] = {
    "name": "The module's name as specs write it; matched case- and separator-insensitively.",
    "responsibility": "What the module owns, in one sentence.",
    "phase": "Build phase: a module may only depend on modules of a lower phase.",
    "aliases": "Other names of the module (an abbreviation, a code name).",
    "dependencies": "Modules this module calls or depends on (names of modules in this file).",
    "aggregates": "Aggregates (core entities) the module owns.",
    "value_objects": "Value objects of the module's domain.",
    "domain_events": "Domain events the module publishes.",
    "invariants": "Business rules the module guarantees.",
    "commands": "Commands the module handles.",
    "queries": "Queries the module answers.",
    "endpoints": "HTTP endpoints the module exposes.",
    "tables": "Database tables the module owns.",
    "external_services": "Third-party services the module calls.",
    "source_paths": "Where the module's code lives.",
}
_LIST_OF_STRINGS: dict[str, Any] = {
    "oneOf": [
        {"type": "array", "items": {"type": "string"}},
        {"type": "string", "description": "Comma-separated values."},
        {"type": "null"},
    ]
}
_ENDPOINT: dict[str, Any] = {
    "oneOf": [
        {
            "type": "string",
            "pattern": r"^\s*((GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY|WS)\s+)?\S+",
            "description": "'METHOD /path', or a path.",
        },
        {
            "type": "object",
            "properties": {"method": {"type": "string"}, "path": {"type": "string"}},
            "required": ["path"],
            "additionalProperties": False,
        },
    ]
}


def _property(key: str) -> dict[str, Any]:
    if key == "name":
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
    elif key == "responsibility":
        schema = {"type": ["string", "null"]}
    elif key == "phase":
        schema = {"type": ["integer", "null"], "minimum": 0}
    elif key == "endpoints":
        schema = {"oneOf": [{"type": "array", "items": _ENDPOINT}, {"type": "null"}]}
    elif key in LIST_KEYS:
        schema = dict(_LIST_OF_STRINGS)
    else:  # pragma: no cover - every key is one of the above
        schema = {}
    return {**schema, "description": _DESCRIPTIONS.get(key, "")}


def architecture_input_schema() -> dict[str, Any]:
    """The schema (draft 2020-12) a user's ``architecture.yaml`` is checked against."""
    fields = {key: _property(key) for key in sorted(MODULE_KEYS)}
    module = {
        "type": "object",
        "properties": fields,
        "required": ["name"],
        "additionalProperties": False,
    }
    named = {
        "oneOf": [
            {
                "type": "object",
                "properties": dict(fields),
                "additionalProperties": False,
            },
            {"type": "null"},
        ]
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "architecture.yaml",
        "description": (
            "The exact architecture of a project for integration-spec: its modules, their "
            "build phases, dependencies, events and endpoints. Beside a markdown "
            "architecture document it is read instead of the document."
        ),
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "title": {"type": ["string", "null"], "description": "The system's name."},
            "modules": {
                "description": "A list of modules, or a mapping from module name to fields.",
                "oneOf": [
                    {
                        "type": "array",
                        "items": {"oneOf": [{"$ref": "#/$defs/module"}, {"type": "string"}]},
                    },
                    {"type": "object", "additionalProperties": {"$ref": "#/$defs/named_module"}},
                ],
            },
        },
        "required": ["modules"],
        "additionalProperties": False,
        "$defs": {"module": module, "named_module": named},
    }
