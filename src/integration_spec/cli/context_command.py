"""``integration-spec context``: the facts an author needs for a feature (thin over the API)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR, reports_input_errors


@click.command(
    "context",
    epilog="\b\nExamples:\n"
    '  integration-spec context "Refund a cancelled order and restock the items"\n'
    '  integration-spec context "Guest checkout" --modules checkout,payments --format json\n'
    "\b\nThe JSON shape is the one the MCP tool `grounding_context` returns.",
)
@click.argument("description", required=False)
@click.option("--modules", metavar="A,B,C", help="Modules you already know take part.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown to read; json for scripts and agents.",
)
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(path_type=Path),
    help="Architecture document [default: from [tool.integration-spec], else "
    "docs/architecture/SYSTEM-ARCHITECTURE.md under the root].",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project root [default: the nearest folder with the configuration, else the current one].",
)
@reports_input_errors
def context(
    description: str | None,
    modules: str | None,
    output_format: str,
    architecture_path: Path | None,
    root: Path | None,
) -> None:
    """Candidate modules for DESCRIPTION with their evidence, operations, events and rules.

    Lists the modules ranked with the words that matched, what each declares, the calls
    the dependencies allow, the build phases, the commands that undo each other, the
    existing specs that touch the same modules, and the format's checklist. Says whether
    the description pins the modules down. Exit codes: 0 done, 2 bad input.
    """
    from integration_spec import DraftError
    from integration_spec._api import grounding_context

    named = tuple(part.strip() for part in modules.split(",") if part.strip()) if modules else ()
    if not (description and description.strip()) and not named:
        raise click.UsageError("give a DESCRIPTION, --modules, or both")
    try:
        result = grounding_context(
            description, root=root, architecture=architecture_path, modules=named
        )
    except DraftError as error:
        click.echo(f"error: {error.message}", err=True)
        if error.hint:
            click.echo(f"hint: {error.hint}", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    if output_format == "json":
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    from integration_spec._api import render_context

    click.echo(render_context(result), nl=False)
