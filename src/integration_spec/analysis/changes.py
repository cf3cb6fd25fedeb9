"""Which modules a git change touches: changed files, mapped to modules by path.

Files are mapped through the architecture's ``source_paths`` first (longest prefix wins),
then through the usual layouts of modular code: ``internal/domain/<module>/``,
``src/modules/<module>/`` (any ``modules/<module>/``), ``adapters/<kind>/<module>/`` (such
as ``adapters/http/<module>/``), and a ``<module>/`` directory, which counts when the
architecture names that module or, without one, when it is a Python package at the top
of the repository. git runs as a subprocess; every way it can fail is an input error
with a message, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from integration_spec.analysis.codes import input_error
from integration_spec.model.architecture import Architecture

GIT_TIMEOUT_SECONDS = 60
_NOT_MODULES = frozenset(
    {"test", "tests", "doc", "docs", "scripts", "benchmarks", "examples", "build", "dist"}
)
_INTERFACE_SUFFIXES = (".proto", ".graphql", ".avsc", ".thrift")
_INTERFACE_NAMES = ("openapi", "asyncapi", "swagger")
_INTERFACE_DIRECTORIES = frozenset({"contracts", "contract", "shared", "schemas", "interfaces"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangedModules:
    """What a change touched: files by module, and the files no module owns."""

    root: str
    revision: str
    files: tuple[str, ...] = ()
    by_module: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()
    shared_interfaces: tuple[str, ...] = ()
    """Changed files that look like shared contracts (``.proto``, OpenAPI, ``contracts/``)."""

    @property
    def modules(self) -> tuple[str, ...]:
        """Modules touched, in order of first changed file."""
        return tuple(self.by_module)


def changed_files(revision: str, repository: str | Path = ".") -> tuple[Path, list[str]]:
    """The repository root and the files changed since ``revision`` (working tree included).

    ``A..B`` and ``A...B`` ranges compare commits only; a single revision compares it with
    the working tree and adds untracked files, which a new module usually starts as.
    """
    if not revision or revision.startswith("-"):
        raise input_error("AN003", str(repository), f"invalid revision {revision!r}")
    git = shutil.which("git")
    if git is None:
        raise input_error("AN001", str(repository), "git is not installed (not found on PATH)")
    directory = Path(repository)
    if not directory.is_dir():
        raise input_error("AN002", str(repository), "no such directory")
    top = _git(git, directory, ["rev-parse", "--show-toplevel"])
    if top.returncode != 0:
        raise input_error("AN002", str(repository), "not a git repository (git rev-parse failed)")
    root = Path(top.stdout.strip())
    diff = _git(git, root, ["diff", "--name-only", "-z", revision, "--"])
    if diff.returncode != 0:
        detail = (diff.stderr.strip().splitlines() or ["unknown revision"])[0]
        raise input_error("AN003", str(root), f"cannot diff against {revision!r}: {detail}")
    files = [name for name in diff.stdout.split("\0") if name]
    if ".." not in revision:
        untracked = _git(git, root, ["ls-files", "--others", "--exclude-standard", "-z"])
        if untracked.returncode == 0:
            files += [name for name in untracked.stdout.split("\0") if name]
    return root, list(dict.fromkeys(files))


def _git(git: str, directory: Path, arguments: Sequence[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [git, "-C", str(directory), *arguments],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise input_error("AN001", str(directory), f"cannot run git: {error}") from None


def map_changes(
    root: Path,
    revision: str,
    files: Sequence[str],
    architecture: Architecture | None = None,
) -> ChangedModules:
    """Group changed files by the module that owns them."""
    by_module: dict[str, list[str]] = {}
    unmapped: list[str] = []
    for file in files:
        module = module_of(file, architecture, root)
        if module is None:
            unmapped.append(file)
        else:
            by_module.setdefault(module, []).append(file)
    return ChangedModules(
        root=str(root),
        revision=revision,
        files=tuple(files),
        by_module={module: tuple(paths) for module, paths in by_module.items()},
        unmapped=tuple(unmapped),
        shared_interfaces=tuple(file for file in files if looks_like_interface(file)),
    )


def module_of(path: str, architecture: Architecture | None, root: Path | None = None) -> str | None:
    """The module owning ``path`` (relative to the repository root, ``/``-separated)."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if architecture is not None:
        owner = _by_source_paths(posix, architecture)
        if owner is not None:
            return owner
    directories = posix.parts[:-1]
    found = _by_layout(directories)
    if found is not None:
        return _canonical(found, architecture)
    if architecture is not None and architecture.modules:
        for part in directories:
            module = architecture.find(part)
            if module is not None:
                return module.name
        return None
    if directories and root is not None:
        top = directories[0]
        if top.casefold() not in _NOT_MODULES and (root / top / "__init__.py").is_file():
            return top
    return None


def _by_source_paths(path: PurePosixPath, architecture: Architecture) -> str | None:
    best: tuple[int, str] | None = None
    text = path.as_posix()
    for module in architecture.modules:
        for source in module.source_paths:
            prefix = source.strip().strip("`").removeprefix("./").rstrip("/")
            if not prefix:
                continue
            if (text == prefix or text.startswith(prefix + "/")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), module.name)
    return best[1] if best else None


def _by_layout(directories: Sequence[str]) -> str | None:
    lowered = [part.casefold() for part in directories]
    for index, part in enumerate(lowered):
        following = len(directories) - index - 1
        if part == "internal" and following >= 2 and lowered[index + 1] == "domain":
            return directories[index + 2]
        if part == "modules" and following >= 1:
            return directories[index + 1]
        if part == "adapters" and following >= 2:
            return directories[index + 2]
    return None


def _canonical(name: str, architecture: Architecture | None) -> str:
    if architecture is not None:
        module = architecture.find(name)
        if module is not None:
            return module.name
    return name


def looks_like_interface(path: str) -> bool:
    """Whether a changed file is a shared contract: an IDL file or under ``contracts/``."""
    posix = PurePosixPath(path)
    name = posix.name.casefold()
    if name.endswith(_INTERFACE_SUFFIXES) or name.startswith(_INTERFACE_NAMES):
        return True
    return any(part.casefold() in _INTERFACE_DIRECTORIES for part in posix.parts[:-1])
