"""``integration-spec init architecture``: the way out when a document is not clear enough.

It reads the markdown architecture (never an ``architecture.yaml`` already beside it),
writes what it found as ``architecture.yaml`` beside the document, and from then on that
file is read instead of the document. It never overwrites without ``force``, writes
atomically, and writes nothing outside the project root.
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
from integration_spec.source import read_text, write_text_atomic


class ArchitectureInitError(Exception):
    """The file cannot be written as asked (it exists, or lies outside the project)."""


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``init architecture`` wrote, and the reading it wrote it from."""

    path: Path
    architecture: Architecture
    written: bool
    """False for a dry run (``text`` is what would be written)."""
    text: str


def init_architecture(
    document: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] = ".",
    force: bool = False,
    write: bool = True,
) -> InitResult:
    """Write ``architecture.yaml`` from the markdown ``document``; see the module docstring.

    Raises :class:`~integration_spec.source.InputError` when the document cannot be read and
    :class:`ArchitectureInitError` when the output exists (without ``force``), is the
    document itself, or lies outside ``root``.
    """
    source = Path(document)
    if is_yaml(str(source)):
        raise ArchitectureInitError(
            f"{source} is already an architecture.yaml; edit it, or give the markdown document"
        )
    text = read_text(source)
    architecture = read_markdown_architecture(text, str(source))
    target = Path(output) if output is not None else source.parent / ARCHITECTURE_YAML
    _check_target(target, source, Path(root), force=force)
    rendered = render_architecture_yaml(architecture, str(source), SCHEMA_ID)
    if write:
        write_text_atomic(target, rendered)
    return InitResult(target, architecture, write, rendered)


def _check_target(target: Path, source: Path, root: Path, *, force: bool) -> None:
    resolved_root = root.resolve()
    resolved = target.resolve()
    if resolved == source.resolve():
        raise ArchitectureInitError(f"{target} is the architecture document itself")
    if resolved_root != resolved and resolved_root not in resolved.parents:
        raise ArchitectureInitError(
            f"{target} lies outside the project root {root}; give an output inside it"
        )
    if target.is_dir():
        raise ArchitectureInitError(f"{target} is a directory")
    if target.exists() and not force:
        raise ArchitectureInitError(
            f"{target} exists; edit it, or pass --force to write it again from the document"
        )
