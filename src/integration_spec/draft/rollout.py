"""Rollout: one feature flag per spec, off by default, and verified migration steps.

Each migration step says how it is verified; the last one removes the flag.
"""

from __future__ import annotations

from integration_spec.draft.coordination import output_name
from integration_spec.draft.plan import Flow, Saga
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import EndpointContract, FeatureFlag, ListEntry


def feature_flags(name: str, title: str) -> tuple[FeatureFlag, ...]:
    """The spec's flag, named after the spec, dark until the rollout turns it on."""
    return (FeatureFlag(flag=name, purpose=f"Turn on {title} end to end", default="off"),)


def migration_steps(
    architecture: Architecture,
    flow: Flow,
    saga: Saga,
    *,
    flag: str,
    entry: EndpointContract | None,
    happy_journey: str,
    new_entry: bool = False,
) -> tuple[ListEntry, ...]:
    """Schema first, then dark deploy, staged enablement, and the flag's removal last."""
    steps: list[str] = []
    writers = [
        module.name
        for name in dict.fromkeys(stage.module for stage in flow.stages if stage.writes)
        if (module := architecture.find(name)) is not None and module.tables
    ]
    if writers:
        steps.append(
            f"Apply any schema migrations of {', '.join(writers)}; verify: they run on a "
            "copy of production and existing rows are unchanged"
        )
    final = flow.stages[saga.pivot] if saga.pivot is not None else flow.stages[-1]
    # The flag hides only what is new. An endpoint the system serves today keeps serving
    # exactly as before; only an endpoint this spec creates is dark until the flag is on.
    if entry is not None and new_entry:
        dark = f"the new {entry.method} {entry.path} answers 404 while {flag} is off"
    elif entry is not None:
        dark = (
            f"{entry.method} {entry.path} answers as it does today (its existing tests pass "
            f"in production) and takes the new path only with {flag} on"
        )
    else:
        dark = (
            f"no {output_name(flow, final.index)} is produced by the new code in production "
            "for a day"
        )
    steps.append(f"Deploy every phase with {flag} off; verify: {dark}")
    steps.append(
        f"Enable {flag} for internal users; verify: the E2E journey '{happy_journey}' passes "
        "in production"
    )
    operation = final.operation.name or f"step {final.number}"
    steps.append(
        f"Enable {flag} for 10 percent of traffic; verify: the error rate of {operation} "
        "stays at its baseline for 7 days"
    )
    steps.append(
        f"Enable {flag} for everyone; verify: no compensation runs more often than in the "
        "10 percent stage for 14 days"
    )
    steps.append(
        f"Remove the {flag} flag, keeping the new behaviour on; verify: the flag is no "
        "longer referenced in code or in the flag store"
    )
    return tuple(ListEntry(text=text) for text in steps)
