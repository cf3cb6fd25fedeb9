from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from integration_spec.draft.errors import DraftError
from integration_spec.draft.planner import DraftInputs, plan_spec
from integration_spec.model.architecture import Architecture
from integration_spec.model.spec import SectionKey
from integration_spec.spec.parse import parse_spec_text
from integration_spec.spec.render import render_spec
from tests.conftest import REPO
from tests.draft.conftest import DRAFT_FIXTURES, SHOP_ARCHITECTURE

PRECISE = (
    "Start a guest checkout, quote the order, reserve stock, authorize the payment, place the "
    "order and send the confirmation"
)
"""A description in the architecture's own words: it pins the modules and the operations."""


GOLDEN = DRAFT_FIXTURES / "guest-checkout-2.golden.md"
GUEST = DraftInputs(
    name="guest-checkout-2",
    description=PRECISE,
)


def test_guest_checkout_matches_the_golden_file(shop: Architecture) -> None:
    """Regenerate after an intended change: UPDATE_GOLDEN=1 pytest tests/draft/test_planner.py"""
    text = render_spec(plan_spec(shop, GUEST).spec)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_draft_is_complete(shop: Architecture) -> None:
    spec = plan_spec(shop, GUEST).spec
    assert spec.title == "Guest Checkout 2"
    assert (spec.type, spec.priority) == ("System Process", "P2")  # step 1 is an open TODO
    assert spec.summary == PRECISE
    for part in (
        spec.overview,
        spec.modules,
        spec.diagrams,
        spec.flow_steps,
        spec.sync_calls,
        spec.shared_state,
        spec.failure_modes,
        spec.compensation,
        spec.shared_types,
        spec.phases,
        spec.unit_tests,
        spec.integration_tests,
        spec.e2e_tests,
        spec.feature_flags,
        spec.migration_steps,
    ):
        assert part
    assert [diagram.language for diagram in spec.diagrams] == ["", "mermaid"]
    assert spec.diagrams[0].content.startswith("[identity] ──")


def test_the_draft_survives_its_own_round_trip(shop: Architecture) -> None:
    text = render_spec(plan_spec(shop, GUEST).spec)
    assert render_spec(parse_spec_text(text, "x.md")) == text


def test_same_inputs_same_bytes_in_one_process(shop: Architecture) -> None:
    assert render_spec(plan_spec(shop, GUEST).spec) == render_spec(plan_spec(shop, GUEST).spec)


def test_same_inputs_same_bytes_whatever_the_hash_seed() -> None:
    script = (
        "from integration_spec import load_architecture\n"
        "from integration_spec.draft.planner import DraftInputs, plan_spec\n"
        "from integration_spec.spec.render import render_spec\n"
        f"a = load_architecture({str(SHOP_ARCHITECTURE)!r})\n"
        "d = plan_spec(a, DraftInputs(name='guest-checkout-2', "
        f"description={GUEST.description!r}))\n"
        "print(render_spec(d.spec), end='')\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "12345")
    }
    assert len(outputs) == 1


def test_type_and_priority_options(shop: Architecture) -> None:
    spec = plan_spec(shop, replace(GUEST, spec_type="system-process", priority="p0")).spec
    assert (spec.type, spec.priority) == ("System Process", "P0")


def test_without_description_the_summary_names_the_modules(shop: Architecture) -> None:
    draft = plan_spec(
        shop, DraftInputs(name="fulfil", modules=("checkout", "shipping", "payments"))
    )
    assert draft.spec.summary == "Fulfil across payments, shipping and checkout."
    assert draft.spec.overview.startswith("TODO: the user or system need")


def test_reused_endpoints_are_a_note_under_api_contracts(shop: Architecture) -> None:
    spec = plan_spec(shop, GUEST).spec
    (note,) = spec.notes
    assert note.section is SectionKey.API_CONTRACTS
    assert note.markdown.startswith("Existing endpoints this integration uses unchanged:")
    assert spec.endpoints == ()


def test_bad_name_is_refused_before_planning(shop: Architecture) -> None:
    with pytest.raises(DraftError, match="path separator"):
        plan_spec(shop, DraftInputs(name="../x", description="purchase"))
