"""The MCP tools as plain functions: confinement, text input, and the shapes they return."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_spec.mcp import tools
from integration_spec.mcp.tools import ServedProject, ToolInputError
from tests.conftest import EXAMPLE, REPO

SEED = REPO.parent / "shared" / "seed" / "integration-spec.md"


@pytest.fixture
def project(tmp_path: Path) -> ServedProject:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    return ServedProject(root)


def test_paths_outside_the_root_are_refused(project: ServedProject, tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("# x\n", encoding="utf-8")
    for path in ("../secret.md", str(tmp_path / "secret.md"), "", "a\x00b"):
        with pytest.raises(ToolInputError):
            project.confine(path)
    link = project.root / "features" / "link.md"
    link.symlink_to(tmp_path / "secret.md")
    with pytest.raises(ToolInputError, match="outside the project root"):
        project.confine("features/link.md")
    assert project.confine("features/integrations/price-sync.md").is_file()


def test_check_text_names_the_path_it_would_have(project: ServedProject) -> None:
    text = (project.root / "features/integrations/price-sync.md").read_text(encoding="utf-8")
    broken = text.replace("- Failure:", "- Note:", 1)
    report = tools.check_spec(project, None, broken, "price-sync-2")
    assert report["passed"] is False
    paths = {d["path"] for d in report["diagnostics"]}
    assert paths == {"features/integrations/price-sync-2.md"}
    assert "DF003" in {d["code"] for d in report["diagnostics"]}
    with pytest.raises(ToolInputError, match="not kebab-case"):
        tools.check_spec(project, None, text, "Price_Sync")
    with pytest.raises(ToolInputError, match="exactly one"):
        tools.check_spec(project, "x.md", text, None)


def test_analyze_text_and_triage_and_explain(project: ServedProject) -> None:
    text = (project.root / "features/integrations/order-fulfillment.md").read_text(encoding="utf-8")
    analysis = tools.analyze_spec(project, None, text)
    assert analysis["saga"]["pivot"] == 5
    decision = tools.triage(project, ["cart", "checkout", "payments"], None)
    assert decision["decision"] == "integration-spec"
    assert "Fails:" in tools.explain_rule("ar001")["documentation"]
    with pytest.raises(ToolInputError, match="no rule or code"):
        tools.explain_rule("ZZ999")
    with pytest.raises(ToolInputError, match="nothing to analyse"):
        tools.analyze_spec(project, None, "# Integration: X\n")


def test_describe_module_gives_the_evidence_lines(project: ServedProject) -> None:
    facts = tools.describe_module(project, "PAYMENTS")
    assert facts["name"] == "payments"
    assert "RefundPayment" in facts["commands"]
    assert "checkout" in facts["dependents"]
    assert facts["line"] is not None


@pytest.mark.skipif(not SEED.is_file(), reason="the seed is not beside the repository")
def test_the_format_resource_is_the_users_own_definition() -> None:
    assert tools.format_text() == SEED.read_text(encoding="utf-8")


def test_draft_refuses_a_description_that_pins_nothing_down(project: ServedProject) -> None:
    with pytest.raises(ToolInputError, match="--modules"):
        tools.draft(project, "guest-returns", "Guest returns an item and gets a refund", None, None)
