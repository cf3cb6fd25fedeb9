"""``integration-spec init``: set up what the tool and the agents read.

``init --agent NAME`` installs the /integration-spec command for an agent;
``init architecture`` writes ``architecture.yaml`` from the markdown architecture.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR, reports_input_errors

AGENT_NAMES = ("claude", "copilot", "cursor", "gemini", "codex")


@click.group(
    "init",
    invoke_without_command=True,
    epilog="\b\nExamples:\n"
    "  integration-spec init --agent claude --mcp\n"
    "  integration-spec init architecture\n"
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
@click.pass_context
def init(
    context: click.Context,
    agents: tuple[str, ...],
    with_mcp: bool,
    force: bool,
    dry_run: bool,
    root: Path | None,
) -> None:
    """Install the /integration-spec command (and optionally the MCP server) for an agent.

    `init architecture` instead writes architecture.yaml from the architecture document
    (see `integration-spec init architecture --help`).

    The command tells the agent to get the facts with `integration-spec context`, write the
    spec in the format, run `check` and `analyze` until no error is left, and report the
    saga plan and the open TODOs. Nothing is overwritten without --force; nothing is
    written outside the project root. Exit codes: 0 done, 2 a conflict or bad input.
    """
    if context.invoked_subcommand is not None:
        if agents or with_mcp or dry_run:
            raise click.UsageError(
                f"--agent, --mcp and --dry-run install an agent's command; "
                f"they do not combine with '{context.invoked_subcommand}'"
            )
        return
    if not agents:
        raise click.UsageError("name an agent with --agent, or run 'init architecture'")
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
    help="The markdown architecture document to read [default: the project's architecture].",
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
    architecture_path: str | None, output: str | None, force: bool, to_stdout: bool
) -> None:
    """Write architecture.yaml from what the reader found in the architecture document.

    Every module comes with where it was read, what the document did not say is marked
    TODO, and every candidate the reader skipped is listed as a comment to uncomment.
    From then on architecture.yaml is read instead of the document. Never overwrites an
    existing file without --force; writes nothing outside the project root.
    """
    from integration_spec._api import ArchitectureInitError, init_architecture, load_project
    from integration_spec.cli.options import print_diagnostics

    project = load_project(architecture_path)
    document = architecture_path or project.config.architecture_path()
    try:
        result = init_architecture(
            project,
            document,
            output=output,
            force=force,
            write=not to_stdout,
        )
    except ArchitectureInitError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    print_diagnostics(result.architecture.diagnostics)
    if to_stdout:
        click.echo(result.text, nl=False)
        return
    modules = len(result.architecture.modules)
    skipped = len(result.architecture.skipped)
    todos = result.text.count("TODO:")
    click.echo(
        f"wrote {project.shown(result.path)}: {modules} module{'s' if modules != 1 else ''}, "
        f"{skipped} skipped candidate{'s' if skipped != 1 else ''} as comments, "
        f"{todos} TODO marker{'s' if todos != 1 else ''} to complete",
        err=True,
    )
