"""The export use case: specs (and the architecture) in, the files of one kind out.

Pure: nothing is read or written here (:mod:`integration_spec.export.files` writes).
Each kind is a function with the same signature, chosen from a table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from integration_spec.export.codes import export_error
from integration_spec.export.kinds import KINDS
from integration_spec.export.model import Export, ExportOptions
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec

Exporter = Callable[[Sequence[IntegrationSpec], Architecture | None, ExportOptions | None], Export]


_EXPORTERS: dict[str, tuple[str, str]] = {
    "asyncapi": ("integration_spec.export.asyncapi", "export_asyncapi"),
    "openapi": ("integration_spec.export.openapi", "export_openapi"),
    "flagd": ("integration_spec.export.flagd", "export_flagd"),
    "pytest": ("integration_spec.export.pytest_skeleton", "export_pytest"),
    "mermaid": ("integration_spec.export.mermaid", "export_mermaid"),
    "json": ("integration_spec.export.spec_json", "export_json"),
}
"""Each kind's module and function, imported on use: one kind never loads another's libraries."""


def _exporter(kind: str) -> Exporter:
    module_name, function = _EXPORTERS[kind]
    found: Exporter = getattr(importlib.import_module(module_name), function)
    return found


def export_specs(
    specs: IntegrationSpec | Sequence[IntegrationSpec],
    kind: str,
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """Export ``specs`` (one, or several merged into one document) as ``kind``.

    (Not called ``export``: ``integration_spec.export`` is the package of the exporters.)

    Raises :class:`~integration_spec.source.InputError` (an ``EX`` code) when there is
    nothing of that kind in the specs, the module is unknown, or specs disagree.
    """
    given = (specs,) if isinstance(specs, IntegrationSpec) else tuple(specs)
    if kind not in _EXPORTERS:
        raise export_error("EX006", "", f"unknown kind '{kind}'; one of: {', '.join(KINDS)}")
    if not given:
        raise export_error("EX007", "", "no specs to export")
    return _exporter(kind)(given, architecture, options or ExportOptions())
