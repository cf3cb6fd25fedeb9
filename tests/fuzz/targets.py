"""Fuzz targets: bytes in, and each either works or fails with a coded error, never otherwise.

Shared by the short Hypothesis run in the test suite (``test_fuzz.py``) and by the atheris
entry point for long runs (``atheris_main.py``, see CONTRIBUTING.md). A target raises only
for a bug: an exception that is not an :class:`InputError`, or a broken promise (a fix
that changed a line it did not touch, a fixed file that does not read back the same).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from integration_spec.architecture.registry import read_architecture
from integration_spec.check.baseline import load_baseline
from integration_spec.check.codes import known_codes
from integration_spec.check.config import Config, load_config
from integration_spec.check.engine import check_document, select_rules
from integration_spec.check.fixes import fix_until_stable, unified_diff
from integration_spec.check.suppression import find_suppressions
from integration_spec.model.architecture import Architecture
from integration_spec.project.globs import GlobError, check_glob, excluded_by
from integration_spec.rules.base import Fix
from integration_spec.source import InputError, SourceText, decode_source
from integration_spec.spec.headings import split_atx_heading

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shop"


@cache
def _architecture() -> Architecture:
    path = EXAMPLE / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md"
    return read_architecture(path.read_text(encoding="utf-8"), str(path))


@cache
def _config() -> Config:
    return Config(root=EXAMPLE)


def check_spec(data: bytes) -> None:
    """Any bytes as a spec: read, checked with every rule and the example architecture."""
    try:
        source = decode_source(data, "fuzz.md")
    except InputError:
        return
    config = _config()
    check_document(
        source.text,
        "features/integrations/fuzz.md",
        architecture=_architecture(),
        config=config,
        rules=select_rules(config),
    )


def fix_spec(data: bytes) -> None:
    """Any bytes as a spec, fixed: it finishes, and untouched bytes are kept."""
    try:
        source = decode_source(data, "fuzz.md")
    except InputError:
        return
    config = _config()
    rules = select_rules(config)

    def check(text: str) -> list[tuple[object, Fix | None]]:
        outcome = check_document(
            text, "fuzz.md", architecture=_architecture(), config=config, rules=rules
        )
        fixes = iter(outcome.fixes)
        return [(d, next(fixes, None) if d.fixable else None) for d in outcome.diagnostics]

    result = fix_until_stable(source, check)  # type: ignore[arg-type]
    written = result.source.encode()
    assert decode_source(written, "fixed.md").encode() == written
    assert result.source.bom == source.bom
    unified_diff("fuzz.md", source, result.source)


def load_configuration(data: bytes) -> None:
    """Any bytes as ``.integration-spec.toml`` or ``pyproject.toml``."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        name = ".integration-spec.toml" if data[:1] in (b"#", b"[") else "pyproject.toml"
        (root / name).write_bytes(data)
        try:
            load_config(root, known_codes)
        except InputError:
            return


def load_baseline_file(data: bytes) -> None:
    """Any bytes as a baseline file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "baseline.json"
        path.write_bytes(data)
        try:
            load_baseline(path)
        except InputError:
            return


def read_text_pieces(data: bytes) -> None:
    """Any text as a glob, a heading line and suppression comments."""
    text = data.decode("utf-8", errors="replace")
    try:
        check_glob(text)
    except GlobError:
        pass
    else:
        excluded_by((text,), "features/integrations/a.md")
    for line in text.split("\n"):
        heading = split_atx_heading(line)
        if heading is not None:
            assert heading.opening + heading.text + heading.closing == line.rstrip("\r\n")
    find_suppressions(text).unknown_codes(known_codes(), "fuzz.md")
    SourceText.from_raw(text).encode()


TARGETS: dict[str, Callable[[bytes], None]] = {
    "check": check_spec,
    "fix": fix_spec,
    "config": load_configuration,
    "baseline": load_baseline_file,
    "text": read_text_pieces,
}
