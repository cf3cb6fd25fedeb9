"""The SARIF format, validated against the official OASIS SARIF 2.1.0 schema."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import unquote

import pytest

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report, RuleInfo
from integration_spec.report import render_report
from tests.report.reports import REPORT_NAMES, SARIF_SCHEMA, load_report, sarif_validator

SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
"""The OASIS file as published (see tests/fixtures/sarif/README.md)."""


def _log(report: Report) -> Any:
    return json.loads(render_report(report, "sarif"))


def _run(report: Report) -> Any:
    (run,) = _log(report)["runs"]
    return run


def _report(*diagnostics: Diagnostic, rules: tuple[RuleInfo, ...] = ()) -> Report:
    return Report(
        files=(FileReport(path="specs/a.md", diagnostics=diagnostics),),
        rules=rules,
        tool_version="1.2.3",
    )


_RULE = RuleInfo(
    code="DF002",
    name="read-before-write",
    family="data-flow",
    default_severity=Severity.ERROR,
    summary="A step reads data no earlier step writes.",
    help_uri="https://example.org/rules#df002",
)


def test_the_schema_is_the_unmodified_official_file() -> None:
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_the_validator_rejects_what_a_strict_consumer_rejects() -> None:
    validator = sarif_validator()
    log = _log(_report(Diagnostic(code="DF002", severity=Severity.ERROR, message="m", path="a")))
    assert validator.is_valid(log)
    result = log["runs"][0]["results"][0]
    for key, bad in [("level", "info"), ("ruleIndex", -2), ("unknownKey", 1)]:
        assert not validator.is_valid({**log, "runs": [{"results": [{**result, key: bad}]}]})
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "with space.md"
    assert not validator.is_valid(log)


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_output_validates_against_the_official_schema(name: str) -> None:
    sarif_validator().validate(_log(load_report(name)))


def test_log_envelope_and_driver() -> None:
    log = _log(_report(rules=(_RULE,)))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "integration-spec"
    assert driver["version"] == "1.2.3"
    assert driver["informationUri"].startswith("https://")
    assert driver["rules"] == [
        {
            "id": "DF002",
            "name": "read-before-write",
            "shortDescription": {"text": "A step reads data no earlier step writes."},
            "helpUri": "https://example.org/rules#df002",
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["data-flow"]},
        }
    ]


@pytest.mark.parametrize(
    ("severity", "level"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")],
)
def test_severity_maps_to_level(severity: Severity, level: str) -> None:
    rule = RuleInfo(
        code="ST001", name="s", family="structure", default_severity=severity, summary="s"
    )
    finding = Diagnostic(code="ST001", severity=severity, message="m", path="specs/a.md")
    run = _run(_report(finding, rules=(rule,)))
    assert run["results"][0]["level"] == level
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level


def test_reserved_codes_get_a_rule_entry_and_every_rule_index_points_at_its_rule() -> None:
    run = _run(load_report("run-level"))
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["CF001", "AX006", "AX003", "IO003"]
    assert rules[0]["name"] == "invalid-toml"
    assert "helpUri" not in rules[0]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_result_points_at_the_file_and_lines() -> None:
    finding = Diagnostic(
        code="DF002",
        severity=Severity.ERROR,
        message="reads x",
        path="specs/a.md",
        line=12,
        end_line=14,
        hint="write x first",
    )
    (result,) = _run(_report(finding, rules=(_RULE,)))["results"]
    assert result == {
        "ruleId": "DF002",
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": "reads x\nhint: write x first"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "specs/a.md", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 12, "endLine": 14},
                }
            }
        ],
    }


def test_without_a_line_there_is_no_region_and_without_a_path_no_location() -> None:
    report = Report(
        diagnostics=(
            Diagnostic(code="CF001", severity=Severity.ERROR, message="config"),
            Diagnostic(code="AX006", severity=Severity.WARNING, message="cycle", path="arch.yaml"),
        )
    )
    no_path, no_line = _run(report)["results"]
    assert "locations" not in no_path
    assert no_line["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "arch.yaml", "uriBaseId": "%SRCROOT%"}
    }


@pytest.mark.parametrize(
    ("path", "uri", "base"),
    [
        (
            "specs/order, refund: v2 (100%).md",
            "specs/order%2C%20refund%3A%20v2%20%28100%25%29.md",
            True,
        ),
        ("specs/注文.md", "specs/%E6%B3%A8%E6%96%87.md", True),
        ("/abs/with space/spec.md", "file:///abs/with%20space/spec.md", False),
    ],
)
def test_paths_become_valid_uri_references(path: str, uri: str, base: bool) -> None:
    finding = Diagnostic(code="DF002", severity=Severity.ERROR, message="m", path=path, line=1)
    log = _log(_report(finding))
    sarif_validator().validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == uri
    assert ("uriBaseId" in location["artifactLocation"]) is base
    assert unquote(uri).removeprefix("file://") == path


def test_an_empty_report_is_a_valid_log_with_no_results() -> None:
    log = _log(Report())
    sarif_validator().validate(log)
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert "version" not in run["tool"]["driver"]
