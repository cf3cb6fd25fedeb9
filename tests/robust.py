"""The reproducers of issue 10 as data (tests/fixtures/robust/reproducers.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import FIXTURES

ROBUST = FIXTURES / "robust"


@cache
def reproducers() -> dict[str, Any]:
    """The whole file, parsed once."""
    data: dict[str, Any] = yaml.safe_load((ROBUST / "reproducers.yaml").read_text("utf-8"))
    return data


def case_text(case: dict[str, Any]) -> str:
    """The text of a case: its fixture file, or its recipe expanded."""
    if "file" in case:
        return (ROBUST / case["file"]).read_text(encoding="utf-8")
    recipe = case["recipe"]
    return str(recipe["before"]) + str(recipe["text"]) * int(recipe["times"]) + str(recipe["after"])


def write_case(case: dict[str, Any], folder: Path, default_name: str) -> Path:
    """Write a case's text into ``folder`` under its ``as`` name (or ``default_name``)."""
    name = case.get("as", default_name)
    path = folder / name
    path.write_text(case_text(case), encoding="utf-8")
    return path
