"""The stdio MCP server of integration-spec (``integration-spec mcp``)."""
