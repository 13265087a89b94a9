"""The period variables of the report (累计, 上期, 同期) and the filters comparing periods.

``{{ 指标.X | 环比 }}`` compares this period's figure with 上期, ``同比`` with 同期: "增长12.3%",
"下降4.0%" or "持平" (one decimal; ``环比(2)`` for two). ``比上期`` and ``比同期`` give the
difference with the measure: "增加5处", "减少3处" or "持平" (written after 比上月 / 比去年同期),
between the figures as the document writes them (a computed one with its indicator's
decimals); for a percentage, in percentage points: "提高0.9个百分点", "降低0.9个百分点" or "持平".
Each comparison is recorded like a figure: 数据来源 shows its text and both figures it compares.

Each period variable also names its months, whether or not its figures are there:
``上期.报送期`` and ``同期.报送期`` (2018年10月), ``累计.起始期`` and ``累计.报送期`` (the first
and the last month 累计 adds up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from decimal import Decimal

from reporter import cnfmt
from reporter.cnfmt.changes import difference, growth, point_change
from reporter.figures.history import History
from reporter.figures.traced import COMPUTED, FigureView, ShownFigures, as_written, missing_text
from reporter.model import Figure, Indicator, Period

# Filter name -> (the scope it compares with, how the change is written).
COMPARISONS: dict[str, tuple[str, str]] = {
    "环比": ("上期", "growth"), "同比": ("同期", "growth"),
    "比上期": ("上期", "difference"), "比同期": ("同期", "difference"),
}


# The words by which a template uses other periods: a report whose template has none of them
# reads no earlier month's workbooks.
HISTORY_WORDS = ("累计", "上期", "同期", *COMPARISONS)

# The names of a period variable's months, besides its indicator codes.
PERIOD_NAME, START_NAME = "报送期", "起始期"


class PeriodFigures(Mapping[str, FigureView]):
    """The figures of one earlier period (上期, 同期) by indicator code, and ``报送期``, the
    name of that month (2018年10月), there whether or not its figures are."""

    # Its own names start with _, so that no indicator code is hidden by them (codes cannot).
    def __init__(self, views: dict[str, FigureView], period: Period):
        self._views = views
        self._period = period

    def __getitem__(self, code: str) -> FigureView:
        return self._views[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    @property
    def 报送期(self) -> str:
        return self._period.label


class RunningFigures(PeriodFigures):
    """累计: the running totals by indicator code, ``起始期`` the month they start from and
    ``报送期`` the month they run through."""

    def __init__(self, views: dict[str, FigureView], first: Period, period: Period):
        super().__init__(views, period)
        self._first = first

    @property
    def 起始期(self) -> str:
        return self._first.label


class ComparedView(FigureView):
    """A figure against the same indicator's figure of an earlier period (``what``: the filter)."""

    def __init__(self, view: FigureView, what: str, earlier: Figure, scope: str):
        super().__init__(view.figure, view.recorder, what, view.value, scope=scope)
        self.before = self.earlier = earlier

    def gap_mark(self) -> str:
        marks = [FigureView(f, self.recorder, scope=s).gap_mark()
                 for f, s in ((self.figure, "本期"), (self.before, self.scope))]
        return "".join(dict.fromkeys(m for m in marks if m))


def figure_views(history: History, recorder: ShownFigures) -> dict[str, Mapping[str, FigureView]]:
    """指标 (this period's figures, each knowing its 上期 and 同期 for the comparisons), 累计,
    上期 and 同期: every indicator's figure of that scope, by code, with the names of its months."""
    earlier = {"上期": history.previous, "同期": history.year_before}
    views: dict[str, Mapping[str, FigureView]] = {
        "指标": {code: FigureView(f, recorder, compare={s: by_code[code] for s, by_code in earlier.items()})
                 for code, f in history.current.items()}}
    figures = {"累计": history.running(), **earlier}
    by_scope = {scope: {code: FigureView(f, recorder, scope=scope) for code, f in by_code.items()}
                for scope, by_code in figures.items()}
    period = history.campaign.period
    views["累计"] = RunningFigures(by_scope["累计"], history.campaign.first_period, period)
    views["上期"] = PeriodFigures(by_scope["上期"], period.shifted(-1))
    views["同期"] = PeriodFigures(by_scope["同期"], period.shifted(-12))
    return views


def change_text(indicator: Indicator, now: Decimal, before: Decimal) -> str:
    """比上期 and 比同期: the change from ``before`` to ``now`` between the figures as documents
    write them (a computed one rounded to the indicator's decimals, so that the change agrees
    with the two figures in the text); a percentage's in percentage points."""
    now, before = as_written(indicator, now), as_written(indicator, before)
    if indicator.measure == "%":
        return point_change(now - before, indicator.decimals if indicator.aggregation in COMPUTED else None)
    return difference(now, before, indicator.measure)


def comparison_filters() -> dict[str, Callable[..., str]]:
    """环比, 同比, 比上期 and 比同期."""
    return {name: _comparison(name, scope, kind) for name, (scope, kind) in COMPARISONS.items()}


def _comparison(name: str, scope: str, kind: str) -> Callable[..., str]:
    def apply(value: object, *args: object) -> str:
        if not isinstance(value, FigureView) or scope not in value.compare or value.what != "合计":
            raise cnfmt.FormatError(f"{name} 只能用在本期指标上，如 {{{{ 指标.私搭乱建 | {name} }}}}")
        view = ComparedView(value, name, value.compare[scope], scope)
        if view.value is None or view.before.total is None:
            return view.shown("" if view.gap_mark() else missing_text(view.figure))
        if kind == "growth":
            return view.shown(growth(view.value, view.before.total, *args))
        return view.shown(change_text(view.figure.indicator, view.value, view.before.total))

    return apply
