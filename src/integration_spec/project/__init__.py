"""The one project every command works in: root, configuration, architecture, paths, writes.

Found once from where the command points (the first path given, else the working
directory) and used by every command, so results never depend on the folder a command is
run from:

- the **root** is the nearest folder above with the configuration, else the nearest one
  holding ``features/integrations/`` or the default architecture, else the repository's
  top (``.git``), else the starting folder;
- **paths** have two forms: what a person reads (relative to the working directory when
  below it, as ruff shows them) and what identifies a file (relative to the root: baseline
  fingerprints, ``per-path-ignores``, ``exclude``);
- the **architecture** is looked up in one order (see :mod:`.architecture`);
- **writes** never leave the root when they edit the project's files, never replace a file
  without ``force``, and keep line endings, BOM, links and permissions (:mod:`..source`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from integration_spec.model.architecture import DEFAULT_ARCHITECTURE
from integration_spec.project.architecture import header_reference, is_file, referenced_architecture
from integration_spec.project.config import (
    Config,
    KnownCodes,
    find_config,
    lexical_absolute,
    validate_table,
)
from integration_spec.project.globs import excluded_by
from integration_spec.source import (
    SourceText,
    create_file,
    input_error,
    not_a_regular_file,
    replace_file,
)

__all__ = ["Config", "Project", "SpecSelection", "find_root", "load_project", "write_output"]

SPECS_FOLDER = ("features", "integrations")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class SpecSelection:
    """The spec files a command will read, and the paths given that held none."""

    files: tuple[Path, ...]
    empty: tuple[Path, ...] = ()
    """Folders given on the command line that hold no spec (each an ``IO012`` finding)."""
    skipped: tuple[Path, ...] = ()
    """Files given on the command line that ``exclude`` leaves out (``--force-exclude``)."""


@dataclass(frozen=True, slots=True)
class Project:
    """Root, validated configuration, and where the command runs from."""

    root: Path
    config: Config
    cwd: Path = field(default_factory=lambda: _cwd(Path()))

    # -- paths ------------------------------------------------------------------------

    def absolute(self, path: str | os.PathLike[str]) -> Path:
        """``path`` made absolute from the working directory, without following links."""
        return Path(os.path.normpath(self.cwd / path))

    def shown(self, path: str | os.PathLike[str]) -> str:
        """A path as a person reads it, relative to the working directory.

        ``../`` is used only within the project (run from ``features/integrations/``, the
        architecture is ``../../docs/...``); anything else outside the working directory
        is shown absolute.
        """
        absolute = self.absolute(path)
        try:
            return absolute.relative_to(self.cwd).as_posix()
        except ValueError:
            pass
        if _below(absolute, self.root) and _below(self.cwd, self.root):
            return Path(os.path.relpath(absolute, self.cwd)).as_posix()
        return absolute.as_posix()

    def key(self, path: str | os.PathLike[str]) -> str:
        """A path as the project identifies it: relative to the root (absolute outside it)."""
        absolute = self.absolute(path)
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path``, links followed, lies inside the root (links followed too)."""
        real = Path(os.path.realpath(self.absolute(path)))
        root = Path(os.path.realpath(self.root))
        return real == root or root in real.parents

    # -- specs --------------------------------------------------------------------------

    def spec_files(
        self, given: Sequence[str] = (), *, force_exclude: bool = False
    ) -> SpecSelection:
        """The specs to read: the configured globs, or the files and folders ``given``.

        ``exclude`` applies to what is found in folders and by the globs; a file named
        explicitly is read anyway unless ``force_exclude`` (for pre-commit, which names
        every changed file). Raises ``IO012`` when nothing at all is found.
        """
        if not given:
            found = self._configured_specs()
            if not found:
                raise input_error(
                    "IO012",
                    self.shown(self.root),
                    "no specs found (looked for " + ", ".join(self.config.specs) + ")",
                    hint="name spec files or folders, or set 'specs' in [tool.integration-spec]",
                )
            return SpecSelection(files=tuple(found))
        files: list[Path] = []
        empty: list[Path] = []
        skipped: list[Path] = []
        for item in given:
            path = self.absolute(item)
            if _is_dir(path):
                inside = sorted(
                    candidate
                    for candidate in _walk_markdown(path)
                    if not self._excluded(candidate, below=path)
                )
                files.extend(inside)
                if not inside:
                    empty.append(path)
            elif force_exclude and self._excluded(path, below=None):
                skipped.append(path)
            else:
                files.append(path)
        unique = tuple(dict.fromkeys(files))
        if not unique and empty and not skipped:
            raise input_error(
                "IO012",
                ", ".join(self.shown(path) for path in empty),
                "no specs found (no .md file that 'exclude' keeps)",
                hint="name the folder that holds the specs, e.g. features/integrations",
            )
        return SpecSelection(files=unique, empty=tuple(empty), skipped=tuple(skipped))

    def _configured_specs(self) -> list[Path]:
        found: set[Path] = set()
        for pattern in self.config.specs:
            try:
                matches = list(self.root.glob(pattern))
            except (OSError, ValueError, NotImplementedError):
                continue  # patterns are validated with the configuration; this is belt and braces
            for path in matches:
                if _is_file(path) and not self._excluded(path, below=None):
                    found.add(self.absolute(path))
        return sorted(found)

    def _excluded(self, path: Path, *, below: Path | None) -> bool:
        absolute = self.absolute(path)
        try:
            relative = absolute.relative_to(self.root).as_posix()
        except ValueError:
            if below is None:
                return False
            relative = absolute.relative_to(self.absolute(below)).as_posix()
        return excluded_by(self.config.exclude, relative) is not None

    # -- architecture -------------------------------------------------------------------

    def architecture_for(
        self, spec_path: str | os.PathLike[str] | None = None, reference: str | None = None
    ) -> Path | None:
        """The architecture document for a spec: explicit choice, its header, the default.

        An explicit choice is returned even when it does not exist (reading it reports
        ``IO001``); the header's reference and the default only when they name a file.
        """
        if self.config.architecture_explicit:
            return self.absolute(self.config.architecture_path())
        if reference:
            spec = self.absolute(spec_path) if spec_path is not None else None
            found = referenced_architecture(self.root, spec, reference)
            if found is not None:
                return self.absolute(found)
        default = self.root / DEFAULT_ARCHITECTURE
        return default if is_file(default) else None

    def architecture_for_text(
        self, spec_path: str | os.PathLike[str] | None, text: str
    ) -> Path | None:
        """:meth:`architecture_for` a spec given as text (only its header is read)."""
        if self.config.architecture_explicit:
            return self.architecture_for(spec_path)
        return self.architecture_for(spec_path, header_reference(text))

    # -- writes -------------------------------------------------------------------------

    def write_output(self, path: str | os.PathLike[str], text: str, *, force: bool) -> None:
        """Write a report, baseline or analysis the user named (see :func:`write_output`)."""
        write_output(self.absolute(path), text, force=force, shown=self.shown(path))

    def rewrite(self, path: str | os.PathLike[str], source: SourceText) -> None:
        """Write a fixed spec back: inside the root only, keeping what the file is."""
        shown = self.shown(path)
        if not self.contains(path):
            raise input_error(
                "IO011",
                shown,
                "not fixed: the file lies outside the project root "
                f"{self.root.as_posix()} (reached through a symbolic link)",
                hint="run the fix from the project that holds the file",
            )
        replace_file(Path(path), source.encode(), shown=shown)


