"""Entry point of ``integration-spec`` / ``ispec``."""

from __future__ import annotations

import os
import sys
from typing import Literal

import click

from integration_spec._version import __version__
from integration_spec.cli.analysis_commands import analyze, triage
from integration_spec.cli.errors import EXIT_INPUT_ERROR, EXIT_INTERNAL_ERROR, reports_input_errors
from integration_spec.cli.init_command import init
from integration_spec.cli.new_command import new
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nExamples:\n"
    '  integration-spec new guest-checkout "Purchase without account"\n'
    "  integration-spec check --all\n"
    "  integration-spec analyze features/integrations/guest-checkout.md\n"
    "  integration-spec modules",
)
@click.version_option(__version__, "-V", "--version", prog_name="integration-spec")
def cli() -> None:
    """Draft, check and analyse integration specs: features that cross bounded contexts.

    Specs live at features/integrations/<name>.md and follow the /integration-spec format;
    the architecture is read from docs/architecture/SYSTEM-ARCHITECTURE.md.
    """


@cli.command(
    epilog="\b\nExamples:\n  integration-spec modules --architecture "
    "examples/shop/docs/architecture/SYSTEM-ARCHITECTURE.md\n"
    "  integration-spec modules --verbose\n"
    "  integration-spec modules --format json | jq '.modules[].evidence'",
)
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(dir_okay=True, path_type=str),
    default=DEFAULT_ARCHITECTURE,
    show_default=True,
    help="Architecture document (markdown, or architecture.yaml).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format (json always includes the evidence).",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Text: show where each module and fact was read."
)
@reports_input_errors
def modules(architecture_path: str, output_format: str, verbose: bool) -> None:
    """Show the modules read from the architecture, with phase, dependencies and events.

    Exits 2 when the document cannot be read, describes no modules, or has malformed
    tables; what the reader skipped is listed on stderr either way, with how to go on.
    """
    from integration_spec._api import load_architecture
    from integration_spec.cli import present

    architecture = load_architecture(architecture_path)
    if output_format == "json":
        click.echo(present.architecture_json(architecture))
    else:
        present.print_architecture(architecture, verbose=verbose)
    present.print_diagnostics(architecture.diagnostics)
    present.print_way_out(architecture)
    if not architecture.modules or present.has_errors(architecture.diagnostics):
        sys.exit(EXIT_INPUT_ERROR)


@cli.command(
    "parse",
    epilog="\b\nExample:\n"
    "  integration-spec parse features/integrations/guest-checkout.md | jq .flow_steps",
)
@click.argument("path", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="json: the model (shape: `schema spec`); markdown: the canonical rendering.",
)
@reports_input_errors
def parse_command(path: str, output_format: str) -> None:
    """Print what the tool reads from a spec, for other tools and for debugging a document.

    Problems found while reading go to stderr; exit 2 when the file cannot be read or a
    table is malformed.
    """
    from integration_spec._api import parse_spec, render_spec
    from integration_spec.cli import present

    spec = parse_spec(path)
    if output_format == "json":
        click.echo(present.spec_json(spec))
    else:
        click.echo(render_spec(spec), nl=False)
    present.print_diagnostics(spec.diagnostics)
    if present.has_errors(spec.diagnostics):
        sys.exit(EXIT_INPUT_ERROR)


@cli.command(
    epilog="\b\nExamples:\n"
    "  integration-spec check --all\n"
    "  integration-spec check features/integrations/guest-checkout.md --format sarif -o out.sarif\n"
    "  integration-spec check --all --fix --diff\n"
    "  integration-spec check --all --write-baseline .integration-spec-baseline.json",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--all", "all_specs", is_flag=True, help="Check every spec under features/integrations/."
)
@click.option(
    "--architecture",
    "architecture_path",
    help="Architecture document (overrides the configuration).",
)
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Only these codes or prefixes (comma-separated, repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Skip these codes or prefixes (comma-separated, repeatable).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "github", "junit"]),
    help="Output format [default: text; github when GITHUB_ACTIONS is set].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write the report to FILE.",
)
@click.option("--fix", is_flag=True, help="Apply safe mechanical fixes in place.")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff; write nothing.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Report only findings not in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Record today's findings as the baseline.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Check files in parallel.",
)
@reports_input_errors
def check(
    paths: tuple[str, ...],
    all_specs: bool,
    architecture_path: str | None,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str | None,
    output: str | None,
    fix: bool,
    diff: bool,
    baseline: str | None,
    write_baseline: str | None,
    jobs: int,
) -> None:
    """Check specs against the format, the seed's checklist and the architecture.

    Exit codes: 0 clean, 1 findings at error level (warnings too with --strict),
    2 usage or input error.
    """
    from integration_spec._api import CheckRequest, run_check
    from integration_spec.cli import present

    result = run_check(
        CheckRequest(
            paths=paths,
            all_specs=all_specs,
            architecture=architecture_path,
            select=_codes(select),
            ignore=_codes(ignore),
            fix=fix,
            diff=diff,
            baseline=baseline,
            write_baseline=write_baseline,
            jobs=jobs,
        )
    )
    if diff:
        present.print_diffs(result)
        sys.exit(1 if result.diffs else 0)
    present.print_check(result, output_format or present.default_format(), output)
    sys.exit(present.check_exit_code(result.report, strict=strict))


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


@cli.command(
    "rules", epilog="\b\nExample:\n  integration-spec rules --format markdown > docs/rules.md"
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown is the documentation page (docs/rules.md).",
)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, family, default severity and summary."""
    from integration_spec.cli import present

    present.print_rules(output_format)


@cli.command(epilog="\b\nExample:\n  integration-spec explain DF002")
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule or of a reserved code (IO, PS, AX, CF, AN)."""
    from integration_spec._api import explain_code

    text = explain_code(code)
    if text is None:
        click.echo(
            f"error: no rule or code '{code}'; `integration-spec rules` lists them", err=True
        )
        sys.exit(EXIT_INPUT_ERROR)
    click.echo(text)


@cli.command(epilog="\b\nExample:\n  integration-spec schema spec > spec.schema.json")
@click.argument("kind", type=click.Choice(["spec", "architecture", "modules"]))
def schema(kind: str) -> None:
    """Print a JSON Schema: a parsed spec, architecture.yaml, or `modules --format json`.

    `architecture` is the schema of the architecture.yaml a user writes; `modules` the
    shape of what the tool read from an architecture (with evidence and diagnostics).
    """
    import json

    from integration_spec._api import json_schema

    chosen: Literal["spec", "architecture", "modules"] = (
        "spec" if kind == "spec" else "modules" if kind == "modules" else "architecture"
    )
    click.echo(json.dumps(json_schema(chosen), indent=2))


cli.add_command(new)
cli.add_command(analyze)
cli.add_command(triage)
cli.add_command(init)


def main() -> None:
    """Run the CLI; an unexpected failure becomes one line and exit code 3, not a traceback."""
    try:
        cli(prog_name="integration-spec")
    except SystemExit:
        raise
    except Exception as error:
        if os.environ.get("ISPEC_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in integration-spec; rerun with ISPEC_DEBUG=1 for the traceback "
            "and report it.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL_ERROR)
