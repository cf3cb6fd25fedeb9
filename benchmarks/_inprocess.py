"""In-process figures, run by ``bench_figures.py`` under the interpreter being measured.

Only the public API and ``check.engine.check_document`` are used, which every version of
the tool since the rule engine has, so the same script measures a branch and its base.
Prints one JSON object on stdout.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import sys
import time
from pathlib import Path

from integration_spec import load_architecture, parse_spec_text, render_spec
from integration_spec.check.config import Config
from integration_spec.check.engine import check_document, select_rules

ARCHITECTURE = Path("docs/architecture/SYSTEM-ARCHITECTURE.md")
STEP_COUNTS = (250, 500, 1000)


def _best(rounds: int, work: object) -> float:
    timings = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        work()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def _long_spec(text: str, path: str, steps: int) -> str:
    """A spec whose flow has ``steps`` steps: the corpus spec's steps, repeated and renumbered."""
    spec = parse_spec_text(text, path)
    base = spec.flow_steps
    repeated = [
        dataclasses.replace(step, name=f"{step.name} ({index + 1})")
        for index, step in ((index, base[index % len(base)]) for index in range(steps))
    ]
    return render_spec(dataclasses.replace(spec, flow_steps=tuple(repeated)))


def main() -> None:
    corpus = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    files = sorted((corpus / "features" / "integrations").glob("*.md"))
    texts = [(str(path.relative_to(corpus)), path.read_text(encoding="utf-8")) for path in files]
    megabytes = sum(len(text.encode()) for _, text in texts) / 2**20
    architecture = load_architecture(corpus / ARCHITECTURE)
    config = Config(root=corpus)
    rules = select_rules(config)

    def parse_all() -> None:
        for path, text in texts:
            parse_spec_text(text, path)

    def check_all() -> None:
        for path, text in texts:
            check_document(text, path, architecture=architecture, config=config, rules=rules)

    parse_all()
    parse_seconds = _best(rounds, parse_all)
    check_seconds = _best(rounds, check_all)

    per_rule: dict[str, float] = {}
    sample = texts[:30]
    for rule in rules:

        def one_rule(rule: type = rule) -> None:
            for path, text in sample:
                check_document(text, path, architecture=architecture, config=config, rules=[rule])

        per_rule[rule.code] = _best(1, one_rule)
    parse_sample = _best(1, lambda: [parse_spec_text(text, path) for path, text in sample])

    path, text = texts[0]
    steps: dict[int, float] = {}
    for count in STEP_COUNTS:
        long_text = _long_spec(text, path, count)
        steps[count] = _best(
            rounds,
            lambda long_text=long_text: check_document(
                long_text, path, architecture=architecture, config=config, rules=rules
            ),
        )
    print(
        json.dumps(
            {
                "specs": len(texts),
                "megabytes": megabytes,
                "rules": len(rules),
                "parse_seconds": parse_seconds,
                "check_seconds": check_seconds,
                "rule_seconds_per_30": {
                    code: max(0.0, seconds - parse_sample) for code, seconds in per_rule.items()
                },
                "steps_seconds": {str(count): seconds for count, seconds in steps.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
