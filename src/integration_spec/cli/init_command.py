"""``integration-spec init architecture``: write architecture.yaml from the markdown document."""

from __future__ import annotations

import sys

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR, reports_input_errors
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE


@click.group(
    "init",
    epilog="\b\nExample:\n  integration-spec init architecture",
)
def init() -> None:
    """Set up files the tool reads (architecture.yaml from the architecture document)."""


@init.command(
    "architecture",
    epilog="\b\nExamples:\n"
    "  integration-spec init architecture\n"
    "  integration-spec init architecture --architecture docs/ARCHITECTURE.md --stdout\n"
    "  integration-spec init architecture --force",
)
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=DEFAULT_ARCHITECTURE,
    show_default=True,
    help="The markdown architecture document to read.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Where to write [default: architecture.yaml beside the document].",
)
@click.option("--force", is_flag=True, help="Overwrite an existing architecture.yaml.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the YAML; write nothing.")
@reports_input_errors
def architecture_command(
    architecture_path: str, output: str | None, force: bool, to_stdout: bool
) -> None:
    """Write architecture.yaml from what the reader found in the architecture document.

    Every module comes with where it was read, what the document did not say is marked
    TODO, and every candidate the reader skipped is listed as a comment to uncomment.
    From then on architecture.yaml is read instead of the document. Never overwrites an
    existing file without --force; writes nothing outside the current directory.
    """
    from integration_spec._api import ArchitectureInitError, init_architecture
    from integration_spec.cli import present

    try:
        result = init_architecture(
            architecture_path, output=output, force=force, write=not to_stdout
        )
    except ArchitectureInitError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    present.print_diagnostics(result.architecture.diagnostics)
    if to_stdout:
        click.echo(result.text, nl=False)
        return
    modules = len(result.architecture.modules)
    skipped = len(result.architecture.skipped)
    todos = result.text.count("TODO:")
    click.echo(
        f"wrote {result.path}: {modules} module{'s' if modules != 1 else ''}, "
        f"{skipped} skipped candidate{'s' if skipped != 1 else ''} as comments, "
        f"{todos} TODO marker{'s' if todos != 1 else ''} to complete",
        err=True,
    )
