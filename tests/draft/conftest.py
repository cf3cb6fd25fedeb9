"""Architectures the planner is tested against: the example shop and a small ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_spec import load_architecture
from integration_spec.model.architecture import Architecture
from tests.conftest import EXAMPLE, FIXTURES

DRAFT_FIXTURES = FIXTURES / "draft"
SHOP_ARCHITECTURE = EXAMPLE / "docs" / "architecture" / "SYSTEM-ARCHITECTURE.md"
LEDGER_ARCHITECTURE = DRAFT_FIXTURES / "ledger-architecture.md"


def load_cases(name: str) -> Any:
    """A YAML file of cases under tests/fixtures/draft."""
    return yaml.safe_load((DRAFT_FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shop() -> Architecture:
    return load_architecture(SHOP_ARCHITECTURE)


@pytest.fixture(scope="session")
def ledger() -> Architecture:
    return load_architecture(LEDGER_ARCHITECTURE)


def shop_root() -> Path:
    return EXAMPLE
