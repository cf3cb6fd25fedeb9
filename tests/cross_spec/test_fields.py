"""How a payload cell and a step's Input name fields: what XS003 and XS008 compare."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integration_spec.facts.artifacts import fields_read, payload_fields


@pytest.mark.parametrize(
    ("cell", "fields"),
    [
        ("orderId, total", {"orderid", "total"}),
        ("{ orderId, total: Money }", {"orderid", "total"}),
        ("orderId", {"orderid"}),
        ("OrderPlacedPayload", None),  # a type defined in Shared Types, not one field
        ("the order and its lines", None),
        ("", None),
    ],
)
def test_payload_cell(cell: str, fields: set[str] | None) -> None:
    assert payload_fields(cell) == (frozenset(fields) if fields is not None else None)


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("OrderPlaced (orderId, total)", [("OrderPlaced", ("orderId", "total"))]),
        ("`OrderShipped` (customer.email, lines[])", [("OrderShipped", ("customer", "lines"))]),
        (
            "OrderConfirmed (reservationId), shipping address from PaymentCaptured",
            [("OrderConfirmed", ("reservationId",))],
        ),
        ("OrderPlaced (from the outbox)", []),
        ("Cart (cartId, lines)", []),  # not an event: an artifact handed over
        ("OrderPlaced (orderId", []),
    ],
)
def test_fields_read_from_an_input(text: str, reads: list[tuple[str, tuple[str, ...]]]) -> None:
    assert fields_read(text) == reads


@given(st.text(alphabet="OrderPlaced(),. ab_[]`*:;{}", max_size=60))
def test_reading_any_input_never_crashes(text: str) -> None:
    for name, fields in fields_read(text):
        assert name in text
        assert fields
