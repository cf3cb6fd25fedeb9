"""A user's files, byte for byte: read them as documents, write them back without losing anything.

Reading: every way a file can be unusable becomes one clear error (``IO001``..``IO007``).
The text the readers see has LF line ends and no byte-order mark; :class:`SourceText`
remembers how the file was written (its BOM and every line break), so a fix that changes
one line writes back exactly one line.

Writing: atomic (readers see the old file or the new one, never half of it), keeping what
the file is (its permissions, owner, hard links, and the file behind a symbolic link), and
refusing what is not a regular file. Every failure is an :class:`InputError` naming the
file (``IO008``..``IO010``), never an operating-system traceback. Where a command may write
(inside the project root, over an existing file) is the project's policy, not this module's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from integration_spec.model.diagnostics import Diagnostic, Severity

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Specs and architectures are documents, not data dumps; refuse anything larger."""

_BINARY_PROBE_BYTES = 8192
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
"""CommonMark's line endings (LF, CR, CRLF); one alternation of fixed strings, linear."""

_BOM = b"\xef\xbb\xbf"


class InputError(Exception):
    """A file cannot be used at all; carries the diagnostic to show (exit code 2)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format_text())
        self.diagnostic = diagnostic


def input_error(
    code: str, path: str, message: str, line: int | None = None, hint: str | None = None
) -> InputError:
    """Build an :class:`InputError` with a reserved code."""
    return InputError(
        Diagnostic(
            code=code, severity=Severity.ERROR, message=message, path=path, line=line, hint=hint
        )
    )


@dataclass(frozen=True, slots=True)
class SourceText:
    r"""A document as the readers see it, and how its bytes were written.

    ``text`` has LF line ends; ``breaks[i]`` is the line break the file had after line
    ``i + 1`` (``"\\n"``, ``"\\r\\n"`` or ``"\\r"``), so ``len(breaks)`` is
    ``text.count("\\n")``. :meth:`encode` gives back the original bytes exactly.
    """

    text: str
    breaks: tuple[str, ...]
    bom: bool = False

    @classmethod
    def from_raw(cls, raw: str, *, bom: bool = False) -> SourceText:
        """Split text with any mix of line endings into LF text and its breaks."""
        parts = _LINE_BREAK.split(raw)
        return cls(text="\n".join(parts[0::2]), breaks=tuple(parts[1::2]), bom=bom)

    @classmethod
    def from_lines(cls, lines: list[str], breaks: list[str], *, bom: bool = False) -> SourceText:
        """Join ``lines`` (one more than ``breaks``: the text after the last break)."""
        return cls(text="\n".join(lines), breaks=tuple(breaks), bom=bom)

    def lines(self) -> list[str]:
        """The lines of ``text``; the last is what follows the final break (often ``""``)."""
        return self.text.split("\n")

    def newline(self) -> str:
        """The file's usual line break, for lines a fix adds (LF when it has none)."""
        if not self.breaks:
            return "\n"
        return Counter(self.breaks).most_common(1)[0][0]

    def raw(self) -> str:
        """The text with its original line breaks (without the BOM)."""
        lines = self.lines()
        return "".join(line + brk for line, brk in zip(lines, (*self.breaks, ""), strict=True))

    def raw_lines(self) -> list[str]:
        """The original lines, each with its own line break (the last may have none)."""
        lines = self.lines()
        joined = [line + brk for line, brk in zip(lines, (*self.breaks, ""), strict=True)]
        return [line for line in joined if line]

    def encode(self) -> bytes:
        """The file's bytes: BOM (when it had one), UTF-8 text, its own line breaks."""
        data = self.raw().encode("utf-8", errors="surrogateescape")
        return _BOM + data if self.bom else data


