"""Reading user files safely: every way a file can be unreadable becomes one clear error."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from integration_spec.model.diagnostics import Diagnostic, Severity

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Specs and architectures are documents, not data dumps; refuse anything larger."""

_BINARY_PROBE_BYTES = 8192

IO_CODES: dict[str, str] = {
    "IO001": "The file does not exist.",
    "IO002": "A directory was given where a file was expected.",
    "IO003": "The file is empty (or only white space).",
    "IO004": "The file is not valid UTF-8; the message gives the line and column.",
    "IO005": "The file looks binary (it contains NUL bytes).",
    "IO006": "The file is larger than the limit for a document (4 MiB).",
    "IO007": "The file cannot be read (permissions or another operating-system error).",
}
"""Codes of files that cannot be used at all; they always exit with code 2."""


class InputError(Exception):
    """A file cannot be used at all; carries the diagnostic to show (exit code 2)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format_text())
        self.diagnostic = diagnostic


def input_error(code: str, path: str, message: str, line: int | None = None) -> InputError:
    """Build an :class:`InputError` with a reserved ``IO`` code."""
    return InputError(
        Diagnostic(code=code, severity=Severity.ERROR, message=message, path=path, line=line)
    )


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text document, or raise :class:`InputError` saying why it cannot be.

    A leading byte-order mark is dropped and line endings are normalised to LF.
    """
    file = Path(path)
    shown = str(path)
    try:
        if file.is_dir():
            raise input_error("IO002", shown, "is a directory, expected a markdown or YAML file")
        size = file.stat().st_size
        if size > max_bytes:
            raise input_error(
                "IO006", shown, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes"
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise input_error("IO001", shown, "no such file") from None
    except PermissionError:
        raise input_error("IO007", shown, "permission denied") from None
    except OSError as error:
        raise input_error("IO007", shown, f"cannot read: {error.strerror or error}") from None
    return decode_text(data, shown)


def decode_text(data: bytes, path: str) -> str:
    """Decode document bytes, rejecting empty, binary and non-UTF-8 content with a line."""
    if not data.strip():
        raise input_error("IO003", path, "file is empty")
    if b"\x00" in data[:_BINARY_PROBE_BYTES]:
        raise input_error("IO005", path, "looks like a binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise input_error(
            "IO004",
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at column {column}); "
            "save the file as UTF-8",
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never half of it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
