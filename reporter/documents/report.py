"""The context of the 工作情况汇报: campaign facts, figures and numbered work notes.

Templates see Chinese names:

- ``活动``: 标题, 名称, 地区, 办公室, 署名, 报送期, 成文日期 (a date; ``| 日期``).
- ``指标``: every indicator's figure by code (``{{ 指标.私搭乱建 | 确数 }}`` → 2770处);
  ``累计``, ``上期``, ``同期`` the same for the running total, the previous period and the same
  period a year earlier, with the names of their months (``上期.报送期`` → 2018年10月,
  ``累计.起始期``) (``documents.periods``: also the filters 环比, 同比, 比上期, 比同期).
- ``举措(部分, 条数)``: the next work notes of a section, each numbered 一是、二是 … in turn
  with the section's fixed paragraphs; ``序号(部分)`` numbers a fixed paragraph of the template.
- ``连写(部分)``: all remaining notes of a section as one run-on text (一是…；二是…。).
- ``各部分``: the sections (代码, 标题) for templates that loop over them.
- ``单位``: the units, counted, listed and chosen by type or figure (see ``units``).

The report's template has its own filters (``report_filters``): the number formats also take
a figure, write it with its measure and record where it was shown (数据来源).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypedDict

from reporter import cnfmt
from reporter.documents.periods import PERIOD_NAME, START_NAME, comparison_filters, figure_views
from reporter.documents.spec import DocumentSpec
from reporter.documents.units import UnitGroup, all_units
from reporter.figures.traced import (
    FigureView,
    ShownFigures,
    as_written,
    exact_text,
    missing_text,
)
from reporter.figures.history import History
from reporter.model import Campaign, Figure, PlacedNote, WorkNote
from reporter.vocabulary import Vocabulary

SECTION_FUNCTIONS = ("举措", "序号", "连写")
END_PUNCTUATION = "。；，、：！？;,.:!?"


@dataclass(frozen=True)
class NoteView:
    """A work note as placed in the report: its ordinal and text, and where it came from."""

    序号: str
    标题: str
    内容: str
    单位: str
    note: WorkNote

    @property
    def 全文(self) -> str:
        """The paragraph: 一是 + title + 。 + text (no doubled punctuation)."""
        if not self.标题:
            return f"{self.序号}{self.内容}"
        title = self.标题 if self.标题[-1] in END_PUNCTUATION else f"{self.标题}。"
        return f"{self.序号}{title}{self.内容}"


@dataclass
class NoteCursor:
    """Hands out each section's notes in order and numbers paragraphs across a section."""

    campaign: Campaign
    notes: dict[str, list[WorkNote]]
    counters: dict[str, int] = field(default_factory=dict)
    taken: dict[str, int] = field(default_factory=dict)
    placed: list[NoteView] = field(default_factory=list)

    def next_ordinal(self, section: str) -> str:
        self._check(section)
        self.counters[section] = self.counters.get(section, 0) + 1
        return cnfmt.ordinal(self.counters[section])

    def take(self, section: str, count: int | None = None) -> list[NoteView]:
        self._check(section)
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
            raise cnfmt.FormatError(f"举措的条数应为不小于 0 的整数，而不是 {count!r}")
        start = self.taken.get(section, 0)
        pending = self.notes.get(section, [])[start:]
        chosen = pending if count is None else pending[:count]
        self.taken[section] = start + len(chosen)
        views = [NoteView(self.next_ordinal(section), n.title, n.text, self.campaign.unit(n.unit_code).short, n)
                 for n in chosen]
        self.placed.extend(views)
        return views

    def run_on(self, section: str) -> str:
        return cnfmt.join_items([v.全文 for v in self.take(section)])

    def records(self) -> tuple[dict[str, int], dict[str, int], list[NoteView]]:
        """What a rendering recorded: paragraph counters, notes taken, notes placed."""
        return self.counters, self.taken, self.placed

    def adopt(self, records: tuple[dict[str, int], dict[str, int], list[NoteView]]) -> None:
        """Take over what a rendering in another process recorded."""
        self.counters, self.taken, self.placed = records

    def unplaced(self) -> list[WorkNote]:
        """Notes the template never asked for."""
        return [n for code, group in self.notes.items() for n in group[self.taken.get(code, 0):]]

    def _check(self, section: str) -> None:
        if section not in self.notes:
            known = "、".join(self.notes)
            raise cnfmt.FormatError(f"“{section}”不是配置中的汇报部分代码（可用：{known}）")


