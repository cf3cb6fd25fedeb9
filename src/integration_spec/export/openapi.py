"""OpenAPI 3.1: the endpoints the specs create (and, on request, the ones they call).

Every row of Endpoints Created becomes an operation tagged with its module; path
parameters come from the path (``{id}``, ``:id`` and ``<id>`` are all read as ``{id}``).
The operation id is the module's command or query that the endpoint runs, when the
architecture has one that fits (see :func:`operation_name`); otherwise it is derived from
the method and path. With ``include_used``, synchronous calls whose Method is written as
an HTTP endpoint (``POST /payments/{id}/capture``) are added under the callee's tag and
marked ``x-integration-spec-usage: used``. The spec says nothing about bodies or
responses, so each operation has one ``default`` response saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from integration_spec.export._text import one_line, source
from integration_spec.export.asyncapi import DOCUMENT_VERSION, PURPOSE, SOURCES, system_title
from integration_spec.export.codes import export_error, export_note
from integration_spec.export.documents import serialise
from integration_spec.export.model import Export, ExportedFile, ExportOptions
from integration_spec.facts.modules import is_named, module_name
from integration_spec.facts.text import camel_words
from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import ascii_words, name_key, suggest
from integration_spec.model.spec import IntegrationSpec

OPENAPI_VERSION = "3.1.0"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
USAGE = "x-integration-spec-usage"
UNSPECIFIED_RESPONSE = "The integration spec does not describe the response."


@dataclass(frozen=True, slots=True)
class _Row:
    """An endpoint as one spec row states it, created or used."""

    method: str
    path: str
    module: str
    purpose: str
    where: str
    used_by: str | None = None


def export_openapi(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """The OpenAPI 3.1 document of the specs' endpoints (one document for all given specs)."""
    options = options or ExportOptions()
    notes: list[Diagnostic] = []
    rows = _rows(specs, options.include_used, notes)
    where = specs[0].path if len(specs) == 1 else "features/integrations"
    if options.module is not None:
        modules = [row.module for row in rows]
        chosen = next((m for m in modules if name_key(m) == name_key(options.module)), None)
        if chosen is None:
            close = suggest(options.module, modules)
            hint = f"; did you mean {' or '.join(repr(m) for m in close)}?" if close else ""
            raise export_error(
                "EX004", where, f"module '{options.module}' has no endpoint in these specs{hint}"
            )
        rows = [row for row in rows if name_key(row.module) == name_key(chosen)]
    if not rows:
        raise export_error(
            "EX007",
            where,
            "no endpoints to export: Endpoints Created is empty"
            + ("" if options.include_used else " (--include-used adds the endpoints called)"),
        )
    document = _document(specs, architecture, rows, options.module)
    name = "openapi.json" if options.document_format == "json" else "openapi.yaml"
    return Export(
        kind="openapi",
        files=(ExportedFile(path=name, content=serialise(document, name)),),
        notes=tuple(notes),
    )


def _rows(
    specs: Sequence[IntegrationSpec], include_used: bool, notes: list[Diagnostic]
) -> list[_Row]:
    rows: list[_Row] = []
    for spec in specs:
        for endpoint in spec.endpoints:
            row = _row(
                endpoint.method,
                endpoint.path,
                endpoint.module,
                endpoint.purpose,
                spec.path,
                endpoint.line,
                notes,
            )
            if row is not None:
                rows.append(row)
        if not include_used:
            continue
        for call in spec.sync_calls:
            parts = one_line(call.method).split()
            if len(parts) != 2 or not parts[1].startswith("/"):
                continue
            row = _row(parts[0], parts[1], call.callee, call.purpose, spec.path, call.line, notes)
            if row is not None:
                rows.append(
                    _Row(
                        row.method,
                        row.path,
                        row.module,
                        row.purpose,
                        row.where,
                        used_by=module_name(call.caller),
                    )
                )
    return rows


def _row(
    method: str,
    path: str,
    module: str,
    purpose: str,
    spec_path: str,
    line: int | None,
    notes: list[Diagnostic],
) -> _Row | None:
    verb, template = one_line(method).lower(), openapi_path(one_line(path))
    if verb not in METHODS or template is None or not is_named(module):
        notes.append(
            export_note(
                "EX101",
                spec_path,
                f"endpoint '{one_line(method)} {one_line(path)}' of '{one_line(module)}' is not "
                "an HTTP method, a path starting with '/' and a module; left out",
                line,
            )
        )
        return None
    return _Row(verb, template, module_name(module), one_line(purpose), source(spec_path, line))


def openapi_path(path: str) -> str | None:
    """``/carts/:id/items?x=1`` → ``/carts/{id}/items``; ``None`` for what is not a path."""
    path = path.split("?", 1)[0].split("#", 1)[0].strip()
    if not path.startswith("/") or " " in path:
        return None
    segments = []
    for segment in path.split("/"):
        if segment.startswith(":") and len(segment) > 1:
            segment = "{" + segment[1:] + "}"
        elif segment.startswith("<") and segment.endswith(">") and len(segment) > 2:
            segment = "{" + segment[1:-1].split(":")[-1] + "}"
        segments.append(segment)
    joined = "/".join(segments)
    return joined.rstrip("/") or "/"


