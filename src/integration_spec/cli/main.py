"""Entry point of ``integration-spec`` / ``ispec``: the group and the reading commands."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal

import click

from integration_spec._version import __version__
from integration_spec.cli.analysis_commands import analyze, triage
from integration_spec.cli.context_command import context
from integration_spec.cli.errors import (
    EXIT_INPUT_ERROR,
    EXIT_INTERNAL_ERROR,
    fail,
    os_error_diagnostic,
    reports_input_errors,
)
from integration_spec.cli.export_command import export
from integration_spec.cli.init_command import init
from integration_spec.cli.mcp_command import mcp
from integration_spec.cli.new_command import new
from integration_spec.cli.options import (
    color_option,
    colored,
    emit,
    force_option,
    has_errors,
    note,
    print_diagnostics,
    quiet_option,
    read_stdin,
)
from integration_spec.model.architecture import DEFAULT_ARCHITECTURE

if TYPE_CHECKING:
    from integration_spec import CheckResult

STDIN = "-"


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nExamples:\n"
    '  integration-spec new guest-checkout "Purchase without account"\n'
    "  integration-spec check\n"
    "  integration-spec analyze features/integrations/guest-checkout.md\n"
    "  integration-spec modules",
)
@click.version_option(__version__, "-V", "--version", prog_name="integration-spec")
def cli() -> None:
    """Draft, check and analyse integration specs: features that cross bounded contexts.

    Specs live at features/integrations/<name>.md and follow the /integration-spec format;
    the architecture is read from docs/architecture/SYSTEM-ARCHITECTURE.md. Every command
    finds the project (the folder with the configuration) from where it points, so it
    gives the same results from any folder of the project.
    """


@cli.command(
    epilog="\b\nExamples:\n  integration-spec modules\n  integration-spec modules --architecture "
    "examples/shop/docs/architecture/SYSTEM-ARCHITECTURE.md\n"
    "  integration-spec modules --verbose\n"
    "  integration-spec modules --format json | jq '.modules[].evidence'",
)
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(dir_okay=True, path_type=str),
    help="Architecture document (markdown, or architecture.yaml) [default: the configured one, "
    f"else {DEFAULT_ARCHITECTURE} under the project root].",
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
@color_option
@quiet_option
@reports_input_errors
def modules(
    architecture_path: str | None, output_format: str, verbose: bool, color: str, quiet: bool
) -> None:
    """Show the modules read from the architecture, with phase, dependencies and events.

    Exits 2 when the document cannot be read, describes no modules, or has malformed
    tables; what the reader skipped is listed on stderr either way, with how to go on.
    """
    from integration_spec import load_architecture, load_project
    from integration_spec.report.listings import architecture_json, architecture_text, way_out

    if architecture_path is None:
        project = load_project()
        found = project.architecture_for()
        architecture_path = project.shown(found or project.config.architecture_path())
    architecture = load_architecture(architecture_path)
    if output_format == "json":
        emit(architecture_json(architecture))
    else:
        emit(architecture_text(architecture, color=colored(color), verbose=verbose))
    print_diagnostics(architecture.diagnostics, quiet=quiet)
    advice = way_out(architecture)
    if advice is not None:
        note(f"note: {advice}", quiet=quiet)
    if not architecture.modules or has_errors(architecture.diagnostics):
        sys.exit(EXIT_INPUT_ERROR)


@cli.command(
    "parse",
    epilog="\b\nExamples:\n"
    "  integration-spec parse features/integrations/guest-checkout.md | jq .flow_steps\n"
    "  cat draft.md | integration-spec parse - --format markdown",
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
    """Print what the tool reads from a spec (PATH, or - for standard input).

    For other tools and for debugging a document. Problems found while reading go to
    stderr; exit 2 when the file cannot be read or a table is malformed.
    """
    from integration_spec._api import parse_spec, parse_spec_data, render_spec
    from integration_spec.report.listings import spec_json

    spec = parse_spec_data(read_stdin()) if path == STDIN else parse_spec(path)
    if output_format == "json":
        emit(spec_json(spec))
    else:
        click.echo(render_spec(spec), nl=False)
    print_diagnostics(spec.diagnostics)
    if has_errors(spec.diagnostics):
        sys.exit(EXIT_INPUT_ERROR)


@cli.command(
    epilog="\b\nExamples:\n"
    "  integration-spec check                       # the configured specs\n"
    "  integration-spec check features/integrations/guest-checkout.md --format sarif "
    "-o out.sarif\n"
    "  integration-spec check --fix --diff\n"
    "  integration-spec check --write-baseline .integration-spec-baseline.json\n"
    "  cat draft.md | integration-spec check - --stdin-filename features/integrations/x.md",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--all",
    "all_specs",
    is_flag=True,
    help="Check the configured specs (what `check` without paths does).",
)
@click.option(
    "--architecture",
    "architecture_path",
    help="Architecture document (overrides the configuration and the specs' headers).",
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
    "--severity",
    multiple=True,
    metavar="CODE=LEVEL",
    help="Re-level codes: error, warning, info or off (comma-separated, repeatable).",
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
    help="Write the report to FILE (a new file, unless --force).",
)
@click.option(
    "--fix", is_flag=True, help="Apply safe mechanical fixes in place (with -: print the result)."
)
@click.option("--diff", is_flag=True, help="Show exactly what --fix would write; write nothing.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Report only findings not in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Record today's findings as the baseline (exit 0; a new file, unless --force).",
)
@force_option("Replace an existing -o or --write-baseline file.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply 'exclude' to files named on the command line too (for pre-commit).",
)
@click.option(
    "--project",
    "project_path",
    type=click.Path(file_okay=False, path_type=str),
    help="The project folder [default: found from the first path, else the current folder]; "
    "paths are still shown from the current folder (for CI run from the repository's top).",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="With -: the path the document is checked as (shown, per-path-ignores).",
)
@color_option
@quiet_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Check files in parallel.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read everything afresh; do not use or write .integration-spec-cache/.",
)
@reports_input_errors
def check(
    paths: tuple[str, ...],
    all_specs: bool,
    architecture_path: str | None,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    output_format: str | None,
    output: str | None,
    fix: bool,
    diff: bool,
    baseline: str | None,
    write_baseline: str | None,
    force: bool,
    force_exclude: bool,
    project_path: str | None,
    stdin_filename: str | None,
    color: str,
    quiet: bool,
    jobs: int,
    no_cache: bool,
) -> None:
    """Check specs (PATHS, the configured ones, or - for standard input).

    Validates against the format, the seed's checklist and the architecture. A file that
    cannot be read is a finding of its own (an IO code) and the others are still checked.
    Exit codes: 0 clean, 1 findings at error level (warnings too with --strict), 2 usage or
    input error (an unreadable file among them, an invalid option or configuration, no
    specs).
    """
    from integration_spec import CheckRequest, run_check

    stdin = paths == (STDIN,)
    result = run_check(
        CheckRequest(
            paths=paths,
            all_specs=all_specs,
            architecture=architecture_path,
            select=_codes(select),
            ignore=_codes(ignore),
            severity=_levels(severity),
            fix=fix,
            diff=diff,
            baseline=baseline,
            write_baseline=write_baseline,
            force=force,
            force_exclude=force_exclude,
            stdin=read_stdin() if stdin else None,
            stdin_filename=stdin_filename,
            jobs=jobs,
            project=project_path,
            cache=not no_cache,
        )
    )
    for shown, rejected in result.fixes_rejected:
        finding = rejected.diagnostic
        note(
            f"warning: {shown}:{finding.line or 1}: {finding.code} fix not applied: "
            f"{rejected.reason}",
            quiet=quiet,
        )
    if diff:
        _print_diffs(result, quiet=quiet)
    else:
        _print_report(result, output_format, output, color=color, quiet=quiet, force=force)
    sys.exit(result.exit_code(strict=strict))


def _print_report(
    result: CheckResult,
    output_format: str | None,
    output: str | None,
    *,
    color: str,
    quiet: bool,
    force: bool,
) -> None:
    from integration_spec._api import write_output
    from integration_spec.report import render_report

    chosen = output_format or _default_format()
    fixed_stdin = result.fixed_stdin is not None
    stream = sys.stderr if fixed_stdin and output is None else sys.stdout
    text = render_report(
        result.report,
        chosen,
        color=output is None and chosen == "text" and colored(color, stream),
        quiet=quiet,
    )
    if result.fixed_files:
        note(
            f"Fixed {result.fixes_applied} finding(s) in {len(result.fixed_files)} file(s): "
            + ", ".join(result.fixed_files),
            quiet=quiet,
        )
    if result.baseline_written:
        count = sum(len(file.diagnostics) for file in result.report.files)
        note(f"Wrote baseline {result.baseline_written} ({count} finding(s))", quiet=quiet)
    if result.fixed_stdin is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.fixed_stdin)
        sys.stdout.buffer.flush()
    if output is not None:
        write_output(output, text if text.endswith("\n") else text + "\n", force=force)
    elif text:
        emit(text, err=fixed_stdin)


def _print_diffs(result: CheckResult, *, quiet: bool) -> None:
    for _, diff in result.diffs:
        sys.stdout.flush()
        sys.stdout.buffer.write(diff.encode("utf-8", errors="surrogateescape"))
    sys.stdout.flush()
    for file in result.report.files:
        print_diagnostics(tuple(d for d in file.diagnostics if d.code.startswith("IO")))
    count = len(result.diffs)
    if count:
        note(f"{result.fixes_applied} fix(es) would be applied to {count} file(s)", quiet=quiet)
    else:
        note("No fixes to apply.", quiet=quiet)


def _default_format() -> str:
    """GitHub annotations inside GitHub Actions, text elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