@dataclass
class ReportContext:
    """The context dictionary together with what records its use."""

    values: ReportValues
    shown: ShownFigures
    cursor: NoteCursor

    def placed_notes(self) -> list[PlacedNote]:
        """The work notes the rendered template placed, in order, with where each came from."""
        titles = {s.code: s.title for s in self.cursor.campaign.sections}
        return [PlacedNote(titles[v.note.section_code], v.序号, v.标题, v.单位, str(v.note.source))
                for v in self.cursor.placed]

    def unplaced_warnings(self) -> list[str]:
        """One line per work note the template never asked for."""
        titles = {s.code: s.title for s in self.cursor.campaign.sections}
        return [f"{n.source}: 这条工作举措（{titles[n.section_code]}）没有用在汇报中：模板里没有放置 "
                f"举措('{n.section_code}')" for n in self.cursor.unplaced()]


class CampaignFacts(TypedDict):
    """The 活动 variable every template can use."""

    标题: str
    名称: str
    地区: str
    办公室: str
    署名: str
    报送期: str
    成文日期: dt.date | None
    示例数据: bool


class ReportValues(TypedDict):
    """What the 工作情况汇报 template can use (see the module's docstring)."""

    活动: CampaignFacts
    指标: Mapping[str, FigureView]
    累计: Mapping[str, FigureView]
    上期: Mapping[str, FigureView]
    同期: Mapping[str, FigureView]
    举措: Callable[..., list[NoteView]]
    序号: Callable[[str], str]
    连写: Callable[[str], str]
    各部分: list[dict[str, str]]
    任务: dict[str, int]
    单位: UnitGroup


def campaign_facts(campaign: Campaign) -> CampaignFacts:
    """The 活动 variable."""
    return {
        "标题": campaign.title or f"{campaign.region}“{campaign.name}”工作情况汇报",
        "名称": campaign.name,
        "地区": campaign.region,
        "办公室": campaign.office,
        "署名": campaign.author,
        "报送期": campaign.period.label,
        "成文日期": campaign.report_date,
        "示例数据": campaign.sample,
    }


TASK_SUMMARY_KEYS = ("总数", "已完成", "按时推进", "滞后", "逾期")


def report_context(campaign: Campaign, figures: dict[str, Figure], notes: dict[str, list[WorkNote]],
                   task_summary: dict[str, int] | None = None, history: History | None = None,
                   allow_missing: bool = False) -> ReportContext:
    """Everything the report template can use; ``任务`` counts the 责任分解表's tasks by verdict
    (共分解任务{{ 任务.总数 }}项，已完成{{ 任务.已完成 }}项 …). ``history`` holds the other
    periods' figures (without it 上期 and 同期 are missing); ``allow_missing`` makes a draft."""
    shown = ShownFigures(allow_missing)
    cursor = NoteCursor(campaign, notes)
    views = figure_views(history or History(campaign, {campaign.period: figures}), shown)
    values: ReportValues = {
        "活动": campaign_facts(campaign),
        "指标": views["指标"],
        "累计": views["累计"],
        "上期": views["上期"],
        "同期": views["同期"],
        "举措": cursor.take,
        "序号": cursor.next_ordinal,
        "连写": cursor.run_on,
        "各部分": [{"代码": s.code, "标题": s.title} for s in campaign.sections],
        "任务": task_summary or {key: 0 for key in TASK_SUMMARY_KEYS},
        "单位": all_units(campaign, figures, shown),
    }
    return ReportContext(values, shown, cursor)


def report_vocabulary_parts(campaign: Campaign) -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, str]]:
    """Top-level names, allowed attributes and aliases (indicator name → code) for lint."""
    names = frozenset(ReportValues.__annotations__)
    codes = frozenset(i.code for i in campaign.indicators)
    attributes = {
        "指标": codes, "累计": codes | {PERIOD_NAME, START_NAME}, "上期": codes | {PERIOD_NAME},
        "同期": codes | {PERIOD_NAME},
        "活动": frozenset(campaign_facts(campaign)),
        "任务": frozenset(TASK_SUMMARY_KEYS),
    }
    aliases = {i.name: i.code for i in campaign.indicators}
    return names, attributes, aliases


