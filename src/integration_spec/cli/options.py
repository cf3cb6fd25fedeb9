"""Options several commands share: ``--color``, ``--quiet``, ``--force``, and where to print."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import IO, TypeVar

import click

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.report.color import COLOR_MODES, use_color

F = TypeVar("F", bound=Callable[..., object])

MAX_STDIN_BYTES = 4 * 1024 * 1024
"""The document size limit, for standard input too."""


def color_option(function: F) -> F:
    """``--color auto|always|never``."""
    decorated: F = click.option(
        "--color",
        "color",
        type=click.Choice(COLOR_MODES),
        default="auto",
        show_default=True,
        help="Colour (and tables) in the output; auto honours NO_COLOR, FORCE_COLOR, "
        "TERM=dumb and whether the output is a terminal.",
    )(function)
    return decorated


def quiet_option(function: F) -> F:
    """``-q/--quiet``."""
    decorated: F = click.option(
        "-q", "--quiet", is_flag=True, help="Print only the result: no summary or progress."
    )(function)
    return decorated


def force_option(help_text: str) -> Callable[[F], F]:
    """``--force`` with a command's own help."""

    def decorate(function: F) -> F:
        decorated: F = click.option("--force", is_flag=True, help=help_text)(function)
        return decorated

    return decorate


def colored(mode: str, stream: IO[str] | None = None) -> bool:
    """Whether to colour what goes to ``stream`` (stdout by default)."""
    target = stream or sys.stdout
    try:
        isatty = target.isatty()
    except (AttributeError, ValueError):
        isatty = False
    return use_color(mode, isatty=isatty, environ=os.environ)


def read_stdin() -> bytes:
    """Standard input's bytes, at most the document limit (one byte more shows it is over)."""
    return sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)


def emit(text: str, *, err: bool = False) -> None:
    """Print a rendered result as it is (renderers end it with a newline).

    Nothing is stripped: a renderer adds colour only when :func:`colored` said so, and
    click's own stripping would otherwise drop what ``FORCE_COLOR`` asked for in a pipe.
    """
    if text:
        click.echo(text, nl=not text.endswith("\n"), err=err, color=True)


def note(message: str, *, quiet: bool = False) -> None:
    """A line for the person at the terminal, on stderr; ``quiet`` drops it."""
    if not quiet:
        click.echo(message, err=True)


def print_diagnostics(diagnostics: tuple[Diagnostic, ...], *, quiet: bool = False) -> None:
    """One ``severity: path:line: CODE message`` line per diagnostic on stderr."""
    for diagnostic in diagnostics:
        if quiet and diagnostic.severity is not Severity.ERROR:
            continue
        click.echo(f"{diagnostic.severity.value}: {diagnostic.format_text()}", err=True)


def has_errors(diagnostics: tuple[Diagnostic, ...]) -> bool:
    """Whether any diagnostic is at error level."""
    return any(diagnostic.severity is Severity.ERROR for diagnostic in diagnostics)
