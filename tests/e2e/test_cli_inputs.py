"""Bad input: a clear message naming file (and line), exit code 2, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from integration_spec.source import MAX_FILE_BYTES
from tests.conftest import FIXTURES
from tests.e2e.conftest import Run

Invoke = Callable[..., Run]


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of unusable file, with the message fragment the user must see."""
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n")
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes(b"# Integration: Caf\xe9\n\nline two \xff\n")
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    huge = tmp_path / "huge.md"
    huge.write_text("x" * (MAX_FILE_BYTES + 1))
    return {
        "missing": (tmp_path / "nope.md", "IO001 no such file"),
        "directory": (tmp_path, "IO002 is a directory"),
        "empty": (empty, "IO003 file is empty"),
        "invalid-utf8": (latin1, ":1: IO004 not valid UTF-8 (byte 0xe9 at column 19)"),
        "binary": (binary, "IO005 looks like a binary file"),
        "too-large": (huge, "IO006 file is 4,194,305 bytes, over the limit"),
    }


KINDS = ["missing", "directory", "empty", "invalid-utf8", "binary", "too-large"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["modules --architecture", "parse"])
def test_unusable_file_exits_2_with_a_message(
    ispec: Invoke, tmp_path: Path, kind: str, command: str
) -> None:
    path, expected = _bad_files(tmp_path)[kind]
    result = ispec(*command.split(), str(path))
    assert result.exit_code == 2
    assert f"error: {path}" in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_ragged_table_in_a_spec_names_file_and_line(ispec: Invoke) -> None:
    path = FIXTURES / "specs" / "invalid" / "ragged-table.md"
    result = ispec("parse", str(path))
    assert result.exit_code == 2
    assert f"{path}:9: PS001 table row has 2 cells but the header has 3" in result.stderr


def test_ragged_table_in_an_architecture_names_file_and_line(ispec: Invoke) -> None:
    path = FIXTURES / "architectures" / "ragged.md"
    result = ispec("modules", "--architecture", str(path))
    assert result.exit_code == 2
    assert f"{path}:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(ispec: Invoke) -> None:
    result = ispec("modules", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
