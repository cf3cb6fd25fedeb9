"""Module headings: what the heading tree says about which sections are modules.

- ``## Module: orders``, ``### Module 1: RAG Studio``, ``## Bounded Context — Billing``
  name a module anywhere (the prefix says so).
- Under a heading that lists units (``## Services``, ``## Core Components``, ``## 核心模組``)
  every sub-heading that reads as a name is a module: ``### 2.1 Workspace Service``,
  ``### patients — Patient Registry`` (the name before the dash, the title after it),
  ``### API Backend (chat.api)`` (``chat.api`` is an alias).
- A layer (``### AI Agents Layer``) or a sub-heading that lists units itself groups the
  modules below it; so does a unit heading with no text of its own whose sub-headings are
  names. A group is not a module.
- When some sub-headings of a list of units are numbered (``### 1. Presets``) and others
  are not (``### How it works``), the numbered ones are the units and the others continue
  the unit before them.
- Elsewhere, ``### Orders Service`` (a name ending in a unit noun) is weaker evidence, and
  any other heading that names a module already listed is that module's own section.

A heading made of layer words (Domain Layer, Infrastructure) or of words that describe
the system (Overview, How it works) is never a module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._attributes import AttributeReader
from integration_spec.architecture._candidates import ATTACH, EVIDENCE, INVENTORY, Candidate
from integration_spec.architecture._drafts import ModuleDraft
from integration_spec.architecture._meaning import (
    is_about_something_else,
    is_architecture_heading,
    is_attribute_word,
    is_build_order,
    is_dependency_section,
    is_generic,
    is_inventory,
    is_label_heading,
    is_layer,
    is_strong_inventory,
    words,
)
from integration_spec.architecture._outline import Section
from integration_spec.architecture._text import (
    NameParts,
    heading_number,
    heading_text,
    is_infrastructure,
    looks_like_name,
    plain,
    read_label,
    read_name,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import Paragraph
from integration_spec.model.architecture import SkippedCandidate
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import normalize_name

_EXPLICIT = re.compile(r"^(?P<prefix>[^:：—–]{1,30}?)\s*(?:[:：]|\s[-–—]\s)\s*(?P<name>.+)$")
_TITLED = re.compile(r"^(?P<name>[^:：—–]{1,60}?)\s+[-–—]\s+(?P<title>.+)$")
_SUFFIX_EXCLUDED = vocab.LAYER_WORDS - {"domain"}
_SUFFIX_NOUNS = frozenset(
    {
        "module",
        "service",
        "microservice",
        "engine",
        "worker",
        "gateway",
        "agent",
        "processor",
        "orchestrator",
        "scheduler",
        "server",
    }
)
"""Nouns that end a unit's name (``Orders Service``, ``Pricing Engine``, ``Email Worker``).

Not ``context``: ``System Context`` (C4) or ``Security Context`` name no module.
"""
_MAX_CHILD_WORDS = 4
_GROUP_CHILDREN = 2


def explicit_module_name(title: str) -> NameParts | None:
    """Read the name of ``Module: orders``, ``Module 1: RAG Studio`` or ``Context — Billing``."""
    text = heading_text(title)
    match = _EXPLICIT.match(text)
    if match is None:
        return None
    prefix = normalize_name(match.group("prefix")).rstrip("0123456789")
    if prefix not in vocab.EXPLICIT_PREFIXES:
        return None
    parts = read_name(match.group("name"))
    return parts if looks_like_name(parts.name) else None


def titled_name(title: str) -> NameParts:
    """``patients — Patient Registry``: the name before the dash, the title as an alias."""
    text = heading_text(title)
    match = _TITLED.match(text)
    if match is None:
        return read_name(text)
    name = read_name(match.group("name"))
    title_part = read_name(match.group("title"))
    aliases = [*name.aliases]
    if looks_like_name(title_part.name):
        aliases.append(title_part.name)
    return NameParts(name.name, tuple(aliases))


def suffix_module_name(title: str) -> NameParts | None:
    """Read ``Orders Service``, ``Billing Bounded Context`` or ``订单服务`` as a module name."""
    parts = read_name(title)
    name = parts.name
    found = words(name)
    bounded = found[-2:] == ["bounded", "context"]
    if len(found) >= 2 and (found[-1] in _SUFFIX_NOUNS or bounded):
        stem = found[:-2] if bounded else found[:-1]
        if stem and not all(
            word in _SUFFIX_EXCLUDED or word in vocab.GENERIC_WORDS for word in stem
        ):
            return parts if looks_like_name(name) else None
        return None
    squashed = normalize_name(name)
    if " " not in name and any(
        squashed.endswith(suffix) and len(squashed) > len(suffix)
        for suffix in vocab.CJK_MODULE_SUFFIXES
    ):
        return parts
    return None


def is_collection(title: str) -> bool:
    """Tell whether a heading (``Modules``, ``Service Details``) introduces modules."""
    return is_inventory(title)


@dataclass(slots=True)
class HeadingScan:
    """The result of scanning the headings."""

    candidates: list[Candidate] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: list[SkippedCandidate] = field(default_factory=list)
    module_sections: list[Section] = field(default_factory=list)
    """Sections that are a module's own: their tables and lists describe that module."""
    inventories: list[Section] = field(default_factory=list)
    """Sections whose own tables, lists and trees list modules (inventory tier)."""
    dependency_sections: list[Section] = field(default_factory=list)


