"""Reports as data: tests/fixtures/reports/*.report.json, and the golden files they render to.

Regenerate every golden file after an intended output change with one command:

    UPDATE_GOLDEN=1 pytest tests/report

then review the diff; never edit a ``*.golden`` file by hand.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from integration_spec.check.codes import reserved_rule_info
from integration_spec.model.diagnostics import Diagnostic, RelatedLocation, Severity
from integration_spec.model.report import FileReport, Report, RuleInfo
from tests.conftest import FIXTURES, REPO

REPORTS = FIXTURES / "reports"
REPORT_SCHEMA = REPO / "docs" / "schema" / "report.schema.json"
SARIF_SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"
REPORT_SUFFIX = ".report.json"
REPORT_NAMES = tuple(
    sorted(path.name.removesuffix(REPORT_SUFFIX) for path in REPORTS.glob(f"*{REPORT_SUFFIX}"))
)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _diagnostic(data: dict[str, Any], path: str = "") -> Diagnostic:
    return Diagnostic(
        code=data["code"],
        severity=Severity(data["severity"]),
        message=data["message"],
        path=data.get("path", path),
        line=data.get("line"),
        end_line=data.get("end_line"),
        hint=data.get("hint"),
        fixable=data.get("fixable", False),
        related=tuple(
            RelatedLocation(path=place["path"], line=place.get("line"), message=place["message"])
            for place in data.get("related", ())
        ),
    )


def _rule(data: dict[str, Any]) -> RuleInfo:
    return RuleInfo(
        code=data["code"],
        name=data["name"],
        family=data["family"],
        default_severity=Severity(data["default_severity"]),
        summary=data["summary"],
        help_uri=data.get("help_uri", ""),
    )


def _file(data: dict[str, Any]) -> FileReport:
    path = data["path"]
    return FileReport(
        path=path,
        diagnostics=tuple(_diagnostic(d, path) for d in data.get("diagnostics", ())),
        suppressed=data.get("suppressed", 0),
    )


@cache
def load_report(name: str) -> Report:
    """The report in ``tests/fixtures/reports/<name>.report.json``; findings inherit the path.

    Like a real run, the report lists the catalogue's entry for each reserved code it holds.
    """
    data = json.loads((REPORTS / f"{name}{REPORT_SUFFIX}").read_text(encoding="utf-8"))
    files = tuple(_file(f) for f in data.get("files", ()))
    diagnostics = tuple(_diagnostic(d) for d in data.get("diagnostics", ()))
    rules = [_rule(r) for r in data.get("rules", ())]
    known = {rule.code for rule in rules}
    for diagnostic in (*diagnostics, *(d for file in files for d in file.diagnostics)):
        reserved = reserved_rule_info(diagnostic.code)
        if reserved is not None and diagnostic.code not in known:
            rules.append(reserved)
            known.add(diagnostic.code)
    return Report(
        files=files,
        rules=tuple(rules),
        tool_version=data.get("tool_version", ""),
        architecture=data.get("architecture"),
        diagnostics=diagnostics,
    )


def golden_path(name: str, output_format: str) -> Path:
    return REPORTS / f"{name}.{output_format}.golden"


def assert_golden(actual: str, path: Path) -> None:
    """Compare with ``path`` byte for byte (CR included), or rewrite it under UPDATE_GOLDEN=1."""
    if UPDATE:
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(actual)
        return
    assert path.exists(), (
        f"missing {path.name}; create it with: UPDATE_GOLDEN=1 pytest tests/report"
    )
    with path.open(encoding="utf-8", newline="") as file:
        expected = file.read()
    assert actual == expected, (
        f"{path.name} differs; if intended: UPDATE_GOLDEN=1 pytest tests/report"
    )


@cache
def report_schema_validator() -> jsonschema.Draft202012Validator:
    """The published JSON report schema (docs/schema/report.schema.json), itself checked."""
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


_URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _uri_format_checker() -> jsonschema.FormatChecker:
    """``uri`` and ``uri-reference`` checked against RFC 3986's character set.

    jsonschema checks these formats only with optional packages, which we do not install;
    without this an unencoded space in a SARIF path would pass here and fail in a consumer.
    """
    checker = jsonschema.FormatChecker()

    @checker.checks("uri-reference")
    def is_uri_reference(value: object) -> bool:
        return not isinstance(value, str) or _URI_REFERENCE.fullmatch(value) is not None

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        return not isinstance(value, str) or (
            is_uri_reference(value) and _SCHEME.match(value) is not None
        )

    return checker


@cache
def sarif_validator() -> jsonschema.Draft4Validator:
    """The official OASIS SARIF 2.1.0 schema (draft-04), with strict URI formats."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=_uri_format_checker())
