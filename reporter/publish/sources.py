"""The data-source companion workbook: where every figure and work note of a document came from.

Sheet 数字来源 lists each figure as the document shows it, its exact total and how it adds
up, then one row per contributing unit with its value and ``file:sheet!cell``. Sheet
举措来源 lists the work notes in the order they were placed. All user text is stored as text.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import Workbook

from reporter.figures.traced import Shown
from reporter.model import Campaign, Figure, PlacedNote
from reporter.publish.xlsx import (
    TableWriter,
    set_up_printing,
    workbook_bytes,
    write_header,
)

SOURCES_SUFFIX = "-数据来源.xlsx"
FIGURE_HEADERS = (("序号", 6), ("指标", 28), ("文中写作", 12), ("精确值", 12), ("计量单位", 9),
                  ("汇总方式", 9), ("单位", 16), ("单位数值", 10), ("来源（文件:工作表!单元格）", 46))
NOTE_HEADERS = (("部分", 24), ("文中序号", 9), ("标题", 30), ("单位", 16), ("来源（文件:工作表!单元格）", 46))


EXCEL_DIGITS = 15  # Excel keeps and shows 15 significant digits of a number


def _number(value: Decimal | None) -> int | float | str | None:
    """A Decimal as an Excel number (int when whole); as text when Excel would round it
    (more than 15 significant digits), so the exact value is what the sheet shows."""
    if value is None:
        return None
    if len(value.normalize().as_tuple().digits) > EXCEL_DIGITS:
        return format(value, "f")
    return int(value) if value == value.to_integral_value() else float(value)


def _figure_rows(table: TableWriter, campaign: Campaign, number: int, shown: Shown) -> None:
    figure = shown.figure
    indicator = figure.indicator
    scope = "" if shown.scope == "本期" else f"（{shown.scope}）"
    if shown.against is not None:
        table.add([number, f"{indicator.name}（{shown.what}）", shown.text, None, indicator.measure,
                  f"本期与{shown.scope}比较", "", None, ""])
        for label, compared in (("本期", figure), (shown.scope, shown.against)):
            _total_row(table, f"{label}：{_period_label(compared)}", compared)
            _contribution_rows(table, campaign, compared, "  ")
        return
    if shown.what != "合计":
        table.add([number, f"{indicator.name}{scope}（{shown.what}）", shown.text, _number(indicator.target),
                  indicator.measure, "配置", "", None, shown.source_note])
        return
    table.add([number, f"{indicator.name}{scope}", shown.text, _number(figure.total), indicator.measure,
              _how(figure), "", None, ""])
    _contribution_rows(table, campaign, figure, "")


def _how(figure: Figure) -> str:
    """How a figure adds up, as the 汇总方式 column says it."""
    if figure.office:
        return "办公室给定"
    if figure.indicator.running_latest and (figure.by_period or figure.missing_periods):
        return "最新一期"
    if figure.by_period or figure.missing_periods:
        return f"{figure.indicator.aggregation.value}（逐月）"
    return figure.indicator.aggregation.value


def _period_label(figure: Figure) -> str:
    return figure.period.label if figure.period else ""


def _total_row(table: TableWriter, label: str, figure: Figure) -> None:
    table.add([None, label, "", _number(figure.total), figure.indicator.measure, _how(figure), "", None, ""])


def _contribution_rows(table: TableWriter, campaign: Campaign, figure: Figure, prefix: str) -> None:
    if figure.office:
        table.add([None, "", "", None, "", "", prefix + campaign.office, _number(figure.total),
                  "配置文件（inputs/配置.toml）中该指标的 value"])
        return
    for part, role in zip(figure.parts, ("分子", "分母")):
        _total_row(table, f"{role}：{part.indicator.name}", part)
        _contribution_rows(table, campaign, part, "  ")
    if figure.by_period or figure.missing_periods:
        # A running total: each period's figure and what it came from, months in order.
        months = sorted([(f.period.key if f.period else "", f) for f in figure.by_period]
                        + [(p.key, None) for p in figure.missing_periods], key=lambda pair: pair[0])
        missing = {p.key: p for p in figure.missing_periods}
        for key, month in months:
            if month is None:
                table.add([None, f"{prefix}{missing[key].label}", "", None, "", "", "", None,
                          f"缺：inputs/{key}/ 中没有填报表"])
            else:
                _total_row(table, f"{prefix}{_period_label(month)}", month)
                _contribution_rows(table, campaign, month, prefix + "  ")
        return
    for c in figure.contributions:
        table.add([None, "", "", None, "", "", prefix + campaign.unit(c.unit_code).short, _number(c.value),
                  str(c.source)])
    for code in figure.missing:
        table.add([None, "", "", None, "", "", prefix + campaign.unit(code).short, None, "未报送"])
    for period in figure.missing_periods:
        table.add([None, "", "", None, "", "", "", None, f"缺：inputs/{period.key}/ 中没有填报表"])


def sources_bytes(campaign: Campaign, shown: list[Shown], notes: list[PlacedNote], title: str) -> bytes:
    """The companion workbook as reproducible .xlsx bytes."""
    wb = Workbook()
    figures = wb.active
    figures.title = "数字来源"
    write_header(figures, 1, FIGURE_HEADERS)
    table = TableWriter(figures)
    for number, item in enumerate(shown, start=1):
        _figure_rows(table, campaign, number, item)
    set_up_printing(figures, 1, rows=range(1, table.row))
    placed = wb.create_sheet("举措来源")
    write_header(placed, 1, NOTE_HEADERS)
    table = TableWriter(placed)
    for note in notes:
        table.add([note.section, note.ordinal, note.title, note.unit, note.source])
    set_up_printing(placed, 1, rows=range(1, table.row))
    wb.properties.title = title
    wb.properties.creator = campaign.office
    stamp = dt.datetime.combine(campaign.report_date or dt.date(campaign.period.year, campaign.period.month, 1),
                                dt.time())
    return workbook_bytes(wb, stamp)
