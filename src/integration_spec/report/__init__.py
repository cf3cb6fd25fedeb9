"""Output formats of ``integration-spec check``: each a small formatter over a ``Report``.

A format is a module of this package with a ``render(report, *, color, quiet)`` function. Only the
chosen one is imported, so the text output never pays for ``json``, XML or Rich.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from integration_spec.model.report import Report

FORMATS = ("text", "json", "sarif", "github", "junit")
"""The values of ``check --output-format``, the first the default."""


class Renderer(Protocol):
    """What every format module's ``render`` looks like."""

    def __call__(self, report: Report, *, color: bool = False, quiet: bool = False) -> str:
        """The whole output; ``color`` and ``quiet`` are ignored by formats without them."""


def render_report(
    report: Report, output_format: str, *, color: bool = False, quiet: bool = False
) -> str:
    """``report`` in ``output_format``; ``color`` and ``quiet`` only change the text format.

    The result ends with a newline unless it is empty (GitHub commands for a clean run), so
    write it as it is (``click.echo(..., nl=False)``).
    """
    if output_format not in FORMATS:
        raise ValueError(f"unknown output format {output_format!r}; choose from {FORMATS}")
    module = importlib.import_module(f"{__name__}.{output_format}")
    render: Renderer = module.render
    return render(report, color=color, quiet=quiet)
