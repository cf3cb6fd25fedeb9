"""The public API: what the CLI, the tests and other programs call."""

from __future__ import annotations

import os
from typing import Literal

from integration_spec.analysis.api import (
    Flags,
    analyze,
    triage_diff,
    triage_modules,
    triage_spec,
)
from integration_spec.architecture.registry import read_architecture
from integration_spec.check.run import CheckRequest, CheckResult, run_check
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec
from integration_spec.source import read_text
from integration_spec.spec.parse import parse_spec_text
from integration_spec.spec.render import render_spec

__all__ = [
    "CheckRequest",
    "CheckResult",
    "Flags",
    "analyze",
    "json_schema",
    "load_architecture",
    "load_architecture_text",
    "parse_spec",
    "parse_spec_text",
    "render_spec",
    "run_check",
    "triage_diff",
    "triage_modules",
    "triage_spec",
]


def parse_spec(path: str | os.PathLike[str]) -> IntegrationSpec:
    """Read and parse the spec at ``path``.

    Raises :class:`~integration_spec.source.InputError` when the file cannot be read;
    problems inside the document are in ``spec.diagnostics``.
    """
    return parse_spec_text(read_text(path), str(path))


def load_architecture(path: str | os.PathLike[str]) -> Architecture:
    """Read the architecture at ``path`` (markdown, or YAML by its suffix)."""
    return read_architecture(read_text(path), str(path))


def load_architecture_text(text: str, path: str = "architecture.md") -> Architecture:
    """Read an architecture from text; ``path``'s suffix chooses the reader."""
    return read_architecture(text, path)


def json_schema(kind: Literal["spec", "architecture"]) -> dict[str, object]:
    """The JSON Schema of the spec or architecture model (pydantic is imported here only)."""
    from integration_spec.schema import model_schema

    return model_schema(kind)
