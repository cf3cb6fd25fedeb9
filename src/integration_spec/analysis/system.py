"""The system view: every module and every integration point of the specs read together.

Built from :class:`~integration_spec.facts.system.SystemFacts` (the same claims the ``XS``
rules compare), so the view and the cross-spec check cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from integration_spec.facts.system import Claim, SystemFacts


@dataclass(frozen=True, slots=True)
class IntegrationPoint:
    """One event, endpoint, piece of shared state or flag, and the spec that owns it."""

    kind: str
    name: str
    owner_spec: str
    """The spec that creates it (the first that does), or ``""`` when none does."""
    module: str
    line: int | None
    used_by: tuple[str, ...]
    """Other specs that consume, call or state it."""


@dataclass(frozen=True, slots=True)
class SystemView:
    """All modules, all integration points and the specs they come from."""

    specs: tuple[str, ...]
    modules: tuple[str, ...]
    points: tuple[IntegrationPoint, ...]


def system_view(system: SystemFacts) -> SystemView:
    """The view of ``system``: events, endpoints, shared state and flags with their owners."""
    points = [
        *_points("event", system.published, system.consumed),
        *_points("endpoint", system.endpoints_created, system.endpoints_called),
        *_points("shared state", system.shared_state, ()),
        *_points("flag", system.flags, ()),
    ]
    modules: dict[str, None] = {}
    for spec in system.specs:
        for ref in spec.facts.modules.involved:
            modules.setdefault(ref.name)
    return SystemView(
        specs=tuple(spec.path for spec in system.specs),
        modules=tuple(modules),
        points=tuple(points),
    )


def _points(kind: str, owned: tuple[Claim, ...], used: tuple[Claim, ...]) -> list[IntegrationPoint]:
    firsts: dict[str, Claim] = {}
    users: dict[str, list[str]] = {}
    for claim in owned:
        firsts.setdefault(claim.key, claim)
    for claim in (*owned, *used):
        users.setdefault(claim.key, [])
        if claim.path not in users[claim.key]:
            users[claim.key].append(claim.path)
    orphans = {claim.key: claim for claim in used if claim.key not in firsts}
    result = []
    for key, claim in (*firsts.items(), *orphans.items()):
        owner = claim.path if key in firsts else ""
        result.append(
            IntegrationPoint(
                kind=kind,
                name=claim.name,
                owner_spec=owner,
                module=claim.module_written if key in firsts else "",
                line=claim.line,
                used_by=tuple(path for path in users[key] if path != owner),
            )
        )
    return result


def system_mermaid(view: SystemView) -> str:
    """A Mermaid flowchart: one subgraph per spec, its points linked to their modules."""
    lines = ["flowchart LR"]
    ids: dict[str, str] = {}

    def node(label: str) -> str:
        return ids.setdefault(label, f"n{len(ids)}")

    for module in view.modules:
        lines.append(f'  {node("module:" + module)}(["{module}"])')
    for spec in view.specs:
        owned = [point for point in view.points if point.owner_spec == spec]
        lines.append(f'  subgraph {node("spec:" + spec)}["{spec}"]')
        for point in owned:
            lines.append(f'    {node(point.kind + ":" + point.name)}["{point.kind}: {point.name}"]')
        lines.append("  end")
    for point in view.points:
        point_id = node(point.kind + ":" + point.name)
        if point.module and "module:" + point.module in ids:
            lines.append(f"  {ids['module:' + point.module]} --> {point_id}")
        for user in point.used_by:
            lines.append(f"  {point_id} -.-> {node('spec:' + user)}")
    return "\n".join(lines) + "\n"
