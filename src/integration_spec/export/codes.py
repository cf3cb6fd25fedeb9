"""Reserved codes of ``export`` (prefix ``EX``): why an export did not run, or what it left out.

Errors exit with code 2 like the ``IO`` codes: the export could not be made from what it
was given. Warnings name a row of a spec that could not be expressed in the target format.
"""

from __future__ import annotations

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.source import InputError

EXPORT_CODES: dict[str, str] = {
    "EX001": "The output already exists; `export` replaces it only with --force.",
    "EX002": "The output would be written outside the project root.",
    "EX003": "A spec has error-level findings; `export` refuses it unless --force is given.",
    "EX004": "--module names a module that takes no part in what is exported.",
    "EX005": "Two specs say different things about the same flag, so they cannot be merged.",
    "EX006": "The options do not fit the kind (pytest needs -o DIR; --module, "
    "--include-used and --pending belong to some kinds only).",
    "EX007": "There is nothing of this kind to export (no events, endpoints or flags).",
    "EX008": "The output is a folder where a file goes, or a file where a folder goes.",
    "EX009": "The output cannot be written (permissions or another operating-system error).",
    "EX101": "A row cannot be expressed in the target format and was left out.",
    "EX102": "A value was exported with an assumption (an unclear flag default, an open payload).",
}


def export_error(code: str, path: str, message: str, line: int | None = None) -> InputError:
    """An :class:`InputError` carrying one of :data:`EXPORT_CODES` (exit code 2)."""
    return InputError(
        Diagnostic(code=code, severity=Severity.ERROR, message=message, path=path, line=line)
    )


def export_note(code: str, path: str, message: str, line: int | None = None) -> Diagnostic:
    """A warning about something the export left out or assumed."""
    return Diagnostic(code=code, severity=Severity.WARNING, message=message, path=path, line=line)
