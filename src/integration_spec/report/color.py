"""Whether output may be coloured: ``--color``, then ``NO_COLOR``, ``FORCE_COLOR``, ``TERM``.

The order is the conventions' (no-color.org, force-color.org): an explicit ``--color
always|never`` wins; otherwise ``NO_COLOR`` set to anything disables colour, ``FORCE_COLOR``
set to anything enables it even in a pipe, ``TERM=dumb`` disables it, and a terminal
decides the rest. One function decides, for every command.
"""

from __future__ import annotations

from collections.abc import Mapping

COLOR_MODES = ("auto", "always", "never")


def use_color(mode: str, *, isatty: bool, environ: Mapping[str, str]) -> bool:
    """Whether to colour output for a stream that ``isatty`` (or not)."""
    if mode not in COLOR_MODES:
        raise ValueError(f"unknown colour mode {mode!r}; choose from {COLOR_MODES}")
    if mode != "auto":
        return mode == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return isatty
