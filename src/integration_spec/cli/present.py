"""Presentation of results on the terminal: Rich on a TTY, plain stable text otherwise."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import Report
from integration_spec.model.spec import IntegrationSpec

if TYPE_CHECKING:
    from integration_spec.check.run import CheckResult

_NONE = "-"
_EVIDENCE_VALUE = 60


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is at error level."""
    return any(diagnostic.severity is Severity.ERROR for diagnostic in diagnostics)


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    """One ``path:line: CODE message`` line per diagnostic on stderr."""
    for diagnostic in diagnostics:
        click.echo(f"{diagnostic.severity.value}: {diagnostic.format_text()}", err=True)


def _names(values: Iterable[str]) -> str:
    return ", ".join(values) or _NONE


def _phase(module: Module) -> str:
    return str(module.phase) if module.phase is not None else _NONE


def print_architecture(architecture: Architecture, *, verbose: bool = False) -> None:
    """List modules with phase, dependencies, events and endpoints (``verbose``: evidence)."""
    if not architecture.modules:
        click.echo(f"{architecture.path}: no modules found")
        return
    if sys.stdout.isatty() and not verbose:
        _print_architecture_rich(architecture)
        return
    click.echo(f"{architecture.path}: {len(architecture.modules)} modules")
    for module in architecture.modules:
        click.echo("")
        click.echo(f"{module.name}  (phase {_phase(module)})")
        if module.responsibility:
            click.echo(f"  responsibility: {module.responsibility}")
        click.echo(f"  depends on:     {_names(module.dependencies)}")
        click.echo(f"  events:         {_names(module.domain_events)}")
        if module.commands or module.queries:
            click.echo(f"  commands:       {_names(module.commands)}")
            click.echo(f"  queries:        {_names(module.queries)}")
        if module.endpoints:
            click.echo(f"  endpoints:      {_names(str(e) for e in module.endpoints)}")
        if module.aliases:
            click.echo(f"  also called:    {_names(module.aliases)}")
        if verbose:
            _print_evidence(module)


def _print_evidence(module: Module) -> None:
    """Where the module and each fact about it were read, one line each."""
    click.echo("  evidence:")
    for item in module.evidence:
        shown = item.value if len(item.value) <= _EVIDENCE_VALUE else item.value[:57] + "..."
        click.echo(f"    {item.field}: {shown}  ({item.describe()})")


def print_way_out(architecture: Architecture) -> None:
    """On stderr: when candidates were skipped, how to list them as modules after all."""
    if not architecture.skipped or not architecture.modules:
        return
    count = len(architecture.skipped)
    click.echo(
        f"note: the reader skipped {count} module-like name{'s' if count != 1 else ''} "
        "(listed above). If some are modules, run 'integration-spec init architecture' "
        "and complete architecture.yaml, which is then read instead of the document.",
        err=True,
    )


def _print_architecture_rich(architecture: Architecture) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{architecture.title or architecture.path}", title_justify="left")
    for heading in ("Module", "Phase", "Depends on", "Domain events", "Endpoints"):
        table.add_column(heading, overflow="fold")
    for module in architecture.modules:
        table.add_row(
            module.name,
            _phase(module),
            _names(module.dependencies),
            _names(module.domain_events),
            _names(str(e) for e in module.endpoints),
        )
    Console().print(table)


def architecture_json(architecture: Architecture) -> str:
    """The architecture and the reader's diagnostics as JSON (shape: ``schema architecture``)."""
    from integration_spec.schema import to_jsonable

    return json.dumps(to_jsonable("architecture", architecture), indent=2, ensure_ascii=False)


def spec_json(spec: IntegrationSpec) -> str:
    """The parsed spec as JSON (shape: ``schema spec``)."""
    from integration_spec.schema import to_jsonable

    return json.dumps(to_jsonable("spec", spec), indent=2, ensure_ascii=False)


def default_format() -> str:
    """GitHub annotations inside GitHub Actions, text elsewhere."""
    import os

    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def print_check(result: CheckResult, output_format: str, output: str | None) -> None:
    """Render the report to stdout or to ``output`` (written atomically)."""
    from integration_spec.report import render_report

    color = output is None and output_format == "text" and sys.stdout.isatty()
    text = render_report(result.report, output_format, color=color)
    if result.fixed_files:
        click.echo(
            f"Fixed {result.fixes_applied} finding(s) in {len(result.fixed_files)} file(s): "
            + ", ".join(result.fixed_files),
            err=True,
        )
    if result.baseline_written:
        click.echo(f"Wrote baseline {result.baseline_written}", err=True)
    if output is None:
        if text:
            click.echo(text, nl=not text.endswith("\n"))
        return
    from integration_spec.source import write_text_atomic

    write_text_atomic(output, text if text.endswith("\n") else text + "\n")


def print_diffs(result: CheckResult) -> None:
    """Show what ``--fix`` would change."""
    for _, diff in result.diffs:
        click.echo(diff, nl=False)
    count = len(result.diffs)
    if count:
        click.echo(f"{result.fixes_applied} fix(es) would be applied to {count} file(s)", err=True)
    else:
        click.echo("No fixes to apply.", err=True)


def check_exit_code(report: Report, *, strict: bool) -> int:
    """0 clean, 1 errors (or warnings when strict)."""
    if report.count(Severity.ERROR) or (strict and report.count(Severity.WARNING)):
        return 1
    return 0


def print_rules(output_format: str) -> None:
    """The rule list in text, JSON or as the markdown documentation page."""
    from integration_spec.rules.registry import all_rules, rule_info

    if output_format == "markdown":
        from integration_spec.rules.docs import rules_page

        click.echo(rules_page(), nl=False)
        return
    rules = all_rules()
    if output_format == "json":
        items = [
            {
                "code": info.code,
                "name": info.name,
                "family": info.family,
                "severity": info.default_severity.value,
                "summary": info.summary,
                "checklist": list(rule.checklist),
                "needs_architecture": rule.needs_architecture,
            }
            for rule, info in ((rule, rule_info(rule)) for rule in rules)
        ]
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
        return
    for rule in rules:
        click.echo(f"{rule.code}  {rule.name:<36} {rule.severity.value:<8} {rule.summary()}")
