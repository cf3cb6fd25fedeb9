"""``architecture.yaml`` written from what the markdown reader found, for a user to complete.

The file says where every module was read (a comment with its evidence), marks what the
document did not say with ``TODO`` (a responsibility, a build phase), and lists every
candidate the reader skipped as a commented-out module with the reason, so that adding a
module the reader missed is uncommenting one line. Values are written as JSON scalars and
flow lists, which YAML reads exactly as written (no surprises with ``yes``, ``1.0``, ``:``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from integration_spec.model.architecture import Architecture, Module, SkippedCandidate

_LIST_FIELDS = (
    "aliases",
    "dependencies",
    "aggregates",
    "value_objects",
    "domain_events",
    "invariants",
    "commands",
    "queries",
    "tables",
    "external_services",
    "source_paths",
)
TODO_RESPONSIBILITY = "TODO: say in one sentence what {name} owns"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_architecture_yaml(
    architecture: Architecture, source: str, schema_url: str | None = None
) -> str:
    """The YAML text of ``architecture``, with evidence, TODO markers and skipped candidates."""
    lines = [
        f"# architecture.yaml, written by `integration-spec init architecture` from {source}.",
        "# From now on this file is the architecture: commands given the markdown document",
        "# read this file instead. Complete every TODO, uncomment the skipped candidates at",
        "# the end that are modules, and delete what is not a module.",
    ]
    if schema_url:
        lines.append(f"# yaml-language-server: $schema={schema_url}")
    lines.append(f"title: {_json(architecture.title)}")
    if architecture.modules:
        lines.append("modules:")
        for module in architecture.modules:
            lines += _module_lines(module)
    else:
        lines += [
            "modules:",
            "  # TODO: the reader found no module in the document; list them here, e.g.",
            '  # - name: "orders"',
            '  #   responsibility: "Takes and tracks orders"',
            "  #   phase: 2",
            '  #   dependencies: ["payments"]',
        ]
        lines.append("  []")
    lines += _skipped_lines(architecture.skipped)
    return "\n".join(lines) + "\n"


def _module_lines(module: Module) -> list[str]:
    lines = [f"  - name: {_json(module.name)}"]
    found = module.evidence_for("name")
    if found:
        lines.append(f"    # read from {_comment(found[0].describe())}")
    responsibility = module.responsibility or TODO_RESPONSIBILITY.format(name=module.name)
    lines.append(f"    responsibility: {_json(responsibility)}")
    if module.phase is None:
        lines.append(
            "    phase: null  # TODO: its build phase (a module depends only on lower ones)"
        )
    else:
        lines.append(f"    phase: {module.phase}")
    for field in _LIST_FIELDS:
        values: tuple[str, ...] = getattr(module, field)
        if values or field == "dependencies":
            lines.append(f"    {field}: {_json(list(values))}")
    if module.endpoints:
        lines.append(f"    endpoints: {_json([str(endpoint) for endpoint in module.endpoints])}")
    return lines


def _skipped_lines(skipped: Iterable[SkippedCandidate]) -> list[str]:
    items = list(skipped)
    if not items:
        return []
    lines = [
        "",
        "# Skipped by the reader. Uncomment (under modules:) each one that is a module:",
    ]
    seen: set[str] = set()
    for item in items:
        if item.name in seen:
            continue
        seen.add(item.name)
        lines.append(
            f"#  - name: {_json(item.name)}  "
            f"# line {item.line}, {_comment(item.construct)}: {_comment(item.reason)}"
        )
    return lines
