"""A small generated corpus (benchmarks/generate_corpus.py), made once per test session."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

GENERATED_SPECS = 40


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The texts of a generated architecture and its specs (seed 7, as the benchmarks use)."""
    location = REPO / "benchmarks" / "generate_corpus.py"
    spec = importlib.util.spec_from_file_location("generate_corpus", location)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    out: Path = tmp_path_factory.mktemp("corpus")
    with contextlib.redirect_stdout(io.StringIO()):
        module.generate(out, GENERATED_SPECS, 7)
    return [path.read_text(encoding="utf-8") for path in sorted(out.rglob("*.md"))]
