"""Where a spec's ``**Architecture:**`` line points, and the project a spec belongs to."""

from __future__ import annotations

import re
from pathlib import Path

_LINK = re.compile(r"^\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)$")


def reference_target(value: str) -> str | None:
    """The path an Architecture line points to (``None`` for URLs and empty values)."""
    text = value.strip().replace("**", "").strip("`").strip()
    link = _LINK.match(text)
    if link is not None:
        text = link.group(1)
    text = text.strip("<>").strip("`").strip()
    text = text.split("#", 1)[0].split("?", 1)[0].strip()
    if not text or "://" in text or text.startswith(("//", "mailto:")):
        return None
    return text


def project_root(spec_path: Path) -> Path | None:
    """The directory holding ``features/`` above the spec, if there is one."""
    return next((parent.parent for parent in spec_path.parents if parent.name == "features"), None)
