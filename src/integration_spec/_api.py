"""The public API: what the CLI, the tests and other programs call.

The use cases behind ``check``, ``analyze`` and ``triage`` are imported on first use
(PEP 562), so a command pays only for the code it runs: ``check`` never loads the
analysis, ``triage`` never loads the rules.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, Literal

from integration_spec.architecture.registry import read_architecture
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec
from integration_spec.source import read_text
from integration_spec.spec.parse import parse_spec_text
from integration_spec.spec.render import render_spec

__all__ = [
    "ArchitectureInitError",
    "CheckRequest",
    "CheckResult",
    "DraftError",
    "DraftResult",
    "Flags",
    "analyze",
    "draft_spec",
    "explain_code",
    "init_architecture",
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


if TYPE_CHECKING:
    from integration_spec.analysis.api import (
        Flags,
        analyze,
        triage_diff,
        triage_modules,
        triage_spec,
    )
    from integration_spec.architecture.init_yaml import ArchitectureInitError, init_architecture
    from integration_spec.check.codes import explain_code
    from integration_spec.check.run import CheckRequest, CheckResult, run_check
    from integration_spec.draft.api import DraftResult, draft_spec
    from integration_spec.draft.errors import DraftError

_LAZY = {
    "Flags": "integration_spec.analysis.api",
    "analyze": "integration_spec.analysis.api",
    "triage_diff": "integration_spec.analysis.api",
    "triage_modules": "integration_spec.analysis.api",
    "triage_spec": "integration_spec.analysis.api",
    "CheckRequest": "integration_spec.check.run",
    "CheckResult": "integration_spec.check.run",
    "run_check": "integration_spec.check.run",
    "explain_code": "integration_spec.check.codes",
    "DraftResult": "integration_spec.draft.api",
    "draft_spec": "integration_spec.draft.api",
    "DraftError": "integration_spec.draft.errors",
    "ArchitectureInitError": "integration_spec.architecture.init_yaml",
    "init_architecture": "integration_spec.architecture.init_yaml",
}


def __getattr__(name: str) -> Any:
    """Import a use case on first use."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'integration_spec._api' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)


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


def json_schema(kind: Literal["spec", "architecture", "modules"]) -> dict[str, object]:
    """A JSON Schema: of a parsed spec, of ``architecture.yaml``, or of a read architecture.

    ``architecture`` is the input a user writes; ``modules`` the shape of ``modules --format
    json`` (the architecture as read, with evidence). pydantic is imported here only.
    """
    if kind == "architecture":
        from integration_spec.architecture.input_schema import architecture_input_schema

        return architecture_input_schema()
    from integration_spec.schema import model_schema

    return model_schema("architecture" if kind == "modules" else kind)
