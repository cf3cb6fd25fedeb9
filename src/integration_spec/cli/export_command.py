"""``integration-spec export``: check, export, write (thin: options in, files out).

The specs are checked first with the public check API, so the files exported are the
ones ``check`` would list and the architecture is the one it compares with; a spec with
error-level findings is refused unless ``--force``. Exporters and their libraries
(PyYAML, markdown-it, pydantic) are imported inside the command, never at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from integration_spec._api import DIRECTORY_KINDS, KINDS
from integration_spec.cli.errors import reports_input_errors

if TYPE_CHECKING:
    from integration_spec.model.architecture import Architecture
    from integration_spec.model.report import Report

EXIT_REFUSED = 1
"""Error-level findings refused the export, as they fail ``check``."""


@click.command(
    "export",
    epilog="\b\nExamples:\n"
    "  integration-spec export features/integrations/guest-checkout.md --to asyncapi\n"
    "  integration-spec export --all --to asyncapi --module checkout -o checkout.asyncapi.yaml\n"
    "  integration-spec export --all --to openapi --include-used -o docs/openapi.json\n"
    "  integration-spec export --all --to flagd -o flags.flagd.json\n"
    "  integration-spec export features/integrations/guest-checkout.md --to pytest"
    " -o tests/integration/guest_checkout\n"
    "  integration-spec export features/integrations/guest-checkout.md --to mermaid >> review.md\n"
    "\b\nExit codes: 0 exported, 1 refused: a spec has error-level findings (see check),"
    " 2 input error (an existing output without --force, nothing to export).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--to",
    "kind",
    type=click.Choice(KINDS),
    required=True,
    help="asyncapi: AsyncAPI 3.0 of the events; openapi: OpenAPI 3.1 of the endpoints; "
    "flagd: OpenFeature flagd flags; pytest: a test skeleton package (needs -o DIR); "
    "mermaid: the diagrams of analyze; json: the parsed spec.",
)
@click.option(
    "--all", "all_specs", is_flag=True, help="Every spec of the project, merged into one export."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file (a folder for pytest) [default: stdout]. A .json name gives "
    "JSON for asyncapi and openapi (YAML otherwise).",
)
@click.option(
    "--module",
    metavar="NAME",
    help="asyncapi, openapi, pytest: only what this module sends, receives, serves or tests.",
)
@click.option(
    "--include-used",
    is_flag=True,
    help="openapi: also the endpoints the specs call (methods written as 'VERB /path').",
)
@click.option(
    "--pending",
    type=click.Choice(["fail", "skip"]),
    default="fail",
    show_default=True,
    help="pytest: unwritten tests fail with TODO, or are skipped with it.",
)
@click.option(
    "--architecture",
    "architecture_path",
    help="Architecture document (overrides the configuration).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Export despite error-level findings, and replace existing output.",
)
@reports_input_errors
def export(
    paths: tuple[str, ...],
    kind: str,
    all_specs: bool,
    output: Path | None,
    module: str | None,
    include_used: bool,
    pending: str,
    architecture_path: str | None,
    force: bool,
) -> None:
    """Export specs as AsyncAPI, OpenAPI, flagd flags, a pytest skeleton, Mermaid or JSON.

    Several specs (or --all) are merged into one document: one AsyncAPI and one OpenAPI
    document for the system (or for one --module), one flag file, one test package.
    The same specs give the same bytes. Nothing is overwritten without --force and
    nothing is written outside the project root.
    """
    from integration_spec._api import (
        CheckRequest,
        ExportOptions,
        Pending,
        export_error,
        export_specs,
        parse_spec,
        run_check,
    )
    from integration_spec.cli.options import print_diagnostics

    _check_options(kind, output, module, include_used, pending)
    result = run_check(
        CheckRequest(paths=paths, all_specs=all_specs, architecture=architecture_path)
    )
    _refuse_findings(result.report, force=force)
    specs = [parse_spec(file.path) for file in result.report.files]
    if not specs:
        raise export_error("EX007", "", "no specs to export")
    options = ExportOptions(
        module=module,
        include_used=include_used,
        pending=Pending(pending),
        document_format="json" if output is not None and output.suffix == ".json" else "yaml",
    )
    exported = export_specs(specs, kind, _architecture(result.report.architecture), options)
    print_diagnostics(exported.notes)
    if output is None:
        (only,) = exported.files
        sys.stdout.buffer.write(only.content)
        sys.stdout.flush()
        return
    from integration_spec._api import write_export

    written = write_export(
        exported.files, output, _project_root(), directory=kind in DIRECTORY_KINDS, force=force
    )
    click.echo(
        f"wrote {output}" + (f" ({len(written)} files)" if len(written) > 1 else ""), err=True
    )


def _check_options(
    kind: str, output: Path | None, module: str | None, include_used: bool, pending: str
) -> None:
    from integration_spec._api import export_error

    misplaced = [
        option
        for option, given, kinds in (
            ("--module", module is not None, {"asyncapi", "openapi", "pytest"}),
            ("--include-used", include_used, {"openapi"}),
            ("--pending", pending != "fail", {"pytest"}),
        )
        if given and kind not in kinds
    ]
    if misplaced:
        raise export_error("EX006", "", f"{', '.join(misplaced)} does not apply to --to {kind}")
    if kind in DIRECTORY_KINDS and output is None:
        raise export_error("EX006", "", f"--to {kind} writes a folder of files: pass -o DIR")


def _refuse_findings(report: Report, *, force: bool) -> None:
    """Name every error-level finding; without ``force``, stop with exit code 1."""
    from integration_spec.cli.options import print_diagnostics
    from integration_spec.model.diagnostics import Severity

    errors = [
        diagnostic
        for diagnostic in (
            *report.diagnostics,
            *(d for file in report.files for d in file.diagnostics),
        )
        if diagnostic.severity is Severity.ERROR
    ]
    if not errors:
        return
    print_diagnostics(tuple(errors))
    count = f"{len(errors)} error-level finding{'s' if len(errors) != 1 else ''}"
    if force:
        click.echo(f"warning: EX003 exporting despite {count} (--force)", err=True)
        return
    click.echo(
        f"error: EX003 refusing to export: {count}; fix them (integration-spec check) "
        "or pass --force",
        err=True,
    )
    sys.exit(EXIT_REFUSED)


def _architecture(path: str | None) -> Architecture | None:
    if path is None:
        return None
    from integration_spec._api import load_architecture

    architecture = load_architecture(path)
    return architecture if architecture.modules else None


def _project_root() -> Path:
    """The project's root, as every command finds it (:func:`integration_spec.load_project`)."""
    from integration_spec._api import load_project

    return load_project().root
