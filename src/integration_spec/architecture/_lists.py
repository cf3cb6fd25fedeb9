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
from integration_spec.architecture._drafts import ModuleDraft
from integration_spec.architecture._meaning import is_attribute_word, is_generic, names_units
from integration_spec.architecture._outline import Section
from integration_spec.architecture._text import (
    NameParts,
    is_infrastructure,
    looks_like_name,
    plain,
    read_label,
    read_name,
)
from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import Block, ListBlock, Paragraph
from integration_spec.model.architecture import SkippedCandidate
from integration_spec.model.diagnostics import Diagnostic

_LINK_START = re.compile(r"^\[([^\]]{1,100})\]\([^)]*\)(.*)$")
_SEPARATORS = (": ", "： ", "：", " — ", " – ", " - ")
_MAX_PLAIN_WORDS = 3
_MIN_PARAGRAPH_ENTRIES = 2
"""One bold-led paragraph is emphasis; two or more in a row are entries of a list."""
_FILE = re.compile(
    r"\.(?:py|ts|tsx|js|jsx|mjs|rs|go|java|kt|rb|php|cs|sh|toml|json|ya?ml|md|html|css|scss"
    r"|sql|xml|txt|lock|cfg|ini|env)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ItemName:
    """A list item's leading name, the text after it, and whether it is marked up."""

    name: str
    rest: str
    marked: bool


def item_name(text: str) -> ItemName:
    """Split a list item into its leading name, the text after it, and whether it is marked."""
    line = text.split("\n", 1)[0].strip()
    for marker in ("**", "__", "`"):
        if line.startswith(marker):
            end = line.find(marker, len(marker))
            if end > len(marker):
                rest = line[end + len(marker) :].lstrip(" :：-–—")
                return ItemName(line[len(marker) : end], rest, marked=True)
    link = _LINK_START.match(line)
    if link:
        return ItemName(link.group(1), link.group(2).lstrip(" :：-–—"), marked=True)
    for separator in _SEPARATORS:
        if separator in line:
            name, rest = line.split(separator, 1)
            return ItemName(name, rest.strip(), marked=True)
    return ItemName(line, "", marked=False)


@dataclass(frozen=True, slots=True)
class ListSource:
    """A list that may name modules, the tier its names get and where it stands."""

    block: ListBlock
    tier: int
    strong: bool
    title: str


def labelled_lists(root: Section, excluded: set[int]) -> Iterator[ListSource]:
    """Lists announced by a bare label that names units: ``**Modules:**``, ``Core Services:``.

    The label is a paragraph right above the list, or the whole text of a list item whose
    nested list it introduces (``- **Core Domain Modules:**`` with the modules below it):
    a writer who announces "the modules:" and lists names lists the modules, wherever the
    announcement stands. A label that announces something else (``Responsibilities:``)
    does not.
    """
    for section in _outside(root, excluded):
        previous: Block | None = None
        for block in section.blocks:
            if isinstance(block, ListBlock) and isinstance(previous, Paragraph):
                label = read_label(previous.text.rsplit("\n", 1)[-1])
                if label is not None and not label.value and label.key in vocab.LIST_LABELS:
                    strong = label.key.startswith(("module", "context", "bounded", "módulo"))
                    yield ListSource(block, EVIDENCE, strong, section.title)
            if isinstance(block, ListBlock):
                yield from _announced_sublists(block, section.title)
            previous = block


def _announced_sublists(block: ListBlock, title: str) -> Iterator[ListSource]:
    """Nested lists whose item is only a label announcing units (``- Core Modules:``)."""
    for item in block.items:
        for label_block, nested in zip(item.blocks, item.blocks[1:], strict=False):
            if isinstance(nested, ListBlock) and isinstance(label_block, Paragraph):
                label = read_label(label_block.text.rsplit("\n", 1)[-1])
                if label is not None and not label.value and names_units(label.label):
                    strong = any(
                        word in label.key for word in ("module", "context", "bounded", "módulo")
                    )
                    yield ListSource(nested, EVIDENCE, strong, label.label)
        for nested in item.blocks:
            if isinstance(nested, ListBlock):
                yield from _announced_sublists(nested, title)


def _outside(root: Section, excluded: set[int]) -> Iterator[Section]:
    """Yield sections that are not module sections nor inside one."""
    stack = [root]
    while stack:
        section = stack.pop()
        if id(section) in excluded:
            continue
        yield section
        stack.extend(reversed(section.children))


def read_list(
    source: ListSource, path: str
) -> tuple[list[Candidate], list[Diagnostic], list[SkippedCandidate]]:
    """A candidate per item that starts with a name; the others reported if any item named one."""
    block = source.block
    candidates: list[Candidate] = []
    skipped: list[Diagnostic] = []
    skipped_candidates: list[SkippedCandidate] = []
    origin = f"the list under {source.title!r} (line {block.line})"
    for number, item in enumerate(block.items, start=1):
        first = item.blocks[0] if item.blocks else None
        if not isinstance(first, Paragraph):
            continue
        parsed = item_name(first.text)
        parts = read_name(parsed.name)
        name = parts.name
        where = f"list under {source.title!r}, item {number}"
        reason = ""
        if is_generic(name) or is_attribute_word(name) or not looks_like_name(name):
            reason = "not a module name"
        elif is_file(name):
            reason = "a file, not a module"
        elif not parsed.marked and not _plain_name(name):
            reason = "a phrase, not a module name"
        elif not source.strong and is_infrastructure(name):
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
            skipped_candidates.append(
                SkippedCandidate(
                    name=plain(parsed.name)[:60], line=item.line, construct=where, reason=reason
                )
            )
            continue
        candidates.append(
            Candidate(
                name=name,
                aliases=parts.aliases,
                line=item.line,
                tier=source.tier,
                group=f"list:{block.line}",
                source=origin,
                where=where,
                fill=_ItemFiller(first, parsed.rest, item.blocks[1:], where),
            )
        )
    if not candidates:
        return [], [], []
    return candidates, skipped, skipped_candidates


def is_file(name: str) -> bool:
    """``install.sh``, ``/src/main.ts``: a file holds code, it is not a unit of the system."""
    return name.startswith("/") or _FILE.search(name) is not None


def _plain_name(name: str) -> bool:
    """A bare item is a name when it is an identifier or a short Title Case phrase.

    ``orders``, ``billing-api`` and ``Order Management`` name units; ``State management``
    is an activity.
    """
    found = name.split()
    if len(found) == 1:
        return True
    return len(found) <= _MAX_PLAIN_WORDS and all(
        word[:1].isupper() or not word[:1].isalpha() for word in found
    )


@dataclass(frozen=True, slots=True)
class _ItemFiller:
    """Reads a module's list item into its draft: the description, nested labels."""

    first: Paragraph
    rest: str
    more: tuple[Block, ...]
    where: str

    def __call__(self, draft: ModuleDraft) -> None:
        reader = AttributeReader(draft, self.where)
        draft.set_responsibility(plain(self.rest), self.first.line, self.where)
        reader.read_text(self.rest, self.first.line)
        lines = self.first.text.split("\n")
        if len(lines) > 1:
            reader.read_text("\n".join(lines[1:]), self.first.line + 1)
        reader.read_blocks(self.more)


def paragraph_candidates(
    blocks: list[Block], title: str, tier: int, strong: bool
) -> list[Candidate]:
    """Entries written as paragraphs under a heading that lists units.

    ``**Orders** — takes and tracks orders.`` is a list item written without the bullet;
    a paragraph that is only a bold name (``**1. Ingestion Service**``) stands for a heading,
    and the blocks after it, up to the next such entry, describe it. One bold paragraph is
    emphasis; two or more are entries.
    """
    entries: list[tuple[Paragraph, ItemName, NameParts, list[Block]]] = []
    for block in blocks:
        entry = _paragraph_entry(block, strong) if isinstance(block, Paragraph) else None
        if entry is not None and isinstance(block, Paragraph):
            entries.append((block, entry[0], entry[1], []))
        elif entries:
            entries[-1][3].append(block)
    if len(entries) < _MIN_PARAGRAPH_ENTRIES:
        return []
    candidates: list[Candidate] = []
    for paragraph, parsed, parts, more in entries:
        where = f"paragraph under {title!r}, line {paragraph.line}"
        candidates.append(
            Candidate(
                name=parts.name,
                aliases=parts.aliases,
                line=paragraph.line,
                tier=tier,
                group=f"paragraphs:{title}",
                source=f"the paragraphs under {title!r}",
                where=where,
                fill=_ItemFiller(paragraph, parsed.rest, tuple(more), where),
            )
        )
    return candidates


def _paragraph_entry(paragraph: Paragraph, strong: bool) -> tuple[ItemName, NameParts] | None:
    text = paragraph.text.strip()
    if not text.startswith(("**", "`", "__")):
        return None
    first = text.split("\n", 1)[0].strip()
    parsed = item_name(first)
    bold_only = not parsed.rest and first.endswith(("**", "__"))
    if not parsed.rest and not bold_only:
        return None
    if plain(parsed.name).rstrip().endswith((":", "：")):
        return None
    parts = read_name(parsed.name)
    if (
        is_attribute_word(parts.name)
        or is_generic(parts.name)
        or not looks_like_name(parts.name)
        or is_file(parts.name)
        or (not strong and is_infrastructure(parts.name))
    ):
        return None
    return parsed, parts
