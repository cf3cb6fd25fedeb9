"""What an export is: files with their bytes, and what could not be expressed in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from integration_spec.model.diagnostics import Diagnostic


class Pending(StrEnum):
    """How a generated test that is not written yet reports itself."""

    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportOptions:
    """Choices that change what an export contains."""

    module: str | None = None
    """Only what this module does: its send/receive operations, its endpoints."""
    include_used: bool = False
    """OpenAPI: also the HTTP endpoints the specs call (``VERB /path`` methods)."""
    pending: Pending = Pending.FAIL
    """pytest: unwritten tests fail with ``TODO:`` (default) or are skipped."""
    document_format: str = "yaml"
    """AsyncAPI and OpenAPI: ``yaml`` (default) or ``json``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportedFile:
    """One file of an export; ``path`` is relative to the output folder, or a default name."""

    path: str
    content: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class Export:
    """The files of one export and the notes about rows it left out or assumed."""

    kind: str
    files: tuple[ExportedFile, ...]
    notes: tuple[Diagnostic, ...] = field(default=())
