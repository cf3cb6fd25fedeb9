"""How well drafting finds the modules an author involved (printed, never asserted).

For each case with a known module set (benchmarks/drafting/cases.yaml: the example shop's
specs with their own summaries, a refund, and the issue's hospital discharge), it prints
the modules ``context`` ranks in its top five and the modules ``new`` drafts, each against
the known set (recall = found / known, precision = right / picked). ``new`` refusing a
description that does not pin the modules down counts as picking nothing, and the reason
is printed: an honest refusal is better than a wrong draft.

    python benchmarks/bench_drafting.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from integration_spec import load_architecture
from integration_spec.draft.context import build_context
from integration_spec.draft.errors import DraftError
from integration_spec.draft.planner import DraftInputs, plan_spec

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "benchmarks" / "drafting" / "cases.yaml"


def _score(found: list[str], known: set[str]) -> str:
    right = len(set(found) & known)
    recall = right / len(known) if known else 0.0
    precision = right / len(set(found)) if found else 0.0
    return f"recall {recall:4.0%}  precision {precision:4.0%}"


def main() -> int:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    totals = {"context": [0, 0], "new": [0, 0]}
    print(f"{'case':<20} {'tool':<8} {'score':<30} modules")
    for case in cases:
        architecture = load_architecture(ROOT / case["architecture"])
        known = set(case["modules"])
        context = build_context(architecture, case["description"])
        top = [c.module for c in context.candidates[:5]]
        print(f"{case['name']:<20} {'context':<8} {_score(top, known):<30} {', '.join(top)}")
        totals["context"][0] += len(set(top) & known)
        totals["context"][1] += len(known)
        try:
            draft = plan_spec(
                architecture, DraftInputs(name=case["name"], description=case["description"])
            )
            picked = list(draft.flow.modules)
            steps = [stage.operation.name or "TODO" for stage in draft.flow.stages]
            note = ", ".join(picked) + f"  steps: {' > '.join(steps)}"
        except DraftError as error:
            picked = []
            note = f"refused: {error.message.split(': ', 1)[-1]}"
        print(f"{'':<20} {'new':<8} {_score(picked, known):<30} {note}")
        if "steps" in case:
            print(f"{'':<20} {'known':<8} {'':<30} steps: {' > '.join(case['steps'])}")
        totals["new"][0] += len(set(picked) & known)
        totals["new"][1] += len(known)
    for tool, (right, known_total) in totals.items():
        print(f"total {tool}: {right}/{known_total} known modules found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
