"""Growth tests: does the time grow in proportion to the input? (not: is it fast?)

A test feeds the same function an input of size ``n`` and one of size ``factor * n``
and compares the CPU time of each (the minimum of a few runs, so another process on the
machine does not count). Linear code takes about ``factor`` times as long; a quadratic
regular expression ``factor ** 2`` times, a cubic one ``factor ** 3``. The bound sits
between linear (with room for ``n log n`` and noise) and quadratic, so a test fails on
superlinear growth and on nothing else: no absolute time is ever asserted.

What is compared is the time *beyond* the input of size 0 (the fixed cost of reading an
example spec would otherwise hide the growth), and ``n`` is first doubled until that takes
long enough to measure (``MIN_SECONDS``), so the same test works on any machine.

Every input (and the empty one) is timed in a fresh fork
of the test process, so neither pays for what the other did not; the larger is stopped
once it has taken far longer than linear growth allows: a cubic expression fails in a
second instead of a minute.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass

FACTOR = 4
"""The larger input is this many times the smaller: linear growth makes the time ratio
about 4, n log n 5, quadratic 16, cubic 64; the bound is 2.5 times linear (10)."""
MIN_SECONDS = 0.05
MAX_SIZE = 1 << 16
"""Inputs stay below 64 kB: beyond that the allocator's page faults, not the
code, set the time. Code too fast to time at that size is repeated instead."""
RUNS = 3
CONFIRMATIONS = 2
"""A ratio over the bound is measured again this often: superlinear code fails every time."""
LONG_RUN = 0.25
"""A run this long is measured once: other processes cannot distort it much."""
PATIENCE = 4.0
"""The larger run is stopped after this many times the bound's worth of wall-clock time
(the machine may be busy; CPU time is what is compared when the run finishes)."""


_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def _steady_allocator() -> None:
    """Keep glibc's malloc from handing large blocks back to the system between calls.

    By default a block above a threshold that moves at run time is mapped fresh and
    unmapped on free, so a string of 700 kB can cost page faults on every call while one of
    200 kB reuses the heap: the ratio then measures the allocator, not the code. Fixed, high
    thresholds make every size reuse memory. Elsewhere than glibc this does nothing.
    """
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    mallopt(_M_TRIM_THRESHOLD, 256 << 20)


_steady_allocator()


@dataclass(frozen=True)
class Growth:
    """Sizes and CPU times of one measurement."""

    small: int
    large: int
    small_seconds: float
    large_seconds: float
    factor: int = FACTOR

    @property
    def bound(self) -> float:
        """The largest accepted ratio for this step: 2.5 times linear."""
        return 2.5 * self.factor

    @property
    def ratio(self) -> float:
        return self.large_seconds / max(self.small_seconds, 1e-9)

    def __str__(self) -> str:
        return (
            f"n={self.small}: {self.small_seconds * 1000:.1f} ms, "
            f"n={self.large}: {self.large_seconds * 1000:.1f} ms, ratio {self.ratio:.1f} "
            f"(linear ~{self.factor}, bound {self.bound})"
        )


def _seconds(run: Callable[[], object], repeat: int = 1) -> float:
    """The best CPU time of ``repeat`` calls of ``run``, over a few tries."""
    best = float("inf")
    for _ in range(RUNS):
        gc.collect()
        start = time.process_time()
        for _ in range(repeat):
            run()
        best = min(best, time.process_time() - start)
        if best > LONG_RUN:
            break
    return best


def measure(
    function: Callable[[int], Callable[[], object]], start: int, factor: int = FACTOR
) -> Growth:
    """Time ``function(n)()`` at ``n`` and ``factor * n``; ``function`` builds the input.

    Every time is taken the same way, each in a fresh fork of this process: a forked child
    pays for what the parent did not (copied pages, a cold allocator), and comparing a child
    with the parent measured that difference, not the code. The size (then the number of
    calls in a row) grows until the time beyond the empty input is long enough to measure,
    so noise of a few milliseconds cannot make the ratio.
    """
    size = start
    repeat = 1
    while True:
        fixed = _seconds_within(function(0), _UNBOUNDED, repeat)
        small = _seconds_within(function(size), _UNBOUNDED, repeat) - fixed
        if small >= MIN_SECONDS:
            break
        if size * 2 * factor <= MAX_SIZE:
            size *= 2
        elif repeat < 1 << 12:
            repeat *= 4
        else:
            break
    limit = max(2.0, PATIENCE * RUNS * 2.5 * factor * (small + fixed))
    large = _seconds_within(function(size * factor), limit, repeat) - fixed
    return Growth(size, size * factor, small, large, factor)


_UNBOUNDED = 600.0
"""The sizes below the one compared are linear or not yet large: they are never cut short."""


def _seconds_within(run: Callable[[], object], limit: float, repeat: int = 1) -> float:
    """:func:`_seconds` in a forked process; infinity when it is still running after ``limit``."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_report_seconds, args=(run, sender, repeat), daemon=True)
    process.start()
    sender.close()
    try:
        if receiver.poll(limit):
            seconds: float = receiver.recv()
            return seconds
        return float("inf")
    finally:
        process.kill()
        process.join()
        receiver.close()


def _report_seconds(run: Callable[[], object], sender: object, repeat: int) -> None:
    sender.send(_seconds(run, repeat))  # type: ignore[attr-defined]


def assert_linear(
    function: Callable[[int], Callable[[], object]], start: int, factor: int = FACTOR
) -> Growth:
    """Fail when the time grows faster than the input (see the module's documentation)."""
    growth = measure(function, start, factor)
    if growth.ratio >= growth.bound:
        # Confirm before failing: a cache or frequency hiccup on a shared machine can slow
        # one run; superlinear code is slow on every run.
        for _ in range(CONFIRMATIONS):
            again = measure(function, start, factor)
            growth = min(growth, again, key=lambda found: found.ratio)
            if growth.ratio < growth.bound:
                break
    assert growth.ratio < growth.bound, f"superlinear: {growth}"
    return growth