def _levels(values: tuple[str, ...]) -> dict[str, str]:
    """``CODE=LEVEL`` pairs; a pair without ``=`` is a usage error naming the option."""
    levels: dict[str, str] = {}
    for value in values:
        for pair in value.split(","):
            if not pair.strip():
                continue
            code, separator, level = pair.partition("=")
            if not separator or not code.strip() or not level.strip():
                raise click.BadParameter(
                    f"'{pair.strip()}' is not CODE=LEVEL (e.g. TE003=error)",
                    param_hint="'--severity'",
                )
            levels[code.strip().upper()] = level.strip().lower()
    return levels


@cli.command("system", epilog="\b\nExample:\n  integration-spec system --format json")
@click.argument("project", required=False, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["mermaid", "json"]),
    default="mermaid",
    show_default=True,
)
def system_command(project: str | None, output_format: str) -> None:
    """Show every module and integration point of all specs, and the spec owning each."""
    import dataclasses
    import json

    from integration_spec._api import system, system_mermaid

    view = system(project)
    if output_format == "json":
        click.echo(json.dumps(dataclasses.asdict(view), indent=2))
        return
    click.echo(system_mermaid(view), nl=False)


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
    from integration_spec._api import rule_catalogue, rules_page
    from integration_spec.report.listings import rules_json, rules_text

    if output_format == "markdown":
        click.echo(rules_page(), nl=False)
        return
    entries = rule_catalogue()
    if output_format == "json":
        emit(rules_json([(e.info, e.checklist, e.needs_architecture) for e in entries]))
        return
    emit(rules_text([entry.info for entry in entries]))


