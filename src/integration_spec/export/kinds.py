"""The names of the export kinds, importable without loading any exporter."""

from __future__ import annotations

KINDS = ("asyncapi", "openapi", "flagd", "pytest", "mermaid", "json")
"""Every kind ``export --to`` accepts, in the order the help lists them."""

DIRECTORY_KINDS = frozenset({"pytest"})
"""Kinds that produce a folder of files rather than one document."""
