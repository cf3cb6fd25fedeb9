"""The one error a draft can end with: bad input the user can fix (exit code 2)."""

from __future__ import annotations


class DraftError(Exception):
    """Input that cannot be drafted from: a bad name, an unknown module, nothing matching.

    ``hint`` says what to do instead; the command line prints both and exits with code 2.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ModulesNotPinnedError(DraftError):
    """The description does not determine the modules: the author must name them.

    ``candidates`` are the ranked modules with their evidence (from the grounding
    context), so a terminal can offer them and a refusal can list them.
    """

    def __init__(self, message: str, hint: str, candidates: tuple[object, ...]) -> None:
        super().__init__(message, hint)
        self.candidates = candidates
