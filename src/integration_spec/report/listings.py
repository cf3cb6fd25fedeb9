"""Formatters of what ``modules``, ``parse`` and ``rules`` print: plain text, Rich, JSON.

The commands hand a model over and print the string they get back; no command formats.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from integration_spec.model.architecture import Architecture, Module
from integration_spec.model.report import RuleInfo
from integration_spec.model.spec import IntegrationSpec

if TYPE_CHECKING:
    from rich.console import Console

NONE = "-"
_EVIDENCE_VALUE = 60


def _names(values: Iterable[str]) -> str:
    return ", ".join(values) or NONE


def _phase(module: Module) -> str:
    return str(module.phase) if module.phase is not None else NONE


def architecture_text(
    architecture: Architecture, *, color: bool = False, verbose: bool = False
) -> str:
    """The modules with phase, dependencies, events and endpoints; a Rich table with colour.

    ``verbose`` adds where each module and fact was read (plain text only: evidence does
    not fit a table cell).
    """
    if not architecture.modules:
        return f"{architecture.path}: no modules found\n"
    if color and not verbose:
        return _architecture_rich(architecture)
    lines = [f"{architecture.path}: {len(architecture.modules)} modules"]
    for module in architecture.modules:
        lines.append("")
        lines.append(f"{module.name}  (phase {_phase(module)})")
        if module.responsibility:
            lines.append(f"  responsibility: {module.responsibility}")
        lines.append(f"  depends on:     {_names(module.dependencies)}")
        lines.append(f"  events:         {_names(module.domain_events)}")
        if module.commands or module.queries:
            lines.append(f"  commands:       {_names(module.commands)}")
            lines.append(f"  queries:        {_names(module.queries)}")
        if module.endpoints:
            lines.append(f"  endpoints:      {_names(str(e) for e in module.endpoints)}")
        if module.aliases:
            lines.append(f"  also called:    {_names(module.aliases)}")
        if verbose:
            lines.extend(_evidence_lines(module))
    return "\n".join(lines) + "\n"


def _evidence_lines(module: Module) -> list[str]:
    """Where the module and each fact about it were read, one line each."""
    lines = ["  evidence:"]
    for item in module.evidence:
        shown = item.value if len(item.value) <= _EVIDENCE_VALUE else item.value[:57] + "..."
        lines.append(f"    {item.field}: {shown}  ({item.describe()})")
    return lines


def way_out(architecture: Architecture) -> str | None:
    """When candidates were skipped: how to list them as modules after all (for stderr)."""
    if not architecture.skipped or not architecture.modules:
        return None
    count = len(architecture.skipped)
    return (
        f"the reader skipped {count} module-like name{'s' if count != 1 else ''} "
        "(listed above). If some are modules, run 'integration-spec init architecture' "
        "and complete architecture.yaml, which is then read instead of the document."
    )


def _console() -> Console:
    from rich.console import Console

    return Console(force_terminal=True, color_system="standard", highlight=False, emoji=False)


def _architecture_rich(architecture: Architecture) -> str:
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
    console = _console()
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def architecture_json(architecture: Architecture) -> str:
    """The architecture and the reader's diagnostics as JSON (shape: ``schema architecture``)."""
    from integration_spec.schema import to_jsonable

    return (
        json.dumps(to_jsonable("architecture", architecture), indent=2, ensure_ascii=False) + "\n"
    )


def spec_json(spec: IntegrationSpec) -> str:
    """The parsed spec as JSON (shape: ``schema spec``)."""
    from integration_spec.schema import to_jsonable

    return json.dumps(to_jsonable("spec", spec), indent=2, ensure_ascii=False) + "\n"


def rules_text(rules: Sequence[RuleInfo]) -> str:
    """One line per rule: code, name, default severity, summary."""
    return "".join(
        f"{rule.code}  {rule.name:<36} {rule.default_severity.value:<8} {rule.summary}\n"
        for rule in rules
    )


def rules_json(rules: Sequence[tuple[RuleInfo, Sequence[str], bool]]) -> str:
    """Every rule with its checklist items and whether it needs the architecture."""
    items = [
        {
            "code": info.code,
            "name": info.name,
            "family": info.family,
            "severity": info.default_severity.value,
            "summary": info.summary,
            "checklist": list(checklist),
            "needs_architecture": needs_architecture,
        }
        for info, checklist, needs_architecture in rules
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
