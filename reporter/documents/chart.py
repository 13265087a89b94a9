"""The score chart of a 督查通报: each unit's score as a bar, best first, the boards highlighted.

The chart is data only (a ``BarChart``); it becomes a native Word chart after rendering, so
no font is needed to make it: the reader's Word, WPS or LibreOffice draws it with its own
fonts. The template shows it where ``{{ 图表 }}`` stands, which renders ``CHART_MARKER``.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from reporter import cnfmt
from reporter.figures.scoring import RoundResult
from reporter.model import BarChart, Campaign, ChartBar, Highlight
from reporter.model.layout import CHART_FRAME_MM, CHART_ROW_MM, CHART_SMALL_TEXT_PT, CHART_TEXT_PT

# What ``{{ 图表 }}`` renders: the chart replaces it after rendering. Readable, in case a
# template puts it where no chart can go (a header).
CHART_MARKER = "〔各单位得分图表〕"
MAX_BARS = 24  # more units: the best and the worst 12, with a gap between them
GAP_LABEL = "……"
WIDTH_MM = 150
MAX_HEIGHT_MM = 200  # within the 225 mm of the type area; MAX_BARS + 1 rows: about 7 mm each
NICE_UNITS = tuple(Decimal(u) for u in ("1", "2", "5", "10", "20", "25", "50", "100", "200", "500", "1000"))


def _multiple(value: Decimal, step: int, rounding: str) -> Decimal:
    return (value / step).to_integral_value(rounding=rounding) * step


def axis_bounds(lowest: Decimal, highest: Decimal, base: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Minimum, maximum and gridline step of a score axis: from 0, so bar lengths compare as
    the scores do (an axis from 95 makes 98 look half of 100), or from the multiple of 5 below
    the lowest score when one is negative; to the base score (or above it, to the next multiple
    of 5, when a score exceeds it). The value on each bar tells the scores apart."""
    bottom = min(Decimal(0), _multiple(lowest, 5, ROUND_FLOOR))
    top = base if highest <= base else _multiple(highest, 5, ROUND_CEILING)
    if top <= bottom:
        top = bottom + 5
    unit = next((u for u in NICE_UNITS if (top - bottom) / u <= 10), NICE_UNITS[-1])
    return bottom, top, unit


def layout(rows: int) -> tuple[float, float]:
    """Height in millimetres and text size in points of a chart of ``rows`` bars: rows of
    CHART_ROW_MM with CHART_TEXT_PT names while they fit in MAX_HEIGHT_MM, then smaller rows
    and names."""
    if CHART_FRAME_MM + CHART_ROW_MM * rows <= MAX_HEIGHT_MM:
        return CHART_FRAME_MM + CHART_ROW_MM * rows, CHART_TEXT_PT
    return MAX_HEIGHT_MM, CHART_SMALL_TEXT_PT


def shown(bars: list[ChartBar]) -> list[ChartBar]:
    """At most MAX_BARS bars: the best and the worst halves with a gap bar between them."""
    if len(bars) <= MAX_BARS:
        return list(bars)
    half = MAX_BARS // 2
    return bars[:half] + [ChartBar(GAP_LABEL, None)] + bars[-half:]


def score_chart(campaign: Campaign, result: RoundResult) -> BarChart:
    """Every unit's score in the round, in ranking order: 红榜 units in red, 黑榜 units dark."""
    short = {u.code: u.short for u in campaign.units}
    good = {s.unit_code for s in result.red}
    bad = {s.unit_code for s in result.black}

    def highlight(code: str) -> Highlight:
        return Highlight.GOOD if code in good else Highlight.BAD if code in bad else Highlight.NONE

    bars = shown([ChartBar(short[s.unit_code], s.score, highlight(s.unit_code)) for s in result.scores])
    if campaign.inspection is None:
        raise ValueError("a scored round needs the campaign's [inspection] rules")
    base = campaign.inspection.base_score
    scores = [s.score for s in result.scores] or [base]
    bottom, top, unit = axis_bounds(min(scores), max(scores), base)
    height, text = layout(len(bars))
    return BarChart(
        title=f"第{cnfmt.cn_number(result.round.number)}轮督查各单位得分",
        series="得分", bars=tuple(bars), minimum=bottom, maximum=top, major_unit=unit,
        width_mm=WIDTH_MM, height_mm=height, text_pt=text,
    )