# cnfmt's number formats, and whether each takes the measure (处, 吨 …) after the value.
FIGURE_FORMATS: dict[Callable[..., str], bool] = {
    cnfmt.exact: True, cnfmt.approx: True, cnfmt.about: True, cnfmt.wan: True, cnfmt.yi: True,
    cnfmt.cn_round: True, cnfmt.percent: False, cnfmt.points: False,
}


def report_filters() -> dict[str, Callable[..., str]]:
    """The report template's own filters, by their Chinese and English names: cnfmt's number
    formats and 对照目标, which also take a figure (``指标.私搭乱建``), format its value and
    record where it was shown. They replace cnfmt's filters of the same names."""
    table: dict[str, Callable[..., str]] = {}
    for chinese, english, function in cnfmt.TEMPLATE_FILTERS:
        if function is cnfmt.versus_target:
            table[chinese] = table[english] = cnfmt.template_filter(chinese, _versus_target)
        elif function is cnfmt.point_change:
            table[chinese] = table[english] = _point_change
        elif function in FIGURE_FORMATS:
            table[chinese] = table[english] = _figure_filter(chinese, function, FIGURE_FORMATS[function])
    table.update(comparison_filters())
    return table


def _figure_filter(name: str, fmt: Callable[..., str], takes_measure: bool) -> Callable[..., str]:
    """A filter that formats numbers, and figures with their measure, recording the figures.
    确数 without arguments writes a computed figure (比率, 平均值) with its indicator's decimals."""

    def apply(value: object, *args: object, **kwargs: object) -> str:
        if isinstance(value, FigureView):
            if value.value is None:
                return value.shown(missing_text(value.figure))
            if fmt is cnfmt.exact and not args and not kwargs and value.what == "合计":
                return value.shown(exact_text(value.figure.indicator, value.value))
            if fmt is cnfmt.percent and value.measure != "%":
                raise cnfmt.FormatError(f"指标“{value.名称}”的计量单位是“{value.measure}”，不是百分数，"
                                        "不能用 百分比；请改用 确数 或 约数")
            extra = (value.measure,) if takes_measure else ()
            return value.shown(cnfmt.template_call(name, fmt, value.value, *args, given=extra, **kwargs))
        return cnfmt.template_call(name, fmt, value, *args, given=("",) if takes_measure else (), **kwargs)

    return apply


def _versus_target(value: object, target: object = None) -> str:
    """对照目标: a figure against its configured target (or ``target``), or a number against ``target``."""
    if isinstance(value, FigureView):
        if value.value is None:
            return value.shown(missing_text(value.figure))
        goal = value.figure.indicator.target if target is None else target
        if goal is None:
            raise cnfmt.FormatError(f"指标“{value.figure.indicator.name}”没有配置 target（指标任务），无法对照")
        return value.shown(cnfmt.versus_target(as_written(value.figure.indicator, value.value), goal, value.measure))
    return cnfmt.versus_target(value, target)


def _point_change(value: object, *args: object, **kwargs: object) -> str:
    """百分点: a difference of two percentages (a number), never a figure itself."""
    if isinstance(value, FigureView):
        code = value.figure.indicator.code
        raise cnfmt.FormatError(f"百分点 写的是两个百分数之差，如 {{{{ (指标.{code}.合计 - 上期.{code}.合计) | 百分点 }}}}，"
                                "不能直接用在指标上；与上期、去年同期比较请用 比上期、比同期")
    return cnfmt.template_filter("百分点", cnfmt.point_change)(value, *args, **kwargs)


def report_vocabulary(campaign: Campaign) -> Vocabulary:
    """What the 工作情况汇报 template may use in this workspace."""
    names, attributes, aliases = report_vocabulary_parts(campaign)
    return Vocabulary(names, attributes, frozenset(SECTION_FUNCTIONS),
                      frozenset(s.code for s in campaign.sections), aliases)


REPORT = DocumentSpec("工作情况汇报", "工作情况汇报.docx", report_vocabulary, report_filters)
