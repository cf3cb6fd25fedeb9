"""The analysis use cases: what ``analyze`` and ``triage`` call, and programs too.

Functions taking models (:func:`analyze`, :func:`triage_spec`, :func:`triage_modules`) do
no I/O; the ``*_file``/``*_diff`` helpers read files or run git and raise
:class:`~integration_spec.source.InputError` (exit code 2) when they cannot.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from integration_spec.analysis.changes import changed_files, map_changes
from integration_spec.analysis.codes import input_error
from integration_spec.analysis.faults import simulate_faults
from integration_spec.analysis.flow_graph import analyse_flow
from integration_spec.architecture.registry import read_architecture
from integration_spec.facts import spec_facts
from integration_spec.facts import triage as _triage
from integration_spec.facts.drawings import draw
from integration_spec.facts.modules import usable
from integration_spec.facts.sections import reads_as_spec
from integration_spec.facts.text import plain
from integration_spec.facts.triage import NO_FLAGS, Flags
from integration_spec.model.analysis import (
    AnalysisFinding,
    AnalysisReport,
    FlowGraphSummary,
    TriageResult,
)
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE, Architecture
from integration_spec.model.names import did_you_mean
from integration_spec.model.spec import IntegrationSpec, SectionKey
from integration_spec.project.architecture import features_root as project_root
from integration_spec.project.architecture import reference_target
from integration_spec.source import read_text
from integration_spec.spec.parse import parse_spec_text

__all__ = [
    "Flags",
    "analyze",
    "find_architecture",
    "read_architecture_file",
    "read_spec",
    "triage_diff",
    "triage_modules",
    "triage_spec",
]


def analyze(spec: IntegrationSpec, architecture: Architecture | None = None) -> AnalysisReport:
    """Flow graph, saga plan, fault simulation, boundaries and diagrams of one spec.

    Everything comes from one reading of the spec (:func:`integration_spec.facts.spec_facts`),
    the same one ``check`` reports from.
    """
    facts = spec_facts(spec, architecture)
    known = facts.architecture
    return AnalysisReport(
        path=spec.path,
        title=plain(spec.title),
        architecture=(known.path or None) if known is not None else None,
        graph=_without_steps_said(spec, analyse_flow(spec)),
        saga=facts.saga,
        faults=simulate_faults(facts),
        boundaries=facts.boundaries,
        boundaries_checked=known is not None,
        diagrams=draw(spec, facts.saga),
    )


def _without_steps_said(spec: IntegrationSpec, graph: FlowGraphSummary) -> FlowGraphSummary:
    """The flow graph, saying so when the spec has no numbered steps to plan a saga from.

    Specs drift from the template: the flow is a diagram or prose, the steps are missing.
    The calls, events, shared state and boundaries are still worth analysing; the empty
    saga plan must not pass for a plan that found nothing wrong.
    """
    if spec.flow_steps:
        return graph
    location = spec.section(SectionKey.FLOW_STEPS) or spec.section(SectionKey.DATA_FLOW)
    missing = AnalysisFinding(
        kind="no-flow-steps",
        message="the spec has no numbered flow steps, so there is no saga plan and no fault "
        "simulation; calls, events, shared state and boundaries were analysed",
        line=location.line if location is not None else spec.title_line,
        hint="add '### Flow Steps' with numbered steps: '1. **Step** (Module)'",
        related_rule="DF001",
    )
    return replace(graph, findings=(*graph.findings, missing))


def read_spec(path: str | os.PathLike[str], *, need_spec: bool = False) -> IntegrationSpec:
    """Parse the spec at ``path``; with ``need_spec``, a document that is no spec is an error.

    A document neither titled as a spec nor with any of the sections that make one
    (check's ``ST014``) is ``AN004``: there is nothing to analyse; so is a spec that has
    its title and nothing else yet. A spec that lacks only its flow
    steps is analysed as far as it goes.
    """
    shown = str(path)
    spec = parse_spec_text(read_text(path), shown)
    if need_spec:
        require_analysable(spec, shown)
    return spec


def require_analysable(spec: IntegrationSpec, shown: str) -> None:
    """Raise ``AN004`` unless ``spec`` has something to analyse.

    A document neither titled as a spec nor with a core section is another kind of
    document (check's ``ST014``); a spec with its title and nothing else is not written yet.
    """
    if not reads_as_spec(spec):
        raise input_error(
            "AN004",
            shown,
            "this does not read as an integration spec (its title is not '# Integration: "
            "<Title>' and it has none of Modules Involved, Data Flow, Failure Modes), so "
            "there is nothing to analyse",
            spec.title_line,
        )
    if not spec.sections:
        raise input_error(
            "AN004",
            shown,
            "this spec has a title but no section of the format yet, so there is nothing "
            "to analyse",
            spec.title_line,
        )


def find_architecture(
    spec_path: str | os.PathLike[str] | None,
    spec: IntegrationSpec | None = None,
    start: str | os.PathLike[str] = ".",
) -> Path | None:
    """The architecture document for a spec, if one exists.

    The spec's ``**Architecture:**`` reference, else the default path, both under the
    project root (the folder holding ``features/``; ``start`` when there is none).
    """
    root = project_root(Path(spec_path).resolve()) if spec_path is not None else None
    root = root or Path(start)
    candidates = []
    if spec is not None and spec.architecture:
        target = reference_target(spec.architecture)
        if target is not None:
            candidates.append(root / target)
    candidates.append(root / DEFAULT_ARCHITECTURE)
    found = next((path for path in candidates if path.is_file()), None)
    return _shown(found) if found is not None else None


def _shown(path: Path) -> Path:
    """``path`` relative to the working directory when it lies inside it (as ``check`` shows)."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path
    return path if relative.parts[:1] == ("..",) else relative


def read_architecture_file(path: str | os.PathLike[str]) -> Architecture:
    """Read an architecture document (markdown, or YAML by its suffix)."""
    return read_architecture(read_text(path), str(path))


def triage_spec(
    spec: IntegrationSpec, architecture: Architecture | None = None, flags: Flags = NO_FLAGS
) -> TriageResult:
    """Every indicator read from the spec; stated ``flags`` win."""
    return _triage.triage_spec(spec, architecture, flags)


def triage_modules(
    modules: Sequence[str],
    flags: Flags = NO_FLAGS,
    architecture: Architecture | None = None,
) -> TriageResult:
    """Decide from module names and stated indicators; unknown names are an input error."""
    known = usable(architecture)
    if known is not None:
        for name in modules:
            if known.find(name) is None:
                hint = did_you_mean(name, known.module_names)
                raise input_error(
                    "AN005",
                    known.path,
                    f"module '{name}' is not in the architecture" + (f"; {hint}" if hint else ""),
                )
        modules = [module.name for name in modules if (module := known.find(name)) is not None]
    return _triage.triage_modules(modules, flags, known)


def triage_diff(
    revision: str,
    repository: str | os.PathLike[str] = ".",
    architecture: Architecture | None = None,
    flags: Flags = NO_FLAGS,
) -> TriageResult:
    """Decide from the files changed since ``revision`` in the git repository."""
    root, files = changed_files(revision, Path(repository))
    known = usable(architecture)
    changes = map_changes(root, revision, files, known)
    notes = [
        f"{len(files)} file(s) changed since {revision}; "
        f"{len(changes.unmapped)} belong to no module"
    ]
    if known is None:
        notes.append("no architecture: modules were found by directory layout only")
    extra: dict[str, tuple[bool | None, str]] = {}
    if changes.shared_interfaces:
        extra[_triage.SHARED_INTERFACES] = (True, "diff")
        notes.append("shared contracts changed: " + ", ".join(changes.shared_interfaces[:5]))
    return _triage.triage_modules(
        changes.modules,
        flags,
        known,
        source="diff",
        notes=notes,
        extra_values=extra,
        unmapped_files=changes.unmapped,
        files_by_module=changes.by_module,
    )
