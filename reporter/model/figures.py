"""Figures aggregated from what the units reported, each traceable to the cells it was computed from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reporter.model.campaign import Indicator
from reporter.model.inputs import CellRef


@dataclass(frozen=True)
class Contribution:
    """One unit's share in a figure, traceable to its cell."""

    unit_code: str
    value: Decimal
    source: CellRef


@dataclass(frozen=True)
class Figure:
    """An aggregated indicator: the total and every value it was computed from.

    For a ratio, ``parts`` holds the numerator and denominator figures and
    ``contributions`` is empty.
    """

    indicator: Indicator
    total: Decimal | None
    contributions: tuple[Contribution, ...] = ()
    parts: tuple["Figure", ...] = field(default=())
    missing: tuple[str, ...] = ()
