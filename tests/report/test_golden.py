"""Every fixture report in every format matches its golden file (regenerate: see reports.py)."""

from __future__ import annotations

import pytest

from integration_spec.report import FORMATS, render_report
from tests.report.reports import REPORT_NAMES, assert_golden, golden_path, load_report


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("name", REPORT_NAMES)
def test_output_matches_golden_file(name: str, output_format: str) -> None:
    actual = render_report(load_report(name), output_format)
    assert_golden(actual, golden_path(name, output_format))


def test_fixtures_are_found() -> None:
    assert {"empty", "two-findings", "run-level", "escaping"} <= set(REPORT_NAMES)
