"""Helpers of the Structure, Phases, Testing and Rollout rules.

Sections, placeholder sections, module mentions in list cells and word searches: what
several of these rules need so that each reports only its own root cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from integration_spec.markdown.blocks import Block, Fence, ListBlock, Quote, parse_blocks
from integration_spec.model.names import name_key, normalize_name, suggest
from integration_spec.model.spec import SECTION_HEADINGS as SPEC_HEADINGS
from integration_spec.model.spec import SECTION_LAYOUT, IntegrationSpec, SectionKey
from integration_spec.rules._architecture_support import is_unknown
from integration_spec.rules.base import RuleContext
from integration_spec.rules.common import has_todo, is_blank, plain

SECTION_HEADINGS: dict[SectionKey, str] = {key: SPEC_HEADINGS[key][1] for key, _ in SECTION_LAYOUT}
"""The level-2 sections of the canonical form, in canonical order."""

SUBSECTIONS: dict[SectionKey, tuple[SectionKey, ...]] = {
    key: subsections
    for key, subsections in SECTION_LAYOUT
    if subsections and key is not SectionKey.FAILURE_MODES
}
"""Subsections that show their section is there even when its own heading is not.

Compensation alone does not: the failure-mode table is the section's substance.
"""

SECTION_PLACEHOLDERS: dict[SectionKey, str] = {
    SectionKey.OVERVIEW: "TODO: purpose, why it spans modules, and the user or system need",
    SectionKey.MODULES: "TODO: every module with its role (Producer, Consumer or Both) and changes",
    SectionKey.DATA_FLOW: "TODO: the flow diagram and the numbered flow steps",
    SectionKey.COORDINATION: "TODO: synchronous calls, asynchronous events and shared state",
    SectionKey.FAILURE_MODES: "TODO: each failure with impact, detection and recovery",
    SectionKey.SHARED_TYPES: "TODO: the new shared interfaces",
    SectionKey.API_CONTRACTS: "TODO: the endpoints created and the events published",
    SectionKey.PHASES: "TODO: shippable phases with goal, modules, deliverables and exit criteria",
    SectionKey.TESTING: "TODO: unit tests per module, integration tests and E2E tests",
    SectionKey.ROLLOUT: "TODO: feature flags (default off) and migration steps with verification",
}
"""The line a fix writes under a section heading it inserts."""

_SEPARATORS = ("", "---", "***", "___")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")


def missing_value(text: str | None) -> bool:
    """Whether a value is absent or a placeholder; a ``TODO`` is left to the TODO rule."""
    return is_blank(text) and not has_todo(text)


def has_section(spec: IntegrationSpec, key: SectionKey) -> bool:
    """Whether the document has section ``key``: its heading, a subsection, or (phases) a phase."""
    wanted = (key, *SUBSECTIONS.get(key, ()))
    if any(location.key in wanted for location in spec.sections):
        return True
    return key is SectionKey.PHASES and bool(spec.phases)


def section_line(spec: IntegrationSpec, *keys: SectionKey) -> int:
    """The heading line of the first of ``keys`` the document has (else the title line)."""
    for key in keys:
        location = spec.section(key)
        if location is not None:
            return location.line
    if SectionKey.PHASES in keys and spec.phases and spec.phases[0].line is not None:
        return spec.phases[0].line
    return title_line(spec)


def title_line(spec: IntegrationSpec) -> int:
    """Where document-level findings point: the title, or line 1 when there is none."""
    return spec.title_line or 1


def section_written(context: RuleContext, key: SectionKey) -> bool:
    """Whether section ``key`` is there and holds more than ``TODO`` placeholder lines.

    Content rules stay silent on a missing section (the structure rule reports it) and on a
    section that only says ``TODO`` (the TODO rule reports that).
    """
    spec = context.spec
    if not has_section(spec, key):
        return False
    wanted = (key, *SUBSECTIONS.get(key, ()))
    spans = [
        (location.line, location.end_line) for location in spec.sections if location.key in wanted
    ]
    if key is SectionKey.PHASES and spec.phases:
        return True
    for start, end in spans:
        for number in range(start + 1, end + 1):
            text = context.lines[number - 1].strip() if number <= len(context.lines) else ""
            if text in _SEPARATORS or _HEADING.match(text):
                continue
            if "TODO" not in text:
                return True
    return False


def section_end(context: RuleContext, key: SectionKey) -> int | None:
    """The last line of a top-level section as written (its subsections and phases included)."""
    spec = context.spec
    wanted = (key, *SUBSECTIONS.get(key, ()))
    ends = [location.end_line for location in spec.sections if location.key in wanted]
    if key is SectionKey.PHASES:
        ends.extend(block_end(context.lines, phase.line) for phase in spec.phases if phase.line)
    return max(ends) if ends else None


def block_end(lines: Sequence[str], heading: int) -> int:
    """The last written line under the ATX heading at line ``heading`` (trailing breaks cut)."""
    match = _HEADING.match(lines[heading - 1]) if 0 < heading <= len(lines) else None
    level = len(match.group(1)) if match else 6
    end = len(lines)
    in_fence = False
    for number in range(heading + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        found = None if in_fence else _HEADING.match(text)
        if found is not None and len(found.group(1)) <= level:
            end = number - 1
            break
    return trim_back(lines, end, heading)


def trim_back(lines: Sequence[str], end: int, floor: int = 0) -> int:
    """Move ``end`` back over blank lines and thematic breaks, not below ``floor``."""
    while end > floor and lines[end - 1].strip() in _SEPARATORS:
        end -= 1
    return end


def preamble_end(context: RuleContext) -> int:
    """The last written line before the first heading after the title (0 when none)."""
    spec = context.spec
    start = spec.title_line or 0
    headings = [location.line for location in spec.sections]
    headings.extend(extra.line for extra in spec.extra_sections if extra.line)
    headings.extend(phase.line for phase in spec.phases if phase.line)
    later = [line for line in headings if line > start]
    end = min(later) - 1 if later else len(context.lines)
    return trim_back(context.lines, end, 0)


def fenced_lines(text: str) -> set[int]:
    """Line numbers inside fenced or indented code blocks, fences included."""
    lines: set[int] = set()

    def visit(blocks: Iterable[Block]) -> None:
        for block in blocks:
            if isinstance(block, Fence):
                lines.update(range(block.line, block.end_line + 1))
            elif isinstance(block, Quote):
                visit(block.blocks)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    visit(item.blocks)

    visit(parse_blocks(text))
    return lines


# -- modules ---------------------------------------------------------------------------------

_FINE_SPLIT = re.compile(r"\s*(?:/|\+|&|→|->|<->|↔|⇄|⇆|\band\b)\s*", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")
_EVERY_MODULE = {"all", "allmodules", "everymodule", "allinvolvedmodules", "everyinvolvedmodule"}


def module_key(name: str) -> str:
    """The key a module name is compared by (case, separators and markup ignored)."""
    return name_key(plain(_PARENTHETICAL.sub("", name)))


def known_to_architecture(context: RuleContext, name: str) -> bool:
    """Whether the architecture knows ``name``; always, when none (or an unread one) is given.

    An unknown name is the architecture rules' to report (AR001/AR002); the rules here skip it.
    """
    return not is_unknown(context.architecture, name)


@dataclass(frozen=True, slots=True)
class InvolvedModule:
    """A usable Modules Involved row: named, not a placeholder, known to the architecture."""

    name: str
    key: str
    line: int | None


def involved_modules(context: RuleContext) -> list[InvolvedModule]:
    """Modules Involved rows the content rules look at, once per module.

    Rows that are blank, carry a TODO or name a module the architecture lacks are left to
    the rules that report exactly that.
    """
    seen: set[str] = set()
    modules: list[InvolvedModule] = []
    for row in context.spec.modules:
        key = module_key(row.module)
        if not key or is_blank(row.module) or has_todo(row.module) or key in seen:
            continue
        seen.add(key)
        if known_to_architecture(context, row.module):
            modules.append(InvolvedModule(plain(row.module), key, row.line))
    return modules


def all_involved_keys(spec: IntegrationSpec) -> dict[str, str]:
    """Every named Modules Involved row: key to name as written (markup dropped)."""
    keys: dict[str, str] = {}
    for row in spec.modules:
        key = module_key(row.module)
        if key and not is_blank(row.module):
            keys.setdefault(key, plain(row.module))
    return keys


@dataclass(frozen=True, slots=True)
class Mentions:
    """Which involved modules a list cell names, and the names it holds that are not involved."""

    keys: frozenset[str]
    unresolved: tuple[str, ...]


def mentioned_modules(names: Iterable[str], involved: dict[str, str]) -> Mentions:
    """Resolve written names (``cart``, ``Cart and Checkout``, ``cart (read-only)``).

    ``involved`` maps module keys to names (see :func:`all_involved_keys`).
    """
    keys: set[str] = set()
    unresolved: list[str] = []
    for written in names:
        if is_blank(written) or has_todo(written):
            continue
        key = module_key(written)
        if key in involved:
            keys.add(key)
            continue
        if normalize_name(plain(written)) in _EVERY_MODULE:
            keys.update(involved)
            continue
        parts = [part for part in _FINE_SPLIT.split(written) if part.strip()]
        part_keys = [module_key(part) for part in parts]
        if len(parts) > 1 and all(part_key in involved for part_key in part_keys):
            keys.update(part_keys)
        else:
            unresolved.append(plain(written))
    return Mentions(frozenset(keys), tuple(unresolved))


def close_modules(name: str, involved: dict[str, str]) -> list[str]:
    """Involved module names that look like ``name`` (for did-you-mean and typo handling)."""
    return suggest(plain(name), involved.values())


# -- words -----------------------------------------------------------------------------------


def word_pattern(stems: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for words starting with any of ``stems``."""
    return re.compile(r"\b(?:" + "|".join(stems) + ")", re.IGNORECASE)


_TOKEN_SPLIT = re.compile(r"[\s,;:()\[\]{}`*'\"<>|!?]+")


def tokens(text: str) -> set[str]:
    """The words of ``text``, normalised so ``order.placed`` and ``OrderPlaced`` are equal."""
    found = set()
    for token in _TOKEN_SPLIT.split(text):
        normalized = normalize_name(token.strip(".-"))
        if normalized:
            found.add(normalized)
    return found


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
