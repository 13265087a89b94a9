"""Figures as templates see them, remembering every place they were shown.

A ``FigureView`` wraps an aggregated ``Figure`` for a template (``{{ 指标.私搭乱建 | 确数 }}``);
the Chinese formatting filters call back into the ``ShownFigures`` recorder, so that after
rendering the recorder lists each figure exactly as it appears in the document, with the
total and the cells it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from reporter.cnfmt import exact, percent
from reporter.model import Aggregation, Figure, Indicator

# Figures computed from the reported values rather than added up: written with the indicator's decimals.
COMPUTED = (Aggregation.RATIO, Aggregation.AVERAGE)


@dataclass(frozen=True)
class Shown:
    """One figure as it appears in a document: the text and where its total came from."""

    figure: Figure
    text: str
    what: str = "合计"
    source_note: str = ""


@dataclass
class ShownFigures:
    """Collects, in order of first appearance, every figure a rendering showed."""

    items: list[Shown] = field(default_factory=list)

    def record(self, shown: Shown) -> None:
        if not any(s.figure == shown.figure and s.text == shown.text
                   and s.what == shown.what for s in self.items):
            self.items.append(shown)


class FigureView:
    """An indicator's figure in a template: ``合计`` is the exact total, ``目标`` the target."""

    def __init__(self, figure: Figure, recorder: ShownFigures, what: str = "合计",
                 value: Decimal | None = None, source_note: str = ""):
        self.figure = figure
        self.recorder = recorder
        self.what = what
        self.value = figure.total if value is None and what == "合计" else value
        self.source_note = source_note

    @property
    def measure(self) -> str:
        return self.figure.indicator.measure

    def shown(self, text: str) -> str:
        """Record that this figure appeared as ``text``; returns ``text``."""
        self.recorder.record(Shown(self.figure, text, self.what, self.source_note))
        return text

    # Names templates use.
    @property
    def 合计(self) -> Decimal | None:
        """The number itself, without measure: the total (of ``目标``, the target)."""
        return self.value

    @property
    def 名称(self) -> str:
        return self.figure.indicator.name

    @property
    def 计量单位(self) -> str:
        return self.measure

    @property
    def 目标(self) -> "FigureView":
        """The configured target, shown like a figure and traced to the configuration."""
        return FigureView(self.figure, self.recorder, "指标任务", self.figure.indicator.target,
                          "配置文件（inputs/配置.toml）中该指标的 target")

    def __str__(self) -> str:
        """Without a filter a figure shows as its exact value with the measure: 2770处."""
        if self.value is None:
            return self.shown(missing_text(self.figure))
        return self.shown(exact_text(self.figure.indicator, self.value))


def exact_text(indicator: Indicator, value: Decimal) -> str:
    """A figure's exact value as documents write it: a reported total as it is (2770处); a
    computed one (比率, 平均值) rounded half up to the indicator's decimals, a ratio in
    percent as a percentage (90.07%)."""
    if indicator.aggregation not in COMPUTED:
        return exact(value, indicator.measure)
    if indicator.measure == "%":
        return percent(value, indicator.decimals)
    return exact(as_written(indicator, value), indicator.measure)


def as_written(indicator: Indicator, value: Decimal) -> Decimal:
    """The value a document writes for a figure: a computed one (比率, 平均值) rounded half up to
    the indicator's decimals, so that comparisons with it agree with the text (12.6%, not 12.615…%)."""
    if indicator.aggregation not in COMPUTED:
        return value
    return value.quantize(Decimal(1).scaleb(-indicator.decimals), rounding=ROUND_HALF_UP)


def missing_text(figure: Figure) -> str:
    """What a draft shows for a figure that no unit has reported yet."""
    return f"〔缺数：{figure.indicator.name}〕"
