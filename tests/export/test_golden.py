"""Golden files: every export of the example project, byte for byte.

Regenerate them after an intended change with one command, then review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/export/test_golden.py

Never edit a file under tests/fixtures/export/golden/ by hand. Each file carries the
suffix ``.golden`` so that pytest never collects a stored skeleton's ``test_*.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integration_spec import ExportOptions, IntegrationSpec, export_specs
from tests.conftest import FIXTURES
from tests.export.conftest import example_architecture, example_specs

GOLDEN = FIXTURES / "export" / "golden"
SUFFIX = ".golden"
KINDS = ("asyncapi", "openapi", "flagd", "pytest", "mermaid", "json")
EXAMPLES = example_specs()
GROUPS: dict[str, list[IntegrationSpec]] = {
    **{Path(spec.path).stem: [spec] for spec in EXAMPLES},
    "all": EXAMPLES,
}
CASES = [(group, kind) for group in GROUPS for kind in KINDS]


def _folder(group: str, kind: str) -> Path:
    return GOLDEN / group / kind


def _exported(group: str, kind: str) -> dict[str, bytes]:
    result = export_specs(GROUPS[group], kind, example_architecture(), ExportOptions())
    return {file.path: file.content for file in result.files}


@pytest.mark.parametrize(("group", "kind"), CASES, ids=[f"{g}-{k}" for g, k in CASES])
def test_export_matches_golden(group: str, kind: str) -> None:
    folder = _folder(group, kind)
    files = _exported(group, kind)
    if os.environ.get("UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.rglob(f"*{SUFFIX}"):
            if stale.relative_to(folder).as_posix().removesuffix(SUFFIX) not in files:
                stale.unlink()
        for name, content in files.items():
            (folder / f"{name}{SUFFIX}").write_bytes(content)
    stored = {
        path.relative_to(folder).as_posix().removesuffix(SUFFIX): path.read_bytes()
        for path in sorted(folder.rglob(f"*{SUFFIX}"))
    }
    assert stored, f"no golden files in {folder}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert files.keys() == stored.keys()
    for name, content in files.items():
        assert content.decode("utf-8") == stored[name].decode("utf-8"), name
