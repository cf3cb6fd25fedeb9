"""``integration-spec init --agent`` end to end: dry run, install, refusal without --force."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import Run

Invoke = Callable[..., Run]


def test_dry_run_shows_the_files_and_writes_nothing(ispec: Invoke, tmp_path: Path) -> None:
    result = ispec("init", "--agent", "claude", "--mcp", "--dry-run", "--root", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "would create .claude/skills/integration-spec/SKILL.md" in result.stdout
    assert "would create .mcp.json" in result.stdout
    assert "integration-spec check" in result.stdout  # the content is shown
    assert list(tmp_path.iterdir()) == []


def test_install_for_every_agent_then_refuse_to_overwrite(ispec: Invoke, tmp_path: Path) -> None:
    agents = ("claude", "copilot", "cursor", "gemini", "codex")
    args = [item for name in agents for item in ("--agent", name)]
    first = ispec("init", *args, cwd=tmp_path)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.count("created ") == 6  # 5 commands and AGENTS.md
    assert "Traceback" not in first.stderr
    command = tmp_path / ".github" / "prompts" / "integration-spec.prompt.md"
    command.write_text("mine\n", encoding="utf-8")
    again = ispec("init", "--agent", "copilot", cwd=tmp_path)
    assert again.exit_code == 2
    assert "exists with other content" in again.stderr
    assert command.read_text(encoding="utf-8") == "mine\n"
    forced = ispec("init", "--agent", "copilot", "--force", cwd=tmp_path)
    assert forced.exit_code == 0
    assert "replaced .github/prompts/integration-spec.prompt.md" in forced.stdout
