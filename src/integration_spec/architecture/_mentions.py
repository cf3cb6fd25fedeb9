"""Finding module names in a line of prose, in time linear in the line, whatever the module count.

Each spelling of a module (its name, its aliases, the name without a trailing ``Service``)
is indexed by its word sequence; a line is split into words once and every run of up to
the longest name's word count is looked up. Names written in a script without spaces
(Chinese, Japanese) cannot be split into words and are searched as substrings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from integration_spec.architecture import _vocabulary as vocab
from integration_spec.architecture._text import words_of
from integration_spec.model.names import normalize_name

_CJK_START = 0x2E80
_MIN_SUBSTRING = 2


@dataclass(slots=True)
class MentionIndex:
    """Module spellings by word sequence; ``find`` returns the modules a text mentions."""

    by_words: dict[tuple[str, ...], str] = field(default_factory=dict)
    substrings: dict[str, str] = field(default_factory=dict)
    longest: int = 1

    def add(self, module: str, spelling: str) -> None:
        """Index one spelling of ``module``; the first module to claim a spelling keeps it."""
        if any(ord(char) >= _CJK_START for char in spelling):
            squashed = normalize_name(spelling)
            if len(squashed) >= _MIN_SUBSTRING:
                self.substrings.setdefault(squashed, module)
        words = tuple(words_of(spelling))
        if not words:
            return
        self._claim(words, module)
        if len(words) > 1 and words[-1] in vocab.MODULE_NOUNS:
            self._claim(words[:-1], module)

    def _claim(self, words: tuple[str, ...], module: str) -> None:
        self.by_words.setdefault(words, module)
        self.longest = max(self.longest, len(words))

    def find(self, text: str) -> list[str]:
        """Modules ``text`` mentions, in the order of their first mention, longest match first."""
        found: list[str] = []
        words = words_of(text)
        index = 0
        while index < len(words):
            width = min(self.longest, len(words) - index)
            for size in range(width, 0, -1):
                module = self.by_words.get(tuple(words[index : index + size]))
                if module is not None:
                    if module not in found:
                        found.append(module)
                    index += size
                    break
            else:
                index += 1
        if self.substrings:
            squashed = normalize_name(text)
            for spelling, module in self.substrings.items():
                if spelling in squashed and module not in found:
                    found.append(module)
        return found


def build_index(spellings: Iterable[tuple[str, Iterable[str]]]) -> MentionIndex:
    """An index of every module's spellings: ``[(name, [name, alias, ...]), ...]``."""
    index = MentionIndex()
    for module, names in spellings:
        for spelling in names:
            index.add(module, spelling)
    return index
