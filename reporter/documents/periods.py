"""The period variables of the report (累计, 上期, 同期) and the filters comparing periods.

``{{ 指标.X | 环比 }}`` compares this period's figure with 上期, ``同比`` with 同期: "增长12.3%",
"下降4.0%" or "持平" (one decimal; ``环比(2)`` for two). ``比上期`` and ``比同期`` give the
difference with the measure: "增加5处", "减少3处" or "持平" (written after 比上月 / 比去年同期).
Each comparison is recorded like a figure: 数据来源 shows its text and both figures it compares.
"""

from __future__ import annotations

from collections.abc import Callable

from reporter import cnfmt
from reporter.cnfmt.changes import difference, growth
from reporter.figures.history import History
from reporter.figures.traced import FigureView, ShownFigures, missing_text
from reporter.model import Figure

# Filter name -> (the scope it compares with, how the change is written).
COMPARISONS: dict[str, tuple[str, str]] = {
    "环比": ("上期", "growth"), "同比": ("同期", "growth"),
    "比上期": ("上期", "difference"), "比同期": ("同期", "difference"),
}


# The words by which a template uses other periods: a report whose template has none of them
# reads no earlier month's workbooks.
HISTORY_WORDS = ("累计", "上期", "同期", *COMPARISONS)


class ComparedView(FigureView):
    """A figure against the same indicator's figure of an earlier period (``what``: the filter)."""

    def __init__(self, view: FigureView, what: str, earlier: Figure, scope: str):
        super().__init__(view.figure, view.recorder, what, view.value, scope=scope)
        self.before = self.earlier = earlier

    def gap_mark(self) -> str:
        marks = [FigureView(f, self.recorder, scope=s).gap_mark()
                 for f, s in ((self.figure, "本期"), (self.before, self.scope))]
        return "".join(dict.fromkeys(m for m in marks if m))


def figure_views(history: History, recorder: ShownFigures) -> dict[str, dict[str, FigureView]]:
    """指标 (this period's figures, each knowing its 上期 and 同期 for the comparisons), 累计,
    上期 and 同期: every indicator's figure of that scope, by code."""
    earlier = {"上期": history.previous, "同期": history.year_before}
    views = {"指标": {code: FigureView(f, recorder, compare={s: by_code[code] for s, by_code in earlier.items()})
                      for code, f in history.current.items()}}
    figures = {"累计": history.running(), **earlier}
    views.update({scope: {code: FigureView(f, recorder, scope=scope) for code, f in by_code.items()}
                  for scope, by_code in figures.items()})
    return views


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
        return view.shown(difference(view.value, view.before.total, view.measure))

    return apply
