"""AsyncAPI 3.0: one channel per event, its message and payload, ``send``/``receive`` operations.

Each event of Asynchronous Events and Events Published becomes a channel (its address is
the event's name: the spec names no broker topic) holding one message. The publisher gets
a ``send`` operation and every subscriber a ``receive`` operation, tagged with the
module; with a module chosen, only that module's operations and the channels they use
are kept, which is the document that module's team implements. Payloads come from
:mod:`integration_spec.export.payloads`. ``x-integration-spec-*`` extensions carry the
purpose and the ``path:line`` of every row the element was read from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from integration_spec.export._text import key, one_line, source, unique
from integration_spec.export.codes import export_error, export_note
from integration_spec.export.documents import serialise
from integration_spec.export.model import Export, ExportedFile, ExportOptions
from integration_spec.export.payloads import (
    SharedTypes,
    field_list_schema,
    payload_fields,
    shared_types,
)
from integration_spec.export.typescript import OPEN, SCHEMA_REF, open_schema
from integration_spec.facts.modules import is_named, module_name
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import name_key
from integration_spec.model.spec import IntegrationSpec

ASYNCAPI_VERSION = "3.0.0"
DOCUMENT_VERSION = "0.0.0"
"""``info.version`` is required; a spec has no version, so the document says 'unversioned'."""
CONTENT_TYPE = "application/json"
PURPOSE = "x-integration-spec-purpose"
SOURCES = "x-integration-spec-sources"
PURPOSE_SEPARATOR = "; "
"""Between the purposes of an event stated by several rows (several specs)."""


@dataclass(slots=True)
class _Event:
    """Everything the specs say about one event, gathered across rows and specs."""

    name: str
    publishers: list[str] = field(default_factory=list)
    subscribers: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    purpose_subscribers: dict[str, set[str]] = field(default_factory=dict)
    """For each purpose, the subscribers (name keys) of the rows that state it."""
    when: list[str] = field(default_factory=list)
    payload_cells: list[tuple[str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def collect_events(specs: Sequence[IntegrationSpec]) -> list[_Event]:
    """The events of all specs, merged by name, in the order they first appear."""
    events: dict[str, _Event] = {}

    def event(name: str) -> _Event:
        return events.setdefault(name_key(name), _Event(one_line(name)))

    for spec in specs:
        for row in spec.async_events:
            if not is_named(row.event):
                continue
            found = event(row.event)
            _add(found.publishers, row.publisher)
            for subscriber in row.subscribers:
                _add(found.subscribers, subscriber)
            _add_text(found.purposes, row.purpose)
            found.purpose_subscribers.setdefault(one_line(row.purpose), set()).update(
                name_key(module_name(name)) for name in row.subscribers
            )
            found.sources.append(source(spec.path, row.line))
        for contract in spec.events_published:
            if not is_named(contract.event):
                continue
            found = event(contract.event)
            _add(found.publishers, contract.module)
            _add_text(found.when, contract.when)
            if is_named(contract.payload):
                found.payload_cells.append((contract.payload, source(spec.path, contract.line)))
            found.sources.append(source(spec.path, contract.line))
    return list(events.values())


def _add(names: list[str], written: str) -> None:
    if is_named(written):
        label = module_name(written)
        if all(name_key(label) != name_key(name) for name in names):
            names.append(label)


def _add_text(texts: list[str], written: str) -> None:
    text = one_line(written)
    if text and text not in texts and "TODO" not in text:
        texts.append(text)


def export_asyncapi(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """The AsyncAPI 3.0 document of the specs' events (one document for all given specs)."""
    options = options or ExportOptions()
    events = collect_events(specs)
    where = specs[0].path if len(specs) == 1 else "features/integrations"
    if not events:
        raise export_error(
            "EX007", where, "no events to export: no Asynchronous Events or Events Published"
        )
    module = _chosen_module(events, options.module, where)
    types = shared_types(specs)
    notes: list[Diagnostic] = []
    document = _document(specs, architecture, events, types, module, notes)
    name = "asyncapi.json" if options.document_format == "json" else "asyncapi.yaml"
    return Export(
        kind="asyncapi",
        files=(ExportedFile(path=name, content=serialise(document, name)),),
        notes=tuple(notes),
    )


def _chosen_module(events: Sequence[_Event], wanted: str | None, where: str) -> str | None:
    if wanted is None:
        return None
    actors = [name for event in events for name in (*event.publishers, *event.subscribers)]
    for actor in actors:
        if name_key(actor) == name_key(wanted):
            return actor
    from integration_spec.model.names import suggest

    close = suggest(wanted, actors)
    hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    raise export_error(
        "EX004", where, f"module '{wanted}' sends or receives no event in these specs{hint}"
    )


