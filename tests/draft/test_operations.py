from __future__ import annotations

from typing import Any

import pytest

from integration_spec.draft.operations import (
    event_for,
    new_event_name,
    past_tense,
    read_method,
    state_for,
    undo_for,
)
from integration_spec.draft.plan import Operation, OpKind
from integration_spec.model.architecture import Architecture
from tests.draft.conftest import load_cases

CASES = load_cases("operations.yaml")


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['module']}.{case['operation']}")
def test_what_an_operation_records_produces_and_is_undone_by(
    shop: Architecture, case: dict[str, Any]
) -> None:
    module = shop.find(case["module"])
    assert module is not None
    operation = Operation(case["operation"], OpKind(case["kind"]))
    state, _ = state_for(module, operation)
    event = event_for(module, operation)
    assert event == case["event"]
    assert undo_for(module, operation) == case["undo"]
    assert state == case["state"]
    assert read_method(module, operation, state, event) == case["read"]


@pytest.mark.parametrize(
    ("verb", "past"),
    [
        ("reserve", "reserved"),
        ("send", "sent"),
        ("ship", "shipped"),
        ("add", "added"),
        ("copy", "copied"),
        ("start", "started"),
    ],
)
def test_past_tense(verb: str, past: str) -> None:
    assert past_tense(verb) == past


def test_new_events_are_past_tense_and_never_another_modules(shop: Architecture) -> None:
    cart = shop.find("cart")
    assert cart is not None
    merged = new_event_name(shop, cart, Operation("MergeGuestCart", OpKind.COMMAND), "Cart")
    assert merged == "GuestCartMerged"
    # "OrderPlaced" belongs to checkout: a cart command named alike gets a distinct name.
    placed = new_event_name(shop, cart, Operation("PlaceOrder", OpKind.COMMAND), "Cart")
    assert placed == "CartOrderPlaced"


def test_undo_by_antonym(ledger: Architecture) -> None:
    accounts = ledger.find("accounts")
    assert accounts is not None
    assert undo_for(accounts, Operation("OpenAccount", OpKind.COMMAND)) == "CloseAccount"
