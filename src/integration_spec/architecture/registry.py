"""Choose the architecture reader by file name."""

from __future__ import annotations

from pathlib import PurePath

from integration_spec.markdown.blocks import normalize_newlines
from integration_spec.model.architecture import Architecture

_YAML_SUFFIXES = (".yaml", ".yml")


def read_architecture(text: str, path: str) -> Architecture:
    """Read an architecture: YAML for ``.yaml``/``.yml``, markdown otherwise."""
    text = normalize_newlines(text)
    if PurePath(path).suffix.lower() in _YAML_SUFFIXES:
        from integration_spec.architecture.yaml_reader import read_yaml_architecture

        return read_yaml_architecture(text, path)
    from integration_spec.architecture.markdown_reader import read_markdown_architecture

    return read_markdown_architecture(text, path)
