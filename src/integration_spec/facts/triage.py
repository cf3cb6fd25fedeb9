"""Integration spec or feature brief? The seed's When-to-Use table as a decision tree.

| Indicator | Threshold |
|---|---|
| Modules modified | 3+ |
| Data flows between modules | Yes |
| Complex rollback needed | Yes |
| New shared interfaces | Yes |
| Spans multiple aggregates | Yes |

The seed gives thresholds, not how they combine; the tree below is ours, chosen so that the
module count decides the clear cases and the other indicators decide the two-module one:

1. 3 or more modules modified: an **integration spec**.
2. At most one module: a **feature brief** (nothing crosses a boundary).
3. Exactly two modules: an integration spec when data flows between them *and* the change
   needs complex rollback, new shared interfaces or spans several aggregates, i.e. it is a
   cross-context integration in all but the module count; otherwise a feature brief that
   names its one dependency.

An indicator nobody could establish is ``unknown`` and counts as not met; the output says
so, and the flags of ``triage`` supply it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from integration_spec.facts import spec_facts
from integration_spec.facts.modules import is_named, module_name
from integration_spec.facts.text import is_blank, plain, words
from integration_spec.model.analysis import (
    Decision,
    Indicator,
    SagaPlan,
    StepRole,
    TriageResult,
)
from integration_spec.model.architecture import Architecture
from integration_spec.model.names import name_key
from integration_spec.model.spec import IntegrationSpec

MODULE_THRESHOLD = 3

MODULES = "Modules modified"
DATA_FLOWS = "Data flows between modules"
COMPLEX_ROLLBACK = "Complex rollback needed"
SHARED_INTERFACES = "New shared interfaces"
MULTIPLE_AGGREGATES = "Spans multiple aggregates"
YES_NO_INDICATORS = (DATA_FLOWS, COMPLEX_ROLLBACK, SHARED_INTERFACES, MULTIPLE_AGGREGATES)


@dataclass(frozen=True, slots=True, kw_only=True)
class Flags:
    """Indicator values a person states (``--data-flows``...); ``None`` means not given."""

    data_flows: bool | None = None
    complex_rollback: bool | None = None
    shared_interfaces: bool | None = None
    multiple_aggregates: bool | None = None

    def as_values(self) -> dict[str, tuple[bool | None, str]]:
        """Given flags as indicator values with their source."""
        pairs = {
            DATA_FLOWS: self.data_flows,
            COMPLEX_ROLLBACK: self.complex_rollback,
            SHARED_INTERFACES: self.shared_interfaces,
            MULTIPLE_AGGREGATES: self.multiple_aggregates,
        }
        return {name: (value, "flag") for name, value in pairs.items() if value is not None}


NO_FLAGS = Flags()
"""Nothing stated: every indicator comes from the input."""

Values = Mapping[str, tuple[bool | None, str]]
"""Indicator name -> (value, where it came from); ``None`` is unknown."""


def decide(
    source: str,
    modules: Sequence[str],
    values: Values,
    *,
    notes: Sequence[str] = (),
    unmapped_files: Sequence[str] = (),
    files_by_module: Mapping[str, tuple[str, ...]] | None = None,
) -> TriageResult:
    """Apply the decision tree to the module list and the yes/no indicators."""
    count = len(modules)
    module_source = {"modules": "command line"}.get(source, source)
    indicators = [
        Indicator(
            name=MODULES,
            threshold=f"{MODULE_THRESHOLD}+",
            value=str(count),
            met=count >= MODULE_THRESHOLD,
            source=module_source,
        )
    ]
    met: dict[str, bool] = {}
    for name in YES_NO_INDICATORS:
        value, origin = values.get(name, (None, "not given"))
        met[name] = value is True
        indicators.append(
            Indicator(
                name=name,
                threshold="Yes",
                value="unknown" if value is None else ("yes" if value else "no"),
                met=value is True,
                source=origin if value is not None else "not given",
            )
        )
    decision, reason = _tree(count, met)
    return TriageResult(
        source=source,
        modules=tuple(modules),
        indicators=tuple(indicators),
        decision=decision,
        reason=reason,
        notes=tuple(notes),
        unmapped_files=tuple(unmapped_files),
        files_by_module=dict(files_by_module or {}),
    )


def _tree(count: int, met: Mapping[str, bool]) -> tuple[Decision, str]:
    if count >= MODULE_THRESHOLD:
        return (
            Decision.INTEGRATION_SPEC,
            f"{count} modules modified (threshold {MODULE_THRESHOLD}+)",
        )
    if count <= 1:
        what = "one module" if count == 1 else "no module"
        return Decision.FEATURE_BRIEF, f"{what} modified: nothing crosses a module boundary"
    extras = [
        name.casefold()
        for name in (COMPLEX_ROLLBACK, SHARED_INTERFACES, MULTIPLE_AGGREGATES)
        if met[name]
    ]
    if met[DATA_FLOWS] and extras:
        return (
            Decision.INTEGRATION_SPEC,
            "2 modules with data flowing between them and " + " and ".join(extras),
        )
    if not met[DATA_FLOWS]:
        return Decision.FEATURE_BRIEF, "2 modules and no data flow between them is known"
    return (
        Decision.FEATURE_BRIEF,
        "2 modules with data flowing between them, but no complex rollback, new shared "
        "interface or second aggregate: a feature brief naming the dependency is enough",
    )


# --- from a spec ----------------------------------------------------------------------------


def triage_spec(
    spec: IntegrationSpec, architecture: Architecture | None = None, flags: Flags = NO_FLAGS
) -> TriageResult:
    """Read every indicator from the spec and the architecture's aggregates; flags win."""
    modules = _spec_modules(spec)
    facts = spec_facts(spec, architecture)
    values: dict[str, tuple[bool | None, str]] = {
        DATA_FLOWS: (_spec_data_flows(spec), "spec"),
        COMPLEX_ROLLBACK: (_complex_rollback(facts.saga), "spec"),
        SHARED_INTERFACES: (_shared_interfaces(spec), "spec"),
        MULTIPLE_AGGREGATES: _spec_aggregates(spec, facts.architecture),
    }
    values.update(flags.as_values())
    return decide("spec", modules, values)