def _document(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None,
    events: Sequence[_Event],
    types: SharedTypes,
    module: str | None,
    notes: list[Diagnostic],
) -> dict[str, Any]:
    taken_channels: set[str] = set()
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas_used: list[str] = []
    taken_operations: set[str] = set()
    for event in events:
        sends = [name for name in event.publishers if _is(module, name)]
        receives = [name for name in event.subscribers if _is(module, name)]
        if module is not None and not (sends or receives):
            continue
        channel_id = unique(key(event.name), taken_channels)
        payload, roots = _payload(event, types, notes)
        schemas_used += roots
        messages[channel_id] = _message(event, payload)
        channels[channel_id] = _channel(event, channel_id)
        for action, actors in (("send", sends), ("receive", receives)):
            for actor in actors:
                operation_id = unique(f"{key(actor)}.{action}{channel_id}", taken_operations)
                operations[operation_id] = _operation(event, channel_id, action, actor)
    schemas = {name: types.schema(name) for name in types.reachable(schemas_used)}
    components: dict[str, Any] = {"messages": messages}
    if schemas:
        components["schemas"] = schemas
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": _info(specs, architecture, module),
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": components,
    }


def _is(module: str | None, name: str) -> bool:
    return module is None or name_key(module) == name_key(name)


def _info(
    specs: Sequence[IntegrationSpec], architecture: Architecture | None, module: str | None
) -> dict[str, Any]:
    if len(specs) == 1:
        title = one_line(specs[0].title) or "Integration"
        description = one_line(specs[0].summary) or f"Events of {specs[0].path}."
    else:
        title = system_title(architecture)
        description = "Events of " + ", ".join(spec.path for spec in specs) + "."
    if module is not None:
        title = f"{title}: {module}"
        description = f"What {module} sends and receives. {description}"
    return {
        "title": title,
        "version": DOCUMENT_VERSION,
        "description": description,
        SOURCES: [spec.path for spec in specs],
    }


def system_title(architecture: Architecture | None) -> str:
    """The system's name from the architecture's title (``Shop Architecture`` → ``Shop``)."""
    title = one_line(architecture.title) if architecture is not None else ""
    for suffix in (" System Architecture", " Architecture"):
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)]
    return title or "Integration specs"


def _payload(
    event: _Event, types: SharedTypes, notes: list[Diagnostic]
) -> tuple[dict[str, Any], list[str]]:
    """The payload schema and the declared types it starts from."""
    if event.name in types.declarations:
        return {"$ref": SCHEMA_REF + event.name}, [event.name]
    for cell, where in event.payload_cells:
        fields = payload_fields(cell)
        if fields:
            schema = field_list_schema(fields, types)
            roots = [fields[0]] if "$ref" in schema else []
            return schema, roots
        path, _, line = where.rpartition(":")
        notes.append(
            export_note(
                "EX102",
                path,
                f"payload of '{event.name}' names no fields; left open",
                int(line) if line.isdigit() else None,
            )
        )
    return {
        "type": "object",
        **open_schema("The spec gives no payload for this event."),
    }, []


def _message(event: _Event, payload: dict[str, Any]) -> dict[str, Any]:
    message: dict[str, Any] = {"name": event.name, "title": event.name}
    if event.when:
        message["summary"] = PURPOSE_SEPARATOR.join(event.when)
    message["contentType"] = CONTENT_TYPE
    message["payload"] = payload
    if payload.get(OPEN):
        message["x-integration-spec-open-payload"] = True
    message[SOURCES] = list(event.sources)
    return message


def _channel(event: _Event, channel_id: str) -> dict[str, Any]:
    channel: dict[str, Any] = {"address": event.name, "title": event.name}
    purpose = PURPOSE_SEPARATOR.join(event.purposes) or PURPOSE_SEPARATOR.join(event.when)
    if purpose:
        channel["description"] = purpose
    channel["messages"] = {channel_id: {"$ref": f"#/components/messages/{channel_id}"}}
    if purpose:
        channel[PURPOSE] = purpose
    channel[SOURCES] = list(event.sources)
    return channel


def _operation(event: _Event, channel_id: str, action: str, actor: str) -> dict[str, Any]:
    summary = (
        f"{actor} publishes {event.name}" if action == "send" else f"{actor} handles {event.name}"
    )
    operation: dict[str, Any] = {
        "action": action,
        "channel": {"$ref": f"#/channels/{channel_id}"},
        "summary": summary,
        "messages": [{"$ref": f"#/channels/{channel_id}/messages/{channel_id}"}],
        "tags": [{"name": actor}],
    }
    purposes = event.purposes
    if action == "receive":
        purposes = [
            text for text in purposes if name_key(actor) in event.purpose_subscribers.get(text, ())
        ] or purposes
    if purposes:
        operation[PURPOSE] = PURPOSE_SEPARATOR.join(purposes)
    operation["x-integration-spec-module"] = actor
    operation[SOURCES] = list(event.sources)
    return operation
