"""The document as a tree of sections, so that "the blocks under this heading" is one lookup."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from integration_spec.architecture._text import heading_text
from integration_spec.markdown.blocks import Block, Heading


@dataclass(slots=True, eq=False)
class Section:
    """A heading, the blocks before its first sub-heading, and its sub-sections."""

    heading: Heading | None
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The heading's words without markup, numbering or emoji (empty for the root)."""
        return heading_text(self.heading.text) if self.heading else ""

    @property
    def line(self) -> int:
        """Line of the heading (1 for the root)."""
        return self.heading.line if self.heading else 1

    def walk(self) -> Iterator[Section]:
        """Yield this section and every section below it, in document order."""
        stack = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this section and of all sections below it, in document order."""
        for section in self.walk():
            yield from section.blocks


def build_outline(blocks: tuple[Block, ...]) -> Section:
    """Nest top-level blocks under their headings; a skipped level still nests."""
    root = Section(heading=None, level=0)
    path = [root]
    for block in blocks:
        if isinstance(block, Heading):
            while path[-1].level >= block.level:
                path.pop()
            section = Section(heading=block, level=block.level)
            path[-1].children.append(section)
            path.append(section)
        else:
            path[-1].blocks.append(block)
    return root


def document_title(root: Section) -> str:
    """Text of the first level-1 heading, or empty."""
    for section in root.walk():
        if section.heading is not None and section.level == 1:
            return section.title
    return ""
