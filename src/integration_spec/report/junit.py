"""JUnit XML, which most CI systems (GitLab, Jenkins, Azure) show as a test report.

Each finding is a test case (a failure for errors and warnings, a passing case with the text
in ``system-out`` for info), and each clean file is one passing case, so the CI shows how
many files were checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import Report

SUITE_NAME = "integration-spec"
NO_PATH = "<input>"
"""The class name of findings that belong to no file, as the text format shows them."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold even escaped (control characters, lone surrogates)."""


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The test report as an indented XML document; ``color`` and ``quiet`` are ignored."""
    suite = _suite(report)
    root = ET.Element("testsuites", name=SUITE_NAME)
    root.attrib.update(_counts(suite))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name=SUITE_NAME)
    for diagnostic in report.diagnostics:
        suite.append(_finding_case(diagnostic))
    for file_report in report.files:
        for diagnostic in file_report.diagnostics:
            suite.append(_finding_case(diagnostic))
        if not file_report.diagnostics:
            ET.SubElement(suite, "testcase", classname=_clean(file_report.path), name=SUITE_NAME)
    suite.attrib.update(_counts(suite))
    return suite


def _counts(suite: ET.Element) -> dict[str, str]:
    """``tests``, ``failures``, ``errors`` and ``skipped`` as CI readers expect them."""
    cases = suite.findall("testcase")
    failures = sum(1 for case in cases if case.find("failure") is not None)
    return {"tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"}


def _finding_case(diagnostic: Diagnostic) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=_clean(diagnostic.path or NO_PATH),
        name=_clean(_case_name(diagnostic)),
    )
    text = _clean(_full_text(diagnostic))
    if diagnostic.severity is Severity.INFO:
        ET.SubElement(case, "system-out").text = text
    else:
        failure = ET.SubElement(
            case, "failure", type=diagnostic.code, message=_clean(diagnostic.message)
        )
        failure.text = text
    return case


def _case_name(diagnostic: Diagnostic) -> str:
    if diagnostic.line is None:
        return diagnostic.code
    return f"{diagnostic.code} line {diagnostic.line}"


def _full_text(diagnostic: Diagnostic) -> str:
    """The text-format line and hint, for readers that show the failure body."""
    text = f"{diagnostic.location()}: {diagnostic.code} [{diagnostic.severity.value}] "
    text += diagnostic.message
    if diagnostic.hint:
        text += f"\nhint: {diagnostic.hint}"
    return text


def _clean(text: str) -> str:
    """Replace what XML cannot hold; ElementTree escapes the rest but would emit these."""
    return _NOT_XML.sub("\ufffd", text)
