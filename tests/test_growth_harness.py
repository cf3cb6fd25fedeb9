"""The growth harness itself: it passes linear code and fails quadratic code.

Without this a harness that measured noise (or nothing) would pass every growth test.
"""

from __future__ import annotations

import pytest

from tests.growth import assert_linear


def test_linear_code_passes() -> None:
    assert_linear(lambda n: lambda text="a" * n: text.count("a"), 1000)


def test_quadratic_code_fails() -> None:
    def quadratic(n: int) -> object:
        return sum(1 for i in range(n) for _ in range(i))

    with pytest.raises(AssertionError, match="superlinear"):
        assert_linear(lambda n: lambda: quadratic(n), 50)
