"""The short fuzz run of the test suite: the targets of ``targets.py`` under Hypothesis.

Seeded with the example specs and the reproducers of issue 10, then mutated. Longer runs:
``HYPOTHESIS_PROFILE=thorough`` here, or atheris (CONTRIBUTING.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, FIXTURES
from tests.fuzz.targets import TARGETS

_SPECS = [path.read_bytes() for path in sorted((EXAMPLE / "features").rglob("*.md"))]
_SPECS += [path.read_bytes() for path in sorted((FIXTURES / "robust" / "specs").glob("*.md"))]
_CONFIGS = [path.read_bytes() for path in sorted((FIXTURES / "robust" / "configs").glob("*"))]


@st.composite
def _mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few bytes replaced, inserted or deleted, or fresh bytes."""
    if not seeds or draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "line"]))
        if action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif action == "replace" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        else:
            data[position:position] = draw(
                st.sampled_from(
                    [b"\n```\n", b"\n> > > ", b"\r", b"\r\n", b"\n## Rollout Plan\n", b"<!--", b"|"]
                )
            )
    return bytes(data)


_SEEDS = {"check": _SPECS, "fix": _SPECS, "config": _CONFIGS, "baseline": [], "text": _SPECS}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_never_fails_on_mutated_input(name: str) -> None:
    target = TARGETS[name]

    @settings(max_examples=40, database=None)
    @given(_mutated(_SEEDS[name]))
    @example(b"")
    @example(b"\xef\xbb\xbf# T\r\n")
    def run(data: bytes) -> None:
        target(data)

    run()


def test_the_atheris_entry_point_knows_every_target() -> None:
    source = Path(__file__).with_name("atheris_main.py").read_text(encoding="utf-8")
    assert "TARGETS" in source
    assert set(TARGETS) == {"check", "fix", "config", "baseline", "text"}
