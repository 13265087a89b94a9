"""Figures from submissions: every indicator's total together with the values it came from.

Totals are exact (``Decimal``); each contribution keeps the file and cell it was read from,
so every figure a document shows can be traced back to the units' workbooks.
"""

from __future__ import annotations

from decimal import Decimal

from reporter.model import (
    Aggregation,
    Campaign,
    Contribution,
    Figure,
    Indicator,
    Period,
    Submission,
    WorkNote,
)

HUNDRED = Decimal(100)
UNORDERED = 10**6


def aggregate(campaign: Campaign, submissions: list[Submission]) -> dict[str, Figure]:
    """Every indicator's figure, keyed by indicator code, in catalog order."""
    by_indicator: dict[str, list[Contribution]] = {i.code: [] for i in campaign.indicators}
    for submission in _in_unit_order(campaign, submissions):
        for value in submission.values:
            by_indicator[value.indicator_code].append(
                Contribution(value.unit_code, value.value, value.source))
    figures: dict[str, Figure] = {}
    for indicator in campaign.base_indicators:
        if indicator.office_value is not None:
            figures[indicator.code] = Figure(indicator, indicator.office_value, period=campaign.period, office=True)
        else:
            figures[indicator.code] = _reported_figure(indicator, by_indicator[indicator.code], campaign.period)
    return with_ratios(campaign, figures)


def with_ratios(campaign: Campaign, figures: dict[str, Figure]) -> dict[str, Figure]:
    """``figures`` of the reported indicators completed with the ratios, in catalog order."""
    figures = dict(figures)
    for indicator in campaign.indicators:
        if indicator.is_derived:
            # The configuration requires both operands of a ratio (checked when it is read).
            assert indicator.numerator is not None and indicator.denominator is not None
            figures[indicator.code] = ratio_figure(
                indicator, figures[indicator.numerator], figures[indicator.denominator])
    return {i.code: figures[i.code] for i in campaign.indicators}


def combine(indicator: Indicator, values: list[Decimal]) -> Decimal | None:
    """The values added up the indicator's way: sum, maximum or average (None for no value)."""
    if not values:
        return None
    if indicator.aggregation is Aggregation.SUM:
        return sum(values, Decimal(0))
    if indicator.aggregation is Aggregation.MAX:
        return max(values)
    return sum(values, Decimal(0)) / len(values)


def _reported_figure(indicator: Indicator, contributions: list[Contribution], period: Period) -> Figure:
    reported = {c.unit_code for c in contributions}
    missing = tuple(code for code in indicator.reporters if code not in reported)
    total = combine(indicator, [c.value for c in contributions])
    return Figure(indicator, total, tuple(contributions), missing=missing, period=period)


def ratio_figure(indicator: Indicator, numerator: Figure, denominator: Figure) -> Figure:
    """A ratio of two figures (times 100 when its measure is %), missing what either misses."""
    total = None
    if numerator.total is not None and denominator.total:
        total = numerator.total / denominator.total
        if indicator.measure == "%":
            total *= HUNDRED
    missing = tuple(dict.fromkeys(numerator.missing + denominator.missing))
    missing_periods = tuple(dict.fromkeys(numerator.missing_periods + denominator.missing_periods))
    return Figure(indicator, total, parts=(numerator, denominator), missing=missing,
                  period=numerator.period, missing_periods=missing_periods)


def notes_by_section(campaign: Campaign, submissions: list[Submission]) -> dict[str, list[WorkNote]]:
    """Work notes grouped under their sections: by the order units gave (排序), then
    highlighted ones first, then in the order of the unit list and of the rows."""
    grouped: dict[str, list[WorkNote]] = {s.code: [] for s in campaign.sections}
    for submission in _in_unit_order(campaign, submissions):
        for note in submission.notes:
            grouped[note.section_code].append(note)
    unit_index = {u.code: i for i, u in enumerate(campaign.units)}

    def key(note: WorkNote) -> tuple:
        order = note.order if note.order is not None else UNORDERED
        return order, not note.highlight, unit_index[note.unit_code]

    return {code: sorted(notes, key=key) for code, notes in grouped.items()}


def _in_unit_order(campaign: Campaign, submissions: list[Submission]) -> list[Submission]:
    index = {u.code: i for i, u in enumerate(campaign.units)}
    return sorted(submissions, key=lambda s: index[s.unit_code])