def write_output(
    path: str | os.PathLike[str], text: str, *, force: bool, shown: str | None = None
) -> None:
    """Write a report, baseline or analysis the user named with ``-o`` or similar.

    Never replaces a file without ``force`` (``IO009``), never writes through a symbolic
    link or into a FIFO, device or folder (``IO010``), even with ``force``. The file is
    written atomically, wherever the user named it: an output is not the project's content.
    """
    target = Path(path)
    where = shown or str(path)
    data = text.encode("utf-8", errors="surrogateescape")
    mode = _lstat_mode(target, where)
    if mode is None:
        create_file(target, data, shown=where)
        return
    if not stat.S_ISREG(mode):
        raise not_a_regular_file(where, mode)
    if not force:
        raise input_error(
            "IO009",
            where,
            "already exists; it was not replaced",
            hint="pass --force to replace it, or choose another file",
        )
    replace_file(target, data, shown=where)


def _below(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _lstat_mode(path: Path, shown: str) -> int | None:
    try:
        return path.lstat().st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise input_error("IO008", shown, "cannot write: a parent is not a directory") from None
    except (OSError, ValueError) as error:
        raise input_error("IO008", shown, f"cannot write: {error}") from None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _walk_markdown(folder: Path) -> Iterable[Path]:
    try:
        yield from (path for path in folder.rglob("*.md") if _is_file(path))
    except OSError:
        return


def _cwd(fallback: Path) -> Path:
    try:
        return Path.cwd()
    except OSError:  # the working directory was removed
        return lexical_absolute(fallback)


def find_root(start: str | os.PathLike[str]) -> Path:
    """The project root above ``start`` (see the module's documentation for the order)."""
    return _locate(lexical_absolute(start))[0]


def _locate(start: Path) -> tuple[Path, dict[str, object] | None]:
    """The root and its configuration table (``None`` without one)."""
    begin = start if _is_dir(start) else start.parent
    configured, table = find_config(begin)
    if table is not None:
        return configured, table
    for directory in (begin, *begin.parents):
        if _is_dir(directory.joinpath(*SPECS_FOLDER)) or is_file(directory / DEFAULT_ARCHITECTURE):
            return directory, None
        if os.path.lexists(directory / ".git"):
            return directory, None
    return begin, None


def load_project(
    start: str | os.PathLike[str] | None = None,
    known_codes: KnownCodes | Iterable[str] = (),
    *,
    cwd: str | os.PathLike[str] | None = None,
) -> Project:
    """Find the project for a command pointed at ``start`` and validate its configuration.

    Raises :class:`~integration_spec.source.InputError` (``CF...``) for an invalid
    configuration.
    """
    working = lexical_absolute(cwd) if cwd is not None else _cwd(Path())
    begin = Path(os.path.normpath(working / (start if start is not None else ".")))
    root, table = _locate(begin)
    config = validate_table(root, table, known_codes)
    return Project(root=root, config=config, cwd=working)
