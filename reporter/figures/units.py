"""Each unit's own figures: what one unit reported for an indicator, as a figure of its own.

A unit's figure is built like the campaign's (``aggregate``) but from that unit's single
contribution, so it is traced to the one cell it came from; a ratio is the unit's own
numerator over its own denominator. Its indicator is named after the unit
("生活垃圾清运量（东湖街道）"), so that 数据来源 tells it apart from the total.
"""

from __future__ import annotations

import dataclasses

from reporter.figures.aggregate import _ratio_figure
from reporter.model import Figure, Indicator, Unit


def unit_figures(figures: dict[str, Figure], unit: Unit) -> dict[str, Figure]:
    """The figures ``unit`` has: every indicator it reports, and every ratio of two of them."""
    own: dict[str, Figure] = {}
    for code, figure in figures.items():
        if not figure.indicator.is_derived and unit.code in figure.indicator.reporters:
            own[code] = _reported(figure, unit)
    for code, figure in figures.items():
        indicator = figure.indicator
        if indicator.is_derived and indicator.numerator in own and indicator.denominator in own:
            assert indicator.numerator is not None and indicator.denominator is not None
            own[code] = _ratio_figure(_named(figure, unit), own[indicator.numerator], own[indicator.denominator])
    return {code: own[code] for code in figures if code in own}


def _named(figure: Figure, unit: Unit) -> Indicator:
    return dataclasses.replace(figure.indicator, name=f"{figure.indicator.name}（{unit.short}）")


def _reported(figure: Figure, unit: Unit) -> Figure:
    mine = tuple(c for c in figure.contributions if c.unit_code == unit.code)
    total = mine[0].value if mine else None
    return Figure(_named(figure, unit), total, mine, missing=() if mine else (unit.code,))
