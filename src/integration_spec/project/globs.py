"""Globs of the configuration (``specs``, ``exclude``, ``per-path-ignores``), checked and matched.

The patterns have :mod:`pathlib`'s meaning (``*`` and ``?`` within one name, ``**`` for
any number of folders), are relative to the project root and stay inside it. Matching
walks the pattern's names against the path's names once (a set of positions per name),
so its time grows with their product, never exponentially.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cache
from pathlib import PurePosixPath, PureWindowsPath

MAX_GLOB_LENGTH = 1024
_RECURSIVE = "**"


class GlobError(ValueError):
    """A pattern that cannot be used; the message says why."""


def check_glob(pattern: str) -> None:
    """Raise :class:`GlobError` unless ``pattern`` is a usable relative glob."""
    if not pattern.strip():
        raise GlobError("the pattern is empty")
    if len(pattern) > MAX_GLOB_LENGTH:
        raise GlobError(f"longer than {MAX_GLOB_LENGTH:,} characters")
    if any(ord(char) < 32 or ord(char) == 127 for char in pattern):
        raise GlobError("it contains a control character")
    if pattern.startswith(("/", "\\")) or PureWindowsPath(pattern).drive:
        raise GlobError("it is absolute; write it relative to the project root")
    for part in _parts(pattern):
        if part == "..":
            raise GlobError("'..' would leave the project root")
        if _RECURSIVE in part and part != _RECURSIVE:
            raise GlobError("'**' can only be a whole path component, as in 'a/**/b.md'")


@cache
def _parts(pattern: str) -> tuple[str, ...]:
    return tuple(part for part in PurePosixPath(pattern).parts if part != ".")


def matches_glob(pattern: str, relative: str) -> bool:
    """Whether the root-relative POSIX path ``relative`` matches ``pattern``.

    A pattern of one name (no ``/``) matches the file's name wherever it is, as in ruff.
    """
    parts = _parts(pattern)
    names = tuple(part for part in relative.split("/") if part)
    if len(parts) == 1 and names:
        return fnmatchcase(names[-1], parts[0])
    return _match(parts, names)


def excluded_by(patterns: tuple[str, ...], relative: str) -> str | None:
    """The first pattern that matches ``relative`` or one of its folders, if any.

    Excluding a folder excludes everything below it, and a pattern of one name (no
    ``/``) matches a file or folder of that name anywhere, as in ruff's ``exclude``.
    """
    names = tuple(part for part in relative.split("/") if part)
    for pattern in patterns:
        parts = _parts(pattern)
        if len(parts) == 1:
            if any(fnmatchcase(name, parts[0]) for name in names):
                return pattern
        elif _match(parts, names, any_prefix=True):
            return pattern
    return None


def _match(pattern: tuple[str, ...], names: tuple[str, ...], *, any_prefix: bool = False) -> bool:
    """Whether the names match the pattern (or, with ``any_prefix``, some leading names do)."""
    end = len(pattern)
    states = _closure(pattern, {0})
    for name in names:
        following: set[int] = set()
        for index in states:
            if index == end:
                continue
            part = pattern[index]
            if part == _RECURSIVE:
                following.add(index)
            elif fnmatchcase(name, part):
                following.add(index + 1)
        states = _closure(pattern, following)
        if any_prefix and end in states:
            return True
        if not states:
            return False
    return end in states


def _closure(pattern: tuple[str, ...], states: set[int]) -> set[int]:
    """Add the positions reachable by letting each ``**`` match no folder at all."""
    result = set(states)
    pending = list(states)
    while pending:
        index = pending.pop()
        if index < len(pattern) and pattern[index] == _RECURSIVE and index + 1 not in result:
            result.add(index + 1)
            pending.append(index + 1)
    return result
