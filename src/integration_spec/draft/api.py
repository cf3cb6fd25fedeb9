"""``draft_spec``: read the architecture, plan the spec, and write it without losing anything.

The file goes to ``<root>/features/integrations/<name>.md`` and nowhere else: the name is
validated, the folder must resolve inside the project root (a symlink pointing out is
refused), an existing spec is kept unless ``force`` is set, and the write is atomic
(readers see the old file or the new one, never half of it). The root, the architecture
lookup, the paths shown and the writes are the project's (:mod:`integration_spec.project`):
drafting has none of its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from integration_spec.architecture.registry import read_architecture
from integration_spec.draft.context import GroundingContext, build_context
from integration_spec.draft.errors import DraftError
from integration_spec.draft.names import validate_name
from integration_spec.draft.planner import Draft, DraftInputs, plan_spec
from integration_spec.model.analysis import Decision
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec
from integration_spec.project import Project
from integration_spec.source import InputError, read_text
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
    project: Project,
    name: str,
    description: str | None = None,
    *,
    architecture: str | os.PathLike[str] | None = None,
    flow: Sequence[str] = (),
    modules: Sequence[str] = (),
    spec_type: str | None = None,
    priority: str | None = None,
    write: bool = False,
    force: bool = False,
) -> DraftResult:
    """Draft spec ``name`` from the architecture; with ``write``, save it in ``project``.

    ``architecture`` defaults to the project's (the configured document, else the usual
    path under the root); a relative path is taken from the working directory. Raises
    :class:`DraftError` for input the user can fix (bad name, unknown module, nothing
    matching, an existing spec, a single-module feature without ``force``) and
    :class:`~integration_spec.source.InputError` for an unreadable architecture.
    """
    target = spec_path(project.root, name)
    architecture_file = _architecture_file(project, architecture)
    model = _read_architecture(project, architecture_file)
    draft = plan_spec(
        model,
        DraftInputs(
            name=name,
            description=description,
            flow=tuple(flow),
            modules=tuple(modules),
            spec_type=spec_type,
            priority=priority,
            architecture_reference=_reference(architecture_file, project.root),
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
        _write(project, target, relative, markdown, force=force)
    return DraftResult(
        draft=draft,
        markdown=markdown,
        path=target,
        relative_path=relative,
        architecture_path=architecture_file,
        written=write,
    )


def _architecture_file(project: Project, given: str | os.PathLike[str] | None) -> Path:
    if given:
        return project.absolute(given)
    return project.architecture_for() or project.config.architecture_path()


def _read_architecture(project: Project, path: Path) -> Architecture:
    shown = project.shown(path)
    if not path.exists():
        raise DraftError(
            f"no architecture document at {shown}",
            "pass --architecture PATH, or set 'architecture' under [tool.integration-spec] "
            "in pyproject.toml",
        )
    model = read_architecture(read_text(path), shown)
    if not model.modules:
        raise DraftError(
            f"the architecture {shown} describes no modules",
            f"`integration-spec modules --architecture {shown}` shows what was read",
        )
    return model


def _reference(architecture: Path, root: Path) -> str:
    """The architecture's path as the spec's header names it: relative to the root."""
    try:
        return Path(os.path.relpath(architecture.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return architecture.resolve().as_posix()


def _write(project: Project, target: Path, relative: str, markdown: str, *, force: bool) -> None:
    folder = target.parent
    if not project.contains(folder):
        raise DraftError(
            f"refusing to write {relative}: {'/'.join(SPECS_FOLDER)} resolves to "
            f"{Path(os.path.realpath(folder)).as_posix()}, outside the project root "
            f"{project.root.as_posix()}",
            "remove the symlink, or choose another --root",
        )
    try:
        project.write_output(target, markdown, force=force)
    except InputError as error:
        if error.diagnostic.code != "IO009":
            raise
        raise DraftError(
            f"{relative} already exists; it was not changed",
            "pass --force to replace it, or choose another name",
        ) from None


def project_specs(project: Project) -> list[tuple[str, IntegrationSpec]]:
    """Every readable spec of the project (its configured specs) as (path from the root, spec).

    Paths are the project's keys, relative to the root, as an agent working there writes
    them in Related Documents.

    A spec that cannot be read is left out: the context lists related specs, it does not
    check them (``check`` reports what is wrong with a file).
    """
    try:
        files = project.spec_files().files
    except InputError:  # no specs yet
        return []
    found: list[tuple[str, IntegrationSpec]] = []
    for path in files:
        key = project.key(path)
        try:
            found.append((key, parse_spec_text(read_text(path), key)))
        except InputError:
            continue
    return found


def grounding_context(
    project: Project,
    description: str | None = None,
    *,
    architecture: str | os.PathLike[str] | None = None,
    modules: Sequence[str] = (),
    name: str = "",
    checklist: Sequence[tuple[str, tuple[str, ...]]] = (),
) -> GroundingContext:
    """The grounding context for a feature description in ``project``.

    ``architecture`` defaults to the project's. ``checklist`` pairs each item of the seed's
    Validation Checklist with the codes of the rules that enforce it (drafting does not
    know the rules; the caller does). Raises :class:`DraftError` for a missing architecture
    or an unknown named module and :class:`~integration_spec.source.InputError` for an
    unreadable architecture.
    """
    architecture_file = _architecture_file(project, architecture)
    model = _read_architecture(project, architecture_file)
    model = replace(model, path=project.shown(architecture_file))
    return build_context(
        model,
        description,
        name=name,
        modules=modules,
        specs=project_specs(project),
        checklist=checklist,
    )
