"""The command line: parse arguments, call the public API, print. No logic lives here.

:func:`main` is the console script. It imports the command line only once it runs, so a
Ctrl-C while Python loads the commands ends quietly with exit code 130 instead of a
traceback.
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130
"""128 + SIGINT, what shells report for a command stopped with Ctrl-C."""


def main() -> None:
    """Run ``integration-spec`` / ``ispec``."""
    try:
        from integration_spec.cli.main import run
    except KeyboardInterrupt:
        interrupted()
    run()


def interrupted() -> None:
    """Ctrl-C: one line on stderr, exit code 130, nothing half written (writes are atomic)."""
    try:
        sys.stderr.write("interrupted\n")
        sys.stderr.flush()
    finally:
        raise SystemExit(EXIT_INTERRUPTED)
