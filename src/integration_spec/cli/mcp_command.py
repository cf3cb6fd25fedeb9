"""``integration-spec mcp``: serve the project's tools to an AI agent over stdio (MCP)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR


@click.command(
    "mcp",
    epilog="\b\nRegister it with your agent, e.g. in .mcp.json at the project root:\n"
    '  {"mcpServers": {"integration-spec": {"command": "integration-spec", "args": ["mcp"]}}}\n'
    "\b\nOr let `integration-spec init --agent NAME --mcp` write the file for your agent.",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Project root [default: the nearest folder with the configuration, else the current one].",
)
def mcp(root: Path | None) -> None:
    """Run the MCP server on stdin/stdout (for an agent to start; it does not return).

    Tools: list_modules, describe_module, grounding_context, triage, draft_spec,
    check_spec, analyze_spec, explain_rule. Resources: integration-spec://format and
    integration-spec://rules. Paths outside the project root are refused.
    """
    try:
        from integration_spec.mcp.server import serve
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith("mcp"):
            raise
        click.echo(
            "error: the MCP server needs the 'mcp' package, which is not installed",
            err=True,
        )
        click.echo("hint: pip install 'integration-spec[mcp]'", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    from integration_spec._api import find_project

    project, _ = find_project(root)
    serve(project.resolve())
