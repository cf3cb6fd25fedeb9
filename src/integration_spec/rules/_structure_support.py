"""Helpers of the Structure, Phases, Testing and Rollout rules.

Sections, placeholder sections, module mentions in list cells and word searches: what
several of these rules need so that each reports only its own root cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from integration_spec.facts.modules import NameKind, is_unchanged
from integration_spec.facts.sections import SUBSECTIONS, has_section
from integration_spec.facts.text import plain
from integration_spec.markdown.blocks import Block, Fence, ListBlock, Quote, parse_blocks
from integration_spec.model.names import normalize_name, suggest
from integration_spec.model.spec import SECTION_HEADINGS as SPEC_HEADINGS
from integration_spec.model.spec import SECTION_LAYOUT, IntegrationSpec, SectionKey
from integration_spec.rules.base import RuleContext

SECTION_HEADINGS: dict[SectionKey, str] = {key: SPEC_HEADINGS[key][1] for key, _ in SECTION_LAYOUT}
"""The level-2 sections of the canonical form, in canonical order."""

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


def module_key(context: RuleContext, name: str) -> str:
    """The key a written module name is compared by (resolved by the facts)."""
    return context.facts.modules.resolve(name).key


def known_to_architecture(context: RuleContext, name: str) -> bool:
    """Whether the architecture knows ``name``; always, when none (or an unread one) is given.

    An unknown name is the architecture rules' to report (AR001/AR002); the rules here skip it.
    """
    return context.facts.modules.resolve(name).is_known


@dataclass(frozen=True, slots=True)
class InvolvedModule:
    """A usable Modules Involved row: named, not a placeholder, known to the architecture."""

    name: str
    key: str
    line: int | None
    unchanged: bool = False
    """Its Changes cell says it is not changed ("None; existing checks")."""
    product: bool = False
    """It is an infrastructure product (``SNS``): configured, not programmed."""


def involved_modules(context: RuleContext) -> list[InvolvedModule]:
    """Modules Involved rows the content rules look at, once per module.

    Rows that are blank, carry a TODO or name a module the architecture lacks are left to
    the rules that report exactly that.
    """
    seen: set[str] = set()
    modules: list[InvolvedModule] = []
    for row, ref in context.facts.modules.rows:
        if not ref.is_named or ref.key in seen:
            continue
        seen.add(ref.key)
        if ref.is_known:
            modules.append(
                InvolvedModule(
                    ref.written, ref.key, row.line, is_unchanged(row.changes), ref.is_product
                )
            )
    return modules


def all_involved_keys(context: RuleContext) -> dict[str, str]:
    """Every named Modules Involved row: key to name as written (markup dropped)."""
    keys: dict[str, str] = {}
    for _, ref in context.facts.modules.rows:
        if ref.is_named:
            keys.setdefault(ref.key, ref.written)
    return keys


@dataclass(frozen=True, slots=True)
class Mentions:
    """Which involved modules a list cell names, and the names it holds that are not involved."""

    keys: frozenset[str]
    unresolved: tuple[str, ...]


def mentioned_modules(context: RuleContext, names: Iterable[str]) -> Mentions:
    """Resolve written names (``cart``, ``Cart and Checkout``, ``cart (read-only)``)."""
    modules = context.facts.modules
    involved = all_involved_keys(context)
    keys: set[str] = set()
    unresolved: list[str] = []
    for written in names:
        ref = modules.resolve(written)
        if ref.kind is NameKind.PLACEHOLDER:
            continue
        if ref.kind is NameKind.EVERY:
            keys.update(involved)
            continue
        if ref.kind is NameKind.GROUP:
            members = [modules.resolve(member.name) for member in ref.members]
            keys.update(member.key for member in members if member.is_involved)
            continue
        if ref.is_involved:
            keys.add(ref.key)
            continue
        parts = [part for part in _FINE_SPLIT.split(written) if part.strip()]
        part_refs = [modules.resolve(part) for part in parts]
        if len(parts) > 1 and all(part.is_involved for part in part_refs):
            keys.update(part.key for part in part_refs)
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
