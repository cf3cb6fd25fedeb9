"""Module lists: bullets under ``## Modules`` / ``## Services`` or after a ``**Modules:**`` label.

An item names a module when it starts with a short name (``**Orders**``, ```orders```,
``Orders: ...``, ``Orders — ...``); a sentence is not a name. Items that are not names
are reported only when the same list does name modules, so that prose lists stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._attributes import AttributeReader
from integration_spec.architecture._candidates import EVIDENCE, Candidate
from integration_spec.architecture._drafts import DependencyKind, ModuleDraft
from integration_spec.architecture._outline import Section
from integration_spec.architecture._sections import is_strong_collection
from integration_spec.architecture._text import (
    clean_name,
    dependency_phrases,
    is_infrastructure,
    looks_like_name,
    plain,
    read_label,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import Block, ListBlock, Paragraph
from integration_spec.model.diagnostics import Diagnostic

_LINK_START = re.compile(r"^\[([^\]]{1,100})\]\([^)]*\)(.*)$")
_SEPARATORS = (": ", "： ", "：", " — ", " – ", " - ")
_MAX_PLAIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class _ItemName:
    name: str
    rest: str
    marked: bool


def item_name(text: str) -> _ItemName:
    """Split a list item into its leading name, the text after it, and whether it is marked."""
    line = text.split("\n", 1)[0].strip()
    for marker in ("**", "__", "`"):
        if line.startswith(marker):
            end = line.find(marker, len(marker))
            if end > len(marker):
                rest = line[end + len(marker) :].lstrip(" :：-–—")
                return _ItemName(line[len(marker) : end], rest, marked=True)
    link = _LINK_START.match(line)
    if link:
        return _ItemName(link.group(1), link.group(2).lstrip(" :：-–—"), marked=True)
    for separator in _SEPARATORS:
        if separator in line:
            name, rest = line.split(separator, 1)
            return _ItemName(name, rest.strip(), marked=False)
    return _ItemName(line, "", marked=False)


def module_lists(
    root: Section, collections: list[Section], excluded: set[int], path: str
) -> tuple[list[Candidate], list[Diagnostic]]:
    """Candidates from lists under collection headings and after ``**Modules:**`` labels."""
    candidates: list[Candidate] = []
    diagnostics: list[Diagnostic] = []
    for section in collections:
        strong = is_strong_collection(section.title)
        for block in section.blocks:
            if isinstance(block, ListBlock):
                found, skipped = _read_list(block, strong, path)
                candidates += found
                diagnostics += skipped
    for block, strong in _labelled_lists(root, excluded):
        found, skipped = _read_list(block, strong, path)
        candidates += found
        diagnostics += skipped
    return candidates, diagnostics


def _labelled_lists(root: Section, excluded: set[int]) -> Iterator[tuple[ListBlock, bool]]:
    """Yield lists right after a paragraph that ends with a bare ``**Modules:**`` label."""
    for section in _outside(root, excluded):
        previous: Block | None = None
        for block in section.blocks:
            if isinstance(block, ListBlock) and isinstance(previous, Paragraph):
                label = read_label(previous.text.rsplit("\n", 1)[-1])
                if label is not None and not label.value and label.key in vocab.LIST_LABELS:
                    yield block, label.key.startswith(("module", "context", "bounded"))
            previous = block


def _outside(root: Section, excluded: set[int]) -> Iterator[Section]:
    """Yield sections that are not module sections nor inside one."""
    stack = [root]
    while stack:
        section = stack.pop()
        if id(section) in excluded:
            continue
        yield section
        stack.extend(reversed(section.children))


def _read_list(
    block: ListBlock, strong: bool, path: str
) -> tuple[list[Candidate], list[Diagnostic]]:
    candidates: list[Candidate] = []
    skipped: list[Diagnostic] = []
    where = f"the list at line {block.line}"
    for item in block.items:
        first = item.blocks[0] if item.blocks else None
        if not isinstance(first, Paragraph):
            continue
        parsed = item_name(first.text)
        name = clean_name(parsed.name)
        reason = ""
        if not looks_like_name(name) or (
            not parsed.marked and len(name.split()) > _MAX_PLAIN_WORDS
        ):
            reason = "not a module name"
        elif not strong and is_infrastructure(name):
            reason = "an infrastructure component, not a module"
        if reason:
            skipped.append(
                report(
                    ArchitectureCode.ITEM_SKIPPED,
                    f"list item {plain(parsed.name)[:60]!r} skipped: {reason}",
                    path=path,
                    line=item.line,
                )
            )
            continue
        candidates.append(
            Candidate(
                name=name,
                line=item.line,
                tier=EVIDENCE,
                group=f"list:{block.line}",
                where=where,
                fill=_ItemFiller(first, parsed.rest, item.blocks[1:]),
            )
        )
    return candidates, (skipped if candidates else [])


@dataclass(frozen=True, slots=True)
class _ItemFiller:
    """Reads a module's list item into its draft: the description, nested labels."""

    first: Paragraph
    rest: str
    more: tuple[Block, ...]

    def __call__(self, draft: ModuleDraft) -> None:
        draft.set_responsibility(plain(self.rest), self.first.line)
        for phrase in dependency_phrases(self.rest):
            draft.add_dependency(phrase, self.first.line, DependencyKind.PROSE)
        reader = AttributeReader(draft)
        lines = self.first.text.split("\n")
        if len(lines) > 1:
            reader.read_text("\n".join(lines[1:]), self.first.line + 1)
        reader.read_blocks(self.more)
