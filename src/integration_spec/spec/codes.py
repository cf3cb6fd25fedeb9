"""Codes the spec parser reports, each with its meaning (``integration-spec explain PS001``)."""

from __future__ import annotations

PARSE_CODES: dict[str, str] = {
    "PS001": "A table row has a different number of cells than its header. Markdown pads or "
    "drops cells silently, so the value lands in the wrong column. `check --fix` pads short "
    "rows; long rows need a person.",
    "PS002": "A table lacks a column the format defines, or its headers were not recognised "
    "and were read by position.",
    "PS003": "A table has a column the format does not define; it stays in the file but is "
    "not read.",
    "PS004": "A flow step names no module: write it as `1. **Step name** (Module)`.",
}