@cli.command(
    epilog="\b\nExamples:\n  integration-spec explain DF002\n  integration-spec explain IO009"
)
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of a rule or of a reserved code (IO, PS, AX, CF, AN, EX)."""
    from integration_spec import explain_code

    text = explain_code(code)
    if text is None:
        click.echo(
            f"error: no rule or code {code!r}; `integration-spec rules` lists them", err=True
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

    from integration_spec import json_schema

    chosen: Literal["spec", "architecture", "modules"] = (
        "spec" if kind == "spec" else "modules" if kind == "modules" else "architecture"
    )
    click.echo(json.dumps(json_schema(chosen), indent=2))


cli.add_command(new)
cli.add_command(analyze)
cli.add_command(triage)
cli.add_command(export)
cli.add_command(context)
cli.add_command(mcp)
cli.add_command(init)


def run() -> None:
    """Run the CLI; an unexpected failure becomes one line and exit code 3, not a traceback.

    Ctrl-C ends with exit code 130, a closed output pipe (``| head``) quietly, an
    operating-system error that escaped a command with exit code 2 naming its file.
    """
    from integration_spec.cli import interrupted

    try:
        # Not standalone: click would turn Ctrl-C into "Aborted!" and exit code 1.
        cli.main(prog_name="integration-spec", standalone_mode=False)
    except SystemExit:
        raise
    except click.exceptions.Abort as error:
        if isinstance(error.__cause__, KeyboardInterrupt):
            interrupted()
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.exceptions.Exit as error:
        sys.exit(error.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        interrupted()
    except BrokenPipeError:
        _quiet_pipe()
    except OSError as error:
        if os.environ.get("ISPEC_DEBUG"):
            raise
        fail(os_error_diagnostic(error))
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


def _quiet_pipe() -> None:
    """The reader of stdout went away: stop without a traceback (Python's recommended way)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def main() -> None:
    """The console script (kept for callers of ``integration_spec.cli.main:main``)."""
    from integration_spec.cli import main as entry

    entry()
