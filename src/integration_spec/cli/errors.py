"""Exit codes and the one way every command reports an unusable input."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import click

from integration_spec.source import InputError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 3


def reports_input_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an :class:`InputError` into ``error: path:line: CODE message`` and exit code 2."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            click.echo(f"error: {error.diagnostic.format_text()}", err=True)
            sys.exit(EXIT_INPUT_ERROR)

    return wrapper
