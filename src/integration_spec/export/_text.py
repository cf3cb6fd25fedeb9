"""Turning the author's inline markdown into names, identifiers and plain sentences."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from integration_spec.model.names import name_key

_MARKUP = "*_`"
_PLACEHOLDERS = {"", "-", "–", "—", "n/a", "na", "none", "tbd", "todo", "?", "..."}


def plain(text: str | None) -> str:
    """Inline markdown reduced to its words: emphasis, code ticks and link brackets dropped."""
    value = (text or "").strip()
    if value.startswith("[") and "](" in value and value.endswith(")"):
        value = value[1 : value.index("](")]
    for mark in _MARKUP:
        value = value.replace(mark, "")
    return " ".join(value.split())


def module_label(text: str) -> str:
    """A module cell as a name: markup and a trailing ``(note)`` dropped."""
    value = plain(text)
    if value.endswith(")") and " (" in value:
        value = value[: value.rindex(" (")]
    return value.strip()


def is_named(text: str | None) -> bool:
    """Whether a cell names something: not empty, not a placeholder, no ``TODO``."""
    value = plain(text)
    return value.casefold() not in _PLACEHOLDERS and "TODO" not in value and bool(name_key(value))


def ascii_words(text: str) -> list[str]:
    """The words of ``text`` in lower-case ASCII (accents dropped), split at non-alphanumerics."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words: list[str] = []
    current: list[str] = []
    for char in folded:
        if char.isalnum():
            current.append(char.lower())
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def camel_words(name: str) -> list[str]:
    """``StartGuestSession`` → ``[start, guest, session]``; ``getURLFor`` → ``[get, url, for]``."""
    words: list[str] = []
    current = ""
    for index, char in enumerate(name):
        if not char.isalnum():
            if current:
                words.append(current)
            current = ""
            continue
        following = name[index + 1] if index + 1 < len(name) else ""
        starts_word = (
            char.isupper() and current and (not current[-1].isupper() or following.islower())
        )
        if starts_word or (char.isdigit() != (current[-1:].isdigit()) and current):
            words.append(current)
            current = ""
        current += char
    if current:
        words.append(current)
    return [word.lower() for word in words]


def key(text: str) -> str:
    """A key in ``[A-Za-z0-9._-]`` (what AsyncAPI and OpenAPI component names allow)."""
    folded = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode("ascii")
    out: list[str] = []
    for char in folded:
        if char.isalnum() or char in "._-":
            out.append(char)
        elif out and out[-1] != "_":
            out.append("_")
    return "".join(out).strip("_") or "unnamed"


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted_2``, ``wanted_3``... whichever is free; the result is taken."""
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}_{suffix}", suffix + 1
    taken.add(candidate)
    return candidate


def first_seen(values: Iterable[str]) -> list[str]:
    """``values`` without repeats (by name key), in the order they first appear."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(name_key(value), value)
    return list(seen.values())


def source(path: str, line: int | None) -> str:
    """``path:line`` of a row, as editors open it."""
    return f"{path}:{line}" if line is not None else path
