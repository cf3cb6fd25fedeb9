"""The tables of the format: canonical columns, header meaning, cell escaping.

A table is read by what its headers mean, never by where its columns stand: teams write
``Published By`` for ``Publisher``, ``Component`` for ``Module``, add columns of their own
and reorder the rest. A header names a column when it is one of the column's written
forms, or else when one of its words starts with one of the column's *stems* (``consum``
in ``Consumed By`` means the subscribers). Stems of three letters or fewer must be the
whole word (``to`` is not ``topic``). Each header fills one column and each column takes
the first header that names it, so no cell is read twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integration_spec.model.names import ascii_words
from integration_spec.model.spec import SECTION_LAYOUT, SectionKey


@dataclass(frozen=True, slots=True)
class Column:
    """One column: the model field it fills, its canonical header and accepted variants."""

    field: str
    heading: str
    aliases: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    """Word beginnings that mean this column in a header of other words."""
    keys: frozenset[str] = frozenset()
    """Squashed heading and aliases, computed once (headers are matched per table)."""

    def __post_init__(self) -> None:
        keys = frozenset(squash(text) for text in (self.heading, *self.aliases))
        object.__setattr__(self, "keys", keys)

    def matches(self, header: str) -> bool:
        """Whether a written header is one of this column's written forms."""
        return squash(header) in self.keys

    def means(self, header: str) -> bool:
        """Whether a word of ``header`` starts with one of this column's stems."""
        return any(_stem_fits(stem, word) for word in header_words(header) for stem in self.stems)


def header_words(header: str) -> list[str]:
    """The lower-case words of a header (``Published By`` -> ``published``, ``by``)."""
    return ascii_words(header)


def _stem_fits(stem: str, word: str) -> bool:
    return word == stem if len(stem) <= 3 else word.startswith(stem)


def place_columns(columns: Sequence[Column], header: Sequence[str]) -> dict[str, int]:
    """Which header position fills each column: written forms first, then meaning."""
    positions: dict[str, int] = {}
    taken: set[int] = set()
    for index, written in enumerate(header):
        column = next((c for c in columns if c.field not in positions and c.matches(written)), None)
        if column is not None:
            positions[column.field] = index
            taken.add(index)
    for index, written in enumerate(header):
        if index in taken or not written.strip():
            continue
        column = next((c for c in columns if c.field not in positions and c.means(written)), None)
        if column is not None:
            positions[column.field] = index
            taken.add(index)
    return positions


def table_kind(section: SectionKey, header: Sequence[str]) -> SectionKey | None:
    """Which table of the format a table under ``section`` is, judged by its headers.

    A table under a section that has a table of its own is that table, unless its headers
    fit a sibling table clearly better (an events table under Synchronous Calls); one under
    a parent section (Integration Points, Testing Strategy) is the child whose columns its
    headers fill best, when they fill at least two. ``None``: no table of the format.
    """
    family = _FAMILY.get(section, (section,) if section in TABLE_COLUMNS else ())
    scores = {kind: len(place_columns(TABLE_COLUMNS[kind], header)) for kind in family}
    if not scores:
        return None
    best = max(scores, key=lambda kind: scores[kind])
    if section in TABLE_COLUMNS:
        own = scores[section]
        return best if scores[best] > own and scores[best] >= 2 else section
    return best if scores[best] >= 2 else None


_FAMILY: dict[SectionKey, tuple[SectionKey, ...]] = {}
"""Each table section and each parent section, with the tables that may stand there."""


