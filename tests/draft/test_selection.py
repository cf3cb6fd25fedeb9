from __future__ import annotations

from typing import Any

import pytest

from integration_spec.draft.errors import DraftError
from integration_spec.draft.selection import select_modules
from integration_spec.draft.vocabulary import parse_query
from integration_spec.model.architecture import Architecture
from tests.draft.conftest import load_cases

CASES = load_cases("selection.yaml")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_description_picks_the_expected_modules(shop: Architecture, case: dict[str, Any]) -> None:
    selection = select_modules(shop, parse_query(case["name"], case["description"]))
    assert set(case["includes"]) <= set(selection.modules)
    assert not set(case["excludes"]) & set(selection.modules)
    assert selection.source == "description"


def test_every_pick_has_a_reason(shop: Architecture) -> None:
    selection = select_modules(shop, parse_query("guest-checkout", "Purchase without account"))
    reasons = {pick.module: pick.reason for pick in selection.picks}
    assert "'checkout' matches the module name" in reasons["checkout"]
    assert "'purchase' (as 'payment')" in reasons["payments"]
    assert reasons["pricing"].startswith("added: ")
    assert "depend on it" in reasons["pricing"]


def test_modules_come_back_in_architecture_order(shop: Architecture) -> None:
    selection = select_modules(
        shop, parse_query("x", None), modules=["Checkout", "cart", "IDENTITY"]
    )
    assert selection.modules == ("identity", "cart", "checkout")
    assert selection.source == "modules"


def test_flow_keeps_the_users_order_and_repeats(shop: Architecture) -> None:
    flow = ["checkout", "payments", "checkout"]
    selection = select_modules(shop, parse_query("x", None), flow=flow)
    assert selection.flow == ("checkout", "payments", "checkout")
    assert selection.modules == ("payments", "checkout")


def test_unknown_module_gets_did_you_mean(shop: Architecture) -> None:
    with pytest.raises(DraftError) as raised:
        select_modules(shop, parse_query("x", None), modules=["cart", "paymnets"])
    assert "module 'paymnets' is not in the architecture" in raised.value.message
    assert "did you mean 'payments'" in (raised.value.hint or "")


def test_nothing_matching_lists_the_closest_modules(shop: Architecture) -> None:
    with pytest.raises(DraftError) as raised:
        select_modules(shop, parse_query("zebra", "quantum teleportation of llamas"))
    assert "no module of the architecture matches" in raised.value.message
    assert (raised.value.hint or "").startswith("closest: ")
    assert "--modules" in (raised.value.hint or "")


def test_a_misspelt_description_names_the_close_module(shop: Architecture) -> None:
    with pytest.raises(DraftError) as raised:
        select_modules(shop, parse_query("zz", "paymnts"))
    assert "payments" in (raised.value.hint or "").split(";")[0]


def test_flow_length_is_bounded(shop: Architecture) -> None:
    with pytest.raises(DraftError, match="over the limit"):
        select_modules(shop, parse_query("x", None), flow=["cart"] * 41)
