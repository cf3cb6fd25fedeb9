"""init --agent: each agent's files in its own format, and nothing the user wrote is lost."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import yaml

from integration_spec.agents.install import (
    AGENTS,
    InstallAction,
    InstallError,
    apply_install,
    plan_install,
)

EXPECTED = {
    "claude": {".claude/skills/integration-spec/SKILL.md", ".mcp.json"},
    "copilot": {".github/prompts/integration-spec.prompt.md", ".vscode/mcp.json"},
    "cursor": {".cursor/commands/integration-spec.md", ".cursor/mcp.json"},
    "gemini": {".gemini/commands/integration-spec.toml", ".gemini/settings.json"},
    "codex": {".agents/skills/integration-spec/SKILL.md", "AGENTS.md"},
}


def _install(root: Path, *names: str, mcp: bool = True, force: bool = False) -> None:
    planned, _ = plan_install(root, names, mcp=mcp, force=force)
    apply_install(root, planned)


def _frontmatter(text: str) -> dict[str, str]:
    assert text.startswith("---\n")
    head, _, _ = text[4:].partition("\n---\n")
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


def _prompt(agent: str, root: Path) -> str:
    text = (root / AGENTS[agent].command_file).read_text(encoding="utf-8")
    if agent == "gemini":
        data = tomllib.loads(text)
        assert data["description"]
        return str(data["prompt"])
    if agent in ("claude", "copilot", "codex"):
        meta = _frontmatter(text)
        assert meta["name"] == "integration-spec"
        assert meta["description"]
    return text


@pytest.mark.parametrize("agent", sorted(EXPECTED))
def test_each_agent_gets_a_command_in_its_own_format(tmp_path: Path, agent: str) -> None:
    _install(tmp_path, agent)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == EXPECTED[agent]
    prompt = _prompt(agent, tmp_path)
    for step in ("integration-spec context", "integration-spec check", "integration-spec analyze"):
        assert step in prompt
    assert "TODO:" in prompt
    if agent == "claude":
        assert "Arguments: $ARGUMENTS" in prompt
    if agent == "gemini":
        assert "Arguments: {{args}}" in prompt
        assert "!{" not in prompt  # Gemini would run it as a shell command
        assert "@{" not in prompt  # Gemini would inline a file


@pytest.mark.parametrize("agent", ["claude", "copilot", "cursor", "gemini"])
def test_the_mcp_server_is_registered_in_the_agents_file(tmp_path: Path, agent: str) -> None:
    _install(tmp_path, agent)
    (config,) = EXPECTED[agent] - {AGENTS[agent].command_file}
    data = json.loads((tmp_path / config).read_text(encoding="utf-8"))
    entry = data[AGENTS[agent].mcp_key]["integration-spec"]
    assert (entry["command"], entry["args"]) == ("integration-spec", ["mcp"])


def test_a_second_install_changes_nothing(tmp_path: Path) -> None:
    _install(tmp_path, *EXPECTED)
    planned, _ = plan_install(tmp_path, list(EXPECTED), mcp=True)
    assert {item.action for item in planned} == {InstallAction.UNCHANGED}


def test_an_edited_command_is_a_conflict_and_nothing_is_written(tmp_path: Path) -> None:
    _install(tmp_path, "cursor", mcp=False)
    command = tmp_path / ".cursor/commands/integration-spec.md"
    command.write_text("my own version\n", encoding="utf-8")
    planned, _ = plan_install(tmp_path, ["cursor", "claude"], mcp=False)
    with pytest.raises(InstallError, match="--force replaces it"):
        apply_install(tmp_path, planned)
    assert command.read_text(encoding="utf-8") == "my own version\n"
    assert not (tmp_path / ".claude").exists()  # the other agent's file waits too
    _install(tmp_path, "cursor", mcp=False, force=True)
    assert "integration-spec check" in command.read_text(encoding="utf-8")


def test_agents_md_keeps_the_users_text_and_line_endings(tmp_path: Path) -> None:
    own = "\ufeff# Our rules\r\n\r\nUse tabs.\r\n"
    (tmp_path / "AGENTS.md").write_bytes(own.encode("utf-8"))
    _install(tmp_path, "codex", mcp=False)
    data = (tmp_path / "AGENTS.md").read_bytes().decode("utf-8")
    assert data.startswith(own)
    assert "<!-- integration-spec:begin -->" in data
    assert "\n" not in data.replace("\r\n", "")
    planned, _ = plan_install(tmp_path, ["codex"])
    assert {item.action for item in planned} == {InstallAction.UNCHANGED}
    edited = data.replace("follow the skill", "read the skill")
    (tmp_path / "AGENTS.md").write_bytes(edited.encode("utf-8"))
    planned, _ = plan_install(tmp_path, ["codex"])
    assert InstallAction.CONFLICT in {item.action for item in planned}


def test_an_existing_mcp_config_is_merged_only_with_force(tmp_path: Path) -> None:
    config = tmp_path / ".mcp.json"
    config.write_text('{"mcpServers": {"other": {"command": "x"}}}', encoding="utf-8")
    planned, _ = plan_install(tmp_path, ["claude"], mcp=True)
    with pytest.raises(InstallError, match="--force adds the server"):
        apply_install(tmp_path, planned)
    _install(tmp_path, "claude", force=True)
    servers = json.loads(config.read_text(encoding="utf-8"))["mcpServers"]
    assert set(servers) == {"other", "integration-spec"}


def test_a_config_with_comments_is_left_for_the_user(tmp_path: Path) -> None:
    config = tmp_path / ".vscode" / "mcp.json"
    config.parent.mkdir()
    config.write_text('// mine\n{"servers": {}}\n', encoding="utf-8")
    planned, _ = plan_install(tmp_path, ["copilot"], mcp=True, force=True)
    item = next(item for item in planned if item.path == ".vscode/mcp.json")
    assert item.action is InstallAction.CONFLICT
    assert "add the server by hand" in item.note


def test_nothing_is_written_through_a_symlink_leaving_the_root(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / ".claude").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InstallError, match="outside the project root"):
        plan_install(root, ["claude"])
    assert list(outside.rglob("*")) == []


def test_an_unknown_agent_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(InstallError, match="choose from claude, codex, copilot, cursor, gemini"):
        plan_install(tmp_path, ["vim"])
