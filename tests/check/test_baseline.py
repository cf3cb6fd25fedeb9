"""Baselines: identified from the project root, unreadable ones coded, one size limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_spec.check.baseline import (
    MAX_BASELINE_BYTES,
    Baseline,
    baseline_document,
    fingerprint,
    load_baseline,
)
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.source import InputError
from tests.robust import reproducers, write_case


def _finding(path: str, message: str = "m") -> Diagnostic:
    return Diagnostic(code="ST012", severity=Severity.WARNING, message=message, path=path, line=3)


@pytest.mark.parametrize("case", reproducers()["baselines"], ids=lambda case: case["name"])
def test_a_file_that_is_not_a_baseline_is_one_coded_error(
    tmp_path: Path, case: dict[str, str]
) -> None:
    path = write_case(case, tmp_path, "baseline.json")
    with pytest.raises(InputError) as raised:
        load_baseline(path)
    assert raised.value.diagnostic.code == case["code"]
    assert case["fragment"] in raised.value.diagnostic.message


def test_a_baseline_written_from_one_folder_is_read_from_another(tmp_path: Path) -> None:
    """Paths are shown from the working directory but identified from the project root."""
    written_from_root = baseline_document([(_finding("features/integrations/a.md"), "TODO")])
    path = tmp_path / "baseline.json"
    path.write_text(written_from_root, encoding="utf-8")
    from_inside = load_baseline(path, key=lambda shown: f"features/integrations/{shown}")
    assert from_inside.absorbs(_finding("a.md"), "TODO")
    assert not from_inside.absorbs(_finding("a.md"), "TODO")  # one entry absorbs one finding


def test_a_fingerprint_ignores_the_line_number_and_the_indentation() -> None:
    moved = Diagnostic(code="ST012", severity=Severity.WARNING, message="m", path="a.md", line=9)
    assert fingerprint(_finding("a.md"), "  TODO x") == fingerprint(moved, "TODO x")
    assert Baseline([fingerprint(moved, "TODO x")]).absorbs(_finding("a.md"), " TODO x ")


def test_writing_refuses_a_baseline_reading_would_refuse(tmp_path: Path) -> None:
    findings = [(_finding("a.md", f"finding {index}"), "x") for index in range(50)]
    text = baseline_document(findings)
    limit = len(text.encode("utf-8"))
    assert baseline_document(findings, max_bytes=limit) == text
    with pytest.raises(InputError) as raised:
        baseline_document(findings, max_bytes=limit - 1)
    assert raised.value.diagnostic.code == "IO006"


def test_reading_and_writing_share_one_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b'{"version": 1, "findings": []}' + b" " * (MAX_BASELINE_BYTES - 30))
    load_baseline(path)  # exactly at the limit: read
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(InputError) as raised:
        load_baseline(path)
    assert raised.value.diagnostic.code == "IO006"
