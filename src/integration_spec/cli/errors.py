"""Exit codes and the one way every command reports an unusable input."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import NoReturn, ParamSpec, TypeVar

import click

from integration_spec import Diagnostic, InputError, Severity

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 3


def fail(diagnostic: Diagnostic) -> NoReturn:
    """Print ``error: path:line: CODE message`` (and the hint) on stderr; exit with code 2."""
    text = f"{diagnostic.location()}: {diagnostic.code} {diagnostic.message}"
    click.echo(f"error: {text}", err=True)
    if diagnostic.hint:
        click.echo(f"  hint: {diagnostic.hint}", err=True)
    sys.exit(EXIT_INPUT_ERROR)


def os_error_diagnostic(
    error: OSError, *, writing: bool = False, path: str | None = None
) -> Diagnostic:
    """An operating-system error that escaped a use case, as an ``IO`` finding on its file.

    ``path`` names the file when the error does not (a failed ``write`` has no file name).
    """
    filename = error.filename if error.filename is not None else (path or "")
    reason = error.strerror or str(error)
    reason = reason[:1].lower() + reason[1:]
    if isinstance(error, FileExistsError) and filename:
        reason = "a file is in the way of a folder that has to be created"
    verb = "cannot write" if writing else "file system error"
    return Diagnostic(
        code="IO008" if writing else "IO007",
        severity=Severity.ERROR,
        message=f"{verb}: {reason}; nothing was changed" if writing else f"{verb}: {reason}",
        path=str(filename),
    )


def reports_input_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an :class:`InputError` (or an escaped ``OSError``) into a message and exit code 2."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            fail(error.diagnostic)
        except RecursionError:
            raise
        except OSError as error:
            if isinstance(error, BrokenPipeError):
                raise
            fail(os_error_diagnostic(error))

    return wrapper
