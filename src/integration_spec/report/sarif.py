"""SARIF 2.1.0, the format GitHub code scanning and most IDEs import.

One run; every code in the report gets a rule entry (reading codes built from the code), and
results point at it by ``ruleIndex``. Validated against the OASIS schema in the tests.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from integration_spec.model.diagnostics import Diagnostic, RelatedLocation, Severity
from integration_spec.model.report import Report, RuleInfo
from integration_spec.report._rules import rules_of

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "integration-spec"
INFORMATION_URI = "https://github.com/integration-spec/integration-spec"
SOURCE_ROOT = "%SRCROOT%"
"""The conventional base id for paths relative to the checked-out repository."""

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The SARIF log as indented JSON; ``color`` and ``quiet`` are ignored."""
    return json.dumps(as_log(report), indent=2, ensure_ascii=False) + "\n"


def as_log(report: Report) -> dict[str, Any]:
    """The SARIF log object with its single run."""
    rules = rules_of(report)
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = [_result(d, index[d.code]) for d in report.all_diagnostics()]
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{"tool": {"driver": _driver(report, rules)}, "results": results}],
    }


def _driver(report: Report, rules: tuple[RuleInfo, ...]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": TOOL_NAME, "informationUri": INFORMATION_URI}
    if report.tool_version:
        driver["version"] = report.tool_version
    driver["rules"] = [_rule(rule) for rule in rules]
    return driver


def _rule(rule: RuleInfo) -> dict[str, Any]:
    """A reportingDescriptor; ``helpUri`` only when known (an empty URI is invalid)."""
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.code},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.default_severity]}
    descriptor["properties"] = {"tags": [rule.family]}
    return descriptor


def _result(diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": _message_text(diagnostic)},
    }
    if diagnostic.path:
        result["locations"] = [{"physicalLocation": _physical_location(diagnostic)}]
    if diagnostic.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical_location(place),
                "message": {"text": place.message},
            }
            for number, place in enumerate(diagnostic.related, 1)
        ]
    return result


def _message_text(diagnostic: Diagnostic) -> str:
    if diagnostic.hint:
        return f"{diagnostic.message}\nhint: {diagnostic.hint}"
    return diagnostic.message


def _physical_location(place: Diagnostic | RelatedLocation) -> dict[str, Any]:
    """The file, and its lines when known; places without a line get no region."""
    location: dict[str, Any] = {"artifactLocation": artifact_location(place.path)}
    if place.line is not None and place.line >= 1:
        region = {"startLine": place.line}
        end_line = place.end_line if isinstance(place, Diagnostic) else None
        if end_line is not None and end_line >= place.line:
            region["endLine"] = end_line
        location["region"] = region
    return location


def artifact_location(path: str) -> dict[str, str]:
    """``path`` as a URI reference: percent-encoded, relative to ``%SRCROOT%`` unless absolute.

    SARIF wants valid URIs, so spaces and non-ASCII characters are encoded; the path is
    otherwise kept as the user gave it, which is what code scanning matches against.
    """
    if path.startswith("/"):
        return {"uri": "file://" + _quote(path)}
    return {"uri": _quote(path), "uriBaseId": SOURCE_ROOT}


def _quote(path: str) -> str:
    """Percent-encode a path, including names that are not valid UTF-8 on disk.

    Undecodable file names reach Python as surrogate escapes; their original bytes are
    encoded, and any other lone surrogate is encoded as its code point's bytes.
    """
    try:
        return quote(path, errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(path, errors="surrogatepass")
