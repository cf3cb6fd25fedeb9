"""Long fuzzing runs with atheris (coverage-guided, libFuzzer): one target per run.

    pip install atheris
    python tests/fuzz/atheris_main.py check -max_total_time=600 tests/fuzz/corpus/check

The targets are those of ``targets.py`` (``check``, ``fix``, ``config``, ``baseline``,
``text``); every argument after the target goes to libFuzzer. See CONTRIBUTING.md.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    """Run one fuzz target under atheris until libFuzzer stops."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import atheris

    with atheris.instrument_imports():
        from tests.fuzz.targets import TARGETS

    if len(argv) < 2 or argv[1] not in TARGETS:
        raise SystemExit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
