"""What a spec means, decided once: the layer under rules, analysis and drafting.

``spec_facts(spec, architecture)`` reads one spec against its architecture into
:class:`SpecFacts`: every module name resolved (:mod:`.modules`), every step's effect and
failure (:mod:`.steps`, :mod:`.failures`), every compensation the spec states, wherever it
states it (:mod:`.compensation`), and the one saga plan (:mod:`.saga`). The meaning of
words lives in :mod:`.lexicon`; the tokenizer in :mod:`.text`. Rules and the analysis
consume these facts; neither re-reads text, so ``check`` and ``analyze`` cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from integration_spec.facts.boundaries import boundary_findings
from integration_spec.facts.compensation import CompensationFacts, read_compensation
from integration_spec.facts.modules import ModuleIndex, ModuleRef, NameKind
from integration_spec.facts.saga import plan_saga
from integration_spec.facts.steps import StepFacts, read_steps
from integration_spec.model.analysis import AnalysisFinding, SagaPlan
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import IntegrationSpec

__all__ = [
    "ModuleIndex",
    "ModuleRef",
    "NameKind",
    "SpecFacts",
    "StepFacts",
    "saga_plan",
    "spec_facts",
]


@dataclass(frozen=True)
class SpecFacts:
    """Everything the tool reads from one spec against one architecture."""

    spec: IntegrationSpec
    architecture: Architecture | None
    """The architecture when it names modules; an unread one counts as none."""
    modules: ModuleIndex
    steps: tuple[StepFacts, ...]
    compensation: CompensationFacts
    saga: SagaPlan

    @cached_property
    def boundaries(self) -> tuple[AnalysisFinding, ...]:
        """Boundary and dependency findings (BC rules, AR006, AR007), read on first use."""
        return boundary_findings(self.spec, self.architecture, self.modules, self.steps)


def spec_facts(spec: IntegrationSpec, architecture: Architecture | None = None) -> SpecFacts:
    """Read ``spec`` against ``architecture`` (see the module docstring)."""
    usable = architecture if architecture is not None and architecture.modules else None
    modules = ModuleIndex(spec, usable)
    steps = read_steps(spec.flow_steps, modules)
    compensation = read_compensation(spec, steps, modules)
    return SpecFacts(
        spec=spec,
        architecture=usable,
        modules=modules,
        steps=steps,
        compensation=compensation,
        saga=plan_saga(spec, steps, compensation),
    )


def saga_plan(spec: IntegrationSpec, architecture: Architecture | None = None) -> SagaPlan:
    """The saga plan of ``spec`` (what ``check`` and ``analyze`` both report from)."""
    return spec_facts(spec, architecture).saga
