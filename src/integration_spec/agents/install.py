"""``init --agent``: install the ``/integration-spec`` command into an agent's project files.

One command text (``command.md``, package data) is wrapped in each agent's own convention
(docs/decisions/0011-agent-command-files.md cites each one's documentation). Installing
never loses anything the user wrote: every file is planned before any is written; a file
that exists with other content is a conflict unless ``force`` is given; a shared
instructions file (``AGENTS.md``) only gains a delimited section; an MCP configuration
that exists is changed only with ``force`` (its formatting is rewritten); every write is
atomic; and nothing is written outside the project root, through a symlink or otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import Any

from integration_spec.source import write_text_atomic

COMMAND = "integration-spec"
DESCRIPTION = (
    "Design an integration spec for a feature that crosses modules: data flow, failure "
    "modes, compensation, boundaries; checked with integration-spec"
)
ARGUMENT_HINT = "<name> [description]"
SERVER = {"command": "integration-spec", "args": ["mcp"]}
BEGIN = "<!-- integration-spec:begin -->"
END = "<!-- integration-spec:end -->"


class InstallError(Exception):
    """An install that cannot proceed: an unknown agent, a conflict, a path outside the root."""


class InstallAction(StrEnum):
    """What installing does to one file."""

    CREATE = "create"
    REPLACE = "replace"
    APPEND = "append"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file of an install: where, what it will hold, and what happens to it."""

    path: str
    """Relative to the project root, with '/'."""
    text: str
    """The file's full content after the install."""
    action: InstallAction
    note: str = ""


@dataclass(frozen=True, slots=True)
class Agent:
    """How one agent takes a project command, and where it reads MCP servers."""

    name: str
    title: str
    command_file: str
    render: Callable[[], str]
    """The command file's full text."""
    mcp_file: str | None
    """The project file that registers MCP servers; ``None`` when it lives outside it."""
    mcp_key: str = "mcpServers"
    mcp_entry: dict[str, Any] | None = None
    mcp_hint: str = ""
    instructions_file: str | None = None


def command_body(arguments: str) -> str:
    """The command text with the agent's way of naming the user's arguments."""
    text = files("integration_spec.agents").joinpath("command.md").read_text(encoding="utf-8")
    return text.replace("{{ARGUMENTS}}", arguments)


def _frontmatter(fields: Sequence[tuple[str, str]]) -> str:
    lines = ["---"] + [f"{key}: {json.dumps(value)}" for key, value in fields] + ["---", ""]
    return "\n".join(lines)


def _claude(body: str) -> str:
    return (
        _frontmatter(
            (("name", COMMAND), ("description", DESCRIPTION), ("argument-hint", ARGUMENT_HINT))
        )
        + body
    )


def _copilot(body: str) -> str:
    return (
        _frontmatter(
            (
                ("name", COMMAND),
                ("description", DESCRIPTION),
                ("argument-hint", ARGUMENT_HINT),
                ("agent", "agent"),
            )
        )
        + body
    )


def _cursor(body: str) -> str:
    return body


def _gemini(body: str) -> str:
    if "'''" in body:  # pragma: no cover - the shipped text has none
        raise InstallError("the command text cannot be written as a TOML literal string")
    return f"description = {json.dumps(DESCRIPTION)}\nprompt = '''\n{body}'''\n"


def _codex_skill(body: str) -> str:
    return _frontmatter((("name", COMMAND), ("description", DESCRIPTION))) + body


AGENTS: dict[str, Agent] = {
    agent.name: agent
    for agent in (
        Agent(
            name="claude",
            title="Claude Code",
            command_file=".claude/skills/integration-spec/SKILL.md",
            render=lambda: _claude(command_body("$ARGUMENTS")),
            mcp_file=".mcp.json",
        ),
        Agent(
            name="copilot",
            title="GitHub Copilot (VS Code)",
            command_file=".github/prompts/integration-spec.prompt.md",
            render=lambda: _copilot(
                command_body("the text typed after /integration-spec in the chat")
            ),
            mcp_file=".vscode/mcp.json",
            mcp_key="servers",
            mcp_entry={"type": "stdio", **SERVER},
        ),
        Agent(
            name="cursor",
            title="Cursor",
            command_file=".cursor/commands/integration-spec.md",
            render=lambda: _cursor(
                command_body("the text typed after /integration-spec in the chat")
            ),
            mcp_file=".cursor/mcp.json",
        ),
        Agent(
            name="gemini",
            title="Gemini CLI",
            command_file=".gemini/commands/integration-spec.toml",
            render=lambda: _gemini(command_body("{{args}}")),
            mcp_file=".gemini/settings.json",
        ),
        Agent(
            name="codex",
            title="Codex (AGENTS.md and a skill)",
            command_file=".agents/skills/integration-spec/SKILL.md",
            render=lambda: _codex_skill(
                command_body("the text after /integration-spec or $integration-spec")
            ),
            mcp_file=None,
            mcp_hint="Codex reads MCP servers from ~/.codex/config.toml (outside the project); "
            'add:\n[mcp_servers.integration-spec]\ncommand = "integration-spec"\nargs = ["mcp"]',
            instructions_file="AGENTS.md",
        ),
    )
}
"""The agents ``init --agent`` knows, by the name given on the command line."""


def _inside(root: Path, relative: str) -> Path:
    target = root / relative
    resolved = target.resolve()
    if root.resolve() not in resolved.parents:
        raise InstallError(
            f"refusing to write {relative}: it resolves to {resolved}, outside the project "
            f"root {root.resolve()}"
        )
    return target


