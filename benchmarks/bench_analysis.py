"""How long the fault simulation (and the whole analysis) of generated long sagas takes.

    python benchmarks/bench_analysis.py [--steps 10 50 100] [--rounds 5]

Each flow has its pivot at two thirds of the steps; compensations of even steps are
retried, odd ones are not, so both outcomes occur. Printed per size: scenarios run, the
best of ``--rounds`` timings of the fault simulation alone and of the complete
``analyze`` (flow graph with networkx, saga plan, simulation, boundaries, diagrams).
Nothing is asserted: compare figures from one machine.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from functools import partial

from integration_spec.analysis.api import analyze
from integration_spec.analysis.faults import simulate_faults
from integration_spec.facts import spec_facts
from integration_spec.model.spec import FlowStep, IntegrationSpec, ModuleInvolvement


def generated_saga(steps: int, modules: int = 7) -> IntegrationSpec:
    """Compensatable steps (every third read-only), a marked pivot, then retriable steps."""
    pivot = max(1, steps * 2 // 3)
    names = [f"module-{number}" for number in range(1, modules + 1)]
    flow = []
    for number in range(1, steps + 1):
        if number == pivot:
            action, compensation = f"Charge part {number}; this is the point of no return", None
        elif number < pivot and number % 3 == 0:
            action, compensation = f"Verify part {number}", None
        elif number < pivot:
            retried = ", retried until it succeeds" if number % 2 == 0 else ""
            action = f"Reserve resource {number}"
            compensation = f"Release resource {number} (ReleaseResource{number}){retried}"
        else:
            action, compensation = f"Confirm resource {number}", None
        flow.append(
            FlowStep(
                name=f"Step {number}",
                module=names[(number - 1) % modules],
                input=f"Part{number - 1}Done",
                action=action,
                output=f"Part{number}Done",
                failure="Timeout: retry with backoff" if number > pivot else "Compensate",
                compensation=compensation,
            )
        )
    return IntegrationSpec(
        title=f"Generated saga of {steps} steps",
        modules=tuple(ModuleInvolvement(module=n, role="Both", changes="") for n in names),
        flow_steps=tuple(flow),
    )


def _best(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--steps", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    analyze(generated_saga(3))  # warm up: imports (networkx) are not timed
    print(
        f"{'steps':>6} {'scenarios':>10} {'inconsistent':>13} {'simulate ms':>12} "
        f"{'analyze ms':>11}"
    )
    for steps in options.steps:
        spec = generated_saga(steps)
        facts = spec_facts(spec)
        faults = simulate_faults(facts)
        simulate = _best(options.rounds, partial(simulate_faults, facts))
        whole = _best(options.rounds, partial(analyze, spec))
        print(
            f"{steps:>6} {faults.scenarios:>10} {faults.inconsistent:>13} "
            f"{simulate:>12.1f} {whole:>11.1f}"
        )


if __name__ == "__main__":
    main()