def _spec_modules(spec: IntegrationSpec) -> list[str]:
    names = [row.module for row in spec.modules if is_named(row.module)]
    if not names:
        names = [step.module for step in spec.flow_steps if is_named(step.module)]
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name_key(module_name(name)), module_name(name))
    return list(unique.values())


def _spec_data_flows(spec: IntegrationSpec) -> bool:
    if spec.sync_calls or spec.async_events or spec.shared_state:
        return True
    step_modules = {name_key(module_name(s.module)) for s in spec.flow_steps if is_named(s.module)}
    return len(step_modules) >= 2


def _complex_rollback(plan: SagaPlan) -> bool:
    """A failure somewhere must undo work in a module other than the one that failed."""
    for point in plan.failure_points:
        failing = name_key(plan.steps[point.step - 1].module)
        if any(name_key(action.module) != failing for action in point.compensations):
            return True
    return any(plan_step.role is StepRole.UNCOMPENSATED for plan_step in plan.steps)


def _shared_interfaces(spec: IntegrationSpec) -> bool:
    types = spec.shared_types.strip()
    has_types = bool(types) and not is_blank(types) and "TODO" not in types
    return has_types or bool(spec.endpoints) or bool(spec.events_published)


def _spec_aggregates(
    spec: IntegrationSpec, architecture: Architecture | None
) -> tuple[bool | None, str]:
    writers = [
        row.module
        for row in spec.modules
        if is_named(row.module) and words(row.role)[:1] in (["producer"], ["both"])
    ]
    if architecture is not None:
        aggregates = {
            name_key(aggregate)
            for name in writers
            if (module := architecture.find(module_name(name))) is not None
            for aggregate in module.aggregates
        }
        if aggregates:
            return len(aggregates) >= 2, "architecture"
    return len(writers) >= 2, "spec"


# --- from a module list (and from a diff) -----------------------------------------------------


def triage_modules(
    modules: Sequence[str],
    flags: Flags = NO_FLAGS,
    architecture: Architecture | None = None,
    *,
    source: str = "modules",
    notes: Sequence[str] = (),
    extra_values: Values | None = None,
    unmapped_files: Sequence[str] = (),
    files_by_module: Mapping[str, tuple[str, ...]] | None = None,
) -> TriageResult:
    """Decide from module names; flags win over what the architecture lets us infer."""
    known = architecture if architecture is not None and architecture.modules else None
    values: dict[str, tuple[bool | None, str]] = {}
    if known is not None:
        values.update(_architecture_values(modules, known))
    values.update(extra_values or {})
    values.update(flags.as_values())
    return decide(
        source,
        modules,
        values,
        notes=notes,
        unmapped_files=unmapped_files,
        files_by_module=files_by_module,
    )


def _architecture_values(
    modules: Sequence[str], architecture: Architecture
) -> dict[str, tuple[bool | None, str]]:
    found = [m for name in modules if (m := architecture.find(name)) is not None]
    values: dict[str, tuple[bool | None, str]] = {}
    if any(a.depends_on(b.name) for a in found for b in found if a is not b):
        values[DATA_FLOWS] = (True, "architecture")
    aggregates = {name_key(aggregate) for module in found for aggregate in module.aggregates}
    if aggregates:
        values[MULTIPLE_AGGREGATES] = (len(aggregates) >= 2, "architecture")
    return values


def split_module_list(text: str) -> list[str]:
    """``A,B, C`` (commas or semicolons) as names, duplicates (any spelling) dropped."""
    unique: dict[str, str] = {}
    for part in text.replace(";", ",").split(","):
        name = plain(part)
        if name:
            unique.setdefault(name_key(name), name)
    return list(unique.values())
