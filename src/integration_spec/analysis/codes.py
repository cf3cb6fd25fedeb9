"""Reserved codes of the input errors of ``analyze`` and ``triage`` (prefix ``AN``).

Like the ``IO`` codes of unreadable files, they always exit with code 2: the command could
not run on what it was given.
"""

from __future__ import annotations

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.source import InputError

ANALYSIS_INPUT_CODES: dict[str, str] = {
    "AN001": "git is not installed or cannot be run.",
    "AN002": "The directory given to `triage --diff` is not inside a git repository.",
    "AN003": "git does not know the revision given to `triage --diff`.",
    "AN004": "The document does not read as an integration spec (not titled "
    "'# Integration: <Title>' and none of Modules Involved, Data Flow, Failure Modes), or "
    "is a title without sections, so there is nothing to analyse.",
    "AN005": "A module given to `triage --modules` is not in the architecture.",
    "AN006": "`triage` needs exactly one source: a spec, --modules or --diff.",
}


def input_error(code: str, path: str, message: str, line: int | None = None) -> InputError:
    """An :class:`InputError` carrying one of :data:`ANALYSIS_INPUT_CODES`."""
    return InputError(
        Diagnostic(code=code, severity=Severity.ERROR, message=message, path=path, line=line)
    )
