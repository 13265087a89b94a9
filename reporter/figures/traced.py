"""Figures as templates see them, remembering every place they were shown.

A ``FigureView`` wraps an aggregated ``Figure`` for a template (``{{ 指标.私搭乱建 | 确数 }}``);
the Chinese formatting filters call back into the ``ShownFigures`` recorder, so that after
rendering the recorder lists each figure exactly as it appears in the document, with the
total and the cells it came from. Each figure's text leaves the filter between marks
(``reporter.printed``) and the renderer reports the text the document finally prints.

A draft (``--allow-missing``) never shows an incomplete figure as if it were whole: a figure
some units have not reported is followed by 〔N个单位未报〕, one lacking a whole period by
〔缺2018年10月〕. Without ``--allow-missing`` showing such a figure is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from reporter.cnfmt import FormatError, exact, percent
from reporter.model import Aggregation, Figure, Indicator
from reporter.printed import Marks

# Figures computed from the reported values rather than added up: written with the indicator's decimals.
COMPUTED = (Aggregation.RATIO, Aggregation.AVERAGE)


@dataclass(frozen=True)
class Shown:
    """One figure as it appears in a document: the text and where its total came from.

    ``scope`` is 本期, 累计, 上期 or 同期; ``what`` is 合计 (the figure) or 指标任务 (its target)."""

    figure: Figure
    text: str
    what: str = "合计"
    source_note: str = ""
    scope: str = "本期"
    # For a comparison (环比, 比上期 …): the earlier figure compared with.
    against: Figure | None = None


@dataclass
class ShownFigures:
    """Collects, in order of first appearance, every figure a rendering showed.

    ``allow_missing``: a draft may show incomplete figures (marked); otherwise they are refused."""

    allow_missing: bool = False
    shown: list[Shown] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.marks = Marks(self.printed)

    def record(self, shown: Shown) -> int:
        """Remember ``shown``; returns its number for the marks around its text."""
        self.shown.append(shown)
        return len(self.shown) - 1

    def printed(self, number: int, text: str) -> None:
        """The document prints figure ``number`` as ``text`` (told by the renderer)."""
        self.shown[number] = replace(self.shown[number], text=text)

    def records(self) -> list[Shown]:
        """What a rendering recorded: every figure shown, as printed."""
        return self.shown

    def adopt(self, records: list[Shown]) -> None:
        """Take over what a rendering in another process recorded."""
        self.shown = records

    @property
    def items(self) -> list[Shown]:
        """Each figure once per distinct printed text, in order of first appearance."""
        unique: list[Shown] = []
        for item in self.shown:
            if not any(_same(item, other) for other in unique):
                unique.append(item)
        return unique


def _same(a: Shown, b: Shown) -> bool:
    # Figures, not indicator codes: a unit's own figure is not the total of its indicator.
    return (a.figure, a.text, a.what, a.scope) == (b.figure, b.text, b.what, b.scope)


class FigureView:
    """An indicator's figure in a template: ``合计`` is the exact total, ``目标`` the target.

    ``scope`` names which figure it is: 本期 (``指标``), 累计, 上期 or 同期."""

    def __init__(self, figure: Figure, recorder: ShownFigures, what: str = "合计",
                 value: Decimal | None = None, source_note: str = "", scope: str = "本期",
                 compare: Mapping[str, Figure] | None = None):
        self.figure = figure
        self.recorder = recorder
        self.what = what
        self.value = figure.total if value is None and what == "合计" else value
        self.source_note = source_note
        self.scope = scope
        self.earlier: Figure | None = None
        # This period's figure knows the earlier ones it can be compared with (上期, 同期).
        self.compare: Mapping[str, Figure] = compare or {}

    @property
    def measure(self) -> str:
        return self.figure.indicator.measure

    def shown(self, text: str) -> str:
        """Record that this figure appeared as ``text`` (marked when incomplete); returns the
        text between marks, for the renderer to read back as printed."""
        text += self.gap_mark()
        number = self.recorder.record(Shown(self.figure, text, self.what, self.source_note, self.scope,
                                                self.earlier))
        return self.recorder.marks.mark(number, text)

    def gap_mark(self) -> str:
        """〔…〕 after a figure that lacks data, "" for a whole one; refused outside drafts."""
        if self.what != "合计":
            return ""
        figure = self.figure
        if figure.missing_periods:
            labels = "、".join(p.label for p in figure.missing_periods)
            if not self.recorder.allow_missing:
                folders = "、".join(f"inputs/{p.key}/" for p in figure.missing_periods)
                raise FormatError(f"“{figure.indicator.name}”（{self.scope}）缺少{labels}的数据：{folders} "
                                  "中没有填报表，请补齐该月各单位的表；如需先出草稿，请加 --allow-missing")
            return f"〔缺{labels}〕"
        if figure.missing and self.value is not None:
            if not self.recorder.allow_missing:
                when = figure.period.label if figure.period else ""
                raise FormatError(f"“{figure.indicator.name}”（{self.scope}）有 {len(figure.missing)} 个单位"
                                  f"{when}未报送，请补齐；如需先出草稿，请加 --allow-missing")
            return f"〔{len(figure.missing)}个单位未报〕"
        return ""

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
    def 目标(self) -> FigureView:
        """The configured target, shown like a figure and traced to the configuration."""
        return FigureView(self.figure, self.recorder, "指标任务", self.figure.indicator.target,
                          "配置文件（inputs/配置.toml）中该指标的 target", self.scope)

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
