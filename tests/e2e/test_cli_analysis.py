"""``integration-spec analyze`` and ``triage`` end to end, as a user runs them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, FIXTURES
from tests.e2e.conftest import Run

Invoke = Callable[..., Run]
GUEST = "features/integrations/guest-checkout.md"
TRIP = str(FIXTURES / "analysis" / "trip-booking.md")
ORDER = str(FIXTURES / "analysis" / "order-saga.md")


def test_analyze_the_example_in_text(ispec: Invoke) -> None:
    result = ispec("analyze", GUEST, cwd=EXAMPLE)
    # `check --strict` passes the example, so analyze does too; half-done scenarios (a
    # compensation that fails and nobody retries) fail only with --strict.
    assert result.exit_code == 0, result.stderr
    assert "Saga plan" in result.stdout
    assert "pivot: step 7 (marked)" in result.stdout
    assert "160 scenarios ran" in result.stdout
    assert "architecture: docs/architecture/SYSTEM-ARCHITECTURE.md" in result.stdout
    assert "Traceback" not in result.stderr


def test_analyze_json_of_the_textbook_saga(ispec: Invoke) -> None:
    result = ispec("analyze", ORDER, "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    roles = [step["role"] for step in document["saga"]["steps"]]
    assert roles == [
        "compensatable",
        "read-only",
        "compensatable",
        "pivot",
        "retriable",
        "retriable",
    ]
    assert document["faults"]["scenarios"] == 88


def test_analyze_markdown_to_a_file(ispec: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    result = ispec("analyze", TRIP, "--format", "markdown", "-o", str(target), "--exit-zero")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "```mermaid\nsequenceDiagram" in text
    assert "compensation of step 2" in text


def test_a_spec_without_flow_steps_is_analysed_as_far_as_it_goes(
    ispec: Invoke, tmp_path: Path
) -> None:
    guest = (EXAMPLE / "features" / "integrations" / "guest-checkout.md").read_text("utf-8")
    start, end = guest.index("### Flow Steps"), guest.index("## Coordination Points")
    (tmp_path / "no-steps.md").write_text(guest[:start] + guest[end:], "utf-8")
    result = ispec("analyze", "no-steps.md", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert [finding["kind"] for finding in report["graph"]["findings"]] == ["no-flow-steps"]
    assert report["saga"]["steps"] == []
    assert "module:checkout" in report["graph"]["nodes"]
    assert {"call", "event"} <= {edge["kind"] for edge in report["graph"]["edges"]}


def test_analyze_strict_fails_on_half_done_scenarios(ispec: Invoke) -> None:
    result = ispec("analyze", GUEST, "--strict", "--quiet", cwd=EXAMPLE)
    assert result.exit_code == 1, result.stderr
    assert "inconsistent" in result.stdout


def test_analyze_exit_code_follows_the_configured_level_like_check(
    ispec: Invoke, tmp_path: Path
) -> None:
    guest = (EXAMPLE / "features" / "integrations" / "guest-checkout.md").read_text("utf-8")
    start, end = guest.index("### Flow Steps"), guest.index("## Coordination Points")
    (tmp_path / "no-steps.md").write_text(guest[:start] + guest[end:], "utf-8")
    by_default = ispec("analyze", "no-steps.md", "--format", "json", cwd=tmp_path)
    checked = ispec("check", "no-steps.md", "--select", "DF001", cwd=tmp_path)
    assert (by_default.exit_code, checked.exit_code) == (1, 1)
    assert json.loads(by_default.stdout)["graph"]["findings"][0]["severity"] == "error"

    (tmp_path / ".integration-spec.toml").write_text('[severity]\nDF001 = "warning"\n', "utf-8")
    relevelled = ispec("analyze", "no-steps.md", "--format", "json", cwd=tmp_path)
    checked = ispec("check", "no-steps.md", "--select", "DF001", cwd=tmp_path)
    assert (relevelled.exit_code, checked.exit_code) == (0, 0), relevelled.stderr
    assert json.loads(relevelled.stdout)["graph"]["findings"][0]["severity"] == "warning"
    strict = ispec("analyze", "no-steps.md", "--strict", cwd=tmp_path)
    assert strict.exit_code == 1
    assert "warning" in strict.stdout

    (tmp_path / ".integration-spec.toml").write_text("ignore = ['DF001']\n", "utf-8")
    ignored = ispec("analyze", "no-steps.md", "--strict", "--format", "json", cwd=tmp_path)
    assert ignored.exit_code == 0, ignored.stdout
    assert json.loads(ignored.stdout)["graph"]["findings"][0]["severity"] == "info"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["analyze", "missing.md"], "missing.md: IO001 no such file"),
        (["analyze", "empty.md"], "empty.md: IO003"),
        (
            ["analyze", "no-flow.md"],
            "no-flow.md:1: AN004 this does not read as an integration spec",
        ),
        (["analyze", TRIP, "--architecture", "nowhere.md"], "nowhere.md: IO001"),
        (["triage"], "AN006"),
        (["triage", "--modules", "a,b", "--diff", "HEAD"], "AN006"),
        (["triage", "--diff", "HEAD"], "AN002 not a git repository"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    ispec: Invoke, tmp_path: Path, arguments: list[str], expected: str
) -> None:
    (tmp_path / "empty.md").write_text("\n")
    (tmp_path / "no-flow.md").write_text("# Release Notes\n\n## Overview\nText.\n")
    result = ispec(*arguments, cwd=tmp_path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_triage_of_a_spec_says_integration_spec_with_exit_0(ispec: Invoke) -> None:
    result = ispec("triage", GUEST, cwd=EXAMPLE)
    assert result.exit_code == 0, result.stderr
    assert "Modules modified" in result.stdout
    assert "Decision: integration spec, because 7 modules modified" in result.stdout


def test_triage_of_one_module_says_feature_brief_with_exit_1(ispec: Invoke) -> None:
    result = ispec("triage", "--modules", "cart", "--format", "json", cwd=EXAMPLE)
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["decision"] == "feature-brief"


def test_triage_flags_decide_the_two_module_case(ispec: Invoke) -> None:
    brief = ispec("triage", "--modules", "cart,checkout", "--no-data-flows", cwd=EXAMPLE)
    assert brief.exit_code == 1
    spec = ispec("triage", "--modules", "cart,checkout", "--complex-rollback", cwd=EXAMPLE)
    assert spec.exit_code == 0, spec.stdout


def test_triage_unknown_module_suggests_one(ispec: Invoke) -> None:
    result = ispec("triage", "--modules", "cart,chekout,pricing", cwd=EXAMPLE)
    assert result.exit_code == 2
    assert "AN005 module 'chekout' is not in the architecture; did you mean 'checkout'?" in (
        result.stderr
    )


def _git(repo: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *arguments],
        check=True,
        capture_output=True,
    )


def test_triage_diff_on_a_real_repository(ispec: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "internal" / "domain" / "orders").mkdir(parents=True)
    (repo / "internal" / "domain" / "orders" / "order.go").write_text("package orders\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    for module in ("payments", "shipping"):
        folder = repo / "internal" / "domain" / module
        folder.mkdir(parents=True)
        (folder / f"{module}.go").write_text(f"package {module}\n")
    (repo / "internal" / "domain" / "orders" / "order.go").write_text("package orders // v2\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "feature")
    result = ispec("triage", "--diff", "HEAD~1", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "orders, payments, shipping" in result.stdout
    unknown = ispec("triage", "--diff", "nope", cwd=repo)
    assert unknown.exit_code == 2
    assert "AN003" in unknown.stderr


@pytest.mark.parametrize("command", ["analyze", "triage"])
def test_help_has_examples(ispec: Invoke, command: str) -> None:
    result = ispec(command, "--help")
    assert result.exit_code == 0
    assert f"integration-spec {command} " in result.stdout
    assert "Exit codes" in result.stdout
