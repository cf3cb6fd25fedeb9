"""Cold start-up of the command line, measured against ``python -c "import markdown_it"``.

A linter run in pre-commit hooks and CI is started hundreds of times a day, so its start-up
matters as much as its throughput. The reference is the one import the tool cannot avoid
(markdown-it-py); ``python -c pass`` shows the interpreter's own share. Each command is run
as a fresh subprocess, ``--runs`` times after one untimed run, and the median is printed.
``python -X importtime`` then shows which heavy packages each command pulls in.

A command that fails (it may not exist yet) is reported as failed, never timed, never fatal.
Figures are printed, never asserted.

Usage: python benchmarks/bench_startup.py [--corpus DIR] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HEAVY = ("pydantic", "rich", "yaml", "networkx", "jinja2")
ARCHITECTURE = Path("docs/architecture/SYSTEM-ARCHITECTURE.md")
SCRIPT = Path(sys.executable).parent / "integration-spec"


@dataclass(frozen=True)
class Command:
    """A command line to time; ``ok`` lists exit codes that mean it ran as intended."""

    label: str
    argv: tuple[str, ...]
    python_args: tuple[str, ...]
    """The same run as arguments to ``python`` (for ``-X importtime``)."""
    ok: tuple[int, ...] = (0,)


@dataclass(frozen=True)
class Timing:
    """The median wall time, or why there is none."""

    command: Command
    median_ms: float | None
    failure: str | None
    imported: tuple[str, ...] = ()
    module_count: int = 0


def commands(corpus: Path) -> list[Command]:
    """The commands measured; ``check`` is included because the start-up target names it."""
    architecture = str(corpus / ARCHITECTURE)
    specs = sorted((corpus / "features" / "integrations").glob("*.md"))
    spec = str(specs[0]) if specs else "features/integrations/missing.md"
    script = str(SCRIPT)

    def cli(label: str, *args: str, ok: tuple[int, ...] = (0,)) -> Command:
        return Command(label, (script, *args), (script, *args), ok)

    def python(label: str, code: str) -> Command:
        return Command(label, (sys.executable, "-c", code), ("-c", code))

    arch = ("--architecture", architecture)
    return [
        python('python -c "pass"', "pass"),
        python('python -c "import markdown_it"', "import markdown_it"),
        cli("integration-spec --version", "--version"),
        cli("integration-spec modules --architecture ARCH", "modules", *arch),
        # check exits 1 when it finds problems: that is a successful run
        cli("integration-spec check SPEC --architecture ARCH", "check", spec, *arch, ok=(0, 1)),
    ]


def _failure(result: subprocess.CompletedProcess[str]) -> str:
    """The line that says what went wrong: the first mentioning an error, else the last."""
    lines = [line.strip() for line in (result.stderr or result.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.casefold()]
    detail = (errors or lines or ["no output"])[0 if errors else -1]
    return f"exit {result.returncode}: {detail}"


def environment(pycache: Path | None) -> dict[str, str]:
    """The subprocess environment; with ``pycache``, bytecode is cached there for every module.

    An editable install under ``PYTHONDONTWRITEBYTECODE=1`` recompiles our sources on every
    start while markdown-it loads from its installed ``.pyc``: an unfair comparison, and not
    what users of an installed tool see. A fresh ``PYTHONPYCACHEPREFIX`` treats all alike and
    writes nothing into the source tree.
    """
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def time_command(command: Command, runs: int, cwd: Path, env: dict[str, str]) -> Timing:
    """Median of ``runs`` fresh processes, after one untimed run that also checks it works."""
    if not Path(command.argv[0]).exists():
        return Timing(command, None, f"{command.argv[0]} not found")
    first = subprocess.run(
        command.argv, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if first.returncode not in command.ok:
        return Timing(command, None, _failure(first))
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command.argv, cwd=cwd, env=env, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    imported, count = imports(command, cwd, env)
    return Timing(command, statistics.median(samples), None, imported, count)


def imports(command: Command, cwd: Path, env: dict[str, str]) -> tuple[tuple[str, ...], int]:
    """The heavy top-level packages imported, and how many modules were imported in all."""
    result = subprocess.run(
        (sys.executable, "-X", "importtime", *command.python_args),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    names = set()
    count = 0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or line.rstrip().endswith("imported package"):
            continue
        count += 1
        names.add(line.rsplit("|", 1)[-1].strip().split(".")[0])
    return tuple(name for name in HEAVY if name in names), count


def report(timings: list[Timing], runs: int, cached: bool) -> None:
    """Milliseconds, the ratio to ``import markdown_it``, and the heavy imports."""
    reference = next(
        (t.median_ms for t in timings if t.command.argv[-1] == "import markdown_it"), None
    )
    print(f"median of {runs} runs, each a fresh process; python {sys.version.split()[0]}")
    print(f"console script: {SCRIPT}")
    if cached:
        print("bytecode: cached for every module in a fresh PYTHONPYCACHEPREFIX (see --as-is)")
    else:
        print("bytecode: inherited environment (--as-is)")
    print()
    header = f"{'command':<50} {'ms':>8} {'x markdown_it':>14}  heavy imports (modules)"
    print(header)
    print("-" * len(header))
    for timing in timings:
        label = timing.command.label
        if timing.median_ms is None:
            print(f"{label:<50} {'failed':>8} {'':>14}  {timing.failure}")
            continue
        ratio = f"{timing.median_ms / reference:.2f}" if reference else "n/a"
        heavy = ", ".join(timing.imported) or "none"
        print(f"{label:<50} {timing.median_ms:>8.1f} {ratio:>14}  {heavy} ({timing.module_count})")


def run(corpus: Path, runs: int, as_is: bool) -> None:
    """Time every command with the corpus as working directory."""
    with tempfile.TemporaryDirectory(prefix="ispec-pycache-") as pycache:
        env = environment(None if as_is else Path(pycache))
        timings = [time_command(command, runs, corpus, env) for command in commands(corpus)]
    report(timings, runs, cached=not as_is)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure against ``--corpus``, or a small corpus generated into a temporary directory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="corpus dir (default: generate 20 specs)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="inherit the environment's bytecode settings instead of a fresh bytecode cache",
    )
    args = parser.parse_args(argv)
    if args.corpus is not None:
        run(args.corpus.resolve(), args.runs, args.as_is)
        return 0
    from generate_corpus import generate  # this script's directory is on sys.path

    with tempfile.TemporaryDirectory(prefix="ispec-corpus-") as tmp:
        generate(Path(tmp), 20, 7)
        print()
        run(Path(tmp), args.runs, args.as_is)
    return 0


if __name__ == "__main__":
    sys.exit(main())
