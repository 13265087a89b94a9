"""Figures aggregated from what the units reported, each traceable to the cells it was computed from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reporter.model.campaign import Indicator, Period
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
    ``contributions`` is empty. A running total (累计) lists the figure of each period it adds
    up in ``by_period``; ``missing_periods`` are the periods it lacks (no inputs folder).
    ``period`` is the period the figure belongs to (the last one for a running total).
    """

    indicator: Indicator
    total: Decimal | None
    contributions: tuple[Contribution, ...] = ()
    parts: tuple[Figure, ...] = field(default=())
    missing: tuple[str, ...] = ()
    period: Period | None = None
    by_period: tuple[Figure, ...] = ()
    missing_periods: tuple[Period, ...] = ()
    # Set when the office gave the figure (configuration ``value``) rather than the units.
    office: bool = False
