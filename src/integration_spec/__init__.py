"""integration-spec: draft, check and analyse integration specifications.

The public API is re-exported here lazily, so that ``import integration_spec`` stays cheap
for the command line's start-up (see docs/decisions/0002-stdlib-dataclass-models.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from integration_spec._version import __version__

__all__ = [
    "Architecture",
    "ArchitectureInitError",
    "Candidate",
    "CheckRequest",
    "CheckResult",
    "Diagnostic",
    "DraftError",
    "DraftResult",
    "Export",
    "ExportOptions",
    "Flags",
    "InputError",
    "IntegrationSpec",
    "Module",
    "ModulesNotPinnedError",
    "Project",
    "Severity",
    "__version__",
    "analyze",
    "draft_spec",
    "explain_code",
    "export_specs",
    "grounding_context",
    "init_architecture",
    "json_schema",
    "load_architecture",
    "load_architecture_text",
    "load_project",
    "parse_spec",
    "parse_spec_text",
    "render_spec",
    "run_check",
    "triage_diff",
    "triage_modules",
    "triage_spec",
]

if TYPE_CHECKING:
    from integration_spec._api import (
        ArchitectureInitError,
        CheckRequest,
        CheckResult,
        DraftError,
        DraftResult,
        Export,
        ExportOptions,
        Flags,
        Project,
        analyze,
        draft_spec,
        explain_code,
        export_specs,
        grounding_context,
        init_architecture,
        json_schema,
        load_architecture,
        load_architecture_text,
        load_project,
        parse_spec,
        parse_spec_text,
        render_spec,
        run_check,
        triage_diff,
        triage_modules,
        triage_spec,
    )
    from integration_spec.model.architecture import Architecture, Module
    from integration_spec.model.diagnostics import Diagnostic, Severity
    from integration_spec.model.spec import IntegrationSpec
    from integration_spec.source import InputError

_LAZY = {
    "draft_spec": "integration_spec._api",
    "DraftResult": "integration_spec._api",
    "DraftError": "integration_spec._api",
    "triage_spec": "integration_spec._api",
    "triage_modules": "integration_spec._api",
    "triage_diff": "integration_spec._api",
    "analyze": "integration_spec._api",
    "Flags": "integration_spec._api",
    "CheckRequest": "integration_spec._api",
    "CheckResult": "integration_spec._api",
    "run_check": "integration_spec._api",
    "json_schema": "integration_spec._api",
    "init_architecture": "integration_spec._api",
    "ArchitectureInitError": "integration_spec._api",
    "load_architecture": "integration_spec._api",
    "load_architecture_text": "integration_spec._api",
    "parse_spec": "integration_spec._api",
    "parse_spec_text": "integration_spec._api",
    "render_spec": "integration_spec._api",
    "Architecture": "integration_spec.model.architecture",
    "Module": "integration_spec.model.architecture",
    "Diagnostic": "integration_spec.model.diagnostics",
    "Severity": "integration_spec.model.diagnostics",
    "IntegrationSpec": "integration_spec.model.spec",
    "InputError": "integration_spec.source",
    "Project": "integration_spec.project",
    "load_project": "integration_spec._api",
    "explain_code": "integration_spec._api",
    "export_specs": "integration_spec._api",
    "Export": "integration_spec._api",
    "ExportOptions": "integration_spec._api",
    "grounding_context": "integration_spec._api",
    "Candidate": "integration_spec._api",
    "ModulesNotPinnedError": "integration_spec._api",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'integration_spec' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
