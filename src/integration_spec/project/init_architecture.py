"""``integration-spec init architecture``: the way out when a document is not clear enough.

It reads the markdown architecture (never an ``architecture.yaml`` already beside it),
writes what it found as ``architecture.yaml`` beside the document, and from then on that
file is read instead of the document. It never overwrites without ``force`` and writes
atomically through the project's one safe write, inside the project root only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from integration_spec.architecture.input_schema import SCHEMA_ID
from integration_spec.architecture.markdown_reader import read_markdown_architecture
from integration_spec.architecture.registry import is_yaml
from integration_spec.architecture.yaml_writer import render_architecture_yaml
from integration_spec.model.architecture import ARCHITECTURE_YAML, Architecture
from integration_spec.project import Project
from integration_spec.source import read_text


class ArchitectureInitError(Exception):
    """The file cannot be written as asked (it is the document, or lies outside the project)."""


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``init architecture`` wrote, and the reading it wrote it from."""

    path: Path
    architecture: Architecture
    written: bool
    """False for a dry run (``text`` is what would be written)."""
    text: str


def init_architecture(
    project: Project,
    document: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | None = None,
    force: bool = False,
    write: bool = True,
) -> InitResult:
    """Write ``architecture.yaml`` from the markdown ``document``; see the module docstring.

    Raises :class:`~integration_spec.source.InputError` when the document cannot be read or
    the output exists (without ``force``), and :class:`ArchitectureInitError` when the
    output is the document itself or lies outside the project root.
    """
    source = project.absolute(document)
    if is_yaml(str(source)):
        raise ArchitectureInitError(
            f"{project.shown(source)} is already an architecture.yaml; edit it, "
            "or give the markdown document"
        )
    text = read_text(source)
    architecture = read_markdown_architecture(text, project.shown(source))
    target = project.absolute(output) if output is not None else source.parent / ARCHITECTURE_YAML
    shown = project.shown(target)
    if target.resolve() == source.resolve():
        raise ArchitectureInitError(f"{shown} is the architecture document itself")
    if not project.contains(target):
        raise ArchitectureInitError(
            f"{shown} lies outside the project root {project.root.as_posix()}; "
            "give an output inside it"
        )
    rendered = render_architecture_yaml(architecture, project.shown(source), SCHEMA_ID)
    if write:
        project.write_output(target, rendered, force=force)
    return InitResult(target, architecture, write, rendered)