def read_source(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read a UTF-8 document, or raise :class:`InputError` saying why it cannot be."""
    shown = str(path)
    return decode_source(read_bytes(path, max_bytes=max_bytes), shown)


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of a UTF-8 document (no BOM, LF line ends), or :class:`InputError`."""
    return read_source(path, max_bytes=max_bytes).text


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file of at most ``max_bytes``, or :class:`InputError` saying why not.

    The size is checked on what is read, not only on ``stat``, so a file that grows (or a
    pipe, whose size is unknown) cannot make the tool read without bound.
    """
    file = Path(path)
    shown = str(path)
    try:
        if file.is_dir():
            raise input_error("IO002", shown, "is a directory, expected a markdown or YAML file")
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise input_error("IO001", shown, "no such file") from None
    except PermissionError:
        raise input_error("IO007", shown, "permission denied") from None
    except (OSError, ValueError) as error:
        raise input_error("IO007", shown, f"cannot read: {_reason(error)}") from None
    if len(data) > max_bytes:
        size = _size(file, len(data))
        raise input_error(
            "IO006", shown, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes"
        )
    return data


def _size(file: Path, at_least: int) -> int:
    try:
        return max(file.stat().st_size, at_least)
    except OSError:
        return at_least


def decode_source(data: bytes, path: str) -> SourceText:
    """Decode document bytes, rejecting empty, binary and non-UTF-8 content with a line."""
    if not data.strip():
        raise input_error("IO003", path, "file is empty")
    if b"\x00" in data[:_BINARY_PROBE_BYTES]:
        raise input_error("IO005", path, "looks like a binary file (contains NUL bytes)")
    bom = data.startswith(_BOM)
    try:
        text = data[len(_BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start + (len(_BOM) if bom else 0)
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise input_error(
            "IO004",
            path,
            f"not valid UTF-8 (byte 0x{data[start]:02x} at column {column}); "
            "save the file as UTF-8",
            line=line,
        ) from None
    return SourceText.from_raw(text, bom=bom)


def decode_text(data: bytes, path: str) -> str:
    """The text of document bytes (no BOM, LF line ends), or :class:`InputError`."""
    return decode_source(data, path).text


# --- writing ---------------------------------------------------------------------------


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Create or replace ``path`` with ``text`` (UTF-8, as given) atomically.

    An existing file keeps its permissions, owner and hard links, and a symbolic link
    keeps pointing at the file it names, which is the one rewritten. Anything but a
    regular file is refused (``IO010``); every failure is an :class:`InputError`.
    """
    target = Path(path)
    data = text.encode("utf-8", errors="surrogateescape")
    if os.path.lexists(target):
        replace_file(target, data, shown=str(path))
    else:
        create_file(target, data, shown=str(path))


def create_file(path: Path, data: bytes, *, shown: str) -> None:
    """Write a new file atomically; refuse (``IO009``) if one appears at ``path`` meanwhile.

    The text goes to a temporary file beside the target, which is then hard-linked to the
    target's name: linking never replaces, so a file created concurrently is not
    overwritten. Where hard links are not supported, an exclusive create is used instead.
    New files get the usual permissions (``0o666`` less the umask).
    """
    try:
        _make_parent(path, shown)
        temporary = _temporary(path, data)
        try:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise _exists(shown) from None
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                _exclusive_copy(temporary, path, shown)
            _sync_directory(path.parent)
        finally:
            _unlink_quietly(temporary)
    except InputError:
        raise
    except OSError as error:
        raise write_error(shown, error) from None


def replace_file(path: Path, data: bytes, *, shown: str) -> None:
    """Replace an existing regular file's content, keeping what the file is.

    A symbolic link is followed (the link stays, the file it names changes); a file with
    several hard links is rewritten in place so every name sees the change; otherwise a
    temporary file with the same mode and owner is renamed over it.
    """
    try:
        target = path.resolve(strict=True) if path.is_symlink() else path
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise not_a_regular_file(shown, info.st_mode)
        if info.st_nlink > 1:
            _rewrite_in_place(target, data)
            return
        temporary = _temporary(target, data)
        try:
            temporary.chmod(stat.S_IMODE(info.st_mode))
            _keep_owner(temporary, info)
            temporary.replace(target)
        finally:
            _unlink_quietly(temporary)
        _sync_directory(target.parent)
    except InputError:
        raise
    except OSError as error:
        raise write_error(shown, error) from None


def _make_parent(path: Path, shown: str) -> None:
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise write_error(shown, OSError(errno.ENOTDIR, "a parent is not a directory")) from None


def _temporary(target: Path, data: bytes) -> Path:
    """A new file beside ``target`` holding ``data``, flushed to disk."""
    for _ in range(100):
        candidate = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            _unlink_quietly(candidate)
            raise
        return candidate
    raise OSError(errno.EEXIST, "cannot create a temporary file", str(target.parent))


def _exclusive_copy(temporary: Path, target: Path, shown: str) -> None:
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise _exists(shown) from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(temporary.read_bytes())
        handle.flush()
        os.fsync(handle.fileno())


def _rewrite_in_place(target: Path, data: bytes) -> None:
    """Overwrite a hard-linked file's content; on failure, put the old content back."""
    original = target.read_bytes()
    spare = _temporary(target, data)  # proves the data fits on the disk before touching it
    try:
        with target.open("r+b") as handle:
            try:
                handle.write(data)
                handle.truncate()
                handle.flush()
                os.fsync(handle.fileno())
            except BaseException:
                handle.seek(0)
                handle.write(original)
                handle.truncate()
                raise
    finally:
        _unlink_quietly(spare)


def _keep_owner(path: Path, info: os.stat_result) -> None:
    if (info.st_uid, info.st_gid) == (os.getuid(), os.getgid()):
        return
    # Only the owner or root may give a file away; the mode is kept either way.
    with contextlib.suppress(OSError):
        os.chown(path, info.st_uid, info.st_gid)


def _sync_directory(directory: Path) -> None:
    """Make a rename durable; not every platform can open a directory, which is fine."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _exists(shown: str) -> InputError:
    return input_error(
        "IO009",
        shown,
        "already exists; it was not changed",
        hint="pass --force to replace it, or choose another path",
    )


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_a_regular_file(shown: str, mode: int) -> InputError:
    """The refusal to write over anything but a regular file (``IO010``)."""
    return input_error(
        "IO010",
        shown,
        f"is {kind_of(mode)}, not a regular file; nothing was written",
        hint="write to a regular file, or leave out -o to print to the terminal",
    )


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large (a file-size limit of the system or the disk)",
    errno.EROFS: "read-only file system",
    errno.ENOTDIR: "a parent is not a directory",
    errno.EISDIR: "is a directory",
    errno.ENAMETOOLONG: "file name too long",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENOENT: "no such file or directory",
}


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        reason = _REASONS.get(error.errno or 0) or error.strerror or str(error)
        return reason
    return str(error)


def write_error(shown: str, error: OSError) -> InputError:
    """An operating-system failure while writing, as ``IO008`` naming the file."""
    detail = _reason(error)
    where = error.filename
    if where is not None and not str(where).endswith(".tmp") and str(where) != shown:
        detail += f" ({where})"
    return input_error("IO008", shown, f"cannot write: {detail}; nothing was changed")
