"""``integration-spec new`` end to end, in a copy of the example project."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.e2e.conftest import Run

PRECISE = (
    "Start a guest checkout, quote the order, reserve stock, authorize the payment, place the "
    "order and send the confirmation"
)
"""A description in the architecture's own words: it pins the modules and the operations."""


Invoke = Callable[..., Run]
SPECS = Path("features") / "integrations"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    return root


def _tree(path: Path) -> dict[str, bytes]:
    """Every file under ``path`` with its content (to prove nothing else changed)."""
    return {
        str(item.relative_to(path)): item.read_bytes()
        for item in sorted(path.rglob("*"))
        if item.is_file()
    }


def _clean(result: Run) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def test_new_writes_a_complete_spec_that_checks_clean(ispec: Invoke, shop: Path) -> None:
    result = ispec(
        "new",
        "guest-checkout-2",
        PRECISE,
        cwd=shop,
    )
    _clean(result)
    assert result.exit_code == 0, result.stderr
    target = shop / SPECS / "guest-checkout-2.md"
    assert result.stdout.startswith("wrote features/integrations/guest-checkout-2.md: 6 modules")
    assert "module payments: 'payment' names the module name" in result.stderr
    assert "triage: integration-spec (6 modules modified" in result.stderr
    text = target.read_text(encoding="utf-8")
    for heading in (
        "## Overview",
        "## Modules Involved",
        "## Data Flow",
        "### Flow Steps",
        "## Coordination Points",
        "## Failure Modes",
        "### Compensation",
        "## Shared Types",
        "## API Contracts",
        "## Implementation Phases",
        "## Testing Strategy",
        "## Rollout Plan",
    ):
        assert heading in text
    checked = ispec("check", str(SPECS / "guest-checkout-2.md"), cwd=shop)
    _clean(checked)
    assert checked.exit_code == 0, checked.stdout + checked.stderr


def test_stdout_prints_the_spec_and_writes_nothing(ispec: Invoke, shop: Path) -> None:
    before = _tree(shop)
    result = ispec(
        "new",
        "guest-checkout-2",
        PRECISE,
        "--stdout",
        cwd=shop,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Integration: Guest Checkout 2\n")
    assert _tree(shop) == before


def test_same_inputs_same_bytes(ispec: Invoke, shop: Path) -> None:
    args = (
        "new",
        "guest-checkout-2",
        PRECISE,
        "--stdout",
    )
    assert ispec(*args, cwd=shop).stdout == ispec(*args, cwd=shop).stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../escape", "contains a path separator"),
        ("a/b", "contains a path separator"),
        ("guest-checkout.md", "contains a dot"),
        ("Guest_Checkout", "is not kebab-case"),
        ("x" * 65, "over the limit of 64"),
    ],
)
def test_bad_names_exit_2_and_write_nothing(
    ispec: Invoke, shop: Path, tmp_path: Path, name: str, message: str
) -> None:
    before = _tree(tmp_path)
    result = ispec(
        "new",
        name,
        PRECISE,
        cwd=shop,
    )
    _clean(result)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("error: spec name")
    assert _tree(tmp_path) == before


def test_an_existing_spec_is_not_overwritten_without_force(ispec: Invoke, shop: Path) -> None:
    target = shop / SPECS / "guest-checkout.md"
    before = target.read_bytes()
    result = ispec(
        "new",
        "guest-checkout",
        PRECISE,
        cwd=shop,
    )
    _clean(result)
    assert result.exit_code == 2
    assert "features/integrations/guest-checkout.md already exists" in result.stderr
    assert "--force" in result.stderr
    assert target.read_bytes() == before
    forced = ispec(
        "new",
        "guest-checkout",
        PRECISE,
        "--force",
        cwd=shop,
    )
    assert forced.exit_code == 0, forced.stderr
    assert target.read_bytes() != before


def test_a_missing_architecture_exits_2(ispec: Invoke, tmp_path: Path) -> None:
    result = ispec(
        "new",
        "guest-checkout",
        PRECISE,
        cwd=tmp_path,
    )
    _clean(result)
    assert result.exit_code == 2
    assert "error: no architecture document at" in result.stderr
    assert "--architecture" in result.stderr
    named = ispec("new", "x-y", "purchase", "--architecture", "nope.md", cwd=tmp_path)
    assert named.exit_code == 2
    assert "nope.md" in named.stderr
    assert not (tmp_path / "features").exists()


