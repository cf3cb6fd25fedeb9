"""Writing an export: inside the project root, atomically, never over a file without force.

Every target is checked before the first byte is written, so an export that may not
overwrite one of its files writes none of them. A file is created by hard-linking a
finished temporary file to its name, which fails if the name appeared meanwhile; with
``force`` it replaces the old file in one rename and keeps the old file's mode.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from integration_spec.export.codes import export_error
from integration_spec.export.model import ExportedFile


def targets(
    files: Sequence[ExportedFile], output: Path, *, directory: bool
) -> list[tuple[Path, ExportedFile]]:
    """Where each file goes: ``output`` itself for a one-file export, else inside it."""
    if not directory:
        (only,) = files
        return [(output, only)]
    return [(output.joinpath(*file.path.split("/")), file) for file in files]


def check_targets(planned: Sequence[tuple[Path, ExportedFile]], root: Path, *, force: bool) -> None:
    """Refuse (exit 2) targets outside ``root`` (symlinks followed) and existing ones."""
    inside = root.resolve()
    for folder in {target.parent for target, _ in planned}:
        blocking = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise export_error("EX008", str(blocking), "is a file; the export needs a folder here")
    for target, _ in planned:
        if target.is_dir():
            raise export_error("EX008", str(target), "is a folder; name a file to write")
        resolved = target.resolve()
        if resolved != inside and inside not in resolved.parents:
            raise export_error(
                "EX002",
                str(target),
                f"refusing to write outside the project root {inside} (resolves to {resolved})",
            )
    existing = [str(target) for target, _ in planned if target.exists() or target.is_symlink()]
    if existing and not force:
        shown = ", ".join(existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        )
        raise export_error(
            "EX001",
            existing[0],
            f"{shown} already exist(s); nothing was written (pass --force to replace)",
        )


def write_export(
    files: Sequence[ExportedFile],
    output: Path,
    root: Path,
    *,
    directory: bool,
    force: bool = False,
) -> list[Path]:
    """Write ``files`` to ``output`` under ``root``; return the paths written."""
    planned = targets(files, output, directory=directory)
    check_targets(planned, root, force=force)
    written = []
    for target, file in planned:
        try:
            write_bytes_atomic(target, file.content, replace=force)
        except OSError as error:
            raise export_error(
                "EX009", str(target), f"cannot write: {error.strerror or error}"
            ) from None
        written.append(target)
    return written


def write_bytes_atomic(target: Path, data: bytes, *, replace: bool) -> None:
    """Write ``data`` so readers see the old file or the new one, never half of either."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        Path(temporary).chmod(mode)
        if replace:
            Path(temporary).replace(target)
            return
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise export_error(
                "EX001", str(target), "appeared while exporting; it was not changed"
            ) from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise export_error(
                    "EX001", str(target), "already exists; it was not changed"
                ) from None
            Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)
