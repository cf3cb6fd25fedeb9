"""Every figure of the speed goals in one table, optionally against another install.

Figures are printed, never asserted. Each is measured the way a user meets it:

- cold start: a fresh process for ``check SPEC`` against ``python -c pass``, with bytecode
  on (``PYTHONDONTWRITEBYTECODE`` dropped, a fresh ``PYTHONPYCACHEPREFIX``), as installed
  tools run; the spec is changed before every run (the pre-commit case: the architecture
  is cached, the spec is not), and once more with ``--no-cache``;
- ``check --all`` over the corpus in one process, without the cache, with a warm cache,
  and with ``--jobs 2``;
- markdownlint-cli2 on the same files, when it is installed (``benchmarks/.node`` or PATH;
  ``npm install --prefix benchmarks/.node markdownlint-cli2``);
- in process (``_inprocess.py``, run by the measured interpreter): ``parse_spec_text``
  throughput, the rules' cost over parsing, and one spec with 250, 500 and 1,000 steps.

``--before PYTHON`` measures a second install (say, the base branch in its own virtualenv)
with the same corpus and prints both columns.

Usage: python benchmarks/bench_figures.py --corpus DIR [--before PYTHON] [--runs 11]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = ".integration-spec-cache"
NODE_BINARY = HERE / ".node" / "node_modules" / ".bin" / "markdownlint-cli2"


@dataclass
class Figures:
    """What one install measured."""

    label: str
    values: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    rules: dict[str, float] = field(default_factory=dict)


def _environment(pycache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _run(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    completed = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start, completed.returncode


def _median(argv: Sequence[str], cwd: Path, env: dict[str, str], runs: int) -> float:
    _run(argv, cwd, env)  # fills the bytecode cache
    return statistics.median(_run(argv, cwd, env)[0] for _ in range(runs))


def _cold_check(
    cli: str, corpus: Path, spec: Path, env: dict[str, str], runs: int, extra: Sequence[str]
) -> float:
    """Median wall time of ``check SPEC``, the spec's text changed before every run."""
    original = spec.read_bytes()
    timings = []
    try:
        for run in range(runs + 1):
            spec.write_bytes(original + b"\n" * (run % 2))
            seconds, _ = _run([cli, "check", str(spec.relative_to(corpus)), *extra], corpus, env)
            if run:
                timings.append(seconds)
    finally:
        spec.write_bytes(original)
    return statistics.median(timings)


def _startup(figures: Figures, python: Path, corpus: Path, runs: int) -> None:
    cli = str(python.parent / "integration-spec")
    no_cache = ["--no-cache"] if _has_cache(cli) else []
    with tempfile.TemporaryDirectory(prefix="ispec-pycache-") as pycache:
        env = _environment(Path(pycache))
        spec = sorted((corpus / "features" / "integrations").glob("*.md"))[0]
        passing = _median([str(python), "-c", "pass"], corpus, env, runs)
        figures.values["python -c pass (ms)"] = passing * 1000
        shutil.rmtree(corpus / CACHE, ignore_errors=True)
        _run([cli, "check", str(spec.relative_to(corpus))], corpus, env)
        changed = _cold_check(cli, corpus, spec, env, runs, [])
        figures.values["cold check, spec changed (ms)"] = changed * 1000
        uncached = _cold_check(cli, corpus, spec, env, runs, no_cache)
        figures.values["cold check, --no-cache (ms)"] = uncached * 1000
        shutil.rmtree(corpus / CACHE, ignore_errors=True)


def _check_all(figures: Figures, python: Path, corpus: Path) -> None:
    cli = str(python.parent / "integration-spec")
    has_cache = _has_cache(cli)
    no_cache = ["--no-cache"] if has_cache else []
    env = dict(os.environ)
    all_specs = [cli, "check", "--all", "--format", "json"]
    figures.values["check --all, no cache (s)"] = min(
        _run([*all_specs, *no_cache], corpus, env)[0] for _ in range(2)
    )
    if has_cache:
        _run(all_specs, corpus, env)
        figures.values["check --all, warm cache (s)"] = _run(all_specs, corpus, env)[0]
    jobs = _run([*all_specs, "--jobs", "2", *no_cache], corpus, env)[0]
    figures.values["check --all --jobs 2, no cache (s)"] = jobs
    shutil.rmtree(corpus / CACHE, ignore_errors=True)


def _in_process(figures: Figures, python: Path, corpus: Path, rounds: int) -> None:
    completed = subprocess.run(
        [str(python), str(HERE / "_inprocess.py"), str(corpus), str(rounds)],
        capture_output=True,
        text=True,
        check=True,
    )
    inner = json.loads(completed.stdout)
    figures.values["parse_spec_text (MB/s)"] = inner["megabytes"] / inner["parse_seconds"]
    ratio = inner["check_seconds"] / inner["parse_seconds"]
    figures.values["rules over parse (%)"] = (ratio - 1) * 100
    for count, seconds in inner["steps_seconds"].items():
        figures.values[f"one spec, {count} steps (ms)"] = seconds * 1000
    figures.rules = inner["rule_seconds_per_30"]
    figures.notes["corpus"] = (
        f"{inner['specs']} specs, {inner['megabytes']:.2f} MB, {inner['rules']} rules"
    )


