"""``integration-spec init --agent NAME``: install the /integration-spec command for an agent."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR

AGENT_NAMES = ("claude", "copilot", "cursor", "gemini", "codex")


@click.command(
    "init",
    epilog="\b\nExamples:\n"
    "  integration-spec init --agent claude --mcp\n"
    "  integration-spec init --agent copilot --agent cursor --dry-run\n"
    "  integration-spec init --agent codex\n"
    "\b\nFiles: claude .claude/skills/integration-spec/SKILL.md (+ .mcp.json); copilot\n"
    ".github/prompts/integration-spec.prompt.md (+ .vscode/mcp.json); cursor\n"
    ".cursor/commands/integration-spec.md (+ .cursor/mcp.json); gemini\n"
    ".gemini/commands/integration-spec.toml (+ .gemini/settings.json); codex\n"
    ".agents/skills/integration-spec/SKILL.md and a section of AGENTS.md.",
)
@click.option(
    "--agent",
    "agents",
    multiple=True,
    required=True,
    type=click.Choice(AGENT_NAMES, case_sensitive=False),
    help="The agent to install the command for (repeatable).",
)
@click.option("--mcp", "with_mcp", is_flag=True, help="Also register the MCP server.")
@click.option("--force", is_flag=True, help="Replace files that exist with other content.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Project root [default: the nearest folder with the configuration, else the current one].",
)
def init(
    agents: tuple[str, ...], with_mcp: bool, force: bool, dry_run: bool, root: Path | None
) -> None:
    """Install the /integration-spec command (and optionally the MCP server) for an agent.

    The command tells the agent to get the facts with `integration-spec context`, write the
    spec in the format, run `check` and `analyze` until no error is left, and report the
    saga plan and the open TODOs. Nothing is overwritten without --force; nothing is
    written outside the project root. Exit codes: 0 done, 2 a conflict or bad input.
    """
    from integration_spec._api import (
        InstallAction,
        InstallError,
        apply_install,
        find_project,
        plan_install,
    )

    project, _ = find_project(root)
    try:
        planned, notes = plan_install(project, agents, mcp=with_mcp, force=force)
        if not dry_run:
            apply_install(project, planned)
    except InstallError as error:
        click.echo(f"error: {error}", err=True)
        click.echo("hint: --dry-run shows every file; --force replaces what differs", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    verb = {
        InstallAction.CREATE: "would create" if dry_run else "created",
        InstallAction.REPLACE: "would replace" if dry_run else "replaced",
        InstallAction.APPEND: "would append to" if dry_run else "appended to",
        InstallAction.UNCHANGED: "unchanged",
        InstallAction.CONFLICT: "conflict",
    }
    for item in planned:
        note = f" ({item.note})" if item.note else ""
        click.echo(f"{verb[item.action]} {item.path}{note}")
        if dry_run and item.action is not InstallAction.UNCHANGED:
            click.echo(click.style(f"--- {item.path}", bold=True))
            click.echo(item.text, nl=not item.text.endswith("\n"))
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if with_mcp and not _has_mcp():
        click.echo(
            "warning: the MCP server needs the 'mcp' package: pip install 'integration-spec[mcp]'",
            err=True,
        )
    if dry_run and any(item.action is InstallAction.CONFLICT for item in planned):
        sys.exit(EXIT_INPUT_ERROR)


def _has_mcp() -> bool:
    from importlib.util import find_spec

    return find_spec("mcp") is not None
