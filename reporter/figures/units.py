"""Each unit's own figures: what one unit reported for an indicator, as a figure of its own.

A unit's figure is built like the campaign's (``aggregate``) but from that unit's single
contribution, so it is traced to the one cell it came from; a ratio is the unit's own
numerator over its own denominator. Its indicator is named after the unit
("生活垃圾清运量（东湖街道）"), so that 数据来源 tells it apart from the total.
"""

from __future__ import annotations

import dataclasses

from reporter.figures.aggregate import ratio_figure
from reporter.model import Contribution, Figure, Indicator, Unit

Contributions = dict[str, dict[str, Contribution]]


def by_unit(figures: dict[str, Figure]) -> Contributions:
    """Each figure's contributions by unit code, to find a unit's own value at once."""
    return {code: {c.unit_code: c for c in figure.contributions} for code, figure in figures.items()}


def unit_figures(figures: dict[str, Figure], unit: Unit, contributions: Contributions) -> dict[str, Figure]:
    """The figures ``unit`` has: every indicator it reports, and every ratio of two of them
    (``contributions``: ``by_unit(figures)``)."""
    own: dict[str, Figure] = {}
    for code, figure in figures.items():
        if not figure.indicator.is_derived and unit.code in figure.indicator.reporters:
            own[code] = _reported(figure, unit, contributions[code].get(unit.code))
    for code, figure in figures.items():
        indicator = figure.indicator
        if indicator.is_derived and indicator.numerator in own and indicator.denominator in own:
            assert indicator.numerator is not None and indicator.denominator is not None
            own[code] = ratio_figure(_named(figure, unit), own[indicator.numerator], own[indicator.denominator])
    return {code: own[code] for code in figures if code in own}


def _named(figure: Figure, unit: Unit) -> Indicator:
    return dataclasses.replace(figure.indicator, name=f"{figure.indicator.name}（{unit.short}）")


def _reported(figure: Figure, unit: Unit, mine: Contribution | None) -> Figure:
    if mine is None:
        return Figure(_named(figure, unit), None, missing=(unit.code,))
    return Figure(_named(figure, unit), mine.value, (mine,))
