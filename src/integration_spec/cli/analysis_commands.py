"""``integration-spec analyze`` and ``integration-spec triage``: parse options, call, print.

The work is in :mod:`integration_spec.analysis.api`; these commands only choose inputs,
print the rendered result and turn it into an exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from integration_spec.cli.errors import EXIT_INPUT_ERROR, P, R, reports_input_errors

if TYPE_CHECKING:
    from integration_spec.model.architecture import Architecture

EXIT_FINDINGS = 1
EXIT_INTEGRATION_SPEC = 0
EXIT_FEATURE_BRIEF = 1


def _emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from integration_spec.source import write_text_atomic

    write_text_atomic(output, text if text.endswith("\n") else text + "\n")


def _architecture(path: str | None, fallback: Callable[[], object]) -> Architecture | None:
    """The architecture at ``path`` (must exist), else the one ``fallback`` finds, if any.

    What the reader could not understand goes to stderr; an architecture without modules
    is reported and not used.
    """
    from integration_spec.analysis.api import read_architecture_file
    from integration_spec.cli import present

    found = path if path is not None else fallback()
    if found is None:
        return None
    architecture = read_architecture_file(str(found))
    present.print_diagnostics(d for d in architecture.diagnostics if d.severity.value != "info")
    if not architecture.modules:
        click.echo(f"warning: {architecture.path}: no modules found; not used", err=True)
        return None
    return architecture


@click.command(
    epilog="\b\nExamples:\n"
    "  integration-spec analyze features/integrations/guest-checkout.md\n"
    "  integration-spec analyze features/integrations/guest-checkout.md --format markdown"
    " > review.md\n"
    "  integration-spec analyze features/integrations/guest-checkout.md --format json"
    " | jq .faults.scenarios\n"
    "\b\nExit codes: 0 no findings, 1 findings (or inconsistent fault scenarios),"
    " 2 input error.",
)
@click.argument("path", type=click.Path(path_type=str))
@click.option(
    "--architecture",
    "architecture_path",
    type=click.Path(path_type=str),
    help="Architecture document [default: the spec's **Architecture:** reference, else "
    "docs/architecture/SYSTEM-ARCHITECTURE.md under the project root].",
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
    "-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="Write to FILE."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@reports_input_errors
def analyze(
    path: str,
    architecture_path: str | None,
    output_format: str,
    output: str | None,
    exit_zero: bool,
) -> None:
    """Analyse one spec: flow graph, saga plan, fault simulation, boundaries, diagrams.

    Every step is classified as read-only, compensatable, pivot or retriable; a failure at
    each step gets its ordered compensations and final state; every failure category is
    injected at every step, with and without a failing compensation, and the scenarios
    that end half done are listed.
    """
    from integration_spec.analysis import api
    from integration_spec.analysis.render import render_analysis
    from integration_spec.cli import present

    spec = api.read_spec(path, need_flow=True)
    present.print_diagnostics(spec.diagnostics)
    if present.has_errors(spec.diagnostics):
        sys.exit(EXIT_INPUT_ERROR)
    architecture = _architecture(architecture_path, lambda: api.find_architecture(path, spec))
    report = api.analyze(spec, architecture)
    rich = output is None and output_format == "text" and sys.stdout.isatty()
    _emit(render_analysis(report, output_format, rich=rich), output)
    sys.exit(EXIT_FINDINGS if report.finding_count() and not exit_zero else 0)


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
    help="Architecture document [default: docs/architecture/SYSTEM-ARCHITECTURE.md, if any].",
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
) -> None:
    """Integration spec or feature brief? The seed's When-to-Use table, decided.

    From a spec, from --modules with flags for the other indicators, or from a git change
    (--diff): changed files map to modules through the architecture's source paths or the
    usual layouts (internal/domain/<module>/, src/modules/<module>/,
    adapters/http/<module>/, <module>/ packages). 3+ modules: integration spec; 1 module:
    feature brief; 2 modules: integration spec when data flows between them and a rollback,
    a new shared interface or a second aggregate is involved.
    """
    from pathlib import Path

    from integration_spec.analysis import api
    from integration_spec.analysis.codes import input_error
    from integration_spec.analysis.render import render_triage
    from integration_spec.analysis.triage import Flags, split_module_list
    from integration_spec.model.analysis import Decision

    sources = [given for given in (spec_path, module_list, revision) if given is not None]
    if len(sources) != 1:
        raise input_error(
            "AN006",
            spec_path or repo,
            "give exactly one of: a spec path, --modules A,B,C, --diff REV",
        )
    flags = Flags(
        data_flows=data_flows,
        complex_rollback=complex_rollback,
        shared_interfaces=shared_interfaces,
        multiple_aggregates=multiple_aggregates,
    )
    default_root = Path(repo) if revision is not None else Path()
    if spec_path is not None:
        spec = api.read_spec(spec_path)
        architecture = _architecture(
            architecture_path, lambda: api.find_architecture(spec_path, spec)
        )
        result = api.triage_spec(spec, architecture, flags)
    else:
        architecture = _architecture(
            architecture_path, lambda: api.find_architecture(None, None, default_root)
        )
        if module_list is not None:
            result = api.triage_modules(split_module_list(module_list), flags, architecture)
        else:
            result = api.triage_diff(revision or "", repo, architecture, flags)
    rich = output_format == "text" and sys.stdout.isatty()
    click.echo(render_triage(result, output_format, rich=rich), nl=False)
    integration = result.decision is Decision.INTEGRATION_SPEC
    sys.exit(EXIT_INTEGRATION_SPEC if integration else EXIT_FEATURE_BRIEF)
