"""The JUnit format: well-formed XML with the counts and cases CI test reports read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from integration_spec.model.diagnostics import Diagnostic, Severity
from integration_spec.model.report import FileReport, Report
from integration_spec.report import render_report
from tests.report.reports import REPORT_NAMES, load_report


def _suite(report: Report) -> ET.Element:
    root = ET.fromstring(render_report(report, "junit"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite"
    assert suite.get("name") == "integration-spec"
    return suite


def test_every_fixture_is_well_formed_with_consistent_counts() -> None:
    for name in REPORT_NAMES:
        root = ET.fromstring(render_report(load_report(name), "junit"))
        for element in (root, root[0]):
            cases = root[0].findall("testcase")
            assert element.get("tests") == str(len(cases))
            failing = [case for case in cases if case.find("failure") is not None]
            assert element.get("failures") == str(len(failing))
            assert element.get("errors") == "0"


def test_findings_and_clean_files_become_cases() -> None:
    suite = _suite(load_report("mixed"))
    cases = [(case.get("classname"), case.get("name")) for case in suite]
    assert cases == [
        ("features/integrations/order-fulfilment.md", "ST001"),
        ("features/integrations/order-fulfilment.md", "CO003 line 40"),
        ("features/integrations/order-fulfilment.md", "TE001 line 58"),
        ("features/integrations/returns.md", "integration-spec"),
        ("features/integrations/loyalty.md", "XX999 line 1"),
    ]
    assert suite.get("tests") == "5"
    assert suite.get("failures") == "3"


def test_errors_and_warnings_fail_and_info_passes_with_its_text_in_system_out() -> None:
    suite = _suite(load_report("mixed"))
    error, _, info, clean, warning = suite
    failure = error.find("failure")
    assert failure is not None
    assert failure.get("type") == "ST001"
    assert failure.get("message") == "section 'Failure Modes' is missing"
    assert failure.text is not None
    assert failure.text.endswith("hint: run check --fix to add an empty section")
    assert warning.find("failure") is not None
    assert info.find("failure") is None
    assert info.findtext("system-out", "").endswith("[info] step 4 has no integration test")
    assert len(clean) == 0


def test_special_characters_survive_the_round_trip() -> None:
    message = "100% <unset> & \"quoted\" 'single', a:b\nnext Größe 注文 🎉"
    report = Report(
        files=(
            FileReport(
                path="a <b> & c.md",
                diagnostics=(
                    Diagnostic(
                        code="DF001", severity=Severity.ERROR, message=message, path="a <b> & c.md"
                    ),
                ),
            ),
        )
    )
    (case,) = _suite(report)
    assert case.get("classname") == "a <b> & c.md"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == message


def test_characters_xml_cannot_hold_are_replaced() -> None:
    message = "bell\x07 escape\x1b nul\x00 surrogate\ud800 tab\tok"
    report = Report(
        diagnostics=(Diagnostic(code="CF001", severity=Severity.ERROR, message=message),)
    )
    (case,) = _suite(report)
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "bell\ufffd escape\ufffd nul\ufffd surrogate\ufffd tab\tok"


def test_run_level_findings_are_classed_as_input() -> None:
    (case, *_) = _suite(load_report("run-level"))
    assert (case.get("classname"), case.get("name")) == ("<input>", "CF001")


def test_an_empty_report_is_an_empty_suite() -> None:
    suite = _suite(Report())
    assert len(suite) == 0
    assert suite.get("tests") == "0"
