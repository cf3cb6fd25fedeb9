""":class:`IntegrationSpec` to markdown in the seed's Output Structure, byte for byte.

The canonical form is documented in docs/format.md; ``parse_spec_text(render_spec(s)) == s``
holds for every spec (a Hypothesis property in the tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from integration_spec.model.spec import (
    SECTION_LAYOUT,
    CompensationBlock,
    Diagram,
    FlowStep,
    IntegrationSpec,
    Labelled,
    Phase,
    SectionKey,
)
from integration_spec.spec.headings import CANONICAL_HEADINGS
from integration_spec.spec.tables import TABLE_COLUMNS, escape_cell


@dataclass(frozen=True, slots=True)
class _Part:
    text: str
    heading: bool = False


_TABLE_ROWS = {
    SectionKey.MODULES: "modules",
    SectionKey.SYNC_CALLS: "sync_calls",
    SectionKey.ASYNC_EVENTS: "async_events",
    SectionKey.SHARED_STATE: "shared_state",
    SectionKey.FAILURE_MODES: "failure_modes",
    SectionKey.ENDPOINTS: "endpoints",
    SectionKey.EVENTS_PUBLISHED: "events_published",
    SectionKey.UNIT_TESTS: "unit_tests",
    SectionKey.INTEGRATION_TESTS: "integration_tests",
    SectionKey.E2E_TESTS: "e2e_tests",
    SectionKey.FEATURE_FLAGS: "feature_flags",
}


def render_spec(spec: IntegrationSpec) -> str:
    """Render ``spec`` in canonical form."""
    parts = list(_document(spec))
    out: list[str] = []
    for index, part in enumerate(parts):
        if index:
            previous = parts[index - 1]
            out.append("\n" if previous.heading and not part.heading else "\n\n")
        out.append(part.text)
    return "".join(out) + "\n"


def _document(spec: IntegrationSpec) -> Iterator[_Part]:
    yield _Part(f"# Integration: {spec.title}".rstrip())  # the seed leaves a blank line here
    metadata = [
        f"**{label}:** {value}".rstrip()
        for label, value in (
            ("Architecture", spec.architecture),
            ("Type", spec.type),
            ("Priority", spec.priority),
        )
        if value is not None
    ]
    metadata += [_labelled_line(item) for item in spec.extra_metadata]
    if metadata:
        yield _Part("\n".join(metadata))
    if spec.summary is not None:
        yield _Part("\n".join(f"> {line}".rstrip() for line in spec.summary.split("\n")))
    yield from _after(spec, SectionKey.PREAMBLE)
    for key, subsections in SECTION_LAYOUT:
        if key is SectionKey.RELATED and not _has_related(spec):
            continue
        yield _Part("---")
        yield from _section(spec, key)
        for subsection in subsections:
            yield from _section(spec, subsection)


def _has_related(spec: IntegrationSpec) -> bool:
    """Related Documents is our extension: written only when something belongs there."""
    return (
        bool(spec.related_documents)
        or any(note.section is SectionKey.RELATED for note in spec.notes)
        or any(extra.after is SectionKey.RELATED for extra in spec.extra_sections)
    )


def _section(spec: IntegrationSpec, key: SectionKey) -> Iterator[_Part]:
    level, heading = CANONICAL_HEADINGS[key]
    yield _Part(f"{'#' * level} {heading}", heading=True)
    yield from _content(spec, key)
    yield from _after(spec, key)


def _content(spec: IntegrationSpec, key: SectionKey) -> Iterator[_Part]:
    if key in _TABLE_ROWS:
        yield _Part(_table(key, getattr(spec, _TABLE_ROWS[key])))
    elif key is SectionKey.OVERVIEW and spec.overview:
        yield _Part(spec.overview)
    elif key is SectionKey.SHARED_TYPES and spec.shared_types:
        yield _Part(spec.shared_types)
    elif key is SectionKey.DATA_FLOW:
        yield from (_Part(_fence(diagram)) for diagram in spec.diagrams)
    elif key is SectionKey.FLOW_STEPS and spec.flow_steps:
        yield _Part("\n".join(_flow_steps(spec.flow_steps)))
    elif key is SectionKey.COMPENSATION:
        yield from (_Part(_compensation(block)) for block in spec.compensation)
    elif key is SectionKey.MIGRATION_STEPS and spec.migration_steps:
        yield _Part(_numbered(entry.text for entry in spec.migration_steps))
    elif key is SectionKey.RELATED and spec.related_documents:
        yield _Part("\n".join(f"- {item}" for item in spec.related_documents))
    elif key is SectionKey.PHASES:
        yield from _notes(spec, key)
        for phase in spec.phases:
            yield from _phase(phase)
        return
    yield from _notes(spec, key)


def _notes(spec: IntegrationSpec, key: SectionKey) -> Iterator[_Part]:
    for note in spec.notes:
        if note.section is key:
            yield _Part(note.markdown)


def _after(spec: IntegrationSpec, key: SectionKey) -> Iterator[_Part]:
    if key is SectionKey.PREAMBLE:
        yield from _notes(spec, key)
    for extra in spec.extra_sections:
        if extra.after is key:
            if extra.level <= 2:
                yield _Part("---")
            yield _Part(f"{'#' * extra.level} {extra.heading}", heading=True)
            if extra.body:
                yield _Part(extra.body)


def _table(key: SectionKey, rows: Sequence[object]) -> str:
    columns = TABLE_COLUMNS[key]
    lines = [
        "| " + " | ".join(column.heading for column in columns) + " |",
        "|" + "|".join("-" * (len(column.heading) + 2) for column in columns) + "|",
    ]
    for row in rows:
        cells = []
        for column in columns:
            value = getattr(row, column.field)
            text = ", ".join(value) if isinstance(value, tuple) else str(value)
            cells.append(escape_cell(text))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _fence(diagram: Diagram) -> str:
    fence = "```"
    while any(line.lstrip().startswith(fence) for line in diagram.content.split("\n")):
        fence += "`"
    body = f"{diagram.content}\n" if diagram.content else ""
    return f"{fence}{diagram.language}\n{body}{fence}"


def _flow_steps(steps: Sequence[FlowStep]) -> Iterator[str]:
    for number, step in enumerate(steps, start=1):
        marker = f"{number}. "
        indent = " " * len(marker)
        title = f"**{step.name}**"
        if step.module:
            title += f" ({step.module})"
        if step.note:
            title += f" — {step.note}"
        yield marker + title
        fields = (
            ("Trigger", step.trigger),
            ("Input", step.input),
            ("Action", step.action),
            ("Output", step.output),
            ("Failure", step.failure),
            ("Compensation", step.compensation),
        )
        for label, value in fields:
            if value is not None:
                yield f"{indent}- {label}: {value}".rstrip()
        for item in step.extra:
            text = f"{item.label}: {item.value}" if item.label else item.value
            yield f"{indent}- {text}".rstrip()


def _compensation(block: CompensationBlock) -> str:
    lines = [block.trigger] if block.trigger else []
    if block.steps:
        lines.append(_numbered(step.text for step in block.steps))
    return "\n".join(lines)


def _numbered(items: Iterable[str]) -> str:
    return "\n".join(f"{number}. {text}".rstrip() for number, text in enumerate(items, start=1))


def _phase(phase: Phase) -> Iterator[_Part]:
    yield _Part(f"### Phase {phase.number}: {phase.title}".rstrip(" :"), heading=True)
    lines = []
    if phase.goal is not None:
        lines.append(f"**Goal:** {phase.goal}".rstrip())
    lines.append(f"**Modules:** {', '.join(phase.modules)}".rstrip())
    lines.append("**Deliverables:**")
    lines += [
        f"- [{'x' if item.done else ' '}] {item.text}".rstrip() for item in phase.deliverables
    ]
    if phase.exit_criteria is not None:
        lines.append(f"**Exit Criteria:** {phase.exit_criteria}".rstrip())
    lines += [_labelled_line(item) for item in phase.extra]
    yield _Part("\n".join(lines))
    if phase.notes:
        yield _Part(phase.notes)


def _labelled_line(item: Labelled) -> str:
    return f"**{item.label}:** {item.value}".rstrip()
