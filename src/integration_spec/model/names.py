"""Name matching: case- and separator-insensitive, with did-you-mean suggestions.

Architectures write ``order-service``, specs write ``Order Service`` or ```orders```; a
reviewer sees the same module, so the tool must too.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import cache

_NOISE_SUFFIXES = ("module", "service", "context", "boundedcontext", "component")


@cache
def normalize_name(name: str) -> str:
    """Lower-case ``name`` and drop everything that is not a letter or digit."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@cache
def name_key(name: str) -> str:
    """A looser key that also ignores a trailing ``Module``/``Service``/``Context`` word."""
    key = normalize_name(name)
    for suffix in _NOISE_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def same_name(left: str, right: str) -> bool:
    """Whether two spellings name the same thing."""
    return name_key(left) == name_key(right) != ""


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Candidates that look like ``name``, best first (for "did you mean" hints)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(name_key(candidate), candidate)
    keys = difflib.get_close_matches(name_key(name), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in keys]


MISSPELLING_RATIO = 0.8
"""How alike two names must be to be one name misspelt: ``Paymnets``/``payments`` is 0.88,
``Restaurant tablet UI``/``Restaurant Service`` (one shared word, another thing) 0.69."""


def is_misspelling(name: str, candidate: str) -> bool:
    """Whether ``name`` reads as ``candidate`` with a few letters wrong, not another name.

    A hint may offer anything :func:`suggest` finds; calling a name a typo (an error)
    needs more than a shared word.
    """
    ratio = difflib.SequenceMatcher(None, name_key(name), name_key(candidate)).ratio()
    return ratio >= MISSPELLING_RATIO


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean`` hint, or ``None`` when nothing is close."""
    close = suggest(name.strip().strip("*_`"), [c.strip().strip("*_`") for c in candidates])
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{item}'" for item in close) + "?"


def split_names(text: str) -> tuple[str, ...]:
    """Split a list cell such as ``Cart, Email; Payments`` into names.

    Only commas and semicolons separate, and only outside brackets: names like ``Search &
    Discovery`` stay whole, and so does ``Tracking (page, shipper API)``, whose note lists
    what the one name covers.
    """
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        if ch in ",;" and not depth:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return tuple(part.strip() for part in parts if part.strip())


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
