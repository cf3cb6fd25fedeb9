"""``integration-spec check`` end to end, on copies of the bundled example project."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLE, FIXTURES
from tests.e2e.conftest import Run

Invoke = Callable[..., Run]
GUEST = Path("features/integrations/guest-checkout.md")
PADDED = "| cart | Carts owned by a guest session; snapshot carries price versions |  |"
"""The Modules Involved row of cart after the ragged-row fix pads the missing cell."""


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A private copy of examples/shop that a test may change."""
    target = tmp_path / "shop"
    shutil.copytree(EXAMPLE, target)
    return target


def _mutate(project: Path, old: str, new: str, spec: Path = GUEST) -> None:
    path = project / spec
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(result: Run) -> list[str]:
    return [item["code"] for item in json.loads(result.stdout)["diagnostics"]]


def test_the_example_project_is_clean(ispec: Invoke) -> None:
    result = ispec("check", "--all", "--strict", cwd=EXAMPLE)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_json_report_of_the_example_is_versioned_and_empty(ispec: Invoke) -> None:
    result = ispec("check", "--all", "--format", "json", cwd=EXAMPLE)
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["summary"]["files"] == 3
    assert report["diagnostics"] == []


def test_ragged_row_is_an_error_that_fix_pads(ispec: Invoke, shop: Path) -> None:
    _mutate(shop, "| cart | Both |", "| cart |")
    before = ispec("check", str(GUEST), "--format", "json", cwd=shop)
    assert before.exit_code == 1
    found = [(d["code"], d["line"], d["fixable"]) for d in json.loads(before.stdout)["diagnostics"]]
    assert ("PS001", 22, True) in found
    preview = ispec("check", str(GUEST), "--diff", cwd=shop)
    assert preview.exit_code == 1
    assert f"+{PADDED}" in preview.stdout
    assert "| cart |" in (shop / GUEST).read_text()
    fixed = ispec("check", str(GUEST), "--fix", cwd=shop)
    assert "Fixed 1 finding(s)" in fixed.stderr
    assert PADDED in (shop / GUEST).read_text().split("\n")


def test_fix_changes_nothing_but_the_fixed_lines(ispec: Invoke, shop: Path) -> None:
    _mutate(shop, "| cart | Both |", "| cart |")
    original = (shop / GUEST).read_text().split("\n")
    ispec("check", str(GUEST), "--fix", "--select", "PS", cwd=shop)
    after = (shop / GUEST).read_text().split("\n")
    changed = [i for i, (a, b) in enumerate(zip(original, after, strict=True)) if a != b]
    assert len(changed) == 1
    assert after[changed[0]] == PADDED


def test_baseline_accepts_known_findings_and_reports_new_ones(ispec: Invoke, shop: Path) -> None:
    _mutate(shop, "| cart | Both |", "| cart |")
    written = ispec("check", "--all", "--write-baseline", "baseline.json", cwd=shop)
    assert (shop / "baseline.json").exists(), written.stderr
    assert ispec("check", "--all", "--baseline", "baseline.json", cwd=shop).exit_code == 0
    parallel = ispec("check", "--all", "--jobs", "2", "--baseline", "baseline.json", cwd=shop)
    assert parallel.exit_code == 0, parallel.stdout
    _mutate(shop, "| checkout | Both |", "| checkout |")
    again = ispec("check", "--all", "--baseline", "baseline.json", "--format", "json", cwd=shop)
    assert again.exit_code == 1
    assert _codes(again) == ["PS001"]


def test_file_level_suppression_silences_the_file(ispec: Invoke, shop: Path) -> None:
    _mutate(shop, "| cart | Both |", "| cart |")
    _mutate(shop, "\n---\n", "\n<!-- integration-spec: ignore-file PS001 -->\n\n---\n")
    assert ispec("check", str(GUEST), cwd=shop).exit_code == 0


def test_select_and_ignore_filter_codes(ispec: Invoke, shop: Path) -> None:
    _mutate(shop, "| cart | Both |", "| cart |")
    assert ispec("check", "--all", "--ignore", "PS001", cwd=shop).exit_code == 0
    assert ispec("check", "--all", "--select", "ST", cwd=shop).exit_code == 0


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ('[tool.integration-spec]\nignroe = ["DF"]\n', "CF002 unknown setting 'ignroe'"),
        ('[tool.integration-spec]\nselect = ["ZZ999"]\n', "CF004 unknown rule code 'ZZ999'"),
        ('[tool.integration-spec]\narchitecture = "docs/missing.md"\n', "IO001 no such file"),
    ],
)
def test_bad_configuration_exits_2_naming_it(
    ispec: Invoke, shop: Path, config: str, fragment: str
) -> None:
    (shop / "pyproject.toml").write_text(config, encoding="utf-8")
    result = ispec("check", "--all", cwd=shop)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_no_specs_is_an_input_error_not_a_silent_pass(ispec: Invoke, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = ispec("check", "--all", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no specs found" in result.stderr


def test_missing_default_architecture_skips_its_rules_with_a_warning(
    ispec: Invoke, shop: Path
) -> None:
    (shop / "pyproject.toml").unlink()
    shutil.rmtree(shop / "docs")
    result = ispec("check", "--all", "--format", "json", cwd=shop)
    assert "CF006" in _codes(result)


def test_github_format_is_chosen_inside_github_actions(ispec: Invoke, shop: Path) -> None:
    _mutate(shop, "| cart | Both |", "| cart |")
    result = ispec("check", "--all", cwd=shop, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=features/integrations/guest-checkout.md,line=")


def test_output_file_is_written(ispec: Invoke, shop: Path) -> None:
    result = ispec("check", "--all", "--format", "sarif", "-o", "out.sarif", cwd=shop)
    assert result.exit_code == 0
    assert json.loads((shop / "out.sarif").read_text())["version"] == "2.1.0"


def test_rules_and_explain(ispec: Invoke) -> None:
    listing = ispec("rules")
    assert listing.exit_code == 0
    first_code = listing.stdout.split()[0]
    explained = ispec("explain", first_code.lower())
    assert explained.exit_code == 0
    assert "Fails:" in explained.stdout
    assert ispec("explain", "PS001").exit_code == 0
    unknown = ispec("explain", "ZZ999")
    assert unknown.exit_code == 2
    assert "no rule or code 'ZZ999'" in unknown.stderr


def test_docs_rules_page_is_generated_from_the_registry(ispec: Invoke) -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    generated = ispec("rules", "--format", "markdown").stdout
    assert page.read_text(encoding="utf-8") == generated, (
        "docs/rules.md is stale: run `integration-spec rules --format markdown > docs/rules.md`"
    )


MUTATIONS = yaml.safe_load((FIXTURES / "mutations.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation["family"])
def test_each_family_catches_its_mutation_and_nothing_else(
    ispec: Invoke, shop: Path, mutation: dict[str, Any]
) -> None:
    spec = Path("features/integrations") / f"{mutation['spec']}.md"
    _mutate(shop, mutation["replace"], mutation["with"], spec)
    result = ispec("check", "--all", "--format", "json", cwd=shop)
    found = [
        {"code": item["code"], "line": item["line"]}
        for item in json.loads(result.stdout)["diagnostics"]
    ]
    assert found == mutation["expect"], mutation["why"]
    assert all(item["path"] == spec.as_posix() for item in json.loads(result.stdout)["diagnostics"])
