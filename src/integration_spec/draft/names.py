"""Spec names from the command line: kebab-case, one path segment, bounded length.

The name becomes ``features/integrations/<name>.md``; a name that could escape that folder
(``../x``, ``a/b``, ``x.md``) or that the checker would reject (ST009) is refused before
anything is read or written.
"""

from __future__ import annotations

import re

from integration_spec.draft.errors import DraftError

MAX_NAME_LENGTH = 64
"""Long enough for any feature name, short enough for every file system and a tab title."""

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def suggested_name(text: str) -> str:
    """A kebab-case spelling of ``text`` (``Guest_Checkout`` -> ``guest-checkout``)."""
    spaced = _CAMEL.sub("-", text)
    parts = re.split(r"[^A-Za-z0-9]+", spaced)
    return "-".join(part.lower() for part in parts if part)[:MAX_NAME_LENGTH].strip("-")


def validate_name(name: str) -> str:
    """Return ``name`` when it is a usable spec name, else raise :class:`DraftError`."""
    if not name:
        raise DraftError("the spec name is empty", "give a kebab-case name such as guest-checkout")
    if "/" in name or "\\" in name:
        raise DraftError(
            f"spec name '{name}' contains a path separator",
            "give only the name; the spec is always written to features/integrations/<name>.md",
        )
    if "." in name:
        raise DraftError(
            f"spec name '{name}' contains a dot",
            "leave out '.md' and dots; the file name is <name>.md",
        )
    if len(name) > MAX_NAME_LENGTH:
        raise DraftError(
            f"spec name is {len(name)} characters long, over the limit of {MAX_NAME_LENGTH}",
            "choose a shorter name",
        )
    if not _KEBAB.match(name):
        suggestion = suggested_name(name)
        raise DraftError(
            f"spec name '{name}' is not kebab-case",
            f"use lower-case words joined by '-', e.g. '{suggestion}'"
            if suggestion
            else "use lower-case words joined by '-'",
        )
    return name


def title_from_name(name: str) -> str:
    """``guest-checkout`` -> ``Guest Checkout``, the spec's title."""
    return " ".join(part[:1].upper() + part[1:] for part in name.split("-") if part)
