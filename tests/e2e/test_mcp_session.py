"""The MCP server end to end: the SDK's own stdio client drives ``integration-spec mcp``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import pytest

from tests.conftest import EXAMPLE
from tests.e2e.conftest import Run, _executable

pytest.importorskip("mcp")

from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

Invoke = Callable[..., Run]
SPEC = "features/integrations/guest-checkout.md"
TOOLS = {
    "list_modules",
    "describe_module",
    "grounding_context",
    "triage",
    "draft_spec",
    "check_spec",
    "analyze_spec",
    "explain_rule",
}


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of the example whose guest checkout misspells the cart module."""
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("| cart | Both |", "| Carts | Both |", 1), encoding="utf-8")
    return root


def _session(root: Path, calls: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Start the server in ``root``, list tools and resources, run ``calls`` in order."""
    outcome: dict[str, Any] = {"calls": []}

    async def main() -> None:
        with anyio.fail_after(60):
            await run()

    async def run() -> None:
        parameters = StdioServerParameters(command=_executable(), args=["mcp"], cwd=str(root))
        async with stdio_client(parameters) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            outcome["tools"] = {tool.name: tool for tool in (await session.list_tools()).tools}
            resources = await session.list_resources()
            outcome["resources"] = [str(item.uri) for item in resources.resources]
            outcome["format"] = (await session.read_resource("integration-spec://format")).contents
            for name, arguments in calls:
                outcome["calls"].append(await session.call_tool(name, arguments))

    anyio.run(main)
    return outcome


def _findings(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (d["code"], d["severity"], d["path"], d["line"], d["message"], d["hint"])
        for d in document["diagnostics"]
    ]


def test_an_agent_checks_a_spec_and_gets_the_clis_findings(ispec: Invoke, shop: Path) -> None:
    cli = ispec("check", SPEC, "--format", "json", cwd=shop)
    assert cli.exit_code == 1, cli.stderr
    expected = json.loads(cli.stdout)
    assert any(code == "AR001" for code, *_ in _findings(expected))

    text = (shop / SPEC).read_text(encoding="utf-8")
    outcome = _session(
        shop,
        [
            ("check_spec", {"path": SPEC}),
            ("check_spec", {"text": text, "name": "guest-checkout"}),
            ("check_spec", {"path": "../outside.md"}),
            ("grounding_context", {"description": "Refund a cancelled order and restock"}),
            ("analyze_spec", {"path": "features/integrations/order-fulfillment.md"}),
            ("describe_module", {"name": "Paymnets"}),
        ],
    )
    assert set(outcome["tools"]) == TOOLS
    assert all(tool.output_schema is not None for tool in outcome["tools"].values())
    assert set(outcome["resources"]) == {"integration-spec://format", "integration-spec://rules"}
    assert "## Validation Checklist" in outcome["format"][0].text

    by_path, by_text, outside, context, analysis, misspelt = outcome["calls"]
    assert not by_path.is_error
    assert _findings(by_path.structured_content) == _findings(expected)
    assert by_path.structured_content["passed"] is False
    ar001 = next(d for d in by_path.structured_content["diagnostics"] if d["code"] == "AR001")
    assert ar001["message"] == "module 'Carts' is not in the architecture"
    assert ar001["hint"] == "did you mean 'cart'?"
    # Text is checked as the spec it would be, with the same findings but ST011's.
    assert [f for f in _findings(by_text.structured_content) if f[0] != "ST011"] == [
        f for f in _findings(expected) if f[0] != "ST011"
    ]
    assert outside.is_error
    assert "outside the project root" in outside.content[0].text
    assert context.structured_content["vagueness"]["pinned"] is True
    ranked = [item["module"] for item in context.structured_content["candidates"]]
    assert {"checkout", "payments", "inventory"} <= set(ranked[:3])
    plan = analysis.structured_content["saga"]
    assert plan["pivot"] == 5
    assert misspelt.is_error
    assert "did you mean 'payments'" in misspelt.content[0].text