def scan_headings(root: Section, path: str) -> HeadingScan:
    """Find module headings and the sections that list modules."""
    scan = HeadingScan()
    titles = [child for child in root.children if child.level == 1]
    _visit(root, None, scan, path, document_title=titles[0] if len(titles) == 1 else None)
    return scan


def _where(section: Section) -> str:
    number = heading_number(section.heading.text) if section.heading else None
    return f"heading {number} {section.title!r}" if number else f"heading {section.title!r}"


def _visit(
    section: Section,
    inventory: Section | None,
    scan: HeadingScan,
    path: str,
    *,
    blocked: bool = False,
    document_title: Section | None = None,
) -> None:
    """Classify ``section``'s sub-headings; ``inventory`` is the list of units they are in.

    ``blocked``: an ancestor is about something else (deployment, UI, tests), so no heading
    below it lists the system's units. The document's only level-1 heading is its title:
    it names the document (``# Payment Service``, ``# 系统架构与模块边界``), not its units.
    """
    children = section.children
    numbered = inventory is not None and sum(1 for child in children if _numbered(child)) >= 2
    previous: SectionFiller | None = None
    for child in children:
        title = child.title
        if is_build_order(title):
            continue
        explicit = explicit_module_name(child.heading.text if child.heading else "")
        if explicit is not None:
            if _is_group(child):
                _group(scan, child, path)
                continue
            previous = _add(scan, child, explicit, INVENTORY, path, str(section.line))
            continue
        if inventory is None:
            previous = None
            if child is not document_title and not blocked and is_inventory(title):
                scan.inventories.append(child)
                _visit(child, child, scan, path)
                continue
            if child.level > 1 and _enumerated_unit(section, child):
                _add(
                    scan,
                    child,
                    titled_name(child.heading.text if child.heading else ""),
                    EVIDENCE,
                    path,
                    str(section.line),
                )
                continue
            if child.level > 1:
                suffix = suffix_module_name(title)
                if suffix is not None:
                    if is_infrastructure(suffix.name):
                        _skip(
                            scan,
                            child,
                            suffix.name,
                            "an infrastructure component, not a module",
                            path,
                        )
                    else:
                        _add(scan, child, suffix, EVIDENCE, path, str(section.line))
                    continue
                _attach(scan, child, path)
            if is_dependency_section(title):
                scan.dependency_sections.append(child)
            inner_blocked = blocked or (
                child is not document_title and is_about_something_else(title)
            )
            _visit(child, None, scan, path, blocked=inner_blocked)
            continue
        if numbered and not _numbered(child) and previous is not None:
            previous.more.append(child)
            scan.module_sections.append(child)
            continue
        named = suffix_module_name(title)
        if named is None and (is_layer(title) or is_inventory(title)):
            _group(scan, child, path)
            continue
        raw = child.heading.text if child.heading else ""
        parts = titled_name(raw)
        verdict = None if is_label_heading(raw) else _child_verdict(parts.name, inventory)
        if verdict is None:
            if _is_group(child):
                _group(scan, child, path)
            else:
                previous = None
                _visit(child, inventory, scan, path)
            continue
        if verdict:
            _skip(scan, child, parts.name, verdict, path)
            previous = None
            continue
        if _is_group(child):
            _group(scan, child, path)
            continue
        previous = _add(scan, child, parts, INVENTORY, path, str(section.line))


