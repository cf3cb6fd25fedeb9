"""One file's text, its lines and its block structure, parsed once and shared.

``check`` reads a document in several places: the spec parser, the suppression comments,
the fixes and the rules. Each used to parse the text again; a :class:`Document` is made
once per file and handed to all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from integration_spec.markdown.blocks import Block, ListBlock, Quote, normalize_newlines


@dataclass(frozen=True, eq=False)
class Document:
    """A markdown document: newline-normalised text, its lines, its top-level blocks."""

    text: str
    lines: tuple[str, ...]
    blocks: tuple[Block, ...]

    @cached_property
    def flat_blocks(self) -> tuple[Block, ...]:
        """Every block in reading order, the insides of quotes and list items included."""
        flat: list[Block] = []
        _flatten(self.blocks, flat)
        return tuple(flat)


def parse_document(text: str) -> Document:
    """Parse ``text`` (any newlines) into a :class:`Document`."""
    from integration_spec.markdown._native import parse

    text = normalize_newlines(text)
    return Document(text=text, lines=tuple(text.split("\n")), blocks=parse(text))


def _flatten(blocks: tuple[Block, ...], into: list[Block]) -> None:
    for block in blocks:
        into.append(block)
        if isinstance(block, Quote):
            _flatten(block.blocks, into)
        elif isinstance(block, ListBlock):
            for item in block.items:
                _flatten(item.blocks, into)
