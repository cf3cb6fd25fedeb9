"""Small helpers several rule families share: names, placeholders, lookups."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from integration_spec.model.names import name_key, suggest
from integration_spec.model.spec import IntegrationSpec, ModuleInvolvement

_PLACEHOLDERS = {"", "-", "–", "—", "n/a", "na", "none", "tbd", "todo", "?", "..."}
_MARKUP = "*_`"


@cache
def plain(text: str) -> str:
    """Inline markdown reduced to its words: emphasis, code ticks and link brackets dropped."""
    text = text.strip()
    for mark in _MARKUP:
        text = text.replace(mark, "")
    if text.startswith("[") and "](" in text and text.endswith(")"):
        text = text[1 : text.index("](")]
    return text.strip()


def is_blank(text: str | None) -> bool:
    """Whether a value says nothing: missing, empty, a dash, ``TBD`` or a ``[placeholder]``."""
    if text is None:
        return True
    value = plain(text)
    if value.casefold() in _PLACEHOLDERS:
        return True
    return value.startswith("[") and value.endswith("]") and "](" not in value


def has_todo(text: str | None) -> bool:
    """Whether the text carries a ``TODO`` marker."""
    return text is not None and "TODO" in text


def involvement(spec: IntegrationSpec, name: str) -> ModuleInvolvement | None:
    """The Modules Involved row for ``name`` (any spelling), if there is one."""
    key = name_key(plain(name))
    for row in spec.modules:
        if name_key(plain(row.module)) == key:
            return row
    return None


def is_involved(spec: IntegrationSpec, name: str) -> bool:
    """Whether ``name`` is listed under Modules Involved."""
    return involvement(spec, name) is not None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean`` hint, or ``None`` when nothing is close."""
    close = suggest(plain(name), [plain(candidate) for candidate in candidates])
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{item}'" for item in close) + "?"


def same(left: str, right: str) -> bool:
    """Whether two written names (with markup, any case or separators) are the same."""
    return name_key(plain(left)) == name_key(plain(right)) != ""
