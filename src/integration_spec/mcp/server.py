"""The stdio MCP server: the tools an agent needs to design a spec with facts and a verifier.

Built on the official ``mcp`` SDK (docs/decisions/0010-mcp-sdk.md); this is the only module
that imports it, and only ``integration-spec mcp`` imports this module, so no other
command pays for it. Each tool is one call into :mod:`integration_spec.mcp.tools`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field

from integration_spec._version import __version__
from integration_spec.mcp import tools
from integration_spec.mcp.tools import ServedProject, ToolInputError

INSTRUCTIONS = """\
integration-spec checks and analyses integration specifications: features/integrations/<name>.md
documents that plan a feature crossing three or more modules of a modular system. To write one:
call grounding_context with the feature description (it ranks candidate modules with evidence and
lists their operations, events, allowed calls, undo pairs and the checklist); read the format
resource; write the spec; call check_spec until no error is left and analyze_spec for the saga
plan. Every guess you make stays visible in the spec as 'TODO: <what to decide and why>'.
"""

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True)

SpecPath = Annotated[
    str | None,
    Field(description="Path of a spec inside the project, e.g. features/integrations/x.md"),
]
SpecText = Annotated[str | None, Field(description="The spec's markdown, instead of a path")]


def _call(function: Any, *args: Any) -> Any:
    try:
        return function(*args)
    except ToolInputError as failure:
        raise ToolError(str(failure)) from None


def build_server(root: Path) -> MCPServer[Any]:
    """The server for the project at ``root`` (paths outside it are refused)."""
    project = ServedProject(root)
    server: MCPServer[Any] = MCPServer(
        name="integration-spec",
        title="integration-spec",
        instructions=INSTRUCTIONS,
        version=__version__,
        log_level="WARNING",
    )

    @server.tool(annotations=READ_ONLY)
    def list_modules() -> dict[str, Any]:
        """List the architecture's modules with responsibility, build phase and dependencies."""
        result: dict[str, Any] = _call(tools.list_modules, project)
        return result

    @server.tool(annotations=READ_ONLY)
    def describe_module(
        name: Annotated[str, Field(description="Module name (any spelling of its case)")],
    ) -> dict[str, Any]:
        """Everything the architecture declares of a module.

        Returns its operations (commands, queries), domain events, endpoints, invariants,
        dependencies and dependents, build phase, tables, external services, and the
        architecture line of each attribute.
        """
        result: dict[str, Any] = _call(tools.describe_module, project, name)
        return result

    @server.tool(annotations=READ_ONLY)
    def grounding_context(
        description: Annotated[
            str | None, Field(description="One line saying what the feature does")
        ] = None,
        modules: Annotated[
            list[str] | None, Field(description="Modules already known to take part")
        ] = None,
    ) -> dict[str, Any]:
        """The facts for designing a spec.

        Returns candidate modules ranked with the words that matched, their operations and
        events, allowed call directions, build phases, commands that undo each other,
        existing specs touching the same modules, the checklist, and whether the
        description pins the modules down.
        """
        result: dict[str, Any] = _call(tools.grounding_context, project, description, modules)
        return result

    @server.tool(annotations=READ_ONLY)
    def triage(
        modules: Annotated[
            list[str] | None, Field(description="Modules the feature changes")
        ] = None,
        spec_path: SpecPath = None,
    ) -> dict[str, Any]:
        """Integration spec or single-module feature brief? The seed's When-to-Use table."""
        result: dict[str, Any] = _call(tools.triage, project, modules, spec_path)
        return result

    @server.tool(annotations=READ_ONLY)
    def draft_spec(
        name: Annotated[str, Field(description="kebab-case spec name, e.g. guest-returns")],
        description: Annotated[str | None, Field(description="What the feature does")] = None,
        modules: Annotated[list[str] | None, Field(description="Modules taking part")] = None,
        flow: Annotated[
            list[str] | None, Field(description="Modules in step order (repeats allowed)")
        ] = None,
    ) -> dict[str, Any]:
        """Draft a spec skeleton from the architecture; nothing is written.

        Where the architecture cannot decide, the draft says TODO with the reason. A
        description that does not pin the modules down is refused with the ranked
        candidates: call again with modules.
        """
        result: dict[str, Any] = _call(tools.draft, project, name, description, modules, flow)
        return result

    @server.tool(annotations=READ_ONLY)
    def check_spec(
        path: SpecPath = None,
        text: SpecText = None,
        name: Annotated[
            str | None, Field(description="With text: the spec's kebab-case name")
        ] = None,
    ) -> dict[str, Any]:
        """Check a spec like `integration-spec check --format json`: the same diagnostics.

        Give a path inside the project or the markdown as text. 'passed' is true when no
        finding is at error level.
        """
        result: dict[str, Any] = _call(tools.check_spec, project, path, text, name)
        return result

    @server.tool(annotations=READ_ONLY)
    def analyze_spec(path: SpecPath = None, text: SpecText = None) -> dict[str, Any]:
        """Analyse a spec: flow graph, saga plan, fault simulation, boundaries, diagrams.

        The saga plan gives each step's role and the compensations for a failure at each
        step.
        """
        result: dict[str, Any] = _call(tools.analyze_spec, project, path, text)
        return result

    @server.tool(annotations=READ_ONLY)
    def explain_rule(
        code: Annotated[str, Field(description="A rule code such as AR001 or DF003")],
    ) -> dict[str, Any]:
        """The documentation of a rule: rationale, and a failing and a passing example."""
        result: dict[str, Any] = _call(tools.explain_rule, code)
        return result

    @server.resource(
        "integration-spec://format",
        name="format",
        description="The integration spec format: sections, tables, roles, failure "
        "categories and the Validation Checklist.",
        mime_type="text/markdown",
    )
    def format_resource() -> str:
        return tools.format_text()

    @server.resource(
        "integration-spec://rules",
        name="rules",
        description="Every rule of the checker: code, name, family, severity, summary.",
        mime_type="application/json",
    )
    def rules_resource() -> str:
        import json

        return json.dumps(tools.rules_catalogue(), indent=2, ensure_ascii=False)

    return server


def serve(root: Path) -> None:
    """Serve the project at ``root`` over stdio until the client closes the connection."""
    tools.working_directory(root)
    build_server(Path()).run("stdio")
