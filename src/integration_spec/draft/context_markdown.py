"""The grounding context as markdown: what an agent pastes into its reasoning, or a person reads.

Presentation only: every fact comes from :class:`~integration_spec.draft.context.GroundingContext`.
"""

from __future__ import annotations

from collections.abc import Iterable

from integration_spec.draft.context import GroundingContext, ModuleFacts

_NONE = "—"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or _NONE


def _names(values: Iterable[str]) -> str:
    return ", ".join(values) or _NONE


def render_context(context: GroundingContext) -> str:
    """The context as a markdown document with one section per kind of fact."""
    lines = ["# Grounding context", ""]
    if context.description:
        lines += [f"> {context.description}", ""]
    lines += [f"Architecture: `{context.architecture}`", ""]
    verdict = context.vagueness
    if verdict.pinned:
        lines += [f"The description pins the modules down: {verdict.reason}.", ""]
    else:
        lines += [
            f"**The description does not pin the modules down**: {verdict.reason}. "
            "Decide which modules take part (they are not implied by these words).",
            "",
        ]
    lines += [
        "## Candidate modules",
        "",
        "| Rank | Module | Score | Evidence |",
        "|---|---|---|---|",
    ]
    for rank, candidate in enumerate(context.candidates, start=1):
        lines.append(
            f"| {rank} | {candidate.module} | {candidate.score:g} | {_cell(candidate.reason)} |"
        )
    if not context.candidates:
        lines.append(f"| {_NONE} | no module matches | 0 | {_NONE} |")
    lines.append("")
    for facts in context.modules:
        lines += _module(facts)
    lines += ["## Allowed synchronous calls", ""]
    if context.calls:
        lines.append(
            "A module may call only a module it depends on; data goes the other way by events."
        )
        lines.append("")
        lines += [f"- {call.caller} → {call.callee}" for call in context.calls]
    else:
        lines.append("None: no described module depends on another; they talk by events.")
    lines += ["", "## Build phases", ""]
    lines += [f"- Phase {number}: {_names(names)}" for number, names in context.phases]
    lines += ["", "## Commands that undo each other", ""]
    if context.undo_pairs:
        lines += [f"- {pair.module}: {pair.command} ↔ {pair.undo}" for pair in context.undo_pairs]
    else:
        lines.append("None declared: a compensation will need a new command (say so with TODO).")
    lines += ["", "## Existing specs touching these modules", ""]
    if context.related_specs:
        lines += [
            f"- `{spec.path}` ({spec.title}): {_names(spec.modules)}"
            for spec in context.related_specs
        ]
    else:
        lines.append("None.")
    lines += ["", "## Validation checklist", ""]
    lines += [f"- [ ] {item.item} ({_names(item.codes)})" for item in context.checklist]
    return "\n".join(lines) + "\n"


def _module(facts: ModuleFacts) -> list[str]:
    phase = f"phase {facts.phase}" if facts.phase is not None else "no declared phase"
    where = f", architecture line {facts.line}" if facts.line else ""
    lines = [f"### {facts.name} ({phase}{where})", ""]
    if facts.responsibility:
        lines += [facts.responsibility, ""]
    rows = (
        ("Depends on", facts.dependencies),
        ("Aggregates", facts.aggregates),
        ("Value objects", facts.value_objects),
        ("Commands", facts.commands),
        ("Queries", facts.queries),
        ("Domain events", facts.events),
        ("Endpoints", facts.endpoints),
        ("Tables", facts.tables),
        ("External", facts.external_services),
    )
    lines += [f"- **{label}:** {_names(values)}" for label, values in rows if values]
    if facts.invariants:
        lines.append("- **Invariants:**")
        lines += [f"  - {invariant}" for invariant in facts.invariants]
    lines.append("")
    return lines
