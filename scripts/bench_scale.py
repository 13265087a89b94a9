"""The sizes the benchmarks run at: the city scale of ``make bench``, or a tiny one when the
environment variable ``REPORTER_BENCH_TINY`` is 1.

The test suite runs every benchmark at the tiny scale, to know that it still runs to its last
line; the figures it then prints measure nothing and its PASS/BELOW verdicts mean nothing.
The benchmarks' child processes inherit the variable, so they run at the same scale.
"""

from __future__ import annotations

import os
from typing import TypeVar

VARIABLE = "REPORTER_BENCH_TINY"

T = TypeVar("T")


def tiny() -> bool:
    """Whether the benchmarks run at the tiny scale (``REPORTER_BENCH_TINY=1``)."""
    return os.environ.get(VARIABLE) == "1"


def size(full: T, small: T) -> T:
    """``full`` at the city scale of ``make bench``, ``small`` at the tiny scale."""
    return small if tiny() else full
