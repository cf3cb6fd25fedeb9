"""Write a saga project's ``expected.json`` from the shared case facts, never from the tool.

    python benchmarks/saga_expected.py tests/fixtures/sagas/<project> [--check]

The project's ``steps.json`` names its case and maps each flow step to the case's step; the
case (``../shared/sagas/cases.json``) gives every step's classification, the pivot and, per
failure scenario, the steps whose compensations run. This script renumbers them into the
spec's flow steps. ``--check`` compares with the file on disk instead of writing it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT.parent / "shared" / "sagas" / "cases.json"
ROLES = frozenset({"compensatable", "pivot", "retriable", "read-only", "uncompensated", "control"})
NOTE = (
    "The source's plan (../shared/sagas/cases.json) in this spec's flow-step numbers: roles by "
    "flow step; per failure scenario the flow steps whose compensations must run. A "
    "failed_step of null is a failure the spec has no flow step for."
)


def expected(case: dict[str, Any], mapping: dict[str, Any]) -> dict[str, Any]:
    """The case's plan in the flow-step numbers of ``mapping``."""
    to_flow = {int(step): int(flow) for flow, step in mapping["steps"].items()}
    roles = {
        str(to_flow[step["n"]]): step["classification"]
        for step in case["steps"]
        if step["classification"] in ROLES and step["n"] in to_flow
    }
    scenarios = []
    for scenario in case["failure_scenarios"]:
        failed = scenario["failed_step"]
        scenarios.append(
            {
                "failed_step": None if failed is None else to_flow.get(failed),
                "compensations": [
                    to_flow[item["step"]] for item in scenario["expected_compensations"]
                ],
                "ordered": scenario.get("order_semantics") in {"strict_reverse", "routed_chain"},
                "source_step": failed,
            }
        )
    pivot = case.get("pivot_step")
    return {
        "case": case["id"],
        "note": NOTE,
        "roles": dict(sorted(roles.items(), key=lambda item: int(item[0]))),
        "scenarios": scenarios,
        "pivot": None if pivot is None else to_flow.get(pivot),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--cases", type=Path, default=CASES)
    options = parser.parse_args()
    mapping = json.loads((options.project / "steps.json").read_text("utf-8"))
    cases = {case["id"]: case for case in json.loads(options.cases.read_text("utf-8"))["cases"]}
    text = json.dumps(expected(cases[mapping["case"]], mapping), indent=2, ensure_ascii=False)
    target = options.project / "expected.json"
    if options.check:
        same = json.loads(target.read_text("utf-8")) == json.loads(text)
        print(f"{options.project.name}: {'same' if same else 'DIFFERENT'}")
        sys.exit(0 if same else 1)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
