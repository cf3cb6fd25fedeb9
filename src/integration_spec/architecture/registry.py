"""Choose the architecture reader by file name, and let architecture.yaml win.

``integration-spec init architecture`` writes ``architecture.yaml`` beside a markdown
document the reader could not fully understand, for the user to complete. From then on
that file is the architecture: every command that is given the markdown document reads the
YAML beside it instead, and says so (AX019), so that what the user corrected is what the
tool uses.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from integration_spec.architecture.codes import ArchitectureCode, report
from integration_spec.markdown.blocks import normalize_newlines
from integration_spec.model.architecture import ARCHITECTURE_YAML, Architecture

_YAML_SUFFIXES = (".yaml", ".yml")


def is_yaml(path: str) -> bool:
    """Whether ``path`` names a YAML architecture (by its suffix)."""
    return PurePath(path).suffix.lower() in _YAML_SUFFIXES


def overriding_yaml(path: str) -> Path | None:
    """The ``architecture.yaml`` beside the markdown document at ``path``, if there is one."""
    if is_yaml(path):
        return None
    document = Path(path)
    try:
        if not document.is_file():
            return None
        candidate = document.parent / ARCHITECTURE_YAML
        return candidate if candidate.is_file() else None
    except (OSError, ValueError):
        return None


def read_architecture(text: str, path: str) -> Architecture:
    """Read an architecture: YAML for ``.yaml``/``.yml``, markdown otherwise.

    A markdown document with an ``architecture.yaml`` beside it is not read: the YAML is.
    """
    override = overriding_yaml(path)
    if override is not None:
        return _read_override(override, path)
    text = normalize_newlines(text)
    if is_yaml(path):
        from integration_spec.architecture.yaml_reader import read_yaml_architecture

        return read_yaml_architecture(text, path)
    from integration_spec.architecture.markdown_reader import read_markdown_architecture

    return read_markdown_architecture(text, path)


def _read_override(override: Path, document: str) -> Architecture:
    from dataclasses import replace

    from integration_spec.architecture.yaml_reader import read_yaml_architecture
    from integration_spec.source import read_text

    shown = str(Path(document).parent / ARCHITECTURE_YAML)
    architecture = read_yaml_architecture(read_text(override), shown)
    note = report(
        ArchitectureCode.OVERRIDDEN,
        f"reading {shown} instead of {document}: architecture.yaml beside the document "
        "takes precedence",
        path=shown,
        line=None,
        hint="delete or rename architecture.yaml to read the markdown document again",
    )
    return replace(architecture, diagnostics=(note, *architecture.diagnostics))
