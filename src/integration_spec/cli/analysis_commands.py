"""``integration-spec analyze`` and ``integration-spec triage``: parse options, call, print.

The work is behind the public API; these commands only choose inputs, print the rendered
result and turn it into an exit code. The architecture is found by the project, in the
order every command uses: ``--architecture``, the configuration, the spec's
``**Architecture:**`` line, the default path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR, P, R, reports_input_errors
from integration_spec.cli.options import color_option, colored, emit, force_option, quiet_option
from integration_spec.model.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from integration_spec import Architecture, IntegrationSpec, Project

EXIT_INTEGRATION_SPEC = 0
EXIT_FEATURE_BRIEF = 1


def _emit(text: str, output: str | None, *, force: bool) -> None:
    if output is None:
        emit(text)
        return
    from integration_spec._api import write_output

    write_output(output, text if text.endswith("\n") else text + "\n", force=force)


def _architecture(
    project: Project,
    given: str | None,
    spec_path: str | None,
    spec: IntegrationSpec | None,
    *,
    quiet: bool,
) -> Architecture | None:
    """The architecture for a spec (or for the project), read and reported; None if none.

    What the reader could not understand goes to stderr; an architecture without modules
    is reported and not used.
    """
    from integration_spec import load_architecture

    if given is not None:
        path: str | None = given
    else:
        found = project.architecture_for(spec_path, spec.architecture if spec else None)
        path = project.shown(found) if found is not None else None
    if path is None:
        return None
    architecture = load_architecture(path)
    if not quiet:
        for diagnostic in architecture.diagnostics:
            if diagnostic.severity is not Severity.INFO:
                click.echo(f"{diagnostic.severity.value}: {diagnostic.format_text()}", err=True)
    if not architecture.modules:
        click.echo(f"warning: {architecture.path}: no modules found; not used", err=True)
        return None
    return architecture


@click.command(
    epilog="\b\nExamples:\n"
    "  integration-spec analyze features/integrations/guest-checkout.md\n"
    "  integration-spec analyze features/integrations/guest-checkout.md --format markdown"
    " -o review.md\n"
    "  integration-spec analyze features/integrations/guest-checkout.md --format json"
    " | jq .faults.scenarios\n"
    "  integration-spec analyze features/integrations/guest-checkout.md --strict\n"
    "\b\nEach finding has the level of its rule in the configuration, as in `check`."
    "\nExit codes: 0 no error-level finding, 1 an error-level finding (with --strict also"
    " a warning or a half-done scenario), 2 input error.",
)
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(path_type=str),
    help="Architecture document [default: the configured one, else the spec's "
    "**Architecture:** reference, else docs/architecture/SYSTEM-ARCHITECTURE.md under the "
    "project root].",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: a readable report (Rich tables on a terminal); markdown: paste into a review.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write to FILE (a new file, unless --force).",
)
@force_option("Replace an existing -o file.")
@click.option("--strict", is_flag=True, help="Warnings (and half-done scenarios) fail too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@color_option
@quiet_option
@reports_input_errors
def analyze(
    path: str,
    architecture_path: str | None,
    output_format: str,
    output: str | None,
    force: bool,
    strict: bool,
    exit_zero: bool,
    color: str,
    quiet: bool,
) -> None:
    """Analyse one spec: flow graph, saga plan, fault simulation, boundaries, diagrams.

    Every step is classified as read-only, compensatable, pivot or retriable; a failure at
    each step gets its ordered compensations and final state; every failure category is
    injected at every step, with and without a failing compensation, and the scenarios
    that end half done are listed.
    """
    from integration_spec import analyze as analyse_spec
    from integration_spec import load_project
    from integration_spec._api import read_analysis_spec, render_analysis

    project = load_project(path)
    spec = read_analysis_spec(path)
    _print(spec.diagnostics, quiet=quiet)
    if any(d.severity is Severity.ERROR for d in spec.diagnostics):
        sys.exit(EXIT_INPUT_ERROR)
    architecture = _architecture(project, architecture_path, path, spec, quiet=quiet)
    report = analyse_spec(spec, architecture, config=project.config)
    rich = output is None and output_format == "text" and colored(color)
    _emit(render_analysis(report, output_format, rich=rich), output, force=force)
    sys.exit(0 if exit_zero else report.exit_code(strict=strict))


def _print(diagnostics: tuple[Diagnostic, ...], *, quiet: bool) -> None:
    for diagnostic in diagnostics:
        if quiet and diagnostic.severity is not Severity.ERROR:
            continue
        click.echo(f"{diagnostic.severity.value}: {diagnostic.format_text()}", err=True)


def _flag(name: str, help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    return click.option(f"--{name}/--no-{name}", default=None, help=help_text)


@click.command(
    epilog="\b\nExamples:\n"
    "  integration-spec triage features/integrations/guest-checkout.md\n"
    "  integration-spec triage --modules cart,checkout --data-flows --complex-rollback\n"
    "  integration-spec triage --diff origin/main\n"
    "  integration-spec triage --diff origin/main && echo 'write an integration spec'\n"
    "\b\nExit codes (like grep: 0 means 'found a cross-module integration'):\n"
    "  0  an integration spec fits\n"
    "  1  a single-module feature brief fits\n"
    "  2  usage or input error (not a git repository, unknown revision, unknown module)",
)
@click.argument("spec_path", required=False, type=click.Path(path_type=str))
@click.option("--modules", "module_list", metavar="A,B,C", help="The modules the change modifies.")
@click.option("--diff", "revision", metavar="REV", help="Modules changed since git revision REV.")
@click.option(
    "--repo",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="The git repository for --diff.",
)
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(path_type=str),
    help="Architecture document [default: the configured one, else the spec's reference, "
    "else docs/architecture/SYSTEM-ARCHITECTURE.md, if any].",
)
@_flag("data-flows", "Data flows between the modules.")
@_flag("complex-rollback", "A failure needs compensation across modules.")
@_flag("shared-interfaces", "New shared interfaces (types, endpoints, events).")
@_flag("multiple-aggregates", "The change spans several aggregates.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@color_option
@quiet_option
@reports_input_errors
def triage(
    spec_path: str | None,
    module_list: str | None,
    revision: str | None,
    repo: str,
    architecture_path: str | None,
    data_flows: bool | None,
    complex_rollback: bool | None,
    shared_interfaces: bool | None,
    multiple_aggregates: bool | None,
    output_format: str,
    color: str,
    quiet: bool,
) -> None:
    """Integration spec or feature brief? The seed's When-to-Use table, decided.

    From a spec, from --modules with flags for the other indicators, or from a git change
    (--diff): changed files map to modules through the architecture's source paths or the
    usual layouts (internal/domain/<module>/, src/modules/<module>/,
    adapters/http/<module>/, <module>/ packages). 3+ modules: integration spec; 1 module:
    feature brief; 2 modules: integration spec when data flows between them and a rollback,
    a new shared interface or a second aggregate is involved.
    """
    from integration_spec import (
        Flags,
        InputError,
        load_project,
        parse_spec,
        triage_diff,
        triage_modules,
        triage_spec,
    )
    from integration_spec._api import Decision, render_triage, split_module_list

    sources = [given for given in (spec_path, module_list, revision) if given is not None]
    if len(sources) != 1:
        raise InputError(
            Diagnostic(
                code="AN006",
                severity=Severity.ERROR,
                message="give exactly one of: a spec path, --modules A,B,C, --diff REV",
                path=spec_path or repo,
            )
        )
    flags = Flags(
        data_flows=data_flows,
        complex_rollback=complex_rollback,
        shared_interfaces=shared_interfaces,
        multiple_aggregates=multiple_aggregates,
    )
    if spec_path is not None:
        project = load_project(spec_path)
        spec = parse_spec(spec_path)
        architecture = _architecture(project, architecture_path, spec_path, spec, quiet=quiet)
        result = triage_spec(spec, architecture, flags)
    else:
        project = load_project(repo if revision is not None else None)
        architecture = _architecture(project, architecture_path, None, None, quiet=quiet)
        if module_list is not None:
            result = triage_modules(split_module_list(module_list), flags, architecture)
        else:
            result = triage_diff(revision or "", repo, architecture, flags)
    rich = output_format == "text" and colored(color)
    emit(render_triage(result, output_format, rich=rich))
    integration = result.decision is Decision.INTEGRATION_SPEC
    sys.exit(EXIT_INTEGRATION_SPEC if integration else EXIT_FEATURE_BRIEF)
