"""The public API: what the CLI, the tests and other programs call.

The use cases behind ``check``, ``analyze`` and ``triage`` are imported on first use
(PEP 562), so a command pays only for the code it runs: ``check`` never loads the
analysis, ``triage`` never loads the rules.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from integration_spec.architecture.registry import read_architecture
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE, Architecture
from integration_spec.model.spec import IntegrationSpec
from integration_spec.source import read_text
from integration_spec.spec.parse import parse_spec_text
from integration_spec.spec.render import render_spec

__all__ = [
    "DIRECTORY_KINDS",
    "KINDS",
    "ArchitectureInitError",
    "Candidate",
    "CheckRequest",
    "CheckResult",
    "Decision",
    "DraftError",
    "DraftResult",
    "Export",
    "ExportOptions",
    "Flags",
    "InstallAction",
    "InstallError",
    "ModulesNotPinnedError",
    "Pending",
    "Project",
    "analyze",
    "apply_install",
    "draft_spec",
    "explain_code",
    "export_error",
    "export_specs",
    "find_project",
    "grounding_context",
    "init_architecture",
    "json_schema",
    "load_architecture",
    "load_architecture_text",
    "load_project",
    "parse_spec",
    "parse_spec_data",
    "parse_spec_text",
    "plan_install",
    "read_analysis_spec",
    "reads_as_spec",
    "render_analysis",
    "render_context",
    "render_spec",
    "render_triage",
    "rule_catalogue",
    "rules_page",
    "run_check",
    "spec_jsonable",
    "split_module_list",
    "triage_diff",
    "triage_modules",
    "triage_spec",
    "write_export",
    "write_output",
]


if TYPE_CHECKING:
    from integration_spec.agents.install import (
        InstallAction,
        InstallError,
        apply_install,
        plan_install,
    )
    from integration_spec.analysis.api import (
        Flags,
        triage_diff,
        triage_modules,
        triage_spec,
    )
    from integration_spec.analysis.render import render_analysis, render_triage
    from integration_spec.check.codes import explain_code, rule_catalogue, rules_page
    from integration_spec.check.run import CheckRequest, CheckResult, run_check
    from integration_spec.draft.api import DraftResult
    from integration_spec.draft.context import Candidate, GroundingContext
    from integration_spec.draft.context_markdown import render_context
    from integration_spec.draft.errors import DraftError, ModulesNotPinnedError
    from integration_spec.export.api import export_specs
    from integration_spec.export.codes import export_error
    from integration_spec.export.files import write_export
    from integration_spec.export.kinds import DIRECTORY_KINDS, KINDS
    from integration_spec.export.model import Export, ExportOptions, Pending
    from integration_spec.facts.triage import split_module_list
    from integration_spec.model.analysis import AnalysisFinding, AnalysisReport, Decision
    from integration_spec.project import Project
    from integration_spec.project.config import Config
    from integration_spec.project.init_architecture import ArchitectureInitError, init_architecture

_LAZY = {
    "Flags": "integration_spec.analysis.api",
    "triage_diff": "integration_spec.analysis.api",
    "triage_modules": "integration_spec.analysis.api",
    "triage_spec": "integration_spec.analysis.api",
    "CheckRequest": "integration_spec.check.run",
    "CheckResult": "integration_spec.check.run",
    "run_check": "integration_spec.check.run",
    "explain_code": "integration_spec.check.codes",
    "DraftResult": "integration_spec.draft.api",
    "DraftError": "integration_spec.draft.errors",
    "render_analysis": "integration_spec.analysis.render",
    "render_triage": "integration_spec.analysis.render",
    "Decision": "integration_spec.model.analysis",
    "split_module_list": "integration_spec.facts.triage",
    "rule_catalogue": "integration_spec.check.codes",
    "rules_page": "integration_spec.check.codes",
    "Project": "integration_spec.project",
    "export_specs": "integration_spec.export.api",
    "Export": "integration_spec.export.model",
    "ExportOptions": "integration_spec.export.model",
    "Pending": "integration_spec.export.model",
    "export_error": "integration_spec.export.codes",
    "write_export": "integration_spec.export.files",
    "KINDS": "integration_spec.export.kinds",
    "DIRECTORY_KINDS": "integration_spec.export.kinds",
    "render_context": "integration_spec.draft.context_markdown",
    "ModulesNotPinnedError": "integration_spec.draft.errors",
    "Candidate": "integration_spec.draft.context",
    "plan_install": "integration_spec.agents.install",
    "apply_install": "integration_spec.agents.install",
    "InstallError": "integration_spec.agents.install",
    "InstallAction": "integration_spec.agents.install",
    "ArchitectureInitError": "integration_spec.project.init_architecture",
    "init_architecture": "integration_spec.project.init_architecture",
    "system_mermaid": "integration_spec.analysis.system",
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


def draft_spec(
    name: str,
    description: str | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    architecture: str | os.PathLike[str] | None = None,
    flow: Sequence[str] = (),
    modules: Sequence[str] = (),
    spec_type: str | None = None,
    priority: str | None = None,
    write: bool = False,
    force: bool = False,
) -> DraftResult:
    """Draft spec ``name`` in the project at ``root`` (default: the working directory's).

    See :func:`integration_spec.draft.api.draft_spec`; raises
    :class:`~integration_spec.draft.errors.DraftError` for input the user can fix.
    """
    from integration_spec.draft.api import draft_spec as draft

    return draft(
        load_project(root),
        name,
        description,
        architecture=architecture,
        flow=flow,
        modules=modules,
        spec_type=spec_type,
        priority=priority,
        write=write,
        force=force,
    )


def grounding_context(
    description: str | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    architecture: str | os.PathLike[str] | None = None,
    modules: Sequence[str] = (),
    name: str = "",
) -> GroundingContext:
    """The facts an agent designs a spec with: candidate modules, calls, phases, checks.

    The project is the one at ``root`` (default: the working directory's); the checklist
    names the rules that enforce each item, so the agent knows what ``check`` will ask.
    """
    from integration_spec.check.codes import checklist_codes
    from integration_spec.draft.api import grounding_context as context

    return context(
        load_project(root),
        description,
        architecture=architecture,
        modules=modules,
        name=name,
        checklist=checklist_codes(),
    )


def load_project(
    start: str | os.PathLike[str] | None = None, *, cwd: str | os.PathLike[str] | None = None
) -> Project:
    """The project a command pointed at ``start`` works in, its configuration validated.

    Root, configuration, architecture lookup, display paths and safe writes: see
    :mod:`integration_spec.project`. Raises :class:`~integration_spec.source.InputError`
    for an invalid configuration.
    """
    from integration_spec.check.codes import known_codes
    from integration_spec.project import load_project as load

    return load(start, known_codes, cwd=cwd)


def reads_as_spec(spec: IntegrationSpec) -> bool:
    """Whether a parsed document has any of the sections that make an integration spec."""
    from integration_spec.facts.sections import reads_as_spec as spec_like

    return spec_like(spec)


def analyze(
    spec: IntegrationSpec, architecture: Architecture | None = None, *, config: Config | None = None
) -> AnalysisReport:
    """Flow graph, saga plan, fault simulation, boundaries and diagrams of one spec.

    Every finding is graded with the level its rule has under ``config`` (the project's
    configuration; the rules' defaults when ``None``), the levels ``check`` reports with,
    so :meth:`~integration_spec.model.analysis.AnalysisReport.exit_code` gates CI the way
    ``check`` does. A finding whose rule the configuration turns off is kept as info.
    """
    from dataclasses import replace

    from integration_spec.analysis.api import analyze as analyse
    from integration_spec.check.engine import configured_severity
    from integration_spec.model.diagnostics import Severity

    def graded(findings: tuple[AnalysisFinding, ...]) -> tuple[AnalysisFinding, ...]:
        return tuple(
            replace(
                finding,
                severity=(configured_severity(finding.related_rule, config) or Severity.INFO)
                if finding.related_rule
                else Severity.WARNING,
            )
            for finding in findings
        )

    report = analyse(spec, architecture)
    return replace(
        report,
        graph=replace(report.graph, findings=graded(report.graph.findings)),
        saga=replace(report.saga, findings=graded(report.saga.findings)),
        boundaries=graded(report.boundaries),
    )


def read_analysis_spec(path: str | os.PathLike[str]) -> IntegrationSpec:
    """Read the spec at ``path`` for ``analyze``: a document that is no spec is ``AN004``."""
    from integration_spec.analysis.api import read_spec

    return read_spec(path, need_spec=True)


def parse_spec_data(data: bytes, path: str = "-") -> IntegrationSpec:
    """Parse a spec given as bytes (standard input); unusable bytes raise ``IO00x``."""
    from integration_spec.source import decode_text

    return parse_spec_text(decode_text(data, path), path)


def write_output(
    path: str | os.PathLike[str], text: str, *, force: bool = False, shown: str | None = None
) -> None:
    """Write a report or analysis to ``path`` the way every command does.

    Never replaces a file without ``force``, never writes through a symbolic link or into
    a FIFO, device or folder, atomically; raises :class:`~integration_spec.source.InputError`
    (``IO008``..``IO010``) naming the file.
    """
    from integration_spec.project import write_output as write

    write(path, text, force=force, shown=shown)


def spec_jsonable(spec: IntegrationSpec) -> object:
    """A spec as plain JSON data (shape: ``schema spec``; pydantic is imported here only)."""
    from integration_spec.schema import to_jsonable

    return to_jsonable("spec", spec)


def find_project(root: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
    """The project root and the architecture document every command would use there.

    The same lookup as :func:`load_project` (this is a convenience over it); when no
    document exists yet, the default path under the root.
    """
    project = load_project(root)
    return project.root, project.architecture_for() or project.root / DEFAULT_ARCHITECTURE


def system(start: str | os.PathLike[str] | None = None) -> Any:
    """The system view of every spec of the project at ``start`` (``integration-spec system``).

    Returns an :class:`~integration_spec.analysis.system.SystemView`.
    """
    from integration_spec.analysis.system import system_view
    from integration_spec.facts import spec_facts
    from integration_spec.facts.system import system_facts

    project = load_project(start)
    read = []
    architecture = None
    for path in project.spec_files(()).files:
        text = read_text(path)
        spec = parse_spec_text(text, project.shown(path))
        arch_path = project.architecture_for_text(path, text)
        spec_architecture = (
            read_architecture(read_text(arch_path), project.shown(arch_path))
            if arch_path is not None and arch_path.exists()
            else None
        )
        architecture = architecture or spec_architecture
        read.append((project.shown(path), spec_facts(spec, spec_architecture)))
    return system_view(system_facts(read, architecture))
