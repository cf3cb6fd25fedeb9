"""Renderers of :class:`AnalysisReport` and :class:`TriageResult`: text, Rich, JSON, markdown.

A report is first laid out once as a few neutral blocks (headings, tables, lists, code);
each format is then a small function over those blocks, so the formats never disagree on
content and no command holds an ``if format == ...`` chain. Rich is imported only for a
terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from integration_spec.model.analysis import (
    AnalysisFinding,
    AnalysisReport,
    Decision,
    FailurePoint,
    Recovery,
    TriageResult,
)

FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True, slots=True)
class Heading:
    """A section title (level 1 or 2)."""

    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line or two of prose."""

    text: str


@dataclass(frozen=True, slots=True)
class Items:
    """A bullet list."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under headers; cells are plain text."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Code:
    """A diagram or other preformatted text."""

    language: str
    text: str


Block = Heading | Paragraph | Items | Table | Code


# --- layout -------------------------------------------------------------------------------


def analysis_blocks(report: AnalysisReport, *, mermaid: bool) -> list[Block]:
    """The report laid out; ``mermaid`` adds the Mermaid diagrams (markdown only)."""
    blocks: list[Block] = [Heading(f"Analysis: {report.title}", 1)]
    blocks.append(
        Paragraph(
            f"Spec: {report.path or '<input>'} · architecture: "
            f"{report.architecture or 'none (boundary checks against it skipped)'}"
        )
    )
    blocks += _graph_blocks(report)
    blocks += _saga_blocks(report)
    blocks += _fault_blocks(report)
    blocks += _boundary_blocks(report)
    blocks.append(Heading("Diagrams"))
    if not report.saga.steps:
        blocks.append(Paragraph("No flow steps: nothing to draw."))
        return blocks
    if mermaid:
        blocks.append(Code("mermaid", report.diagrams.mermaid_flowchart))
        blocks.append(Code("mermaid", report.diagrams.mermaid_sequence))
    blocks.append(Code("text", report.diagrams.ascii))
    return blocks


def _findings_table(findings: Sequence[AnalysisFinding]) -> Table:
    return Table(
        ("Line", "Level", "Finding", "Message", "Hint", "Rule"),
        tuple(
            (
                str(finding.line or "-"),
                finding.severity.value if finding.severity else "",
                finding.kind,
                finding.message,
                finding.hint or "",
                finding.related_rule or "",
            )
            for finding in findings
        ),
    )


def _graph_blocks(report: AnalysisReport) -> list[Block]:
    graph = report.graph
    kinds: dict[str, int] = {}
    for edge in graph.edges:
        kinds[edge.kind] = kinds.get(edge.kind, 0) + 1
    counted = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    blocks: list[Block] = [
        Heading("Flow graph"),
        Paragraph(f"{len(graph.nodes)} nodes, {len(graph.edges)} edges ({counted or 'none'})."),
    ]
    blocks.append(_findings_table(graph.findings) if graph.findings else Paragraph("No findings."))
    return blocks


def _saga_blocks(report: AnalysisReport) -> list[Block]:
    saga = report.saga
    if not saga.steps:
        return [Heading("Saga plan"), Paragraph("No flow steps: nothing to plan.")]
    pivot = (
        f"pivot: step {saga.pivot} ({saga.pivot_source})"
        if saga.pivot
        else "no pivot: every step that changes data can be undone"
    )
    blocks: list[Block] = [Heading("Saga plan"), Paragraph(pivot)]
    blocks.append(
        Table(
            ("Step", "Module", "Name", "Role", "Compensation", "Why"),
            tuple(
                (
                    str(step.number),
                    step.module,
                    step.name,
                    step.role.value,
                    step.compensation or "-",
                    step.reason,
                )
                for step in saga.steps
            ),
        )
    )
    blocks.append(Heading("Failure points"))
    blocks.append(
        Table(
            ("Fails at", "Recovery", "Undo, in order", "Final state"),
            tuple(
                _failure_row(point)
                for point in (*saga.failure_points, *filter(None, (saga.cancellation,)))
            ),
        )
    )
    if saga.findings:
        blocks.append(Heading("Saga findings"))
        blocks.append(_findings_table(saga.findings))
    return blocks


def _failure_row(point: FailurePoint) -> tuple[str, ...]:
    if point.recovery is Recovery.FORWARD:
        actions = "none: retry forward"
    else:
        actions = ", ".join(f"step {a.step} ({a.module})" for a in point.compensations) or "none"
    state = point.final_state
    if point.stated_final_state:
        state += f" The spec says: {point.stated_final_state}"
    if point.cause:
        return (
            f"after step {point.step}",
            point.recovery.value,
            actions,
            f"When {point.cause}: {state}",
        )
    return (f"step {point.step}", point.recovery.value, actions, state)


def _fault_blocks(report: AnalysisReport) -> list[Block]:
    faults = report.faults
    if not faults.steps:
        return [Heading("Fault simulation"), Paragraph("No flow steps: nothing to inject.")]
    outcomes = ", ".join(f"{count} {outcome}" for outcome, count in faults.outcomes.items())
    blocks: list[Block] = [
        Heading("Fault simulation"),
        Paragraph(
            f"{faults.scenarios} scenarios ran: {faults.steps} steps x "
            f"{len(faults.categories)} categories ({', '.join(faults.categories)}) = "
            f"{faults.step_failures} step failures, plus {faults.compensation_failures} "
            f"with a failing compensation. Outcomes: {outcomes or 'none'}."
        ),
    ]
    if not faults.inconsistencies:
        blocks.append(Paragraph("No scenario ends inconsistent."))
        return blocks
    blocks.append(
        Table(
            ("Cause", "Categories", "Scenarios", "Failures at", "What is left", "Hint"),
            tuple(
                (
                    ("compensation of step " if item.compensation_failed else "step ")
                    + str(item.step),
                    ", ".join(item.categories),
                    str(item.scenarios),
                    ", ".join(str(number) for number in item.failure_points),
                    item.message,
                    item.hint or "",
                )
                for item in faults.inconsistencies
            ),
        )
    )
    return blocks


def _boundary_blocks(report: AnalysisReport) -> list[Block]:
    blocks: list[Block] = [Heading("Boundaries")]
    if not report.boundaries_checked:
        blocks.append(
            Paragraph(
                "No architecture: only the spec's own declarations were compared "
                "(pass --architecture for table ownership, dependency direction, "
                "build phases and cycles)."
            )
        )
    if report.boundaries:
        blocks.append(_findings_table(report.boundaries))
    else:
        blocks.append(Paragraph("No findings."))
    return blocks


def triage_blocks(result: TriageResult) -> list[Block]:
    """The triage result laid out: indicators, decision, notes, files."""
    title = (
        "integration spec"
        if result.decision is Decision.INTEGRATION_SPEC
        else "feature brief (single-module)"
    )
    modules = ", ".join(result.modules) or "none"
    blocks: list[Block] = [
        Heading(f"Triage from {result.source}: {title}", 1),
        Table(
            ("Indicator", "Threshold", "Value", "Met", "Source"),
            tuple(
                (
                    item.name,
                    item.threshold,
                    item.value,
                    "yes" if item.met else "no",
                    item.source,
                )
                for item in result.indicators
            ),
        ),
        Paragraph(f"Modules: {modules}"),
        Paragraph(f"Decision: {title}, because {result.reason}."),
    ]
    if result.notes:
        blocks.append(Items(result.notes))
    if result.files_by_module:
        blocks.append(
            Table(
                ("Module", "Changed files"),
                tuple(
                    (module, ", ".join(files)) for module, files in result.files_by_module.items()
                ),
            )
        )
    if result.unmapped_files:
        blocks.append(Paragraph("Files that belong to no module:"))
        blocks.append(Items(result.unmapped_files))
    return blocks


# --- formats ------------------------------------------------------------------------------


def render_analysis(report: AnalysisReport, output_format: str, *, rich: bool = False) -> str:
    """The report as ``text`` (Rich tables when ``rich``), ``json`` or ``markdown``."""
    if output_format == "json":
        return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"
    blocks = analysis_blocks(report, mermaid=output_format == "markdown")
    return _RENDERERS[_renderer(output_format, rich)](blocks)


def render_triage(result: TriageResult, output_format: str, *, rich: bool = False) -> str:
    """The triage result as ``text`` (Rich when ``rich``), ``json`` or ``markdown``."""
    if output_format == "json":
        return json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    return _RENDERERS[_renderer(output_format, rich)](triage_blocks(result))


def _renderer(output_format: str, rich: bool) -> str:
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; choose from {FORMATS}")
    return "rich" if output_format == "text" and rich else output_format


def plain_text(blocks: Iterable[Block]) -> str:
    """Stable plain text: aligned columns, no colour (pipes, files, CI logs)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            rule = "=" if block.level == 1 else "-"
            out += (
                ["", block.text, rule * len(block.text)]
                if out
                else [block.text, "=" * len(block.text)]
            )
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Items):
            out += [f"  - {item}" for item in block.items]
        elif isinstance(block, Table):
            out += _aligned(block)
        else:
            out += ["    " + line for line in block.text.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"


PLAIN_WIDTH = 100
"""Columns that would go past this width are printed under their row, one per line."""


def _aligned(table: Table) -> list[str]:
    widths = [
        max(len(row[index]) for row in (table.headers, *table.rows))
        for index in range(len(table.headers))
    ]
    shown, used = 0, 0
    for width in widths:
        if shown and used + 2 + width > PLAIN_WIDTH:
            break
        used += 2 + width
        shown += 1
    lines = []
    for position, row in enumerate((table.headers, *table.rows)):
        cells = [cell.ljust(width) for cell, width in zip(row[:shown], widths, strict=False)]
        lines.append("  " + "  ".join(cells).rstrip())
        if position == 0:
            continue
        lines += [
            f"      {header}: {cell}"
            for header, cell in zip(table.headers[shown:], row[shown:], strict=True)
            if cell and cell != "-"
        ]
    return lines


def markdown(blocks: Iterable[Block]) -> str:
    """Paste-ready markdown for a review comment."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append("#" * (block.level + 1) + " " + block.text)
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Items):
            out.append("\n".join(f"- {item}" for item in block.items))
        elif isinstance(block, Table):
            header = "| " + " | ".join(block.headers) + " |"
            rule = "|" + "|".join("-" * (len(cell) + 2) for cell in block.headers) + "|"
            rows = ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in block.rows]
            out.append("\n".join([header, rule, *rows]))
        else:
            out.append(f"```{block.language}\n{block.text.rstrip()}\n```")
    return "\n\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def rich_text(blocks: Iterable[Block]) -> str:
    """Tables drawn by Rich for a terminal (captured, so the caller decides where it goes)."""
    import io

    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True)
    for block in blocks:
        if isinstance(block, Heading):
            console.print(Text(block.text, style="bold underline" if block.level == 1 else "bold"))
        elif isinstance(block, Paragraph):
            console.print(Text(block.text))
        elif isinstance(block, Items):
            for item in block.items:
                console.print(Text(f"  • {item}"))
        elif isinstance(block, Table):
            table = RichTable(show_lines=False)
            for header in block.headers:
                table.add_column(header, overflow="fold")
            for row in block.rows:
                table.add_row(*(Text(cell) for cell in row))
            console.print(table)
        else:
            console.print(Text(block.text.rstrip("\n")))
    return buffer.getvalue()


_RENDERERS: dict[str, Callable[[Sequence[Block]], str]] = {
    "text": plain_text,
    "markdown": markdown,
    "rich": rich_text,
}
