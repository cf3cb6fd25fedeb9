"""Shared Types written in TypeScript become JSON Schemas of message payloads."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integration_spec.export.typescript import parse_declarations


def _schemas(source: str) -> dict[str, Any]:
    declarations, _ = parse_declarations(source)
    return {declaration.name: declaration.schema for declaration in declarations}


def test_an_interface_is_an_object_with_required_and_optional_fields() -> None:
    schemas = _schemas(
        """
        // Money comes from foundation.
        export interface OrderPlaced {
          orderId: string;
          readonly total: Money;
          note?: string; // free text from the customer
          cancelledAt: string | undefined
          lines: ReadonlyArray<OrderLine>,
          tags: string[];
        }
        """
    )
    assert schemas["OrderPlaced"] == {
        "type": "object",
        "properties": {
            "orderId": {"type": "string"},
            "total": {"$ref": "#/components/schemas/Money"},
            "note": {"type": "string", "description": "free text from the customer"},
            "cancelledAt": {"type": "string"},
            "lines": {"type": "array", "items": {"$ref": "#/components/schemas/OrderLine"}},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["orderId", "total", "lines", "tags"],
    }


def test_type_aliases_unions_literals_and_maps() -> None:
    schemas = _schemas(
        """
        type Status = 'placed' | 'shipped' | "cancelled";
        type Owner =
          | { kind: 'account'; accountId: string }
          | { kind: 'guest'; guestSessionId: string };
        type Counts = Record<string, number>;
        type Maybe = string | null;
        type Both = A & { extra: boolean };
        """
    )
    assert schemas["Status"] == {"enum": ["placed", "shipped", "cancelled"]}
    assert [member["properties"]["kind"] for member in schemas["Owner"]["anyOf"]] == [
        {"const": "account"},
        {"const": "guest"},
    ]
    assert schemas["Counts"] == {"type": "object", "additionalProperties": {"type": "number"}}
    assert schemas["Maybe"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert schemas["Both"]["allOf"][0] == {"$ref": "#/components/schemas/A"}


def test_extends_enums_and_what_is_not_data() -> None:
    schemas = _schemas(
        """
        import { Money } from './money';
        enum Channel { Email = 'email', Sms = 'sms' }
        interface Base { id: string }
        interface Event<T> extends Base { payload: T; handle(event: Event<T>): void; at: Date }
        function helper(x: number) { return { notAType: x }; }
        class Thing { field: string }
        """
    )
    assert schemas["Channel"] == {"enum": ["email", "sms"]}
    event = schemas["Event"]
    assert event["allOf"][0] == {"$ref": "#/components/schemas/Base"}
    assert set(event["allOf"][1]["properties"]) == {"payload", "at"}
    assert event["allOf"][1]["properties"]["at"] == {"type": "string", "format": "date-time"}
    assert set(schemas) == {"Channel", "Base", "Event"}


@pytest.mark.parametrize(
    "source",
    [
        "interface",
        "interface X {",
        "type = ;",
        "type X = {a: ",
        "interface X { a: 'unterminated }",
        "/* open comment",
        "type X = ((((",
        "interface X { [k: string]: number; y?: }",
    ],
)
def test_broken_declarations_end_without_error(source: str) -> None:
    parse_declarations(source)


@given(st.text(alphabet="interfacetypeXY{}[]()<>|&;,:?='\"/*\n -Ab1", max_size=200))
def test_any_text_parses_without_error(source: str) -> None:
    declarations, _ = parse_declarations(source)
    for declaration in declarations:
        assert isinstance(declaration.schema, dict)
