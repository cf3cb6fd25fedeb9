"""Bounded time: every parser and rule the check runs grows linearly with its input.

Each case of ``tests/fixtures/robust/growth.yaml`` grows one part of an example spec and
checks the growth of ``check`` on it (see ``tests/growth.py``: a ratio of CPU times, never
an absolute time). The readers this project owns are also grown directly.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec.architecture.registry import read_architecture
from integration_spec.check.baseline import baseline_document, load_baseline
from integration_spec.check.config import Config, load_config
from integration_spec.check.engine import check_document, select_rules
from integration_spec.check.fixes import apply_to_source, unified_diff
from integration_spec.check.suppression import find_suppressions
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.project.architecture import reference_target
from integration_spec.project.globs import excluded_by, matches_glob
from integration_spec.rules.base import Fix, TextEdit
from integration_spec.source import SourceText
from integration_spec.spec.headings import split_atx_heading
from tests.conftest import EXAMPLE, FIXTURES
from tests.growth import assert_linear

CASES: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "robust" / "growth.yaml").read_text(encoding="utf-8")
)
Build = Callable[[int], Callable[[], object]]


@cache
def _architecture() -> Architecture:
    path = EXAMPLE / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md"
    return read_architecture(path.read_text(encoding="utf-8"), str(path))


def _module_table(count: int) -> str:
    rows = "".join(
        f"| m{index} | Module {index} | {f'm{index - 1}' if index else '-'} |\n"
        for index in range(count)
    )
    return (
        "# Architecture\n\n## Module Inventory\n\n"
        "| Module | Responsibility | Dependencies |\n|---|---|---|\n" + rows
    )


def _builder(case: dict[str, Any]) -> Build:
    if case.get("kind") == "architecture":

        def modules(n: int) -> Callable[[], object]:
            text = _module_table(n)
            return lambda: read_architecture(text, "a.md")

        return modules
    spec = (EXAMPLE / "features" / "integrations" / f"{case['spec']}.md").read_text("utf-8")
    assert case["replace"] in spec, case["name"]
    config = Config(root=EXAMPLE)
    rules = select_rules(config)

    def build(n: int) -> Callable[[], object]:
        grown = case["with"].replace("{repeat}", case["repeat"] * n)
        text = spec.replace(case["replace"], grown, 1)
        return lambda: check_document(
            text,
            "features/integrations/grown.md",
            architecture=_architecture(),
            config=config,
            rules=rules,
        )

    return build


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_check_grows_linearly(case: dict[str, Any]) -> None:
    assert_linear(_builder(case), case["start"], case.get("factor", 4))


# -- the readers of this project, grown directly ------------------------------------------


def test_atx_heading_split_is_linear_in_the_spaces_before_the_text() -> None:
    assert_linear(lambda n: lambda line="# a" + " " * n + "b #": split_atx_heading(line), 1000)


def test_atx_heading_split_is_linear_in_a_trailing_run_of_marks() -> None:
    assert_linear(
        lambda n: lambda line="# " + "#" * n + " x" + " #" * n: split_atx_heading(line), 1000
    )


def test_glob_matching_is_linear_in_the_path_depth() -> None:
    def build(n: int) -> Callable[[], object]:
        path = "/".join(["dir"] * n) + "/spec.md"
        return lambda: matches_glob("**/dir/**/*.md", path) and excluded_by(("**/_*",), path)

    assert_linear(build, 100)


def test_glob_matching_is_linear_in_a_long_name() -> None:
    def build(n: int) -> Callable[[], object]:
        path = "features/" + "a" * n + ".md"
        return lambda: matches_glob("features/*a*a*a*b.md", path)

    assert_linear(build, 1000)


def test_suppression_parsing_is_linear_in_comments() -> None:
    def build(n: int) -> Callable[[], object]:
        text = "# T\n\n" + "".join(
            f"line {i} <!-- ispec: ignore ST00{i % 9} -->\n" for i in range(n)
        )
        return lambda: find_suppressions(text).unknown_codes(("ST001",), "x.md")

    assert_linear(build, 100)


def test_reading_line_breaks_is_linear() -> None:
    assert_linear(lambda n: lambda raw="a\r\nb\rc\n" * n: SourceText.from_raw(raw).encode(), 1000)


def test_applying_many_fixes_is_linear() -> None:
    def build(n: int) -> Callable[[], object]:
        source = SourceText.from_raw("| a |\r\n" * n)
        fixes = [Fix("pad", (TextEdit(line, line, "| a |  |\n"),)) for line in range(1, n + 1)]
        return lambda: unified_diff("x.md", source, apply_to_source(source, fixes)[0])

    assert_linear(build, 200)


def test_architecture_reference_is_linear_in_its_length() -> None:
    assert_linear(lambda n: lambda value="[" + "](" * n + ")": reference_target(value), 1000)


def test_baseline_round_trip_is_linear_in_findings(tmp_path: Path) -> None:
    def build(n: int) -> Callable[[], object]:
        findings = [
            (Diagnostic(code="ST012", severity=Severity.WARNING, message=f"m{i}", path="a.md"), "x")
            for i in range(n)
        ]
        target = tmp_path / f"baseline-{n}.json"
        target.write_text(baseline_document(findings), encoding="utf-8")
        return lambda: load_baseline(target)

    assert_linear(build, 200)


def test_configuration_is_linear_in_its_settings(tmp_path: Path) -> None:
    codes = frozenset(f"ST{i:03d}" for i in range(1, 20))

    def build(n: int) -> Callable[[], object]:
        folder = tmp_path / f"config-{n}"
        folder.mkdir(exist_ok=True)
        globs = ", ".join(f'"features/f{i}/**/*.md"' for i in range(n + 1))
        (folder / ".integration-spec.toml").write_text(f"specs = [{globs}]\n", encoding="utf-8")
        return lambda: load_config(folder, codes)

    assert_linear(build, 100)


def test_analyze_grows_linearly_in_flow_steps() -> None:
    from integration_spec import analyze, parse_spec_text

    text = (EXAMPLE / "features" / "integrations" / "order-fulfillment.md").read_text("utf-8")
    head, rest = text.split("### Flow Steps\n", 1)
    tail = "\n## " + rest.split("\n## ", 1)[1]

    def build(n: int) -> Callable[[], object]:
        steps = "".join(
            f"{i + 1}. **Step {i + 1}** (payments)\n   - Input: x{i}\n   - Action: Capture {i}\n"
            f"   - Output: y{i}\n   - Failure: timeout: retry twice\n"
            for i in range(n)
        )
        spec = parse_spec_text(head + "### Flow Steps\n" + steps + tail, "grown.md")
        return lambda: analyze(spec)

    assert_linear(build, 10)