def _enumerated_unit(parent: Section, child: Section) -> bool:
    """Numbered names under a heading about the architecture are its parts.

    ``## Architecture`` > ``### 1. API Gateway``, ``### 2. Pricing`` is weaker evidence, for
    documents without a list of units. The document's title is no such heading: its
    numbered sections are the document's chapters.
    """
    if parent.heading is None or parent.level < 2 or not _numbered(child):
        return False
    if not is_architecture_heading(parent.title):
        return False
    named = [sibling for sibling in parent.children if _numbered(sibling) and _names_unit(sibling)]
    return len(named) >= _GROUP_CHILDREN and child in named


def _names_unit(section: Section) -> bool:
    raw = section.heading.text if section.heading else ""
    name = titled_name(raw).name
    return (
        not is_label_heading(raw)
        and not is_generic(name)
        and not is_attribute_word(name)
        and not is_layer(raw)
        and looks_like_name(name)
        and len(words(name)) <= _MAX_CHILD_WORDS
        and not is_infrastructure(name)
    )


def _numbered(section: Section) -> bool:
    return section.heading is not None and heading_number(section.heading.text) is not None


def _is_group(section: Section) -> bool:
    """A unit heading with no text of its own whose sub-headings are names groups them."""
    if section.blocks or len(section.children) < _GROUP_CHILDREN:
        return False
    names = [
        child
        for child in section.children
        if child.heading is not None
        and not is_label_heading(child.heading.text)
        and not is_generic(titled_name(child.heading.text).name)
        and looks_like_name(child.title)
    ]
    return len(names) >= _GROUP_CHILDREN


def _group(scan: HeadingScan, section: Section, path: str) -> None:
    """A layer or a sub-list of units: its own lists and tables and its sub-headings count."""
    scan.inventories.append(section)
    _visit(section, section, scan, path)


def _child_verdict(name: str, inventory: Section) -> str | None:
    """``""`` for a module name, a reason to report it as skipped, ``None`` to ignore it."""
    if is_generic(name):
        return None
    if len(words(name)) > _MAX_CHILD_WORDS or not looks_like_name(name):
        return "a heading, not a module name"
    if is_infrastructure(name) and not is_strong_inventory(inventory.title):
        return "an infrastructure component, not a module"
    return ""


def _add(
    scan: HeadingScan, section: Section, parts: NameParts, tier: int, path: str, siblings: str
) -> SectionFiller:
    scan.module_sections.append(section)
    where = _where(section)
    filler = SectionFiller(section, path, where)
    explicit = explicit_module_name(section.heading.text if section.heading else "")
    scan.candidates.append(
        Candidate(
            name=parts.name,
            aliases=parts.aliases,
            line=section.line,
            tier=tier,
            group="explicit" if explicit else f"headings:{siblings}",
            source="the headings",
            where=where,
            fill=filler,
        )
    )
    return filler


def _attach(scan: HeadingScan, section: Section, path: str) -> None:
    """Any other heading that reads as a name may be the own section of a listed module."""
    if section.heading is None:
        return
    parts = titled_name(section.heading.text)
    if (
        is_label_heading(section.heading.text)
        or is_generic(parts.name)
        or not looks_like_name(parts.name)
    ):
        return
    scan.candidates.append(
        Candidate(
            name=parts.name,
            aliases=parts.aliases,
            line=section.line,
            tier=ATTACH,
            group="sections",
            source="the headings",
            where=_where(section),
            fill=SectionFiller(section, path, _where(section)),
        )
    )


def _skip(scan: HeadingScan, section: Section, name: str, reason: str, path: str) -> None:
    scan.diagnostics.append(
        report(
            ArchitectureCode.ITEM_SKIPPED,
            f"heading {name!r} skipped: {reason}",
            path=path,
            line=section.line,
        )
    )
    scan.skipped.append(
        SkippedCandidate(name=name, line=section.line, construct=_where(section), reason=reason)
    )


@dataclass(slots=True)
class SectionFiller:
    """Reads a module's own section into its draft (a callable, so a candidate can carry it)."""

    section: Section
    path: str
    where: str
    more: list[Section] = field(default_factory=list)
    """Sibling sections that continue this one (``### How it works`` after ``### 1. X``)."""

    def __call__(self, draft: ModuleDraft) -> None:
        reader = AttributeReader(draft, self.where)
        for block in self.section.blocks:
            if isinstance(block, Paragraph):
                first_line = block.text.split("\n", 1)[0]
                if read_label(first_line) is None:
                    draft.set_responsibility(plain(block.text), block.line, self.where)
                break
        for part in (self.section, *self.more):
            reader.read_blocks(part.blocks)
            for section in part.walk():
                if section is not part:
                    reader.read_section(section.title, section.line, section.blocks)
