"""The installed command finds a cross-spec inconsistency with ``check --all``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import EXAMPLE
from tests.cross_spec.test_cross_spec_cases import CASES, build_project
from tests.e2e.conftest import Run

Invoke = Callable[..., Run]


def test_check_all_names_the_other_spec_and_its_line(ispec: Invoke, tmp_path: Path) -> None:
    case = next(c for c in CASES if c["rule"] == "XS005" and "twice" in c["title"])
    root = build_project(tmp_path, case)
    result = ispec("check", "--all", "--select", "XS", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "features/integrations/price-sync.md:165" in result.stdout
    assert "XS005" in result.stdout
    assert "features/integrations/guest-checkout.md:209" in result.stdout


def test_one_spec_checked_alone_is_not_compared(ispec: Invoke, tmp_path: Path) -> None:
    case = next(c for c in CASES if c["rule"] == "XS005" and "twice" in c["title"])
    root = build_project(tmp_path, case)
    result = ispec("check", "features/integrations/price-sync.md", "--select", "XS", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_system_view_lists_every_spec_and_the_owner_of_each_point(ispec: Invoke) -> None:
    result = ispec("system", "--format", "json", cwd=EXAMPLE)
    assert result.exit_code == 0, result.stdout + result.stderr
    view = json.loads(result.stdout)
    assert len(view["specs"]) == 3
    owners = {(p["kind"], p["name"]): p["owner_spec"] for p in view["points"]}
    assert owners[("event", "OrderPlaced")] == "features/integrations/guest-checkout.md"
    mermaid = ispec("system", cwd=EXAMPLE)
    assert mermaid.stdout.startswith("flowchart LR")


def test_a_field_the_publisher_does_not_send_is_a_warning_in_sarif(
    ispec: Invoke, tmp_path: Path
) -> None:
    case = next(c for c in CASES if c["rule"] == "XS008" and c["expect"])
    root = build_project(tmp_path, case)
    result = ispec("check", "--all", "--select", "XS", "--format", "sarif", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr  # a warning fails only --strict
    (finding,) = json.loads(result.stdout)["runs"][0]["results"]
    assert finding["ruleId"] == "XS008"
    assert finding["level"] == "warning"
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("order-fulfillment.md")
    assert location["region"]["startLine"] == 38
    assert "guest-checkout.md:214" in finding["message"]["text"]
    (publisher,) = finding["relatedLocations"]
    assert publisher["physicalLocation"]["artifactLocation"]["uri"].endswith("guest-checkout.md")
    assert publisher["physicalLocation"]["region"]["startLine"] == 214
    assert "OrderPlaced" in publisher["message"]["text"]
    strict = ispec("check", "--all", "--select", "XS", "--strict", cwd=root)
    assert strict.exit_code == 1, strict.stdout + strict.stderr
