"""How well the saga plan matches published sagas written in the seed's format.

``tests/fixtures/sagas/<case>/`` holds one project per case of the shared facts
(``cases.json``: ten sagas from books, sample repositories and official documentation),
written by someone who saw only the seed's format and the facts, never this parser;
``steps.json`` maps each flow step to the case's step. This script analyses each spec and
compares, per step, the role (compensatable, pivot, retriable, read-only) and, per failure
scenario, the compensations that must run (in order when the source says so).

Cases are split in two halves: develop on one, and read only the totals of the other
(``--show-held-out`` lists its cases too, for the closing figures, not for tuning).

    python benchmarks/bench_sagas.py [--cases ../shared/sagas/cases.json] [--show-held-out]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from integration_spec import analyze
from integration_spec._api import load_architecture, parse_spec_text
from integration_spec.model.analysis import FailurePoint

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "tests" / "fixtures" / "sagas"
HELD_OUT = frozenset(
    {
        "camel-saga-buy",
        "trip-booking-temporal-java",
        "trip-booking-camunda",
        "ftgo-create-order",
        "ftgo-cancel-order",
    }
)
"""Chosen before any tuning, by the order the cases were collected in, alternating kinds."""
ROLES = frozenset({"compensatable", "pivot", "retriable", "read-only", "uncompensated", "control"})
"""Every classification of the cases is a role of the plan too."""


def _score(case: dict[str, Any], project: Path) -> dict[str, Any]:
    mapping = json.loads((project / "steps.json").read_text("utf-8"))
    spec_path = project / mapping["spec"]
    spec = parse_spec_text(spec_path.read_text("utf-8"), str(spec_path))
    arch_path = project / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md"
    architecture = load_architecture(arch_path) if arch_path.is_file() else None
    plan = analyze(spec, architecture).saga
    to_case = {int(flow): int(step) for flow, step in mapping["steps"].items()}
    to_flow = {step: flow for flow, step in to_case.items()}
    roles = {to_case.get(step.number, 0): step.role.value for step in plan.steps}
    scored = [s for s in case["steps"] if s["classification"] in ROLES]
    right_roles = [s["n"] for s in scored if roles.get(s["n"]) == s["classification"]]
    points: dict[int | None, FailurePoint] = {point.step: point for point in plan.failure_points}
    if plan.cancellation is not None:
        points[None] = plan.cancellation  # cancelled after it completed: no flow step fails
    scenarios = 0
    right_scenarios = 0
    for scenario in case["failure_scenarios"]:
        failed = scenario["failed_step"]
        flow = None if failed is None else to_flow.get(failed)
        if (failed is not None and flow is None) or flow not in points:
            scenarios += 1
            continue
        scenarios += 1
        expected = [item["step"] for item in scenario["expected_compensations"]]
        found = [to_case.get(action.step, 0) for action in points[flow].compensations]
        ordered = scenario.get("order_semantics") in {"strict_reverse", "routed_chain"}
        if (found == expected) if ordered else (sorted(found) == sorted(expected)):
            right_scenarios += 1
    pivot = to_case.get(plan.pivot or 0) if plan.pivot else None
    return {
        "case": case["id"],
        "roles": (len(right_roles), len(scored)),
        "pivot": pivot == case.get("pivot_step"),
        "scenarios": (right_scenarios, scenarios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cases", type=Path, default=ROOT.parent / "shared/sagas/cases.json")
    parser.add_argument("--show-held-out", action="store_true")
    options = parser.parse_args()
    cases = {case["id"]: case for case in json.loads(options.cases.read_text("utf-8"))["cases"]}
    totals: dict[str, list[int]] = {}
    for project in sorted(path for path in PROJECTS.iterdir() if (path / "steps.json").is_file()):
        case_id = json.loads((project / "steps.json").read_text("utf-8"))["case"]
        if case_id not in cases:
            continue
        half = "held-out" if case_id in HELD_OUT else "development"
        result = _score(cases[case_id], project)
        result["case"] = project.name
        exact = (
            result["pivot"]
            and result["roles"][0] == result["roles"][1]
            and result["scenarios"][0] == result["scenarios"][1]
        )
        total = totals.setdefault(half, [0, 0, 0, 0, 0, 0, 0])
        for index, value in enumerate(
            (1, int(exact), int(result["pivot"]), *result["roles"], *result["scenarios"])
        ):
            total[index] += value
        if half == "development" or options.show_held_out:
            print(
                f"{half:12} {result['case']:30} pivot {'ok' if result['pivot'] else 'WRONG':5}"
                f" roles {result['roles'][0]}/{result['roles'][1]}"
                f" scenarios {result['scenarios'][0]}/{result['scenarios'][1]}"
                f"{'  exact' if exact else ''}"
            )
    print()
    print(f"{'':12} {'cases':>6} {'exact':>6} {'pivot':>6} {'roles':>9} {'scenarios':>10}")
    for half in ("development", "held-out"):
        n, exact, pivot, roles, role_total, right, scenario_total = totals.get(half, [0] * 7)
        print(
            f"{half:12} {n:6} {exact:6} {pivot:6} {roles:>4}/{role_total:<4} "
            f"{right:>4}/{scenario_total:<4}"
        )


if __name__ == "__main__":
    main()