def _read_exact(path: Path) -> str:
    """The file's text with its line endings and byte-order mark as they are."""
    return path.read_bytes().decode("utf-8", errors="replace")


def _plan_text(root: Path, relative: str, text: str, force: bool) -> PlannedFile:
    target = _inside(root, relative)
    if target.is_dir():
        raise InstallError(f"{relative} is a directory; remove it or choose another root")
    if not target.exists():
        return PlannedFile(relative, text, InstallAction.CREATE)
    current = _read_exact(target)
    if current == text:
        return PlannedFile(relative, text, InstallAction.UNCHANGED)
    if force:
        return PlannedFile(relative, text, InstallAction.REPLACE)
    return PlannedFile(
        relative, text, InstallAction.CONFLICT, "exists with other content; --force replaces it"
    )


def _plan_mcp(root: Path, agent: Agent, force: bool) -> PlannedFile | None:
    if agent.mcp_file is None:
        return None
    relative = agent.mcp_file
    target = _inside(root, relative)
    entry = agent.mcp_entry or dict(SERVER)
    if not target.exists():
        text = json.dumps({agent.mcp_key: {COMMAND: entry}}, indent=2) + "\n"
        return PlannedFile(relative, text, InstallAction.CREATE)
    raw = _read_exact(target)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return PlannedFile(
            relative,
            raw,
            InstallAction.CONFLICT,
            f"not plain JSON (line {error.lineno}); add the server by hand: "
            + json.dumps({agent.mcp_key: {COMMAND: entry}}),
        )
    if not isinstance(data, dict) or not isinstance(data.get(agent.mcp_key, {}), dict):
        return PlannedFile(
            relative,
            raw,
            InstallAction.CONFLICT,
            f"'{agent.mcp_key}' is not an object; add it by hand",
        )
    servers = data.get(agent.mcp_key, {})
    if servers.get(COMMAND) == entry:
        return PlannedFile(relative, raw, InstallAction.UNCHANGED)
    merged = {**data, agent.mcp_key: {**servers, COMMAND: entry}}
    text = json.dumps(merged, indent=2, ensure_ascii=False) + "\n"
    if force:
        return PlannedFile(relative, text, InstallAction.REPLACE, "server added; file re-indented")
    return PlannedFile(
        relative,
        text,
        InstallAction.CONFLICT,
        "exists; --force adds the server (and re-indents the file)",
    )


def _section() -> str:
    return (
        f"{BEGIN}\n## /integration-spec\n\n"
        "When asked for `/integration-spec <name> [description]` (or to write an "
        "integration spec), follow the skill `.agents/skills/integration-spec/SKILL.md`: "
        "get the facts with `integration-spec context`, write "
        "`features/integrations/<name>.md`, run `integration-spec check --format json` and "
        "`integration-spec analyze` until no error is left, then report the saga plan and "
        f"the open TODOs.\n{END}\n"
    )


def _plan_instructions(root: Path, relative: str, force: bool) -> PlannedFile:
    target = _inside(root, relative)
    section = _section()
    if not target.exists():
        return PlannedFile(relative, section, InstallAction.CREATE)
    current = _read_exact(target)
    newline = "\r\n" if "\r\n" in current else "\n"
    wanted = section.replace("\n", newline)
    if BEGIN in current and END in current:
        start = current.index(BEGIN)
        end = current.index(END, start) + len(END)
        existing = current[start:end]
        if existing == wanted.rstrip("\r\n"):
            return PlannedFile(relative, current, InstallAction.UNCHANGED)
        text = current[:start] + wanted.rstrip("\r\n") + current[end:]
        if force:
            return PlannedFile(relative, text, InstallAction.REPLACE, "our section replaced")
        return PlannedFile(
            relative, text, InstallAction.CONFLICT, "our section was edited; --force replaces it"
        )
    separator = "" if current.endswith(("\n", "\r")) or not current else newline
    return PlannedFile(
        relative, current + separator + newline + wanted, InstallAction.APPEND, "section appended"
    )


def plan_install(
    root: Path, names: Sequence[str], *, mcp: bool = False, force: bool = False
) -> tuple[tuple[PlannedFile, ...], tuple[str, ...]]:
    """The files an install would write, and notes (e.g. MCP set up outside the project)."""
    planned: dict[str, PlannedFile] = {}
    notes: list[str] = []
    for name in names:
        agent = AGENTS.get(name.strip().casefold())
        if agent is None:
            raise InstallError(f"unknown agent '{name}'; choose from " + ", ".join(sorted(AGENTS)))
        body = agent.render()
        items = [_plan_text(root, agent.command_file, body, force)]
        if agent.instructions_file is not None:
            items.append(_plan_instructions(root, agent.instructions_file, force))
        if mcp:
            planned_mcp = _plan_mcp(root, agent, force)
            if planned_mcp is not None:
                items.append(planned_mcp)
            elif agent.mcp_hint:
                notes.append(agent.mcp_hint)
        for item in items:
            planned.setdefault(item.path, item)
    return tuple(planned.values()), tuple(notes)


def apply_install(root: Path, planned: Sequence[PlannedFile]) -> None:
    """Write every planned file atomically; refuses when any of them is a conflict."""
    conflicts = [item for item in planned if item.action is InstallAction.CONFLICT]
    if conflicts:
        raise InstallError(
            "nothing was written: " + "; ".join(f"{item.path} {item.note}" for item in conflicts)
        )
    for item in planned:
        if item.action in (InstallAction.CREATE, InstallAction.REPLACE, InstallAction.APPEND):
            target = _inside(root, item.path)
            write_text_atomic(target, item.text)