def path_parameters(path: str) -> list[str]:
    """The ``{name}`` parameters of a path template, in order, each once."""
    names: list[str] = []
    for segment in path.split("/"):
        start = segment.find("{")
        while start >= 0:
            end = segment.find("}", start)
            if end < 0:
                break
            name = segment[start + 1 : end]
            if name and name not in names:
                names.append(name)
            start = segment.find("{", end)
    return names


def _document(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None,
    rows: Sequence[_Row],
    module: str | None,
) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    tags: list[str] = []
    for row in rows:
        operations = paths.setdefault(row.path, {})
        existing = operations.get(row.method)
        if existing is not None:
            existing[SOURCES].append(row.where)
            if row.used_by is None:
                existing.pop(USAGE, None)
            continue
        if row.module not in tags:
            tags.append(row.module)
        found = architecture.find(row.module) if architecture is not None else None
        operations[row.method] = _operation(row, found, taken)
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": _info(specs, architecture, module),
        "tags": [_tag(name, architecture) for name in tags],
        "paths": paths,
    }
    return document


def _info(
    specs: Sequence[IntegrationSpec], architecture: Architecture | None, module: str | None
) -> dict[str, Any]:
    if len(specs) == 1:
        title = one_line(specs[0].title) or "Integration"
        description = one_line(specs[0].summary) or f"Endpoints of {specs[0].path}."
    else:
        title = system_title(architecture)
        description = "Endpoints of " + ", ".join(spec.path for spec in specs) + "."
    if module is not None:
        title, description = f"{title}: {module}", f"Endpoints of {module}. {description}"
    return {
        "title": title,
        "version": DOCUMENT_VERSION,
        "description": description,
        SOURCES: [spec.path for spec in specs],
    }


def _tag(name: str, architecture: Architecture | None) -> dict[str, Any]:
    found = architecture.find(name) if architecture is not None else None
    tag: dict[str, Any] = {"name": name}
    if found is not None and found.responsibility:
        tag["description"] = one_line(found.responsibility)
    return tag


def _operation(row: _Row, module: Module | None, taken: set[str]) -> dict[str, Any]:
    name = operation_name(row, module)
    operation_id = name if name is not None and name not in taken else _fallback_id(row, taken)
    taken.add(operation_id)
    operation: dict[str, Any] = {"tags": [row.module], "operationId": operation_id}
    if row.purpose:
        operation["summary"] = row.purpose
    parameters = [
        {"name": parameter, "in": "path", "required": True, "schema": {"type": "string"}}
        for parameter in path_parameters(row.path)
    ]
    if parameters:
        operation["parameters"] = parameters
    operation["responses"] = {"default": {"description": UNSPECIFIED_RESPONSE}}
    if row.purpose:
        operation[PURPOSE] = row.purpose
    if row.used_by is not None:
        operation[USAGE] = "used"
        operation["x-integration-spec-caller"] = row.used_by
    operation[SOURCES] = [row.where]
    return operation


def _fallback_id(row: _Row, taken: set[str]) -> str:
    words = [row.method, *camel_words(row.path.replace("{", " by "))]
    wanted = words[0] + "".join(word.capitalize() for word in words[1:])
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}{suffix}", suffix + 1
    return candidate


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def operation_name(row: _Row, module: Module | None) -> str | None:
    """The module's command or query this endpoint runs, when exactly one fits.

    An operation fits when the endpoint's purpose names it (``runs PlaceOrder``) or when
    every word of its name appears among the words of the method, the purpose and the
    path (``StartGuestSession`` for "POST /sessions/guest: Start a guest session";
    ``GetPriceChanges`` for "GET /carts/{id}/price-changes"): an operation is named after
    what it does, and the purpose says what the endpoint does. The longest fit wins.
    Reads (GET, HEAD) look among the queries first, writes among the commands. When
    several fit equally, none is chosen: a wrong name is worse than a derived one.
    """
    if module is None:
        return None
    reads = row.method in ("get", "head")
    groups = (module.queries, module.commands) if reads else (module.commands, module.queries)
    written = set(row.purpose.replace(",", " ").replace(".", " ").split())
    words = {_stem(word) for word in ascii_words(f"{row.method} {row.purpose} {row.path}")}
    for group in groups:
        named = [name for name in group if name in written]
        if len(named) == 1:
            return named[0]
        fitting = [
            name
            for name in group
            if camel_words(name) and all(_stem(word) in words for word in camel_words(name))
        ]
        if fitting:
            longest = max(len(camel_words(name)) for name in fitting)
            best = [name for name in fitting if len(camel_words(name)) == longest]
            return best[0] if len(best) == 1 else None
    return None
