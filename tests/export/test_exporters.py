"""What each exporter makes of the rows a spec can hold (tests/fixtures/export/specs/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from integration_spec import (
    ExportOptions,
    InputError,
    IntegrationSpec,
    export_specs,
    parse_spec,
    parse_spec_text,
)
from integration_spec.export.flagd import default_variant
from integration_spec.export.model import Pending
from integration_spec.export.openapi import openapi_path, path_parameters
from integration_spec.export.typescript import OPEN
from tests.conftest import FIXTURES
from tests.export.conftest import example_architecture, example_specs
from tests.export.validators import (
    asyncapi_problems,
    errors,
    flagd_validator,
    load_document,
    openapi_problems,
    run_pytest,
)

EDGE = parse_spec(FIXTURES / "export" / "specs" / "edge-cases.md")


def _document(specs: IntegrationSpec | list[IntegrationSpec], kind: str, **options: Any) -> Any:
    (file,) = export_specs(specs, kind, None, ExportOptions(**options)).files
    return load_document(file.content, file.path)


def _code(call: Any) -> str:
    with pytest.raises(InputError) as raised:
        call()
    return raised.value.diagnostic.code


# --- AsyncAPI --------------------------------------------------------------------------


def test_payloads_come_from_shared_types_else_field_lists_else_open() -> None:
    document = _document(EDGE, "asyncapi")
    assert asyncapi_problems(document) == []
    messages = document["components"]["messages"]
    assert messages["OrderPaid"]["payload"] == {"$ref": "#/components/schemas/OrderPaid"}
    assert document["components"]["schemas"]["OrderPaid"]["required"] == ["orderId", "amount"]
    amount = document["components"]["schemas"]["OrderPaid"]["properties"]["amount"]
    assert amount[OPEN] is True
    assert amount["title"] == "Money"
    issued = messages["InvoiceIssued"]["payload"]
    assert list(issued["properties"]) == ["invoiceId", "lines", "total"]
    assert issued[OPEN] is True
    audit = messages["AuditTrail"]["payload"]
    assert audit[OPEN] is True
    assert audit["type"] == "object"


def test_the_publisher_sends_and_each_subscriber_receives() -> None:
    document = _document(EDGE, "asyncapi")
    actions = {
        operation_id: (operation["action"], operation["channel"]["$ref"])
        for operation_id, operation in document["operations"].items()
    }
    assert actions["billing.sendInvoiceIssued"] == ("send", "#/channels/InvoiceIssued")
    assert actions["mailer.receiveInvoiceIssued"] == ("receive", "#/channels/InvoiceIssued")
    assert actions["orders.receiveInvoiceIssued"] == ("receive", "#/channels/InvoiceIssued")
    channel = document["channels"]["InvoiceIssued"]
    assert channel["x-integration-spec-purpose"] == 'Mail it and mark the order """invoiced"""'
    assert channel["x-integration-spec-sources"][0].startswith(f"{EDGE.path}:")


def test_one_module_gets_only_its_operations_and_their_channels() -> None:
    document = _document(EDGE, "asyncapi", module="Mailer")
    assert asyncapi_problems(document) == []
    assert list(document["operations"]) == ["mailer.receiveInvoiceIssued"]
    assert list(document["channels"]) == ["InvoiceIssued"]
    assert document["info"]["title"] == "Edge Cases: mailer"


def test_an_unknown_module_is_named_with_a_suggestion() -> None:
    with pytest.raises(InputError) as raised:
        _document(EDGE, "asyncapi", module="mailr")
    assert raised.value.diagnostic.code == "EX004"
    assert "did you mean 'mailer'" in raised.value.diagnostic.message


def test_merged_specs_give_one_document_with_every_source() -> None:
    specs = example_specs()
    document = _document(specs, "asyncapi")
    order_placed = document["channels"]["OrderPlaced"]
    sources = {source.split(":")[0] for source in order_placed["x-integration-spec-sources"]}
    assert len(sources) >= 2, "OrderPlaced appears in more than one example spec"
    senders = [op for op in document["operations"] if op.endswith(".sendOrderPlaced")]
    assert senders == ["checkout.sendOrderPlaced"]


# --- OpenAPI ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "template"),
    [
        ("/orders/:id/pay", "/orders/{id}/pay"),
        ("/invoices/<invoiceId>", "/invoices/{invoiceId}"),
        ("/prices/<int:sku>/", "/prices/{sku}"),
        ("/search?q=1", "/search"),
        ("orders", None),
        ("/a b", None),
    ],
)
def test_paths_in_any_router_style_become_templates(written: str, template: str | None) -> None:
    assert openapi_path(written) == template


def test_path_parameters_are_read_from_the_template() -> None:
    assert path_parameters("/carts/{cartId}/lines/{lineId}") == ["cartId", "lineId"]


def test_created_endpoints_with_parameters_and_left_out_rows() -> None:
    result = export_specs(EDGE, "openapi")
    document = load_document(result.files[0].content, result.files[0].path)
    assert openapi_problems(document) == []
    assert set(document["paths"]) == {"/orders/{id}/pay", "/invoices/{invoiceId}"}
    pay = document["paths"]["/orders/{id}/pay"]["post"]
    assert pay["parameters"][0]["name"] == "id"
    assert pay["tags"] == ["orders"]
    assert [note.code for note in result.notes] == ["EX101", "EX101"]
    assert all(note.line for note in result.notes)


def test_used_endpoints_join_with_a_flag_under_the_callee() -> None:
    document = _document(EDGE, "openapi", include_used=True)
    assert openapi_problems(document) == []
    drafts = document["paths"]["/invoices/{orderId}/drafts"]["post"]
    assert drafts["tags"] == ["billing"]
    assert drafts["x-integration-spec-usage"] == "used"
    assert drafts["x-integration-spec-caller"] == "orders"
    assert "/invoices/{invoiceId}/pdf" in document["paths"]


def test_operation_ids_are_the_architecture_operations_that_fit() -> None:
    specs = example_specs()
    (file,) = export_specs(specs, "openapi", example_architecture()).files
    document = load_document(file.content, file.path)
    ids = {
        f"{method.upper()} {path}": operation["operationId"]
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }
    assert ids["POST /sessions/guest"] == "StartGuestSession"
    assert ids["POST /checkout/guest"] == "StartGuestCheckout"
    assert ids["POST /checkout/{id}/place-order"] == "PlaceOrder"
    assert ids["GET /carts/{id}/price-changes"] == "GetPriceChanges"
    assert ids["POST /webhooks/carrier"] == "postWebhooksCarrier", "no operation fits: derived"
    assert len(set(ids.values())) == len(ids), "operation ids are unique"


def test_without_an_architecture_operation_ids_are_derived() -> None:
    document = _document(EDGE, "openapi")
    assert document["paths"]["/invoices/{invoiceId}"]["get"]["operationId"] == (
        "getInvoicesByInvoiceId"
    )


# --- flagd -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "variant"),
    [
        ("off", "off"),
        ("Off (on for staff)", "off"),
        ("`false`", "off"),
        ("disabled", "off"),
        ("on", "on"),
        ("True", "on"),
        ("10 percent", None),
        ("", None),
    ],
)
def test_defaults_read_as_on_or_off(written: str, variant: str | None) -> None:
    assert default_variant(written) == variant


def test_flags_are_boolean_with_the_spec_default_and_purpose() -> None:
    result = export_specs(EDGE, "flagd")
    document = json.loads(result.files[0].content)
    assert errors(flagd_validator(), document) == []
    flags = document["flags"]
    assert list(flags) == ["invoicing-v2", "instant-mail", "gradual"]
    assert flags["invoicing-v2"]["defaultVariant"] == "off"
    assert flags["invoicing-v2"]["metadata"]["specDefault"] == "Off (on for staff)"
    assert flags["instant-mail"]["defaultVariant"] == "on"
    assert flags["gradual"]["defaultVariant"] == "off"
    assert flags["invoicing-v2"]["metadata"]["purpose"] == 'New "invoicing"'
    assert [note.code for note in result.notes] == ["EX102"]


def test_specs_that_disagree_on_a_default_are_not_merged() -> None:
    text = (FIXTURES / "export" / "specs" / "edge-cases.md").read_text(encoding="utf-8")
    other = parse_spec_text(text.replace("| Mail at once | on |", "| Mail at once | off |"), "b.md")
    assert _code(lambda: export_specs([EDGE, other], "flagd")) == "EX005"
    merged = json.loads(export_specs([EDGE, EDGE], "flagd").files[0].content)
    assert merged["flags"]["gradual"]["metadata"]["source"].count(";") == 1


# --- pytest ----------------------------------------------------------------------------


def _write(specs: IntegrationSpec | list[IntegrationSpec], folder: Path, **options: Any) -> None:
    for file in export_specs(specs, "pytest", None, ExportOptions(**options)).files:
        (folder / file.path).write_bytes(file.content)


def test_every_point_and_row_has_a_test_that_fails_with_its_todo(tmp_path: Path) -> None:
    _write(EDGE, tmp_path)
    ran = run_pytest(tmp_path, "-rf")
    assert ran.returncode == 1, ran.stdout
    failed = sorted(
        line.split("::")[1].split()[0]
        for line in ran.stdout.splitlines()
        if line.startswith("FAILED")
    )
    assert failed == sorted(
        [
            "test_draft_number",  # the call's row, named after the Integration Tests table
            "test_orders_calls_getinvoice",  # a call no row covers
            "test_mailer_calls_get_invoices_invoiceid_pdf",
            "test_billing_handles_orderpaid",
            "test_invoice_mail",
            "test_orders_handles_invoiceissued",
            "test_billing_handles_audittrail",
            "test_unrelated_row",
            "test_compensate_pay_order",
            "test_compensation_if_billing_fails_after_orders_succeeds",
            "test_e2e_pay_and_get_mail",
        ]
    )
    assert 'TODO: Orders calls POST /invoices/:orderId/drafts and gets "a number" \\ ok' in (
        ran.stdout
    )


def test_markers_select_the_tests_of_a_module(tmp_path: Path) -> None:
    _write(EDGE, tmp_path)
    ran = run_pytest(tmp_path, "--collect-only", "-m", "module_mailer and not e2e")
    collected = [line.split("::")[1] for line in ran.stdout.splitlines() if "::" in line]
    assert collected == [
        "test_mailer_calls_get_invoices_invoiceid_pdf",
        "test_invoice_mail",
        "test_unrelated_row",
    ]


def test_pending_tests_can_be_skipped_instead(tmp_path: Path) -> None:
    _write(EDGE, tmp_path, pending=Pending.SKIP)
    ran = run_pytest(tmp_path, "-rs")
    assert ran.returncode == 0, ran.stdout
    assert "11 skipped" in ran.stdout
    assert "TODO:" in ran.stdout
