"""Message payloads: from the spec's Shared Types where it declares them, else left open.

An event's payload is the Shared Types declaration of the same name when the spec has
one (the seed's example declares ``interface OrderPlaced``); otherwise the Events
Published row's Payload cell gives field names without types, and each of those fields is
open. An event the spec says nothing about has an open object as payload. Open schemas
carry ``x-integration-spec-open: true`` so a reader sees what the spec left unsaid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from integration_spec.export._text import one_line, source
from integration_spec.export.typescript import (
    OPEN,
    SCHEMA_REF,
    Declaration,
    open_schema,
    parse_declarations,
)
from integration_spec.model.spec import IntegrationSpec

TYPESCRIPT_FENCES = frozenset({"typescript", "ts", "tsx"})


@dataclass(frozen=True, slots=True)
class SharedTypes:
    """The declarations of one or more specs' Shared Types, by name (first spec wins)."""

    declarations: Mapping[str, Declaration]
    sources: Mapping[str, str]
    """``path:line`` of the Shared Types section that declares each name."""

    def reachable(self, roots: Iterable[str]) -> list[str]:
        """Declared names that ``roots`` refer to, directly or not, in first-reached order."""
        order: list[str] = []
        pending = [name for name in roots if name in self.declarations]
        while pending:
            name = pending.pop(0)
            if name in order:
                continue
            order.append(name)
            pending += [
                found
                for found in _references(self.declarations[name].schema)
                if found in self.declarations and found not in order
            ]
        return order

    def schema(self, name: str) -> dict[str, Any]:
        """The declaration's schema, with references to undeclared types made open."""
        closed: dict[str, Any] = _close_refs(self.declarations[name].schema, self.declarations)
        return closed


def shared_types(specs: Iterable[IntegrationSpec]) -> SharedTypes:
    """Every TypeScript declaration under the specs' Shared Types."""
    declarations: dict[str, Declaration] = {}
    sources: dict[str, str] = {}
    for spec in specs:
        where = source(spec.path, _section_line(spec))
        for language, content in _fences(spec.shared_types):
            if language not in TYPESCRIPT_FENCES:
                continue
            found, _ = parse_declarations(content)
            for declaration in found:
                if declaration.name not in declarations:
                    declarations[declaration.name] = declaration
                    sources[declaration.name] = where
    return SharedTypes(declarations, sources)


def _section_line(spec: IntegrationSpec) -> int | None:
    from integration_spec.model.spec import SectionKey

    location = spec.section(SectionKey.SHARED_TYPES)
    return location.line if location is not None else None


def _fences(markdown: str) -> list[tuple[str, str]]:
    """``(language, content)`` of each fenced code block, read by a CommonMark parser."""
    if "```" not in markdown and "~~~" not in markdown:
        return []
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("zero").enable("fence").parse(markdown):
        if token.type == "fence":
            language = token.info.strip().split(maxsplit=1)[0].casefold() if token.info else ""
            found.append((language, token.content))
    return found


def _references(schema: Any) -> Iterable[str]:
    if isinstance(schema, dict):
        reference = schema.get("$ref")
        if isinstance(reference, str) and reference.startswith(SCHEMA_REF):
            yield reference[len(SCHEMA_REF) :]
        for value in schema.values():
            yield from _references(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _references(value)


def _close_refs(schema: Any, declared: Mapping[str, Declaration]) -> Any:
    if isinstance(schema, dict):
        reference = schema.get("$ref")
        if isinstance(reference, str) and reference.startswith(SCHEMA_REF):
            name = reference[len(SCHEMA_REF) :]
            if name not in declared:
                return {"title": name, **open_schema(f"{name}: not declared in Shared Types")}
        return {key: _close_refs(value, declared) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_close_refs(value, declared) for value in schema]
    return schema


def payload_fields(cell: str) -> list[str]:
    """Field names of a Payload cell such as ``orderId, lines (sku, quantity), total``.

    Commas inside brackets belong to a field's own detail; each field is its leading name.
    """
    fields: list[str] = []
    depth, current = 0, list[str]()
    for char in one_line(cell) + ",":
        if char in "([{<":
            depth += 1
        elif char in ")]}>":
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            name = _leading_name("".join(current))
            if name and name not in fields:
                fields.append(name)
            current = []
        else:
            current.append(char)
    return fields


def _leading_name(text: str) -> str:
    name: list[str] = []
    for char in text.strip():
        if char.isalnum() or char in "_$." or (char == "-" and name):
            name.append(char)
        else:
            break
    return "".join(name).strip(".-")


def field_list_schema(fields: list[str], types: SharedTypes) -> dict[str, Any]:
    """An object with the named fields; one that names a declared type refers to it."""
    if len(fields) == 1 and fields[0] in types.declarations:
        return {"$ref": SCHEMA_REF + fields[0]}
    return {
        "type": "object",
        "properties": {name: open_schema("type not given in the spec") for name in fields},
        "description": "Fields from the spec's Events Published; their types are not given.",
        OPEN: True,
    }
