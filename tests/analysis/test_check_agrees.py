"""``check`` and ``analyze`` say the same about a saga: pivot, roles, compensation order.

Both report from one reading of the spec (the facts layer), so on any document the
findings ``analyze`` lists (saga, graph, boundaries) are what ``check``'s rules report on
the same lines, with no other saga (FA) finding, and the exit codes agree. Hypothesis
writes the documents (saga-shaped, in the seed's format); a disagreement is a second
reading of the same words somewhere.
"""

from __future__ import annotations

from hypothesis import given, settings

from integration_spec import analyze
from integration_spec.check.engine import check_document, select_rules
from integration_spec.model.diagnostics import Severity
from integration_spec.project.config import Config
from integration_spec.spec.parse import parse_spec_text
from tests.conftest import REPO
from tests.saga_strategies import saga_spec_texts

PATH = "features/integrations/generated.md"


@settings(max_examples=120, deadline=None)
@given(saga_spec_texts())
def test_check_reports_every_finding_of_analyze_and_no_other_saga_finding(text: str) -> None:
    config = Config(root=REPO)
    report = analyze(parse_spec_text(text, PATH), None, config=config)
    analysed = {(f.related_rule, f.line) for f in report.findings() if f.related_rule}
    codes = {code for code, _ in analysed} | {f"FA00{n}" for n in (3, 4, 6, 7, 8, 9)}
    outcome = check_document(
        text, PATH, architecture=None, config=config, rules=select_rules(config)
    )
    checked = {(d.code, d.line) for d in outcome.diagnostics if d.code in codes}
    assert checked == analysed, text


@settings(max_examples=60, deadline=None)
@given(saga_spec_texts())
def test_analyze_fails_exactly_when_its_rules_fail_check(text: str) -> None:
    config = Config(root=REPO)
    report = analyze(parse_spec_text(text, PATH), None, config=config)
    rules = {f.related_rule for f in report.findings() if f.related_rule}
    outcome = check_document(
        text, PATH, architecture=None, config=config, rules=select_rules(config)
    )
    errors = [d for d in outcome.diagnostics if d.code in rules and d.severity is Severity.ERROR]
    assert report.exit_code() == (1 if errors else 0), text
