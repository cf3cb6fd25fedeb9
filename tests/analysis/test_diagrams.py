"""Diagrams are generated from the model and match what authors draw by hand."""

from __future__ import annotations

from integration_spec import parse_spec
from integration_spec.facts import saga_plan as plan_saga
from integration_spec.facts.drawings import ascii_flow, draw, mermaid_flowchart
from integration_spec.model.spec import FlowStep, IntegrationSpec
from tests.conftest import EXAMPLE, FIXTURES


def test_ascii_diagram_equals_the_hand_drawn_one_of_the_example() -> None:
    spec = parse_spec(EXAMPLE / "features/integrations/guest-checkout.md")
    assert ascii_flow(spec) == spec.diagrams[0].content + "\n"


def test_mermaid_flowchart_has_typed_edges() -> None:
    spec = parse_spec(EXAMPLE / "features/integrations/guest-checkout.md")
    chart = mermaid_flowchart(spec)
    assert chart.startswith("flowchart LR\n")
    assert 'm_identity -->|"GuestSession"| m_cart' in chart
    assert 'm_cart -.->|"GetGuestSession"| m_identity' in chart
    assert 'm_checkout ==>|"OrderPlaced"| m_notifications' in chart
    assert 'm_identity --o|"Guest session"| m_cart' in chart


def test_sequence_diagram_shows_the_deepest_rollback_newest_first() -> None:
    spec = parse_spec(FIXTURES / "analysis" / "trip-booking.md")
    sequence = draw(spec, plan_saga(spec)).mermaid_sequence
    assert "m_cars-)m_hotels: CarBooked" in sequence
    rollback = sequence[sequence.index("opt step 3") :]
    assert rollback.index("CancelHotelBooking") < rollback.index("CancelCarRental")


def test_labels_are_escaped_for_mermaid() -> None:
    spec = IntegrationSpec(
        title="t",
        flow_steps=(
            FlowStep(name="a", module="a", output='say "hi"; #1'),
            FlowStep(name="b", module="b"),
        ),
    )
    chart = mermaid_flowchart(spec)
    assert 'm_a -->|"say #quot;hi#quot;#59; #35;1"| m_b' in chart


def test_single_module_flow_draws_one_box() -> None:
    spec = IntegrationSpec(title="t", flow_steps=(FlowStep(name="s", module="solo"),))
    assert ascii_flow(spec) == "[solo]\n"
