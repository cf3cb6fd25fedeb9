"""Which architecture document a spec is read against: configuration, its header, the default.

The order is the same for every command (``check``, ``analyze``, ``triage``, ``new``):
an explicit choice (``--architecture``, or ``architecture`` in the configuration) wins;
else the spec's own ``**Architecture:**`` reference when it names a file; else
``docs/architecture/SYSTEM-ARCHITECTURE.md`` under the project root. Looking never raises:
a reference too long for the file system, or in a folder that cannot be read, simply names
no file here (``ST011`` reports it to the author).
"""

from __future__ import annotations

import os
from pathlib import Path

from integration_spec.spec.parse import parse_spec_text

MAX_REFERENCE_LENGTH = 1024
"""Longer than any path a header names; longer values are not looked up."""


def reference_target(value: str) -> str | None:
    """The path an ``**Architecture:**`` value names (``None`` for URLs and empty values).

    Accepts a bare path, a path in backticks or angle brackets, and a markdown link
    ``[text](path "title")``; drops a ``#fragment`` or ``?query``.
    """
    text = value.strip().replace("**", "").strip("`").strip()
    if text.startswith("[") and text.endswith(")") and "](" in text:
        text = text[text.index("](") + 2 : -1].strip()
        if text.endswith('"') and ' "' in text:
            text = text[: text.index(' "')].strip()
    text = text.strip("<>").strip("`").strip()
    text = text.split("#", 1)[0].split("?", 1)[0].strip()
    if not text or "://" in text or text.startswith(("//", "mailto:")):
        return None
    if len(text) > MAX_REFERENCE_LENGTH or any(ord(char) < 32 for char in text):
        return None
    return text


def referenced_architecture(root: Path, spec_path: Path | None, value: str) -> Path | None:
    """The file a spec's ``**Architecture:**`` value names, if it exists.

    Tried relative to the project root, then to the spec's folder (``../../docs/...``); a
    leading ``/`` means the project root first, then the file system's.
    """
    target = reference_target(value)
    if target is None:
        return None
    candidates = [root / target.lstrip("/")]
    if target.startswith("/"):
        candidates.append(Path(target))
    elif spec_path is not None:
        candidates.append(Path(os.path.normpath(spec_path.absolute())).parent / target)
    return next((candidate for candidate in candidates if is_file(candidate)), None)


def features_root(spec_path: Path) -> Path | None:
    """The folder holding ``features/`` above a spec, if there is one."""
    return next((parent.parent for parent in spec_path.parents if parent.name == "features"), None)


def is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file; any error (too long, unreadable folder) is no."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def header_reference(text: str) -> str | None:
    """The ``**Architecture:**`` value of a spec, read from its header alone.

    The header is everything before the first ``##`` section, so only that part is parsed.
    """
    end = len(text)
    position = text.find("\n## ")
    if text.startswith("## "):
        end = 0
    elif position >= 0:
        end = position + 1
    return parse_spec_text(text[:end]).architecture if end else None
