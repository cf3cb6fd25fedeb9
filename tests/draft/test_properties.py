"""Whatever modules or flow the architecture allows, the draft passes the checker.

"Passes" means no error-level finding: warnings are expected (TODO markers where the
architecture is silent, new events not yet declared, fewer than three modules).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integration_spec import load_architecture
from integration_spec.check.config import Config
from integration_spec.check.engine import check_document, select_rules
from integration_spec.draft.errors import DraftError
from integration_spec.draft.planner import DraftInputs, plan_spec
from integration_spec.model.architecture import Architecture
from integration_spec.model.diagnostics import Severity
from integration_spec.spec.render import render_spec
from tests.conftest import EXAMPLE
from tests.draft.conftest import LEDGER_ARCHITECTURE, SHOP_ARCHITECTURE

SHOP = load_architecture(SHOP_ARCHITECTURE)
LEDGER = load_architecture(LEDGER_ARCHITECTURE)
CONFIG = Config(root=EXAMPLE)
RULES = select_rules(CONFIG)

WORDS = sorted(
    {"purchase", "guest", "order", "pay", "refund", "ship", "stock", "price", "email", "cart"}
    | {"without", "account", "cancel", "reserve", "capture", "track", "customer", "product"}
    | {"the", "and", "a", "post", "entry", "alert", "statement", "balance", "open", "close"}
)


def errors_of(architecture: Architecture, inputs: DraftInputs) -> list[str]:
    """Error-level findings of the checker on the drafted spec."""
    text = render_spec(plan_spec(architecture, inputs).spec)
    outcome = check_document(
        text,
        str(Path("features") / "integrations" / f"{inputs.name}.md"),
        architecture=architecture,
        config=CONFIG,
        rules=RULES,
    )
    return [d.format_text() for d in outcome.diagnostics if d.severity is Severity.ERROR]


def modules_of(architecture: Architecture) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(architecture.module_names), min_size=1, unique=True)


def flows_of(architecture: Architecture) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(architecture.module_names), min_size=1, max_size=9)


@settings(max_examples=80)
@given(modules=modules_of(SHOP))
def test_any_module_combination_drafts_a_spec_without_errors(modules: list[str]) -> None:
    assert errors_of(SHOP, DraftInputs(name="drafted", modules=tuple(modules))) == []


@settings(max_examples=80)
@given(flow=flows_of(SHOP), words=st.lists(st.sampled_from(WORDS), max_size=6))
def test_any_flow_drafts_a_spec_without_errors(flow: list[str], words: list[str]) -> None:
    inputs = DraftInputs(name="drafted", flow=tuple(flow), description=" ".join(words) or None)
    assert errors_of(SHOP, inputs) == []


@settings(max_examples=60)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_any_description_drafts_a_spec_without_errors_or_says_why_not(words: list[str]) -> None:
    inputs = DraftInputs(name="drafted", description=" ".join(words))
    try:
        found = errors_of(SHOP, inputs)
    except DraftError:
        with pytest.raises(
            DraftError, match=r"no module of the architecture matches|does not pin the modules down"
        ):
            plan_spec(SHOP, inputs)
        return
    assert found == []


@settings(max_examples=60)
@given(flow=flows_of(LEDGER), words=st.lists(st.sampled_from(WORDS), max_size=5))
def test_sparse_architectures_draft_without_errors(flow: list[str], words: list[str]) -> None:
    inputs = DraftInputs(name="drafted", flow=tuple(flow), description=" ".join(words) or None)
    assert errors_of(LEDGER, inputs) == []


@settings(max_examples=30)
@given(modules=modules_of(SHOP), words=st.lists(st.sampled_from(WORDS), max_size=5))
def test_drafting_is_deterministic(modules: list[str], words: list[str]) -> None:
    inputs = DraftInputs(name="drafted", modules=tuple(modules), description=" ".join(words))
    assert render_spec(plan_spec(SHOP, inputs).spec) == render_spec(plan_spec(SHOP, inputs).spec)


@settings(max_examples=40)
@given(modules=modules_of(SHOP), words=st.lists(st.sampled_from(WORDS), max_size=6))
def test_drafts_read_well_and_never_switch_off_what_exists(
    modules: list[str], words: list[str]
) -> None:
    inputs = DraftInputs(name="drafted", modules=tuple(modules), description=" ".join(words))
    draft = plan_spec(SHOP, inputs)
    text = render_spec(draft.spec)
    assert "Tto" not in text
    assert not re.search(r"\bsteps (\d+) to \1\b", text)
    assert "answers 404 in production" not in text
    delivered = [
        deliverable.text for phase in draft.spec.phases for deliverable in phase.deliverables
    ]
    assert len(delivered) == len(set(delivered))  # no phase delivers a step twice
