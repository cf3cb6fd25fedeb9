"""The grounding context: ranked candidates with evidence, facts, and the vagueness verdict."""

from __future__ import annotations

import pytest

from integration_spec import grounding_context
from integration_spec.draft.context import build_context
from integration_spec.draft.context_markdown import render_context
from integration_spec.draft.errors import DraftError
from integration_spec.model.architecture import Architecture
from tests.conftest import EXAMPLE

REFUND = "Refund a cancelled order and restock the items"


def test_a_word_no_module_declares_leaves_the_modules_open(shop: Architecture) -> None:
    context = build_context(shop, "Guest returns an item and gets a refund")
    assert not context.vagueness.pinned
    assert context.vagueness.unknown_words == ("returns",)
    assert "no module declares 'returns'" in context.vagueness.reason
    payments = next(c for c in context.candidates if c.module == "payments")
    assert "'refund' matches command RefundPayment" in payments.reason


def test_a_thesaurus_only_word_is_a_guess(shop: Architecture) -> None:
    context = build_context(shop, "Purchase without account")
    assert not context.vagueness.pinned
    assert context.vagueness.guessed_words == ("purchase",)
    assert context.vagueness.unknown_words == ()


def test_a_description_in_the_architectures_words_pins_the_modules(shop: Architecture) -> None:
    context = build_context(shop, REFUND)
    assert context.vagueness.pinned
    assert {"inventory", "checkout", "payments"} <= set(context.top[:3])
    inventory = context.candidates[0]
    assert inventory.module == "inventory"
    assert {(e.word, e.kind, e.item) for e in inventory.evidence} >= {
        ("restock", "command", "RestockItems")
    }


def test_modules_the_top_candidates_depend_on_are_pulled_in(shop: Architecture) -> None:
    context = build_context(shop, REFUND)
    pulled = {c.module: c.pulled_in_by for c in context.candidates if c.pulled_in_by}
    assert "identity" in pulled
    assert "checkout" in pulled["identity"]
    assert all(c.score == 0 for c in context.candidates if c.pulled_in_by)


def test_undo_pairs_and_call_directions_come_from_the_architecture(shop: Architecture) -> None:
    context = build_context(shop, REFUND)
    pairs = {(p.module, p.command, p.undo) for p in context.undo_pairs}
    assert ("payments", "CapturePayment", "RefundPayment") in pairs
    assert ("payments", "AuthorizePayment", "VoidAuthorization") in pairs
    assert ("inventory", "ReserveStock", "ReleaseReservation") in pairs
    calls = {(c.caller, c.callee) for c in context.calls}
    assert ("checkout", "payments") in calls
    assert ("payments", "checkout") not in calls


def test_the_checklist_names_the_rules_behind_each_item() -> None:
    context = grounding_context(REFUND, root=EXAMPLE)
    items = {item.item: item.codes for item in context.checklist}
    assert len(items) == 7
    assert "AR001" in items["All modules exist in architecture"]
    assert all(items.values())


def test_named_modules_come_first_and_unknown_ones_are_refused(shop: Architecture) -> None:
    context = build_context(shop, None, modules=("shipping", "payments"))
    assert context.top[:2] == ("shipping", "payments")
    assert context.candidates[0].reason == "named in --modules"
    assert not context.vagueness.pinned
    with pytest.raises(DraftError, match="did you mean 'payments'"):
        build_context(shop, None, modules=("paymnets",))


def test_existing_specs_that_share_modules_are_listed() -> None:
    context = grounding_context(REFUND, root=EXAMPLE)
    related = {spec.path: spec.modules for spec in context.related_specs}
    assert "features/integrations/order-fulfillment.md" in related
    assert set(related["features/integrations/order-fulfillment.md"]) >= {"payments", "checkout"}


def test_json_and_markdown_carry_the_same_facts(shop: Architecture) -> None:
    context = build_context(shop, REFUND)
    data = context.as_dict()
    assert data["candidates"][0]["reason"] == context.candidates[0].reason
    assert data["phases"][0] == {
        "phase": context.phases[0][0],
        "modules": list(context.phases[0][1]),
    }
    text = render_context(context)
    for heading in (
        "## Candidate modules",
        "## Allowed synchronous calls",
        "## Build phases",
        "## Commands that undo each other",
        "## Existing specs touching these modules",
        "## Validation checklist",
    ):
        assert heading in text
    assert "- checkout → payments" in text
