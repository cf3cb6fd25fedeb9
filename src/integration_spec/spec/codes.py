"""Codes the spec parser reports, each with its meaning (``integration-spec explain PS001``)."""

from __future__ import annotations

PARSE_CODES: dict[str, str] = {
    "PS001": "A table row has a different number of cells than its header. Markdown pads or "
    "drops cells silently, so the value lands in the wrong column. `check --fix` pads short "
    "rows; long rows need a person.",
    "PS002": "A table lacks a column the format defines, or none of its headers means a column "
    "of the table its section holds; such a table is kept in the file but not read (a table is "
    "never read by the position of its columns).",
    "PS003": "A table has a column the format does not define; it stays in the file but is "
    "not read.",
    "PS004": "A flow step names no module: write it as `1. **Step name** (Module)`.",
    "PS005": "A table's headers name the columns of another table of the same section than "
    "its heading says (an events table under Synchronous Calls); it is read as that table.",
}
