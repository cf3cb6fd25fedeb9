"""The Mermaid diagrams ``analyze`` draws, alone, ready to paste into markdown.

The drawing is :func:`integration_spec.facts.drawings.draw` with the saga plan, exactly
what the analysis report shows, so the two never differ. A single spec gives its flowchart
and its sequence diagram as two ``mermaid`` fences; several specs get a heading each.
"""

from __future__ import annotations

from collections.abc import Sequence

from integration_spec.export._text import one_line
from integration_spec.export.model import Export, ExportedFile, ExportOptions
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec

FILE_NAME = "diagrams.md"


def diagrams(spec: IntegrationSpec) -> tuple[str, str]:
    """The flowchart and the sequence diagram (with the deepest rollback) of ``spec``."""
    from integration_spec.facts import saga_plan
    from integration_spec.facts.drawings import draw

    drawn = draw(spec, saga_plan(spec))
    return drawn.mermaid_flowchart, drawn.mermaid_sequence


def _fence(diagram: str) -> str:
    return f"```mermaid\n{diagram.rstrip()}\n```\n"


def export_mermaid(
    specs: Sequence[IntegrationSpec],
    architecture: Architecture | None = None,
    options: ExportOptions | None = None,
) -> Export:
    """Markdown holding the diagrams of each spec."""
    parts: list[str] = []
    for spec in specs:
        flowchart, sequence = diagrams(spec)
        if len(specs) > 1:
            parts.append(f"## {one_line(spec.title) or spec.path}\n\nFrom {spec.path}.\n")
        parts += [_fence(flowchart), _fence(sequence)]
    text = "\n".join(parts)
    return Export(
        kind="mermaid", files=(ExportedFile(path=FILE_NAME, content=text.encode("utf-8")),)
    )
