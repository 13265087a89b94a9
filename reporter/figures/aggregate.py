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
    for indicator in campaign.reported_indicators:
        figures[indicator.code] = _reported_figure(indicator, by_indicator[indicator.code])
    for indicator in campaign.indicators:
        if indicator.is_derived:
            # The configuration requires both operands of a ratio (checked when it is read).
            assert indicator.numerator is not None and indicator.denominator is not None
            figures[indicator.code] = _ratio_figure(
                indicator, figures[indicator.numerator], figures[indicator.denominator])
    return {i.code: figures[i.code] for i in campaign.indicators}


def _reported_figure(indicator: Indicator, contributions: list[Contribution]) -> Figure:
    reported = {c.unit_code for c in contributions}
    missing = tuple(code for code in indicator.reporters if code not in reported)
    values = [c.value for c in contributions]
    if not values:
        total = None
    elif indicator.aggregation is Aggregation.SUM:
        total = sum(values, Decimal(0))
    elif indicator.aggregation is Aggregation.MAX:
        total = max(values)
    else:
        total = sum(values, Decimal(0)) / len(values)
    return Figure(indicator, total, tuple(contributions), missing=missing)


def _ratio_figure(indicator: Indicator, numerator: Figure, denominator: Figure) -> Figure:
    total = None
    if numerator.total is not None and denominator.total:
        total = numerator.total / denominator.total
        if indicator.measure == "%":
            total *= HUNDRED
    missing = tuple(dict.fromkeys(numerator.missing + denominator.missing))
    return Figure(indicator, total, parts=(numerator, denominator), missing=missing)


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