def squash(text: str) -> str:
    """Lower-case letters and digits only, so ``Changes Required`` ~ ``changes-required``."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


TABLE_COLUMNS: dict[SectionKey, tuple[Column, ...]] = {
    SectionKey.MODULES: (
        Column(
            "module",
            "Module",
            ("Service", "Context", "Bounded Context", "Component", "Name"),
            ("modul", "service", "context", "component", "domain"),
        ),
        Column("role", "Role", ("Roles", "Module Role"), ("role",)),
        Column(
            "changes",
            "Changes",
            ("Changes Required", "Change", "Description", "Changes Needed"),
            ("change", "descript", "responsib", "work", "what"),
        ),
    ),
    SectionKey.SYNC_CALLS: (
        Column("caller", "From", ("Caller", "Source", "Client"), ("from", "caller", "client")),
        Column(
            "callee", "To", ("Callee", "Target", "Provider", "Server"), ("to", "callee", "target")
        ),
        Column(
            "method",
            "Method",
            ("Operation", "Call", "Endpoint", "Interface"),
            ("method", "operation", "call", "endpoint", "interface", "api", "command", "rpc"),
        ),
        Column(
            "purpose", "Purpose", ("Description", "Why", "Reason"), ("purpose", "descript", "why")
        ),
    ),
    SectionKey.ASYNC_EVENTS: (
        Column(
            "event",
            "Event",
            ("Event Name", "Name", "Message", "Topic"),
            ("event", "message", "topic"),
        ),
        Column(
            "publisher",
            "Publisher",
            ("Producer", "Publishers", "Source", "Emitter"),
            ("publish", "produc", "emit", "raise", "sender"),
        ),
        Column(
            "subscribers",
            "Subscribers",
            ("Subscriber", "Consumers", "Consumer", "Listeners"),
            ("subscri", "consum", "listen", "handle", "receiv"),
        ),
        Column(
            "purpose", "Purpose", ("Description", "Why", "Reason"), ("purpose", "descript", "why")
        ),
    ),
    SectionKey.SHARED_STATE: (
        Column(
            "data",
            "Data",
            ("State", "Entity", "Shared Data", "Resource"),
            ("data", "state", "entity", "resource"),
        ),
        Column(
            "owner",
            "Owner",
            ("Owned By", "Owner Module", "Source of Truth"),
            ("owner", "owned", "truth", "writer"),
        ),
        Column("readers", "Readers", ("Reader", "Read By", "Consumers"), ("reader", "read")),
        Column(
            "consistency", "Consistency", ("Consistency Model", "Consistency Level"), ("consisten",)
        ),
    ),
    SectionKey.FAILURE_MODES: (
        Column(
            "failure",
            "Failure",
            ("Failure Mode", "Scenario", "Error", "Failure Scenario"),
            ("failure", "scenario", "error", "fault"),
        ),
        Column("impact", "Impact", ("Effect", "Consequence"), ("impact", "effect", "consequen")),
        Column(
            "detection",
            "Detection",
            ("Detected By", "How Detected", "Detect"),
            ("detect", "monitor", "signal"),
        ),
        Column(
            "recovery",
            "Recovery",
            ("Mitigation", "Handling", "Response", "Recovery Strategy"),
            ("recover", "mitigat", "handling", "response", "remed", "fallback", "compensat"),
        ),
    ),
    SectionKey.ENDPOINTS: (
        Column("method", "Method", ("HTTP Method", "Verb"), ("method", "verb")),
        Column(
            "path",
            "Path",
            ("Endpoint", "Route", "URL", "URI"),
            ("path", "endpoint", "route", "url", "uri"),
        ),
        Column("module", "Module", ("Service", "Owner", "Context"), ("modul", "service", "owner")),
        Column("purpose", "Purpose", ("Description", "Why"), ("purpose", "descript", "why")),
    ),
    SectionKey.EVENTS_PUBLISHED: (
        Column("event", "Event", ("Event Name", "Name"), ("event", "message", "topic")),
        Column(
            "module",
            "Module",
            ("Publisher", "Service", "Producer"),
            ("modul", "service", "publish", "produc", "emit"),
        ),
        Column(
            "payload",
            "Payload",
            ("Data", "Schema", "Fields"),
            ("payload", "data", "schema", "field"),
        ),
        Column("when", "When", ("Trigger", "Triggered By", "Emitted When"), ("when", "trigger")),
    ),
    SectionKey.UNIT_TESTS: (
        Column(
            "module",
            "Module",
            ("Service", "Context", "Component"),
            ("modul", "service", "context", "component", "area", "subject", "part"),
        ),
        Column(
            "focus",
            "Focus",
            ("Test Focus", "Tests", "What", "Coverage"),
            ("focus", "test", "coverage", "verif"),
        ),
    ),
    SectionKey.INTEGRATION_TESTS: (
        Column("test", "Test", ("Name", "Test Case", "Test Name"), ("test", "name", "case")),
        Column(
            "modules",
            "Modules",
            ("Between", "Services", "Modules Involved"),
            ("modul", "between", "service", "involv"),
        ),
        Column(
            "scenario",
            "Scenario",
            ("Description", "Verification", "Expected"),
            ("scenario", "descript", "verif", "expect"),
        ),
    ),
    SectionKey.E2E_TESTS: (
        Column(
            "journey",
            "Journey",
            ("Scenario", "Test", "Name", "User Journey"),
            ("journey", "scenario", "test", "name"),
        ),
        Column("steps", "Steps", ("Flow", "Actions"), ("step", "flow", "action")),
        Column(
            "verification",
            "Verification",
            ("Expected", "Expected Result", "Assertion"),
            ("verif", "expect", "assert", "result"),
        ),
    ),
    SectionKey.FEATURE_FLAGS: (
        Column("flag", "Flag", ("Name", "Feature Flag", "Flag Name", "Toggle"), ("flag", "toggle")),
        Column(
            "purpose", "Purpose", ("Description", "Controls"), ("purpose", "descript", "control")
        ),
        Column(
            "default",
            "Default",
            ("Default Value", "Initial", "Initial State"),
            ("default", "initial"),
        ),
    ),
}
"""Tables keyed by the section they belong to, columns in canonical order."""


def _families() -> dict[SectionKey, tuple[SectionKey, ...]]:
    families: dict[SectionKey, tuple[SectionKey, ...]] = {}
    for parent, children in SECTION_LAYOUT:
        tables = tuple(key for key in (parent, *children) if key in TABLE_COLUMNS)
        if tables:
            for key in (parent, *tables):
                families[key] = tables
    return families


_FAMILY.update(_families())


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
