"""Fault simulation: scenario counts, outcomes, and compensation failures reported."""

from __future__ import annotations

from integration_spec import parse_spec
from integration_spec.analysis.api import analyze
from integration_spec.analysis.faults import simulate_faults
from integration_spec.facts import spec_facts
from integration_spec.model.analysis import Outcome
from tests.analysis.flows import long_saga
from tests.conftest import FIXTURES

TRIP = FIXTURES / "analysis" / "trip-booking.md"


def test_failing_last_step_of_the_trip_compensates_in_reverse() -> None:
    report = analyze(parse_spec(TRIP))
    point = report.saga.failure_at(3)
    assert [(action.step, action.module) for action in point.compensations] == [
        (2, "hotels"),
        (1, "cars"),
    ]


def test_a_failing_compensation_is_reported_not_swallowed() -> None:
    faults = analyze(parse_spec(TRIP)).faults
    [hotel] = faults.inconsistencies
    assert hotel.cause == "compensation:2"
    assert hotel.compensation_failed
    assert hotel.categories == ("Network", "Business", "System", "Data")
    assert hotel.failure_points == (3,)
    assert hotel.left_done == (1, 2)
    assert "CancelHotelBooking" in hotel.message
    assert faults.inconsistent == hotel.scenarios == 4 * 1 * 4


def test_scenario_count_is_steps_times_categories_plus_compensation_failures() -> None:
    faults = analyze(parse_spec(TRIP)).faults
    # 3 steps x 4 categories; a failure at step 2 runs 1 compensation, at step 3 runs 2,
    # each of which may fail in 4 categories: 4 x (1 + 2) x 4.
    assert faults.step_failures == 12
    assert faults.compensation_failures == 4 * (1 + 2) * 4
    assert faults.scenarios == 12 + 48
    assert sum(faults.outcomes.values()) == faults.scenarios


def test_grouped_scenarios_add_up_to_the_inconsistent_count() -> None:
    spec = long_saga(20, pivot=12)
    faults = simulate_faults(spec_facts(spec))
    assert sum(item.scenarios for item in faults.inconsistencies) == faults.inconsistent
    assert faults.outcomes[Outcome.INCONSISTENT.value] == faults.inconsistent


def test_fifty_step_flow_is_simulated_exhaustively() -> None:
    spec = long_saga(50, pivot=30)
    facts = spec_facts(spec)
    plan = facts.saga
    faults = simulate_faults(facts)
    # A failure up to the pivot may be undone (a Business failure always is, even at a step
    # whose Timeout the spec retries): at most every compensation of the steps before it.
    undoable = [plan.compensation is not None for plan in plan.steps]
    compensations = sum(sum(undoable[: step.number - 1]) for step in plan.steps[:30])
    assert faults.steps == 50
    assert faults.step_failures == 200
    # Only failures up to the pivot run compensations; after it they are retried forward.
    assert 0 < faults.compensation_failures <= 4 * 4 * compensations
    assert faults.scenarios == faults.step_failures + faults.compensation_failures
    assert sum(faults.outcomes.values()) == faults.scenarios
    categories = {item.cause: item.categories for item in faults.inconsistencies}
    # Odd-numbered compensations are not retried: any failure of theirs is reported. Even
    # ones are retried, which overcomes all but a Business failure (nothing escalates).
    assert categories["compensation:1"] == ("Network", "Business", "System", "Data")
    assert categories["compensation:2"] == ("Business",)


def test_retried_network_failure_completes() -> None:
    spec = long_saga(4, pivot=3)
    faults = simulate_faults(spec_facts(spec))
    # Steps 1 and 2 say "retry with backoff", so their Network failures complete.
    assert faults.outcomes[Outcome.COMPLETED.value] >= 2
