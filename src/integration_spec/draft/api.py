"""``draft_spec``: read the architecture, plan the spec, and write it without losing anything.

The file goes to ``<root>/features/integrations/<name>.md`` and nowhere else: the name is
validated, the folder must resolve inside the root (a symlink pointing out is refused),
an existing spec is kept unless ``force`` is set, and the write is atomic (readers see the
old file or the new one, never half of it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from integration_spec.architecture.registry import read_architecture
from integration_spec.draft.context import GroundingContext, build_context
from integration_spec.draft.errors import DraftError
from integration_spec.draft.names import validate_name
from integration_spec.draft.planner import Draft, DraftInputs, plan_spec
from integration_spec.model.analysis import Decision
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE, Architecture
from integration_spec.model.spec import IntegrationSpec
from integration_spec.source import InputError, read_text, write_text_atomic
from integration_spec.spec.parse import parse_spec_text
from integration_spec.spec.render import render_spec

SPECS_FOLDER = ("features", "integrations")


@dataclass(frozen=True, slots=True)
class DraftResult:
    """The drafted spec, its markdown, where it belongs and whether it was written."""

    draft: Draft
    markdown: str
    path: Path
    """The spec's file under the root (absolute)."""
    relative_path: str
    """``features/integrations/<name>.md``, as the user sees it."""
    architecture_path: Path
    written: bool


def spec_path(root: Path, name: str) -> Path:
    """Where spec ``name`` lives under ``root`` (the name is validated first)."""
    return root.joinpath(*SPECS_FOLDER, f"{validate_name(name)}.md")


def draft_spec(
    name: str,
    description: str | None = None,
    *,
    root: str | os.PathLike[str] = ".",
    architecture: str | os.PathLike[str] | None = None,
    flow: Sequence[str] = (),
    modules: Sequence[str] = (),
    spec_type: str | None = None,
    priority: str | None = None,
    write: bool = False,
    force: bool = False,
) -> DraftResult:
    """Draft spec ``name`` from the architecture; with ``write``, save it under ``root``.

    ``architecture`` defaults to ``docs/architecture/SYSTEM-ARCHITECTURE.md`` under
    ``root``; a relative path is taken from the current directory. Raises
    :class:`DraftError` for input the user can fix (bad name, unknown module, nothing
    matching, an existing spec, a single-module feature without ``force``) and
    :class:`~integration_spec.source.InputError` for an unreadable architecture.
    """
    base = Path(root)
    target = spec_path(base, name)
    architecture_file = Path(architecture) if architecture else base / DEFAULT_ARCHITECTURE
    model = _read_architecture(architecture_file)
    draft = plan_spec(
        model,
        DraftInputs(
            name=name,
            description=description,
            flow=tuple(flow),
            modules=tuple(modules),
            spec_type=spec_type,
            priority=priority,
            architecture_reference=_reference(architecture_file, base),
        ),
    )
    markdown = render_spec(draft.spec)
    relative = "/".join((*SPECS_FOLDER, target.name))
    if write:
        if draft.triage.decision is Decision.FEATURE_BRIEF and not force:
            raise DraftError(
                f"not written: a single-module feature brief fits better ({draft.triage.reason})",
                "pass --force to write the integration spec anyway, or --stdout to see it",
            )
        _write(base, target, relative, markdown, force=force)
    return DraftResult(
        draft=draft,
        markdown=markdown,
        path=target,
        relative_path=relative,
        architecture_path=architecture_file,
        written=write,
    )


def _read_architecture(path: Path) -> Architecture:
    if not path.exists():
        raise DraftError(
            f"no architecture document at {path}",
            "pass --architecture PATH, or set 'architecture' under [tool.integration-spec] "
            "in pyproject.toml",
        )
    model = read_architecture(read_text(path), str(path))
    if not model.modules:
        raise DraftError(
            f"the architecture {path} describes no modules",
            f"`integration-spec modules --architecture {path}` shows what was read",
        )
    return model


def _reference(architecture: Path, root: Path) -> str:
    """The architecture's path as the spec's header names it: relative to the root."""
    try:
        return Path(os.path.relpath(architecture.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return architecture.resolve().as_posix()


def _write(root: Path, target: Path, relative: str, markdown: str, *, force: bool) -> None:
    folder = root.joinpath(*SPECS_FOLDER).resolve()
    inside = root.resolve()
    if folder != inside and inside not in folder.parents:
        raise DraftError(
            f"refusing to write {relative}: {'/'.join(SPECS_FOLDER)} resolves to {folder}, "
            f"outside the project root {inside}",
            "remove the symlink, or choose another --root",
        )
    if (target.exists() or target.is_symlink()) and not force:
        raise DraftError(
            f"{relative} already exists; it was not changed",
            "pass --force to replace it, or choose another name",
        )
    if force:
        write_text_atomic(target, markdown)
    else:
        write_new_atomic(target, markdown, relative)


def write_new_atomic(target: Path, text: str, shown: str) -> None:
    """Create ``target`` with ``text`` atomically, failing if it appears meanwhile.

    The text is written to a temporary file beside it, which is then hard-linked to the
    target name: linking never replaces an existing file, so a spec created concurrently
    is not overwritten. File systems without hard links get an existence check instead.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(0o644)
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise DraftError(
                f"{shown} already exists; it was not changed",
                "pass --force to replace it, or choose another name",
            ) from None
        except OSError:
            if target.exists():
                raise DraftError(f"{shown} already exists; it was not changed") from None
            Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def project_specs(root: Path) -> list[tuple[str, IntegrationSpec]]:
    """Every readable spec under ``<root>/features/integrations`` as (relative path, spec).

    A spec that cannot be read is left out: the context lists related specs, it does not
    check them (``check`` reports what is wrong with a file).
    """
    folder = root.joinpath(*SPECS_FOLDER)
    if not folder.is_dir():
        return []
    found: list[tuple[str, IntegrationSpec]] = []
    for path in sorted(folder.rglob("*.md")):
        if not path.is_file():
            continue
        shown = path.relative_to(root).as_posix()
        try:
            found.append((shown, parse_spec_text(read_text(path), shown)))
        except InputError:
            continue
    return found


def grounding_context(
    description: str | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    architecture: str | os.PathLike[str] | None = None,
    modules: Sequence[str] = (),
    name: str = "",
) -> GroundingContext:
    """The grounding context for a feature description in the project at ``root``.

    ``architecture`` defaults to ``docs/architecture/SYSTEM-ARCHITECTURE.md`` under
    ``root`` (the working directory when ``root`` is not given).

    Raises :class:`DraftError` for a missing architecture or an unknown named module and
    :class:`~integration_spec.source.InputError` for an unreadable architecture.
    """
    base = Path(root) if root is not None else Path.cwd()
    architecture_file = Path(architecture) if architecture else base / DEFAULT_ARCHITECTURE
    model = _read_architecture(architecture_file)
    model = replace(model, path=display_path(architecture_file))
    return build_context(model, description, name=name, modules=modules, specs=project_specs(base))


def display_path(path: Path) -> str:
    """``path`` as the user reads it: relative to the working directory when inside it."""
    try:
        relative = Path(os.path.relpath(path.resolve()))
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if relative.parts[:1] == ("..",) else relative.as_posix()
