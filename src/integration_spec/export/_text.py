"""Turning the author's inline markdown into names, identifiers and plain sentences."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from integration_spec.facts.text import plain
from integration_spec.model.names import name_key


def one_line(text: str | None) -> str:
    """The author's inline markdown as plain words on one line (for titles and descriptions)."""
    return " ".join(plain(text or "").split())


def key(text: str) -> str:
    """A key in ``[A-Za-z0-9._-]`` (what AsyncAPI and OpenAPI component names allow)."""
    folded = unicodedata.normalize("NFKD", one_line(text)).encode("ascii", "ignore").decode("ascii")
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
