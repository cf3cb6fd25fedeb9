"""Which known section a heading opens, whatever its level, numbering or wording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from integration_spec.model.spec import SECTION_HEADINGS, SectionKey

CANONICAL_HEADINGS = SECTION_HEADINGS
"""Level and text of each section's heading in canonical form (defined by the model)."""

_ALIASES: dict[SectionKey, tuple[str, ...]] = {
    SectionKey.OVERVIEW: ("overview", "background", "introduction"),
    SectionKey.MODULES: (
        "modules involved",
        "involved modules",
        "modules",
        "participating modules",
        "bounded contexts involved",
        "services involved",
    ),
    SectionKey.DATA_FLOW: ("data flow", "dataflow", "flow", "data flow diagram"),
    SectionKey.FLOW_STEPS: ("flow steps", "steps", "data flow steps", "process steps"),
    SectionKey.COORDINATION: ("coordination points", "coordination", "integration points"),
    SectionKey.SYNC_CALLS: (
        "synchronous calls",
        "sync calls",
        "synchronous",
        "synchronous communication",
    ),
    SectionKey.ASYNC_EVENTS: (
        "asynchronous events",
        "async events",
        "asynchronous",
        "events",
        "domain events",
        "asynchronous communication",
    ),
    SectionKey.SHARED_STATE: ("shared state", "shared data"),
    SectionKey.FAILURE_MODES: (
        "failure modes",
        "failures",
        "failure handling",
        "error handling",
        "failure modes and recovery",
    ),
    SectionKey.COMPENSATION: (
        "compensation",
        "compensation actions",
        "compensation strategy",
        "compensation steps",
        "compensating actions",
        "rollback",
    ),
    SectionKey.SHARED_TYPES: ("shared types", "new types", "shared interfaces", "new interfaces"),
    SectionKey.API_CONTRACTS: ("api contracts", "contracts", "api contract"),
    SectionKey.ENDPOINTS: ("endpoints created", "endpoints", "new endpoints", "api endpoints"),
    SectionKey.EVENTS_PUBLISHED: ("events published", "published events", "new events"),
    SectionKey.PHASES: ("implementation phases", "phases", "implementation plan"),
    SectionKey.TESTING: ("testing strategy", "testing", "tests", "test strategy", "test plan"),
    SectionKey.UNIT_TESTS: ("unit tests", "unit tests per module"),
    SectionKey.INTEGRATION_TESTS: ("integration tests", "contract tests"),
    SectionKey.E2E_TESTS: ("e2e tests", "end to end tests", "endtoend tests", "e2e"),
    SectionKey.ROLLOUT: ("rollout plan", "rollout", "rollout strategy", "deployment plan"),
    SectionKey.FEATURE_FLAGS: ("feature flags", "flags", "feature toggles"),
    SectionKey.MIGRATION_STEPS: ("migration steps", "migration", "migrations", "migration plan"),
    SectionKey.RELATED: ("related documents", "related", "references", "see also", "related docs"),
}

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+\.)\s+", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\([^)]*\)")
_PHASE = re.compile(r"^phase\s+(\d+)\s*(?:[:.)\-–—]\s*)?(.*)$", re.IGNORECASE)
_TITLE = re.compile(r"^integration\s*:\s*", re.IGNORECASE)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_LOOKUP: dict[str, SectionKey] = {
    _squash(alias): key for key, aliases in _ALIASES.items() for alias in aliases
}


def heading_words(text: str) -> str:
    """Heading text without numbering, parentheticals, markup or emoji, squashed."""
    text = _NUMBERING.sub("", text.replace("*", "").replace("`", ""))
    squashed = _squash(_PARENTHETICAL.sub("", text))
    return squashed or _squash(text)


_QUALIFIER = re.compile(r"[:—–]| - | (?:by|for|from|within|per|in|of|to|on) ", re.IGNORECASE)
"""Where a section's name ends and a qualifier starts: ``Events Published by Handlers``."""


def classify_heading(text: str) -> SectionKey | None:
    """The known section a heading opens, or ``None`` for a section the format lacks.

    A heading that qualifies a section's name (``Events Published by Command Handlers``,
    ``Failure Modes: payments``) opens that section: writers narrow a heading without
    changing what the section is. Only the words before the first qualifier count.
    """
    found = _LOOKUP.get(heading_words(text))
    if found is not None:
        return found
    plain_text = " ".join(_NUMBERING.sub("", text.replace("*", "").replace("`", "")).split())
    head = _QUALIFIER.split(plain_text, maxsplit=1)[0]
    return _LOOKUP.get(heading_words(head)) if head != plain_text else None


@dataclass(frozen=True, slots=True)
class PhaseHeading:
    """``Phase 2: Payments`` read as number and title."""

    number: int
    title: str


def phase_heading(text: str) -> PhaseHeading | None:
    """Read a phase heading such as ``Phase 2: Payments`` or ``Phase 2 — Payments``."""
    match = _PHASE.match(_NUMBERING.sub("", text.strip()))
    if match is None:
        return None
    return PhaseHeading(int(match.group(1)), match.group(2).strip())


@dataclass(frozen=True, slots=True)
class AtxHeading:
    """An ATX heading line in its three parts, so a fix can change the text and keep the rest.

    ``opening + text + closing`` is the line (without its line break): ``opening`` is the
    indentation, the ``#`` marks and the white space after them; ``closing`` is the optional
    closing sequence with the white space around it.
    """

    level: int
    opening: str
    text: str
    closing: str


_BLANK = " \t"


def split_atx_heading(line: str) -> AtxHeading | None:
    """Read ``line`` as a CommonMark ATX heading (spec 4.2), or ``None`` when it is not one.

    A trailing run of ``#`` closes the heading only after a space or tab (or when it is all
    there is), so ``# Price sync for F#`` keeps its ``#``. One pass over the line, no
    regular expression: the time is linear in the line's length whatever it holds.
    """
    body = line.rstrip("\r\n")
    indent = len(body) - len(body.lstrip(" "))
    if indent > 3:
        return None
    marks = indent
    while marks < len(body) and body[marks] == "#":
        marks += 1
    level = marks - indent
    if not 1 <= level <= 6 or (marks < len(body) and body[marks] not in _BLANK):
        return None
    start = marks
    while start < len(body) and body[start] in _BLANK:
        start += 1
    rest = body[start:]
    content = rest.rstrip(_BLANK)
    end = len(content)
    while end > 0 and content[end - 1] == "#":
        end -= 1
    if end < len(content) and (end == 0 or content[end - 1] in _BLANK):
        text_end = end
        while text_end > 0 and content[text_end - 1] in _BLANK:
            text_end -= 1
    else:
        text_end = len(content)
    return AtxHeading(
        level=level, opening=body[:start], text=rest[:text_end], closing=rest[text_end:]
    )


def title_text(text: str) -> str:
    """The title of ``# Integration: <Title>`` (the whole text when the prefix is missing)."""
    return _TITLE.sub("", text.strip(), count=1).strip()


def has_title_prefix(text: str) -> bool:
    """Whether a title heading starts with ``Integration:`` as the format asks."""
    return _TITLE.match(text.strip()) is not None