def _has_cache(cli: str) -> bool:
    help_text = subprocess.run([cli, "check", "--help"], capture_output=True, text=True).stdout
    return "--no-cache" in help_text


def measure(
    installs: Sequence[tuple[str, Path]], corpus: Path, runs: int, rounds: int
) -> list[Figures]:
    """All figures for every install, one kind of figure at a time for all of them.

    Measuring the installs side by side, figure by figure, keeps a burst of load on a shared
    machine from landing on one install's column only.
    """
    measured = [Figures(label) for label, _ in installs]
    for figures, (_, python) in zip(measured, installs, strict=True):
        _startup(figures, python, corpus, runs)
    for figures, (_, python) in zip(measured, installs, strict=True):
        _check_all(figures, python, corpus)
    for figures, (_, python) in zip(measured, installs, strict=True):
        _in_process(figures, python, corpus, rounds)
    return measured


def markdownlint(corpus: Path) -> float | None:
    """Wall time of markdownlint-cli2 on the corpus specs, when it is installed."""
    binary = str(NODE_BINARY) if NODE_BINARY.exists() else shutil.which("markdownlint-cli2")
    if binary is None:
        return None
    timings = [
        _run([binary, "features/integrations/*.md"], corpus, dict(os.environ))[0] for _ in range(2)
    ]
    return min(timings)


GOALS = {
    "cold check, spec changed (x pass)": "<= 6x (stretch 4x)",
    "check --all, no cache (s)": "<= 3 s",
    "faster than markdownlint-cli2 (x)": ">= 25x",
    "parse_spec_text (MB/s)": ">= 10",
    "rules over parse (%)": "<= +50%",
    "one spec, steps (ms per step, 250 -> 1000)": "linear",
}


def _derived(figures: Figures, lint: float | None) -> dict[str, str]:
    values = figures.values
    shown: dict[str, str] = {}
    passing = values["python -c pass (ms)"]
    for name in ("cold check, spec changed", "cold check, --no-cache"):
        milliseconds = values[f"{name} (ms)"]
        shown[f"{name} (x pass)"] = f"{milliseconds / passing:.1f}x ({milliseconds:.0f} ms)"
    shown["python -c pass (ms)"] = f"{passing:.0f}"
    for key in (
        "check --all, no cache (s)",
        "check --all, warm cache (s)",
        "check --all --jobs 2, no cache (s)",
    ):
        if key in values:
            shown[key] = f"{values[key]:.2f}"
    if lint is not None:
        shown["markdownlint-cli2 (s)"] = f"{lint:.2f}"
        shown["faster than markdownlint-cli2 (x)"] = (
            f"{lint / values['check --all, no cache (s)']:.1f}x"
        )
    else:
        shown["faster than markdownlint-cli2 (x)"] = "not installed"
    shown["parse_spec_text (MB/s)"] = f"{values['parse_spec_text (MB/s)']:.1f}"
    shown["rules over parse (%)"] = f"{values['rules over parse (%)']:+.0f}%"
    per_step = [values[f"one spec, {count} steps (ms)"] / count for count in (250, 500, 1000)]
    shown["one spec, steps (ms per step, 250 -> 1000)"] = " -> ".join(
        f"{ms:.2f}" for ms in per_step
    )
    shown["one spec, 1000 steps (ms)"] = f"{values['one spec, 1000 steps (ms)']:.0f}"
    return shown


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a generate_corpus.py corpus")
    parser.add_argument("--before", type=Path, help="python of another install to compare")
    parser.add_argument("--runs", type=int, default=11, help="runs per cold-start median")
    parser.add_argument("--rounds", type=int, default=3, help="best-of rounds in process")
    options = parser.parse_args()
    corpus = options.corpus.resolve()
    installs = [("now", Path(sys.executable))]
    if options.before:
        installs.insert(0, ("before", options.before))
    measured = measure(installs, corpus, options.runs, options.rounds)
    lint = markdownlint(corpus)
    print(f"corpus: {corpus} ({measured[-1].notes['corpus']})")
    shown = [_derived(figures, lint) for figures in measured]
    keys = list(shown[-1])
    width = max(len(key) for key in keys) + 2
    header = f"{'figure':<{width}}" + "".join(f"{figures.label:>24}" for figures in measured)
    print(header + f"{'goal':>26}")
    print("-" * (len(header) + 26))
    for key in keys:
        row = f"{key:<{width}}" + "".join(f"{column.get(key, '-'):>24}" for column in shown)
        print(row + f"{GOALS.get(key, ''):>26}")
    print()
    print("slowest rules now (seconds per 30 specs, over their parse):")
    slowest = sorted(measured[-1].rules.items(), key=lambda item: -item[1])[:8]
    print("  " + ", ".join(f"{code} {seconds:.3f}" for code, seconds in slowest))


if __name__ == "__main__":
    main()
