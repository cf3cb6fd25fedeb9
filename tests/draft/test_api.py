"""Writing a draft: only under the root, never over an existing spec, atomically."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_spec import draft_spec
from integration_spec.check.run import CheckRequest, run_check
from integration_spec.draft.errors import DraftError
from integration_spec.model.diagnostics import Severity
from tests.conftest import EXAMPLE

PRECISE = (
    "Start a guest checkout, quote the order, reserve stock, authorize the payment, place the "
    "order and send the confirmation"
)
"""A description in the architecture's own words: it pins the modules and the operations."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    return root


def test_writes_the_spec_under_the_root_and_it_checks_clean(project: Path) -> None:
    result = draft_spec(
        "guest-checkout-2",
        PRECISE,
        root=project,
        write=True,
    )
    target = project / "features" / "integrations" / "guest-checkout-2.md"
    assert result.written
    assert result.path == target
    assert result.relative_path == "features/integrations/guest-checkout-2.md"
    assert target.read_text(encoding="utf-8") == result.markdown
    assert "**Architecture:** docs/architecture/SYSTEM-ARCHITECTURE.md" in result.markdown
    report = run_check(CheckRequest(paths=(str(target),), start=project)).report
    errors = [d for f in report.files for d in f.diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    assert not list(target.parent.glob(".guest-checkout-2.md.*"))  # no temporary left


def test_an_existing_spec_is_kept_without_force(project: Path) -> None:
    target = project / "features" / "integrations" / "guest-checkout.md"
    before = target.read_bytes()
    with pytest.raises(DraftError, match="already exists; it was not changed") as raised:
        draft_spec(
            "guest-checkout",
            PRECISE,
            root=project,
            write=True,
        )
    assert "--force" in (raised.value.hint or "")
    assert target.read_bytes() == before


def test_force_replaces_an_existing_spec(project: Path) -> None:
    target = project / "features" / "integrations" / "guest-checkout.md"
    result = draft_spec(
        "guest-checkout",
        PRECISE,
        root=project,
        write=True,
        force=True,
    )
    assert target.read_text(encoding="utf-8") == result.markdown


def test_without_write_nothing_is_written(project: Path) -> None:
    before = sorted(path.name for path in (project / "features" / "integrations").iterdir())
    result = draft_spec(
        "guest-checkout-2",
        PRECISE,
        root=project,
    )
    assert not result.written
    after = sorted(path.name for path in (project / "features" / "integrations").iterdir())
    assert before == after


def test_a_symlinked_specs_folder_pointing_outside_is_refused(
    project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(project / "features")
    (project / "features").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DraftError, match="outside the project root"):
        draft_spec(
            "guest-checkout-2",
            PRECISE,
            root=project,
            write=True,
        )
    assert list(outside.rglob("*")) == []


def test_a_missing_architecture_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="no architecture document at") as raised:
        draft_spec("x-y", "purchase", root=tmp_path)
    assert "--architecture" in (raised.value.hint or "")


def test_a_single_module_feature_is_written_only_with_force(project: Path) -> None:
    with pytest.raises(DraftError, match="feature brief fits better"):
        draft_spec("cart-tweak", modules=("cart",), root=project, write=True)
    target = project / "features" / "integrations" / "cart-tweak.md"
    assert not target.exists()
    draft_spec("cart-tweak", modules=("cart",), root=project, write=True, force=True)
    assert target.exists()


def test_an_architecture_outside_the_root_is_referenced_relatively(
    project: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "arch.md"
    shutil.copy(project / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md", elsewhere)
    result = draft_spec(
        "guest-checkout-2", modules=("checkout", "payments"), root=project, architecture=elsewhere
    )
    assert result.draft.spec.architecture == "../arch.md"
