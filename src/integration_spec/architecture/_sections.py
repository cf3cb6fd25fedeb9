"""Module headings: ``## Module: orders``, ``### Orders Service``, headings under ``## Services``.

A heading made of layer words (Domain Layer, Infrastructure) or of words that describe the
system (Overview, Service Communication) is never a module; an infrastructure product under
a ``Services`` heading is skipped and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._attributes import AttributeReader
from integration_spec.architecture._candidates import EVIDENCE, INVENTORY, Candidate
from integration_spec.architecture._drafts import ModuleDraft
from integration_spec.architecture._outline import Section
from integration_spec.architecture._text import (
    clean_name,
    is_infrastructure,
    looks_like_name,
    plain,
    read_label,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import Paragraph
from integration_spec.model.diagnostics import Diagnostic
from integration_spec.model.names import normalize_name

_EXPLICIT = re.compile(r"^(?P<prefix>[^:：]{1,30}?)\s*(?:[:：]|\s[-–—]\s)\s*(?P<name>.+)$")
_SPLIT = re.compile(r"[\s/&,+]+")
_SUFFIX_EXCLUDED = vocab.LAYER_WORDS - {"domain"}
_SUFFIX_NOUNS = frozenset({"module", "service", "microservice"})
"""Not ``context``: ``System Context`` (C4) or ``Security Context`` name no module."""
_MAX_CHILD_WORDS = 4


def _words(title: str) -> list[str]:
    return [normalize_name(word) for word in _SPLIT.split(title) if normalize_name(word)]


def explicit_module_name(title: str) -> str | None:
    """Read the name of ``Module: orders`` or ``Bounded Context — Billing``."""
    match = _EXPLICIT.match(title)
    if match is None or normalize_name(match.group("prefix")) not in vocab.EXPLICIT_PREFIXES:
        return None
    name = clean_name(match.group("name"))
    return name if looks_like_name(name) else None


def suffix_module_name(title: str) -> str | None:
    """Read ``Orders Service``, ``Billing Bounded Context`` or ``订单服务`` as a module name."""
    name = clean_name(title)
    words = _words(name)
    bounded = words[-2:] == ["bounded", "context"]
    if len(words) >= 2 and (words[-1] in _SUFFIX_NOUNS or bounded):
        stem = words[:-2] if bounded else words[:-1]
        if stem and not all(
            word in _SUFFIX_EXCLUDED or word in vocab.GENERIC_WORDS for word in stem
        ):
            return name if looks_like_name(name) else None
        return None
    squashed = normalize_name(name)
    if " " not in name and any(
        squashed.endswith(suffix) and len(squashed) > len(suffix)
        for suffix in vocab.CJK_MODULE_SUFFIXES
    ):
        return name
    return None


def is_collection(title: str) -> bool:
    """Tell whether a heading (``Modules``, ``Service Details``) introduces modules."""
    words = _words(title)
    if any(word in ("layer", "layers") for word in words):
        return False
    if any(word in vocab.COLLECTION_PLURALS for word in words):
        return True
    if any(word in vocab.COLLECTION_SINGULARS for word in words) and any(
        word in vocab.COLLECTION_QUALIFIERS for word in words
    ):
        return True
    return normalize_name(title) in vocab.CJK_COLLECTIONS


def is_strong_collection(title: str) -> bool:
    """Tell whether a collection says modules or contexts (infrastructure under it counts)."""
    return any(word.startswith(("module", "context")) for word in _words(title)) or (
        "模块" in title
    )


@dataclass(slots=True)
class HeadingScan:
    """The result of scanning the headings: candidates, module sections, collections."""

    candidates: list[Candidate] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    module_sections: list[Section] = field(default_factory=list)
    collections: list[Section] = field(default_factory=list)


def scan_headings(root: Section, path: str) -> HeadingScan:
    """Find module headings and the collection headings that introduce modules."""
    scan = HeadingScan()
    _visit(root, None, scan, path)
    return scan


def _visit(section: Section, collection: Section | None, scan: HeadingScan, path: str) -> None:
    for child in section.children:
        title = child.title
        if child.level == 1:
            # The title names the document ("# Payment Service"), never one of its modules.
            inner = child if is_collection(title) else None
            if inner is not None:
                scan.collections.append(child)
            _visit(child, inner, scan, path)
            continue
        name = explicit_module_name(title)
        if name is not None:
            _add(scan, child, name, INVENTORY, "the Module: headings", path)
            continue
        name = suffix_module_name(title)
        if name is not None:
            if is_infrastructure(name) and not is_strong_collection(name):
                _skip(scan, child, name, "an infrastructure component, not a module", path)
            else:
                _add(scan, child, name, EVIDENCE, "the module headings", path)
            continue
        if is_collection(title):
            scan.collections.append(child)
            _visit(child, child, scan, path)
            continue
        if collection is not None:
            verdict = _child_verdict(child, collection)
            if isinstance(verdict, str):
                _add(
                    scan, child, verdict, EVIDENCE, f"the headings under {collection.title!r}", path
                )
                continue
            if isinstance(verdict, tuple):
                _skip(scan, child, verdict[0], verdict[1], path)
                continue
        _visit(child, None, scan, path)


def _child_verdict(child: Section, collection: Section) -> str | tuple[str, str] | None:
    """Return a module name, a (name, reason) to report as skipped, or ``None`` to ignore."""
    name = clean_name(child.heading.text if child.heading else "")
    words = _words(name)
    if not words or any(word in vocab.GENERIC_WORDS for word in words):
        return None
    if all(word in vocab.LAYER_WORDS for word in words):
        return None
    if len(words) > _MAX_CHILD_WORDS or not looks_like_name(name):
        return (name, "a heading, not a module name")
    if is_infrastructure(name) and not is_strong_collection(collection.title):
        return (name, "an infrastructure component, not a module")
    return name


def _add(scan: HeadingScan, section: Section, name: str, tier: int, where: str, path: str) -> None:
    scan.module_sections.append(section)
    scan.candidates.append(
        Candidate(
            name=name,
            line=section.line,
            tier=tier,
            group="headings" if tier == EVIDENCE else "explicit",
            where=where,
            fill=SectionFiller(section, path),
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


@dataclass(frozen=True, slots=True)
class SectionFiller:
    """Reads a module's own section into its draft (a callable, so a candidate can carry it)."""

    section: Section
    path: str

    def __call__(self, draft: ModuleDraft) -> None:
        reader = AttributeReader(draft)
        for block in self.section.blocks:
            if isinstance(block, Paragraph):
                first_line = block.text.split("\n", 1)[0]
                if read_label(first_line) is None:
                    draft.set_responsibility(plain(block.text), block.line)
                break
        for section in self.section.walk():
            reader.read_blocks(section.blocks)
