"""The interactive path of ``new``: a terminal is asked, a pipe never waits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from integration_spec.cli import new_command
from tests.conftest import EXAMPLE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    return root


def test_on_a_terminal_it_asks_for_the_description(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_stdin_is_terminal", lambda: True)
    result = CliRunner().invoke(
        new_command.new,
        ["guest-checkout-2", "--root", str(project), "--stdout"],
        input="Reserve stock, authorize the payment and place the order\n",
    )
    assert result.exit_code == 0, result.output
    assert "What does the feature do?" in result.output
    assert "# Integration: Guest Checkout 2" in result.output


def test_a_vague_description_on_a_terminal_asks_for_the_modules(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_stdin_is_terminal", lambda: True)
    result = CliRunner().invoke(
        new_command.new,
        ["guest-returns", "Guest returns an item and gets a refund", "--root", str(project)],
        input="checkout, payments, 2\n",
    )
    assert result.exit_code == 0, result.output
    assert "does not pin the modules down (no module declares 'returns')" in result.output
    assert "Which modules take part?" in result.output
    text = (project / "features/integrations/guest-returns.md").read_text(encoding="utf-8")
    assert "**Refund payment** (payments)" in text


def test_a_vague_description_without_a_terminal_is_refused(project: Path) -> None:
    result = CliRunner().invoke(
        new_command.new,
        ["guest-returns", "Guest returns an item and gets a refund", "--root", str(project)],
    )
    assert result.exit_code == 2
    assert "does not pin the modules down: no module declares 'returns'" in result.output
    assert "--modules A,B,C" in result.output
    assert "payments ('refund' matches command RefundPayment" in result.output
    assert not (project / "features/integrations/guest-returns.md").exists()


def test_an_empty_description_asks_for_the_modules(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "_stdin_is_terminal", lambda: True)
    result = CliRunner().invoke(
        new_command.new,
        ["checkout-flow", "--root", str(project), "--stdout"],
        input="\ncart, checkout, payments\n",
    )
    assert result.exit_code == 0, result.output
    assert "Which modules take part?" in result.output
    assert "| payments |" in result.output


def test_without_a_terminal_it_fails_at_once(project: Path) -> None:
    result = CliRunner().invoke(new_command.new, ["x-y", "--root", str(project)], input="")
    assert result.exit_code == 2
    assert "no terminal to ask" in result.output
