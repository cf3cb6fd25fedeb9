"""The tables of the format: canonical columns, accepted header variants, cell escaping."""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.model.spec import SectionKey


@dataclass(frozen=True, slots=True)
class Column:
    """One column: the model field it fills, its canonical header and accepted variants."""

    field: str
    heading: str
    aliases: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()
    """Squashed heading and aliases, computed once (headers are matched per table)."""

    def __post_init__(self) -> None:
        keys = frozenset(squash(text) for text in (self.heading, *self.aliases))
        object.__setattr__(self, "keys", keys)

    def matches(self, header: str) -> bool:
        """Whether a written header names this column."""
        return squash(header) in self.keys


def squash(text: str) -> str:
    """Lower-case letters and digits only, so ``Changes Required`` ~ ``changes-required``."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


TABLE_COLUMNS: dict[SectionKey, tuple[Column, ...]] = {
    SectionKey.MODULES: (
        Column("module", "Module", ("Service", "Context", "Bounded Context", "Component", "Name")),
        Column("role", "Role", ("Roles", "Module Role")),
        Column(
            "changes", "Changes", ("Changes Required", "Change", "Description", "Changes Needed")
        ),
    ),
    SectionKey.SYNC_CALLS: (
        Column("caller", "From", ("Caller", "Source", "Client")),
        Column("callee", "To", ("Callee", "Target", "Provider", "Server")),
        Column("method", "Method", ("Operation", "Call", "Endpoint", "Interface")),
        Column("purpose", "Purpose", ("Description", "Why", "Reason")),
    ),
    SectionKey.ASYNC_EVENTS: (
        Column("event", "Event", ("Event Name", "Name", "Message", "Topic")),
        Column("publisher", "Publisher", ("Producer", "Publishers", "Source", "Emitter")),
        Column("subscribers", "Subscribers", ("Subscriber", "Consumers", "Consumer", "Listeners")),
        Column("purpose", "Purpose", ("Description", "Why", "Reason")),
    ),
    SectionKey.SHARED_STATE: (
        Column("data", "Data", ("State", "Entity", "Shared Data", "Resource")),
        Column("owner", "Owner", ("Owned By", "Owner Module", "Source of Truth")),
        Column("readers", "Readers", ("Reader", "Read By", "Consumers")),
        Column("consistency", "Consistency", ("Consistency Model", "Consistency Level")),
    ),
    SectionKey.FAILURE_MODES: (
        Column("failure", "Failure", ("Failure Mode", "Scenario", "Error", "Failure Scenario")),
        Column("impact", "Impact", ("Effect", "Consequence")),
        Column("detection", "Detection", ("Detected By", "How Detected", "Detect")),
        Column("recovery", "Recovery", ("Mitigation", "Handling", "Response", "Recovery Strategy")),
    ),
    SectionKey.ENDPOINTS: (
        Column("method", "Method", ("HTTP Method", "Verb")),
        Column("path", "Path", ("Endpoint", "Route", "URL", "URI")),
        Column("module", "Module", ("Service", "Owner", "Context")),
        Column("purpose", "Purpose", ("Description", "Why")),
    ),
    SectionKey.EVENTS_PUBLISHED: (
        Column("event", "Event", ("Event Name", "Name")),
        Column("module", "Module", ("Publisher", "Service", "Producer")),
        Column("payload", "Payload", ("Data", "Schema", "Fields")),
        Column("when", "When", ("Trigger", "Triggered By", "Emitted When")),
    ),
    SectionKey.UNIT_TESTS: (
        Column("module", "Module", ("Service", "Context", "Component")),
        Column("focus", "Focus", ("Test Focus", "Tests", "What", "Coverage")),
    ),
    SectionKey.INTEGRATION_TESTS: (
        Column("test", "Test", ("Name", "Test Case", "Test Name")),
        Column("modules", "Modules", ("Between", "Services", "Modules Involved")),
        Column("scenario", "Scenario", ("Description", "Verification", "Expected")),
    ),
    SectionKey.E2E_TESTS: (
        Column("journey", "Journey", ("Scenario", "Test", "Name", "User Journey")),
        Column("steps", "Steps", ("Flow", "Actions")),
        Column("verification", "Verification", ("Expected", "Expected Result", "Assertion")),
    ),
    SectionKey.FEATURE_FLAGS: (
        Column("flag", "Flag", ("Name", "Feature Flag", "Flag Name", "Toggle")),
        Column("purpose", "Purpose", ("Description", "Controls")),
        Column("default", "Default", ("Default Value", "Initial", "Initial State")),
    ),
}
"""Tables keyed by the section they belong to, columns in canonical order."""


def escape_cell(value: str) -> str:
    """Write a value into a table cell: ``|`` escaped, line breaks as ``<br>``."""
    return value.replace("|", "\\|").replace("\n", "<br>")


def unescape_cell(cell: str) -> str:
    """Read a cell back: ``<br>`` variants become line breaks (markdown-it unescapes ``|``).

    HTML comments (``<!-- integration-spec: ignore AR001 -->``) are for tools, not text:
    they are dropped, so no rule reads a suppression comment as part of a name.
    """
    for tag in ("<br />", "<br/>", "<BR>", "<br>"):
        cell = cell.replace(tag, "\n")
    return without_comments(cell).strip() if "<!--" in cell else cell


def without_comments(text: str) -> str:
    """``text`` without ``<!-- ... -->`` comments (an unclosed one runs to the end)."""
    kept: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            kept.append(text[position:])
            return "".join(kept)
        kept.append(text[position:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(kept)
        position = end + 3
