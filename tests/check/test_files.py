"""Reading and writing a user's files: byte-faithful, atomic, and every failure a coded error."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integration_spec.project import write_output
from integration_spec.source import (
    InputError,
    SourceText,
    create_file,
    decode_source,
    read_source,
    write_text_atomic,
)

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def _code(error: pytest.ExceptionInfo[InputError]) -> str:
    return error.value.diagnostic.code


@given(st.binary(max_size=300), st.booleans())
def test_any_decodable_document_is_written_back_byte_for_byte(data: bytes, bom: bool) -> None:
    raw = (b"\xef\xbb\xbf" if bom else b"") + data
    try:
        source = decode_source(raw, "x.md")
    except InputError:
        return
    assert source.encode() == raw
    assert "\r" not in source.text
    assert len(source.breaks) == source.text.count("\n")


def test_line_breaks_and_bom_are_remembered() -> None:
    source = decode_source(b"\xef\xbb\xbfa\r\nb\rc\nd", "x.md")
    assert (source.text, source.breaks, source.bom) == ("a\nb\nc\nd", ("\r\n", "\r", "\n"), True)
    assert source.newline() in ("\r\n", "\r", "\n")
    assert SourceText.from_raw("a\r\nb\r\n").newline() == "\r\n"


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "spec.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symbolic_link_keeps_pointing_at_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    write_text_atomic(link, "new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_every_hard_link_sees_the_change(tmp_path: Path) -> None:
    first = tmp_path / "first.md"
    first.write_text("old\n", encoding="utf-8")
    second = tmp_path / "second.md"
    os.link(first, second)
    write_text_atomic(first, "new\n")
    assert second.read_text(encoding="utf-8") == "new\n"
    assert first.stat().st_ino == second.stat().st_ino


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        create_file(tmp_path / "report.json", b"{}\n", shown="report.json")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644


def test_creating_never_replaces(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("mine\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        create_file(tmp_path / "report.json", b"{}\n", shown="report.json")
    assert _code(raised) == "IO009"
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "mine\n"


def test_output_is_never_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        write_output(target, "{}\n", force=False)
    assert _code(raised) == "IO009"
    write_output(target, "{}\n", force=True)
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_output_refuses_what_is_not_a_regular_file_even_with_force(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere.json")
    for target in (fifo, link, tmp_path):
        with pytest.raises(InputError) as raised:
            write_output(target, "{}\n", force=True)
        assert _code(raised) == "IO010"
    assert not (tmp_path / "elsewhere.json").exists()
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_writing_under_a_file_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        write_output(tmp_path / "file" / "out.json", "{}\n", force=False)
    assert _code(raised) == "IO008"
    assert "not a directory" in raised.value.diagnostic.message


@pytest.mark.skipif(ROOT, reason="root writes into read-only folders")
def test_a_read_only_folder_is_an_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError) as raised:
            write_output(folder / "out.json", "{}\n", force=False)
        assert _code(raised) == "IO008"
        assert "permission denied" in raised.value.diagnostic.message
    finally:
        folder.chmod(0o755)


_FULL_DISK = """
import resource, sys
from pathlib import Path
from integration_spec.source import InputError, write_text_atomic
resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
target = Path(sys.argv[1])
try:
    write_text_atomic(target, "x" * 4096)
except InputError as error:
    print(error.diagnostic.code, error.diagnostic.message)
"""


def test_a_full_disk_leaves_the_old_file_and_no_temporary_behind(tmp_path: Path) -> None:
    """A file-size limit makes every write past 64 bytes fail with EFBIG, as a full disk would."""
    target = tmp_path / "spec.md"
    target.write_text("old\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.startswith("IO008 cannot write: file too large")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["spec.md"]


def test_reading_stops_at_the_limit_whatever_the_file_says(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(InputError) as raised:
        read_source(big, max_bytes=1024)
    assert _code(raised) == "IO006"
