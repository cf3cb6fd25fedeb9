"""Parse throughput of the spec reader against markdown-it-py and a bare line scan.

The question this answers: how much does building the model cost on top of tokenizing?
The parser runs markdown-it's block phase only (see integration_spec.markdown.blocks), so
the fair baseline is the block-only token parse (c); the full token parse (b) is what a
naive reader would pay. The line scan (a) is the floor no markdown reader can beat.

Files are read into memory first (I/O excluded); each case is warmed up, then timed with
``time.perf_counter`` as the best of ``--rounds`` interleaved passes, taken per ``--chunk``
specs and summed over the corpus (``--chunk 0``: best of whole-corpus passes).
Figures are printed, never asserted.

Usage: python benchmarks/bench_parse.py [--corpus DIR] [--count 1000] [--seed 7] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import platform
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from markdown_it import MarkdownIt

from integration_spec import parse_spec_text
from integration_spec.markdown.blocks import parse_blocks

MB = 1024 * 1024
WARMUP_DOCS = 100

Parse = Callable[[str, str], object]


@dataclass(frozen=True)
class Case:
    """One way of reading a document, and what its figure stands for."""

    key: str
    label: str
    parse: Parse


@dataclass(frozen=True)
class Result:
    """Best wall time of one case over the whole corpus."""

    case: Case
    seconds: float


def _line_scan(text: str, path: str) -> int:
    """The floor: touch every line once, as any reader must."""
    headings = 0
    for line in text.split("\n"):
        if line.startswith("#"):
            headings += 1
    return headings


def cases() -> list[Case]:
    """The five readers, cheapest first."""
    full = MarkdownIt("commonmark").enable("table")
    block = MarkdownIt("commonmark").enable("table").disable("inline")
    return [
        Case("a", "line scan (floor)", _line_scan),
        Case("b", "markdown-it full token parse", lambda text, path: full.parse(text)),
        Case("c", "markdown-it block-only parse", lambda text, path: block.parse(text)),
        Case("d", "our parse_blocks", lambda text, path: parse_blocks(text)),
        Case("e", "our parse_spec_text (model)", parse_spec_text),
    ]


def load(corpus: Path) -> list[tuple[str, str]]:
    """Every spec of the corpus as (relative path, text), in name order."""
    spec_dir = corpus / "features" / "integrations"
    paths = sorted(spec_dir.glob("*.md"))
    if not paths:
        raise SystemExit(f"no specs under {spec_dir}")
    return [(str(path.relative_to(corpus)), path.read_text(encoding="utf-8")) for path in paths]


def measure(
    cases: Sequence[Case], docs: Sequence[tuple[str, str]], rounds: int, chunk: int
) -> list[Result]:
    """Per case, the sum over corpus chunks of the best of ``rounds`` timed passes.

    Each case is warmed up on the first documents. Rounds are interleaved (a b c d e, a b c
    d e, ...) so a burst of load on the machine hits every case alike, and the best is kept
    per ``chunk`` documents (``0``: the whole corpus) so a burst spoils one short pass, not
    a case's figure.
    """
    for case in cases:
        for path, text in docs[:WARMUP_DOCS]:
            case.parse(text, path)
    size = chunk if chunk > 0 else len(docs)
    totals = dict.fromkeys((case.key for case in cases), 0.0)
    for first in range(0, len(docs), size):
        part = docs[first : first + size]
        best = dict.fromkeys(totals, float("inf"))
        for _ in range(rounds):
            for case in cases:
                gc.collect()
                parse = case.parse
                start = time.perf_counter()
                for path, text in part:
                    parse(text, path)
                best[case.key] = min(best[case.key], time.perf_counter() - start)
        for key, seconds in best.items():
            totals[key] += seconds
    return [Result(case, totals[case.key]) for case in cases]


def report(results: list[Result], docs: Sequence[tuple[str, str]]) -> None:
    """The table and the headline ratios."""
    total = sum(len(text.encode("utf-8")) for _, text in docs)
    by_key = {result.case.key: result.seconds for result in results}
    floor, full = by_key["a"], by_key["b"]
    header = f"{'case':<38} {'MB/s':>9} {'ms/spec':>9} {'x floor':>9} {'x md-it full':>13}"
    print(header)
    print("-" * len(header))
    for result in results:
        seconds = result.seconds
        print(
            f"({result.case.key}) {result.case.label:<34} {total / MB / seconds:>9.2f} "
            f"{seconds / len(docs) * 1000:>9.3f} {seconds / floor:>9.1f} {seconds / full:>13.2f}"
        )
    ours, block = by_key["e"], by_key["c"]
    print()
    print(
        f"model build over token parse: {_percent(ours / block - 1)} vs block-only (e/c - 1), "
        f"{_percent(ours / full - 1)} vs full token parse (e/b - 1)"
    )
    blocks = _percent(by_key["d"] / block - 1)
    print(f"block interface over block-only token parse: {blocks} (d/c - 1)")
    print(f"our parse vs line-scan floor: {ours / floor:.0f}x (e/a)")


def _percent(ratio: float) -> str:
    return f"{ratio * 100:+.0f}%"


def diagnostics(docs: Sequence[tuple[str, str]]) -> list[str]:
    """What our parser reported on the corpus (a generated corpus should give nothing)."""
    found = []
    for path, text in docs:
        found += [
            diagnostic.format_text() for diagnostic in parse_spec_text(text, path).diagnostics
        ]
    return found


def profile(docs: Sequence[tuple[str, str]], top: int = 15) -> None:
    """Where (e) spends its time: the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for path, text in docs:
        parse_spec_text(text, path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"\nprofile of (e) over {len(docs)} specs, top {top} by cumulative time:")
    print(out.getvalue().rstrip())
    # markdown-it dominates the list above; this one shows what the model build itself costs
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats(r"integration_spec", 10)
    print("\nour own functions, top 10 by total (self) time:")
    print(out.getvalue().rstrip())


def run(corpus: Path, rounds: int, chunk: int, with_profile: bool) -> None:
    """Load, time every case, print."""
    docs = load(corpus)
    total = sum(len(text.encode("utf-8")) for _, text in docs)
    print(f"corpus: {corpus}: {len(docs)} specs, {total / MB:.2f} MB (MB = 2^20 bytes)")
    print(
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"markdown-it-py {version('markdown-it-py')}, "
        f"best of {rounds} interleaved rounds per {chunk or len(docs)} specs, I/O excluded"
    )
    print()
    results = measure(cases(), docs, rounds, chunk)
    report(results, docs)
    found = diagnostics(docs)
    print(f"parse diagnostics on the corpus: {len(found)}")
    for line in found[:20]:
        print(f"  {line}")
    if with_profile:
        profile(docs)


def main(argv: Sequence[str] | None = None) -> int:
    """Benchmark ``--corpus``, or a corpus generated into a temporary directory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="corpus dir (default: generate one)")
    parser.add_argument("--count", type=int, default=1000, help="specs to generate (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds, best kept (default 3)")
    parser.add_argument(
        "--chunk", type=int, default=50, help="specs per best-of-rounds (default 50, 0: all)"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile (e), top 15 functions")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        run(args.corpus, args.rounds, args.chunk, args.profile)
        return 0
    from generate_corpus import generate  # this script's directory is on sys.path

    with tempfile.TemporaryDirectory(prefix="ispec-corpus-") as tmp:
        generate(Path(tmp), args.count, args.seed)
        print()
        run(Path(tmp), args.rounds, args.chunk, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
