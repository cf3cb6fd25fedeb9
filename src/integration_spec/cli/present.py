"""Presentation of results on the terminal: Rich on a TTY, plain stable text otherwise."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import click

from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.spec import IntegrationSpec

_NONE = "-"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is at error level."""
    return any(diagnostic.severity is Severity.ERROR for diagnostic in diagnostics)


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """One ``path:line: CODE message`` line per diagnostic on stderr."""
    for diagnostic in diagnostics:
        click.echo(f"{diagnostic.severity.value}: {diagnostic.format_text()}", err=True)


def _names(values: Iterable[str]) -> str:
    return ", ".join(values) or _NONE


def _phase(module: Module) -> str:
    return str(module.phase) if module.phase is not None else _NONE


def print_architecture(architecture: Architecture) -> None:
    """List modules with phase, dependencies, events and endpoints."""
    if not architecture.modules:
        click.echo(f"{architecture.path}: no modules found")
        return
    if sys.stdout.isatty():
        _print_architecture_rich(architecture)
        return
    click.echo(f"{architecture.path}: {len(architecture.modules)} modules")
    for module in architecture.modules:
        click.echo("")
        click.echo(f"{module.name}  (phase {_phase(module)})")
        if module.responsibility:
            click.echo(f"  responsibility: {module.responsibility}")
        click.echo(f"  depends on:     {_names(module.dependencies)}")
        click.echo(f"  events:         {_names(module.domain_events)}")
        if module.commands or module.queries:
            click.echo(f"  commands:       {_names(module.commands)}")
            click.echo(f"  queries:        {_names(module.queries)}")
        if module.endpoints:
            click.echo(f"  endpoints:      {_names(str(e) for e in module.endpoints)}")


def _print_architecture_rich(architecture: Architecture) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{architecture.title or architecture.path}", title_justify="left")
    for heading in ("Module", "Phase", "Depends on", "Domain events", "Endpoints"):
        table.add_column(heading, overflow="fold")
    for module in architecture.modules:
        table.add_row(
            module.name,
            _phase(module),
            _names(module.dependencies),
            _names(module.domain_events),
            _names(str(e) for e in module.endpoints),
        )
    Console().print(table)


def architecture_json(architecture: Architecture) -> str:
    """The architecture and the reader's diagnostics as JSON (shape: ``schema architecture``)."""
    from integration_spec.schema import to_jsonable

    return json.dumps(to_jsonable("architecture", architecture), indent=2, ensure_ascii=False)


def spec_json(spec: IntegrationSpec) -> str:
    """The parsed spec as JSON (shape: ``schema spec``)."""
    from integration_spec.schema import to_jsonable

    return json.dumps(to_jsonable("spec", spec), indent=2, ensure_ascii=False)
