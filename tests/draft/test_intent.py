"""What the description asks for: owned modules, named operations, data-dependency order."""

from __future__ import annotations

from integration_spec import load_architecture
from integration_spec.draft.planner import DraftInputs, plan_spec
from integration_spec.model.architecture import Architecture
from tests.conftest import REPO
from tests.draft.test_properties import errors_of

HOSPITAL = load_architecture(REPO / "benchmarks" / "drafting" / "hospital-architecture.md")


def _steps(architecture: Architecture, description: str) -> list[str]:
    draft = plan_spec(architecture, DraftInputs(name="x-y", description=description))
    return [stage.operation.name or "TODO" for stage in draft.flow.stages]


def test_steps_follow_the_data_whatever_order_the_description_uses() -> None:
    forward = "Order the medication, dispense it, issue the invoice, discharge the patient"
    backward = "Discharge the patient, issue the invoice, dispense and order the medication"
    expected = ["OrderMedication", "DispenseMedication", "IssueInvoice", "DischargePatient"]
    assert _steps(HOSPITAL, forward) == expected
    backward_steps = _steps(HOSPITAL, backward)
    assert backward_steps.index("OrderMedication") < backward_steps.index("DispenseMedication")
    assert backward_steps[-1] == "DischargePatient"  # it needs the dispensing and the invoice


def test_a_refund_runs_refund_payment_after_the_cancellation(shop: Architecture) -> None:
    assert _steps(shop, "Refund a cancelled order and restock the items") == [
        "CancelOrder",
        "RefundPayment",
        "RestockItems",
    ]


def test_the_drafts_have_no_error_level_finding(shop: Architecture) -> None:
    refund = DraftInputs(name="refund-cancelled", description="Refund a cancelled order")
    assert errors_of(shop, refund) == []
    discharge = DraftInputs(
        name="discharge", description="Dispense the medication and discharge the patient"
    )
    assert errors_of(HOSPITAL, discharge) == []