def test_a_description_matching_no_module_exits_2_with_the_closest(
    ispec: Invoke, shop: Path
) -> None:
    result = ispec("new", "zebra", "quantum teleportation of llamas", cwd=shop)
    _clean(result)
    assert result.exit_code == 2
    assert "error: no module of the architecture matches" in result.stderr
    assert "hint: closest: " in result.stderr
    assert not (shop / SPECS / "zebra.md").exists()


def test_an_unknown_module_gets_did_you_mean(ispec: Invoke, shop: Path) -> None:
    result = ispec("new", "pay-flow", "--flow", "checkout>paymnets", cwd=shop)
    assert result.exit_code == 2
    assert "module 'paymnets' is not in the architecture" in result.stderr
    assert "did you mean 'payments'" in result.stderr


def test_without_description_or_modules_and_no_terminal_it_does_not_wait(
    ispec: Invoke, shop: Path
) -> None:
    result = ispec("new", "guest-checkout-2", cwd=shop, stdin="")
    _clean(result)
    assert result.exit_code == 2
    assert "no terminal to ask" in result.stderr


def test_nothing_is_written_outside_the_root(ispec: Invoke, shop: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = _tree(tmp_path)
    result = ispec(
        "new", "price-sync-2", "--modules", "catalog,pricing,cart", "--root", str(shop),
        cwd=elsewhere,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = _tree(tmp_path)
    added = set(after) - set(before)
    assert added == {str(Path("shop") / SPECS / "price-sync-2.md")}
    assert {key: after[key] for key in before} == before


def test_a_single_module_feature_needs_force(ispec: Invoke, shop: Path) -> None:
    result = ispec("new", "cart-tweak", "--modules", "cart", cwd=shop)
    _clean(result)
    assert result.exit_code == 2
    assert "single-module feature brief fits better" in result.stderr
    assert not (shop / SPECS / "cart-tweak.md").exists()
    forced = ispec("new", "cart-tweak", "--modules", "cart", "--force", cwd=shop)
    assert forced.exit_code == 0, forced.stderr
    assert (shop / SPECS / "cart-tweak.md").exists()


def test_json_output(ispec: Invoke, shop: Path) -> None:
    result = ispec(
        "new", "guest-checkout-2", PRECISE, "--format", "json", "--stdout",
        cwd=shop,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["path"] == "features/integrations/guest-checkout-2.md"
    assert payload["written"] is False
    assert payload["spec"]["title"] == "Guest Checkout 2"
    assert payload["markdown"].startswith("# Integration: Guest Checkout 2")
    assert {pick["module"] for pick in payload["modules"]} >= {"checkout", "payments"}
    assert payload["triage"]["decision"] == "integration-spec"


def test_flow_and_modules_together_is_a_usage_error(ispec: Invoke, shop: Path) -> None:
    result = ispec("new", "x-y", "--flow", "cart>checkout", "--modules", "cart", cwd=shop)
    assert result.exit_code == 2
    assert "either --flow or --modules" in result.stderr


def test_help_shows_examples(ispec: Invoke) -> None:
    result = ispec("new", "--help")
    assert result.exit_code == 0
    assert 'integration-spec new refund-cancelled "Refund a cancelled order' in result.stdout
    assert "refused elsewhere" in result.stdout


def test_a_vague_description_is_refused_with_the_candidates(ispec: Invoke, shop: Path) -> None:
    before = _tree(shop)
    result = ispec("new", "guest-returns", "Guest returns an item and gets a refund", cwd=shop)
    _clean(result)
    assert result.exit_code == 2
    assert "does not pin the modules down: no module declares 'returns'" in result.stderr
    assert "--modules A,B,C" in result.stderr
    assert _tree(shop) == before


def test_the_issues_refund_with_modules_uses_refund_payment(ispec: Invoke, shop: Path) -> None:
    result = ispec(
        "new",
        "guest-returns",
        "Guest returns an item and gets a refund",
        "--modules",
        "checkout,payments,inventory",
        cwd=shop,
    )
    assert result.exit_code == 0, result.stderr
    text = (shop / SPECS / "guest-returns.md").read_text(encoding="utf-8")
    assert "**Refund payment** (payments)" in text
    assert "Add item" not in text
    assert "TODO: what checkout does in this step" in text
    assert "answers 404 in production" not in text
    checked = ispec("check", str(SPECS / "guest-returns.md"), "--format", "json", cwd=shop)
    assert json.loads(checked.stdout)["summary"]["errors"] == 0, checked.stdout
