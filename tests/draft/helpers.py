"""Small builders shared by the planner's unit tests."""

from __future__ import annotations

from integration_spec.draft.coordination import plan_links
from integration_spec.draft.failures import plan_saga
from integration_spec.draft.flow import build_stages
from integration_spec.draft.plan import Flow, Saga
from integration_spec.draft.vocabulary import parse_query
from integration_spec.model.architecture import Architecture

GUEST_ORDER = ("identity", "pricing", "inventory", "cart", "checkout", "payments", "checkout")
GUEST_TEXT = "Purchase without account"


def plan(
    architecture: Architecture, order: tuple[str, ...], text: str | None = None
) -> tuple[Flow, Saga]:
    """Stages, links and saga for a fixed step order."""
    query = parse_query("x", text)
    flow = plan_links(architecture, build_stages(architecture, order, query))
    return flow, plan_saga(architecture, flow)


def guest(shop: Architecture) -> tuple[Flow, Saga]:
    """The guest checkout flow of the example architecture."""
    query = parse_query("guest-checkout", GUEST_TEXT)
    flow = plan_links(shop, build_stages(shop, GUEST_ORDER, query))
    return flow, plan_saga(shop, flow)
