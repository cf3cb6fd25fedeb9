from __future__ import annotations

from typing import Any

import pytest

from integration_spec.draft.errors import DraftError
from integration_spec.draft.names import suggested_name, title_from_name, validate_name
from tests.draft.conftest import load_cases

CASES = load_cases("names.yaml")


@pytest.mark.parametrize("name", CASES["valid"])
def test_valid_names_pass_unchanged(name: str) -> None:
    assert validate_name(name) == name


@pytest.mark.parametrize("case", CASES["invalid"], ids=lambda case: repr(case["name"]))
def test_invalid_names_say_why(case: dict[str, Any]) -> None:
    with pytest.raises(DraftError) as raised:
        validate_name(case["name"])
    assert case["message"] in raised.value.message
    if "hint" in case:
        assert case["hint"] in (raised.value.hint or "")


def test_suggested_name_and_title() -> None:
    assert suggested_name("Guest_Checkout v2") == "guest-checkout-v2"
    assert title_from_name("guest-checkout-2") == "Guest Checkout 2"
