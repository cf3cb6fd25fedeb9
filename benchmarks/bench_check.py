"""Throughput of ``check`` over a corpus, against our own parse and against markdownlint-cli2.

Figures are printed, never asserted. The targets (issue 3): all rules together add at most
50% over parsing; ``check --all`` is at least 20 times faster than markdownlint-cli2 on the
same files (the most used markdown linter, which checks far less); a cold ``check`` of one
spec costs at most twice ``python -c "import markdown_it"``.

markdownlint-cli2 comes from the npm registry: it is installed once into
``benchmarks/.node/`` (git-ignored). ``--no-markdownlint`` skips it.

Usage: python benchmarks/bench_check.py [--corpus DIR] [--count 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from integration_spec import load_architecture, parse_spec_text
from integration_spec.check.config import Config
from integration_spec.check.engine import check_document, select_rules

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE / ".node"
SCRIPT = Path(sys.executable).parent / "integration-spec"


def _best(rounds: int, work: Callable[[], None]) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def _wall(argv: Sequence[str], cwd: Path, runs: int = 1) -> tuple[float, int]:
    timings = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
        timings.append(time.perf_counter() - start)
        code = completed.returncode
    return statistics.median(timings), code


def _markdownlint() -> Path | None:
    binary = NODE_DIR / "node_modules" / ".bin" / "markdownlint-cli2"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    print("installing markdownlint-cli2 into benchmarks/.node (once) ...", flush=True)
    NODE_DIR.mkdir(exist_ok=True)
    subprocess.run(
        ["npm", "install", "--silent", "--prefix", str(NODE_DIR), "markdownlint-cli2"],
        check=False,
        capture_output=True,
    )
    return binary if binary.exists() else None


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, help="corpus dir (default: generate one)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-markdownlint", action="store_true")
    options = parser.parse_args()

    corpus = options.corpus
    temporary = None
    if corpus is None:
        temporary = tempfile.TemporaryDirectory(prefix="ispec-check-")
        corpus = Path(temporary.name)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate_corpus.py"),
                "--out",
                str(corpus),
                "--count",
                str(options.count),
                "--seed",
                str(options.seed),
            ],
            check=True,
            capture_output=True,
        )
    files = sorted((corpus / "features" / "integrations").glob("*.md"))
    texts = [(str(path.relative_to(corpus)), path.read_text(encoding="utf-8")) for path in files]
    megabytes = sum(len(text.encode()) for _, text in texts) / 2**20
    architecture = load_architecture(corpus / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md")
    config = Config(root=corpus)
    rules = select_rules(config)
    print(f"corpus: {corpus}: {len(texts)} specs, {megabytes:.2f} MB; {len(rules)} rules")

    def parse_all() -> None:
        for path, text in texts:
            parse_spec_text(text, path)

    findings = 0

    def check_all() -> None:
        nonlocal findings
        findings = 0
        for path, text in texts:
            outcome = check_document(
                text, path, architecture=architecture, config=config, rules=rules
            )
            findings += len(outcome.diagnostics)

    parse_all()
    parse_time = _best(options.rounds, parse_all)
    check_time = _best(options.rounds, check_all)
    count = len(texts)
    print()
    print(f"{'case':<48}{'ms/spec':>10}{'x parse':>10}")
    print("-" * 68)
    print(f"{'our parse (in process)':<48}{parse_time / count * 1000:>10.2f}{1.0:>10.2f}")
    ratio = check_time / parse_time
    print(
        f"{'check: parse + all rules (in process)':<48}"
        f"{check_time / count * 1000:>10.2f}{ratio:>10.2f}"
    )
    print(f"  rules add {ratio - 1:+.0%} over parsing (target: at most +50%); {findings} findings")

    cli_one, _ = _wall([str(SCRIPT), "check", "--all", "--format", "json"], corpus)
    cli_jobs, _ = _wall(
        [str(SCRIPT), "check", "--all", "--format", "json", "--jobs", str(options.jobs)], corpus
    )
    print(
        f"{'integration-spec check --all (CLI, 1 process)':<48}{cli_one / count * 1000:>10.2f}"
        f"{cli_one / parse_time:>10.2f}   {cli_one:.2f} s wall"
    )
    print(
        f"{f'integration-spec check --all --jobs {options.jobs}':<48}"
        f"{cli_jobs / count * 1000:>10.2f}{cli_jobs / parse_time:>10.2f}   {cli_jobs:.2f} s wall"
    )

    if not options.no_markdownlint:
        binary = _markdownlint()
        if binary is None:
            print("markdownlint-cli2: not available (npm missing or install failed)")
        else:
            lint_time, _ = _wall([str(binary), "features/integrations/*.md"], corpus)
            print(
                f"{'markdownlint-cli2 (same files)':<48}{lint_time / count * 1000:>10.2f}"
                f"{lint_time / parse_time:>10.2f}   {lint_time:.2f} s wall"
            )
            print(
                f"  check --all is {lint_time / cli_one:.1f}x faster than markdownlint-cli2 "
                "(target: at least 20x)"
            )

    one_spec = str(files[0].relative_to(corpus))
    cold, _ = _wall([str(SCRIPT), "check", one_spec], corpus, runs=15)
    import_md, _ = _wall([sys.executable, "-c", "import markdown_it"], corpus, runs=15)
    print()
    print(
        f"cold start, check of one spec: {cold * 1000:.0f} ms; "
        f"python -c 'import markdown_it': {import_md * 1000:.0f} ms; "
        f"ratio {cold / import_md:.2f} (target: at most 2)"
    )
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    main()
